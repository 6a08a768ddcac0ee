/* The blocked mask (sigprocmask, pthread_sigmask), pending signals, waiting for a signal
   (sigsuspend, pause), and the mask that sigsetjmp saves and siglongjmp restores. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "signal_impl.h"

/* The host reads and writes the first 8 bytes of a set; the rest of an out-set is cleared. */
static void clear_tail(sigset_t *set) {
	if (set) memset((char *)set + 8, 0, sizeof *set - 8);
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old) {
	int r = __l4posix_sigprocmask(how, set, old);
	if (r < 0) return l4posix_ret(r);
	clear_tail(old);
	return 0;
}

int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old) {
	int r = __l4posix_sigprocmask(how, set, old);
	if (r < 0) return -r;
	clear_tail(old);
	return 0;
}

int sigpending(sigset_t *set) {
	int r = __l4posix_sigpending(set);
	if (r < 0) return l4posix_ret(r);
	clear_tail(set);
	return 0;
}

int sigsuspend(const sigset_t *mask) {
	return l4posix_ret(__l4posix_sigsuspend(mask));
}

int pause(void) {
	return l4posix_ret(__l4posix_pause());
}

/* musl's struct __jmp_buf_tag; <setjmp.h> itself needs wasm exception handling, which this file
   does not (sigsetjmp and siglongjmp call these from the program's own code). */
struct jmp_buf_tag {
	unsigned long jb[8];
	unsigned long fl;
	sigset_t ss;
};

void __l4posix_sigjmp_save(struct jmp_buf_tag *env, int savemask) {
	env->fl = savemask != 0;
	if (savemask) sigprocmask(SIG_BLOCK, 0, &env->ss);
}

void __l4posix_sigjmp_restore(struct jmp_buf_tag *env) {
	if (env->fl) sigprocmask(SIG_SETMASK, &env->ss, 0);
}
