/* The L4 benchmark's programs (l4wasm bench l4, src/cli/bench_l4.ts). Each guest mode prints one
 * line "RESULT name value unit".
 *   ipc N [CAP]         guest: N l4_ipc_call round trips (1 word) to CAP (default "echo")
 *   echo-server         task: answers every call on "echo" with its words
 *   ring-server         task: serves the proxy "ring": echoes the ping slot, consumes the byte ring
 *   ring-ping N [DEV]   guest: N 64-byte round trips through DEV (default /dev/l4shm/ring)
 *   ring-bulk MIB [DEV] guest: streams MIB MiB through the ring's 32 KiB byte ring
 *   pipe-ping N         guest: N 64-byte round trips between two processes over two pipes
 *   pipe-bulk MIB       guest: streams MIB MiB through a pipe to a child process */
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <l4/sys/ipc.h>
#include <l4/sys/irq.h>
#include <l4/re/env.h>
#include <l4/re/rm.h>

#define BULK 32768
#define MSG 64

struct window {
  volatile uint32_t ping_seq; uint32_t pad0[15];   /* guest */
  volatile uint32_t pong_seq; uint32_t pad1[15];   /* task */
  volatile uint32_t head; uint32_t pad2[15];       /* guest: bytes produced */
  volatile uint32_t tail; uint32_t pad3[15];       /* task: bytes consumed */
  volatile uint32_t sum; uint32_t pad4[15];        /* task: checksum of what it consumed */
  uint8_t ping[MSG];
  uint8_t pong[MSG];
  uint8_t pad5[4096 - 5 * 64 - 2 * MSG];
  uint8_t bulk[BULK];
};

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int echo_server(void) {
  l4_cap_idx_t gate = l4re_env_get_cap("echo");
  if (l4_error(l4_rcv_ep_bind_thread(gate, l4re_env()->main_thread, 1)) < 0) return 1;
  l4_umword_t label;
  l4_msgtag_t t = l4_ipc_wait(l4_utcb(), &label, L4_IPC_NEVER);
  for (;;) {
    if (l4_ipc_error(t, l4_utcb())) { t = l4_ipc_wait(l4_utcb(), &label, L4_IPC_NEVER); continue; }
    t = l4_ipc_reply_and_wait(l4_utcb(), l4_msgtag(0, l4_msgtag_words(t), 0, 0), &label, L4_IPC_NEVER);
  }
}

static int ring_server(void) {
  l4re_ds_t ds = l4re_env_get_cap("ring");
  l4_cap_idx_t req = l4re_env_get_cap("ring.req"), notify = l4re_env_get_cap("ring.notify");
  struct window *w = 0;
  if (l4re_rm_attach((void **)&w, sizeof *w, L4RE_RM_F_RW | L4RE_RM_F_SEARCH_ADDR, ds, 0, 12) < 0) return 1;
  l4_irq_attach(req, 1, l4re_env()->main_thread);
  for (;;) {
    if (l4_ipc_error(l4_irq_receive(req, L4_IPC_NEVER), l4_utcb())) { l4_irq_attach(req, 1, l4re_env()->main_thread); continue; }
    if (w->ping_seq != w->pong_seq) {
      memcpy(w->pong, w->ping, MSG);
      w->pong_seq = w->ping_seq;
    }
    uint32_t sum = w->sum;
    for (uint32_t i = w->tail; i != w->head; i++) sum += w->bulk[i % BULK];
    w->sum = sum;
    w->tail = w->head;
    l4_irq_trigger(notify);
  }
}

static int ipc(int n, const char *cap) {
  l4_cap_idx_t echo = l4re_env_get_cap(cap);
  if (l4_is_invalid_cap(echo)) { printf("ipc: no capability %s\n", cap); return 1; }
  double t0 = now_ns();
  for (int i = 0; i < n; i++) {
    l4_utcb_mr()->mr[0] = i;
    l4_msgtag_t t = l4_ipc_call(echo, l4_utcb(), l4_msgtag(1, 1, 0, 0), L4_IPC_NEVER);
    if (l4_msgtag_has_error(t) || l4_utcb_mr()->mr[0] != (unsigned long)i) { printf("ipc failed at %d\n", i); return 1; }
  }
  printf("RESULT ipc %.1f ns\n", (now_ns() - t0) / n);
  return 0;
}

static const char *device = "/dev/l4shm/ring";

static struct window *map_ring(int *fd) {
  *fd = open(device, O_RDWR);
  if (*fd < 0) { perror(device); exit(1); }
  struct window *w = mmap(0, sizeof *w, PROT_READ | PROT_WRITE, MAP_SHARED, *fd, 0);
  if (w == MAP_FAILED) { perror("mmap"); exit(1); }
  return w;
}

