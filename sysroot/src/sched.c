/* Scheduling policies: every process runs under SCHED_OTHER at priority 0 (l4wasm's scheduler
 * has one policy). Asking for that succeeds; the real-time policies are EPERM, as for an
 * unprivileged Linux process; unknown policies and priorities are EINVAL, unknown pids ESRCH. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <time.h>

static int known(int policy) {
	return policy == SCHED_OTHER || policy == SCHED_FIFO || policy == SCHED_RR || policy == SCHED_BATCH || policy == SCHED_IDLE;
}

/* 0, or -1 with ESRCH for a process that does not exist (pid 0 is the caller). */
static int exists(pid_t pid) {
	if (pid < 0) {
		errno = EINVAL;
		return -1;
	}
	if (pid == 0 || kill(pid, 0) == 0 || errno == EPERM) return 0;
	errno = ESRCH;
	return -1;
}

int sched_get_priority_max(int policy) {
	if (!known(policy)) {
		errno = EINVAL;
		return -1;
	}
	return policy == SCHED_FIFO || policy == SCHED_RR ? 99 : 0;
}

int sched_get_priority_min(int policy) {
	if (!known(policy)) {
		errno = EINVAL;
		return -1;
	}
	return policy == SCHED_FIFO || policy == SCHED_RR ? 1 : 0;
}

int sched_getscheduler(pid_t pid) { return exists(pid) < 0 ? -1 : SCHED_OTHER; }

int sched_getparam(pid_t pid, struct sched_param *p) {
	if (p == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (exists(pid) < 0) return -1;
	p->sched_priority = 0;
	return 0;
}

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *p) {
	if (p == NULL || !known(policy)) {
		errno = EINVAL;
		return -1;
	}
	if (exists(pid) < 0) return -1;
	if (p->sched_priority < sched_get_priority_min(policy) || p->sched_priority > sched_get_priority_max(policy)) {
		errno = EINVAL;
		return -1;
	}
	if (policy == SCHED_FIFO || policy == SCHED_RR) {
		errno = EPERM;
		return -1;
	}
	/* SCHED_BATCH and SCHED_IDLE are hints Linux accepts; l4wasm runs them as SCHED_OTHER. */
	return 0;
}

int sched_setparam(pid_t pid, const struct sched_param *p) { return sched_setscheduler(pid, SCHED_OTHER, p); }

/* The round-robin quantum Linux reports by default (100 ms). */
int sched_rr_get_interval(pid_t pid, struct timespec *t) {
	if (exists(pid) < 0) return -1;
	t->tv_sec = 0;
	t->tv_nsec = 100000000;
	return 0;
}
