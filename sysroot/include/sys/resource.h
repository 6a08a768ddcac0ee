/* l4wasm overlay of wasi-libc's <sys/resource.h>: resource limits (sysroot/src/sys.c) and a
 * getrusage that reports the process's real CPU time, so no emulation flag is needed.
 * RLIMIT_NOFILE sizes the descriptor table, RLIMIT_AS bounds the memory mmap may add, RLIMIT_STACK
 * is the stack the program was linked with; the other limits are recorded only. */
#ifndef _L4WASM_SYS_RESOURCE_H
#define _L4WASM_SYS_RESOURCE_H

#ifndef _WASI_EMULATED_PROCESS_CLOCKS
#define _WASI_EMULATED_PROCESS_CLOCKS 1
#define _L4WASM_UNDEF_EMULATED_PROCESS_CLOCKS
#endif
#include_next <sys/resource.h>
#ifdef _L4WASM_UNDEF_EMULATED_PROCESS_CLOCKS
#undef _WASI_EMULATED_PROCESS_CLOCKS
#undef _L4WASM_UNDEF_EMULATED_PROCESS_CLOCKS
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned long long rlim_t;

struct rlimit {
	rlim_t rlim_cur;
	rlim_t rlim_max;
};

#define RLIM_INFINITY (~0ULL)
#define RLIM_SAVED_CUR RLIM_INFINITY
#define RLIM_SAVED_MAX RLIM_INFINITY

#define RLIMIT_CPU        0
#define RLIMIT_FSIZE      1
#define RLIMIT_DATA       2
#define RLIMIT_STACK      3
#define RLIMIT_CORE       4
#define RLIMIT_RSS        5
#define RLIMIT_NPROC      6
#define RLIMIT_NOFILE     7
#define RLIMIT_MEMLOCK    8
#define RLIMIT_AS         9
#define RLIMIT_LOCKS      10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE   12
#define RLIMIT_NICE       13
#define RLIMIT_RTPRIO     14
#define RLIMIT_RTTIME     15
#define RLIMIT_NLIMITS    16
#define RLIM_NLIMITS      RLIMIT_NLIMITS

int getrlimit(int, struct rlimit *);
int setrlimit(int, const struct rlimit *);

/* Priorities are recorded, not scheduled by (sysroot/src/unistd_more.c). */
#define PRIO_MIN (-20)
#define PRIO_MAX 20
#define PRIO_PROCESS 0
#define PRIO_PGRP    1
#define PRIO_USER    2
int getpriority(int, id_t);
int setpriority(int, id_t, int);

/* Another process's limits: its own are getrlimit/setrlimit's, another's EPERM (sysroot/src/sys.c). */
#ifdef _GNU_SOURCE
int prlimit(pid_t, int, const struct rlimit *, struct rlimit *);
#define prlimit64 prlimit
#endif

#ifdef __cplusplus
}
#endif

#endif
