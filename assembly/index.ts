// Kernel entry points. Every export runs under the kernel lock, so the instances of kernel.wasm on
// all CPUs (all sharing one memory) see one consistent kernel. Objects are named by handles
// (privileged host operations) or by capability slots in a task (operations a thread invokes).
// Results: >= 0 success (a handle, a count, an address), < 0 a negated Err.
import { Err } from './errors';
import { MAX_CPUS, KMEM_BASE, NUM_PRIOS } from './config';
import { lockKernel, unlockKernel } from './lock';
import { initKmem } from './kmem';
import { initKip, kipNcpus, KIP_MAGIC, KIP_ROOT_TASK, KIP_ROOT_FACTORY, KIP_KMEM_BASE, KIP_KMEM_END } from './kip';
import { KIP_BASE, OBJ_TABLE, CPU_BASE, CPU_SIZE } from './config';
import { ObjType, ObjFlags, kobj, objOfType, initObjects, objCreate } from './kobject';
import * as caps from './cap_space';
import { Rights } from './cap_space';
import * as factory from './factory';
import { initTask, TASK_OBJ_SIZE, TASK_STATE, TASK_EXC_KIND } from './task';
import { ThreadState, thread, ExRegsFlags, TH_STATE, TH_CPU, TH_PRIO, TH_SLICELEFT, TH_CPUTIME, TH_PARTNER, TH_WAITOBJ, UTCB_MR, UTCB_BR, UTCB_TAG, UTCB_LABEL, UTCB_ERROR, UTCB_SENDER, UTCB_EXC_ACTION, UTCB_EXC_ARG } from './thread';
import * as sched from './scheduler';
import * as ipc from './ipc';
import { bindGate } from './ipc_gate';
import { attachIrq, triggerIrq } from './irq';
import * as exc from './exception';
import * as rm from './region_map';
import * as ds from './dataspace';
import { kmemAlloc, kmemBlockSize } from './kmem';

// Layout constants the TypeScript binding reads memory with (src/kernel/abi.ts checks them at attach).
export const ABI_VERSION: u32 = 1;
export const ABI_KIP_BASE: u32 = <u32>KIP_BASE;
export const ABI_OBJ_TABLE: u32 = <u32>OBJ_TABLE;
export const ABI_CPU_BASE: u32 = <u32>CPU_BASE;
export const ABI_CPU_SIZE: u32 = <u32>CPU_SIZE;
export const ABI_CPU_WAKESEQ: u32 = <u32>sched.CPU_WAKESEQ;
export const ABI_CPU_SLEEPING: u32 = <u32>sched.CPU_SLEEPING;
export const ABI_CPU_STOP: u32 = <u32>sched.CPU_STOP;
export const ABI_CPU_CURRENT: u32 = <u32>sched.CPU_CURRENT;
export const ABI_CPU_READYCOUNT: u32 = <u32>sched.CPU_READYCOUNT;
export const ABI_CPU_DISPATCHAT: u32 = <u32>sched.CPU_DISPATCHAT;
export const ABI_CPU_SCRATCH: u32 = <u32>sched.CPU_SCRATCH;
export const ABI_TH_STATE: u32 = <u32>TH_STATE;
export const ABI_TH_CPU: u32 = <u32>TH_CPU;
export const ABI_TH_PRIO: u32 = <u32>TH_PRIO;
export const ABI_TH_SLICELEFT: u32 = <u32>TH_SLICELEFT;
export const ABI_TH_CPUTIME: u32 = <u32>TH_CPUTIME;
export const ABI_TH_PARTNER: u32 = <u32>TH_PARTNER;
export const ABI_TH_WAITOBJ: u32 = <u32>TH_WAITOBJ;
export const ABI_CPU_BITMAP: u32 = <u32>sched.CPU_BITMAP;
export const ABI_UTCB_MR: u32 = <u32>UTCB_MR;
export const ABI_UTCB_BR: u32 = <u32>UTCB_BR;
export const ABI_UTCB_TAG: u32 = <u32>UTCB_TAG;
export const ABI_UTCB_LABEL: u32 = <u32>UTCB_LABEL;
export const ABI_UTCB_ERROR: u32 = <u32>UTCB_ERROR;
export const ABI_UTCB_SENDER: u32 = <u32>UTCB_SENDER;
export const ABI_UTCB_EXC_ACTION: u32 = <u32>UTCB_EXC_ACTION;
export const ABI_UTCB_EXC_ARG: u32 = <u32>UTCB_EXC_ARG;
export const ABI_TASK_STATE: u32 = <u32>TASK_STATE;
export const ABI_TASK_EXC: u32 = <u32>TASK_EXC_KIND;
export const ABI_FACTORY_LIMIT: u32 = <u32>factory.FACTORY_LIMIT;

