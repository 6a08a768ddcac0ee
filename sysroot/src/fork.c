/* fork and vfork (which is fork here: the copy costs what a vfork would save, and a vfork child
 * may do no more than a fork child): the l4posix process family (src/libc/l4posix_proc.ts). The
 * program unwinds, the process is copied (memory, globals, descriptors sharing their offsets,
 * signal actions and mask), and both rewind into this call. The child has one thread, the caller;
 * pthread_atfork's handlers run around it (pthread.c, linked only with threads). */
#include <errno.h>
#include <unistd.h>
#include <l4posix.h>

L4POSIX_IMPORT(fork) int __l4posix_fork(void);
__attribute__((weak)) void __l4posix_fork_handlers(int phase);

pid_t fork(void) {
  if (__l4posix_fork_handlers) __l4posix_fork_handlers(0);
  int r = __l4posix_fork();
  if (__l4posix_fork_handlers) __l4posix_fork_handlers(r == 0 ? 2 : 1);
  return l4posix_ret(r);
}

pid_t vfork(void) { return fork(); }
