/* Permission bits (the l4posix file-mode family, src/libc/l4posix_fs.ts): umask; chmod, fchmod,
 * fchmodat, lchmod; the mode of mkdir; the stat family with st_mode's permission bits; access,
 * faccessat, eaccess; chdir recording the canonical path, and fchdir; getcwd. <sys/stat.h> and <unistd.h>
 * send the calls wasi-libc also defines here by name (__l4wasm_*). On a host without l4posix (its
 * calls answer ENOSYS) stat, access and chdir fall back to what wasi-libc does alone. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>
#include <l4posix.h>
#include "path_at.h"

L4POSIX_IMPORT(umask) int __l4posix_umask(int mask);
L4POSIX_IMPORT(create_mode) int __l4posix_create_mode(int mode);
L4POSIX_IMPORT(fchmod) int __l4posix_fchmod(int fd, int mode);
L4POSIX_IMPORT(fchmodat) int __l4posix_fchmodat(int dirfd, const char *path, size_t len, int mode, int flags);
L4POSIX_IMPORT(fstat) int __l4posix_fstat(int fd, __wasi_filestat_t *buf);
L4POSIX_IMPORT(statat) int __l4posix_statat(int dirfd, const char *path, size_t len, int flags, __wasi_filestat_t *buf);
L4POSIX_IMPORT(faccessat) int __l4posix_faccessat(int dirfd, const char *path, size_t len, int amode, int flags);
L4POSIX_IMPORT(realpath) int __l4posix_realpath(int dirfd, const char *path, size_t len, char *buf, size_t size);
L4POSIX_IMPORT(chdir) int __l4posix_chdir(const char *path, size_t len);

/* wasi-libc's versions, by their own names. */
int __wasilibc_mkdir(const char *, mode_t) __asm__("mkdir");
int __wasilibc_mkdirat(int, const char *, mode_t) __asm__("mkdirat");
int __wasilibc_fstat(int, struct stat *) __asm__("fstat");
int __wasilibc_fstatat(int, const char *__restrict, struct stat *__restrict, int) __asm__("fstatat");
int __wasilibc_faccessat(int, const char *, int, int) __asm__("faccessat");
int __wasilibc_chdir(const char *) __asm__("chdir");

mode_t umask(mode_t mask) {
  int old = __l4posix_umask(mask);
  return old < 0 ? 022 : (mode_t)old;
}

int fchmodat(int fd, const char *path, mode_t mode, int flags) {
  int dirfd;
  const char *rel;
  if (__l4posix_path_at(fd, path, &dirfd, &rel) < 0) return -1;
  return l4posix_ret(__l4posix_fchmodat(dirfd, rel, strlen(rel), mode, flags));
}

int chmod(const char *path, mode_t mode) { return fchmodat(AT_FDCWD, path, mode, 0); }

int lchmod(const char *path, mode_t mode) { return fchmodat(AT_FDCWD, path, mode, AT_SYMLINK_NOFOLLOW); }

int fchmod(int fd, mode_t mode) { return l4posix_ret(__l4posix_fchmod(fd, mode)); }

int mkdirat(int fd, const char *path, mode_t mode) {
  __l4posix_create_mode(mode);
  int r = __wasilibc_mkdirat(fd, path, mode);
  if (r < 0) __l4posix_create_mode(-1);
  return r;
}

int mkdir(const char *path, mode_t mode) {
  __l4posix_create_mode(mode);
  int r = __wasilibc_mkdir(path, mode);
  if (r < 0) __l4posix_create_mode(-1);
  return r;
}

/* The filetype l4posix reports for a pipe (WASI has none). */
#define L4POSIX_FILETYPE_FIFO 8

/* struct stat from WASI's filestat and the permission bits, as wasi-libc fills it (type in st_mode)
 * plus what it leaves out: the permission bits, S_IFIFO, and st_blksize/st_blocks as Linux reports
 * them for files in 4 KiB blocks (ext4, tmpfs). */
static void to_stat(const __wasi_filestat_t *in, int perm, struct stat *out) {
  mode_t type = 0;
  switch (in->filetype) {
  case __WASI_FILETYPE_BLOCK_DEVICE: type = S_IFBLK; break;
  case __WASI_FILETYPE_CHARACTER_DEVICE: type = S_IFCHR; break;
  case __WASI_FILETYPE_DIRECTORY: type = S_IFDIR; break;
  case __WASI_FILETYPE_REGULAR_FILE: type = S_IFREG; break;
  case __WASI_FILETYPE_SOCKET_DGRAM: case __WASI_FILETYPE_SOCKET_STREAM: type = S_IFSOCK; break;
  case __WASI_FILETYPE_SYMBOLIC_LINK: type = S_IFLNK; break;
  case L4POSIX_FILETYPE_FIFO: type = S_IFIFO; break;
  }
  memset(out, 0, sizeof *out);
  out->st_dev = in->dev;
  out->st_ino = in->ino;
  out->st_nlink = in->nlink;
  out->st_mode = type | (mode_t)perm;
  out->st_size = in->size;
  out->st_blksize = 4096;
  /* 512-byte units of whole 4 KiB blocks; a symbolic link shorter than 60 bytes has none (ext4
     keeps its target in the inode) */
  out->st_blocks = type == S_IFLNK && in->size < 60 ? 0 : (in->size + 4095) / 4096 * 8;
  out->st_atim.tv_sec = in->atim / 1000000000;
  out->st_atim.tv_nsec = in->atim % 1000000000;
  out->st_mtim.tv_sec = in->mtim / 1000000000;
  out->st_mtim.tv_nsec = in->mtim % 1000000000;
  out->st_ctim.tv_sec = in->ctim / 1000000000;
  out->st_ctim.tv_nsec = in->ctim % 1000000000;
}