static int ring_ping(int n) {
  int fd;
  struct window *w = map_ring(&fd);
  uint32_t ev;
  double t0 = now_ns();
  for (int i = 0; i < n; i++) {
    memset(w->ping, i & 0xff, MSG);
    w->ping_seq++;
    write(fd, "", 1);
    while (w->pong_seq != w->ping_seq) if (read(fd, &ev, 4) < 0) { perror("read"); return 1; }
    if (w->pong[MSG - 1] != (i & 0xff)) { printf("ring-ping: wrong echo at %d\n", i); return 1; }
  }
  printf("RESULT ring_ping %.1f ns\n", (now_ns() - t0) / n);
  return 0;
}

static int ring_bulk(int mib) {
  int fd;
  struct window *w = map_ring(&fd);
  uint64_t total = (uint64_t)mib << 20, sent = 0;
  uint32_t ev;
  uint8_t chunk[4096];
  for (int i = 0; i < 4096; i++) chunk[i] = (uint8_t)(i * 7);
  uint32_t base = w->sum; /* the task's checksum runs on across clients */
  double t0 = now_ns();
  while (sent < total) {
    /* Fill the free half of the ring, ring the task, wait until it has consumed it. */
    while (w->head - w->tail <= BULK - 4096 && sent < total) {
      memcpy(&w->bulk[w->head % BULK], chunk, 4096);
      w->head += 4096;
      sent += 4096;
    }
    write(fd, "", 1);
    while (w->tail != w->head) if (read(fd, &ev, 4) < 0) { perror("read"); return 1; }
  }
  double ns = now_ns() - t0;
  uint32_t want = 0;
  for (int i = 0; i < 4096; i++) want += chunk[i];
  want *= (uint32_t)(total / 4096);
  if (w->sum - base != want) { printf("ring-bulk: checksum %u, want %u\n", w->sum - base, want); return 1; }
  printf("RESULT ring_bulk %.1f MB/s\n", total / (ns / 1e9) / 1e6);
  return 0;
}

static int pipe_ping(int n) {
  int a[2], b[2];
  if (pipe(a) || pipe(b)) { perror("pipe"); return 1; }
  char buf[MSG];
  pid_t pid = fork();
  if (pid == 0) {
    for (int i = 0; i < n; i++) {
      for (int got = 0; got < MSG;) { int r = read(a[0], buf + got, MSG - got); if (r <= 0) _exit(1); got += r; }
      if (write(b[1], buf, MSG) != MSG) _exit(1);
    }
    _exit(0);
  }
  double t0 = now_ns();
  for (int i = 0; i < n; i++) {
    memset(buf, i & 0xff, MSG);
    if (write(a[1], buf, MSG) != MSG) return 1;
    for (int got = 0; got < MSG;) { int r = read(b[0], buf + got, MSG - got); if (r <= 0) return 1; got += r; }
  }
  printf("RESULT pipe_ping %.1f ns\n", (now_ns() - t0) / n);
  waitpid(pid, 0, 0);
  return 0;
}

static int pipe_bulk(int mib) {
  int p[2];
  if (pipe(p)) { perror("pipe"); return 1; }
  static uint8_t buf[65536];
  uint64_t total = (uint64_t)mib << 20;
  pid_t pid = fork();
  if (pid == 0) {
    close(p[1]);
    uint64_t got = 0;
    for (int r; (r = read(p[0], buf, sizeof buf)) > 0;) got += r;
    _exit(got == total ? 0 : 1);
  }
  close(p[0]);
  double t0 = now_ns();
  for (uint64_t sent = 0; sent < total; sent += 4096) if (write(p[1], buf, 4096) != 4096) return 1;
  close(p[1]);
  int status;
  waitpid(pid, &status, 0);
  double ns = now_ns() - t0;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) { printf("pipe-bulk: the reader lost data\n"); return 1; }
  printf("RESULT pipe_bulk %.1f MB/s\n", total / (ns / 1e9) / 1e6);
  return 0;
}

int main(int argc, char **argv) {
  const char *m = argc > 1 ? argv[1] : "";
  int n = argc > 2 ? atoi(argv[2]) : 1000;
  if (!strcmp(m, "echo-server")) return echo_server();
  if (!strcmp(m, "ring-server")) return ring_server();
  if (!strcmp(m, "ipc")) return ipc(n, argc > 3 ? argv[3] : "echo");
  if (argc > 3 && strncmp(m, "ring-", 5) == 0) device = argv[3];
  if (!strcmp(m, "ring-ping")) return ring_ping(n);
  if (!strcmp(m, "ring-bulk")) return ring_bulk(n);
  if (!strcmp(m, "pipe-ping")) return pipe_ping(n);
  if (!strcmp(m, "pipe-bulk")) return pipe_bulk(n);
  fprintf(stderr, "usage: l4 ipc|ring-ping|ring-bulk|pipe-ping|pipe-bulk N | echo-server | ring-server\n");
  return 2;
}
