/* Mutexes, condition variables, read-write locks, barriers and spin locks of POSIX threads
 * (pthread.c), on the l4posix futex (src/libc/l4posix_thread.ts). Threads switch only in calls
 * into the host, so a test and the store after it are never split by another thread; a thread
 * that must wait sleeps in futex_wait until a wake, its deadline or a signal.
 * The objects keep wasi-libc's sizes (musl's layout of the type word of a mutex, which
 * pthread_mutexattr_settype sets); the rest of each is this file's own. In MAP_SHARED memory
 * (PTHREAD_PROCESS_SHARED) they work across processes: the futex of such a word is the machine's. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <time.h>
#include <wasi/api.h>
#include <l4posix.h>

/* wasi-libc's clockid_t points at one of these. */
struct __clockid {
	__wasi_clockid_t id;
};
#include "pthread_impl.h"

L4POSIX_IMPORT(futex_wait) int __l4posix_futex_wait_call(volatile int *word, int value, int clock, long long deadline);
L4POSIX_IMPORT(futex_wake) int __l4posix_futex_wake_call(volatile int *word, int count);

int __l4posix_futex_wake(volatile int *word, int count) {
	int r = __l4posix_futex_wake_call(word, count);
	return r < 0 ? 0 : r;
}

int __l4posix_futex_wait_until(volatile int *word, int value, int clock, const struct timespec *at) {
	long long deadline = 0;
	if (at) {
		if (at->tv_nsec < 0 || at->tv_nsec >= 1000000000L) return EINVAL;
		if (at->tv_sec < 0) return ETIMEDOUT;
		deadline = at->tv_sec > LLONG_MAX / 1000000000LL - 1 ? LLONG_MAX : (long long)at->tv_sec * 1000000000LL + at->tv_nsec;
	} else {
		clock = FUTEX_NONE;
	}
	int r = __l4posix_futex_wait_call(word, value, clock, deadline);
	if (r == -ETIMEDOUT || r == -EINTR || r == -EINVAL || r == -EFAULT) return -r;
	return 0; /* woken, or the word no longer holds the value (EAGAIN): look again */
}

/* The futex clock of a wait on `clock` (the *clock* calls of POSIX.1-2024): -1 for any but the two. */
static int futex_clock(clockid_t clock) {
	return clock == CLOCK_REALTIME ? FUTEX_REALTIME : clock == CLOCK_MONOTONIC ? FUTEX_MONOTONIC : -1;
}

/* Owners are thread ids, unique on the machine: a process-shared lock is owned across processes. */
static int self_id(void) { return __l4posix_thread_id(); }

/* ---- mutexes: word 0 the type (musl's attribute word), 1 the owner, 2 the waiters, 3 the next
 * robust mutex its owner holds, 4 a robust mutex's state, 5 the recursion depth ---- */

#define M_TYPE(m) ((m)->__u.__vi[0])
#define M_OWNER(m) ((m)->__u.__vi[1])
#define M_WAITERS(m) ((m)->__u.__vi[2])
#define M_NEXT(m) ((m)->__u.__p[3])
#define M_STATE(m) ((m)->__u.__vi[4])
#define M_DEPTH(m) ((m)->__u.__vi[5])

/* musl's attribute bit of PTHREAD_MUTEX_ROBUST. */
#define ATTR_ROBUST 4

/* A robust mutex's state: its owner ended holding it (EOWNERDEAD until pthread_mutex_consistent),
 * then unlocked without it being made consistent (ENOTRECOVERABLE for good). */
enum { CONSISTENT, OWNER_DIED, NOT_RECOVERABLE };

#define ROBUST(m) (M_TYPE(m) & ATTR_ROBUST)

int pthread_mutexattr_setrobust(pthread_mutexattr_t *a, int robust) {
	if (robust != PTHREAD_MUTEX_STALLED && robust != PTHREAD_MUTEX_ROBUST) return EINVAL;
	a->__attr = (a->__attr & ~ATTR_ROBUST) | (robust == PTHREAD_MUTEX_ROBUST ? ATTR_ROBUST : 0);
	return 0;
}

/* The robust mutexes the calling thread holds are a list through word 3 (pthread.c keeps its head). */
static void robust_hold(pthread_mutex_t *m) {
	void **head = __l4posix_robust_head();
	M_NEXT(m) = *head;
	*head = (void *)m;
}

static void robust_drop(pthread_mutex_t *m) {
	for (void **p = __l4posix_robust_head(); *p; p = (void **)&M_NEXT((pthread_mutex_t *)*p)) {
		if (*p == (void *)m) {
			*p = (void *)M_NEXT(m);
			return;
		}
	}
}

