/* waitpid, wait, wait3, wait4: the l4posix process family (src/libc/l4posix_proc.ts); the status
 * word has Linux's encoding. A child that ended stays a zombie until one of these reaps it. */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <l4posix.h>

L4POSIX_IMPORT(waitpid) int __l4posix_waitpid(pid_t pid, int *status, int options);

pid_t waitpid(pid_t pid, int *status, int options) {
  return l4posix_ret(__l4posix_waitpid(pid, status, options));
}

pid_t wait(int *status) { return waitpid(-1, status, 0); }

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru) {
  pid_t r = waitpid(pid, status, options);
  if (r > 0 && ru) memset(ru, 0, sizeof *ru); /* the child's usage is not kept */
  return r;
}

pid_t wait3(int *status, int options, struct rusage *ru) { return wait4(-1, status, options, ru); }
