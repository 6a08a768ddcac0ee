/* signals: POSIX signals on l4wasm. Each section exercises one function, its error cases
 * included, and prints what happened; tests/signals/signals.test.ts checks every line.
 *
 *   signals            all sections, then exit 0
 *   signals die SIG    end by SIG's default action (the exit status is 128 + SIG)
 *   signals wait       install handlers for SIGUSR1/SIGTERM, then pause() until a signal ends it
 *   signals send PID   kill(PID, SIGUSR1), then kill(PID, SIGTERM)
 *
 * Build: l4wasm cc -O2 examples/signals.c -o signals.wasm
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t count[65];
static volatile sig_atomic_t depth, max_depth;
static char trail[256];

/* Appends to the trail: handlers record the order things happened in. */
static void note(const char *s) {
	size_t n = strlen(trail);
	snprintf(trail + n, sizeof trail - n, "%s%s", n ? " " : "", s);
}

static void counter(int sig) { count[sig]++; }

static void recorder(int sig) {
	char b[16];
	snprintf(b, sizeof b, "%s%d", depth ? "nested:" : "", sig);
	depth++;
	if (depth > max_depth) max_depth = depth;
	note(b);
	if (sig == SIGUSR1 && count[SIGUSR1]++ == 0) raise(SIGUSR1); /* the same signal again, inside */
	if (sig == SIGUSR2) raise(SIGHUP);                            /* another one, blocked by sa_mask */
	depth--;
}

static siginfo_t last_info;
static void info_handler(int sig, siginfo_t *si, void *ctx) {
	(void)sig;
	(void)ctx;
	last_info = *si;
}

static const char *err(int r) { return r == 0 ? "ok" : strerror(errno); }

static int blocked(int sig) {
	sigset_t cur;
	sigprocmask(SIG_BLOCK, 0, &cur);
	return sigismember(&cur, sig);
}

static void section(const char *name) { printf("== %s\n", name); }

static void sets(void) {
	section("sigset");
	sigset_t s;
	sigemptyset(&s);
	printf("empty: USR1 %d\n", sigismember(&s, SIGUSR1));
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, 64);
	printf("added: USR1 %d, 64 %d, USR2 %d\n", sigismember(&s, SIGUSR1), sigismember(&s, 64), sigismember(&s, SIGUSR2));
	sigdelset(&s, SIGUSR1);
	printf("deleted: USR1 %d\n", sigismember(&s, SIGUSR1));
	sigfillset(&s);
	printf("full: 1 %d, KILL %d, 64 %d\n", sigismember(&s, 1), sigismember(&s, SIGKILL), sigismember(&s, 64));
	errno = 0;
	printf("sigaddset(0): %d %s\n", sigaddset(&s, 0), strerror(errno));
	errno = 0;
	printf("sigdelset(65): %d %s\n", sigdelset(&s, 65), strerror(errno));
	errno = 0;
	printf("sigismember(-1): %d %s\n", sigismember(&s, -1), strerror(errno));
}

static void signal_fn(void) {
	section("signal");
	void (*old)(int) = signal(SIGUSR1, counter);
	printf("previous handler is SIG_DFL: %d\n", old == SIG_DFL);
	old = signal(SIGUSR1, counter);
	printf("previous handler is counter: %d\n", old == counter);
	errno = 0;
	printf("signal(SIGKILL): SIG_ERR %d, %s\n", signal(SIGKILL, counter) == SIG_ERR, strerror(errno));
	errno = 0;
	printf("signal(0): SIG_ERR %d, %s\n", signal(0, counter) == SIG_ERR, strerror(errno));
	printf("signal(SIGTERM, SIG_IGN), then raise: %d\n", signal(SIGTERM, SIG_IGN) == SIG_DFL && raise(SIGTERM) == 0);
	signal(SIGTERM, SIG_DFL);
}

static void raise_fn(void) {
	section("raise");
	count[SIGUSR1] = 0;
	signal(SIGUSR1, counter);
	int r = raise(SIGUSR1);
	printf("raise(SIGUSR1) = %d, handler ran before it returned: %d\n", r, (int)count[SIGUSR1]);
	errno = 0;
	printf("raise(65): %d %s\n", raise(65), strerror(errno));
	printf("raise(SIGCHLD) with the default action (ignore): %d\n", raise(SIGCHLD));
	signal(SIGUSR1, SIG_DFL);
}

static void kill_fn(void) {
	section("kill");
	struct sigaction sa = { .sa_sigaction = info_handler, .sa_flags = SA_SIGINFO };
	sigaction(SIGUSR2, &sa, 0);
	printf("kill(getpid(), SIGUSR2): %s\n", err(kill(getpid(), SIGUSR2)));
	printf("siginfo: signo %d, code SI_USER %d, pid is mine %d\n", last_info.si_signo,
	       last_info.si_code == SI_USER, last_info.si_pid == getpid());
	raise(SIGUSR2);
	printf("raised: code SI_TKILL %d\n", last_info.si_code == SI_TKILL);
	printf("kill(0, SIGUSR2) reaches my process group: %s, signo %d\n", err(kill(0, SIGUSR2)), last_info.si_signo);
	printf("kill(getpid(), 0): %s\n", err(kill(getpid(), 0)));
	printf("kill(4242, 0): %s\n", err(kill(4242, 0)));
	printf("kill(4242, SIGTERM): %s\n", err(kill(4242, SIGTERM)));
	printf("kill(getpid(), 65): %s\n", err(kill(getpid(), 65)));
	printf("kill(getpid(), -1): %s\n", err(kill(getpid(), -1)));
	signal(SIGUSR2, SIG_DFL);
}

