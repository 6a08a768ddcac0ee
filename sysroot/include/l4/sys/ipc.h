/* L4 IPC (after L4Re's <l4/sys/ipc.h>): synchronous messages through IPC gates, threads and IRQs.
 *
 * A message is a tag (label, number of words) plus that many words in the UTCB's message
 * registers (at most 64). Every call returns the received tag (for send/reply: the tag sent);
 * l4_msgtag_has_error() says whether it failed and l4_ipc_error() which error it was:
 *   L4_IPC_ENOT_EXISTENT  the destination is no gate/thread, the capability lacks the right, no
 *                         thread serves the gate; receiving from a gate/IRQ not bound to this thread;
 *                         a reply with nobody to reply to
 *   L4_IPC_SETIMEOUT / L4_IPC_RETIMEOUT  the timeout ran out in the send / receive phase (a call
 *                         that blocked reports RETIMEOUT)
 *   L4_IPC_SECANCELED / L4_IPC_RECANCELED  the operation was canceled (the task is being killed)
 *   L4_IPC_SEMSGCUT       more than 64 words, a malformed tag or timeout, a UTCB outside memory
 *   L4_IPC_REABORTED      the partner died while this thread waited for its reply
 * Timeouts are relative, in microseconds: L4_IPC_NEVER, L4_IPC_BOTH_TIMEOUT_0 (poll), or
 * l4_timeout_us(us). (L4Re encodes send and receive timeouts in mantissa/exponent form; here one
 * timeout covers the operation.) Capability transfer is not offered from C. */
#ifndef _L4_SYS_IPC_H
#define _L4_SYS_IPC_H

#include <l4/sys/types.h>
#include <l4/sys/utcb.h>
#include <l4/sys/err.h>

typedef struct l4_msgtag_t { l4_mword_t raw; } l4_msgtag_t;

enum l4_msgtag_flags {
  L4_MSGTAG_ERROR = 0x8000, /* set in a returned tag when the IPC failed */
};

/* Protocol labels of kernel-generated messages. */
enum { L4_PROTO_IRQ = -1, L4_PROTO_EXCEPTION = -5 };

enum l4_ipc_tcr_error_t {
  L4_IPC_ERROR_MASK = 0x1f,
  L4_IPC_SND_ERR_MASK = 0x01,
  L4_IPC_SETIMEOUT = 0x02,
  L4_IPC_RETIMEOUT = 0x03,
  L4_IPC_ENOT_EXISTENT = 0x04,
  L4_IPC_SECANCELED = 0x06,
  L4_IPC_RECANCELED = 0x07,
  L4_IPC_SEMSGCUT = 0x08,
  L4_IPC_REMSGCUT = 0x09,
  L4_IPC_SEABORTED = 0x0e,
  L4_IPC_REABORTED = 0x0f,
};

typedef struct l4_timeout_t { l4_int32_t us; } l4_timeout_t;

#define L4_IPC_NEVER ((l4_timeout_t){ -1 })
#define L4_IPC_BOTH_TIMEOUT_0 ((l4_timeout_t){ 0 })
#define L4_IPC_RECV_TIMEOUT_0 ((l4_timeout_t){ 0 })
#define L4_IPC_SEND_TIMEOUT_0 ((l4_timeout_t){ 0 })

static inline l4_timeout_t l4_timeout_us(l4_int32_t us) { l4_timeout_t t = { us < 0 ? -1 : us }; return t; }

static inline l4_msgtag_t l4_msgtag(long label, unsigned words, unsigned items, unsigned flags) {
  l4_msgtag_t t = { (l4_mword_t)(((unsigned long)(label & 0xffff) << 16) | (flags & 0xe000) | ((items & 0x1f) << 8) | (words & 0x7f)) };
  return t;
}
static inline long l4_msgtag_label(l4_msgtag_t t) { return (short)((unsigned long)t.raw >> 16); }
static inline unsigned l4_msgtag_words(l4_msgtag_t t) { return t.raw & 0x7f; }
static inline unsigned l4_msgtag_items(l4_msgtag_t t) { return (t.raw >> 8) & 0x1f; }
static inline unsigned l4_msgtag_flags(l4_msgtag_t t) { return t.raw & 0xe000; }
static inline int l4_msgtag_has_error(l4_msgtag_t t) { return (t.raw & L4_MSGTAG_ERROR) != 0; }

/* The error of the IPC that returned `tag` (0: none): one of L4_IPC_*. */
static inline l4_umword_t l4_ipc_error(l4_msgtag_t tag, l4_utcb_t *utcb) {
  return l4_msgtag_has_error(tag) ? (utcb->error & L4_IPC_ERROR_MASK) : 0;
}
/* 0, a negated L4 error (a label < 0 replied by the server), or -(L4_EIPC_LO + IPC error). */
static inline long l4_error(l4_msgtag_t tag) {
  if (l4_msgtag_has_error(tag)) return -(L4_EIPC_LO + (long)(l4_utcb()->error & L4_IPC_ERROR_MASK));
  long label = l4_msgtag_label(tag);
  return label < 0 ? label : 0;
}

/* Send and wait for the reply from the gate or thread `dest`. */
l4_msgtag_t l4_ipc_call(l4_cap_idx_t dest, l4_utcb_t *utcb, l4_msgtag_t tag, l4_timeout_t timeout);
/* Send only. */
l4_msgtag_t l4_ipc_send(l4_cap_idx_t dest, l4_utcb_t *utcb, l4_msgtag_t tag, l4_timeout_t timeout);
/* Wait for a message from `object` only: a gate or IRQ bound to this thread (closed wait). The
 * label of the gate/IRQ is stored to *label when label is not NULL. */
l4_msgtag_t l4_ipc_receive(l4_cap_idx_t object, l4_utcb_t *utcb, l4_timeout_t timeout);
/* Wait for a message from any gate or IRQ bound to this thread (open wait). */
l4_msgtag_t l4_ipc_wait(l4_utcb_t *utcb, l4_umword_t *label, l4_timeout_t timeout);
/* Reply to the last caller (never blocks). */
l4_msgtag_t l4_ipc_reply(l4_utcb_t *utcb, l4_msgtag_t tag);
/* Reply to the last caller, then wait for the next message from anyone. */
l4_msgtag_t l4_ipc_reply_and_wait(l4_utcb_t *utcb, l4_msgtag_t tag, l4_umword_t *label, l4_timeout_t timeout);
/* Sleep for `timeout` (returns a tag with L4_IPC_RETIMEOUT, as in L4Re). */
l4_msgtag_t l4_ipc_sleep(l4_timeout_t timeout);

#endif
