/* What pthread.c and pthread_sync.c share: the futex of the l4posix thread family
 * (src/libc/l4posix_thread.ts) and the cancellation point of a wait. */
#ifndef L4WASM_PTHREAD_IMPL_H
#define L4WASM_PTHREAD_IMPL_H

#include <time.h>

/* The clock of a futex wait's deadline (src/libc/l4posix_thread.ts FutexClock). */
#define FUTEX_NONE (-1)
#define FUTEX_REALTIME 0
#define FUTEX_MONOTONIC 1

/* Wakes up to `count` threads waiting on `word`; how many woke. */
int __l4posix_futex_wake(volatile int *word, int count);
/* Waits while `word` holds `value`, until woken or the absolute time `at` on `clock` (-1: none):
 * 0 (woken, or the word changed), ETIMEDOUT, EINTR, EINVAL (a bad timespec). */
int __l4posix_futex_wait_until(volatile int *word, int value, int clock, const struct timespec *at);
/* The same wait as a cancellation point (pthread.c): a pending cancel ends the thread before it. */
int __l4posix_cancellable_wait(volatile int *word, int value, int clock, const struct timespec *at);
void __l4posix_testcancel(void);
/* The calling thread's id, unique on the machine (pthread.c). */
int __l4posix_thread_id(void);
/* The head of the list of robust mutexes the calling thread holds (pthread.c), and what frees
 * them as it ends (pthread_sync.c). */
void **__l4posix_robust_head(void);
void __l4posix_robust_release(void *head);

#endif
