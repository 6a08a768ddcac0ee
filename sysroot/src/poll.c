/* poll, in place of wasi-libc's, as ppoll without a signal mask (src/libc/l4posix_ppoll.ts): revents
 * as Linux reports them, all the bits at once (a refused nonblocking connect: POLLOUT, POLLERR and
 * POLLHUP; a hung-up pipe: POLLHUP without POLLIN), POLLHUP/POLLERR/POLLNVAL for entries asking for
 * no events, and more descriptors than RLIMIT_NOFILE EINVAL before anything is looked at. wasi-libc's
 * builds poll_oneoff subscriptions, which carry one state per event: a ready descriptor's error and
 * hang-up could not be told together, and an entry with no events was ENOSYS. */
#define _GNU_SOURCE
#include <poll.h>
#include <stddef.h>
#include <time.h>

int poll(struct pollfd *fds, nfds_t nfds, int timeout) {
	struct timespec ts;
	if (timeout >= 0) {
		ts.tv_sec = timeout / 1000;
		ts.tv_nsec = (long)(timeout % 1000) * 1000000L;
	}
	return ppoll(fds, nfds, timeout >= 0 ? &ts : NULL, NULL);
}
