/* The untrusted half of the key-value split service: a guest program that sends requests through
 * the proxy device /dev/l4shm/kv (examples/l4/kv_server.c) and prints the answers. Commands, one
 * per line on stdin: "put KEY VALUE", "get KEY", "del KEY", "count".
 *   kv_client           through the proxy: requests in the shared ring, write() rings the task,
 *                       read() waits for its notification
 *   kv_client --local   the same store in-process (kv_ring.h), for comparison
 *   kv_client --wait    only waits for a notification with poll(), then reads it (tests: the task
 *                       dies meanwhile) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <poll.h>
#include "kv_ring.h"

static struct kv_store local;

static int parse(char *line, struct kv_slot *s) {
  char cmd[16] = "", key[KV_KEY] = "", val[KV_VAL] = "";
  memset(s, 0, sizeof *s);
  if (sscanf(line, "%15s %59s %183[^\n]", cmd, key, val) < 1) return -1;
  if (!strcmp(cmd, "put")) s->op = KV_PUT;
  else if (!strcmp(cmd, "get")) s->op = KV_GET;
  else if (!strcmp(cmd, "del")) s->op = KV_DEL;
  else if (!strcmp(cmd, "count")) s->op = KV_COUNT;
  else return -1;
  strcpy(s->key, key);
  strcpy(s->val, val);
  return 0;
}

static void print(const struct kv_slot *req, const struct kv_slot *rsp) {
  switch (rsp->op) {
  case KV_OK:
    if (req->op == KV_GET) printf("%s = %s\n", req->key, rsp->val);
    else if (req->op == KV_COUNT) printf("count = %u\n", rsp->value_n);
    else printf("ok\n");
    break;
  case KV_NOT_FOUND: printf("%s: not found\n", req->key); break;
  case KV_FULL: printf("full\n"); break;
  default: printf("bad request\n");
  }
}

int main(int argc, char **argv) {
  int local_mode = argc > 1 && !strcmp(argv[1], "--local");
  int wait_only = argc > 1 && !strcmp(argv[1], "--wait");
  static struct kv_slot reqs[4096];
  int n = 0;
  char line[512];
  while (!wait_only && n < 4096 && fgets(line, sizeof line, stdin)) {
    if (parse(line, &reqs[n]) == 0) n++;
  }
  if (local_mode) {
    struct kv_slot rsp;
    for (int i = 0; i < n; i++) { kv_apply(&local, &reqs[i], &rsp); print(&reqs[i], &rsp); }
    return 0;
  }
  int fd = open("/dev/l4shm/kv", O_RDWR);
  if (fd < 0) { perror("kv_client: /dev/l4shm/kv"); return 1; }
  struct kv_window *w = mmap(0, sizeof *w, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (w == MAP_FAILED) { perror("kv_client: mmap"); return 1; }
  uint32_t events;
  if (wait_only) {
    struct pollfd p = { fd, POLLIN, 0 };
    printf("poll now: %d\n", poll(&p, 1, 0));
    printf("waiting\n");
    fflush(stdout);
    int r = poll(&p, 1, -1);
    printf("poll: %d%s\n", r, (p.revents & POLLIN) ? " readable" : "");
    if (read(fd, &events, 4) < 0) { printf("read: %s\n", strerror(errno)); return 1; }
    return 0;
  }
  int sent = 0, done = 0;
  while (done < n) {
    /* Fill the request ring, ring once, then take the answers as they come. At most a ring's
     * worth is outstanding, so the answers always fit into the response ring. */
    while (sent < n && sent - done < KV_SLOTS && w->req.head - w->req.tail < KV_SLOTS) {
      w->req.slot[w->req.head % KV_SLOTS] = reqs[sent++];
      w->req.head++;
    }
    if (write(fd, "", 1) < 0) { printf("write: %s\n", strerror(errno)); return 1; }
    while (done < sent) {
      if (w->rsp.tail == w->rsp.head) {
        if (read(fd, &events, 4) < 0) { printf("read: %s\n", strerror(errno)); return 1; }
        continue;
      }
      print(&reqs[done++], &w->rsp.slot[w->rsp.tail % KV_SLOTS]);
      w->rsp.tail++;
    }
  }
  munmap(w, sizeof *w);
  close(fd);
  return 0;
}
