/* l4wasm overlay of wasi-libc's <sched.h>: the scheduling-policy calls (sysroot/src/sched.c).
 * Every process runs under SCHED_OTHER at priority 0; the real-time policies need privileges a
 * guest does not have (EPERM), as for an unprivileged Linux process. */
#ifndef _L4WASM_SCHED_H
#define _L4WASM_SCHED_H

#include_next <sched.h>

#ifndef SCHED_OTHER
#define SCHED_OTHER 0
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_BATCH 3
#define SCHED_IDLE 5
#endif

#ifdef __cplusplus
extern "C" {
#endif

int sched_get_priority_max(int);
int sched_get_priority_min(int);
int sched_getparam(pid_t, struct sched_param *);
int sched_getscheduler(pid_t);
int sched_rr_get_interval(pid_t, struct timespec *);
int sched_setparam(pid_t, const struct sched_param *);
int sched_setscheduler(pid_t, int, const struct sched_param *);

#ifdef __cplusplus
}
#endif

#endif
