/* The user-level thread control block (after L4Re's <l4/sys/utcb.h>): the message registers an
 * IPC sends from and receives into, and what the last IPC reported. One per thread, in the
 * program's memory; the runtime copies the registers to and from the kernel's UTCB. */
#ifndef _L4_SYS_UTCB_H
#define _L4_SYS_UTCB_H

#include <l4/sys/types.h>

#define L4_UTCB_GENERIC_DATA_SIZE 64

typedef struct l4_msg_regs_t {
  l4_umword_t mr[L4_UTCB_GENERIC_DATA_SIZE];
} l4_msg_regs_t;

typedef struct l4_utcb_t {
  l4_msg_regs_t mr;
  /* What the last IPC reported: its error (L4_IPC_*, 0 on success), the label of the gate or IRQ
   * the received message came through, and the raw tag received. */
  l4_umword_t error;
  l4_umword_t label;
  l4_umword_t tag;
} l4_utcb_t;

/* The calling thread's UTCB. */
l4_utcb_t *l4_utcb(void);

static inline l4_msg_regs_t *l4_utcb_mr(void) { return &l4_utcb()->mr; }
static inline l4_msg_regs_t *l4_utcb_mr_u(l4_utcb_t *u) { return &u->mr; }

#endif
