/* Pipes, descriptor duplication, fcntl and ioctl: the l4posix descriptor family
 * (src/libc/l4posix_fd.ts). fcntl's F_GETFL/F_SETFL go through WASI as wasi-libc's do. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wasi/api.h>
#include <l4posix.h>

/* The preopened directories leave descriptors 3, 4, ... before this makes one (preopen_move.c). */
void __l4posix_move_preopens(void);
__attribute__((used)) static void (*const move_preopens)(void) = __l4posix_move_preopens;

L4POSIX_IMPORT(pipe) int __l4posix_pipe(int *fds, int flags);
L4POSIX_IMPORT(dup) int __l4posix_dup(int fd);
L4POSIX_IMPORT(dup3) int __l4posix_dup3(int oldfd, int newfd, int flags);
L4POSIX_IMPORT(fcntl) int __l4posix_fcntl(int fd, int cmd, int arg);
L4POSIX_IMPORT(ioctl) int __l4posix_ioctl(int fd, int request, void *arg);


int pipe(int fds[2]) { return l4posix_ret(__l4posix_pipe(fds, 0)); }

int pipe2(int fds[2], int flags) { return l4posix_ret(__l4posix_pipe(fds, flags)); }

int dup(int fd) { return l4posix_ret(__l4posix_dup(fd)); }

int dup2(int oldfd, int newfd) {
  if (oldfd == newfd) return l4posix_ret(__l4posix_fcntl(oldfd, F_GETFD, 0)) < 0 ? -1 : newfd;
  return l4posix_ret(__l4posix_dup3(oldfd, newfd, 0));
}

int dup3(int oldfd, int newfd, int flags) { return l4posix_ret(__l4posix_dup3(oldfd, newfd, flags)); }

/* F_SETFL changes only O_APPEND and O_NONBLOCK, as on Linux. */
static int setfl(int fd, int flags) {
  __wasi_fdstat_t st;
  __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &st);
  if (e == 0) {
    __wasi_fdflags_t keep = st.fs_flags & ~(__WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_NONBLOCK);
    e = __wasi_fd_fdstat_set_flags(fd, keep | (flags & (O_APPEND | O_NONBLOCK)));
  }
  if (e != 0) {
    errno = e;
    return -1;
  }
  return 0;
}

/* F_GETFL: the status flags and the access mode, approximated from the rights as wasi-libc does. */
static int getfl(int fd) {
  __wasi_fdstat_t st;
  __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &st);
  if (e != 0) {
    errno = e;
    return -1;
  }
  int flags = st.fs_flags;
  if ((st.fs_rights_base & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_READDIR)) != 0)
    flags |= (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0 ? O_RDWR : O_RDONLY;
  else if ((st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0)
    flags |= O_WRONLY;
  else
    flags |= O_SEARCH;
  return flags;
}

int fcntl(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  int arg = 0;
  switch (cmd) {
  case F_DUPFD: case F_DUPFD_CLOEXEC: case F_SETFD: case F_SETFL:
    arg = va_arg(ap, int);
    break;
  case F_GETLK: case F_SETLK: case F_SETLKW: /* struct flock *: src/libc/l4posix_lock.ts */
    arg = (int)(intptr_t)va_arg(ap, struct flock *);
    break;
  }
  va_end(ap);
  switch (cmd) {
  case F_GETFL: return getfl(fd);
  case F_SETFL: return setfl(fd, arg);
  default: return l4posix_ret(__l4posix_fcntl(fd, cmd, arg));
  }
}

int ioctl(int fd, int request, ...) {
  va_list ap;
  va_start(ap, request);
  void *arg = va_arg(ap, void *);
  va_end(ap);
  return l4posix_ret(__l4posix_ioctl(fd, request, arg));
}
