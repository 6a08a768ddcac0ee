/* The syscall benchmark: times each operation with the monotonic clock, inside the program, over
 * enough iterations for stable figures, repeated; prints one machine-readable line per operation:
 *
 *   op <name> <median ns> <min ns> <max ns> <reps> <iterations per rep>
 *   na <name> <why>
 *
 * The same source runs on every runtime `l4wasm bench syscalls` compares: l4wasm (each path),
 * node:wasi, browser_wasi_shim (wasm32-wasip1, built with l4wasm cc) and natively (gcc). What a
 * runtime lacks is detected at run time (a call fails with ENOSYS) or, for l4wasm features that
 * do not exist yet, at build time (HAVE_MMAP, HAVE_SIGNALS, HAVE_PIPE are defined when the l4wasm
 * sysroot provides them; a native build has them all).
 *
 * File operations run on each mount the runtime has: a tmpfs file, a host file, a ROM file (an
 * l4wasm boot module). Memory growth (grow_64k) can be measured only once per process, since
 * memory never shrinks: it runs last, one pass, and reports reps 1.
 *
 * usage: syscalls [--quick] [--tmp FILE] [--host FILE] [--rom FILE] [--only NAME,...] [--count N]
 *   --tmp   a file to create in a tmpfs
 *   --host  a file to create in a host directory
 *   --rom   an existing read-only file of at least 4 KiB (a boot module)
 *   --count run each operation exactly N times after a fixed warm-up, untimed, and print
 *           "ran <name> <N>" (for counting the host's system calls per call under strace)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef __wasi__
#define HAVE_MMAP 1
#define HAVE_SIGNALS 1
#define HAVE_PIPE 1
#endif
#ifdef HAVE_MMAP
#include <sys/mman.h>
#endif
#ifdef HAVE_SIGNALS
#include <signal.h>
#endif

#ifdef __wasi__
#include <wasi/api.h>
#endif

#ifdef __wasi__
/* l4wasm's benchmark family; other runtimes get stubs that return -ENOSYS. */
__attribute__((import_module("l4posix"), import_name("bench_nop"))) int l4_bench_nop(void);
__attribute__((import_module("l4posix"), import_name("bench_ipc"))) int l4_bench_ipc(void);
/* The L4 API from C (sysroot/include/l4/): a call to the machine's TypeScript echo server. */
#include <l4/sys/ipc.h>
#include <l4/re/env.h>
#endif

#define FILE_SIZE 65536
#define READ_SIZE 4096

static int quick;
static const char *tmp_path, *host_path, *rom_path, *only;
static int tmp_fd = -1, host_fd = -1, rom_fd = -1, null_fd = -1;
static char buf[FILE_SIZE];
static volatile long sink;
static const char *fail_why; /* set by an operation that failed */
static long count = -1;       /* --count: run each operation this many times, untimed */

static const char NO_TMPFS[] = "no tmpfs file";
static const char NO_HOST[] = "no host file system";
static const char NO_ROM[] = "no ROM (boot modules)";

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static const char *errno_why(int e) {
  switch (e) {
  case ENOSYS: return "ENOSYS";
  case ENOENT: return "ENOENT";
  case EBADF: return "EBADF";
  case EINVAL: return "EINVAL";
  case ENOTSUP: return "ENOTSUP";
  case EACCES: return "EACCES";
  case EPERM: return "EPERM";
  default: return strerror(e);
  }
}

/* "what: errno name", for an operation that failed. */
static const char *failed(const char *what, int e) {
  static char text[128];
  snprintf(text, sizeof text, "%s: %s", what, errno_why(e));
  return text;
}

/* ---- the operations: each runs n times; returns 0, or -1 with fail_why set ---- */

static int op_empty_call(long n) {
#ifdef __wasi__
  for (long i = 0; i < n; i++)
    if (l4_bench_nop() != 0) { fail_why = "no-op import missing (ENOSYS)"; return -1; }
  return 0;
#else
  (void)n;
  fail_why = "no host boundary (native)";
  return -1;
#endif
}

static int op_clock_gettime(long n) {
  struct timespec ts;
  for (long i = 0; i < n; i++)
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) { fail_why = failed("clock_gettime", errno); return -1; }
  sink = ts.tv_nsec;
  return 0;
}

static int op_getpid(long n) {
  long s = 0;
  for (long i = 0; i < n; i++) {
    pid_t p = getpid();
    if (p <= 0) { fail_why = "no getpid (ENOSYS)"; return -1; }
    s += p;
  }
  sink = s;
  return 0;
}

/* The runtime's answer each time: on wasm the WASI call itself (l4wasm's libc keeps the answer
 * after the first clock_getres, which would time the libc, not the runtime). */
