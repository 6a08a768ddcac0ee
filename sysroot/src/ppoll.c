/* ppoll: poll with a signal mask in place for the wait only, swapped atomically by the host
 * (src/libc/l4posix_ppoll.ts). */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <l4posix.h>

L4POSIX_IMPORT(ppoll) int __l4posix_ppoll(struct pollfd *, unsigned, const struct timespec *, const sigset_t *);

int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *timeout, const sigset_t *mask) {
	return l4posix_ret(__l4posix_ppoll(fds, (unsigned)n, timeout, mask));
}
