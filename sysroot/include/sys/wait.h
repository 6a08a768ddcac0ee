/* l4wasm: <sys/wait.h> (wasi-libc has none): waiting for child processes, Linux status encoding
 * (sysroot/src/wait.c, the l4posix process family). */
#ifndef _L4WASM_SYS_WAIT_H
#define _L4WASM_SYS_WAIT_H

#include <sys/types.h>
#include <sys/resource.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WNOHANG    1
#define WUNTRACED  2
#define WSTOPPED   2
#define WCONTINUED 8

#define WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WTERMSIG(s) ((s) & 0x7f)
#define WSTOPSIG(s) WEXITSTATUS(s)
#define WCOREDUMP(s) ((s) & 0x80)
#define WIFEXITED(s) (!WTERMSIG(s))
#define WIFSTOPPED(s) ((short)((((s)&0xffff)*0x10001U)>>8) > 0x7f00)
#define WIFSIGNALED(s) (((s)&0xffff)-1U < 0xffu)
#define WIFCONTINUED(s) ((s) == 0xffff)

pid_t wait(int *);
pid_t waitpid(pid_t, int *, int);
pid_t wait3(int *, int, struct rusage *);
pid_t wait4(pid_t, int *, int, struct rusage *);

/* waitid (sysroot/src/waitid.c): Linux's values. */
#include <signal.h>
typedef enum { P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3 } idtype_t;
#define WEXITED    4
#define WNOWAIT    0x1000000
#define __NEED_id_t
#include <bits/alltypes.h>
int waitid(idtype_t, id_t, siginfo_t *, int);

#ifdef __cplusplus
}
#endif

#endif