/* The thread ends holding `head`'s robust mutexes: each is free, and its next owner told EOWNERDEAD. */
void __l4posix_robust_release(void *head) {
	while (head) {
		pthread_mutex_t *m = head;
		head = (void *)M_NEXT(m);
		M_NEXT(m) = 0;
		M_STATE(m) = OWNER_DIED;
		M_DEPTH(m) = 0;
		M_OWNER(m) = 0;
		if (M_WAITERS(m)) __l4posix_futex_wake(&M_OWNER(m), 1);
	}
}

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict a) {
	*m = (pthread_mutex_t){0};
	if (a) M_TYPE(m) = a->__attr;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m) { return M_OWNER(m) ? EBUSY : 0; }

static int mutex_lock(pthread_mutex_t *m, int try, int clock, const struct timespec *at) {
	int self = self_id();
	int type = M_TYPE(m) & 3;
	if (ROBUST(m) && M_STATE(m) == NOT_RECOVERABLE) return ENOTRECOVERABLE;
	if (M_OWNER(m) == self) {
		if (type == PTHREAD_MUTEX_RECURSIVE) {
			if (M_DEPTH(m) == INT_MAX) return EAGAIN;
			M_DEPTH(m)++;
			return 0;
		}
		/* glibc: an error-checking mutex's trylock by its owner is EBUSY (EDEADLK when it is robust), lock EDEADLK. */
		if (type == PTHREAD_MUTEX_ERRORCHECK && (!try || ROBUST(m))) return EDEADLK;
		if (try) return EBUSY;
		/* A normal mutex locked again by its owner deadlocks, as POSIX says (until timedlock's time). */
	}
	while (M_OWNER(m) != 0) {
		if (try) return EBUSY;
		M_WAITERS(m)++;
		int r = __l4posix_futex_wait_until(&M_OWNER(m), M_OWNER(m), clock, at);
		M_WAITERS(m)--;
		if (r == ETIMEDOUT || r == EINVAL) return r;
		if (ROBUST(m) && M_STATE(m) == NOT_RECOVERABLE) return ENOTRECOVERABLE;
	}
	M_OWNER(m) = self;
	M_DEPTH(m) = 0;
	if (!ROBUST(m)) return 0;
	robust_hold(m);
	return M_STATE(m) == OWNER_DIED ? EOWNERDEAD : 0;
}

int pthread_mutex_lock(pthread_mutex_t *m) { return mutex_lock(m, 0, FUTEX_NONE, 0); }
int pthread_mutex_trylock(pthread_mutex_t *m) { return mutex_lock(m, 1, FUTEX_NONE, 0); }
int pthread_mutex_timedlock(pthread_mutex_t *restrict m, const struct timespec *restrict at) {
	if (!at) return EINVAL;
	return mutex_lock(m, 0, FUTEX_REALTIME, at);
}
int pthread_mutex_clocklock(pthread_mutex_t *restrict m, clockid_t clock, const struct timespec *restrict at) {
	if (!at || futex_clock(clock) < 0) return EINVAL;
	return mutex_lock(m, 0, futex_clock(clock), at);
}

int pthread_mutex_unlock(pthread_mutex_t *m) {
	int type = M_TYPE(m) & 3;
	if (M_OWNER(m) != self_id()) {
		/* glibc's normal mutex is unlocked by anyone; the checking kinds say EPERM. */
		if (type != PTHREAD_MUTEX_NORMAL || M_OWNER(m) == 0) return EPERM;
	}
	if (type == PTHREAD_MUTEX_RECURSIVE && M_DEPTH(m) > 0) {
		M_DEPTH(m)--;
		return 0;
	}
	if (ROBUST(m)) {
		robust_drop(m);
		/* Unlocked while inconsistent: nobody may have it again, and the waiters are told so. */
		if (M_STATE(m) == OWNER_DIED) {
			M_STATE(m) = NOT_RECOVERABLE;
			M_OWNER(m) = 0;
			if (M_WAITERS(m)) __l4posix_futex_wake(&M_OWNER(m), INT_MAX);
			return 0;
		}
	}
	M_OWNER(m) = 0;
	if (M_WAITERS(m)) __l4posix_futex_wake(&M_OWNER(m), 1);
	return 0;
}

/* A robust mutex its owner died holding, now the caller's, is consistent again. */
int pthread_mutex_consistent(pthread_mutex_t *m) {
	if (!ROBUST(m) || M_STATE(m) != OWNER_DIED || M_OWNER(m) != self_id()) return EINVAL;
	M_STATE(m) = CONSISTENT;
	return 0;
}

