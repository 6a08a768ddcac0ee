/* Interval timers (ITIMER_REAL: a timeout of the process's exception/timer handler thread, which
   sends SIGALRM) and alarm/ualarm on top of them. ITIMER_VIRTUAL and ITIMER_PROF count the
   process's CPU time: each is a POSIX timer of its own on CLOCK_PROCESS_CPUTIME_ID sending
   SIGVTALRM or SIGPROF (l4wasm keeps no separate user and system time, so both count the same). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "signal_impl.h"

/* The CPU-time timers, made at first use; `owner` is the process that made them (a forked child
   inherits this memory, not the timers). */
static struct { timer_t id; pid_t owner; } cpu_timers[2];

static int cpu_slot(int which) { return which == ITIMER_VIRTUAL ? 0 : 1; }

static int cpu_timer(int which, int create, timer_t *id) {
	int k = cpu_slot(which);
	if (cpu_timers[k].owner == getpid()) {
		*id = cpu_timers[k].id;
		return 1;
	}
	if (!create) return 0;
	struct sigevent ev;
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = which == ITIMER_VIRTUAL ? SIGVTALRM : SIGPROF;
	if (timer_create(CLOCK_PROCESS_CPUTIME_ID, &ev, &cpu_timers[k].id) != 0) return -1;
	cpu_timers[k].owner = getpid();
	*id = cpu_timers[k].id;
	return 1;
}

static void to_timeval(const struct timespec *ts, struct timeval *tv) {
	tv->tv_sec = ts->tv_sec;
	tv->tv_usec = ts->tv_nsec / 1000;
	/* A timer still running shows at least 1 µs, as Linux rounds it. */
	if (tv->tv_sec == 0 && tv->tv_usec == 0 && ts->tv_nsec > 0) tv->tv_usec = 1;
}

static int cpu_getitimer(int which, struct itimerval *cur) {
	timer_t id;
	memset(cur, 0, sizeof *cur);
	int have = cpu_timer(which, 0, &id);
	if (have <= 0) return 0;
	struct itimerspec now;
	if (timer_gettime(id, &now) != 0) return -1;
	to_timeval(&now.it_interval, &cur->it_interval);
	to_timeval(&now.it_value, &cur->it_value);
	return 0;
}

static int cpu_setitimer(int which, const struct itimerval *nv, struct itimerval *ov) {
	struct itimerval old;
	if (cpu_getitimer(which, &old) != 0) return -1;
	int arm = nv->it_value.tv_sec != 0 || nv->it_value.tv_usec != 0;
	timer_t id;
	int have = cpu_timer(which, arm, &id);
	if (have < 0) return -1;
	if (have > 0) {
		struct itimerspec spec = {
			.it_interval = { nv->it_interval.tv_sec, nv->it_interval.tv_usec * 1000L },
			.it_value = { nv->it_value.tv_sec, nv->it_value.tv_usec * 1000L },
		};
		if (timer_settime(id, 0, &spec, NULL) != 0) return -1;
	}
	if (ov) *ov = old;
	return 0;
}

/* A hundred years: longer timers are this long (microseconds stay exact on the host). */
#define MAX_SECONDS 3155760000LL

static int to_us(const struct timeval *tv, long long *us) {
	if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000) return -1;
	long long s = tv->tv_sec > MAX_SECONDS ? MAX_SECONDS : tv->tv_sec;
	*us = s * 1000000LL + tv->tv_usec;
	return 0;
}

static void from_us(long long us, struct timeval *tv) {
	tv->tv_sec = us / 1000000;
	tv->tv_usec = us % 1000000;
}

int setitimer(int which, const struct itimerval *restrict nv, struct itimerval *restrict ov) {
	struct __l4posix_itimer n, o;
	if (!nv) return l4posix_ret(-EFAULT);
	if (to_us(&nv->it_interval, &n.interval_us) < 0 || to_us(&nv->it_value, &n.value_us) < 0)
		return l4posix_ret(-EINVAL);
	if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) return cpu_setitimer(which, nv, ov);
	int r = __l4posix_setitimer(which, &n, ov ? &o : 0);
	if (r < 0) return l4posix_ret(r);
	if (ov) {
		from_us(o.interval_us, &ov->it_interval);
		from_us(o.value_us, &ov->it_value);
	}
	return 0;
}

int getitimer(int which, struct itimerval *cur) {
	struct __l4posix_itimer c;
	if (!cur) return l4posix_ret(-EFAULT);
	if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) return cpu_getitimer(which, cur);
	int r = __l4posix_getitimer(which, &c);
	if (r < 0) return l4posix_ret(r);
	from_us(c.interval_us, &cur->it_interval);
	from_us(c.value_us, &cur->it_value);
	return 0;
}

unsigned alarm(unsigned seconds) {
	struct itimerval it = { .it_value.tv_sec = seconds }, old = { 0 };
	setitimer(ITIMER_REAL, &it, &old);
	return (unsigned)(old.it_value.tv_sec + !!old.it_value.tv_usec);
}

unsigned ualarm(unsigned value, unsigned interval) {
	struct itimerval it = {
		.it_interval.tv_sec = interval / 1000000, .it_interval.tv_usec = interval % 1000000,
		.it_value.tv_sec = value / 1000000, .it_value.tv_usec = value % 1000000,
	}, old = { 0 };
	setitimer(ITIMER_REAL, &it, &old);
	return (unsigned)(old.it_value.tv_sec * 1000000 + old.it_value.tv_usec);
}
