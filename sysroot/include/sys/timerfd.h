/* sys/timerfd.h: Linux's timer descriptors (sysroot/src/timerfd.c): a read returns the number of
 * expirations since the last read as a uint64_t; poll and epoll see them as readable. Clocks:
 * CLOCK_REALTIME and CLOCK_MONOTONIC. */
#ifndef _SYS_TIMERFD_H
#define _SYS_TIMERFD_H

#include <time.h>
#include <fcntl.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TFD_NONBLOCK O_NONBLOCK
#define TFD_CLOEXEC O_CLOEXEC

#define TFD_TIMER_ABSTIME 1
#define TFD_TIMER_CANCEL_ON_SET 2

struct itimerspec;

int timerfd_create(clockid_t, int);
int timerfd_settime(int, int, const struct itimerspec *, struct itimerspec *);
int timerfd_gettime(int, struct itimerspec *);

#ifdef __cplusplus
}
#endif

#endif
