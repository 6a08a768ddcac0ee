/* Argument checks Linux makes before it looks at a path, which wasi-libc leaves out: the *at
 * calls refuse flags they do not know (EINVAL; wasi-libc's unlinkat unlinked the file for any
 * flag but AT_REMOVEDIR), and readlink refuses a buffer of no bytes (EINVAL; wasi-libc's read into
 * a byte of its own and answered 0). <unistd.h> and <sys/stat.h> send these calls here by name
 * (__l4wasm_*). */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* wasi-libc's versions, by their own names. */
int __wasilibc_unlinkat(int, const char *, int) __asm__("unlinkat");
int __wasilibc_linkat(int, const char *, int, const char *, int) __asm__("linkat");
int __wasilibc_utimensat(int, const char *, const struct timespec[2], int) __asm__("utimensat");
ssize_t __wasilibc_readlink(const char *__restrict, char *__restrict, size_t) __asm__("readlink");
ssize_t __wasilibc_readlinkat(int, const char *__restrict, char *__restrict, size_t) __asm__("readlinkat");

static int einval(void) {
  errno = EINVAL;
  return -1;
}

int unlinkat(int fd, const char *path, int flags) {
  if (flags & ~AT_REMOVEDIR) return einval();
  return __wasilibc_unlinkat(fd, path, flags);
}

int linkat(int oldfd, const char *old, int newfd, const char *new, int flags) {
  if (flags & ~AT_SYMLINK_FOLLOW) return einval();
  return __wasilibc_linkat(oldfd, old, newfd, new, flags);
}

int utimensat(int fd, const char *path, const struct timespec times[2], int flags) {
  if (flags & ~AT_SYMLINK_NOFOLLOW) return einval();
  return __wasilibc_utimensat(fd, path, times, flags);
}

ssize_t readlink(const char *__restrict path, char *__restrict buf, size_t size) {
  if (size == 0) return einval();
  return __wasilibc_readlink(path, buf, size);
}

ssize_t readlinkat(int fd, const char *__restrict path, char *__restrict buf, size_t size) {
  if (size == 0) return einval();
  return __wasilibc_readlinkat(fd, path, buf, size);
}
