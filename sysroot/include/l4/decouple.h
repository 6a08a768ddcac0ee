/* Decoupled execution (L4Re's decoupled threads): move the calling program to a core of its own,
 * where it computes without the guest's noise while its system calls are forwarded to the guest,
 * and back.
 *
 * l4_decouple(): from now on the program runs in a worker thread of its own. Returns 0, or -1
 *   with errno: ENOTSUP (the program cannot move), EAGAIN (called inside a signal handler that
 *   interrupted a call which cannot suspend).
 * l4_recouple(): the program runs on the guest's vCPU again (multiplexed, preemptible, forkable).
 *   Returns 0 (also when it was not decoupled), or -1 with errno ENOTSUP for a program that was
 *   started decoupled (`l4wasm run --decouple`): it was never prepared for the vCPU.
 * While decoupled, fork fails with ENOSYS; signals are delivered at the next system call. */
#ifndef _L4_DECOUPLE_H
#define _L4_DECOUPLE_H

#ifdef __cplusplus
extern "C" {
#endif

int l4_decouple(void);
int l4_recouple(void);

#ifdef __cplusplus
}
#endif

#endif
