/* sigwait, sigwaitinfo, sigtimedwait: take a signal of a set (which the caller blocks) without
 * running its handler. The wait is a signalfd's (src/vfs/signalfd.ts): its read takes the lowest
 * pending signal of the set, one instance of a queued real-time signal at a time, with its
 * siginfo; poll waits for one until the time is up (EAGAIN), or until another signal's handler
 * runs (EINTR). sigqueue sends a signal with its value. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>
#include <l4posix.h>

/* What a signalfd's record says, as the siginfo_t sigwaitinfo fills. */
static void to_siginfo(const struct signalfd_siginfo *r, siginfo_t *info) {
	memset(info, 0, sizeof *info);
	info->si_signo = (int)r->ssi_signo;
	info->si_errno = r->ssi_errno;
	info->si_code = r->ssi_code;
	if (r->ssi_code == SI_TIMER) {
		info->si_timerid = (int)r->ssi_tid;
		info->si_overrun = (int)r->ssi_overrun;
	} else {
		info->si_pid = (pid_t)r->ssi_pid;
		info->si_uid = (uid_t)r->ssi_uid;
	}
	if (r->ssi_signo == SIGCHLD) info->si_status = r->ssi_status;
	else info->si_value.sival_int = r->ssi_int;
}

int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info, const struct timespec *restrict timeout) {
	if (timeout && (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000L)) {
		errno = EINVAL;
		return -1;
	}
	int saved = errno;
	int fd = signalfd(-1, set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0) return -1;
	struct signalfd_siginfo r;
	int e = 0;
	for (;;) {
		if (read(fd, &r, sizeof r) == (ssize_t)sizeof r) break;
		if (errno != EAGAIN) {
			e = errno;
			break;
		}
		int ms = -1;
		if (timeout) {
			long long t = timeout->tv_sec * 1000LL + (timeout->tv_nsec + 999999) / 1000000;
			ms = t > 0x7fffffff ? 0x7fffffff : (int)t;
		}
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int n = poll(&p, 1, ms);
		if (n == 0) {
			e = EAGAIN;
			break;
		}
		if (n < 0) {
			e = errno; /* EINTR: another signal's handler ran */
			break;
		}
		/* Readable now; a timed wait does not wait again (another thread may have taken it). */
		if (timeout) timeout = &(struct timespec){ 0, 0 };
	}
	close(fd);
	if (e) {
		errno = e;
		return -1;
	}
	errno = saved;
	if (info) to_siginfo(&r, info);
	return (int)r.ssi_signo;
}

int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info) {
	return sigtimedwait(set, info, NULL);
}

int sigwait(const sigset_t *restrict set, int *restrict sig) {
	int r;
	while ((r = sigtimedwait(set, NULL, NULL)) < 0 && errno == EINTR) {}
	if (r < 0) return errno;
	*sig = r;
	return 0;
}

L4POSIX_IMPORT(sigqueue) int __l4posix_sigqueue(pid_t pid, int sig, int value, int code);

/* sigqueue: the signal with its value (si_code SI_QUEUE); real-time signals queue, standard ones do not. */
int sigqueue(pid_t pid, int sig, union sigval value) {
	return l4posix_ret(__l4posix_sigqueue(pid, sig, value.sival_int, SI_QUEUE));
}
