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

/* glibc's answers (Linux, x86-64) for the names whose value is fixed, by number (musl numbers
 * them as glibc does): POSIX options this system offers are 200809, limits are glibc's, and
 * names glibc does not know are EINVAL. Where glibc's value comes from the 64-bit ABI, this is
 * wasm32's: long is 32 bits, and the ILP32 environment with a 64-bit off_t is the one offered.
 * Cache geometry is unknown here (0, as glibc when it cannot tell); the names asked of the
 * machine are answered in sysconf. Entries left out are -1 (no limit, or not supported). */
#define SC_ASK (-2)    /* asked of the machine: see sysconf */
#define SC_EINVAL (-3) /* a name glibc does not know */
/* Every entry -1 first, then the known ones over it. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Winitializer-overrides"
static const long sc_values[_SC_SIGSTKSZ + 1] = {
	[0 ... _SC_SIGSTKSZ] = -1,
	[0] = SC_ASK, [1] = SC_ASK, [2] = 100, [3] = 65536, [4] = SC_ASK, [5] = 16, [7] = 1,
	[8] = 1, [9] = 200809, [10] = 200809, [11] = 200809, [12] = 200809, [13] = 200809, [14] = 200809, [15] = 200809,
	[16] = 200809, [17] = 200809, [18] = 200809, [19] = 200809, [20] = 200809, [21] = 200809, [22] = 200809,
	[25] = 20, [26] = 2147483647, [28] = 32768, [29] = 200809, [30] = L4WASM_PAGE_SIZE, [31] = 32,
	[33] = 2147483647, [34] = SC_ASK, [36] = 99, [37] = 2048, [38] = 99, [39] = 1000,
	[40] = 255, [41] = SC_EINVAL, [42] = 32, [43] = 2048, [44] = 32767, [45] = 2048, [46] = 200809, [47] = 200809,
	[48] = 200809, [51] = 200809, [52] = 200809,
	[60] = 1024,
	[67] = 200809, [68] = 200809, [69] = 1024, [70] = 1024, [71] = 256,
	[72] = 32, [73] = 4, [74] = 1024, [75] = 16384, [77] = 200809, [78] = 200809, [79] = 200809,
	[80] = 200809, [81] = 200809, [82] = 200809, [83] = SC_ASK, [84] = SC_ASK, [85] = SC_ASK, [86] = SC_ASK, [87] = 2147483647,
	[88] = 8192, [89] = 700, [90] = 4, [91] = 1, [93] = 1, [94] = 1, [95] = 200809,
	[96] = 200809, [98] = 1, [99] = 1, [100] = 1, [101] = 8, [102] = 127, [103] = -128,
	[104] = INT_MAX, [105] = INT_MIN, [106] = (long)sizeof(long) * CHAR_BIT, [107] = 32, [108] = 16, [109] = 20, [110] = 32767, [111] = 127,
	[112] = -128, [113] = 32767, [114] = -32768, [115] = 255, [116] = (long)UINT_MAX, [117] = (long)ULONG_MAX, [118] = 65535, [119] = 4096,
	[120] = 2048, [121] = 2147483647, [122] = 2147483647, [123] = 2147483647, [124] = 2147483647, [126] = 1,
	[129] = 1, [130] = 1, [131] = 1, [132] = 200809, [133] = 200809,
	[137] = 200809, [138] = 200809, [139] = 200809,
	[149] = 200809,
	[153] = 200809, [154] = 200809, [155] = 1, [157] = 1, [159] = 200809,
	[164] = 200809,
	[177] = 1, [180] = 64,
	[185] = 0, [186] = 0, [187] = 0, [188] = 0, [189] = 0, [190] = 0, [191] = 0,
	[192] = 0, [193] = 0, [194] = 0, [195] = 0, [196] = 0, [197] = 0, [198] = 0, [199] = 0,
	[200] = SC_EINVAL, [201] = SC_EINVAL, [202] = SC_EINVAL, [203] = SC_EINVAL, [204] = SC_EINVAL, [205] = SC_EINVAL, [206] = SC_EINVAL, [207] = SC_EINVAL,
	[208] = SC_EINVAL, [209] = SC_EINVAL, [210] = SC_EINVAL, [211] = SC_EINVAL, [212] = SC_EINVAL, [213] = SC_EINVAL, [214] = SC_EINVAL, [215] = SC_EINVAL,
	[216] = SC_EINVAL, [217] = SC_EINVAL, [218] = SC_EINVAL, [219] = SC_EINVAL, [220] = SC_EINVAL, [221] = SC_EINVAL, [222] = SC_EINVAL, [223] = SC_EINVAL,
	[224] = SC_EINVAL, [225] = SC_EINVAL, [226] = SC_EINVAL, [227] = SC_EINVAL, [228] = SC_EINVAL, [229] = SC_EINVAL, [230] = SC_EINVAL, [231] = SC_EINVAL,
	[232] = SC_EINVAL, [233] = SC_EINVAL, [234] = SC_EINVAL, [235] = 200809, [236] = 200809, [238] = 1,
	[241] = SC_EINVAL, [247] = SC_EINVAL,
	[248] = SC_EINVAL, [249] = MINSIGSTKSZ, [250] = SIGSTKSZ,
};
#pragma clang diagnostic pop

/* The current limit of resource `r`, -1 when unlimited. */
static long current_limit(int r) {
  struct rlimit rl;
  if (getrlimit(r, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return -1;
  return (long)rl.rlim_cur;
}

long sysconf(int name) {
  if (name < 0 || name > _SC_SIGSTKSZ || sc_values[name] == SC_EINVAL) {
    errno = EINVAL;
    return -1;
  }
  switch (name) {
  case _SC_OPEN_MAX: case _SC_NPROCESSORS_CONF: case _SC_NPROCESSORS_ONLN:
  case _SC_PHYS_PAGES: case _SC_AVPHYS_PAGES:
    return l4posix_ret(__l4posix_sysconf(name));
  case _SC_ARG_MAX: {
    /* As glibc: a quarter of the stack limit, at least ARG_MAX's 128 KiB. */
    long stack = current_limit(RLIMIT_STACK);
    return stack < 0 || stack / 4 < 131072 ? (stack < 0 ? 0x7fffffff : 131072) : stack / 4;
  }
  case _SC_CHILD_MAX: return current_limit(RLIMIT_NPROC);
  case _SC_SIGQUEUE_MAX: return current_limit(RLIMIT_SIGPENDING);
  }
  return sc_values[name];
}
