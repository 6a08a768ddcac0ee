/* getrandom over WASI's random source (getentropy gives at most 256 bytes a call). Every flag
 * is accepted: the source never blocks and has no separate "random" pool. */
#include <sys/random.h>
#include <errno.h>
#include <unistd.h>

ssize_t getrandom(void *buf, size_t len, unsigned flags) {
	if ((flags & ~(unsigned)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) != 0) {
		errno = EINVAL;
		return -1;
	}
	if (len > 0x7fffffff) len = 0x7fffffff;
	for (size_t done = 0; done < len;) {
		size_t n = len - done < 256 ? len - done : 256;
		if (getentropy((char *)buf + done, n) != 0) return done > 0 ? (ssize_t)done : -1;
		done += n;
	}
	return (ssize_t)len;
}
