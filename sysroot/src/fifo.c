/* Named pipes: mkfifo and mkfifoat create a FIFO through l4posix (tmpfs has them; elsewhere the
 * file system answers EPERM, as Linux's do without FIFOs). mknod and mknodat create what
 * an unprivileged process may: a FIFO, or a regular file (S_IFREG or no type); devices are EPERM. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <l4posix.h>
#include "path_at.h"

L4POSIX_IMPORT(mkfifoat) int __l4posix_mkfifoat(int dirfd, const char *path, size_t len, int mode);

int mkfifoat(int fd, const char *path, mode_t mode) {
  int dirfd;
  const char *rel;
  if (__l4posix_path_at(fd, path, &dirfd, &rel) < 0) return -1;
  return l4posix_ret(__l4posix_mkfifoat(dirfd, rel, strlen(rel), mode & 07777));
}

int mkfifo(const char *path, mode_t mode) { return mkfifoat(AT_FDCWD, path, mode); }

int mknodat(int fd, const char *path, mode_t mode, dev_t dev) {
  (void)dev;
  switch (mode & S_IFMT) {
  case S_IFIFO:
    return mkfifoat(fd, path, mode & 07777);
  case 0:
  case S_IFREG: {
    int f = openat(fd, path, O_WRONLY | O_CREAT | O_EXCL, mode & 07777);
    if (f < 0) return -1;
    close(f);
    return 0;
  }
  case S_IFCHR:
  case S_IFBLK:
  case S_IFSOCK:
    errno = EPERM;
    return -1;
  default:
    errno = EINVAL;
    return -1;
  }
}

int mknod(const char *path, mode_t mode, dev_t dev) { return mknodat(AT_FDCWD, path, mode, dev); }
