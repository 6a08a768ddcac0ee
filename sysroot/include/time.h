/* l4wasm overlay of wasi-libc's <time.h>: clock_settime exists here (it moves the machine's
 * real-time clock; sysroot/src/time.c), and clock_nanosleep reports EINTR and the time left.
 * Time zones are real (sysroot/src/tz.c): tzset, tzname, timezone, daylight, and TZ for
 * localtime, mktime and strftime. clock() is the process's CPU time (sysroot/src/times.c):
 * wasi-libc's declaration, deprecated without its wall-clock emulation, is renamed away. */
#ifndef _L4WASM_TIME_H
#define _L4WASM_TIME_H

#define clock __wasilibc_clock_undefined
#include_next <time.h>
#undef clock

#ifdef __cplusplus
extern "C" {
#endif

int clock_settime(clockid_t, const struct timespec *);
clock_t clock(void);
/* XSI: one million (wasi-libc counts nanoseconds). */
#undef CLOCKS_PER_SEC
#define CLOCKS_PER_SEC ((clock_t)1000000)

/* The CPU-time clocks (sysroot/src/clock.c); wasi-libc names only the real-time and monotonic ones. */
extern const struct __clockid _CLOCK_PROCESS_CPUTIME_ID;
extern const struct __clockid _CLOCK_THREAD_CPUTIME_ID;
#ifndef CLOCK_PROCESS_CPUTIME_ID
#define CLOCK_PROCESS_CPUTIME_ID (&_CLOCK_PROCESS_CPUTIME_ID)
#endif
#ifndef CLOCK_THREAD_CPUTIME_ID
#define CLOCK_THREAD_CPUTIME_ID (&_CLOCK_THREAD_CPUTIME_ID)
#endif

/* Linux's other clocks that read the same here: no suspend (CLOCK_BOOTTIME), no slewing of the
   monotonic clock (_RAW), no coarser tick (_COARSE). */
#ifndef CLOCK_BOOTTIME
#define CLOCK_BOOTTIME CLOCK_MONOTONIC
#endif
#ifndef CLOCK_MONOTONIC_RAW
#define CLOCK_MONOTONIC_RAW CLOCK_MONOTONIC
#endif
#ifndef CLOCK_MONOTONIC_COARSE
#define CLOCK_MONOTONIC_COARSE CLOCK_MONOTONIC
#endif
#ifndef CLOCK_REALTIME_COARSE
#define CLOCK_REALTIME_COARSE CLOCK_REALTIME
#endif

/* POSIX per-process timers (sysroot/src/timer.c): CLOCK_REALTIME, CLOCK_MONOTONIC and the CPU-time
   clocks; SIGEV_SIGNAL and SIGEV_NONE. */
struct sigevent;
#define __NEED_timer_t
#include <bits/alltypes.h>
int timer_create(clockid_t, struct sigevent *__restrict, timer_t *__restrict);
int timer_delete(timer_t);
int timer_settime(timer_t, int, const struct itimerspec *__restrict, struct itimerspec *__restrict);
int timer_gettime(timer_t, struct itimerspec *);
int timer_getoverrun(timer_t);

/* strftime knows glibc's %k, %l, %P and the ^ and # flags (sysroot/src/strftime.c); strptime
   completes tm_wday and tm_yday as glibc's does (sysroot/src/strptime.c). */
size_t strftime(char *__restrict, size_t, const char *__restrict, const struct tm *__restrict)
	__asm__("__l4wasm_strftime");
#if defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
char *strptime(const char *__restrict, const char *__restrict, struct tm *__restrict) __asm__("__l4wasm_strptime");
#endif

/* The CPU-time clock of a process: its own; another's is EPERM, a missing one ESRCH (sysroot/src/clock.c). */
#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) || defined(_XOPEN_SOURCE) \
 || defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int clock_getcpuclockid(pid_t, clockid_t *);
#endif

/* timelocal is mktime (sysroot/src/tz.c). stime sets the time as clock_settime does
 * (sysroot/src/time.c); glibc stopped declaring it in 2.31, and programs name their own variables
 * so: _GNU_SOURCE only. */
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
time_t timelocal(struct tm *);
#endif
#ifdef _GNU_SOURCE
int stime(const time_t *);
#endif

void tzset(void);
extern char *tzname[2];
#if defined(_XOPEN_SOURCE) || defined(_BSD_SOURCE) || defined(_GNU_SOURCE)
extern int daylight;
extern long timezone;
#endif

#ifdef __cplusplus
}
#endif

#endif
