/* fork and vfork (which is fork here: the copy costs what a vfork would save, and a vfork child
 * may do no more than a fork child): the l4posix process family (src/libc/l4posix_proc.ts). The
 * program unwinds, the process is copied (memory, globals, descriptors sharing their offsets,
 * signal actions and mask), and both rewind into this call. */
#include <errno.h>
#include <unistd.h>
#include <l4posix.h>

L4POSIX_IMPORT(fork) int __l4posix_fork(void);

pid_t fork(void) {
  return l4posix_ret(__l4posix_fork());
}

pid_t vfork(void) { return fork(); }
