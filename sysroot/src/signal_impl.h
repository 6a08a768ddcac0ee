/* libl4posix, signal family: the l4posix imports behind it (src/libc/l4posix_signal.ts). */
#ifndef _L4POSIX_SIGNAL_IMPL_H
#define _L4POSIX_SIGNAL_IMPL_H

#include <signal.h>
#include <stdint.h>
#include <l4posix.h>

/* A signal's action as the host keeps it. */
struct __l4posix_sigaction {
	uint32_t kind;       /* 0 SIG_DFL, 1 SIG_IGN, 2 handler */
	uint32_t handler;    /* the handler's function-table index */
	uint32_t flags;
	uint32_t mask[2];    /* signals 1-32, 33-64 */
};

/* An interval timer in microseconds. */
struct __l4posix_itimer {
	long long interval_us;
	long long value_us;
};

L4POSIX_IMPORT(sigaction) int __l4posix_sigaction(int, const struct __l4posix_sigaction *, struct __l4posix_sigaction *);
L4POSIX_IMPORT(sigprocmask) int __l4posix_sigprocmask(int, const sigset_t *, sigset_t *);
L4POSIX_IMPORT(sigpending) int __l4posix_sigpending(sigset_t *);
L4POSIX_IMPORT(sigsuspend) int __l4posix_sigsuspend(const sigset_t *);
L4POSIX_IMPORT(pause) int __l4posix_pause(void);
L4POSIX_IMPORT(kill) int __l4posix_kill(int, int);
L4POSIX_IMPORT(raise) int __l4posix_raise(int);
L4POSIX_IMPORT(tgkill) int __l4posix_tgkill(int, int, int);
L4POSIX_IMPORT(setitimer) int __l4posix_setitimer(int, const struct __l4posix_itimer *, struct __l4posix_itimer *);
L4POSIX_IMPORT(getitimer) int __l4posix_getitimer(int, struct __l4posix_itimer *);


#endif