/* ---- condition variables: word 0 the sequence, 1 the waiters, 2 the clock of timed waits ---- */

#define C_SEQ(c) ((c)->__u.__vi[0])
#define C_WAITERS(c) ((c)->__u.__vi[1])
#define C_CLOCK(c) ((c)->__u.__vi[2])

/* The attribute's clock: musl's word holds the WASI clock id (the process-shared flag in the top
 * bit). Only the two clocks glibc takes are taken (a clockid_t here is a pointer, compared before
 * it is followed). */
#define CONDATTR_CLOCK(a) ((a)->__attr & 0x7fffffff)

int pthread_condattr_setclock(pthread_condattr_t *a, clockid_t clock) {
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) return EINVAL;
	a->__attr = (a->__attr & 0x80000000u) | clock->id;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *restrict a, clockid_t *restrict clock) {
	*clock = CONDATTR_CLOCK(a) == __WASI_CLOCKID_MONOTONIC ? CLOCK_MONOTONIC : CLOCK_REALTIME;
	return 0;
}

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict a) {
	*c = (pthread_cond_t){0};
	if (a) C_CLOCK(c) = CONDATTR_CLOCK(a) == __WASI_CLOCKID_MONOTONIC ? FUTEX_MONOTONIC : FUTEX_REALTIME;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c) { (void)c; return 0; }

static int cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m, int clock, const struct timespec *restrict at) {
	if (at && (at->tv_nsec < 0 || at->tv_nsec >= 1000000000L)) return EINVAL;
	if ((M_TYPE(m) & 3) != PTHREAD_MUTEX_NORMAL && M_OWNER(m) != self_id()) return EPERM;
	/* A cancellation point: a pending cancel ends the thread with the mutex held, as after a wait. */
	__l4posix_testcancel();
	int seq = C_SEQ(c);
	int depth = M_DEPTH(m);
	C_WAITERS(c)++;
	M_DEPTH(m) = 0;
	pthread_mutex_unlock(m);
	int r = __l4posix_cancellable_wait(&C_SEQ(c), seq, clock, at);
	C_WAITERS(c)--;
	int locked = mutex_lock(m, 0, FUTEX_NONE, 0);
	M_DEPTH(m) = depth;
	__l4posix_testcancel();
	/* A robust mutex whose owner died meanwhile is the caller's, inconsistent. */
	if (locked == EOWNERDEAD || locked == ENOTRECOVERABLE) return locked;
	return r == ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m, const struct timespec *restrict at) {
	return cond_wait(c, m, C_CLOCK(c), at);
}
int pthread_cond_clockwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m, clockid_t clock, const struct timespec *restrict at) {
	if (!at || futex_clock(clock) < 0) return EINVAL;
	return cond_wait(c, m, futex_clock(clock), at);
}
int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m) { return cond_wait(c, m, FUTEX_NONE, 0); }

int pthread_cond_signal(pthread_cond_t *c) {
	if (C_WAITERS(c)) {
		C_SEQ(c)++;
		__l4posix_futex_wake(&C_SEQ(c), 1);
	}
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c) {
	if (C_WAITERS(c)) {
		C_SEQ(c)++;
		__l4posix_futex_wake(&C_SEQ(c), INT_MAX);
	}
	return 0;
}

/* ---- read-write locks: word 0 the readers (-1: a writer), 1 the writer, 2 the waiters ----
 * Readers are not held back by waiting writers (glibc's default, PTHREAD_RWLOCK_PREFER_READER_NP). */

#define RW_STATE(l) ((l)->__u.__vi[0])
#define RW_WRITER(l) ((l)->__u.__vi[1])
#define RW_WAITERS(l) ((l)->__u.__vi[2])

int pthread_rwlock_init(pthread_rwlock_t *restrict l, const pthread_rwlockattr_t *restrict a) {
	(void)a;
	*l = (pthread_rwlock_t){0};
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *l) { return RW_STATE(l) ? EBUSY : 0; }

static int rwlock_wait(pthread_rwlock_t *l, int clock, const struct timespec *at) {
	RW_WAITERS(l)++;
	int r = __l4posix_futex_wait_until(&RW_STATE(l), RW_STATE(l), clock, at);
	RW_WAITERS(l)--;
	return r == ETIMEDOUT || r == EINVAL ? r : 0;
}

