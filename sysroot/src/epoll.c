/* epoll: the instance's descriptor is a host object of its own (l4posix eventfd with
 * EFD_L4_EPOLL: never ready, unreadable), so it is closed, dup'ed and inherited like any
 * descriptor; its interest list is kept by the host with it (src/libc/epoll_instance.ts), so
 * every descriptor of the instance, in this process or a forked one, reaches the same list, as on
 * Linux. Level-triggered, EPOLLET (a readiness reported once, again after the file changed),
 * EPOLLONESHOT; an instance's descriptor is readable while it has an event, so poll and other
 * instances can watch it (ELOOP for a loop). */
#define _GNU_SOURCE
#include <sys/epoll.h>
#include <errno.h>
#include <stddef.h>
#include <time.h>
#include <l4posix.h>

L4POSIX_IMPORT(eventfd) int __l4posix_eventfd(unsigned initval, int flags);
L4POSIX_IMPORT(epoll_ctl) int __l4posix_epoll_ctl(int, int, int, struct epoll_event *);
L4POSIX_IMPORT(epoll_wait) int __l4posix_epoll_wait(int, struct epoll_event *, int, int, const sigset_t *);

/* src/libc/l4posix_eventfd.ts: the object is an epoll instance. */
#define EFD_L4_EPOLL 0x100

_Static_assert(sizeof(struct epoll_event) == 16, "layout shared with src/libc/l4posix_epoll.ts");

int epoll_create1(int flags) {
	if ((flags & ~EPOLL_CLOEXEC) != 0) {
		errno = EINVAL;
		return -1;
	}
	return l4posix_ret(__l4posix_eventfd(0, EFD_L4_EPOLL | (flags & EPOLL_CLOEXEC)));
}

int epoll_create(int size) {
	if (size <= 0) {
		errno = EINVAL;
		return -1;
	}
	return epoll_create1(0);
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev) {
	return l4posix_ret(__l4posix_epoll_ctl(epfd, op, fd, ev));
}

int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout, const sigset_t *mask) {
	return l4posix_ret(__l4posix_epoll_wait(epfd, events, maxevents, timeout, mask));
}

/* epoll_pwait2: a timespec timeout (NULL: none), rounded up to whole milliseconds. */
int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents, const struct timespec *timeout, const sigset_t *mask) {
	int ms = -1;
	if (timeout != NULL) {
		if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000L) {
			errno = EINVAL;
			return -1;
		}
		long long t = (long long)timeout->tv_sec * 1000 + (timeout->tv_nsec + 999999) / 1000000;
		ms = t > 0x7fffffff ? 0x7fffffff : (int)t;
	}
	return epoll_pwait(epfd, events, maxevents, ms, mask);
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout) {
	return epoll_pwait(epfd, events, maxevents, timeout, NULL);
}
