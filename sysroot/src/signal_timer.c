/* Interval timers (ITIMER_REAL: a timeout of the process's exception/timer handler thread, which
   sends SIGALRM) and alarm/ualarm on top of them. */
#include <errno.h>
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>
#include "signal_impl.h"

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
