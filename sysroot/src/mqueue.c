/* POSIX message queues are not supported: each call fails with ENOSYS, as on a Linux kernel
 * built without CONFIG_POSIX_MQUEUE, so a program can detect it and fall back. */
#include <errno.h>
#include <mqueue.h>
#include <time.h>

static int unsupported(void) {
	errno = ENOSYS;
	return -1;
}

mqd_t mq_open(const char *name, int flags, ...) { (void)name; (void)flags; return (mqd_t)unsupported(); }
int mq_close(mqd_t q) { (void)q; return unsupported(); }
int mq_unlink(const char *name) { (void)name; return unsupported(); }
int mq_getattr(mqd_t q, struct mq_attr *a) { (void)q; (void)a; return unsupported(); }
int mq_setattr(mqd_t q, const struct mq_attr *restrict a, struct mq_attr *restrict old) { (void)q; (void)a; (void)old; return unsupported(); }
int mq_notify(mqd_t q, const struct sigevent *ev) { (void)q; (void)ev; return unsupported(); }
int mq_send(mqd_t q, const char *m, size_t n, unsigned p) { (void)q; (void)m; (void)n; (void)p; return unsupported(); }
ssize_t mq_receive(mqd_t q, char *m, size_t n, unsigned *p) { (void)q; (void)m; (void)n; (void)p; return unsupported(); }
int mq_timedsend(mqd_t q, const char *m, size_t n, unsigned p, const struct timespec *restrict t) { (void)q; (void)m; (void)n; (void)p; (void)t; return unsupported(); }
ssize_t mq_timedreceive(mqd_t q, char *restrict m, size_t n, unsigned *restrict p, const struct timespec *restrict t) { (void)q; (void)m; (void)n; (void)p; (void)t; return unsupported(); }
