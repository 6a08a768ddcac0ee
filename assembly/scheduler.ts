// Scheduler: per-CPU ready queues with fixed priorities 0..255 (higher runs first) and round robin
// inside a priority, time-slice accounting on the kernel clock, and a timeout queue per CPU.
// The host runs what schedule() returns until it blocks or yields; a thread whose host run()
// returns while still ready has yielded and goes to the tail of its priority.
import { CPU_BASE, CPU_SIZE, G_SCHED, DEBUG } from './config';
import { ThreadState, thread } from './thread';
import { objByHandle, kobj } from './kobject';
import { clockNow, kipNcpus } from './kip';
import { expireIpcTimeout } from './ipc';

// CPU block (4 KiB at CPU_BASE + cpu * CPU_SIZE):
//
//     0 | wakeSeq    i32   bumped when a thread becomes ready here; the host waits on it
//    64 | sleeping   i32   the host is in (or about to enter) Atomics.wait on wakeSeq
//    68 | stop       i32   the host loop was asked to stop
//    72 | current    u32   handle of the thread the last schedule() dispatched
//    76 | readyCount u32
//    80 | dispatchAt f64   clock when current was dispatched, µs
//    88 | tqHead     u32   timeout queue, sorted by deadline
//    92 | busy       u32   a thread is dispatched (not idle)
//    96 | bitmap     u32[8]   priorities that have ready threads
//   128 | scratch    u32[32]  results of the last lookup on this CPU
//   256 | rq         (head u32, tail u32)[256]
@inline export const CPU_WAKESEQ: usize = 0;
@inline export const CPU_SLEEPING: usize = 64;
@inline export const CPU_STOP: usize = 68;
@inline export const CPU_CURRENT: usize = 72;
@inline export const CPU_READYCOUNT: usize = 76;
@inline export const CPU_DISPATCHAT: usize = 80;
@inline const CPU_TQHEAD: usize = 88;
@inline const CPU_BUSY: usize = 92;
@inline export const CPU_BITMAP: usize = 96;
@inline export const CPU_SCRATCH: usize = 128;
@inline const CPU_RQ: usize = 256;

// Scheduler globals at G_SCHED: +0 ready threads on all CPUs, +4 armed timeouts, +8 busy CPUs.
@inline const S_READY: usize = 0;
@inline const S_TIMEOUTS: usize = 4;
@inline const S_BUSY: usize = 8;

@inline export function cpuBlock(cpu: u32): usize { return CPU_BASE + <usize>cpu * CPU_SIZE; }

export function initScheduler(ncpus: u32): void {
  memory.fill(G_SCHED, 0, 64);
  memory.fill(CPU_BASE, 0, <usize>ncpus * CPU_SIZE);
}

@inline function incGlobal(off: usize, d: i32): void {
  store<i32>(G_SCHED + off, load<i32>(G_SCHED + off) + d);
}

/**
 * Wakes the host of `cpu` if it sleeps; cheap when it does not. Every waiter on the word: a host
 * loop that waits with Atomics.waitAsync beside a timer of its own may have left an earlier
 * waiter there (its timer fired first), and a notify of one would wake that one instead.
 */
export function kickCpu(cpu: u32): void {
  const c = cpuBlock(cpu);
  atomic.add<i32>(c + CPU_WAKESEQ, 1);
  if (atomic.load<i32>(c + CPU_SLEEPING) != 0) atomic.notify(c + CPU_WAKESEQ);
}

/** Appends a thread to the tail of its priority on its CPU and marks it Ready. */
export function readyEnqueue(p: usize): void {
  const t = thread(p);
  const c = cpuBlock(t.cpu);
  const prio = t.prio;
  const q = c + CPU_RQ + (<usize>prio << 3);
  const tail = load<usize>(q, 4);
  if (DEBUG) assert(t.rqNext == 0 && t.rqPrev == 0 && load<usize>(q) != p); // queued at most once
  t.rqNext = 0;
  t.rqPrev = tail;
  if (tail != 0) thread(tail).rqNext = p; else store<usize>(q, p);
  store<usize>(q, p, 4);
  const w = c + CPU_BITMAP + (<usize>(prio >> 5) << 2);
  store<u32>(w, load<u32>(w) | (<u32>1 << (prio & 31)));
  store<u32>(c, load<u32>(c, CPU_READYCOUNT) + 1, CPU_READYCOUNT);
  incGlobal(S_READY, 1);
  t.state = ThreadState.Ready;
  kickCpu(t.cpu);
}

/** Takes a Ready thread off its CPU's queue (the caller sets the new state). */
export function readyDequeue(p: usize): void {
  const t = thread(p);
  const c = cpuBlock(t.cpu);
  const prio = t.prio;
  const q = c + CPU_RQ + (<usize>prio << 3);
  if (DEBUG) assert(t.state == ThreadState.Ready); // only ready threads are queued
  const next = t.rqNext;
  const prev = t.rqPrev;
  if (prev != 0) thread(prev).rqNext = next; else store<usize>(q, next);
  if (next != 0) thread(next).rqPrev = prev; else store<usize>(q, prev, 4);
  t.rqNext = 0;
  t.rqPrev = 0;
  if (load<usize>(q) == 0) {
    const w = c + CPU_BITMAP + (<usize>(prio >> 5) << 2);
    store<u32>(w, load<u32>(w) & ~(<u32>1 << (prio & 31)));
  }
  store<u32>(c, load<u32>(c, CPU_READYCOUNT) - 1, CPU_READYCOUNT);
  incGlobal(S_READY, -1);
}

function highestReady(c: usize): usize {
  for (let w: i32 = 7; w >= 0; w--) {
    const bits = load<u32>(c + CPU_BITMAP + (<usize>w << 2));
    if (bits != 0) {
      const prio = (<u32>w << 5) + 31 - clz<u32>(bits);
      return load<usize>(c + CPU_RQ + (<usize>prio << 3));
    }
  }
  return 0;
}

