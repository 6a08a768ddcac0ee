/* Time beyond WASI: clock_settime (the l4posix system family moves the machine's real-time clock;
 * settimeofday, stime and adjtime set it through this) and a clock_nanosleep that checks its
 * arguments as Linux does and, interrupted, reports EINTR with the time left (also through sleep).
 * Sleeping itself is a poll_oneoff on the clock, as in wasi-libc. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <sys/time.h>
#include <time.h>
#include <wasi/api.h>
#include <l4posix.h>

L4POSIX_IMPORT(clock_settime) int __l4posix_clock_settime(int clock, long long sec, int nsec);

/* wasi-libc's clockid_t points at one of these. */
struct __clockid {
  __wasi_clockid_t id;
};

int clock_settime(clockid_t clock, const struct timespec *ts) {
  return l4posix_ret(__l4posix_clock_settime(clock->id, ts->tv_sec, ts->tv_nsec)) < 0 ? -1 : 0;
}

/* settimeofday and stime set CLOCK_REALTIME, with its permission. There is no kernel time zone to
 * set (glibc passes one on): a zone alone is EPERM, a zone with a time EINVAL, as glibc answers. */
int settimeofday(const struct timeval *tv, const struct timezone *tz) {
  if (tz) {
    errno = tv ? EINVAL : EPERM;
    return -1;
  }
  if (!tv) return 0;
  if (tv->tv_usec < 0 || tv->tv_usec >= 1000000) {
    errno = EINVAL;
    return -1;
  }
  struct timespec ts = { tv->tv_sec, tv->tv_usec * 1000 };
  return clock_settime(CLOCK_REALTIME, &ts);
}

int stime(const time_t *t) {
  struct timespec ts = { *t, 0 };
  return clock_settime(CLOCK_REALTIME, &ts);
}

/* The clock is never slewed: a correction moves it at once by the whole delta (with
 * clock_settime's permission), so none is ever outstanding. Linux's bound on the delta. */
int adjtime(const struct timeval *delta, struct timeval *old) {
  if (delta) {
    long long us = (long long)delta->tv_sec * 1000000 + delta->tv_usec;
    if (us > 2145 * 1000000LL || us < -2145 * 1000000LL) {
      errno = EINVAL;
      return -1;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    long long ns = ts.tv_sec * 1000000000LL + ts.tv_nsec + us * 1000;
    ts.tv_sec = ns / 1000000000;
    ts.tv_nsec = ns % 1000000000;
    if (clock_settime(CLOCK_REALTIME, &ts) != 0) return -1;
  }
  if (old) *old = (struct timeval){ 0, 0 };
  return 0;
}

static __wasi_timestamp_t now(__wasi_clockid_t id) {
  __wasi_timestamp_t t;
  return __wasi_clock_time_get(id, 1, &t) == 0 ? t : 0;
}

int __clock_nanosleep(clockid_t clock, int flags, const struct timespec *req, struct timespec *rem) {
  /* The pointer is compared before it is followed: an invalid clock such as (clockid_t)99 points
   * at stray memory (clock.c). */
  if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) return EINVAL;
  __wasi_clockid_t id = clock->id;
  if ((flags & ~TIMER_ABSTIME) != 0) return EINVAL;
  if (l4posix_null_pointer(req)) return EFAULT;
  if (req->tv_nsec < 0 || req->tv_nsec >= 1000000000) return EINVAL;
  int absolute = (flags & TIMER_ABSTIME) != 0;
  if (req->tv_sec < 0) return absolute ? 0 : EINVAL;
  __wasi_timestamp_t ns = (unsigned long long)req->tv_sec > UINT64_MAX / 1000000000 - 1
    ? UINT64_MAX : (__wasi_timestamp_t)req->tv_sec * 1000000000 + req->tv_nsec;
  /* A relative sleep is measured on the monotonic clock: setting the time does not stretch it. */
  __wasi_timestamp_t start = absolute ? 0 : now(__WASI_CLOCKID_MONOTONIC);
  __wasi_subscription_t sub = {
    .u.tag = __WASI_EVENTTYPE_CLOCK,
    .u.u.clock.id = absolute ? id : __WASI_CLOCKID_MONOTONIC,
    .u.u.clock.timeout = ns,
    .u.u.clock.flags = absolute ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0,
  };
  __wasi_event_t ev;
  __wasi_size_t n;
  __wasi_errno_t e = __wasi_poll_oneoff(&sub, &ev, 1, &n);
  if (e == 0 && n == 1 && ev.error != 0) e = ev.error;
  if (e == __WASI_ERRNO_INTR && !absolute && rem != 0) {
    __wasi_timestamp_t slept = now(__WASI_CLOCKID_MONOTONIC) - start;
    __wasi_timestamp_t left = slept < ns ? ns - slept : 0;
    rem->tv_sec = left / 1000000000;
    rem->tv_nsec = left % 1000000000;
  }
  return e == 0 || e == __WASI_ERRNO_INTR ? (int)e : EINVAL;
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req, struct timespec *rem) {
  return __clock_nanosleep(clock, flags, req, rem);
}

/* sleep interrupted by a signal returns the whole seconds left, as glibc's (it truncates: 2.7 s
 * left is 2; sleep(3) cut short by alarm(1) returns 1); wasi-libc's returns the whole request. */
unsigned sleep(unsigned seconds) {
  struct timespec ts = { seconds, 0 };
  if (__clock_nanosleep(CLOCK_REALTIME, 0, &ts, &ts) != 0) return (unsigned)ts.tv_sec;
  return 0;
}
