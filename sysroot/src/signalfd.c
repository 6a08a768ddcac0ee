/* signalfd: a descriptor the host keeps (src/vfs/signalfd.ts) whose reads take the process's
 * pending signals of a set; read, poll and close are the ordinary descriptor calls. */
#include <sys/signalfd.h>
#include <l4posix.h>

L4POSIX_IMPORT(signalfd) int __l4posix_signalfd(int fd, const sigset_t *mask, int flags);

_Static_assert(sizeof(struct signalfd_siginfo) == 128, "Linux's layout (src/vfs/signalfd.ts)");

int signalfd(int fd, const sigset_t *mask, int flags) {
	return l4posix_ret(__l4posix_signalfd(fd, mask, flags));
}
