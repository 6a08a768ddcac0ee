/* preadv2 and pwritev2: preadv/pwritev with Linux's per-call flags; offset -1 means the file
 * position (readv/writev). RWF_HIPRI is a polling hint (nothing to poll here); RWF_DSYNC and
 * RWF_SYNC sync what was written as O_DSYNC/O_SYNC would; RWF_APPEND writes at the end of the file;
 * RWF_NOWAIT fails with EAGAIN where the call would wait (a pipe or socket that is not ready).
 * Unknown flags are EOPNOTSUPP, as Linux answers. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define KNOWN (RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND)

/* 0 when the call may go on (a file never waits), else -1 with EAGAIN (or the descriptor's error). */
static int ready(int fd, short events) {
	struct stat st;
	if (fstat(fd, &st) != 0) return -1;
	if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) return 0;
	struct pollfd p = { fd, events, 0 };
	if (poll(&p, 1, 0) < 0) return -1;
	if (p.revents) return 0;
	errno = EAGAIN;
	return -1;
}

static int check(off_t offset, int flags) {
	if (flags & ~KNOWN) {
		errno = EOPNOTSUPP;
		return -1;
	}
	if (offset < -1) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

ssize_t preadv2(int fd, const struct iovec *iov, int n, off_t offset, int flags) {
	if (check(offset, flags) != 0) return -1;
	if ((flags & RWF_NOWAIT) && ready(fd, POLLIN) != 0) return -1;
	return offset == -1 ? readv(fd, iov, n) : preadv(fd, iov, n, offset);
}

ssize_t pwritev2(int fd, const struct iovec *iov, int n, off_t offset, int flags) {
	if (check(offset, flags) != 0) return -1;
	if ((flags & RWF_NOWAIT) && ready(fd, POLLOUT) != 0) return -1;
	ssize_t r;
	if (flags & RWF_APPEND) {
		/* At the end, as O_APPEND: the position moves only when it was the one asked for. */
		struct stat st;
		if (offset == -1) r = lseek(fd, 0, SEEK_END) < 0 && errno != ESPIPE ? -1 : writev(fd, iov, n);
		else r = fstat(fd, &st) != 0 ? -1 : pwritev(fd, iov, n, st.st_size);
	} else {
		r = offset == -1 ? writev(fd, iov, n) : pwritev(fd, iov, n, offset);
	}
	if (r > 0 && (flags & (RWF_DSYNC | RWF_SYNC))) {
		if ((flags & RWF_SYNC ? fsync(fd) : fdatasync(fd)) != 0) return -1;
	}
	return r;
}
