/* open, openat and creat (<fcntl.h> sends them here by name, __l4wasm_*): the mode of a creating
 * open goes to l4posix's create_mode, which the path_open that wasi-libc's open makes takes (with
 * the umask applied), and O_CLOEXEC marks the new descriptor close-on-exec. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <l4posix.h>

/* The preopened directories leave descriptors 3, 4, ... before this makes one (preopen_move.c). */
void __l4posix_move_preopens(void);
__attribute__((used)) static void (*const move_preopens)(void) = __l4posix_move_preopens;

L4POSIX_IMPORT(create_mode) int __l4posix_create_mode(int mode);
L4POSIX_IMPORT(fcntl) int __l4posix_fcntl(int fd, int cmd, int arg);

int __wasilibc_open(const char *, int, ...) __asm__("open");
int __wasilibc_openat(int, const char *, int, ...) __asm__("openat");

/* What a finished open leaves: the mode withdrawn if no open took it, FD_CLOEXEC set. */
static int opened(int fd, int flags) {
  if (fd < 0) {
    if (flags & O_CREAT) {
      int saved = errno;
      __l4posix_create_mode(-1);
      errno = saved;
    }
    return fd;
  }
  if (flags & O_CLOEXEC) __l4posix_fcntl(fd, F_SETFD, FD_CLOEXEC);
  return fd;
}

int openat(int dirfd, const char *path, int flags, ...) {
  mode_t mode = 0;
  if (flags & O_CREAT) {
    va_list ap;
    va_start(ap, flags);
    mode = va_arg(ap, mode_t);
    va_end(ap);
    __l4posix_create_mode(mode);
  }
  return opened(__wasilibc_openat(dirfd, path, flags & ~O_CLOEXEC, mode), flags);
}

int open(const char *path, int flags, ...) {
  mode_t mode = 0;
  if (flags & O_CREAT) {
    va_list ap;
    va_start(ap, flags);
    mode = va_arg(ap, mode_t);
    va_end(ap);
    __l4posix_create_mode(mode);
  }
  return opened(__wasilibc_open(path, flags & ~O_CLOEXEC, mode), flags);
}

int creat(const char *path, mode_t mode) { return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode); }