/* Linux's AT_EMPTY_PATH (<fcntl.h> defines it for _GNU_SOURCE). */
#define EMPTY_PATH 0x1000

int fstatat(int fd, const char *__restrict path, struct stat *__restrict st, int flags) {
  int dirfd;
  const char *rel;
  if ((flags & EMPTY_PATH) && path && !*path) {
    if (flags & ~(EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) {
      errno = EINVAL;
      return -1;
    }
    return fd == AT_FDCWD ? fstatat(fd, ".", st, 0) : fstat(fd, st);
  }
  flags &= ~EMPTY_PATH;
  if (__l4posix_path_at(fd, path, &dirfd, &rel) < 0) return -1;
  __wasi_filestat_t fs;
  int r = __l4posix_statat(dirfd, rel, strlen(rel), flags, &fs);
  if (r == -ENOSYS) return __wasilibc_fstatat(fd, path, st, flags);
  if (r < 0) return l4posix_ret(r);
  to_stat(&fs, r, st);
  return 0;
}

int stat(const char *__restrict path, struct stat *__restrict st) { return fstatat(AT_FDCWD, path, st, 0); }

int lstat(const char *__restrict path, struct stat *__restrict st) {
  return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

int fstat(int fd, struct stat *st) {
  __wasi_filestat_t fs;
  int r = __l4posix_fstat(fd, &fs);
  if (r == -ENOSYS) return __wasilibc_fstat(fd, st);
  if (r < 0) return l4posix_ret(r);
  to_stat(&fs, r, st);
  return 0;
}

int faccessat(int fd, const char *path, int amode, int flags) {
  int dirfd;
  const char *rel;
  if (__l4posix_path_at(fd, path, &dirfd, &rel) < 0) return -1;
  int r = __l4posix_faccessat(dirfd, rel, strlen(rel), amode, flags);
  if (r == -ENOSYS) return __wasilibc_faccessat(fd, path, amode, flags);
  return l4posix_ret(r);
}

int access(const char *path, int amode) { return faccessat(AT_FDCWD, path, amode, 0); }

/* The effective ids are the real ones here. */
int eaccess(const char *path, int amode) { return faccessat(AT_FDCWD, path, amode, AT_EACCESS); }
int euidaccess(const char *path, int amode) { return faccessat(AT_FDCWD, path, amode, AT_EACCESS); }

/* wasi-libc's chdir into the canonical path; the process is told where it is (/proc/PID/cwd). */
static int entered(const char *canonical) {
  int r = __wasilibc_chdir(canonical);
  if (r == 0) __l4posix_chdir(canonical, strlen(canonical));
  return r;
}

/* chdir("b/..") must leave getcwd() saying where the process is, not how it got there: wasi-libc
 * records the path as given, so it is handed the canonical one. */
int chdir(const char *path) {
  static char canonical[PATH_MAX];
  int dirfd;
  const char *rel;
  if (__l4posix_path_at(AT_FDCWD, path, &dirfd, &rel) < 0) return -1;
  int r = __l4posix_realpath(dirfd, rel, strlen(rel), canonical, sizeof canonical);
  if (r == -ENOSYS) return __wasilibc_chdir(path);
  if (r < 0) return l4posix_ret(r);
  return entered(canonical);
}

char *__wasilibc_getcwd(char *, size_t) __asm__("getcwd");

/* The working directory's path, or NULL with ENOENT when no directory is there any more: Linux's
 * getcwd fails so once the directory was removed (wasi-libc keeps only the path). */
static char *existing(char *path) {
  struct stat st;
  if (!path || strcmp(path, "/") == 0) return path;
  int saved = errno;
  if (fstatat(AT_FDCWD, path, &st, 0) == 0 && S_ISDIR(st.st_mode)) {
    errno = saved;
    return path;
  }
  errno = ENOENT;
  return NULL;
}

/* getcwd as glibc's: EINVAL for a buffer of size 0, a NULL buffer of a size given allocated at
 * that size (ERANGE when the path does not fit), ENOENT for a removed directory; the path itself
 * is wasi-libc's. */
char *getcwd(char *buf, size_t size) {
  if (buf && size == 0) {
    errno = EINVAL;
    return NULL;
  }
  if (buf || size == 0) {
    char *r = __wasilibc_getcwd(buf, size);
    if (r && !existing(r)) {
      if (!buf) free(r); /* allocated for a NULL buffer */
      return NULL;
    }
    return r;
  }
  char *own = malloc(size);
  if (!own) return NULL;
  if (existing(__wasilibc_getcwd(own, size))) return own;
  free(own);
  return NULL;
}

/* fchdir: into the directory an open descriptor names (ENOTDIR for another file, EBADF). */
int fchdir(int fd) {
  static char canonical[PATH_MAX];
  int r = __l4posix_realpath(fd, ".", 1, canonical, sizeof canonical);
  if (r < 0) return l4posix_ret(r);
  return entered(canonical);
}