static int op_clock_getres(long n) {
#ifdef __wasi__
  __wasi_timestamp_t res = 0;
  for (long i = 0; i < n; i++) {
    __wasi_errno_t e = __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res);
    if (e != 0) { fail_why = failed("clock_res_get", e); return -1; }
  }
  sink = (long)res;
#else
  struct timespec ts;
  for (long i = 0; i < n; i++)
    if (clock_getres(CLOCK_MONOTONIC, &ts) != 0) { fail_why = failed("clock_getres", errno); return -1; }
  sink = ts.tv_nsec;
#endif
  return 0;
}

/* fcntl(F_GETFL) on the tmpfs file: wasi-libc answers it with fd_fdstat_get. */
static int op_fcntl_getfl(long n) {
  if (tmp_fd < 0) { fail_why = "no tmpfs file"; return -1; }
  long s = 0;
  for (long i = 0; i < n; i++) {
    int fl = fcntl(tmp_fd, F_GETFL);
    if (fl < 0) { fail_why = failed("fcntl", errno); return -1; }
    s += fl;
  }
  sink = s;
  return 0;
}

static int op_write_devnull(long n) {
  if (null_fd < 0) { fail_why = "no /dev/null"; return -1; }
  for (long i = 0; i < n; i++)
    if (write(null_fd, buf, 64) != 64) { fail_why = failed("write", errno); return -1; }
  return 0;
}

static int pread_loop(int fd, long n, const char *missing) {
  if (fd < 0) { fail_why = missing; return -1; }
  for (long i = 0; i < n; i++)
    if (pread(fd, buf, READ_SIZE, 0) != READ_SIZE) { fail_why = failed("pread", errno); return -1; }
  return 0;
}

static int op_read_tmpfs(long n) { return pread_loop(tmp_fd, n, NO_TMPFS); }
static int op_read_hostfs(long n) { return pread_loop(host_fd, n, NO_HOST); }
static int op_read_rom(long n) { return pread_loop(rom_fd, n, NO_ROM); }

/* 64 B with pwrite at an offset that cycles through the file: the file keeps its size, and every
 * write lands on data the file already has (no allocation on the way). */
static int pwrite_loop(int fd, long n, const char *missing) {
  if (fd < 0) { fail_why = missing; return -1; }
  for (long i = 0; i < n; i++)
    if (pwrite(fd, buf, 64, (off_t)((i * 64) % FILE_SIZE)) != 64) { fail_why = failed("pwrite", errno); return -1; }
  return 0;
}

static int op_write_tmpfs(long n) { return pwrite_loop(tmp_fd, n, NO_TMPFS); }
static int op_write_hostfs(long n) { return pwrite_loop(host_fd, n, NO_HOST); }

static int open_close_loop(const char *path, int fd_ok, long n, const char *missing) {
  if (path == NULL || !fd_ok) { fail_why = missing; return -1; }
  for (long i = 0; i < n; i++) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { fail_why = failed("open", errno); return -1; }
    close(fd);
  }
  return 0;
}

static int op_open_close_tmpfs(long n) { return open_close_loop(tmp_path, tmp_fd >= 0, n, NO_TMPFS); }
static int op_open_close_hostfs(long n) { return open_close_loop(host_path, host_fd >= 0, n, NO_HOST); }
static int op_open_close_rom(long n) { return open_close_loop(rom_path, rom_fd >= 0, n, NO_ROM); }

static int stat_loop(const char *path, int fd_ok, long n, const char *missing) {
  struct stat st;
  if (path == NULL || !fd_ok) { fail_why = missing; return -1; }
  for (long i = 0; i < n; i++)
    if (stat(path, &st) != 0) { fail_why = failed("stat", errno); return -1; }
  sink = (long)st.st_size;
  return 0;
}

static int op_stat_tmpfs(long n) { return stat_loop(tmp_path, tmp_fd >= 0, n, NO_TMPFS); }
static int op_stat_hostfs(long n) { return stat_loop(host_path, host_fd >= 0, n, NO_HOST); }
static int op_stat_rom(long n) { return stat_loop(rom_path, rom_fd >= 0, n, NO_ROM); }

/* malloc 64 KiB blocks up to 64 MiB, never freed: under wasm each block grows the linear memory
 * (memory.grow via sbrk), natively it is brk. The blocks are not touched: a first write to a page
 * costs a page fault (~2.5 µs here) on every runtime alike and would hide the growth itself.
 * `n` is ignored: this runs once per process. */
#define GROW_BLOCK 65536
#define GROW_BLOCKS 1024
static int op_grow(long n) {
  (void)n;
  for (long i = 0; i < GROW_BLOCKS; i++) {
    char *p = malloc(GROW_BLOCK);
    if (p == NULL) { fail_why = failed("malloc", errno); return -1; }
    sink = (long)p;
  }
  return 0;
}

