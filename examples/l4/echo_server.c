/* An echo/compute server as a native L4 task (no POSIX: only the L4 API; printf goes to its log
 * capability). It serves the channel it was given as "echo":
 *   label 1 (UPPER): the bytes (MR0 = length, MR1.. = bytes) come back in upper case
 *   label 2 (SUM):   the words come back as one word, their sum
 *   label 3 (QUIT):  replies, then the task ends
 *   label 4 (HOLD):  never replies (the caller waits until the server dies)
 * Any other label is refused with label -L4_ENOSYS.
 *   l4wasm run --task echo_server.wasm --cap echo:server -- echo_client.wasm hello */
#include <stdio.h>
#include <string.h>
#include <l4/sys/ipc.h>
#include <l4/sys/rcv_endpoint.h>
#include <l4/re/env.h>

enum { OP_UPPER = 1, OP_SUM = 2, OP_QUIT = 3, OP_HOLD = 4 };

int main(void) {
  l4_cap_idx_t gate = l4re_env_get_cap("echo");
  if (l4_is_invalid_cap(gate)) {
    printf("echo_server: no capability \"echo\"\n");
    return 1;
  }
  long e = l4_error(l4_rcv_ep_bind_thread(gate, l4re_env()->main_thread, 0x4543));
  if (e < 0) {
    printf("echo_server: cannot serve \"echo\": %ld\n", e);
    return 1;
  }
  printf("echo_server: ready\n");
  fflush(stdout);
  l4_utcb_t *u = l4_utcb();
  l4_msg_regs_t *mr = l4_utcb_mr();
  unsigned long served = 0;
  l4_umword_t label;
  l4_msgtag_t t = l4_ipc_wait(u, &label, L4_IPC_NEVER);
  for (;;) {
    if (l4_ipc_error(t, u)) {
      t = l4_ipc_wait(u, &label, L4_IPC_NEVER);
      continue;
    }
    l4_msgtag_t reply;
    served++;
    switch (l4_msgtag_label(t)) {
    case OP_UPPER: {
      unsigned n = mr->mr[0];
      if (n > 4 * (l4_msgtag_words(t) - 1)) { reply = l4_msgtag(-L4_EINVAL, 0, 0, 0); break; }
      char *s = (char *)&mr->mr[1];
      for (unsigned i = 0; i < n; i++) if (s[i] >= 'a' && s[i] <= 'z') s[i] -= 32;
      reply = l4_msgtag(0, l4_msgtag_words(t), 0, 0);
      break;
    }
    case OP_SUM: {
      unsigned long sum = 0;
      for (unsigned i = 0; i < l4_msgtag_words(t); i++) sum += mr->mr[i];
      mr->mr[0] = sum;
      reply = l4_msgtag(0, 1, 0, 0);
      break;
    }
    case OP_QUIT:
      l4_ipc_reply(u, l4_msgtag(0, 0, 0, 0));
      printf("echo_server: served %lu requests, quitting\n", served);
      return 0;
    case OP_HOLD:
      printf("echo_server: holding a caller\n");
      fflush(stdout);
      t = l4_ipc_wait(u, &label, L4_IPC_NEVER);
      continue;
    default:
      reply = l4_msgtag(-L4_ENOSYS, 0, 0, 0);
    }
    t = l4_ipc_reply_and_wait(u, reply, &label, L4_IPC_NEVER);
  }
}
