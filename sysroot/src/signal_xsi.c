/* XSI's older signal interface (sighold, sigrelse, sigignore, sigpause, sigset) expressed with
 * sigprocmask, sigaction and sigsuspend, and psiginfo, which is psignal for a siginfo_t. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <signal.h>
#include <stddef.h>

static int mask_one(int how, int sig) {
	sigset_t s;
	sigemptyset(&s);
	if (sigaddset(&s, sig) != 0) return -1;
	return sigprocmask(how, &s, NULL);
}

int sighold(int sig) { return mask_one(SIG_BLOCK, sig); }

int sigrelse(int sig) { return mask_one(SIG_UNBLOCK, sig); }

int sigignore(int sig) {
	struct sigaction sa = { .sa_handler = SIG_IGN };
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

/* Waits for a signal with `sig` removed from the mask; always -1 with EINTR, as sigsuspend. */
int sigpause(int sig) {
	sigset_t s;
	if (sigprocmask(SIG_BLOCK, NULL, &s) != 0 || sigdelset(&s, sig) != 0) return -1;
	return sigsuspend(&s);
}

/* SIG_HOLD blocks `sig`; any other disposition is installed and unblocks it. The previous
 * disposition is returned, or SIG_HOLD when `sig` was blocked. */
void (*sigset(int sig, void (*disp)(int)))(int) {
	sigset_t s, old;
	struct sigaction prev;
	sigemptyset(&s);
	if (sigaddset(&s, sig) != 0 || sigaction(sig, NULL, &prev) != 0) return SIG_ERR;
	if (disp == SIG_HOLD) {
		if (sigprocmask(SIG_BLOCK, &s, &old) != 0) return SIG_ERR;
	} else {
		struct sigaction sa = { .sa_handler = disp };
		sigemptyset(&sa.sa_mask);
		if (sigaction(sig, &sa, NULL) != 0 || sigprocmask(SIG_UNBLOCK, &s, &old) != 0) return SIG_ERR;
	}
	return sigismember(&old, sig) ? SIG_HOLD : prev.sa_handler;
}

void psiginfo(const siginfo_t *si, const char *msg) { psignal(si->si_signo, msg); }
