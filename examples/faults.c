/* faults: wasm traps as signals on l4wasm. A trap is an exception the kernel reflects to the
 * process's exception handler thread, which lets the program's handler run (or ends the process
 * with the signal). A division is checked before it traps (l4wasm's preparation), so SIGFPE's
 * handler runs with the program's frames alive, as on Linux. tests/signals/faults.test.ts runs
 * every combination.
 *
 *   faults KIND HOW
 *   KIND  div        integer divide by zero              SIGFPE  (FPE_INTDIV)
 *         overflow   INT_MIN / -1                        SIGFPE  (FPE_INTDIV, as x86 Linux reports it)
 *         oob        load far outside memory             SIGSEGV (SEGV_MAPERR, si_addr unknown: 0)
 *         null       call through a null function        SIGSEGV
 *         unreachable __builtin_trap                     SIGILL  (ILL_ILLOPC)
 *         stack      unbounded recursion (wasm stack)    SIGSEGV
 *         cstack     unbounded recursion (C stack)       SIGSEGV
 *         abort      abort()                             SIGABRT
 *         usr1       raise(SIGUSR1): not a fault; the handler runs inside raise
 *   HOW   exit       SA_SIGINFO handler prints the signal and si_code, _exit(signal number)
 *         altstack   the same on an alternate signal stack (sigaltstack, SA_ONSTACK)
 *         return     the handler returns (from a fault: the process dies of the signal)
 *         longjmp    the handler siglongjmps to main (works for usr1, abort, div and overflow; after
 *                    another trap the target frame is gone: the process dies of the signal)
 *         default    no handler: the default action
 *
 * Build: l4wasm cc -O2 examples/faults.c -o faults.wasm
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static sigjmp_buf back;
static char altstack[SIGSTKSZ];

static void say(const char *s) { write(1, s, strlen(s)); }

static const char *code_name(int sig, int code) {
	switch (sig) {
	case SIGFPE: return code == FPE_INTDIV ? "FPE_INTDIV" : code == FPE_INTOVF ? "FPE_INTOVF" : "FPE_?";
	case SIGSEGV: return code == SEGV_MAPERR ? "SEGV_MAPERR" : "SEGV_?";
	case SIGILL: return code == ILL_ILLOPC ? "ILL_ILLOPC" : "ILL_?";
	default: return code == SI_TKILL ? "SI_TKILL" : code == SI_USER ? "SI_USER" : "other";
	}
}

static void exit_handler(int sig, siginfo_t *si, void *ctx) {
	(void)ctx;
	char b[160];
	int on_alt = (char *)&b > altstack && (char *)&b < altstack + sizeof altstack;
	snprintf(b, sizeof b, "caught %s (%s)%s%s\n", strsignal(sig), code_name(sig, si->si_code),
	         sig == SIGSEGV ? (si->si_addr == 0 ? ", si_addr 0" : ", si_addr set") : "",
	         on_alt ? ", on the alternate stack" : "");
	say(b);
	_exit(sig);
}

static void return_handler(int sig) {
	char b[64];
	snprintf(b, sizeof b, "handler for %s returns\n", strsignal(sig));
	say(b);
}

static void jump_handler(int sig) {
	say("handler longjmps\n");
	siglongjmp(back, sig);
}

__attribute__((noinline)) static int divide(volatile int a, volatile int b) { return a / b; }
__attribute__((noinline)) static int read_far(volatile int *p) { return *p; }
static void (*volatile nothing)(void);
static int (*volatile again)(int);
__attribute__((noinline)) static int recurse(int n) { return again(n + 1) + 1; }
__attribute__((noinline)) static int crecurse(volatile int n) {
	if (n < 0) return 0;
	volatile char pad[512];
	pad[n % 512] = (char)n;
	return crecurse(n + 1) + pad[0];
}

static int fault(const char *kind) {
	if (!strcmp(kind, "div")) return divide(1, 0);
	if (!strcmp(kind, "overflow")) return divide(-2147483647 - 1, -1);
	if (!strcmp(kind, "oob")) return read_far((int *)0xfffffff0);
	if (!strcmp(kind, "null")) { nothing(); return 0; }
	if (!strcmp(kind, "unreachable")) __builtin_trap();
	if (!strcmp(kind, "stack")) { again = recurse; return recurse(0); }
	if (!strcmp(kind, "cstack")) return crecurse(0);
	if (!strcmp(kind, "abort")) abort();
	if (!strcmp(kind, "usr1")) return raise(SIGUSR1);
	say("unknown kind\n");
	return 2;
}

int main(int argc, char **argv) {
	const char *kind = argc > 1 ? argv[1] : "div";
	const char *how = argc > 2 ? argv[2] : "exit";
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	if (!strcmp(how, "exit") || !strcmp(how, "altstack")) {
		sa.sa_sigaction = exit_handler;
		sa.sa_flags = SA_SIGINFO;
	} else if (!strcmp(how, "return")) {
		sa.sa_handler = return_handler;
	} else if (!strcmp(how, "longjmp")) {
		sa.sa_handler = jump_handler;
	} else {
		sa.sa_handler = SIG_DFL;
	}
	if (!strcmp(how, "altstack")) {
		stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
		if (sigaltstack(&ss, 0) != 0) say("sigaltstack failed\n");
		sa.sa_flags |= SA_ONSTACK;
	}
	int sigs[] = { SIGFPE, SIGSEGV, SIGILL, SIGBUS, SIGABRT, SIGUSR1 };
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) sigaction(sigs[i], &sa, 0);
	int r = sigsetjmp(back, 1);
	if (r != 0) {
		printf("back in main from %s\n", strsignal(r));
		return 0;
	}
	printf("%s, handler: %s\n", kind, how);
	fflush(stdout);
	int v = fault(kind);
	printf("%s returned %d\n", kind, v);
	return 0;
}