/** The CPU this instance runs on (instance state, not kernel state: each CPU has its own). */
let thisCpu: u32 = 0;

@inline const ROOT_CAP_SLOTS: u32 = 4096;
/** Root task slots: 1 = root factory, 2 = the root task itself. */
@inline const ROOT_FACTORY_CAP: u32 = 1;
@inline const ROOT_TASK_CAP: u32 = 2;

/**
 * Boots the kernel in a fresh memory: KIP, allocator, scheduler, root factory and root task.
 * Returns the root task's handle. Called once, by the boot CPU.
 */
export function kernelInit(ncpus: u32, clockBase: f64): i32 {
  if (ncpus == 0 || ncpus > MAX_CPUS) return -Err.InvalidArg;
  if (__heap_base > OBJ_TABLE) return -Err.NoMem; // static data must stay below the object table
  const pages = <u32>memory.size();
  const end = <usize>pages << 16;
  // Room for the root task's table and then some; and never boot over a running kernel.
  if (end < KMEM_BASE + (1 << 20)) return -Err.NoMem;
  if (load<u32>(KIP_BASE) == KIP_MAGIC) return -Err.InvalidArg;
  lockKernel();
  initKip(ncpus, pages, clockBase);
  initKmem(end);
  initObjects();
  sched.initScheduler(ncpus);
  ds.initDataspaces();
  const f = factory.createRootFactory();
  const tableBytes = ROOT_CAP_SLOTS * <u32>offsetof<caps.CapSlot>();
  const table = kmemAlloc(tableBytes);
  const t = objCreate(f, ObjType.Task, <u32>TASK_OBJ_SIZE, kmemBlockSize(<u32>TASK_OBJ_SIZE) + kmemBlockSize(tableBytes));
  initTask(t, table, ROOT_CAP_SLOTS);
  kobj(t).flags = kobj(t).flags | ObjFlags.Pinned;
  caps.capInsert(caps.capSlotAddr(t, ROOT_FACTORY_CAP), f, Rights.All, 0);
  caps.capInsert(caps.capSlotAddr(t, ROOT_TASK_CAP), t, Rights.All, 0);
  store<u32>(KIP_BASE, kobj(t).handle, KIP_ROOT_TASK);
  store<u32>(KIP_BASE, kobj(f).handle, KIP_ROOT_FACTORY);
  store<u32>(KIP_BASE, <u32>KMEM_BASE, KIP_KMEM_BASE);
  store<u32>(KIP_BASE, <u32>end, KIP_KMEM_END);
  unlockKernel();
  return <i32>kobj(t).handle;
}

/** Tells this instance which CPU it serves (per-CPU result area). */
export function kernelAttachCpu(cpu: u32): i32 {
  if (cpu >= kipNcpus()) return -Err.InvalidArg;
  thisCpu = cpu;
  return 0;
}

@inline function taskArg(h: u32): usize { return objOfType(h, ObjType.Task); }
@inline function threadArg(h: u32): usize { return objOfType(h, ObjType.Thread); }

// ---- object creation (factory capability `fcap` in `task`, new capability to `slot` of `task`) ----

export function createTask(task: u32, fcap: u32, slot: u32, capSlots: u32): i32 {
  lockKernel();
  const r = factory.createTask(taskArg(task), fcap, slot, capSlots);
  unlockKernel();
  return r;
}

