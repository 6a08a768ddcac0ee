/* timerfd: a timer object the host keeps (src/vfs/timerfd.ts), shared across dup and fork; its
 * expirations are read with read(2) and waited for with poll, select or epoll. */
#include <sys/timerfd.h>
#include <errno.h>
#include <time.h>
#include <wasi/api.h>
#include <l4posix.h>

struct __clockid {
	__wasi_clockid_t id;
};

L4POSIX_IMPORT(timerfd_create) int __l4posix_timerfd_create(int clock, int flags);
L4POSIX_IMPORT(timerfd_settime) int __l4posix_timerfd_settime(int, int, const struct itimerspec *, struct itimerspec *);
L4POSIX_IMPORT(timerfd_gettime) int __l4posix_timerfd_gettime(int, struct itimerspec *);

int timerfd_create(clockid_t clock, int flags) {
	/* A clockid_t points at the clock's id: only the clocks a timerfd takes are read (Linux: EINVAL for the rest). */
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) return l4posix_ret(-EINVAL);
	return l4posix_ret(__l4posix_timerfd_create((int)clock->id, flags));
}

int timerfd_settime(int fd, int flags, const struct itimerspec *nv, struct itimerspec *ov) {
	return l4posix_ret(__l4posix_timerfd_settime(fd, flags, nv, ov));
}

int timerfd_gettime(int fd, struct itimerspec *cur) {
	return l4posix_ret(__l4posix_timerfd_gettime(fd, cur));
}
