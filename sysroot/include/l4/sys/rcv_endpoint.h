/* Receive endpoints (L4Re's <l4/sys/rcv_endpoint.h>): bind an IPC gate or an IRQ to the thread
 * that receives its messages, with the label those messages carry.
 * l4_rcv_ep_bind_thread: 0, or -L4_EINVAL (an invalid capability), -L4_ENODEV (neither gate nor
 * IRQ; `thread` no thread), -L4_EPERM (the capability lacks the control right: a client's
 * capability to a gate cannot take the server's place). */
#ifndef _L4_SYS_RCV_ENDPOINT_H
#define _L4_SYS_RCV_ENDPOINT_H

#include <l4/sys/types.h>
#include <l4/sys/ipc.h>

l4_msgtag_t l4_rcv_ep_bind_thread(l4_cap_idx_t ep, l4_cap_idx_t thread, l4_umword_t label);

#endif
