/* eventfd: a counter object the host keeps (src/vfs/eventfd.ts), shared across dup and fork;
 * read, write and poll on it are the ordinary descriptor calls. */
#include <sys/eventfd.h>
#include <unistd.h>
#include <errno.h>
#include <l4posix.h>

L4POSIX_IMPORT(eventfd) int __l4posix_eventfd(unsigned initval, int flags);

int eventfd(unsigned int initval, int flags) { return l4posix_ret(__l4posix_eventfd(initval, flags)); }

int eventfd_read(int fd, eventfd_t *value) {
	return read(fd, value, sizeof *value) == sizeof *value ? 0 : -1;
}

int eventfd_write(int fd, eventfd_t value) {
	return write(fd, &value, sizeof value) == sizeof value ? 0 : -1;
}
