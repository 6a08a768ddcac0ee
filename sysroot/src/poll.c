/* poll, in place of wasi-libc's, as ppoll without a signal mask (src/libc/l4posix_ppoll.ts): revents
 * as Linux reports them, all the bits at once (a refused nonblocking connect: POLLOUT, POLLERR and
 * POLLHUP; a hung-up pipe: POLLHUP without POLLIN), POLLHUP/POLLERR/POLLNVAL for entries asking for
 * no events, and more descriptors than RLIMIT_NOFILE EINVAL before anything is looked at.
 *
 * On a WASI host without l4posix (its calls ENOSYS, as node:wasi gives them) it answers as
 * wasi-libc's poll does, from poll_oneoff subscriptions: one state per event, so a ready
 * descriptor's error and hang-up cannot be told together, and an entry asking for no events is
 * ENOSYS. Unlike wasi-libc's, the subscriptions of more than a few descriptors go to the heap (its
 * array on the stack, sized by nfds, ran far past the stack for a large nfds). */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <wasi/api.h>

/* Descriptors whose subscriptions and events stay on the stack: 2 each and the clock, ~2.5 KiB. */
#define ON_STACK 16

static int poll_oneoff_poll(struct pollfd *fds, nfds_t nfds, int timeout) {
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

int poll(struct pollfd *fds, nfds_t nfds, int timeout) {
	struct timespec ts;
	if (timeout >= 0) {
		ts.tv_sec = timeout / 1000;
		ts.tv_nsec = (long)(timeout % 1000) * 1000000L;
	}
	int r = ppoll(fds, nfds, timeout >= 0 ? &ts : NULL, NULL);
	if (r < 0 && errno == ENOSYS) return poll_oneoff_poll(fds, nfds, timeout);
	return r;
}