static int rdlock(pthread_rwlock_t *l, int try, int clock, const struct timespec *at) {
	if (RW_STATE(l) < 0 && try) return EBUSY;
	if (RW_STATE(l) < 0 && RW_WRITER(l) == self_id()) return EDEADLK;
	while (RW_STATE(l) < 0) {
		if (try) return EBUSY;
		int r = rwlock_wait(l, clock, at);
		if (r) return r;
	}
	if (RW_STATE(l) == INT_MAX) return EAGAIN;
	RW_STATE(l)++;
	return 0;
}

static int wrlock(pthread_rwlock_t *l, int try, int clock, const struct timespec *at) {
	if (RW_STATE(l) != 0 && try) return EBUSY;
	if (RW_STATE(l) < 0 && RW_WRITER(l) == self_id()) return EDEADLK;
	while (RW_STATE(l) != 0) {
		if (try) return EBUSY;
		int r = rwlock_wait(l, clock, at);
		if (r) return r;
	}
	RW_STATE(l) = -1;
	RW_WRITER(l) = self_id();
	return 0;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *l) { return rdlock(l, 0, FUTEX_NONE, 0); }
int pthread_rwlock_tryrdlock(pthread_rwlock_t *l) { return rdlock(l, 1, FUTEX_NONE, 0); }
int pthread_rwlock_timedrdlock(pthread_rwlock_t *restrict l, const struct timespec *restrict at) { return rdlock(l, 0, FUTEX_REALTIME, at); }
int pthread_rwlock_clockrdlock(pthread_rwlock_t *restrict l, clockid_t clock, const struct timespec *restrict at) {
	return futex_clock(clock) < 0 ? EINVAL : rdlock(l, 0, futex_clock(clock), at);
}
int pthread_rwlock_wrlock(pthread_rwlock_t *l) { return wrlock(l, 0, FUTEX_NONE, 0); }
int pthread_rwlock_trywrlock(pthread_rwlock_t *l) { return wrlock(l, 1, FUTEX_NONE, 0); }
int pthread_rwlock_timedwrlock(pthread_rwlock_t *restrict l, const struct timespec *restrict at) { return wrlock(l, 0, FUTEX_REALTIME, at); }
int pthread_rwlock_clockwrlock(pthread_rwlock_t *restrict l, clockid_t clock, const struct timespec *restrict at) {
	return futex_clock(clock) < 0 ? EINVAL : wrlock(l, 0, futex_clock(clock), at);
}

int pthread_rwlock_unlock(pthread_rwlock_t *l) {
	if (RW_STATE(l) < 0) {
		if (RW_WRITER(l) != self_id()) return EPERM;
		RW_STATE(l) = 0;
		RW_WRITER(l) = 0;
	} else if (RW_STATE(l) > 0) {
		RW_STATE(l)--;
	} else {
		return EPERM;
	}
	if (RW_STATE(l) == 0 && RW_WAITERS(l)) __l4posix_futex_wake(&RW_STATE(l), INT_MAX);
	return 0;
}

/* ---- barriers: word 0 the count, 1 the threads arrived, 2 the generation ---- */

#define B_COUNT(b) ((b)->__u.__vi[0])
#define B_ARRIVED(b) ((b)->__u.__vi[1])
#define B_GEN(b) ((b)->__u.__vi[2])

int pthread_barrier_init(pthread_barrier_t *restrict b, const pthread_barrierattr_t *restrict a, unsigned count) {
	(void)a;
	if (count == 0 || count > INT_MAX) return EINVAL;
	*b = (pthread_barrier_t){0};
	B_COUNT(b) = (int)count;
	return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *b) { return B_ARRIVED(b) ? EBUSY : 0; }

int pthread_barrier_wait(pthread_barrier_t *b) {
	int gen = B_GEN(b);
	if (++B_ARRIVED(b) >= B_COUNT(b)) {
		B_ARRIVED(b) = 0;
		B_GEN(b)++;
		__l4posix_futex_wake(&B_GEN(b), INT_MAX);
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	while (B_GEN(b) == gen) __l4posix_futex_wait_until(&B_GEN(b), gen, FUTEX_NONE, 0);
	return 0;
}

/* ---- spin locks: a holder that waits lets the spinner yield until it is free ---- */

int pthread_spin_init(pthread_spinlock_t *s, int shared) { (void)shared; *s = 0; return 0; }
int pthread_spin_destroy(pthread_spinlock_t *s) { (void)s; return 0; }

int pthread_spin_lock(pthread_spinlock_t *s) {
	while (*(volatile int *)s) sched_yield();
	*s = 1;
	return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *s) {
	if (*(volatile int *)s) return EBUSY;
	*s = 1;
	return 0;
}

int pthread_spin_unlock(pthread_spinlock_t *s) { *s = 0; return 0; }
