// Dataspace references: the kernel counts, per dataspace id (chosen by the host's root task),
// how many regions in all region maps refer to it. When the count reaches zero the id is queued
// once for the host (takeReleasedDataspace), which then releases the dataspace.
import { DS_HASH, DS_BUCKETS, G_DS } from './config';
import { kmemAlloc, kmemFree } from './kmem';

// Reference record (16 bytes, from the pool; not charged to a factory: the host owns dataspaces):
//
//   +0  u32 id
//   +4  u32 refs
//   +8  u32 next    hash chain; after release: the released list
@unmanaged export class DsRef {
  id: u32;
  refs: u32;
  next: usize;
}

// Globals at G_DS: +0 released list head, +4 its tail.
@inline const D_RELHEAD: usize = 0;
@inline const D_RELTAIL: usize = 4;

export function initDataspaces(): void {
  memory.fill(DS_HASH, 0, <usize>DS_BUCKETS << 2);
  store<usize>(G_DS, 0, D_RELHEAD);
  store<usize>(G_DS, 0, D_RELTAIL);
}

@inline function bucket(id: u32): usize {
  return DS_HASH + (<usize>((id * 0x9e3779b1) >> 22) << 2);
}

/** The record of `id`, created with refs 0 if new; 0 when the pool is exhausted. */
export function dsFindOrCreate(id: u32): usize {
  const b = bucket(id);
  let p = load<usize>(b);
  while (p != 0) {
    if (changetype<DsRef>(p).id == id) return p;
    p = changetype<DsRef>(p).next;
  }
  p = kmemAlloc(<u32>offsetof<DsRef>());
  if (p == 0) return 0;
  const d = changetype<DsRef>(p);
  d.id = id;
  d.refs = 0;
  d.next = load<usize>(b);
  store<usize>(b, p);
  return p;
}

@inline export function dsAddRef(p: usize): void {
  changetype<DsRef>(p).refs = changetype<DsRef>(p).refs + 1;
}

/** Drops a reference; at zero the id moves to the released list (reported exactly once). */
export function dsDropRef(p: usize): void {
  const d = changetype<DsRef>(p);
  d.refs = d.refs - 1;
  if (d.refs != 0) return;
  const b = bucket(d.id);
  let prev: usize = 0;
  let cur = load<usize>(b);
  while (cur != p) { prev = cur; cur = changetype<DsRef>(cur).next; }
  if (prev == 0) store<usize>(b, d.next); else changetype<DsRef>(prev).next = d.next;
  d.next = 0;
  const tail = load<usize>(G_DS, D_RELTAIL);
  if (tail != 0) changetype<DsRef>(tail).next = p; else store<usize>(G_DS, p, D_RELHEAD);
  store<usize>(G_DS, p, D_RELTAIL);
}

/** Current count of `id` (0 if unknown). */
export function dsRefCount(id: u32): u32 {
  let p = load<usize>(bucket(id));
  while (p != 0) {
    if (changetype<DsRef>(p).id == id) return changetype<DsRef>(p).refs;
    p = changetype<DsRef>(p).next;
  }
  return 0;
}

/** Pops the next released id (0: none left). */
export function dsTakeReleased(): u32 {
  const p = load<usize>(G_DS, D_RELHEAD);
  if (p == 0) return 0;
  const d = changetype<DsRef>(p);
  store<usize>(G_DS, d.next, D_RELHEAD);
  if (d.next == 0) store<usize>(G_DS, 0, D_RELTAIL);
  const id = d.id;
  kmemFree(p, <u32>offsetof<DsRef>());
  return id;
}
