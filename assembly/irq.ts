// IRQ: an asynchronous notification object. A trigger becomes a message (tag label Proto.Irq, one
// word: the number of triggers it stands for, label: the IRQ's label) to the attached thread.
// Triggers while that thread does not wait for the IRQ are counted and delivered together with its
// next receive, so none is lost.
import { Err } from './errors';
import { objAddKernRef, objDropKernRef, kobj } from './kobject';
import { OBJ_HEADER_SIZE } from './config';
import { thread, ThreadState } from './thread';
import { irqReceiverWaiting, wakeReceiver, queueIrq, sendQueueRemove, makeTag } from './ipc';

/** Protocol labels of kernel-generated messages (signed, in the tag's label field; L4 values). */
export enum Proto { Irq = -1, Exception = -5 }

// IRQ object:
//
//   +0   object header (32; qNext/qPrev: in the attached thread's sender queue while pending)
//   +32  u32 thread    attached thread (holds a kernel reference)
//   +36  u32 label
//   +40  u32 pending   triggers not yet delivered
//   +44  u32 queued    1 while linked in the thread's sender queue
@inline const I_THREAD: usize = OBJ_HEADER_SIZE;
@inline const I_LABEL: usize = OBJ_HEADER_SIZE + 4;
@inline const I_PENDING: usize = OBJ_HEADER_SIZE + 8;
@inline const I_QUEUED: usize = OBJ_HEADER_SIZE + 12;
@inline export const IRQ_OBJ_SIZE: usize = OBJ_HEADER_SIZE + 16;

@unmanaged export class Irq {
  @inline get thread(): usize { return load<usize>(changetype<usize>(this), I_THREAD); }
  @inline set thread(v: usize) { store<usize>(changetype<usize>(this), v, I_THREAD); }
  @inline get label(): u32 { return load<u32>(changetype<usize>(this), I_LABEL); }
  @inline set label(v: u32) { store<u32>(changetype<usize>(this), v, I_LABEL); }
  @inline get pending(): u32 { return load<u32>(changetype<usize>(this), I_PENDING); }
  @inline set pending(v: u32) { store<u32>(changetype<usize>(this), v, I_PENDING); }
  @inline get queued(): u32 { return load<u32>(changetype<usize>(this), I_QUEUED); }
  @inline set queued(v: u32) { store<u32>(changetype<usize>(this), v, I_QUEUED); }
}

@inline export function irq(p: usize): Irq { return changetype<Irq>(p); }

/** Writes the notification for all pending triggers into r's UTCB. */
export function deliverIrq(i: usize, r: usize): void {
  const q = irq(i);
  const t = thread(r);
  t.setMr(0, q.pending);
  t.tag = makeTag(Proto.Irq, 1, 0);
  t.label = q.label;
  t.sender = 0;
  q.pending = 0;
}

export function triggerIrq(i: usize): i32 {
  const q = irq(i);
  if (kobj(i).dead) return -Err.DeadPartner;
  q.pending = q.pending + 1;
  const r = q.thread;
  if (r == 0 || thread(r).state == ThreadState.Dead) return 0;
  if (irqReceiverWaiting(r, i)) {
    deliverIrq(i, r);
    wakeReceiver(r);
  } else if (q.queued == 0) {
    q.queued = 1;
    queueIrq(r, i);
  }
  return 0;
}

function unqueue(i: usize): void {
  const q = irq(i);
  if (q.queued != 0) { sendQueueRemove(q.thread, i); q.queued = 0; }
}

/** Attaches to thread `th` (0: detach) with `label`; pending triggers move along. */
export function attachIrq(i: usize, th: usize, label: u32): i32 {
  const q = irq(i);
  if (th != 0 && thread(th).state == ThreadState.Dead) return -Err.DeadPartner;
  const old = q.thread;
  unqueue(i);
  if (th != 0) objAddKernRef(th);
  q.thread = th;
  q.label = label;
  if (old != 0) objDropKernRef(old);
  if (th != 0 && q.pending != 0) {
    if (irqReceiverWaiting(th, i)) { deliverIrq(i, th); wakeReceiver(th); }
    else { q.queued = 1; queueIrq(th, i); }
  }
  return 0;
}

export function destroyIrq(i: usize): void {
  unqueue(i);
}

export function releaseIrq(i: usize): u32 {
  const th = irq(i).thread;
  irq(i).thread = 0;
  if (th != 0) objDropKernRef(th);
  return <u32>IRQ_OBJ_SIZE;
}
