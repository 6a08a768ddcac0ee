/* sync: commits the open files' data to storage (src/libc/l4posix_sync.ts); syncfs does the same. fdatasync: WASI gives
 * the datasync right only to files opened for writing (and never to a directory), where Linux
 * syncs any file or directory descriptor, read-only ones too; without the right, a file's or a
 * directory's fdatasync is its fsync (which syncs at least as much). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>
#include <l4posix.h>

L4POSIX_IMPORT(sync) int __l4posix_sync(void);

void sync(void) { __l4posix_sync(); }

/* The descriptor's file system is synced by syncing them all. */
int syncfs(int fd) {
	if (fcntl(fd, F_GETFD) < 0) return -1;
	sync();
	return 0;
}

int fdatasync(int fd) {
	__wasi_errno_t e = __wasi_fd_datasync(fd);
	if (e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTCAPABLE) {
		struct stat st;
		if (fstat(fd, &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) e = __wasi_fd_sync(fd);
	}
	if (e != 0) {
		errno = e;
		return -1;
	}
	return 0;
}
