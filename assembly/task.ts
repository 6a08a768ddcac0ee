// Task: a protection domain = a capability space plus an address-space descriptor (its region
// map). A task dies when its last capability goes; an exception without a handler terminates it
// first, recording what happened for the host to read.
import { objDropKernRef } from './kobject';
import { OBJ_HEADER_SIZE } from './config';
import { capSpaceClear, CapSlot } from './cap_space';
import { kmemFree } from './kmem';
import { Thread, killThread } from './thread';
import { rmClear } from './region_map';

export enum TaskState { Alive = 0, Terminated = 1, Destroyed = 2 }

// Task object:
//
//   +0   object header (32)
//   +32  u32 capTable    CapSlot[capCount]
//   +36  u32 capCount
//   +40  u32 threads     first thread of this task (list through Thread.taskNext)
//   +44  u32 regions     region map: list of Region sorted by start
//   +48  u32 state       TaskState
//   +52  u32 excKind     } the exception that terminated the task (state Terminated)
//   +56  u32 excPc       }
//   +60  u32 excAddr     }
//   +64  u32 excThread   } handle of the faulting thread
//   +68  u32 regionCount
@inline const T_CAPTABLE: usize = OBJ_HEADER_SIZE;
@inline const T_CAPCOUNT: usize = OBJ_HEADER_SIZE + 4;
@inline const T_THREADS: usize = OBJ_HEADER_SIZE + 8;
@inline const T_REGIONS: usize = OBJ_HEADER_SIZE + 12;
@inline export const TASK_STATE: usize = OBJ_HEADER_SIZE + 16;
@inline export const TASK_EXC_KIND: usize = OBJ_HEADER_SIZE + 20;
@inline export const TASK_EXC_PC: usize = OBJ_HEADER_SIZE + 24;
@inline export const TASK_EXC_ADDR: usize = OBJ_HEADER_SIZE + 28;
@inline export const TASK_EXC_THREAD: usize = OBJ_HEADER_SIZE + 32;
@inline const T_REGIONCOUNT: usize = OBJ_HEADER_SIZE + 36;
@inline export const TASK_OBJ_SIZE: usize = OBJ_HEADER_SIZE + 40;

@unmanaged export class Task {
  @inline get capTable(): usize { return load<usize>(changetype<usize>(this), T_CAPTABLE); }
  @inline get capCount(): u32 { return load<u32>(changetype<usize>(this), T_CAPCOUNT); }
  @inline get threads(): usize { return load<usize>(changetype<usize>(this), T_THREADS); }
  @inline set threads(v: usize) { store<usize>(changetype<usize>(this), v, T_THREADS); }
  @inline get regions(): usize { return load<usize>(changetype<usize>(this), T_REGIONS); }
  @inline set regions(v: usize) { store<usize>(changetype<usize>(this), v, T_REGIONS); }
  @inline get regionCount(): u32 { return load<u32>(changetype<usize>(this), T_REGIONCOUNT); }
  @inline set regionCount(v: u32) { store<u32>(changetype<usize>(this), v, T_REGIONCOUNT); }
  @inline get state(): TaskState { return load<u32>(changetype<usize>(this), TASK_STATE); }
  @inline set state(v: TaskState) { store<u32>(changetype<usize>(this), v, TASK_STATE); }
}

export function initTask(p: usize, table: usize, capCount: u32): void {
  store<usize>(p, table, T_CAPTABLE);
  store<u32>(p, capCount, T_CAPCOUNT);
}

/** Terminates a task after an unhandled exception: records it and kills all its threads. */
export function terminateTask(p: usize, kind: u32, pc: u32, addr: u32, thread: u32): void {
  const t = changetype<Task>(p);
  if (t.state != TaskState.Alive) return;
  t.state = TaskState.Terminated;
  store<u32>(p, kind, TASK_EXC_KIND);
  store<u32>(p, pc, TASK_EXC_PC);
  store<u32>(p, addr, TASK_EXC_ADDR);
  store<u32>(p, thread, TASK_EXC_THREAD);
  killTaskThreads(p);
}

function killTaskThreads(p: usize): void {
  let th = changetype<Task>(p).threads;
  while (th != 0) {
    killThread(th);
    th = changetype<Thread>(th).taskNext;
  }
}

/** Last capability gone: kill the threads, drop all capabilities and regions. */
export function destroyTask(p: usize): void {
  const t = changetype<Task>(p);
  if (t.state == TaskState.Alive) killTaskThreads(p);
  t.state = TaskState.Destroyed;
  capSpaceClear(p);
  rmClear(p);
}

/** Frees what the task owns besides its object; returns the object's allocation size. */
export function releaseTask(p: usize): u32 {
  const t = changetype<Task>(p);
  kmemFree(t.capTable, t.capCount * <u32>offsetof<CapSlot>());
  return <u32>TASK_OBJ_SIZE;
}

/** Threads link themselves into their task's list (thread.ts). */
export function taskUnlinkThread(task: usize, th: usize): void {
  const t = changetype<Task>(task);
  let prev: usize = 0;
  let cur = t.threads;
  while (cur != 0 && cur != th) { prev = cur; cur = changetype<Thread>(cur).taskNext; }
  if (cur == 0) return;
  if (prev == 0) t.threads = changetype<Thread>(cur).taskNext;
  else changetype<Thread>(prev).taskNext = changetype<Thread>(cur).taskNext;
  objDropKernRef(task);
}
