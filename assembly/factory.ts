// Factory: creates kernel objects and charges their memory to a quota. A child factory's quota
// is carved out of its parent's. Creating past the quota fails with -Err.NoMem before anything is
// allocated; freeing an object returns exactly what it was charged.
import { Err } from './errors';
import { kmemAlloc, kmemFree, kmemBlockSize, kmemCapacity } from './kmem';
import { kobj, ObjType, ObjFlags, objCreate, handlesAvailable } from './kobject';
import { OBJ_HEADER_SIZE } from './config';
import { Rights, capSlotAddr, capLookup, capInsert, CapSlot, MAX_TASK_CAPS } from './cap_space';
import { Task, TASK_OBJ_SIZE, initTask, TaskState } from './task';
import { THREAD_OBJ_SIZE, initThread } from './thread';
import { GATE_OBJ_SIZE, initGate } from './ipc_gate';
import { IRQ_OBJ_SIZE } from './irq';
import { kipNcpus } from './kip';
import { NUM_PRIOS } from './config';

// Factory object:
//
//   +0   object header (32)
//   +32  u32 limit   bytes this factory may have charged at once (its quota)
//   +36  u32 used    bytes charged now (objects it created, including child quotas)
@inline export const FACTORY_LIMIT: usize = OBJ_HEADER_SIZE;
@inline const F_LIMIT: usize = FACTORY_LIMIT;
@inline const F_USED: usize = OBJ_HEADER_SIZE + 4;
@inline export const FACTORY_OBJ_SIZE: usize = OBJ_HEADER_SIZE + 8;

@unmanaged export class Factory {
  @inline get limit(): u32 { return load<u32>(changetype<usize>(this), F_LIMIT); }
  @inline set limit(v: u32) { store<u32>(changetype<usize>(this), v, F_LIMIT); }
  @inline get used(): u32 { return load<u32>(changetype<usize>(this), F_USED); }
  @inline set used(v: u32) { store<u32>(changetype<usize>(this), v, F_USED); }
}

@inline function factory(p: usize): Factory { return changetype<Factory>(p); }

@inline export function factoryHasQuota(f: usize, bytes: u64): bool {
  return <u64>factory(f).used + bytes <= <u64>factory(f).limit;
}

export function factoryCharge(f: usize, bytes: u32): void {
  factory(f).used = factory(f).used + bytes;
}

export function factoryUncharge(f: usize, bytes: u32): void {
  factory(f).used = factory(f).used - bytes;
}

/** The root factory: owns the whole pool; never freed. */
export function createRootFactory(): usize {
  const p = objCreate(0, ObjType.Factory, <u32>FACTORY_OBJ_SIZE, 0);
  factory(p).limit = kmemCapacity();
  factory(p).used = kmemBlockSize(<u32>FACTORY_OBJ_SIZE);
  kobj(p).flags = kobj(p).flags | ObjFlags.Pinned;
  return p;
}

// Creation: validate (caller task, factory capability with the Special right, free destination
// slot, kind-specific arguments, quota), then allocate and initialize. An allocation that fails
// although the quota allowed it (pool exhausted) is rolled back and reported as NoMem.
@lazy let gFactory: usize = 0;
@lazy let gSlot: usize = 0;

function createPrologue(task: usize, fcap: u32, slot: u32): i32 {
  if (task == 0) return -Err.InvalidHandle;
  if (changetype<Task>(task).state != TaskState.Alive) return -Err.Terminated;
  const f = capLookup(task, fcap, ObjType.Factory, Rights.S);
  if (f < 0) return f;
  const s = capSlotAddr(task, slot);
  if (s == 0) return -Err.InvalidCap;
  if (changetype<CapSlot>(s).obj != 0) return -Err.SlotInUse;
  if (!handlesAvailable()) return -Err.NoMem;
  gFactory = <usize>f;
  gSlot = s;
  return 0;
}

