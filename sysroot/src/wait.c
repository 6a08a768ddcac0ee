/* waitpid, wait, wait3, wait4: the l4posix process family (src/libc/l4posix_proc.ts); the status
 * word has Linux's encoding. A child that ended stays a zombie until one of these reaps it; wait3
 * and wait4 report the CPU time and peak memory l4wasm kept of it (src/guest/process_table.ts). */
#include <errno.h>
#include <stdint.h>
#include <sys/resource.h>
#include <string.h>
#include <sys/wait.h>
#include <l4posix.h>

L4POSIX_IMPORT(waitpid) int __l4posix_waitpid(pid_t pid, int *status, int options);
L4POSIX_IMPORT(child_usage) int __l4posix_child_usage(int which, int64_t *words);

pid_t waitpid(pid_t pid, int *status, int options) {
  return l4posix_ret(__l4posix_waitpid(pid, status, options));
}

pid_t wait(int *status) { return waitpid(-1, status, 0); }

/* What l4wasm kept of the reaped child `pid` (or of all reaped children: pid 0, which 1) into ru. */
int __l4posix_fill_child_usage(int which, pid_t pid, struct rusage *ru) {
  int64_t w[3];
  memset(ru, 0, sizeof *ru);
  int r = __l4posix_child_usage(which, w);
  if (r < 0) return l4posix_ret(r);
  /* A stopped or continued child (wait4 reaped nothing) reports nothing. */
  if (w[0] != pid) return 0;
  ru->ru_utime.tv_sec = w[1] / 1000000000;
  ru->ru_utime.tv_usec = w[1] % 1000000000 / 1000;
  ru->ru_maxrss = (long)w[2];
  return 0;
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru) {
  pid_t r = waitpid(pid, status, options);
  if (r > 0 && ru) __l4posix_fill_child_usage(0, r, ru);
  else if (r == 0 && ru) memset(ru, 0, sizeof *ru);
  return r;
}

pid_t wait3(int *status, int options, struct rusage *ru) { return wait4(-1, status, options, ru); }
