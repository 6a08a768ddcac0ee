/* ulimit: RLIMIT_FSIZE counted in 512-byte blocks. */
#include <ulimit.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/resource.h>

long ulimit(int cmd, ...) {
	struct rlimit r;
	if (getrlimit(RLIMIT_FSIZE, &r) != 0) return -1;
	if (cmd == UL_GETFSIZE) return r.rlim_cur == RLIM_INFINITY || r.rlim_cur / 512 > LONG_MAX ? LONG_MAX : (long)(r.rlim_cur / 512);
	if (cmd != UL_SETFSIZE) {
		errno = EINVAL;
		return -1;
	}
	va_list ap;
	va_start(ap, cmd);
	long blocks = va_arg(ap, long);
	va_end(ap);
	if (blocks < 0) {
		errno = EINVAL;
		return -1;
	}
	r.rlim_cur = (rlim_t)blocks * 512;
	if (setrlimit(RLIMIT_FSIZE, &r) != 0) return -1;
	return blocks;
}
