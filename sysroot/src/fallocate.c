/* fallocate: mode 0 reserves the range as posix_fallocate does (the file grows to cover it). The
 * other modes (keeping the size, punching holes, zeroing, collapsing or inserting ranges) no file
 * system here has: EOPNOTSUPP, as Linux answers for such a file system, after Linux's checks of
 * the arguments and the descriptor in its order. posix_fallocate makes the same checks (it is
 * fallocate's mode 0 on Linux): EBADF for a descriptor not open for writing, ESPIPE for a pipe,
 * where wasi-libc's answered ENOTCAPABLE and EINVAL; <fcntl.h> sends it here by name. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>

/* wasi-libc's, by its own name. */
int __wasilibc_posix_fallocate(int, off_t, off_t) __asm__("posix_fallocate");

#define MODE_MASK (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE | \
	FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE)

static int fail(int e) {
	errno = e;
	return -1;
}

/* EOPNOTSUPP for a combination Linux never accepts, whatever the file system. */
static int valid_mode(int mode) {
	if (mode & ~(MODE_MASK | FALLOC_FL_KEEP_SIZE)) return 0;
	switch (mode & MODE_MASK) {
	case 0:
	case FALLOC_FL_UNSHARE_RANGE:
	case FALLOC_FL_ZERO_RANGE:
		return 1;
	case FALLOC_FL_PUNCH_HOLE:
		return (mode & FALLOC_FL_KEEP_SIZE) != 0;
	case FALLOC_FL_COLLAPSE_RANGE:
	case FALLOC_FL_INSERT_RANGE:
		return (mode & FALLOC_FL_KEEP_SIZE) == 0;
	default:
		return 0;
	}
}

int fallocate(int fd, int mode, off_t offset, off_t len) {
	if (offset < 0 || len <= 0) return fail(EINVAL);
	if (!valid_mode(mode)) return fail(EOPNOTSUPP);
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0) return -1;
	if ((fl & O_ACCMODE) == O_RDONLY) return fail(EBADF);
	struct stat st;
	if (fstat(fd, &st) != 0) return -1;
	if (S_ISFIFO(st.st_mode)) return fail(ESPIPE);
	if (S_ISDIR(st.st_mode)) return fail(EISDIR);
	if (!S_ISREG(st.st_mode)) return fail(ENODEV);
	if (offset > INT64_MAX - len) return fail(EFBIG);
	if (mode != 0) return fail(EOPNOTSUPP);
	int e = __wasilibc_posix_fallocate(fd, offset, len);
	return e ? fail(e) : 0;
}

int posix_fallocate(int fd, off_t offset, off_t len) {
	int saved = errno; /* it answers with the error number and leaves errno alone */
	int e = fallocate(fd, 0, offset, len) == 0 ? 0 : errno;
	errno = saved;
	return e;
}
