/* WASI preview1 conformance: calls without a file system (poll_oneoff on stdio, sched_yield,
 * clock_time_get, random_get). Usage: misc [TEST...] */
#include "conformance.h"

#define CLOCK_ID 0x0123456789ull
#define STDIN_ID 0x876543210ull
#define TIMEOUT 200000000ull /* 200 ms */

static void poll_oneoff_stdio(void) {
  /* stdin ready to read, or the clock: both are fine; at least one event, each well formed. */
  __wasi_subscription_t in[2];
  memset(in, 0, sizeof in);
  in[0].userdata = CLOCK_ID;
  in[0].u.tag = __WASI_EVENTTYPE_CLOCK;
  in[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  in[0].u.u.clock.timeout = TIMEOUT;
  in[1].userdata = STDIN_ID;
  in[1].u.tag = __WASI_EVENTTYPE_FD_READ;
  in[1].u.u.fd_read.file_descriptor = 0;
  __wasi_event_t out[2];
  memset(out, 0, sizeof out);
  __wasi_size_t n = 0;
  expect_ok("poll_oneoff_stdio.stdin", __wasi_poll_oneoff(in, out, 2, &n));
  expect_true("poll_oneoff_stdio.stdin_events", n >= 1, "at least one event");
  for (__wasi_size_t i = 0; i < n && i < 2; i++) {
    int good = (out[i].type == __WASI_EVENTTYPE_CLOCK && out[i].userdata == CLOCK_ID && out[i].error == 0) ||
               (out[i].type == __WASI_EVENTTYPE_FD_READ && out[i].userdata == STDIN_ID && out[i].error == 0);
    expect_true(i == 0 ? "poll_oneoff_stdio.stdin_event0" : "poll_oneoff_stdio.stdin_event1", good, "clock or stdin ready, no error");
  }
  /* stdout and stderr become writable before the clock runs out. */
  int pending_out = 1, pending_err = 1, timed_out = 0;
  while ((pending_out || pending_err) && !timed_out) {
    __wasi_subscription_t s[3];
    memset(s, 0, sizeof s);
    int k = 0;
    if (pending_out) { s[k].userdata = 1; s[k].u.tag = __WASI_EVENTTYPE_FD_WRITE; s[k].u.u.fd_write.file_descriptor = 1; k++; }
    if (pending_err) { s[k].userdata = 2; s[k].u.tag = __WASI_EVENTTYPE_FD_WRITE; s[k].u.u.fd_write.file_descriptor = 2; k++; }
    s[k].userdata = CLOCK_ID;
    s[k].u.tag = __WASI_EVENTTYPE_CLOCK;
    s[k].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s[k].u.u.clock.timeout = TIMEOUT;
    k++;
    __wasi_event_t ev[3];
    if (__wasi_poll_oneoff(s, ev, k, &n) != 0) { fail("poll_oneoff_stdio.write_poll", "got an error want success"); return; }
    for (__wasi_size_t i = 0; i < n; i++) {
      if (ev[i].userdata == CLOCK_ID) timed_out = 1;
      else if (ev[i].userdata == 1 && ev[i].type == __WASI_EVENTTYPE_FD_WRITE && ev[i].error == 0) pending_out = 0;
      else if (ev[i].userdata == 2 && ev[i].type == __WASI_EVENTTYPE_FD_WRITE && ev[i].error == 0) pending_err = 0;
    }
  }
  expect_true("poll_oneoff_stdio.stdout_writable", !pending_out, "stdout writable before the timeout");
  expect_true("poll_oneoff_stdio.stderr_writable", !pending_err, "stderr writable before the timeout");
}

static void sched_yield_test(void) { expect_ok("sched_yield.yield", __wasi_sched_yield()); }

static void clock_time_get(void) {
  __wasi_timestamp_t t0, t1, t2;
  expect_ok("clock_time_get.precision1", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t0));
  expect_ok("clock_time_get.precision0", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &t1));
  expect_ok("clock_time_get.again", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &t2));
  expect_true("clock_time_get.monotonic", t1 <= t2, "the second reading not before the first");
}

static void big_random_buf(void) {
  static uint8_t buf[1024];
  expect_ok("big_random_buf.random_get", __wasi_random_get(buf, sizeof buf));
  int nonzero = 0;
  for (size_t i = 0; i < sizeof buf; i++) nonzero |= buf[i];
  expect_true("big_random_buf.filled", nonzero != 0, "random bytes");
}

/* The environment is exactly the three variables the suite's environ_get-multiple-variables
 * passes (run by name only: it depends on how the program was started). */
static void environ_exact(void) {
  __wasi_size_t count = 0, size = 0;
  expect_ok("environ.sizes", __wasi_environ_sizes_get(&count, &size));
  expect_eq("environ.count", count, 3);
  if (count != 3 || size > 256) return;
  char *ptrs[3];
  char buf[256];
  expect_ok("environ.get", __wasi_environ_get((uint8_t **)ptrs, (uint8_t *)buf));
  const char *want[3] = {"a=text", "b=escap \" ing", "c=new\nline"};
  int found = 0;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) if (strcmp(ptrs[i], want[j]) == 0) found |= 1 << j;
  expect_eq("environ.values", found, 7);
}

/* Started with no directories (as the suite's sock_shutdown-invalid_fd is): descriptor 3 is not
 * open (run by name only). */
static void no_preopens(void) {
  __wasi_prestat_t ps;
  __wasi_fdstat_t st;
  expect_errno("no_preopens.prestat3", __wasi_fd_prestat_get(3, &ps), 1, __WASI_ERRNO_BADF);
  expect_errno("no_preopens.fdstat3", __wasi_fd_fdstat_get(3, &st), 1, __WASI_ERRNO_BADF);
  expect_errno("no_preopens.sock_shutdown3", __wasi_sock_shutdown(3, __WASI_SDFLAGS_RD), 1, __WASI_ERRNO_BADF);
  expect_errno("no_preopens.sock_shutdown_stdout", __wasi_sock_shutdown(1, __WASI_SDFLAGS_RD), 1, __WASI_ERRNO_NOTSOCK);
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) if (strcmp(argv[i], "environ") == 0) { environ_exact(); return finish(); }
  for (int i = 1; i < argc; i++) if (strcmp(argv[i], "no_preopens") == 0) { no_preopens(); return finish(); }
  struct { const char *name; void (*run)(void); } tests[] = {
    {"poll_oneoff_stdio", poll_oneoff_stdio}, {"sched_yield", sched_yield_test},
    {"clock_time_get", clock_time_get}, {"big_random_buf", big_random_buf},
  };
  for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
    if (selected(argc, argv, 1, tests[i].name)) tests[i].run();
  return finish();
}
