/* l4wasm overlay of wasi-libc's <pthread.h>: POSIX threads run on l4wasm (sysroot/src/pthread.c,
 * pthread_sync.c), as green threads of a multiplexed program (src/guest/green_threads.ts). What
 * wasi-libc's single-threaded header leaves out is declared here: pthread_exit, pthread_cancel,
 * the scheduling parameters, pthread_kill and pthread_sigmask (also in <signal.h>), and the waits
 * on a chosen clock that POSIX.1-2024 added (glibc has them; musl's header has not). */
#ifndef _L4WASM_PTHREAD_H
#define _L4WASM_PTHREAD_H

#include_next <pthread.h>
#include <sched.h>
#include <signal.h>

#ifdef __cplusplus
extern "C" {
#endif

_Noreturn void pthread_exit(void *);
int pthread_cancel(pthread_t);
int pthread_getschedparam(pthread_t, int *__restrict, struct sched_param *__restrict);
int pthread_setschedparam(pthread_t, int, const struct sched_param *);
int pthread_attr_getschedparam(const pthread_attr_t *__restrict, struct sched_param *__restrict);
int pthread_attr_setschedparam(pthread_attr_t *__restrict, const struct sched_param *__restrict);
int pthread_kill(pthread_t, int);
int pthread_sigmask(int, const sigset_t *__restrict, sigset_t *__restrict);
int pthread_yield(void);
/* wasi-libc's never writes the clock (sysroot/src/pthread_sync.c has the one that does). */
int pthread_condattr_getclock(const pthread_condattr_t *__restrict, clockid_t *__restrict) __asm__("__l4wasm_pthread_condattr_getclock");

int pthread_mutex_clocklock(pthread_mutex_t *__restrict, clockid_t, const struct timespec *__restrict);
int pthread_cond_clockwait(pthread_cond_t *__restrict, pthread_mutex_t *__restrict, clockid_t, const struct timespec *__restrict);
int pthread_rwlock_clockrdlock(pthread_rwlock_t *__restrict, clockid_t, const struct timespec *__restrict);
int pthread_rwlock_clockwrlock(pthread_rwlock_t *__restrict, clockid_t, const struct timespec *__restrict);
#ifdef _GNU_SOURCE
int pthread_clockjoin_np(pthread_t, void **, clockid_t, const struct timespec *);
#endif

#ifdef __cplusplus
}
#endif

#endif
