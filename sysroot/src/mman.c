/* Memory mappings on the task's region map: the l4posix memory family (src/libc/l4posix_mem.ts). */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <l4posix.h>

L4POSIX_IMPORT(mmap) int __l4posix_mmap(uintptr_t addr, size_t len, int prot, int flags, int fd,
                                        long long offset, uintptr_t *out);
L4POSIX_IMPORT(munmap) int __l4posix_munmap(uintptr_t addr, size_t len);
L4POSIX_IMPORT(mprotect) int __l4posix_mprotect(uintptr_t addr, size_t len, int prot);
L4POSIX_IMPORT(msync) int __l4posix_msync(uintptr_t addr, size_t len, int flags);
L4POSIX_IMPORT(madvise) int __l4posix_madvise(uintptr_t addr, size_t len, int advice);


void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset) {
  uintptr_t at;
  int r = __l4posix_mmap((uintptr_t)addr, len, prot, flags, fd, offset, &at);
  return l4posix_ret(r) < 0 ? MAP_FAILED : (void *)at;
}

int munmap(void *addr, size_t len) { return l4posix_ret(__l4posix_munmap((uintptr_t)addr, len)); }

int mprotect(void *addr, size_t len, int prot) { return l4posix_ret(__l4posix_mprotect((uintptr_t)addr, len, prot)); }

int msync(void *addr, size_t len, int flags) { return l4posix_ret(__l4posix_msync((uintptr_t)addr, len, flags)); }

int madvise(void *addr, size_t len, int advice) { return l4posix_ret(__l4posix_madvise((uintptr_t)addr, len, advice)); }

/* posix_madvise returns the error number instead of setting errno. */
int posix_madvise(void *addr, size_t len, int advice) {
  int r = __l4posix_madvise((uintptr_t)addr, len, advice);
  return r < 0 ? -r : 0;
}

/* Memory is never paged out: locking has nothing to do. */
int mlock(const void *addr, size_t len) { (void)addr; (void)len; return 0; }
int munlock(const void *addr, size_t len) { (void)addr; (void)len; return 0; }
int mlockall(int flags) {
  if (flags == 0 || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) != 0) {
    errno = EINVAL;
    return -1;
  }
  return 0;
}
int munlockall(void) { return 0; }
