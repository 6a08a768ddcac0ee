/* lseek with Linux's SEEK_DATA and SEEK_HOLE (WASI's fd_seek knows SET, CUR and END). l4wasm's
 * files keep no holes (tmpfs writes zeros; a host file's holes are not asked for), so as on a
 * Linux file system without hole support: the data goes on to the end of the file, where the
 * only hole begins; an offset at or past the end is ENXIO. */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

off_t __lseek(int, off_t, int);

off_t (lseek)(int fd, off_t offset, int whence) {
	if (whence != SEEK_DATA && whence != SEEK_HOLE) return __lseek(fd, offset, whence);
	struct stat st;
	if (fstat(fd, &st) != 0) return -1;
	if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
		errno = ESPIPE;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		return -1;
	}
	if (offset < 0 || offset >= st.st_size) {
		errno = ENXIO;
		return -1;
	}
	return __lseek(fd, whence == SEEK_DATA ? offset : st.st_size, SEEK_SET);
}
