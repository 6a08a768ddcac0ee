/* POSIX asynchronous I/O, carried out at submission (POSIX allows a request to complete before
 * the call returns): the request's result and error are kept in its aiocb for aio_error and
 * aio_return, then its completion is notified (SIGEV_SIGNAL sends the signal to the process
 * with si_code SI_ASYNCIO and the request's si_value).
 * A failing operation is reported through aio_error as glibc does, not by the submission; a
 * write to a descriptor in append mode goes to the end of the file, as glibc's. */
#include <aio.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <l4posix.h>

/* The notification is valid: SIGEV_NONE, or SIGEV_SIGNAL with a signal number. */
static int check_event(const struct sigevent *ev) {
	if (ev->sigev_notify == SIGEV_NONE) return 0;
	if (ev->sigev_notify == SIGEV_SIGNAL) {
		if (ev->sigev_signo <= 0 || ev->sigev_signo >= _NSIG) {
			errno = EINVAL;
			return -1;
		}
		return 0;
	}
	errno = ev->sigev_notify == SIGEV_THREAD ? ENOTSUP : EINVAL;
	return -1;
}

L4POSIX_IMPORT(sigqueue) int __l4posix_sigqueue(pid_t pid, int sig, int value, int code);

/* SIGEV_SIGNAL: the signal to the process itself, si_code SI_ASYNCIO and the request's value, as glibc sends it. */
static void notify(const struct sigevent *ev) {
	if (ev->sigev_notify == SIGEV_SIGNAL) __l4posix_sigqueue(getpid(), ev->sigev_signo, ev->sigev_value.sival_int, SI_ASYNCIO);
}

/* Carries out one read or write and records its outcome in the aiocb. */
static void perform(struct aiocb *cb, int opcode) {
	ssize_t r;
	if (opcode == LIO_READ) {
		r = pread(cb->aio_fildes, (void *)cb->aio_buf, cb->aio_nbytes, cb->aio_offset);
	} else {
		int fl = fcntl(cb->aio_fildes, F_GETFL);
		r = fl >= 0 && (fl & O_APPEND) ? write(cb->aio_fildes, (const void *)cb->aio_buf, cb->aio_nbytes)
		                               : pwrite(cb->aio_fildes, (const void *)cb->aio_buf, cb->aio_nbytes, cb->aio_offset);
	}
	cb->__ret = r;
	cb->__err = r < 0 ? errno : 0;
}

/* Checks what glibc refuses at submission: the priority and the notification (a bad offset is
 * the operation's error, EINVAL from aio_error). */
static int submit_check(struct aiocb *cb) {
	if (cb->aio_reqprio < 0) {
		errno = EINVAL;
		return -1;
	}
	return check_event(&cb->aio_sigevent);
}

static int submit(struct aiocb *cb, int opcode) {
	if (submit_check(cb) != 0) return -1;
	int saved = errno;
	perform(cb, opcode);
	notify(&cb->aio_sigevent);
	errno = saved;
	return 0;
}

int aio_read(struct aiocb *cb) { return submit(cb, LIO_READ); }
int aio_write(struct aiocb *cb) { return submit(cb, LIO_WRITE); }

int aio_error(const struct aiocb *cb) { return cb->__err; }

ssize_t aio_return(struct aiocb *cb) { return cb->__ret; }

/* Every request is complete once submitted: nothing to wait for. */
int aio_suspend(const struct aiocb *const list[], int n, const struct timespec *timeout) {
	(void)list;
	(void)n;
	if (timeout && (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000L)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* Nothing is ever in progress: AIO_ALLDONE for an open descriptor. */
int aio_cancel(int fd, struct aiocb *cb) {
	if (fcntl(fd, F_GETFL) < 0) return -1;
	if (cb != NULL && cb->aio_fildes != fd) {
		errno = EINVAL;
		return -1;
	}
	return AIO_ALLDONE;
}

int aio_fsync(int op, struct aiocb *cb) {
	if (op != O_SYNC && op != O_DSYNC) {
		errno = EINVAL;
		return -1;
	}
	if (fcntl(cb->aio_fildes, F_GETFL) < 0) {
		errno = EBADF;
		return -1;
	}
	if (check_event(&cb->aio_sigevent) != 0) return -1;
	int saved = errno;
	int r = op == O_SYNC ? fsync(cb->aio_fildes) : fdatasync(cb->aio_fildes);
	cb->__ret = r;
	cb->__err = r < 0 ? errno : 0;
	notify(&cb->aio_sigevent);
	errno = saved;
	return 0;
}

int lio_listio(int mode, struct aiocb *restrict const list[restrict], int n, struct sigevent *restrict sev) {
	if ((mode != LIO_WAIT && mode != LIO_NOWAIT) || n < 0 || n > AIO_LISTIO_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (mode == LIO_NOWAIT && sev != NULL && check_event(sev) != 0) return -1;
	for (int i = 0; i < n; i++) {
		struct aiocb *cb = list[i];
		if (cb == NULL || cb->aio_lio_opcode == LIO_NOP) continue;
		if (cb->aio_lio_opcode != LIO_READ && cb->aio_lio_opcode != LIO_WRITE) {
			errno = EINVAL;
			return -1;
		}
		if (submit_check(cb) != 0) return -1;
	}
	int saved = errno;
	int failed = 0;
	for (int i = 0; i < n; i++) {
		struct aiocb *cb = list[i];
		if (cb == NULL || cb->aio_lio_opcode == LIO_NOP) continue;
		perform(cb, cb->aio_lio_opcode);
		notify(&cb->aio_sigevent);
		if (cb->__err != 0) failed = 1;
	}
	if (mode == LIO_NOWAIT && sev != NULL) notify(sev);
	errno = saved;
	/* LIO_WAIT: one request that failed makes the call fail with EIO (its own error is in its aiocb). */
	if (mode == LIO_WAIT && failed) {
		errno = EIO;
		return -1;
	}
	return 0;
}
