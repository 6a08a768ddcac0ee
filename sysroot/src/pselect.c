/* pselect with its signal mask in place for the wait only: the descriptor sets become pollfds for
 * ppoll's host call (src/libc/l4posix_ppoll.ts), which swaps the mask atomically, and the ready
 * ones go back into the sets as Linux reports them (a hang-up or error counts as readable, an
 * error as writable). wasi-libc's fd_set is a list of descriptors. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <time.h>
#include <l4posix.h>

L4POSIX_IMPORT(ppoll) int __l4posix_ppoll(struct pollfd *, unsigned, const struct timespec *, const sigset_t *);

static int add(struct pollfd *fds, int n, int fd, short events) {
	for (int i = 0; i < n; i++) {
		if (fds[i].fd == fd) {
			fds[i].events |= events;
			return n;
		}
	}
	fds[n] = (struct pollfd){ .fd = fd, .events = events };
	return n + 1;
}

static int collect(struct pollfd *fds, int n, int nfds, const fd_set *set, short events) {
	if (!set) return n;
	for (size_t i = 0; i < set->__nfds; i++) {
		int fd = set->__fds[i];
		if (fd < 0 || fd >= nfds) continue;
		n = add(fds, n, fd, events);
	}
	return n;
}

/* Every descriptor of the set below nfds is open. */
static int all_open(int nfds, const fd_set *set) {
	if (!set) return 1;
	for (size_t i = 0; i < set->__nfds; i++) {
		int fd = set->__fds[i];
		if (fd >= 0 && fd < nfds && fcntl(fd, F_GETFD) < 0) return 0;
	}
	return 1;
}

/* Keeps in `set` the descriptors whose revents have one of `ready`; returns how many. */
static int keep(const struct pollfd *fds, int n, fd_set *set, short ready) {
	if (!set) return 0;
	fd_set out;
	FD_ZERO(&out);
	for (int i = 0; i < n; i++) {
		if ((fds[i].revents & ready) && FD_ISSET(fds[i].fd, set)) FD_SET(fds[i].fd, &out);
	}
	FD_COPY(&out, set);
	return (int)out.__nfds;
}

int __l4wasm_pselect(int nfds, fd_set *restrict rfds, fd_set *restrict wfds, fd_set *restrict efds,
                     const struct timespec *restrict timeout, const sigset_t *restrict mask) {
	if (nfds < 0 || nfds > FD_SETSIZE) {
		errno = EINVAL;
		return -1;
	}
	if (!all_open(nfds, rfds) || !all_open(nfds, wfds) || !all_open(nfds, efds)) {
		errno = EBADF;
		return -1;
	}
	/* Exceptional conditions (out-of-band data) never occur here: efds only had to be open. */
	struct pollfd fds[FD_SETSIZE];
	int n = collect(fds, 0, nfds, rfds, POLLIN);
	n = collect(fds, n, nfds, wfds, POLLOUT);
	int r = __l4posix_ppoll(fds, (unsigned)n, timeout, mask);
	if (r < 0) return l4posix_ret(r);
	int count = keep(fds, n, rfds, POLLIN | POLLHUP | POLLERR);
	count += keep(fds, n, wfds, POLLOUT | POLLERR);
	if (efds) FD_ZERO(efds);
	return count;
}
