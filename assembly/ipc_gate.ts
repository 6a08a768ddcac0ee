// IPC gate: a named entry point to a thread. Senders invoke the gate; the bound thread receives
// the message together with the gate's label, which lets a server find the object it addresses.
import { Err } from './errors';
import { objAddKernRef, objDropKernRef, kobj, ObjType } from './kobject';
import { OBJ_HEADER_SIZE } from './config';
import { thread, ThreadState } from './thread';
import { failWait } from './ipc';

// Gate object:
//
//   +0   object header (32)
//   +32  u32 thread   bound thread (holds a kernel reference); 0: unbound
//   +36  u32 label    delivered with every message through this gate
@inline const G_THREAD: usize = OBJ_HEADER_SIZE;
@inline const G_LABEL: usize = OBJ_HEADER_SIZE + 4;
@inline export const GATE_OBJ_SIZE: usize = OBJ_HEADER_SIZE + 8;

@unmanaged export class Gate {
  @inline get thread(): usize { return load<usize>(changetype<usize>(this), G_THREAD); }
  @inline set thread(v: usize) { store<usize>(changetype<usize>(this), v, G_THREAD); }
  @inline get label(): u32 { return load<u32>(changetype<usize>(this), G_LABEL); }
  @inline set label(v: u32) { store<u32>(changetype<usize>(this), v, G_LABEL); }
}

@inline function gate(p: usize): Gate { return changetype<Gate>(p); }

export function initGate(p: usize, th: usize, label: u32): void {
  if (th != 0) objAddKernRef(th);
  gate(p).thread = th;
  gate(p).label = label;
}

/** Binds the gate to `th` (0: unbind) with `label`. Senders queued through it fail (DeadPartner). */
export function bindGate(p: usize, th: usize, label: u32): i32 {
  if (th != 0 && thread(th).state == ThreadState.Dead) return -Err.DeadPartner;
  abortGateSenders(p);
  const old = gate(p).thread;
  if (th != 0) objAddKernRef(th);
  gate(p).thread = th;
  gate(p).label = label;
  if (old != 0) objDropKernRef(old);
  return 0;
}

/** Senders still queued through this gate at its thread lose their partner. */
function abortGateSenders(p: usize): void {
  const th = gate(p).thread;
  if (th == 0) return;
  let n = thread(th).sendHead;
  while (n != 0) {
    const next = kobj(n).qNext;
    if (kobj(n).type == ObjType.Thread && thread(n).sendGate == p) failWait(n, -Err.DeadPartner);
    n = next;
  }
}

export function destroyGate(p: usize): void {
  abortGateSenders(p);
}

export function releaseGate(p: usize): u32 {
  const th = gate(p).thread;
  gate(p).thread = 0;
  if (th != 0) objDropKernRef(th);
  return <u32>GATE_OBJ_SIZE;
}
