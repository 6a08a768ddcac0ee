/* Signal actions (sigaction, signal, siginterrupt, sigaltstack) and the trampolines through which
   l4wasm runs a handler inside the program: __l4posix_signal_deliver when a call into the host
   returns with a signal pending (the interrupted code's stack is intact below it), and
   __l4posix_signal_fault after a trap (the stack is gone; the handler gets a usable C stack).
   Linking sigaction links the trampolines: a program without them cannot have handlers. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include "signal_impl.h"

/* SIG_IGN and SIG_ERR are these functions' addresses (1 and -1 are valid function pointers in
   wasm); wasi-libc declares them and defines them only in its emulation library. */
void __SIG_IGN(int sig) { (void)sig; }
void __SIG_ERR(int sig) { (void)sig; }

int sigaction(int sig, const struct sigaction *restrict sa, struct sigaction *restrict old) {
	struct __l4posix_sigaction a, o;
	if (sa) {
		void (*h)(int) = sa->sa_handler;
		a.kind = h == SIG_DFL ? 0 : h == SIG_IGN ? 1 : 2;
		a.handler = (uint32_t)(uintptr_t)h;
		a.flags = (uint32_t)sa->sa_flags;
		memcpy(a.mask, &sa->sa_mask, sizeof a.mask);
	}
	int r = __l4posix_sigaction(sig, sa ? &a : 0, old ? &o : 0);
	if (r < 0) return l4posix_ret(r);
	if (old) {
		memset(old, 0, sizeof *old);
		old->sa_handler = o.kind == 0 ? SIG_DFL : o.kind == 1 ? SIG_IGN : (void (*)(int))(uintptr_t)o.handler;
		old->sa_flags = (int)o.flags;
		memcpy(&old->sa_mask, o.mask, sizeof o.mask);
	}
	return 0;
}

/* abort's first step (sysroot/src/abort.c): SIGABRT, unblocked, so that its handler runs now. */
void __l4posix_abort_hook(void) {
	sigset_t abrt;
	sigemptyset(&abrt);
	sigaddset(&abrt, SIGABRT);
	__l4posix_sigprocmask(SIG_UNBLOCK, &abrt, 0);
	__l4posix_raise(SIGABRT);
}

/* BSD semantics, as musl's: the handler stays installed and interrupted calls restart. */
void (*signal(int sig, void (*func)(int)))(int) {
	struct sigaction sa = { .sa_handler = func, .sa_flags = SA_RESTART }, old;
	if (sigaction(sig, &sa, &old) < 0) return SIG_ERR;
	return old.sa_handler;
}

void (*bsd_signal(int sig, void (*func)(int)))(int) {
	return signal(sig, func);
}

int siginterrupt(int sig, int flag) {
	struct sigaction sa;
	if (sigaction(sig, 0, &sa) < 0) return -1;
	if (flag) sa.sa_flags &= ~SA_RESTART;
	else sa.sa_flags |= SA_RESTART;
	return sigaction(sig, &sa, 0);
}

/* ---- the alternate signal stack ---- */

static stack_t altstack = { .ss_sp = 0, .ss_flags = SS_DISABLE, .ss_size = 0 };

static inline uintptr_t get_sp(void) {
	uintptr_t sp;
	__asm__ volatile("global.get __stack_pointer\n\tlocal.set %0" : "=r"(sp));
	return sp;
}

static inline void set_sp(uintptr_t sp) {
	__asm__ volatile("local.get %0\n\tglobal.set __stack_pointer" :: "r"(sp));
}

static int on_altstack(uintptr_t sp) {
	uintptr_t base = (uintptr_t)altstack.ss_sp;
	return !(altstack.ss_flags & SS_DISABLE) && sp > base && sp <= base + altstack.ss_size;
}

int sigaltstack(const stack_t *restrict ss, stack_t *restrict old) {
	uintptr_t sp = get_sp();
	if (ss) {
		if (ss->ss_flags & ~SS_DISABLE) {
			errno = EINVAL;
			return -1;
		}
		if (!(ss->ss_flags & SS_DISABLE) && ss->ss_size < MINSIGSTKSZ) {
			errno = ENOMEM;
			return -1;
		}
		if (on_altstack(sp)) {
			errno = EPERM;
			return -1;
		}
	}
	if (old) {
		*old = altstack;
		if (on_altstack(sp)) old->ss_flags = SS_ONSTACK;
	}
	if (ss) {
		if (ss->ss_flags & SS_DISABLE) {
			altstack.ss_sp = 0;
			altstack.ss_size = 0;
			altstack.ss_flags = SS_DISABLE;
		} else {
			altstack = *ss;
		}
	}
	return 0;
}

/* ---- running a handler ---- */

static int is_fault(int sig, int code) {
	return (sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL || sig == SIGTRAP) &&
		code > 0 && code < SI_KERNEL;
}

__attribute__((noinline))
static void run_handler(int sig, uintptr_t handler, int flags, int code, int pid, int uid, uintptr_t addr, int value) {
	if (flags & SA_SIGINFO) {
		siginfo_t si;
		memset(&si, 0, sizeof si);
		si.si_signo = sig;
		si.si_code = code;
		if (is_fault(sig, code)) {
			si.si_addr = (void *)addr;
		} else {
			si.si_pid = pid;
			si.si_uid = (uid_t)uid;
			si.si_value.sival_int = value;
		}
		((void (*)(int, siginfo_t *, void *))handler)(sig, &si, 0);
	} else {
		((void (*)(int))handler)(sig);
	}
}

/* The top of the alternate stack, when the handler asks for it and one is set up, else 0. */
static uintptr_t altstack_top(int flags) {
	if (!(flags & SA_ONSTACK) || (altstack.ss_flags & SS_DISABLE)) return 0;
	return ((uintptr_t)altstack.ss_sp + altstack.ss_size) & ~(uintptr_t)15;
}

/* A signal found when a call into the host returned: the handler runs above the interrupted code. */
__attribute__((export_name("__l4posix_signal_deliver")))
void __l4posix_signal_deliver(int sig, uintptr_t handler, int flags, int code, int pid, int uid, uintptr_t addr, int value) {
	uintptr_t sp = get_sp();
	uintptr_t top = on_altstack(sp) ? 0 : altstack_top(flags);
	if (top) set_sp(top);
	run_handler(sig, handler, flags, code, pid, uid, addr, value);
	if (top) set_sp(sp);
}

extern char __stack_low[], __stack_high[];

/* Room a fault's handler gets at least; with less left (the C stack overflowed) it starts afresh. */
#define FAULT_STACK_MIN 8192

/* A trap's signal: nothing of the program's wasm stack is left. The C stack pointer still says
   where the trap happened; if that is outside the stack or nearly at its end (an overflow), the
   handler runs from the top of the stack, or on the alternate stack when it asked for one. */
__attribute__((export_name("__l4posix_signal_fault")))
void __l4posix_signal_fault(int sig, uintptr_t handler, int flags, int code, int pid, int uid, uintptr_t addr, int value) {
	uintptr_t sp = get_sp();
	uintptr_t top = altstack_top(flags);
	if (!top && (sp < (uintptr_t)__stack_low + FAULT_STACK_MIN || sp > (uintptr_t)__stack_high))
		top = (uintptr_t)__stack_high & ~(uintptr_t)15;
	if (top) set_sp(top);
	run_handler(sig, handler, flags, code, pid, uid, addr, value);
	if (top) set_sp(sp);
}
