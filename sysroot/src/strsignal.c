/* strsignal and psignal with musl's descriptions. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char *const names[] = {
	[SIGHUP] = "Hangup", [SIGINT] = "Interrupt", [SIGQUIT] = "Quit",
	[SIGILL] = "Illegal instruction", [SIGTRAP] = "Trace/breakpoint trap", [SIGABRT] = "Aborted",
	[SIGBUS] = "Bus error", [SIGFPE] = "Arithmetic exception", [SIGKILL] = "Killed",
	[SIGUSR1] = "User defined signal 1", [SIGSEGV] = "Segmentation fault",
	[SIGUSR2] = "User defined signal 2", [SIGPIPE] = "Broken pipe", [SIGALRM] = "Alarm clock",
	[SIGTERM] = "Terminated", [SIGSTKFLT] = "Stack fault", [SIGCHLD] = "Child process status",
	[SIGCONT] = "Continued", [SIGSTOP] = "Stopped (signal)", [SIGTSTP] = "Stopped",
	[SIGTTIN] = "Stopped (tty input)", [SIGTTOU] = "Stopped (tty output)",
	[SIGURG] = "Urgent I/O condition", [SIGXCPU] = "CPU time limit exceeded",
	[SIGXFSZ] = "File size limit exceeded", [SIGVTALRM] = "Virtual timer expired",
	[SIGPROF] = "Profiling timer expired", [SIGWINCH] = "Window changed",
	[SIGIO] = "I/O possible", [SIGPWR] = "Power failure", [SIGSYS] = "Bad system call",
};

char *strsignal(int sig) {
	static char rt[8];
	if (sig > 0 && sig < (int)(sizeof names / sizeof *names) && names[sig]) return (char *)names[sig];
	if (sig >= 32 && sig < _NSIG) {
		snprintf(rt, sizeof rt, "RT%d", sig);
		return rt;
	}
	return (char *)"Unknown signal";
}

void psignal(int sig, const char *msg) {
	int saved = errno;
	if (msg && *msg) fprintf(stderr, "%s: %s\n", msg, strsignal(sig));
	else fprintf(stderr, "%s\n", strsignal(sig));
	errno = saved;
}
