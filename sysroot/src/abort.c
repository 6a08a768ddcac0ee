/* abort: SIGABRT, unblocked; if a handler returns (or SIGABRT is ignored) the process still dies
   of SIGABRT, as POSIX requires. Does not need the signal trampolines: without a handler the
   default action ends the process. */
#include <signal.h>
#include <stdlib.h>
#include "signal_impl.h"

_Noreturn void abort(void) {
	sigset_t abrt;
	sigemptyset(&abrt);
	sigaddset(&abrt, SIGABRT);
	__l4posix_sigprocmask(SIG_UNBLOCK, &abrt, 0);
	__l4posix_raise(SIGABRT);
	__l4posix_abort();
}
