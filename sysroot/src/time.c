/* Time beyond WASI: clock_settime (the l4posix system family moves the machine's real-time clock)
 * and a clock_nanosleep that checks its arguments as Linux does and, interrupted, reports EINTR
 * with the time left (also through sleep). Sleeping itself is a poll_oneoff on the clock, as in
 * wasi-libc. */
#include <errno.h>
#include <stdint.h>
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

static __wasi_timestamp_t now(__wasi_clockid_t id) {
  __wasi_timestamp_t t;
  return __wasi_clock_time_get(id, 1, &t) == 0 ? t : 0;
}

int __clock_nanosleep(clockid_t clock, int flags, const struct timespec *req, struct timespec *rem) {
  __wasi_clockid_t id = clock->id;
  if (id != __WASI_CLOCKID_REALTIME && id != __WASI_CLOCKID_MONOTONIC) return EINVAL;
  if ((flags & ~TIMER_ABSTIME) != 0) return EINVAL;
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
