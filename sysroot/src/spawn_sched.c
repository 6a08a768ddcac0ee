/* The scheduling attributes of posix_spawn: recorded and reported back. The child runs under
 * SCHED_OTHER whatever they say (sched.c: the only policy l4wasm has). */
#include <errno.h>
#include <sched.h>
#include <spawn.h>

int posix_spawnattr_setschedpolicy(posix_spawnattr_t *a, int policy) {
	if (sched_get_priority_min(policy) < 0) return EINVAL;
	a->__policy = policy;
	return 0;
}

int posix_spawnattr_getschedpolicy(const posix_spawnattr_t *restrict a, int *restrict policy) {
	*policy = a->__policy;
	return 0;
}

int posix_spawnattr_setschedparam(posix_spawnattr_t *restrict a, const struct sched_param *restrict p) {
	a->__prio = p->sched_priority;
	return 0;
}

int posix_spawnattr_getschedparam(const posix_spawnattr_t *restrict a, struct sched_param *restrict p) {
	p->sched_priority = a->__prio;
	return 0;
}
