/* clock_gettime and clock_getres that refuse unknown clocks. wasi-libc's clockid_t points at a
 * struct holding the WASI clock id, and its versions read that struct wherever the pointer goes:
 * an invalid clock such as (clockid_t)99 reads stray memory and answers a time. Here only the
 * clocks <time.h> names are clocks; anything else is EINVAL, as on Linux. */
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

struct __clockid {
  __wasi_clockid_t id;
};

const struct __clockid _CLOCK_PROCESS_CPUTIME_ID = { __WASI_CLOCKID_PROCESS_CPUTIME_ID };
const struct __clockid _CLOCK_THREAD_CPUTIME_ID = { __WASI_CLOCKID_THREAD_CPUTIME_ID };

int __clock_gettime(clockid_t, struct timespec *);

static int known(clockid_t clock) {
  return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC || clock == CLOCK_PROCESS_CPUTIME_ID ||
    clock == CLOCK_THREAD_CPUTIME_ID;
}

int clock_gettime(clockid_t clock, struct timespec *ts) {
  if (!known(clock)) {
    errno = EINVAL;
    return -1;
  }
  return __clock_gettime(clock, ts);
}

/* A clock's resolution never changes while the program runs: asked once per clock, like a vDSO
 * answer (clock_getres is called in timing loops). */
static __wasi_timestamp_t resolution[4];

int clock_getres(clockid_t clock, struct timespec *res) {
  if (!known(clock)) {
    errno = EINVAL;
    return -1;
  }
  __wasi_timestamp_t ns = clock->id < 4 ? resolution[clock->id] : 0;
  if (ns == 0) {
    __wasi_errno_t e = __wasi_clock_res_get(clock->id, &ns);
    if (e != 0) {
      errno = e;
      return -1;
    }
    if (clock->id < 4) resolution[clock->id] = ns;
  }
  if (res != 0) {
    res->tv_sec = ns / 1000000000;
    res->tv_nsec = ns % 1000000000;
  }
  return 0;
}

/* A process's CPU-time clock: the caller's own (pid 0 or its pid). No clock here reads another
 * process's time: EPERM for one that exists, ESRCH for one that does not (both as numbers, as
 * POSIX has this call return them). */
int clock_getcpuclockid(pid_t pid, clockid_t *clock) {
  if (pid == 0 || pid == getpid()) {
    *clock = CLOCK_PROCESS_CPUTIME_ID;
    return 0;
  }
  int saved = errno;
  int e = pid < 0 || (kill(pid, 0) != 0 && errno == ESRCH) ? ESRCH : EPERM;
  errno = saved;
  return e;
}