static void sigaction_fn(void) {
	section("sigaction");
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = recorder;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGHUP);
	sa.sa_flags = SA_RESTART;
	printf("install: %s\n", err(sigaction(SIGUSR2, &sa, &old)));
	printf("old action: SIG_DFL %d\n", old.sa_handler == SIG_DFL);
	sigaction(SIGUSR2, 0, &old);
	printf("read back: handler %d, SA_RESTART %d, mask has HUP %d\n", old.sa_handler == recorder,
	       (old.sa_flags & SA_RESTART) != 0, sigismember(&old.sa_mask, SIGHUP));
	/* sa_mask: SIGHUP, raised inside the SIGUSR2 handler, waits until that returns. */
	signal(SIGHUP, recorder);
	trail[0] = 0;
	raise(SIGUSR2);
	printf("sa_mask defers SIGHUP: %s\n", trail);
	/* Without SA_NODEFER the handler's own signal is blocked while it runs ... */
	trail[0] = 0;
	count[SIGUSR1] = 0;
	max_depth = 0;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, 0);
	raise(SIGUSR1);
	printf("no SA_NODEFER: %s (depth %d)\n", trail, (int)max_depth);
	/* ... with it, the handler is entered again, nested. */
	trail[0] = 0;
	count[SIGUSR1] = 0;
	max_depth = 0;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGUSR1, &sa, 0);
	raise(SIGUSR1);
	printf("SA_NODEFER: %s (depth %d)\n", trail, (int)max_depth);
	/* SA_RESETHAND: the handler runs once, then the default action is back. */
	trail[0] = 0;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGWINCH, &sa, 0);
	raise(SIGWINCH);
	raise(SIGWINCH); /* default action of SIGWINCH: ignore */
	sigaction(SIGWINCH, 0, &old);
	printf("SA_RESETHAND: %s, then SIG_DFL %d\n", trail, old.sa_handler == SIG_DFL);
	/* SA_SIGINFO: the three-argument handler. */
	struct sigaction si = { .sa_sigaction = info_handler, .sa_flags = SA_SIGINFO };
	memset(&last_info, 0, sizeof last_info);
	sigaction(SIGALRM, &si, 0);
	raise(SIGALRM);
	printf("SA_SIGINFO: signo %d\n", last_info.si_signo);
	/* Errors. */
	printf("sigaction(SIGKILL): %s\n", err(sigaction(SIGKILL, &sa, 0)));
	printf("sigaction(SIGSTOP): %s\n", err(sigaction(SIGSTOP, &sa, 0)));
	printf("sigaction(SIGKILL) read only: %s\n", err(sigaction(SIGKILL, 0, &old)));
	printf("sigaction(0): %s\n", err(sigaction(0, &sa, 0)));
	printf("sigaction(65): %s\n", err(sigaction(65, 0, &old)));
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
}

static void sigprocmask_fn(void) {
	section("sigprocmask");
	sigset_t s, old;
	count[SIGUSR1] = 0;
	signal(SIGUSR1, counter);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	printf("block USR1: %s, blocked %d\n", err(sigprocmask(SIG_BLOCK, &s, &old)), blocked(SIGUSR1));
	printf("old mask had USR1: %d\n", sigismember(&old, SIGUSR1));
	raise(SIGUSR1);
	printf("raised while blocked: handler ran %d times\n", (int)count[SIGUSR1]);
	sigprocmask(SIG_UNBLOCK, &s, 0);
	printf("after SIG_UNBLOCK: handler ran %d times, blocked %d\n", (int)count[SIGUSR1], blocked(SIGUSR1));
	sigaddset(&s, SIGKILL);
	sigaddset(&s, SIGSTOP);
	sigprocmask(SIG_SETMASK, &s, 0);
	printf("SIG_SETMASK {USR1, KILL, STOP}: USR1 %d, KILL %d, STOP %d\n", blocked(SIGUSR1), blocked(SIGKILL), blocked(SIGSTOP));
	printf("bad how: %s\n", err(sigprocmask(99, &s, 0)));
	printf("bad how without a set: %s\n", err(sigprocmask(99, 0, &old)));
	sigemptyset(&s);
	sigprocmask(SIG_SETMASK, &s, 0);
	printf("pthread_sigmask(bad how) returns EINVAL: %d\n", pthread_sigmask(99, &s, 0) == EINVAL);
	signal(SIGUSR1, SIG_DFL);
}

