/* POSIX shared memory: shm_open and shm_unlink name files of the machine's tmpfs at /dev/shm (as
 * glibc does on Linux), so ftruncate, fstat and mmap(MAP_SHARED) work on them as on any file, and
 * processes that map the same object share it (src/libc/shared_mappings.ts). Names as glibc takes
 * them: leading slashes dropped, then not empty, without another slash and short enough for its
 * buffer (else shm_open is EINVAL, shm_unlink ENOENT); a file name beyond NAME_MAX is ENAMETOOLONG. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "shm_name.h"

int __l4posix_shm_path(const char *name, const char *prefix, char *out, size_t size) {
  while (*name == '/') name++;
  size_t n = strlen(name);
  size_t p = strlen(prefix);
  if (n == 0 || memchr(name, '/', n) != 0 || sizeof SHM_DIR + p + n > size) { errno = EINVAL; return -1; }
  if (n + p > NAME_MAX) { errno = ENAMETOOLONG; return -1; }
  memcpy(out, SHM_DIR, sizeof SHM_DIR - 1);
  memcpy(out + sizeof SHM_DIR - 1, prefix, p);
  memcpy(out + sizeof SHM_DIR - 1 + p, name, n + 1);
  return 0;
}

int shm_open(const char *name, int oflag, mode_t mode) {
  char path[SHM_PATH_MAX];
  if (__l4posix_shm_path(name, "", path, sizeof path) < 0) return -1;
  return open(path, oflag | O_NOFOLLOW | O_CLOEXEC, mode);
}

int shm_unlink(const char *name) {
  char path[SHM_PATH_MAX];
  if (__l4posix_shm_path(name, "", path, sizeof path) < 0) {
    if (errno == EINVAL) errno = ENOENT;
    return -1;
  }
  return unlink(path);
}
