/* A guest program that talks to the echo server task over plain L4 IPC (examples/l4/echo_server.c).
 *   echo_client upper TEXT   prints TEXT in upper case, as the server returns it
 *   echo_client sum N        prints the sum of 1..N (N <= 64) computed by the server
 *   echo_client calls N      makes N round trips, then prints how long one took
 *   echo_client until-error  calls every 10 ms until a call fails; prints the error
 *   echo_client hold         makes a call the server never answers; prints how it ended
 *   echo_client quit         asks the server to end */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <l4/sys/ipc.h>
#include <l4/re/env.h>

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: echo_client upper TEXT | sum N | calls N | until-error | hold | quit\n"); return 2; }
  l4_cap_idx_t echo = l4re_env_get_cap("echo");
  if (l4_is_invalid_cap(echo)) { fprintf(stderr, "echo_client: no capability \"echo\"\n"); return 1; }
  l4_utcb_t *u = l4_utcb();
  l4_msg_regs_t *mr = l4_utcb_mr();
  l4_msgtag_t t;
  if (!strcmp(argv[1], "upper") && argc > 2) {
    unsigned n = strlen(argv[2]);
    if (n > 248) n = 248;
    mr->mr[0] = n;
    memcpy(&mr->mr[1], argv[2], n);
    t = l4_ipc_call(echo, u, l4_msgtag(1, 1 + (n + 3) / 4, 0, 0), L4_IPC_NEVER);
    if (l4_error(t)) { printf("error %ld\n", l4_error(t)); return 1; }
    printf("%.*s\n", (int)mr->mr[0], (char *)&mr->mr[1]);
  } else if (!strcmp(argv[1], "sum") && argc > 2) {
    int n = atoi(argv[2]);
    if (n < 0 || n > 64) n = 64;
    for (int i = 0; i < n; i++) mr->mr[i] = i + 1;
    t = l4_ipc_call(echo, u, l4_msgtag(2, n, 0, 0), L4_IPC_NEVER);
    if (l4_error(t)) { printf("error %ld\n", l4_error(t)); return 1; }
    printf("%lu\n", mr->mr[0]);
  } else if (!strcmp(argv[1], "calls") && argc > 2) {
    int n = atoi(argv[2]);
    double t0 = now_us();
    for (int i = 0; i < n; i++) {
      mr->mr[0] = i;
      t = l4_ipc_call(echo, u, l4_msgtag(2, 1, 0, 0), L4_IPC_NEVER);
      if (l4_error(t) || mr->mr[0] != (unsigned long)i) { printf("error %ld at %d\n", l4_error(t), i); return 1; }
    }
    printf("%d calls, %.2f us per round trip\n", n, (now_us() - t0) / (n ? n : 1));
  } else if (!strcmp(argv[1], "until-error")) {
    for (int i = 0;; i++) {
      mr->mr[0] = i;
      t = l4_ipc_call(echo, u, l4_msgtag(2, 1, 0, 0), L4_IPC_NEVER);
      if (l4_msgtag_has_error(t)) { printf("ipc error %lu after %s\n", l4_ipc_error(t, u), i ? "some calls" : "none"); return 0; }
      if (i == 0) { printf("first call answered\n"); fflush(stdout); }
      l4_ipc_sleep(l4_timeout_us(10000));
    }
  } else if (!strcmp(argv[1], "hold")) {
    t = l4_ipc_call(echo, u, l4_msgtag(4, 0, 0, 0), L4_IPC_NEVER);
    printf("hold: ipc error %lu\n", l4_ipc_error(t, u));
  } else if (!strcmp(argv[1], "quit")) {
    t = l4_ipc_call(echo, u, l4_msgtag(3, 0, 0, 0), L4_IPC_NEVER);
    printf("quit: %ld\n", l4_error(t));
  } else {
    fprintf(stderr, "echo_client: unknown command %s\n", argv[1]);
    return 2;
  }
  return 0;
}