export function createThread(task: u32, fcap: u32, slot: u32, taskCap: u32, prio: u32, cpu: u32): i32 {
  lockKernel();
  const r = factory.createThread(taskArg(task), fcap, slot, taskCap, prio, cpu);
  unlockKernel();
  return r;
}

export function createGate(task: u32, fcap: u32, slot: u32, threadCap: u32, label: u32): i32 {
  lockKernel();
  const r = factory.createGate(taskArg(task), fcap, slot, threadCap, label);
  unlockKernel();
  return r;
}

export function createIrq(task: u32, fcap: u32, slot: u32): i32 {
  lockKernel();
  const r = factory.createIrq(taskArg(task), fcap, slot);
  unlockKernel();
  return r;
}

export function createFactory(task: u32, fcap: u32, slot: u32, quota: u32): i32 {
  lockKernel();
  const r = factory.createFactory(taskArg(task), fcap, slot, quota);
  unlockKernel();
  return r;
}

// ---- capabilities ----

/** Handle of the object in a slot, or an error. */
export function capLookup(task: u32, idx: u32): i32 {
  lockKernel();
  const t = taskArg(task);
  let r: i32 = -Err.InvalidHandle;
  if (t != 0) {
    r = caps.capLookup(t, idx, ObjType.None, 0);
    if (r > 0) r = <i32>kobj(<usize>r).handle;
  }
  unlockKernel();
  return r;
}

/** ObjType | Rights << 8 of a slot, or an error. */
export function capInfo(task: u32, idx: u32): i32 {
  lockKernel();
  const t = taskArg(task);
  const r = t == 0 ? -Err.InvalidHandle : caps.capInfo(t, idx);
  unlockKernel();
  return r;
}

export function capMap(srcTask: u32, srcIdx: u32, dstTask: u32, dstIdx: u32, mask: u32): i32 {
  lockKernel();
  const s = taskArg(srcTask);
  const d = taskArg(dstTask);
  const r = s == 0 || d == 0 ? -Err.InvalidHandle : caps.capMap(s, srcIdx, d, dstIdx, mask);
  unlockKernel();
  return r;
}

/** Revokes all capabilities derived from a slot; flags & Self: the slot too (deletes the object
 *  when it was the last capability). */
export function capUnmap(task: u32, idx: u32, flags: u32): i32 {
  lockKernel();
  const t = taskArg(task);
  const r = t == 0 ? -Err.InvalidHandle : caps.capUnmap(t, idx, flags);
  unlockKernel();
  return r;
}

export function capFindFree(task: u32, from: u32): i32 {
  lockKernel();
  const t = taskArg(task);
  const r = t == 0 ? -Err.InvalidHandle : caps.capFindFree(t, from);
  unlockKernel();
  return r;
}

// ---- threads (privileged: by handle) ----

export function threadStart(th: u32): i32 {
  lockKernel();
  const t = threadArg(th);
  let r: i32 = -Err.InvalidHandle;
  if (t != 0) {
    if (thread(t).state != ThreadState.Inactive) r = -Err.InvalidArg;
    else { sched.readyEnqueue(t); r = 0; }
  }
  unlockKernel();
  return r;
}

export function threadSetPriority(th: u32, prio: u32): i32 {
  lockKernel();
  const t = threadArg(th);
  let r: i32 = -Err.InvalidHandle;
  if (t != 0) {
    if (prio >= NUM_PRIOS) r = -Err.InvalidArg;
    else { sched.setPriority(t, prio); r = 0; }
  }
  unlockKernel();
  return r;
}

export function threadBindCpu(th: u32, cpu: u32): i32 {
  lockKernel();
  const t = threadArg(th);
  let r: i32 = -Err.InvalidHandle;
  if (t != 0) {
    if (cpu >= kipNcpus()) r = -Err.InvalidArg;
    else { sched.bindCpu(t, cpu); r = 0; }
  }
  unlockKernel();
  return r;
}

