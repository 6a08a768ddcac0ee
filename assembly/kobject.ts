// Kernel objects: the header every object starts with, the handle table, and the two reference
// counts that decide when an object dies (its last capability is gone) and when its memory is
// freed (no capability and no kernel pointer refers to it any more).
import { G_OBJ, MAX_OBJECTS, OBJ_TABLE, DEBUG, OBJ_HEADER_SIZE } from './config';
export { OBJ_HEADER_SIZE };
import { kmemAlloc, kmemFree, kmemBlockSize } from './kmem';
import { Factory, factoryUncharge, FACTORY_OBJ_SIZE } from './factory';
import { destroyTask, releaseTask } from './task';
import { destroyThread, releaseThread } from './thread';
import { destroyGate, releaseGate } from './ipc_gate';
import { destroyIrq, releaseIrq } from './irq';

export enum ObjType { None = 0, Task = 1, Thread = 2, Gate = 3, Irq = 4, Factory = 5 }
export enum ObjFlags { Dead = 1, Pinned = 2 }

// Object header, at offset 0 of every kernel object:
//
//   +0  u8  type       ObjType
//   +1  u8  flags      ObjFlags
//   +4  u32 handle     (generation << 14) | table index
//   +8  u32 capRefs    capabilities naming the object
//   +12 u32 kernRefs   kernel pointers to it (gate->thread, irq->thread, thread->task, obj->factory)
//   +16 u32 factory    the factory charged for the object
//   +20 u32 charged    bytes charged to that factory
//   +24 u32 qNext      link in a thread's sender queue (threads and IRQs)
//   +28 u32 qPrev
//   +32 ...            kind-specific fields
@inline const O_TYPE: usize = 0;
@inline const O_FLAGS: usize = 1;
@inline const O_HANDLE: usize = 4;
@inline const O_CAPREFS: usize = 8;
@inline const O_KERNREFS: usize = 12;
@inline const O_FACTORY: usize = 16;
@inline const O_CHARGED: usize = 20;
@inline const O_QNEXT: usize = 24;
@inline const O_QPREV: usize = 28;

@unmanaged export class KObject {
  @inline get ptr(): usize { return changetype<usize>(this); }
  @inline get type(): ObjType { return load<u8>(changetype<usize>(this), O_TYPE); }
  @inline get dead(): bool { return (load<u8>(changetype<usize>(this), O_FLAGS) & ObjFlags.Dead) != 0; }
  @inline get flags(): u32 { return load<u8>(changetype<usize>(this), O_FLAGS); }
  @inline set flags(v: u32) { store<u8>(changetype<usize>(this), <u8>v, O_FLAGS); }
  @inline get handle(): u32 { return load<u32>(changetype<usize>(this), O_HANDLE); }
  @inline get capRefs(): u32 { return load<u32>(changetype<usize>(this), O_CAPREFS); }
  @inline set capRefs(v: u32) { store<u32>(changetype<usize>(this), v, O_CAPREFS); }
  @inline get kernRefs(): u32 { return load<u32>(changetype<usize>(this), O_KERNREFS); }
  @inline set kernRefs(v: u32) { store<u32>(changetype<usize>(this), v, O_KERNREFS); }
  @inline get factory(): usize { return load<usize>(changetype<usize>(this), O_FACTORY); }
  @inline get charged(): u32 { return load<u32>(changetype<usize>(this), O_CHARGED); }
  @inline get qNext(): usize { return load<usize>(changetype<usize>(this), O_QNEXT); }
  @inline set qNext(v: usize) { store<usize>(changetype<usize>(this), v, O_QNEXT); }
  @inline get qPrev(): usize { return load<usize>(changetype<usize>(this), O_QPREV); }
  @inline set qPrev(v: usize) { store<usize>(changetype<usize>(this), v, O_QPREV); }
}

@inline export function kobj(p: usize): KObject { return changetype<KObject>(p); }

// Handle table: entry i at OBJ_TABLE + 8 i = { u32 ptr, u32 generation }. A free entry holds
// (next free index << 1) | 1 in its ptr word. Index 0 is never used, so handle 0 means "none".
// Globals at G_OBJ: +0 free list head, +4 next never-used index, +8 live objects.
@inline const H_SHIFT: u32 = 14;
@inline const H_MASK: u32 = MAX_OBJECTS - 1;
@inline const GEN_MASK: u32 = (1 << 17) - 1;

export function initObjects(): void {
  store<u32>(G_OBJ, 0, 0);
  store<u32>(G_OBJ, 1, 4);
  store<u32>(G_OBJ, 0, 8);
}

