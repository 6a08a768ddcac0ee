/* POSIX message queues (the l4posix mq_* calls, src/libc/l4posix_mqueue.ts): queues named
 * machine-wide, held by descriptors (mqd_t is a descriptor, as on Linux: close, dup and fork
 * treat it as one; it is close-on-exec). mq_notify takes SIGEV_SIGNAL and SIGEV_NONE;
 * SIGEV_THREAD is refused (ENOTSUP), as timer_create refuses it: l4wasm programs have one thread. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <l4posix.h>

L4POSIX_IMPORT(mq_open) int __l4posix_mq_open(const char *name, size_t len, int flags, int mode, int maxmsg, int msgsize);
L4POSIX_IMPORT(mq_unlink) int __l4posix_mq_unlink(const char *name, size_t len);
L4POSIX_IMPORT(mq_send) int __l4posix_mq_send(int fd, const char *msg, size_t len, unsigned prio, int64_t deadline);
L4POSIX_IMPORT(mq_receive) int __l4posix_mq_receive(int fd, char *buf, size_t len, unsigned *prio, int64_t deadline);
L4POSIX_IMPORT(mq_getattr) int __l4posix_mq_getattr(int fd, int32_t *out);
L4POSIX_IMPORT(mq_setattr) int __l4posix_mq_setattr(int fd, int nonblock);
L4POSIX_IMPORT(mq_notify) int __l4posix_mq_notify(int fd, int how, int signo, int value);

/* mq_open's flags as l4posix takes them. */
enum { MQ_READ = 1, MQ_WRITE = 2, MQ_CREAT = 4, MQ_EXCL = 8, MQ_NONBLOCK = 16 };

mqd_t mq_open(const char *name, int flags, ...) {
	int mode = 0, maxmsg = 0, msgsize = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, int);
		struct mq_attr *attr = va_arg(ap, struct mq_attr *);
		va_end(ap);
		if (attr != NULL) {
			if (attr->mq_maxmsg <= 0 || attr->mq_msgsize <= 0 || attr->mq_maxmsg > INT_MAX || attr->mq_msgsize > INT_MAX) {
				errno = EINVAL;
				return (mqd_t)-1;
			}
			maxmsg = (int)attr->mq_maxmsg;
			msgsize = (int)attr->mq_msgsize;
		}
	}
	int acc = flags & O_ACCMODE;
	int f = (acc == O_RDONLY || acc == O_RDWR ? MQ_READ : 0) | (acc == O_WRONLY || acc == O_RDWR ? MQ_WRITE : 0) |
		(flags & O_CREAT ? MQ_CREAT : 0) | (flags & O_EXCL ? MQ_EXCL : 0) | (flags & O_NONBLOCK ? MQ_NONBLOCK : 0);
	return l4posix_ret(__l4posix_mq_open(name, strlen(name), f, mode, maxmsg, msgsize));
}

int mq_close(mqd_t q) { return close(q); }

int mq_unlink(const char *name) { return l4posix_ret(__l4posix_mq_unlink(name, strlen(name))); }

/* An absolute CLOCK_REALTIME deadline in ns, or -1 with errno EINVAL for a bad timespec. */
static int64_t deadline_of(const struct timespec *t) {
	if (t->tv_sec < 0 || t->tv_nsec < 0 || t->tv_nsec >= 1000000000) {
		errno = EINVAL;
		return -1;
	}
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

int mq_send(mqd_t q, const char *msg, size_t len, unsigned prio) { return l4posix_ret(__l4posix_mq_send(q, msg, len, prio, -1)); }

int mq_timedsend(mqd_t q, const char *msg, size_t len, unsigned prio, const struct timespec *at) {
	int64_t d = deadline_of(at);
	if (d < 0) return -1;
	return l4posix_ret(__l4posix_mq_send(q, msg, len, prio, d));
}

ssize_t mq_receive(mqd_t q, char *buf, size_t len, unsigned *prio) {
	return l4posix_ret(__l4posix_mq_receive(q, buf, len > INT_MAX ? INT_MAX : len, prio, -1));
}

ssize_t mq_timedreceive(mqd_t q, char *restrict buf, size_t len, unsigned *restrict prio, const struct timespec *restrict at) {
	int64_t d = deadline_of(at);
	if (d < 0) return -1;
	return l4posix_ret(__l4posix_mq_receive(q, buf, len > INT_MAX ? INT_MAX : len, prio, d));
}

int mq_getattr(mqd_t q, struct mq_attr *attr) {
	int32_t w[4];
	int r = __l4posix_mq_getattr(q, w);
	if (r < 0) return l4posix_ret(r);
	memset(attr, 0, sizeof *attr);
	attr->mq_flags = w[0] ? O_NONBLOCK : 0;
	attr->mq_maxmsg = w[1];
	attr->mq_msgsize = w[2];
	attr->mq_curmsgs = w[3];
	return 0;
}

int mq_setattr(mqd_t q, const struct mq_attr *restrict attr, struct mq_attr *restrict old) {
	if (old != NULL && mq_getattr(q, old) != 0) return -1;
	return l4posix_ret(__l4posix_mq_setattr(q, (attr->mq_flags & O_NONBLOCK) != 0));
}

int mq_notify(mqd_t q, const struct sigevent *ev) {
	if (ev == NULL) return l4posix_ret(__l4posix_mq_notify(q, 0, 0, 0));
	if (ev->sigev_notify == SIGEV_THREAD) {
		errno = ENOTSUP;
		return -1;
	}
	if (ev->sigev_notify != SIGEV_SIGNAL && ev->sigev_notify != SIGEV_NONE) {
		errno = EINVAL;
		return -1;
	}
	return l4posix_ret(__l4posix_mq_notify(q, ev->sigev_notify == SIGEV_SIGNAL ? 1 : 2, ev->sigev_signo, ev->sigev_value.sival_int));
}
