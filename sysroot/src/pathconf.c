/* pathconf and fpathconf with Linux's answers: wasi-libc's table (musl's) has -1 for _PC_PIPE_BUF
 * (WASI has no pipes; here they write 4096 bytes atomically, src/vfs/pipe.ts) and POSIX's minimum
 * 8 for _PC_LINK_MAX, and it never looks at the file. As glibc, the names that depend on the
 * file system look at the file (ENOENT for a missing path, EBADF for a closed descriptor); the
 * others are constants. */
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

static long value_of(int name) {
	switch (name) {
	case _PC_LINK_MAX: return 127; /* Linux's LINK_MAX: what glibc says for tmpfs */
	case _PC_MAX_CANON: return 255;
	case _PC_MAX_INPUT: return 255;
	case _PC_NAME_MAX: return NAME_MAX;
	case _PC_PATH_MAX: return PATH_MAX;
	case _PC_PIPE_BUF: return PIPE_BUF;
	case _PC_CHOWN_RESTRICTED: return 1;
	case _PC_NO_TRUNC: return 1;
	case _PC_VDISABLE: return 0;
	case _PC_SYNC_IO: return 1;
	case _PC_ASYNC_IO: case _PC_PRIO_IO: case _PC_SOCK_MAXBUF: case _PC_SYMLINK_MAX: return -1;
	case _PC_FILESIZEBITS: return 64;
	case _PC_REC_INCR_XFER_SIZE: case _PC_REC_MAX_XFER_SIZE: case _PC_REC_MIN_XFER_SIZE:
	case _PC_REC_XFER_ALIGN: case _PC_ALLOC_SIZE_MIN: return 4096;
	case _PC_2_SYMLINKS: return 1;
	default: errno = EINVAL; return -1;
	}
}

/* What glibc asks statfs for. */
static int depends_on_file(int name) {
	return name == _PC_LINK_MAX || name == _PC_NAME_MAX || name == _PC_FILESIZEBITS || name == _PC_2_SYMLINKS ||
	       name == _PC_CHOWN_RESTRICTED;
}

long fpathconf(int fd, int name) {
	struct stat st;
	if (depends_on_file(name) && fstat(fd, &st) < 0) return -1;
	return value_of(name);
}

long pathconf(const char *path, int name) {
	struct stat st;
	if (depends_on_file(name) && stat(path, &st) < 0) return -1;
	return value_of(name);
}