function handleAlloc(p: usize): u32 {
  let idx = load<u32>(G_OBJ, 0);
  if (idx != 0) {
    store<u32>(G_OBJ, load<u32>(OBJ_TABLE + (<usize>idx << 3)) >> 1, 0);
  } else {
    idx = load<u32>(G_OBJ, 4);
    if (idx >= MAX_OBJECTS) return 0;
    store<u32>(G_OBJ, idx + 1, 4);
    store<u32>(OBJ_TABLE + (<usize>idx << 3), 0, 4);
  }
  const e = OBJ_TABLE + (<usize>idx << 3);
  let gen = (load<u32>(e, 4) + 1) & GEN_MASK;
  if (gen == 0) gen = 1;
  store<u32>(e, gen, 4);
  store<usize>(e, p);
  store<u32>(G_OBJ, load<u32>(G_OBJ, 8) + 1, 8);
  return (gen << H_SHIFT) | idx;
}

function handleFree(h: u32): void {
  const idx = h & H_MASK;
  const e = OBJ_TABLE + (<usize>idx << 3);
  store<u32>(e, (load<u32>(G_OBJ, 0) << 1) | 1);
  store<u32>(G_OBJ, idx, 0);
  store<u32>(G_OBJ, load<u32>(G_OBJ, 8) - 1, 8);
}

export function handlesAvailable(): bool {
  return load<u32>(G_OBJ, 0) != 0 || load<u32>(G_OBJ, 4) < MAX_OBJECTS;
}

/** The object a handle names, or 0 for a stale or malformed handle. */
export function objByHandle(h: u32): usize {
  const idx = h & H_MASK;
  if (idx == 0) return 0;
  const e = OBJ_TABLE + (<usize>idx << 3);
  const p = load<usize>(e);
  if ((p & 1) != 0 || p == 0 || load<u32>(e, 4) != (h >> H_SHIFT)) return 0;
  return p;
}

/** The object a handle names if it has the given type; 0 otherwise. */
export function objOfType(h: u32, type: ObjType): usize {
  const p = objByHandle(h);
  return p != 0 && kobj(p).type == type ? p : 0;
}

/**
 * Allocates and registers an object of `size` bytes charged to `factory` as `charge` bytes
 * (the caller has checked the quota). 0 when kernel memory or handles run out.
 */
export function objCreate(factory: usize, type: ObjType, size: u32, charge: u32): usize {
  const p = kmemAlloc(size);
  if (p == 0) return 0;
  const h = handleAlloc(p);
  if (h == 0) { kmemFree(p, size); return 0; }
  store<u8>(p, <u8>type, O_TYPE);
  store<u32>(p, h, O_HANDLE);
  store<usize>(p, factory, O_FACTORY);
  store<u32>(p, charge, O_CHARGED);
  if (factory != 0) {
    const f = changetype<Factory>(factory);
    f.used = f.used + charge;
    objAddKernRef(factory);
  }
  return p;
}

@inline export function objAddCapRef(p: usize): void { kobj(p).capRefs = kobj(p).capRefs + 1; }
@inline export function objAddKernRef(p: usize): void { kobj(p).kernRefs = kobj(p).kernRefs + 1; }

/** A capability to `p` went away: the last one destroys the object. */
export function objDropCapRef(p: usize): void {
  const o = kobj(p);
  if (DEBUG) assert(o.capRefs > 0); // each capability took one reference
  const n = o.capRefs - 1;
  o.capRefs = n;
  if (n != 0) return;
  // Hold the object while it is torn down: destruction may drop kernel references to it.
  o.kernRefs = o.kernRefs + 1;
  objDestroy(p);
  objDropKernRef(p);
}

export function objDropKernRef(p: usize): void {
  const o = kobj(p);
  if (DEBUG) assert(o.kernRefs > 0); // each kernel pointer took one reference
  const n = o.kernRefs - 1;
  o.kernRefs = n;
  if (n == 0 && o.capRefs == 0 && (o.flags & ObjFlags.Pinned) == 0) objFree(p);
}

/** Makes an object dead exactly once (kind-specific teardown). Memory stays while referenced. */
export function objDestroy(p: usize): void {
  const o = kobj(p);
  if (o.dead) return;
  o.flags = o.flags | ObjFlags.Dead;
  switch (o.type) {
    case ObjType.Task: destroyTask(p); break;
    case ObjType.Thread: destroyThread(p); break;
    case ObjType.Gate: destroyGate(p); break;
    case ObjType.Irq: destroyIrq(p); break;
    default: break;
  }
}

function objFree(p: usize): void {
  const o = kobj(p);
  let size: u32 = 0;
  switch (o.type) {
    case ObjType.Task: size = releaseTask(p); break;
    case ObjType.Thread: size = releaseThread(p); break;
    case ObjType.Gate: size = releaseGate(p); break;
    case ObjType.Irq: size = releaseIrq(p); break;
    case ObjType.Factory: size = kmemBlockSize(<u32>FACTORY_OBJ_SIZE); break;
    default: break;
  }
  const factory = o.factory;
  const charged = o.charged;
  handleFree(o.handle);
  kmemFree(p, size);
  if (factory != 0) {
    factoryUncharge(factory, charged);
    objDropKernRef(factory);
  }
}
