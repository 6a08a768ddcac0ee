/* L4 IPC, IRQs and receive endpoints from C (<l4/sys/ipc.h>, <l4/sys/irq.h>): thin wrappers over
 * the l4posix `l4` family (src/libc/l4posix_l4.ts), which copies the message registers between
 * this UTCB and the kernel's. */
#include <stddef.h>
#include <l4/sys/ipc.h>
#include <l4/sys/irq.h>
#include <l4/sys/rcv_endpoint.h>
#include "l4posix.h"

/* Operations of the l4_ipc import (src/libc/l4posix_l4.ts IpcOp). */
enum { IPC_CALL = 0, IPC_SEND = 1, IPC_RECEIVE = 2, IPC_REPLY = 3, IPC_REPLY_AND_WAIT = 4, IPC_SLEEP = 5 };

L4POSIX_IMPORT(l4_ipc) int __l4posix_l4_ipc(int op, int cap, l4_utcb_t *utcb, int tag, int timeout);
L4POSIX_IMPORT(l4_bind) int __l4posix_l4_bind(int ep, int thread, int label);
L4POSIX_IMPORT(l4_irq_trigger) int __l4posix_l4_irq_trigger(int irq);

static l4_utcb_t utcb_main;

l4_utcb_t *l4_utcb(void) { return &utcb_main; }

/* The received tag (or the sent one), with L4_MSGTAG_ERROR set when the import failed. */
static l4_msgtag_t ipc(int op, l4_cap_idx_t cap, l4_utcb_t *u, l4_msgtag_t tag, l4_timeout_t to) {
  int r = __l4posix_l4_ipc(op, (int)cap, u, (int)tag.raw, to.us);
  l4_msgtag_t out;
  if (r < 0) {
    u->error = (l4_umword_t)-r;
    out.raw = tag.raw | L4_MSGTAG_ERROR;
    return out;
  }
  u->error = 0;
  out.raw = (op == IPC_SEND || op == IPC_REPLY) ? tag.raw : (l4_mword_t)u->tag;
  return out;
}

l4_msgtag_t l4_ipc_call(l4_cap_idx_t dest, l4_utcb_t *u, l4_msgtag_t tag, l4_timeout_t timeout) {
  return ipc(IPC_CALL, dest, u, tag, timeout);
}

l4_msgtag_t l4_ipc_send(l4_cap_idx_t dest, l4_utcb_t *u, l4_msgtag_t tag, l4_timeout_t timeout) {
  return ipc(IPC_SEND, dest, u, tag, timeout);
}

l4_msgtag_t l4_ipc_receive(l4_cap_idx_t object, l4_utcb_t *u, l4_timeout_t timeout) {
  return ipc(IPC_RECEIVE, object, u, l4_msgtag(0, 0, 0, 0), timeout);
}

l4_msgtag_t l4_ipc_wait(l4_utcb_t *u, l4_umword_t *label, l4_timeout_t timeout) {
  l4_msgtag_t t = ipc(IPC_RECEIVE, L4_INVALID_CAP, u, l4_msgtag(0, 0, 0, 0), timeout);
  if (label != NULL) *label = u->label;
  return t;
}

l4_msgtag_t l4_ipc_reply(l4_utcb_t *u, l4_msgtag_t tag) {
  return ipc(IPC_REPLY, L4_INVALID_CAP, u, tag, L4_IPC_NEVER);
}

l4_msgtag_t l4_ipc_reply_and_wait(l4_utcb_t *u, l4_msgtag_t tag, l4_umword_t *label, l4_timeout_t timeout) {
  l4_msgtag_t t = ipc(IPC_REPLY_AND_WAIT, L4_INVALID_CAP, u, tag, timeout);
  if (label != NULL) *label = u->label;
  return t;
}

l4_msgtag_t l4_ipc_sleep(l4_timeout_t timeout) {
  return ipc(IPC_SLEEP, L4_INVALID_CAP, l4_utcb(), l4_msgtag(0, 0, 0, 0), timeout);
}

/* A tag that carries a non-IPC result as its label (0 or a negated L4 error), as L4Re's do. */
static l4_msgtag_t result_tag(int r) { return l4_msgtag(r < 0 ? r : 0, 0, 0, 0); }

l4_msgtag_t l4_rcv_ep_bind_thread(l4_cap_idx_t ep, l4_cap_idx_t thread, l4_umword_t label) {
  return result_tag(__l4posix_l4_bind((int)ep, (int)thread, (int)label));
}

l4_msgtag_t l4_irq_attach(l4_cap_idx_t irq, l4_umword_t label, l4_cap_idx_t thread) {
  return l4_rcv_ep_bind_thread(irq, thread, label);
}

l4_msgtag_t l4_irq_detach(l4_cap_idx_t irq) {
  return result_tag(__l4posix_l4_bind((int)irq, (int)L4_INVALID_CAP, 0));
}

l4_msgtag_t l4_irq_trigger(l4_cap_idx_t irq) {
  return result_tag(__l4posix_l4_irq_trigger((int)irq));
}

l4_msgtag_t l4_irq_receive(l4_cap_idx_t irq, l4_timeout_t timeout) {
  return l4_ipc_receive(irq, l4_utcb(), timeout);
}