/** A new task with `capSlots` capability slots; its capability goes to `slot` of `task`. */
export function createTask(task: usize, fcap: u32, slot: u32, capSlots: u32): i32 {
  const e = createPrologue(task, fcap, slot);
  if (e < 0) return e;
  if (capSlots < 2 || capSlots > MAX_TASK_CAPS) return -Err.InvalidArg;
  const objBytes = kmemBlockSize(<u32>TASK_OBJ_SIZE);
  const tableBytes = kmemBlockSize(capSlots * <u32>offsetof<CapSlot>());
  if (tableBytes == 0) return -Err.InvalidArg;
  if (!factoryHasQuota(gFactory, <u64>objBytes + tableBytes)) return -Err.NoMem;
  const table = kmemAlloc(capSlots * <u32>offsetof<CapSlot>());
  if (table == 0) return -Err.NoMem;
  const p = objCreate(gFactory, ObjType.Task, <u32>TASK_OBJ_SIZE, objBytes + tableBytes);
  if (p == 0) { kmemFree(table, capSlots * <u32>offsetof<CapSlot>()); return -Err.NoMem; }
  initTask(p, table, capSlots);
  capInsert(gSlot, p, Rights.All, 0);
  return <i32>kobj(p).handle;
}

/** A new thread of the task named by `taskCap`, inactive until started. */
export function createThread(task: usize, fcap: u32, slot: u32, taskCap: u32, prio: u32, cpu: u32): i32 {
  const e = createPrologue(task, fcap, slot);
  if (e < 0) return e;
  const owner = capLookup(task, taskCap, ObjType.Task, Rights.S);
  if (owner < 0) return owner;
  if (changetype<Task>(<usize>owner).state != TaskState.Alive) return -Err.Terminated;
  if (prio >= NUM_PRIOS || cpu >= kipNcpus()) return -Err.InvalidArg;
  const bytes = kmemBlockSize(<u32>THREAD_OBJ_SIZE);
  if (!factoryHasQuota(gFactory, bytes)) return -Err.NoMem;
  const p = objCreate(gFactory, ObjType.Thread, <u32>THREAD_OBJ_SIZE, bytes);
  if (p == 0) return -Err.NoMem;
  initThread(p, <usize>owner, prio, cpu);
  capInsert(gSlot, p, Rights.All, 0);
  return <i32>kobj(p).handle;
}

/** A new IPC gate, bound to the thread named by `threadCap` (0: unbound) with `label`. */
export function createGate(task: usize, fcap: u32, slot: u32, threadCap: u32, label: u32): i32 {
  const e = createPrologue(task, fcap, slot);
  if (e < 0) return e;
  let th: usize = 0;
  if (threadCap != 0) {
    const t = capLookup(task, threadCap, ObjType.Thread, Rights.S);
    if (t < 0) return t;
    th = <usize>t;
  }
  const bytes = kmemBlockSize(<u32>GATE_OBJ_SIZE);
  if (!factoryHasQuota(gFactory, bytes)) return -Err.NoMem;
  const p = objCreate(gFactory, ObjType.Gate, <u32>GATE_OBJ_SIZE, bytes);
  if (p == 0) return -Err.NoMem;
  initGate(p, th, label);
  capInsert(gSlot, p, Rights.All, 0);
  return <i32>kobj(p).handle;
}

/** A new IRQ, not attached. */
export function createIrq(task: usize, fcap: u32, slot: u32): i32 {
  const e = createPrologue(task, fcap, slot);
  if (e < 0) return e;
  const bytes = kmemBlockSize(<u32>IRQ_OBJ_SIZE);
  if (!factoryHasQuota(gFactory, bytes)) return -Err.NoMem;
  const p = objCreate(gFactory, ObjType.Irq, <u32>IRQ_OBJ_SIZE, bytes);
  if (p == 0) return -Err.NoMem;
  capInsert(gSlot, p, Rights.All, 0);
  return <i32>kobj(p).handle;
}

/** A child factory with `quota` bytes, carved out of the parent's quota. */
export function createFactory(task: usize, fcap: u32, slot: u32, quota: u32): i32 {
  const e = createPrologue(task, fcap, slot);
  if (e < 0) return e;
  const bytes = kmemBlockSize(<u32>FACTORY_OBJ_SIZE);
  if (!factoryHasQuota(gFactory, <u64>bytes + quota)) return -Err.NoMem;
  const p = objCreate(gFactory, ObjType.Factory, <u32>FACTORY_OBJ_SIZE, bytes + quota);
  if (p == 0) return -Err.NoMem;
  factory(p).limit = quota;
  capInsert(gSlot, p, Rights.All, 0);
  return <i32>kobj(p).handle;
}
