/* sigwait, sigwaitinfo, sigtimedwait: take a signal of a set (which the caller blocks) without
 * running its handler. Built on the process's signal calls: for the wait, each signal of the set
 * gets a catcher that records it, and the set is unblocked (a pending one is delivered as
 * sigprocmask returns) until one arrives or the time is up; then mask and actions are restored.
 * Only the first signal caught is taken: one more of the set that arrives meanwhile is raised
 * again once the set is blocked, so it stays pending (with SI_TKILL's siginfo) as on Linux.
 * sigqueue sends the signal with its value (standard signals only: no queue). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <l4posix.h>

#define NSIGNALS 65

static volatile sig_atomic_t taken;
static siginfo_t taken_info;
static sigset_t again;

static void catcher(int sig, siginfo_t *si, void *uc) {
	(void)uc;
	if (taken == 0) {
		taken = sig;
		taken_info = *si;
	} else if (sig != taken) {
		sigaddset(&again, sig);
	}
}

int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info, const struct timespec *restrict timeout) {
	if (timeout && (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000L)) {
		errno = EINVAL;
		return -1;
	}
	struct sigaction catch, old[NSIGNALS];
	memset(&catch, 0, sizeof catch);
	catch.sa_sigaction = catcher;
	catch.sa_flags = SA_SIGINFO;
	catch.sa_mask = *set;
	sigset_t mine, pending;
	sigemptyset(&mine);
	sigemptyset(&again);
	sigpending(&pending);
	int first = 0;
	for (int sig = 1; sig < NSIGNALS; sig++) {
		if (!sigismember(set, sig) || sig == SIGKILL || sig == SIGSTOP) continue;
		if (sigaction(sig, &catch, &old[sig]) != 0) continue;
		sigaddset(&mine, sig);
		if (!first && sigismember(&pending, sig)) first = sig;
	}
	/* A pending one is taken alone (the lowest, as Linux takes them); else any of the set. */
	sigset_t open;
	if (first) {
		sigemptyset(&open);
		sigaddset(&open, first);
	} else {
		open = mine;
	}
	taken = 0;
	sigset_t saved;
	sigprocmask(SIG_UNBLOCK, &open, &saved);
	int e = 0;
	if (!taken) {
		if (timeout) {
			long long ms = timeout->tv_sec * 1000LL + (timeout->tv_nsec + 999999) / 1000000;
			if (poll(NULL, 0, ms > 0x7fffffff ? 0x7fffffff : (int)ms) == 0) e = EAGAIN;
		} else {
			sigset_t wait_mask = saved;
			for (int sig = 1; sig < NSIGNALS; sig++)
				if (sigismember(&mine, sig)) sigdelset(&wait_mask, sig);
			sigsuspend(&wait_mask);
		}
	}
	sigprocmask(SIG_SETMASK, &saved, NULL);
	for (int sig = 1; sig < NSIGNALS; sig++) {
		if (!sigismember(&mine, sig)) continue;
		sigaction(sig, &old[sig], NULL);
		if (sigismember(&again, sig)) raise(sig);
	}
	if (!taken) {
		errno = e ? e : EINTR; /* EINTR: another signal's handler ran */
		return -1;
	}
	if (info) *info = taken_info;
	return taken;
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

/* sigqueue: the signal with its value (si_code SI_QUEUE); standard signals do not queue. */
int sigqueue(pid_t pid, int sig, union sigval value) {
	return l4posix_ret(__l4posix_sigqueue(pid, sig, value.sival_int, SI_QUEUE));
}
