/* POSIX per-process timers: timer_create, timer_settime, timer_gettime, timer_getoverrun,
   timer_delete. The host keeps them (src/libc/l4posix_timer.ts): their deadlines are timeouts of
   the process's exception/timer handler thread, like setitimer's. A timer_t is the timer's id,
   as Linux's kernel ids (0, 1, ...).
   SIGEV_THREAD: as glibc, each expiry runs the timer's function in a new (detached) thread, with
   the timer's thread attributes; a notifier thread of the library's own, started with the first
   such timer, takes the expiries from the host. A program that cannot have threads (decoupled)
   gets EAGAIN. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
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
L4POSIX_IMPORT(timer_notification) int __l4posix_timer_notification(int out[3]);

/* pthread.c: the notifier does not count among the program's threads (it never ends the process). */
void __l4posix_thread_internal(void);

static int id_of(timer_t t) { return (int)(intptr_t)t; }

struct thread_timer {
	int id;
	void (*function)(union sigval);
	pthread_attr_t attr;
	int has_attr;
	struct thread_timer *next;
};

static struct thread_timer *thread_timers;
static int notifier_running;

struct notification {
	void (*function)(union sigval);
	union sigval value;
};

static void *run_notification(void *arg) {
	struct notification n = *(struct notification *)arg;
	free(arg);
	n.function(n.value);
	return 0;
}

static void *notifier(void *arg) {
	(void)arg;
	for (;;) {
		int n[3];
		if (__l4posix_timer_notification(n) != 0) continue;
		struct thread_timer *t = thread_timers;
		while (t && t->id != n[0]) t = t->next;
		if (!t) continue;
		struct notification *run = malloc(sizeof *run);
		if (!run) continue;
		run->function = t->function;
		run->value.sival_int = n[1];
		pthread_attr_t attr;
		if (t->has_attr) attr = t->attr;
		else pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		pthread_t th;
		if (pthread_create(&th, &attr, run_notification, run) != 0) free(run);
	}
	return 0;
}

/* A forked child has no timers (POSIX): nor their notifier. */
static void forget_timers(void) {
	thread_timers = 0;
	notifier_running = 0;
}

static int start_notifier(void) {
	if (notifier_running) return 0;
	pthread_t th;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	int r = pthread_create(&th, &attr, notifier, 0);
	if (r != 0) return r;
	__l4posix_thread_internal();
	pthread_atfork(0, 0, forget_timers);
	notifier_running = 1;
	return 0;
}

static int create_thread_timer(clockid_t clock, struct sigevent *sev, timer_t *t) {
	struct thread_timer *tt = calloc(1, sizeof *tt);
	if (!tt) return l4posix_ret(-EAGAIN);
	int r = start_notifier();
	if (r != 0) {
		free(tt);
		return l4posix_ret(-EAGAIN);
	}
	r = __l4posix_timer_create((int)clock->id, sev, t);
	if (r < 0) {
		free(tt);
		return l4posix_ret(r);
	}
	tt->id = id_of(*t);
	tt->function = sev->sigev_notify_function;
	if (sev->sigev_notify_attributes) {
		tt->attr = *(pthread_attr_t *)sev->sigev_notify_attributes;
		tt->has_attr = 1;
	}
	tt->next = thread_timers;
	thread_timers = tt;
	return 0;
}

int timer_create(clockid_t clock, struct sigevent *restrict sev, timer_t *restrict t) {
	/* A clockid_t points at the clock's id: only the clocks <time.h> names are read. */
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_PROCESS_CPUTIME_ID &&
	    clock != CLOCK_THREAD_CPUTIME_ID)
		return l4posix_ret(-EINVAL);
	/* A sigevent outside memory is the host's EFAULT, not a fault here. */
	uintptr_t end = (uintptr_t)sev + sizeof *sev;
	int readable = sev && end > (uintptr_t)sev && end <= __builtin_wasm_memory_size(0) * 65536UL;
	if (readable && sev->sigev_notify == SIGEV_THREAD) return create_thread_timer(clock, sev, t);
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
	for (struct thread_timer **p = &thread_timers; *p; p = &(*p)->next) {
		if ((*p)->id == id_of(t)) {
			struct thread_timer *gone = *p;
			*p = gone->next;
			free(gone);
			break;
		}
	}
	return l4posix_ret(__l4posix_timer_delete(id_of(t)));
}
