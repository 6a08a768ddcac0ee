/* fdopen (<stdio.h> sends it here by name, __l4wasm_fdopen) checks the descriptor first, as glibc
 * does and POSIX allows: one that is not open is EBADF, and a mode its access mode does not allow
 * ("w" on an O_RDONLY descriptor) is EINVAL. wasi-libc's (musl's) takes any number and fails
 * only at the first read or write. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

FILE *__wasilibc_fdopen(int, const char *) __asm__("fdopen");

FILE *fdopen(int fd, const char *mode) {
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0) return NULL;
	int update = strchr(mode, '+') != NULL;
	int reads = mode[0] == 'r' || update, writes = mode[0] == 'w' || mode[0] == 'a' || update;
	int access = fl & O_ACCMODE;
	if ((reads && access == O_WRONLY) || (writes && access == O_RDONLY)) {
		errno = EINVAL;
		return NULL;
	}
	return __wasilibc_fdopen(fd, mode);
}
