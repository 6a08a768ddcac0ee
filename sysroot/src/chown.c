/* Ownership changes. Guest files have no ownership to hand over: l4wasm runs every process as one
 * unprivileged user, so, as POSIX specifies for such a caller, a change to the file's present owner
 * and group (or -1, "leave as is") succeeds and any other change fails with EPERM. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static int change(const struct stat *st, uid_t uid, gid_t gid) {
  if ((uid != (uid_t)-1 && uid != st->st_uid) || (gid != (gid_t)-1 && gid != st->st_gid)) {
    errno = EPERM;
    return -1;
  }
  return 0;
}

int fchown(int fd, uid_t uid, gid_t gid) {
  struct stat st;
  if (fstat(fd, &st) != 0) return -1;
  return change(&st, uid, gid);
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags) {
  struct stat st;
  if (fstatat(dirfd, path, &st, flags) != 0) return -1;
  return change(&st, uid, gid);
}

int chown(const char *path, uid_t uid, gid_t gid) { return fchownat(AT_FDCWD, path, uid, gid, 0); }

int lchown(const char *path, uid_t uid, gid_t gid) {
  return fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}