export function threadSetQuantum(th: u32, us: f64): i32 {
  lockKernel();
  const t = threadArg(th);
  let r: i32 = -Err.InvalidHandle;
  if (t != 0) {
    if (!(us > 0)) r = -Err.InvalidArg;
    else { thread(t).quantum = us; thread(t).sliceLeft = us; r = 0; }
  }
  unlockKernel();
  return r;
}

/** Sets the capability slots (in the thread's task) of its exception handler and pager. */
export function threadSetHandlers(th: u32, excCap: u32, pagerCap: u32): i32 {
  lockKernel();
  const t = threadArg(th);
  let r: i32 = -Err.InvalidHandle;
  if (t != 0) { thread(t).excHandler = excCap; thread(t).pager = pagerCap; r = 0; }
  unlockKernel();
  return r;
}

/** ex_regs: with Cancel, a blocked IPC of the thread ends with -Err.Canceled. */
export function threadExRegs(th: u32, flags: u32): i32 {
  lockKernel();
  const t = threadArg(th);
  let r: i32 = -Err.InvalidHandle;
  if (t != 0) {
    r = 0;
    if ((flags & ExRegsFlags.Cancel) != 0) ipc.cancelIpc(t);
  }
  unlockKernel();
  return r;
}

export function threadYield(th: u32): i32 {
  lockKernel();
  const t = threadArg(th);
  let r: i32 = -Err.InvalidHandle;
  if (t != 0) { sched.yieldThread(t); r = 0; }
  unlockKernel();
  return r;
}

/** Ends a thread now (its capabilities stay until unmapped). */
export function threadKill(th: u32): i32 {
  lockKernel();
  const t = threadArg(th);
  let r: i32 = -Err.InvalidHandle;
  if (t != 0) { ipc.killThreadNow(t); r = 0; }
  unlockKernel();
  return r;
}

// ---- gates and IRQs (privileged: by handle) ----

export function gateBind(gate: u32, th: u32, label: u32): i32 {
  lockKernel();
  const g = objOfType(gate, ObjType.Gate);
  const t: usize = th == 0 ? 0 : threadArg(th);
  const r = g == 0 || (th != 0 && t == 0) ? -Err.InvalidHandle : bindGate(g, t, label);
  unlockKernel();
  return r;
}

export function irqAttach(irq: u32, th: u32, label: u32): i32 {
  lockKernel();
  const i = objOfType(irq, ObjType.Irq);
  const t: usize = th == 0 ? 0 : threadArg(th);
  const r = i == 0 || (th != 0 && t == 0) ? -Err.InvalidHandle : attachIrq(i, t, label);
  unlockKernel();
  return r;
}

export function irqTrigger(irq: u32): i32 {
  lockKernel();
  const i = objOfType(irq, ObjType.Irq);
  const r = i == 0 ? -Err.InvalidHandle : triggerIrq(i);
  unlockKernel();
  return r;
}

/** Trigger through a capability (needs W) of `task`. */
export function irqTriggerCap(task: u32, cap: u32): i32 {
  lockKernel();
  const t = taskArg(task);
  let r: i32 = -Err.InvalidHandle;
  if (t != 0) {
    r = caps.capLookup(t, cap, ObjType.Irq, Rights.W);
    if (r > 0) r = triggerIrq(<usize>r);
  }
  unlockKernel();
  return r;
}

// ---- IPC (thread `th` is the running thread; capabilities are slots of its task) ----

export function ipcSend(th: u32, cap: u32, tag: u32, timeout: f64): i32 {
  lockKernel();
  const t = threadArg(th);
  const r = t == 0 ? -Err.InvalidHandle : ipc.sendIpc(t, cap, tag, timeout, false);
  unlockKernel();
  return r;
}

/** Call: send, then wait for the reply. > 0: the receiver's handle, now ready on this CPU. */
export function ipcCall(th: u32, cap: u32, tag: u32, timeout: f64): i32 {
  lockKernel();
  const t = threadArg(th);
  const r = t == 0 ? -Err.InvalidHandle : ipc.sendIpc(t, cap, tag, timeout, true);
  unlockKernel();
  return r;
}

