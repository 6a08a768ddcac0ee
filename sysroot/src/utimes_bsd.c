/* BSD's futimes and lutimes (microsecond times) by futimens and utimensat: a descriptor's file, or a
 * symbolic link itself. NULL is the current time; microseconds out of range are EINVAL, as glibc. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/time.h>

/* tv as the timespecs of utimensat in ts; NULL for NULL, or EINVAL. */
static int convert(const struct timeval tv[2], struct timespec ts[2], struct timespec **out) {
	*out = NULL;
	if (!tv) return 0;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000) {
			errno = EINVAL;
			return -1;
		}
		ts[i].tv_sec = tv[i].tv_sec;
		ts[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	*out = ts;
	return 0;
}

int futimes(int fd, const struct timeval tv[2]) {
	struct timespec ts[2], *p;
	if (convert(tv, ts, &p) != 0) return -1;
	return futimens(fd, p);
}

int lutimes(const char *path, const struct timeval tv[2]) {
	struct timespec ts[2], *p;
	if (convert(tv, ts, &p) != 0) return -1;
	return utimensat(AT_FDCWD, path, p, AT_SYMLINK_NOFOLLOW);
}
