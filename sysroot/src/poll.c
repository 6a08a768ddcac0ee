/* poll, in place of wasi-libc's: that one builds its poll_oneoff subscriptions in an array on the
 * stack sized by nfds, so a large nfds (200000) ran far past the stack and the program died with
 * SIGSEGV. As on Linux, more descriptors than RLIMIT_NOFILE is EINVAL before anything is looked at;
 * the subscriptions of a few descriptors stay on the stack, more go to the heap (ENOMEM if it has no
 * room, as Linux's poll says when it cannot allocate). Otherwise it answers as wasi-libc's poll:
 * POLLRDNORM and POLLWRNORM become fd_read and fd_write subscriptions, a timeout a clock one, and
 * the events come back as revents (EBADF: POLLNVAL; EPIPE: POLLHUP; another error: POLLERR). */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <wasi/api.h>

/* Descriptors whose subscriptions and events stay on the stack: 2 each and the clock, ~2.5 KiB. */
#define ON_STACK 16

int poll(struct pollfd *fds, nfds_t nfds, int timeout) {
	struct rlimit lim;
	if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY && nfds > lim.rlim_cur) {
		errno = EINVAL;
		return -1;
	}
	size_t most = 2 * (size_t)nfds + 1;
	__wasi_subscription_t subs_here[2 * ON_STACK + 1];
	__wasi_event_t events_here[2 * ON_STACK + 1];
	__wasi_subscription_t *subs = subs_here;
	__wasi_event_t *events = events_here;
	if (nfds > ON_STACK) {
		subs = malloc(most * sizeof *subs);
		events = malloc(most * sizeof *events);
		if (subs == NULL || events == NULL) {
			free(subs);
			free(events);
			errno = ENOMEM;
			return -1;
		}
	}
	int result = -1;
	size_t n = 0;
	for (nfds_t i = 0; i < nfds; i++) {
		struct pollfd *p = &fds[i];
		if (p->fd < 0) continue;
		bool any = false;
		if ((p->events & POLLRDNORM) != 0) {
			subs[n++] = (__wasi_subscription_t){
				.userdata = (uintptr_t)p, .u.tag = __WASI_EVENTTYPE_FD_READ, .u.u.fd_read.file_descriptor = (__wasi_fd_t)p->fd,
			};
			any = true;
		}
		if ((p->events & POLLWRNORM) != 0) {
			subs[n++] = (__wasi_subscription_t){
				.userdata = (uintptr_t)p, .u.tag = __WASI_EVENTTYPE_FD_WRITE, .u.u.fd_write.file_descriptor = (__wasi_fd_t)p->fd,
			};
			any = true;
		}
		/* Neither: a read/write subscription is all WASI has to see POLLHUP/POLLERR/POLLNVAL with. */
		if (!any) {
			errno = ENOSYS;
			goto out;
		}
	}
	if (timeout >= 0) {
		subs[n++] = (__wasi_subscription_t){
			.u.tag = __WASI_EVENTTYPE_CLOCK, .u.u.clock.id = __WASI_CLOCKID_MONOTONIC,
			.u.u.clock.timeout = (__wasi_timestamp_t)timeout * 1000000,
		};
	}
	size_t nevents;
	__wasi_errno_t e = __wasi_poll_oneoff(subs, events, n, &nevents);
	if (e != 0) {
		/* Nothing to wait for and no timeout (WASI says EINVAL): wasi-libc's ENOTSUP. */
		errno = n == 0 ? ENOTSUP : e;
		goto out;
	}
	for (nfds_t i = 0; i < nfds; i++) fds[i].revents = 0;
	for (size_t i = 0; i < nevents; i++) {
		const __wasi_event_t *ev = &events[i];
		if (ev->type != __WASI_EVENTTYPE_FD_READ && ev->type != __WASI_EVENTTYPE_FD_WRITE) continue;
		struct pollfd *p = (struct pollfd *)(uintptr_t)ev->userdata;
		if (ev->error == __WASI_ERRNO_BADF) {
			p->revents |= POLLNVAL;
		} else if (ev->error == __WASI_ERRNO_PIPE) {
			p->revents |= POLLHUP;
		} else if (ev->error != 0) {
			p->revents |= POLLERR;
		} else {
			p->revents |= ev->type == __WASI_EVENTTYPE_FD_READ ? POLLRDNORM : POLLWRNORM;
			if ((ev->fd_readwrite.flags & __WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP) != 0) p->revents |= POLLHUP;
		}
	}
	result = 0;
	for (nfds_t i = 0; i < nfds; i++) {
		/* A hang-up is not writable. */
		if ((fds[i].revents & POLLHUP) != 0) fds[i].revents &= ~POLLWRNORM;
		if (fds[i].revents != 0) result++;
	}
out:
	if (subs != subs_here) {
		free(subs);
		free(events);
	}
	return result;
}