/** Receive from anyone (cap 0) or from the thread, gate or IRQ named by `cap`. */
export function ipcReceive(th: u32, cap: u32, timeout: f64): i32 {
  lockKernel();
  const t = threadArg(th);
  const r = t == 0 ? -Err.InvalidHandle : ipc.receiveIpc(t, cap, timeout);
  unlockKernel();
  return r;
}

/** Reply to caller `caller` (0: the last caller). Never blocks. */
export function ipcReply(th: u32, caller: u32, tag: u32): i32 {
  lockKernel();
  const t = threadArg(th);
  const r = t == 0 ? -Err.InvalidHandle : ipc.replyIpc(t, caller, tag);
  unlockKernel();
  return r;
}

export function ipcReplyAndWait(th: u32, tag: u32, timeout: f64): i32 {
  lockKernel();
  const t = threadArg(th);
  const r = t == 0 ? -Err.InvalidHandle : ipc.replyAndWaitIpc(t, tag, timeout);
  unlockKernel();
  return r;
}

export function ipcSleep(th: u32, timeout: f64): i32 {
  lockKernel();
  const t = threadArg(th);
  const r = t == 0 ? -Err.InvalidHandle : ipc.sleepIpc(t, timeout);
  unlockKernel();
  return r;
}

// ---- exceptions ----

export function raiseException(th: u32, kind: u32, pc: u32, addr: u32): i32 {
  lockKernel();
  const t = threadArg(th);
  const r = t == 0 ? -Err.InvalidHandle : exc.raiseException(t, kind, pc, addr);
  unlockKernel();
  return r;
}

// ---- scheduler ----

export function schedule(cpu: u32): i32 {
  if (cpu >= kipNcpus()) return -Err.InvalidArg;
  lockKernel();
  const r = sched.schedule(cpu);
  unlockKernel();
  return <i32>r;
}

export function nextTimeout(cpu: u32): f64 {
  if (cpu >= kipNcpus()) return -1;
  lockKernel();
  const r = sched.nextTimeout(cpu);
  unlockKernel();
  return r;
}

/** The host loop of `cpu` ends: it runs no thread (so other CPUs can detect quiescence). */
export function releaseCpu(cpu: u32): i32 {
  if (cpu >= kipNcpus()) return -Err.InvalidArg;
  lockKernel();
  sched.releaseCpu(cpu);
  unlockKernel();
  return 0;
}

export function quiescent(): i32 {
  lockKernel();
  const r = sched.quiescent();
  unlockKernel();
  return r ? 1 : 0;
}

// ---- region maps ----

export function rmAttach(task: u32, addr: f64, size: f64, dsId: u32, offset: f64, flags: u32,
                         lo: f64, hi: f64, align: f64): f64 {
  lockKernel();
  const t = taskArg(task);
  const r = t == 0 ? <f64>-Err.InvalidHandle : rm.attachRegion(t, addr, size, dsId, offset, flags, lo, hi, align);
  unlockKernel();
  return r;
}

export function rmDetach(task: u32, addr: f64, size: f64): i32 {
  lockKernel();
  const t = taskArg(task);
  const r = t == 0 ? -Err.InvalidHandle : rm.detachRegion(t, addr, size);
  unlockKernel();
  return r;
}

/** Region containing `addr`: start, size, dataspace id, offset, flags in this CPU's scratch area. */
export function rmLookup(task: u32, addr: f64): i32 {
  lockKernel();
  const t = taskArg(task);
  const r = t == 0 ? -Err.InvalidHandle : rm.lookupRegion(t, addr, sched.cpuBlock(thisCpu) + sched.CPU_SCRATCH);
  unlockKernel();
  return r;
}

/** Next dataspace id whose reference count reached zero (each reported once); 0: none. */
export function dsTakeReleased(): i32 {
  lockKernel();
  const r = ds.dsTakeReleased();
  unlockKernel();
  return <i32>r;
}

export function dsRefCount(id: u32): i32 {
  lockKernel();
  const r = ds.dsRefCount(id);
  unlockKernel();
  return <i32>r;
}
