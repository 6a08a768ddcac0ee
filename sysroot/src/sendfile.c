/* sendfile, copy_file_range and splice: a copy between descriptors through a buffer of the
 * library's, with Linux's rules: an offset pointer reads at *offset (and moves it) without moving
 * the input's file offset; without one the input's offset moves by what was copied. */
#define _GNU_SOURCE
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <unistd.h>

#define CHUNK 65536
/* Linux copies at most this much in one call (MAX_RW_COUNT). */
#define MAX_COUNT 0x7ffff000

static int open_for(int fd, int reading) {
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0) return -1;
	int mode = fl & O_ACCMODE;
	if (reading ? mode == O_WRONLY : mode == O_RDONLY) {
		errno = EBADF;
		return -1;
	}
	return fl;
}

/* Writes all of buf (short only on an error after some bytes): the bytes written, or -1. */
static ssize_t write_all(int fd, const char *buf, size_t n, off_t *at) {
	size_t done = 0;
	while (done < n) {
		ssize_t w = at ? pwrite(fd, buf + done, n - done, *at + (off_t)done) : write(fd, buf + done, n - done);
		if (w < 0) {
			if (done > 0) break;
			return -1;
		}
		done += (size_t)w;
	}
	if (at) *at += (off_t)done;
	return (ssize_t)done;
}

/* The copy loop both calls share: from `in` (at *in_at, else its offset) to `out` (at *out_at, else its offset). */
static ssize_t copy(int in, off_t *in_at, int out, off_t *out_at, size_t count) {
	static char buf[CHUNK];
	if (count > MAX_COUNT) count = MAX_COUNT;
	size_t total = 0;
	while (total < count) {
		size_t want = count - total < CHUNK ? count - total : CHUNK;
		ssize_t got = in_at ? pread(in, buf, want, *in_at) : read(in, buf, want);
		if (got < 0) {
			if (total > 0) break;
			return -1;
		}
		if (got == 0) break;
		ssize_t put = write_all(out, buf, (size_t)got, out_at);
		if (put < 0) {
			/* Nothing of this chunk went out: the input gives it back. */
			if (!in_at) lseek(in, -(off_t)got, SEEK_CUR);
			if (total > 0) break;
			return -1;
		}
		if (in_at) *in_at += put;
		else if (put < got) lseek(in, -(off_t)(got - put), SEEK_CUR);
		total += (size_t)put;
		if (put < got || (size_t)got < want) break;
	}
	return (ssize_t)total;
}

ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count) {
	if (open_for(in_fd, 1) < 0) return -1;
	int out_fl = open_for(out_fd, 0);
	if (out_fl < 0) return -1;
	/* Linux: an output in append mode is refused. */
	if (out_fl & O_APPEND) {
		errno = EINVAL;
		return -1;
	}
	if (offset) {
		if (*offset < 0) {
			errno = EINVAL;
			return -1;
		}
		if (lseek(in_fd, 0, SEEK_CUR) < 0) {
			errno = ESPIPE;
			return -1;
		}
	}
	if (count == 0) return 0;
	return copy(in_fd, offset, out_fd, NULL, count);
}

ssize_t copy_file_range(int fd_in, off_t *off_in, int fd_out, off_t *off_out, size_t len, unsigned flags) {
	if (flags != 0) {
		errno = EINVAL;
		return -1;
	}
	if (open_for(fd_in, 1) < 0) return -1;
	int out_fl = open_for(fd_out, 0);
	if (out_fl < 0) return -1;
	/* Linux: an output in append mode is EBADF here. */
	if (out_fl & O_APPEND) {
		errno = EBADF;
		return -1;
	}
	struct stat in_st, out_st;
	if (fstat(fd_in, &in_st) != 0 || fstat(fd_out, &out_st) != 0) return -1;
	if (S_ISDIR(in_st.st_mode) || S_ISDIR(out_st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	if (!S_ISREG(in_st.st_mode) || !S_ISREG(out_st.st_mode)) {
		errno = EINVAL;
		return -1;
	}
	off_t in_pos = off_in ? *off_in : lseek(fd_in, 0, SEEK_CUR);
	off_t out_pos = off_out ? *off_out : lseek(fd_out, 0, SEEK_CUR);
	if (in_pos < 0 || out_pos < 0) {
		errno = EINVAL;
		return -1;
	}
	if (len > MAX_COUNT) len = MAX_COUNT;
	/* Linux: overlapping ranges of one file are refused. */
	if (in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino &&
	    in_pos < out_pos + (off_t)len && out_pos < in_pos + (off_t)len) {
		errno = EINVAL;
		return -1;
	}
	if (len == 0) return 0;
	/* Each side at its own position: the offset pointers move, else the descriptors' offsets. */
	ssize_t n = copy(fd_in, &in_pos, fd_out, &out_pos, len);
	if (n < 0) return -1;
	if (off_in) *off_in = in_pos;
	else lseek(fd_in, in_pos, SEEK_SET);
	if (off_out) *off_out = out_pos;
	else lseek(fd_out, out_pos, SEEK_SET);
	return n;
}

static int fail(int e) {
	errno = e;
	return -1;
}

/* SPLICE_F_NONBLOCK: 0 when the pipe end is ready for `events` now (a hang-up counts: the read
 * then says the end), else EAGAIN. */
static int ready_now(int fd, short events) {
	struct pollfd p = { fd, events, 0 };
	if (poll(&p, 1, 0) < 0) return -1;
	return p.revents ? 0 : fail(EAGAIN);
}

/* splice: one end must be a pipe (EINVAL otherwise, as Linux), and a pipe end takes no offset
 * (ESPIPE). At most one pipe's worth (64 KiB) moves per call: what a pipe holds now (waiting for
 * some when it is empty and has writers), or what a file gives at its offset or *off. */
ssize_t splice(int in, off_t *off_in, int out, off_t *off_out, size_t len, unsigned flags) {
	if (len == 0) return 0;
	if (flags & ~(unsigned)(SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT)) return fail(EINVAL);
	if (open_for(in, 1) < 0) return -1;
	int out_fl = open_for(out, 0);
	if (out_fl < 0) return -1;
	struct stat in_st, out_st;
	if (fstat(in, &in_st) != 0 || fstat(out, &out_st) != 0) return -1;
	int in_pipe = S_ISFIFO(in_st.st_mode), out_pipe = S_ISFIFO(out_st.st_mode);
	if (!in_pipe && !out_pipe) return fail(EINVAL);
	if ((in_pipe && off_in) || (out_pipe && off_out)) return fail(ESPIPE);
	if (in_pipe && out_pipe && in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino) return fail(EINVAL);
	if (!out_pipe && (out_fl & O_APPEND)) return fail(EINVAL);
	/* An offset needs a descriptor that can seek (not a socket). */
	if ((off_in && lseek(in, 0, SEEK_CUR) < 0) || (off_out && lseek(out, 0, SEEK_CUR) < 0)) return fail(EINVAL);
	if ((off_in && *off_in < 0) || (off_out && *off_out < 0)) return fail(EINVAL);
	if (flags & SPLICE_F_NONBLOCK) {
		if (in_pipe && ready_now(in, POLLIN) != 0) return -1;
		if (out_pipe && ready_now(out, POLLOUT) != 0) return -1;
	}
	return copy(in, off_in, out, off_out, len < CHUNK ? len : CHUNK);
}
