/* IRQ objects (after L4Re's <l4/sys/irq.h>): asynchronous notifications. A trigger is never
 * lost: triggers while the bound thread does not wait are counted and delivered together with
 * its next receive (MR0 holds the count; the tag's label is L4_PROTO_IRQ).
 * l4_irq_trigger: returns a tag whose l4_error() is 0, or -L4_EINVAL/-L4_ENODEV/-L4_EPERM.
 * l4_irq_attach: binds the IRQ to `thread` (l4_rcv_ep_bind_thread); l4_irq_detach unbinds it.
 * l4_irq_receive: waits for the IRQ (bound to the calling thread) up to `timeout`; IPC errors
 * as l4_ipc_receive (L4_IPC_RETIMEOUT when none came). */
#ifndef _L4_SYS_IRQ_H
#define _L4_SYS_IRQ_H

#include <l4/sys/types.h>
#include <l4/sys/ipc.h>
#include <l4/sys/rcv_endpoint.h>

l4_msgtag_t l4_irq_trigger(l4_cap_idx_t irq);
l4_msgtag_t l4_irq_attach(l4_cap_idx_t irq, l4_umword_t label, l4_cap_idx_t thread);
l4_msgtag_t l4_irq_detach(l4_cap_idx_t irq);
l4_msgtag_t l4_irq_receive(l4_cap_idx_t irq, l4_timeout_t timeout);

#endif
