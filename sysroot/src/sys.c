/* The system as the program sees it: uname and the host name, sysconf and the page size, resource
 * limits and usage: the l4posix system family (src/libc/l4posix_sys.ts) and fixed values. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <wasi/api.h>
#include <l4posix.h>

L4POSIX_IMPORT(uname) int __l4posix_uname(struct utsname *u);
L4POSIX_IMPORT(sysconf) int __l4posix_sysconf(int name);
L4POSIX_IMPORT(getrlimit) int __l4posix_getrlimit(int resource, struct rlimit *r, unsigned long stack);
L4POSIX_IMPORT(setrlimit) int __l4posix_setrlimit(int resource, const struct rlimit *r, unsigned long stack);

/* The linker's bounds of the program's stack: RLIMIT_STACK. */
extern char __stack_low, __stack_high;
#define STACK_SIZE ((unsigned long)(&__stack_high - &__stack_low))

/* The page of mmap (4 KiB); memory itself grows by wasm pages (64 KiB, <limits.h>'s PAGESIZE). */
#define L4WASM_PAGE_SIZE 4096


int uname(struct utsname *u) { return l4posix_ret(__l4posix_uname(u)); }

/* Linux's: the name and its NUL must fit, else ENAMETOOLONG. */
int gethostname(char *name, size_t len) {
  struct utsname u;
  if (uname(&u) < 0) return -1;
  size_t n = strlen(u.nodename);
  if (len <= n) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(name, u.nodename, n + 1);
  return 0;
}

/* Naming the machine needs a privilege the guest's processes lack (Linux checks it first). */
int sethostname(const char *name, size_t len) {
  (void)name;
  (void)len;
  errno = EPERM;
  return -1;
}

int setdomainname(const char *name, size_t len) {
  (void)name;
  (void)len;
  errno = EPERM;
  return -1;
}

/* uname's domain name ("(none)", as Linux without one); as glibc, cut to len bytes without an error. */
int getdomainname(char *name, size_t len) {
  struct utsname u;
  if (uname(&u) < 0) return -1;
  size_t n = strlen(u.domainname) + 1;
  memcpy(name, u.domainname, n < len ? n : len);
  return 0;
}

int getpagesize(void) { return L4WASM_PAGE_SIZE; }

int getrlimit(int resource, struct rlimit *r) { return l4posix_ret(__l4posix_getrlimit(resource, r, STACK_SIZE)); }

int setrlimit(int resource, const struct rlimit *r) { return l4posix_ret(__l4posix_setrlimit(resource, r, STACK_SIZE)); }

/* The process's own limits (pid 0 or its own) are getrlimit/setrlimit's, the old ones read before
 * the new are set; another process's cannot be reached from here: EPERM, as for a process Linux
 * does not let the caller change, or ESRCH when there is no such process. */
int prlimit(pid_t pid, int resource, const struct rlimit *limit, struct rlimit *old) {
  if (pid != 0 && pid != getpid()) {
    errno = pid < 0 || (kill(pid, 0) != 0 && errno == ESRCH) ? ESRCH : EPERM;
    return -1;
  }
  struct rlimit was;
  if ((old || !limit) && getrlimit(resource, &was) != 0) return -1;
  if (limit && setrlimit(resource, limit) != 0) return -1;
  if (old) *old = was;
  return 0;
}

int __l4posix_fill_child_usage(int which, pid_t pid, struct rusage *ru);

/* The process's CPU time (l4wasm's WASI clocks are real, not wall-clock emulations), or what its
 * reaped children used (sysroot/src/wait.c). */
int getrusage(int who, struct rusage *ru) {
  if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN) {
    errno = EINVAL;
    return -1;
  }
  if (who == RUSAGE_CHILDREN) return __l4posix_fill_child_usage(1, 0, ru);
  __wasi_timestamp_t ns = 0;
  if (who == RUSAGE_SELF) {
    __wasi_errno_t e = __wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 1, &ns);
    if (e != 0) {
      errno = e;
      return -1;
    }
  }
  memset(ru, 0, sizeof *ru);
  ru->ru_utime.tv_sec = ns / 1000000000;
  ru->ru_utime.tv_usec = ns % 1000000000 / 1000;
  /* The peak resident size in KiB: a wasm memory only grows, and the host holds all of it. */
  if (who == RUSAGE_SELF) ru->ru_maxrss = (long)(__builtin_wasm_memory_size(0) * 64);
  return 0;
}

/* POSIX option and limit values; -1 without errno for what this system does not support. */
long sysconf(int name) {
  switch (name) {
  case _SC_OPEN_MAX: case _SC_NPROCESSORS_CONF: case _SC_NPROCESSORS_ONLN:
  case _SC_PHYS_PAGES: case _SC_AVPHYS_PAGES:
    return l4posix_ret(__l4posix_sysconf(name));
  case _SC_PAGESIZE: return L4WASM_PAGE_SIZE;
  case _SC_ARG_MAX: return 131072;
  case _SC_CLK_TCK: return 100;
  case _SC_NGROUPS_MAX: return NGROUPS_MAX;
  case _SC_TZNAME_MAX: return 6;
  case _SC_SAVED_IDS: return 1;
  case _SC_VERSION: case _SC_2_VERSION: case _SC_TIMERS: case _SC_MONOTONIC_CLOCK:
  case _SC_CLOCK_SELECTION: case _SC_CPUTIME: case _SC_FSYNC: case _SC_MAPPED_FILES:
  case _SC_MEMLOCK: case _SC_MEMLOCK_RANGE: case _SC_MEMORY_PROTECTION:
    return 200809L;
  case _SC_XOPEN_VERSION: return 700;
  case _SC_DELAYTIMER_MAX: return 0x7fffffff; /* timer_getoverrun's cap, as Linux */
  case _SC_IOV_MAX: return 1024;
  case _SC_LINE_MAX: return LINE_MAX;
  case _SC_RE_DUP_MAX: return 255;
  case _SC_EXPR_NEST_MAX: return 32;
  case _SC_BC_BASE_MAX: return 99;
  case _SC_BC_DIM_MAX: return 2048;
  case _SC_BC_SCALE_MAX: return 99;
  case _SC_BC_STRING_MAX: return 1000;
  case _SC_COLL_WEIGHTS_MAX: return 2;
  case _SC_HOST_NAME_MAX: return HOST_NAME_MAX;
  case _SC_LOGIN_NAME_MAX: return LOGIN_NAME_MAX;
  case _SC_TTY_NAME_MAX: return 32;
  case _SC_SYMLOOP_MAX: return 40;
  case _SC_NZERO: return 20;
  case _SC_STREAM_MAX: return FOPEN_MAX;
  case _SC_SEMAPHORES: case _SC_SHARED_MEMORY_OBJECTS: return 200809L; /* sem.c, shm.c */
  case _SC_SEM_VALUE_MAX: return 0x7fffffff;
  default:
    if (name < 0 || name > _SC_SIGSTKSZ) {
      errno = EINVAL;
      return -1;
    }
    return -1;
  }
}