static int op_mmap_munmap(long n) {
#ifdef HAVE_MMAP
  for (long i = 0; i < n; i++) {
    void *p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { fail_why = failed("mmap", errno); return -1; }
    if (munmap(p, 65536) != 0) { fail_why = failed("munmap", errno); return -1; }
  }
  return 0;
#else
  (void)n;
  fail_why = "not built: the l4wasm sysroot has no mmap yet";
  return -1;
#endif
}

#ifdef HAVE_SIGNALS
static volatile long signals_seen;
static void on_usr1(int sig) { (void)sig; signals_seen++; }
#endif

static int op_signal(long n) {
#ifdef HAVE_SIGNALS
  static int installed;
  if (!installed) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    if (sigaction(SIGUSR1, &sa, NULL) != 0) { fail_why = failed("sigaction", errno); return -1; }
    installed = 1;
  }
  long before = signals_seen;
  for (long i = 0; i < n; i++)
    if (raise(SIGUSR1) != 0) { fail_why = failed("raise", errno); return -1; }
  if (signals_seen - before != n) { fail_why = "handler did not run once per raise"; return -1; }
  return 0;
#else
  (void)n;
  fail_why = "not built: the l4wasm sysroot has no signals yet";
  return -1;
#endif
}

static int op_pipe(long n) {
#ifdef HAVE_PIPE
  static int fds[2] = {-1, -1};
  if (fds[0] < 0 && pipe(fds) != 0) { fail_why = failed("pipe", errno); fds[0] = -1; return -1; }
  for (long i = 0; i < n; i++) {
    if (write(fds[1], buf, 64) != 64) { fail_why = failed("write", errno); return -1; }
    if (read(fds[0], buf, 64) != 64) { fail_why = failed("read", errno); return -1; }
  }
  return 0;
#else
  (void)n;
  fail_why = "not built: the l4wasm sysroot has no pipe yet";
  return -1;
#endif
}

static int op_ipc(long n) {
#ifdef __wasi__
  for (long i = 0; i < n; i++)
    if (l4_bench_ipc() != 0) { fail_why = "no kernel IPC (ENOSYS)"; return -1; }
  return 0;
#else
  (void)n;
  fail_why = "no microkernel IPC (native)";
  return -1;
#endif
}

static int op_ipc_c(long n) {
#ifdef __wasi__
  l4_cap_idx_t echo = l4re_env_get_cap("bench-echo");
  if (l4_is_invalid_cap(echo)) { fail_why = "no L4 API (l4re_env_get_cap)"; return -1; }
  for (long i = 0; i < n; i++) {
    l4_utcb_mr()->mr[0] = (l4_umword_t)i;
    l4_msgtag_t t = l4_ipc_call(echo, l4_utcb(), l4_msgtag(1, 1, 0, 0), L4_IPC_NEVER);
    if (l4_msgtag_has_error(t)) { fail_why = "l4_ipc_call failed"; return -1; }
  }
  return 0;
#else
  (void)n;
  fail_why = "no microkernel IPC (native)";
  return -1;
#endif
}

/* once: the operation is one pass of `once` units, timed once (see op_grow). */
static const struct { const char *name; int (*fn)(long); long once; } OPS[] = {
  {"empty_call", op_empty_call, 0},
  {"clock_gettime", op_clock_gettime, 0},
  {"clock_getres", op_clock_getres, 0},
  {"getpid", op_getpid, 0},
  {"fcntl_getfl", op_fcntl_getfl, 0},
  {"write_devnull_64", op_write_devnull, 0},
  {"write_tmpfs_64", op_write_tmpfs, 0},
  {"write_hostfs_64", op_write_hostfs, 0},
  {"read_tmpfs_4k", op_read_tmpfs, 0},
  {"read_hostfs_4k", op_read_hostfs, 0},
  {"read_rom_4k", op_read_rom, 0},
  {"open_close_tmpfs", op_open_close_tmpfs, 0},
  {"open_close_hostfs", op_open_close_hostfs, 0},
  {"open_close_rom", op_open_close_rom, 0},
  {"stat_tmpfs", op_stat_tmpfs, 0},
  {"stat_hostfs", op_stat_hostfs, 0},
  {"stat_rom", op_stat_rom, 0},
  {"mmap_munmap_64k", op_mmap_munmap, 0},
  {"signal_roundtrip", op_signal, 0},
  {"pipe_64", op_pipe, 0},
  {"ipc_roundtrip", op_ipc, 0},
  {"ipc_c", op_ipc_c, 0},
  {"grow_64k", op_grow, GROW_BLOCKS}, /* last: it leaves the memory 64 MiB larger */
};

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static int selected(const char *name) {
  if (only == NULL) return 1;
  size_t len = strlen(name);
  for (const char *p = only; *p;) {
    const char *end = strchr(p, ',');
    size_t l = end ? (size_t)(end - p) : strlen(p);
    if (l == len && strncmp(p, name, len) == 0) return 1;
    if (!end) break;
    p = end + 1;
  }
  return 0;
}

