/* POSIX per-process timers: timer_create, timer_settime, timer_gettime, timer_getoverrun,
   timer_delete. The host keeps them (src/libc/l4posix_timer.ts): their deadlines are timeouts of
   the process's exception/timer handler thread, like setitimer's. A timer_t is the timer's id,
   as Linux's kernel ids (0, 1, ...). */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <wasi/api.h>
#include <l4posix.h>

struct __clockid {
	__wasi_clockid_t id;
};

L4POSIX_IMPORT(timer_create) int __l4posix_timer_create(int, struct sigevent *, timer_t *);
L4POSIX_IMPORT(timer_settime) int __l4posix_timer_settime(int, int, const struct itimerspec *, struct itimerspec *);
L4POSIX_IMPORT(timer_gettime) int __l4posix_timer_gettime(int, struct itimerspec *);
L4POSIX_IMPORT(timer_getoverrun) int __l4posix_timer_getoverrun(int);
L4POSIX_IMPORT(timer_delete) int __l4posix_timer_delete(int);

static int id_of(timer_t t) { return (int)(intptr_t)t; }

int timer_create(clockid_t clock, struct sigevent *restrict sev, timer_t *restrict t) {
	/* A clockid_t points at the clock's id: only the clocks <time.h> names are read. */
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_PROCESS_CPUTIME_ID &&
	    clock != CLOCK_THREAD_CPUTIME_ID)
		return l4posix_ret(-EINVAL);
	return l4posix_ret(__l4posix_timer_create((int)clock->id, sev, t));
}

int timer_settime(timer_t t, int flags, const struct itimerspec *restrict nv, struct itimerspec *restrict ov) {
	return l4posix_ret(__l4posix_timer_settime(id_of(t), flags, nv, ov));
}

int timer_gettime(timer_t t, struct itimerspec *cur) {
	return l4posix_ret(__l4posix_timer_gettime(id_of(t), cur));
}

int timer_getoverrun(timer_t t) {
	return l4posix_ret(__l4posix_timer_getoverrun(id_of(t)));
}

int timer_delete(timer_t t) {
	return l4posix_ret(__l4posix_timer_delete(id_of(t)));
}
