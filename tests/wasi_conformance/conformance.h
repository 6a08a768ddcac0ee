/* Helpers of the WASI preview1 conformance fixtures: each check prints one line, "name: ok" or
 * "name: FAIL got X want Y"; the program exits 1 if any check failed. The checks follow what
 * WebAssembly/wasi-testsuite's Rust tests assert (errno sets where they accept several). */
#pragma clang diagnostic ignored "-Wunused-result"
#include <wasi/api.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void ok(const char *name) { printf("%s: ok\n", name); }

static void fail(const char *name, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("%s: FAIL ", name);
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
  failures++;
}

/* A condition with the values compared, as unsigned 64-bit numbers. */
static void expect_eq(const char *name, uint64_t got, uint64_t want) {
  if (got == want) ok(name);
  else fail(name, "got %llu want %llu", (unsigned long long)got, (unsigned long long)want);
}

static void expect_true(const char *name, int cond, const char *what) {
  if (cond) ok(name);
  else fail(name, "got false want %s", what);
}

/* The call succeeded. */
static void expect_ok(const char *name, __wasi_errno_t e) {
  if (e == 0) ok(name);
  else fail(name, "got errno %u want success", (unsigned)e);
}

/* The call failed with one of the `n` errnos that follow. */
static void expect_errno(const char *name, __wasi_errno_t e, int n, ...) {
  va_list ap;
  va_start(ap, n);
  int match = 0;
  char want[128] = "";
  for (int i = 0; i < n; i++) {
    unsigned w = va_arg(ap, unsigned);
    if (e == w) match = 1;
    snprintf(want + strlen(want), sizeof want - strlen(want), "%s%u", i ? " or " : "", w);
  }
  va_end(ap);
  if (e != 0 && match) ok(name);
  else fail(name, "got errno %u want %s", (unsigned)e, want);
}

/* Fatal setup step: the rest of the program cannot run without it. */
static void must(const char *what, __wasi_errno_t e) {
  if (e != 0) {
    printf("%s: FAIL setup failed with errno %u\n", what, (unsigned)e);
    exit(1);
  }
}

static __wasi_rights_t rights_base(__wasi_fd_t fd) {
  __wasi_fdstat_t st;
  must("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &st));
  return st.fs_rights_base;
}

static __wasi_rights_t rights_inheriting(__wasi_fd_t fd) {
  __wasi_fdstat_t st;
  must("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &st));
  return st.fs_rights_inheriting;
}

/* The first preopened directory announced as `name`, or -1. */
static int find_preopen(const char *name) {
  for (__wasi_fd_t fd = 3;; fd++) {
    __wasi_prestat_t ps;
    if (__wasi_fd_prestat_get(fd, &ps) != 0) return -1;
    if (ps.tag != __WASI_PREOPENTYPE_DIR) continue;
    char buf[256];
    size_t len = ps.u.dir.pr_name_len;
    if (len >= sizeof buf) continue;
    if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)buf, len) != 0) continue;
    if (len == strlen(name) && memcmp(buf, name, len) == 0) return (int)fd;
  }
}

/* The scratch directory, as the suite's open_scratch_directory opens it: the preopen `name`
 * opened again (".", or the subdirectory `sub` for a scratch place inside it) with its rights. */
static __wasi_fd_t open_scratch(const char *name, const char *sub) {
  int pre = find_preopen(name);
  if (pre < 0) {
    printf("open_scratch: FAIL no preopen named %s\n", name);
    exit(1);
  }
  __wasi_fd_t fd;
  if (sub && strcmp(sub, ".") != 0) __wasi_path_create_directory(pre, sub); /* may exist */
  must("open_scratch", __wasi_path_open(pre, 0, sub ? sub : ".", __WASI_OFLAGS_DIRECTORY,
                                        rights_base(pre), rights_inheriting(pre), 0, &fd));
  return fd;
}

/* The preopen `pre` opened again, as the suite's open_scratch_directory does. */
static __wasi_fd_t open_scratch_fd(int pre) {
  __wasi_fd_t fd;
  must("open_scratch", __wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, rights_base(pre), rights_inheriting(pre), 0, &fd));
  return fd;
}

/* A subdirectory of `dir` opened with the rights the suite's create_tmp_dir asks for. */
static __wasi_fd_t create_tmp_dir(__wasi_fd_t dir, const char *name) {
  must("create_tmp_dir mkdir", __wasi_path_create_directory(dir, name));
  __wasi_fd_t fd;
  must("create_tmp_dir open",
       __wasi_path_open(dir, 0, name, __WASI_OFLAGS_DIRECTORY,
                        __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_CREATE_FILE |
                            __WASI_RIGHTS_PATH_CREATE_DIRECTORY | __WASI_RIGHTS_PATH_REMOVE_DIRECTORY |
                            __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_UNLINK_FILE | __WASI_RIGHTS_PATH_SYMLINK |
                            __WASI_RIGHTS_PATH_READLINK | __WASI_RIGHTS_PATH_LINK_SOURCE |
                            __WASI_RIGHTS_PATH_LINK_TARGET | __WASI_RIGHTS_PATH_RENAME_SOURCE |
                            __WASI_RIGHTS_PATH_RENAME_TARGET | __WASI_RIGHTS_PATH_FILESTAT_GET |
                            __WASI_RIGHTS_PATH_FILESTAT_SET_TIMES | __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE,
                        __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READDIR |
                            __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_SEEK,
                        0, &fd));
  return fd;
}

static void create_file(__wasi_fd_t dir, const char *name) {
  __wasi_fd_t fd;
  must("create_file", __wasi_path_open(dir, 0, name, __WASI_OFLAGS_CREAT, 0, 0, 0, &fd));
  if (fd <= 2) fail("create_file", "got fd %u want > 2", fd);
  __wasi_fd_close(fd);
}

static __wasi_errno_t read1(__wasi_fd_t fd, void *buf, size_t len, size_t *n) {
  __wasi_iovec_t iov = {.buf = buf, .buf_len = len};
  return __wasi_fd_read(fd, &iov, 1, n);
}

static __wasi_errno_t write1(__wasi_fd_t fd, const void *buf, size_t len, size_t *n) {
  __wasi_ciovec_t iov = {.buf = buf, .buf_len = len};
  return __wasi_fd_write(fd, &iov, 1, n);
}

/* Runs the tests named on the command line after the scratch arguments, or all of them. */
struct test { const char *name; void (*run)(__wasi_fd_t dir); };

static int selected(int argc, char **argv, int first, const char *name) {
  if (argc <= first) return 1;
  for (int i = first; i < argc; i++) if (strcmp(argv[i], name) == 0) return 1;
  return 0;
}

static int finish(void) {
  printf("done: %d failed\n", failures);
  return failures ? 1 : 0;
}