/*
 * Warms the operation up (the JIT of a JavaScript runtime compiles its path during the first
 * thousands of calls) while finding its rate, then measures `reps` reps of about `target` ns each.
 */
static void measure(const char *name, int (*fn)(long)) {
  const double target = quick ? 2e6 : 20e6; /* ns per rep */
  const double warm = quick ? 30e6 : 60e6;   /* ns of warm-up */
  const int reps = quick ? 5 : 11;
  double samples[11];
  fail_why = NULL;
  long n = 1, done = 0;
  double spent = 0, dt = 0;
  for (;;) {
    double t0 = now_ns();
    if (fn(n) != 0) { printf("na %s %s\n", name, fail_why ? fail_why : "failed"); fflush(stdout); return; }
    dt = now_ns() - t0;
    spent += dt;
    done += n;
    if (spent >= warm || done >= (1L << 26)) break;
    if (dt < target / 8) n *= 2;
  }
  n = dt > 0 ? (long)((double)n * target / dt) : n;
  if (n < 1) n = 1;
  for (int r = 0; r < reps; r++) {
    double t0 = now_ns();
    if (fn(n) != 0) { printf("na %s %s\n", name, fail_why ? fail_why : "failed"); fflush(stdout); return; }
    samples[r] = (now_ns() - t0) / (double)n;
  }
  qsort(samples, (size_t)reps, sizeof samples[0], cmp_double);
  printf("op %s %.2f %.2f %.2f %d %ld\n", name, samples[reps / 2], samples[0], samples[reps - 1], reps, n);
  fflush(stdout);
}

/* One pass of an operation that can run only once per process: ns per unit, reps 1. */
static void measure_once(const char *name, int (*fn)(long), long units) {
  fail_why = NULL;
  double t0 = now_ns();
  if (fn(units) != 0) { printf("na %s %s\n", name, fail_why ? fail_why : "failed"); fflush(stdout); return; }
  double per = (now_ns() - t0) / (double)units;
  printf("op %s %.2f %.2f %.2f 1 %ld\n", name, per, per, per, units);
  fflush(stdout);
}

/* --count: a fixed warm-up, then exactly `count` calls, so that two runs with different counts
 * differ by the calls alone. */
static void run_counted(const char *name, int (*fn)(long), long once) {
  fail_why = NULL;
  if (once == 0 && (fn(1000) != 0 || fn(count) != 0)) { printf("na %s %s\n", name, fail_why ? fail_why : "failed"); fflush(stdout); return; }
  if (once != 0 && fn(once) != 0) { printf("na %s %s\n", name, fail_why ? fail_why : "failed"); fflush(stdout); return; }
  printf("ran %s %ld\n", name, once != 0 ? once : count);
  fflush(stdout);
}

/* Creates `path` with FILE_SIZE bytes and opens it for reading and writing; -1 if that is not possible. */
static int make_file(const char *path) {
  if (path == NULL) return -1;
  int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
  if (fd < 0) return -1;
  if (write(fd, buf, FILE_SIZE) != FILE_SIZE) { close(fd); return -1; }
  close(fd);
  return open(path, O_RDWR);
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--quick") == 0) quick = 1;
    else if (strcmp(a, "--tmp") == 0 && v) tmp_path = argv[++i];
    else if (strcmp(a, "--host") == 0 && v) host_path = argv[++i];
    else if (strcmp(a, "--rom") == 0 && v) rom_path = argv[++i];
    else if (strcmp(a, "--only") == 0 && v) only = argv[++i];
    else if (strcmp(a, "--count") == 0 && v) count = atol(argv[++i]);
    else { fprintf(stderr, "syscalls: unknown argument %s\n", a); return 2; }
  }
  for (size_t i = 0; i < sizeof buf; i++) buf[i] = (char)('a' + i % 26);
  tmp_fd = make_file(tmp_path);
  host_fd = make_file(host_path);
  if (rom_path) rom_fd = open(rom_path, O_RDONLY);
  null_fd = open("/dev/null", O_WRONLY);
  printf("# syscalls benchmark: %s\n", count >= 0 ? "counted" : quick ? "quick" : "full");
  for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
    if (selected(OPS[i].name)) {
      if (count >= 0) run_counted(OPS[i].name, OPS[i].fn, OPS[i].once);
      else if (OPS[i].once != 0) measure_once(OPS[i].name, OPS[i].fn, OPS[i].once);
      else measure(OPS[i].name, OPS[i].fn);
      sched_yield(); /* lets a runtime that multiplexes programs show the line at once */
    }
  if (tmp_path) unlink(tmp_path);
  if (host_path) unlink(host_path);
  return 0;
}