static void sigpending_fn(void) {
	section("sigpending");
	sigset_t s, p;
	count[SIGUSR2] = 0;
	signal(SIGUSR2, counter);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	sigaddset(&s, SIGTERM);
	sigprocmask(SIG_BLOCK, &s, 0);
	raise(SIGUSR2);
	raise(SIGUSR2); /* standard signals do not queue */
	raise(SIGTERM);
	sigpending(&p);
	printf("pending: USR2 %d, TERM %d, USR1 %d\n", sigismember(&p, SIGUSR2), sigismember(&p, SIGTERM), sigismember(&p, SIGUSR1));
	signal(SIGTERM, SIG_IGN); /* ignoring a pending signal discards it */
	sigpending(&p);
	printf("after SIG_IGN: TERM %d\n", sigismember(&p, SIGTERM));
	sigprocmask(SIG_UNBLOCK, &s, 0);
	sigpending(&p);
	printf("unblocked: USR2 delivered %d time(s), pending now %d\n", (int)count[SIGUSR2], sigismember(&p, SIGUSR2));
	signal(SIGUSR2, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
}

static void sigsuspend_fn(void) {
	section("sigsuspend");
	sigset_t block, wait_mask;
	count[SIGUSR1] = 0;
	signal(SIGUSR1, counter);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, 0);
	raise(SIGUSR1);
	printf("pending while blocked, handled %d\n", (int)count[SIGUSR1]);
	sigemptyset(&wait_mask);
	errno = 0;
	int r = sigsuspend(&wait_mask);
	printf("sigsuspend = %d (%s), handled %d, USR1 blocked again %d\n", r, strerror(errno), (int)count[SIGUSR1], blocked(SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &block, 0);
	signal(SIGUSR1, SIG_DFL);
}

static void stop_cont(void) {
	section("stop");
	count[SIGCONT] = 0;
	signal(SIGCONT, counter);
	/* Started by the machine, the program is alone in an orphaned process group: SIGTSTP is discarded
	 * (Linux); SIGSTOP would stop it until someone sends SIGCONT (tests/signals/job_control.test.ts). */
	printf("kill(self, SIGTSTP): %s (discarded: the process group is orphaned)\n", err(kill(getpid(), SIGTSTP)));
	printf("kill(self, SIGCONT): %s, handler ran %d\n", err(kill(getpid(), SIGCONT)), (int)count[SIGCONT]);
	signal(SIGCONT, SIG_DFL);
}

static void strsignal_fn(void) {
	section("strsignal");
	printf("%s / %s / %s / %s\n", strsignal(SIGINT), strsignal(SIGSEGV), strsignal(SIGUSR1), strsignal(SIGALRM));
	printf("%s / %s\n", strsignal(40), strsignal(100));
	fflush(stdout);
	psignal(SIGTERM, "psignal");
	psignal(SIGQUIT, 0);
	printf("psignal wrote to stderr\n");
}

static sigjmp_buf back;
static void jumper(int sig) { siglongjmp(back, sig); }

static void siglongjmp_fn(void) {
	section("siglongjmp");
	signal(SIGUSR1, jumper);
	int r = sigsetjmp(back, 1);
	if (r == 0) {
		raise(SIGUSR1);
		printf("not reached\n");
	}
	printf("jumped out of the handler with %d; mask restored: USR1 blocked %d\n", r, blocked(SIGUSR1));
	signal(SIGUSR1, SIG_DFL);
}

static const struct { const char *name; int sig; } names[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT }, { "ABRT", SIGABRT }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "ALRM", SIGALRM }, { "TERM", SIGTERM }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP },
	{ "CHLD", SIGCHLD }, { "SEGV", SIGSEGV },
};

static int by_name(const char *s) {
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(names[i].name, s)) return names[i].sig;
	return atoi(s);
}

static void on_term(int sig) {
	printf("handled %s\n", strsignal(sig));
	if (sig == SIGTERM) exit(3);
}

int main(int argc, char **argv) {
	setvbuf(stdout, 0, _IONBF, 0);
	if (argc > 2 && !strcmp(argv[1], "die")) {
		int sig = by_name(argv[2]);
		printf("raise(%s)\n", strsignal(sig));
		raise(sig);
		printf("survived %s\n", strsignal(sig));
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "wait")) {
		signal(SIGUSR1, on_term);
		signal(SIGTERM, on_term);
		printf("waiting as %d\n", (int)getpid());
		for (;;) {
			int r = pause();
			printf("pause = %d (%s)\n", r, strerror(errno));
		}
	}
	if (argc > 2 && !strcmp(argv[1], "send")) {
		int pid = atoi(argv[2]);
		printf("kill(%d, SIGUSR1): %s\n", pid, err(kill(pid, SIGUSR1)));
		printf("kill(%d, SIGTERM): %s\n", pid, err(kill(pid, SIGTERM)));
		return 0;
	}
	sets();
	signal_fn();
	raise_fn();
	kill_fn();
	sigaction_fn();
	sigprocmask_fn();
	sigpending_fn();
	sigsuspend_fn();
	stop_cont();
	strsignal_fn();
	siglongjmp_fn();
	section("end");
	return 0;
}
