/* CPU affinity: a process may run on each of the machine's CPUs (sysconf's count) unless it
 * narrowed its own mask, which is kept here (inherited across fork with the process's memory,
 * as Linux's is). Another process's mask cannot be changed from here (EPERM). */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static cpu_set_t own;
static int narrowed;

static int cpus(void) {
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 && n <= CPU_SETSIZE ? (int)n : 1;
}

/* 0 for the caller (pid 0 or its own), 1 for another existing process; -1 with ESRCH/EINVAL. */
static int whose(pid_t pid) {
	if (pid < 0) {
		errno = ESRCH;
		return -1;
	}
	if (pid == 0 || pid == getpid()) return 0;
	if (kill(pid, 0) == 0 || errno == EPERM) return 1;
	errno = ESRCH;
	return -1;
}

/* Linux: the mask must hold a bit for every possible CPU and be a whole number of longs. */
static int size_ok(size_t size) {
	if (size * 8 < (size_t)cpus() || size % sizeof(long) != 0) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set) {
	int w = whose(pid);
	if (w < 0 || !size_ok(size)) return -1;
	memset(set, 0, size);
	for (int cpu = 0; cpu < cpus(); cpu++) {
		if (w == 1 || !narrowed || CPU_ISSET(cpu, &own)) CPU_SET_S(cpu, size, set);
	}
	return 0;
}

int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set) {
	int w = whose(pid);
	if (w < 0) return -1;
	cpu_set_t mask;
	CPU_ZERO(&mask);
	int any = 0;
	for (int cpu = 0; cpu < cpus(); cpu++) {
		if (CPU_ISSET_S(cpu, size, set)) {
			CPU_SET(cpu, &mask);
			any = 1;
		}
	}
	/* No CPU of the machine in the mask. */
	if (!any) {
		errno = EINVAL;
		return -1;
	}
	if (w == 1) {
		errno = EPERM;
		return -1;
	}
	own = mask;
	narrowed = 1;
	return 0;
}

/* CPU_COUNT: the bits set in the first `size` bytes. */
int __sched_cpucount(size_t size, const cpu_set_t *set) {
	int n = 0;
	const unsigned char *p = (const unsigned char *)set;
	for (size_t i = 0; i < size; i++) n += __builtin_popcount(p[i]);
	return n;
}

/* The CPU the caller runs on is not told to a program here: the first of its mask. */
int sched_getcpu(void) {
	for (int cpu = 0; narrowed && cpu < cpus(); cpu++) {
		if (CPU_ISSET(cpu, &own)) return cpu;
	}
	return 0;
}
