/* Splitting (fd, path) for the l4posix path calls (path_at.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <wasi/libc-find-relpath.h>
#include "path_at.h"

int __l4posix_path_at(int fd, const char *path, int *dirfd, const char **rel) {
  static char buf[PATH_MAX];
  if (path == 0 || path[0] == 0) {
    errno = ENOENT;
    return -1;
  }
  if (fd != AT_FDCWD || path[0] == '/') {
    *dirfd = fd;
    *rel = path;
    return 0;
  }
  const char *abs;
  char *relative = buf;
  int d = __wasilibc_find_relpath(path, &abs, &relative, sizeof buf);
  if (d < 0) return -1;
  *dirfd = d;
  *rel = relative;
  return 0;
}
