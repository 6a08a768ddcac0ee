/* A key-value store as a native L4 task: the trusted half of a split service. It owns the store;
 * guests reach it only through the proxy "kv" (a shared window of two rings and two IRQs), never
 * its memory. It waits for the guest's doorbell (kv.req), answers every queued request into the
 * response ring and notifies the guest (kv.notify). When the guest hangs up (its last descriptor
 * closed) the wait ends with an IPC error; the server rebinds and waits for the next client.
 *   l4wasm run --proxy kv:16K --task kv_server.c --cap kv:server -- kv_client.c < script */
#include <stdio.h>
#include <l4/sys/ipc.h>
#include <l4/sys/irq.h>
#include <l4/re/env.h>
#include <l4/re/rm.h>
#include "kv_ring.h"

static struct kv_store store;

int main(void) {
  l4re_ds_t ds = l4re_env_get_cap("kv");
  l4_cap_idx_t req = l4re_env_get_cap("kv.req");
  l4_cap_idx_t notify = l4re_env_get_cap("kv.notify");
  if (l4_is_invalid_cap(ds) || l4_is_invalid_cap(req) || l4_is_invalid_cap(notify)) {
    printf("kv_server: no proxy \"kv\"\n");
    return 1;
  }
  struct kv_window *w = 0;
  long r = l4re_rm_attach((void **)&w, sizeof *w, L4RE_RM_F_RW | L4RE_RM_F_SEARCH_ADDR, ds, 0, 12);
  if (r < 0) { printf("kv_server: attach: %ld\n", r); return 1; }
  if (l4_error(l4_irq_attach(req, 1, l4re_env()->main_thread)) < 0) { printf("kv_server: cannot bind kv.req\n"); return 1; }
  printf("kv_server: ready\n");
  fflush(stdout);
  unsigned long served = 0;
  for (;;) {
    l4_msgtag_t t = l4_irq_receive(req, L4_IPC_NEVER);
    if (l4_ipc_error(t, l4_utcb())) {
      printf("kv_server: client hung up (ipc error %lu), %lu requests served\n", l4_ipc_error(t, l4_utcb()), served);
      fflush(stdout);
      /* A fresh client starts with fresh rings. */
      w->req.tail = w->req.head;
      w->rsp.head = w->rsp.tail;
      l4_irq_attach(req, 1, l4re_env()->main_thread);
      continue;
    }
    int answered = 0;
    while (w->req.tail != w->req.head && w->rsp.head - w->rsp.tail < KV_SLOTS) {
      const struct kv_slot *in = &w->req.slot[w->req.tail % KV_SLOTS];
      kv_apply(&store, in, &w->rsp.slot[w->rsp.head % KV_SLOTS]);
      w->rsp.head++;
      w->req.tail++;
      served++;
      answered = 1;
    }
    if (answered) l4_irq_trigger(notify);
  }
}
