/* ftruncate as Linux answers it: a descriptor not open for writing (or not a regular file) is
 * EINVAL. WASI says ENOTCAPABLE (the descriptor lacks FD_FILESTAT_SET_SIZE), which wasi-libc's
 * ftruncate passes on as an errno no POSIX program expects. */
#include <errno.h>
#include <unistd.h>
#include <wasi/api.h>

int ftruncate(int fd, off_t length) {
  if (length < 0) {
    errno = EINVAL;
    return -1;
  }
  __wasi_errno_t e = __wasi_fd_filestat_set_size(fd, (__wasi_filesize_t)length);
  if (e == 0) return 0;
  errno = e == __WASI_ERRNO_NOTCAPABLE ? EINVAL : e;
  return -1;
}