// Timeout queue: threads with an armed deadline, sorted ascending, per CPU.

export function timeoutArm(p: usize, deadline: f64): void {
  const t = thread(p);
  if (t.deadline != 0) timeoutCancel(p);
  const c = cpuBlock(t.cpu);
  let prev: usize = 0;
  let cur = load<usize>(c, CPU_TQHEAD);
  while (cur != 0 && thread(cur).deadline <= deadline) { prev = cur; cur = thread(cur).tqNext; }
  t.deadline = deadline;
  t.tqPrev = prev;
  t.tqNext = cur;
  if (prev != 0) thread(prev).tqNext = p; else store<usize>(c, p, CPU_TQHEAD);
  if (cur != 0) thread(cur).tqPrev = p;
  incGlobal(S_TIMEOUTS, 1);
  // The sleeping host must recompute when to wake.
  if (prev == 0) kickCpu(t.cpu);
}

export function timeoutCancel(p: usize): void {
  const t = thread(p);
  if (t.deadline == 0) return;
  const c = cpuBlock(t.cpu);
  if (t.tqPrev != 0) thread(t.tqPrev).tqNext = t.tqNext; else store<usize>(c, t.tqNext, CPU_TQHEAD);
  if (t.tqNext != 0) thread(t.tqNext).tqPrev = t.tqPrev;
  t.tqNext = 0;
  t.tqPrev = 0;
  t.deadline = 0;
  incGlobal(S_TIMEOUTS, -1);
}

function expireTimeouts(cpu: u32, now: f64): void {
  const c = cpuBlock(cpu);
  let p = load<usize>(c, CPU_TQHEAD);
  while (p != 0 && thread(p).deadline <= now) {
    timeoutCancel(p);
    expireIpcTimeout(p);
    p = load<usize>(c, CPU_TQHEAD);
  }
}

/** Absolute µs of the earliest timeout on `cpu`, or -1. */
export function nextTimeout(cpu: u32): f64 {
  const p = load<usize>(cpuBlock(cpu), CPU_TQHEAD);
  return p == 0 ? -1 : thread(p).deadline;
}

/**
 * Picks the next thread for `cpu`: expires due timeouts, charges the previous thread for its
 * time, rotates it to the tail of its priority if it is still ready (its run returned = it
 * yielded), then returns the head of the highest priority. 0 when idle.
 */
export function schedule(cpu: u32): u32 {
  const c = cpuBlock(cpu);
  const now = clockNow();
  expireTimeouts(cpu, now);
  const prevHandle = load<u32>(c, CPU_CURRENT);
  const prev = prevHandle != 0 ? objByHandle(prevHandle) : 0;
  if (prev != 0) {
    const t = thread(prev);
    const used = now - load<f64>(c, CPU_DISPATCHAT);
    t.cpuTime = t.cpuTime + used;
    t.sliceLeft = t.sliceLeft - used;
    if (t.state == ThreadState.Ready && t.cpu == cpu) {
      readyDequeue(prev);
      readyEnqueue(prev);
    }
    if (t.sliceLeft <= 0) t.sliceLeft = t.quantum;
  }
  const next = highestReady(c);
  if (next == 0) {
    store<u32>(c, 0, CPU_CURRENT);
    setIdle(c);
    return 0;
  }
  if (load<u32>(c, CPU_BUSY) == 0) { store<u32>(c, 1, CPU_BUSY); incGlobal(S_BUSY, 1); }
  store<u32>(c, kobj(next).handle, CPU_CURRENT);
  store<f64>(c, now, CPU_DISPATCHAT);
  return kobj(next).handle;
}

/** Moves a running thread to the tail of its priority. */
export function yieldThread(p: usize): void {
  if (thread(p).state != ThreadState.Ready) return;
  readyDequeue(p);
  readyEnqueue(p);
}

/** No thread ready and no timeout armed anywhere, and no CPU running a thread. */
export function quiescent(): bool {
  return load<i32>(G_SCHED, S_READY) == 0 && load<i32>(G_SCHED, S_TIMEOUTS) == 0 &&
    load<i32>(G_SCHED, S_BUSY) == 0;
}

export function setPriority(p: usize, prio: u32): void {
  const t = thread(p);
  if (t.state == ThreadState.Ready) { readyDequeue(p); t.prio = prio; readyEnqueue(p); }
  else t.prio = prio;
}

export function bindCpu(p: usize, cpu: u32): void {
  const t = thread(p);
  const ready = t.state == ThreadState.Ready;
  const deadline = t.deadline;
  if (ready) readyDequeue(p);
  if (deadline != 0) timeoutCancel(p);
  t.cpu = cpu;
  if (deadline != 0) timeoutArm(p, deadline);
  if (ready) readyEnqueue(p);
}

export function ncpusValid(cpu: u32): bool { return cpu < kipNcpus(); }

/** The host loop of `cpu` stops: nothing is dispatched there any more. */
export function releaseCpu(cpu: u32): void {
  const c = cpuBlock(cpu);
  store<u32>(c, 0, CPU_CURRENT);
  setIdle(c);
}

/**
 * A CPU stops running threads. If that leaves the whole machine quiescent, every CPU is woken:
 * hosts sleeping without a timeout must see it and end their loops.
 */
function setIdle(c: usize): void {
  if (load<u32>(c, CPU_BUSY) == 0) return;
  store<u32>(c, 0, CPU_BUSY);
  incGlobal(S_BUSY, -1);
  if (quiescent()) {
    const n = kipNcpus();
    for (let i: u32 = 0; i < n; i++) kickCpu(i);
  }
}
