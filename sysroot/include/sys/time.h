/* l4wasm overlay of wasi-libc's <sys/time.h>: interval timers (ITIMER_REAL, a timeout of the
   process's exception/timer handler thread; sysroot/src/signal_timer.c). */
#ifndef _L4WASM_SYS_TIME_H
#define _L4WASM_SYS_TIME_H

#include_next <sys/time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

int getitimer (int, struct itimerval *);
int setitimer (int, const struct itimerval *__restrict, struct itimerval *__restrict);

/* Setting the time is clock_settime's (sysroot/src/time.c); a time-stamp change of a descriptor or
 * of a symbolic link itself goes to futimens/utimensat (sysroot/src/utimes_bsd.c). */
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int settimeofday(const struct timeval *, const struct timezone *);
int adjtime(const struct timeval *, struct timeval *);
int futimes(int, const struct timeval [2]);
int lutimes(const char *, const struct timeval [2]);
#endif

#ifdef __cplusplus
}
#endif

#endif
