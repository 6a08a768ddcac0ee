/* clock() and times(): wasi-libc has them only as an emulation on the wall clock (a flag and a
 * library away). Here they read the process's CPU time, which l4wasm keeps (the process CPU-time
 * clock). times() reports no children's time (l4wasm keeps none) and the monotonic clock as the
 * elapsed time, in sysconf(_SC_CLK_TCK) = 100 ticks per second. */
#include <sys/times.h>
#include <time.h>

#define TICKS_PER_SEC 100

static long long cpu_ns(void) {
	struct timespec ts;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) return -1;
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

clock_t clock(void) {
	long long ns = cpu_ns();
	return ns < 0 ? (clock_t)-1 : (clock_t)(ns / (1000000000LL / CLOCKS_PER_SEC));
}

clock_t times(struct tms *t) {
	struct timespec now;
	long long ns = cpu_ns();
	if (ns < 0 || clock_gettime(CLOCK_MONOTONIC, &now) != 0) return (clock_t)-1;
	if (t) {
		t->tms_utime = (clock_t)(ns / (1000000000LL / TICKS_PER_SEC));
		t->tms_stime = 0;
		t->tms_cutime = 0;
		t->tms_cstime = 0;
	}
	return (clock_t)(now.tv_sec * TICKS_PER_SEC + now.tv_nsec / (1000000000L / TICKS_PER_SEC));
}
