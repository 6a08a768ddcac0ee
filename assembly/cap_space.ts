// Capability spaces: each task's table of capability slots, rights, and the mapping database
// (every mapped capability is a child of the slot it was mapped from, so unmapping a slot can
// revoke everything derived from it, recursively, in every task).
import { Err } from './errors';
import { ObjType, kobj, objAddCapRef, objDropCapRef, objAddKernRef, objDropKernRef } from './kobject';
import { Task } from './task';
import { MAX_CAP_SLOTS } from './config';

export enum Rights { R = 1, W = 2, S = 4, All = 7 }

/** Unmap flags: also remove the slot itself, not only what was derived from it. */
export enum UnmapFlags { Self = 1 }

@inline export const MAX_TASK_CAPS: u32 = MAX_CAP_SLOTS;

// Capability slot (24 bytes), element of a task's table:
//
//   +0   u32 obj      kernel object; 0 = empty slot
//   +4   u32 rights   Rights bits
//   +8   u32 parent   slot this capability was mapped from (0: created here)
//   +12  u32 child    first capability mapped from this one
//   +16  u32 next     next sibling under the same parent
//   +20  u32 prev     previous sibling
@unmanaged export class CapSlot {
  obj: usize;
  rights: u32;
  parent: usize;
  child: usize;
  next: usize;
  prev: usize;
}

@inline function slot(p: usize): CapSlot { return changetype<CapSlot>(p); }

/** Address of slot `idx` of `task`, 0 when out of range. Slot 0 is never valid. */
export function capSlotAddr(task: usize, idx: u32): usize {
  const t = changetype<Task>(task);
  if (idx == 0 || idx >= t.capCount) return 0;
  return t.capTable + <usize>idx * offsetof<CapSlot>();
}

/**
 * The object in slot `idx` of `task` if it has `type` (ObjType.None: any) and all of `rights`;
 * otherwise a negative error.
 */
export function capLookup(task: usize, idx: u32, type: ObjType, rights: u32): i32 {
  const s = capSlotAddr(task, idx);
  if (s == 0) return -Err.InvalidCap;
  const o = slot(s).obj;
  if (o == 0) return -Err.InvalidCap;
  if (type != ObjType.None && kobj(o).type != type) return -Err.WrongType;
  if ((rights & ~slot(s).rights) != 0) return -Err.NoRights;
  return <i32>o;
}

/** Fills an empty slot; `parent` (0 for an original capability) becomes its mapdb parent. */
export function capInsert(s: usize, obj: usize, rights: u32, parent: usize): void {
  const c = slot(s);
  c.obj = obj;
  c.rights = rights;
  c.parent = parent;
  c.child = 0;
  c.prev = 0;
  c.next = 0;
  if (parent != 0) {
    const first = slot(parent).child;
    c.next = first;
    if (first != 0) slot(first).prev = s;
    slot(parent).child = s;
  }
  objAddCapRef(obj);
}

function capRemoveLeaf(s: usize): void {
  const c = slot(s);
  const obj = c.obj;
  if (obj == 0) return;
  if (c.prev != 0) slot(c.prev).next = c.next;
  else if (c.parent != 0) slot(c.parent).child = c.next;
  if (c.next != 0) slot(c.next).prev = c.prev;
  c.obj = 0;
  c.rights = 0;
  c.parent = 0;
  c.child = 0;
  c.next = 0;
  c.prev = 0;
  objDropCapRef(obj);
}

/** Revokes everything derived from slot `s`, deepest first; with `self` also `s` itself. */
export function capRevoke(s: usize, self: bool): void {
  // Restart from `s` after each removal: a removal can destroy an object whose teardown removes
  // other capabilities of this subtree.
  while (true) {
    let leaf = s;
    while (slot(leaf).child != 0) leaf = slot(leaf).child;
    if (leaf == s) break;
    capRemoveLeaf(leaf);
  }
  if (self) capRemoveLeaf(s);
}

/** Copies slot `srcIdx` of `src` to empty slot `dstIdx` of `dst` with rights reduced by `mask`. */
export function capMap(src: usize, srcIdx: u32, dst: usize, dstIdx: u32, mask: u32): i32 {
  const s = capSlotAddr(src, srcIdx);
  if (s == 0 || slot(s).obj == 0) return -Err.InvalidCap;
  const d = capSlotAddr(dst, dstIdx);
  if (d == 0) return -Err.InvalidCap;
  if (slot(d).obj != 0) return -Err.SlotInUse;
  capInsert(d, slot(s).obj, slot(s).rights & mask, s);
  return 0;
}

/** Map a slot address to another (used by IPC map items after validation). */
export function capMapSlot(s: usize, d: usize, mask: u32): void {
  capInsert(d, slot(s).obj, slot(s).rights & mask, s);
}

export function capUnmap(task: usize, idx: u32, flags: u32): i32 {
  const s = capSlotAddr(task, idx);
  if (s == 0 || slot(s).obj == 0) return -Err.InvalidCap;
  // The task must outlive the walk even if a revoked capability was its last one.
  objAddKernRef(task);
  capRevoke(s, (flags & UnmapFlags.Self) != 0);
  objDropKernRef(task);
  return 0;
}

/** First empty slot >= from, or -Err.NoSpace. */
export function capFindFree(task: usize, from: u32): i32 {
  const t = changetype<Task>(task);
  const n = t.capCount;
  for (let i: u32 = from < 1 ? 1 : from; i < n; i++) {
    if (slot(t.capTable + <usize>i * offsetof<CapSlot>()).obj == 0) return <i32>i;
  }
  return -Err.NoSpace;
}

/** Removes every capability of a dying task (and all derived from them). */
export function capSpaceClear(task: usize): void {
  const t = changetype<Task>(task);
  const n = t.capCount;
  for (let i: u32 = 1; i < n; i++) {
    const s = t.capTable + <usize>i * offsetof<CapSlot>();
    if (slot(s).obj != 0) capRevoke(s, true);
  }
}

/** (type | rights << 8) of a slot, or a negative error. */
export function capInfo(task: usize, idx: u32): i32 {
  const s = capSlotAddr(task, idx);
  if (s == 0 || slot(s).obj == 0) return -Err.InvalidCap;
  return <i32>(<u32>kobj(slot(s).obj).type | (slot(s).rights << 8));
}
