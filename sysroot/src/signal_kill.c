/* Sending signals: kill, killpg, raise, tgkill. A handler for a signal sent to the process itself
   runs before the call returns, if the running thread takes it. raise and tgkill send to one
   thread alone (pending for it: only it takes it, before the process's signals). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include "signal_impl.h"

int kill(pid_t pid, int sig) {
	return l4posix_ret(__l4posix_kill(pid, sig));
}

int killpg(pid_t pgrp, int sig) {
	if (pgrp < 0) return l4posix_ret(-EINVAL);
	return kill(-pgrp, sig);
}

int raise(int sig) {
	return l4posix_ret(__l4posix_raise(sig));
}

int tgkill(pid_t pid, pid_t tid, int sig) {
	return l4posix_ret(__l4posix_tgkill(pid, tid, sig));
}
