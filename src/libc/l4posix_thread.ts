// l4posix, thread family (sysroot/src/pthread.c, pthread_sync.c): POSIX threads of a multiplexed
// program, green threads the guest runs one at a time (src/guest/green_threads.ts), and the futex
// their mutexes, condition variables, barriers and joins wait on. Without a guest that runs
// threads (a decoupled program), pthread_create fails with EAGAIN.
// A futex word in a MAP_SHARED object (a PTHREAD_PROCESS_SHARED mutex, condition variable or
// barrier in shared memory) is waited on where every process meets: a queue of the machine named
// by the object and the offset, as l4posix_sem.ts keeps shared semaphores; each process reads the
// word in its own copy, which the guest keeps coherent at turns and calls.
import { Errno } from '../errno.js';
import { WaitQueue } from '../wait_queue.js';
import type { Vfs } from '../vfs/types.js';
import type { L4posixContext } from './l4posix.js';
import { posixState } from './posix_state.js';

/** Each machine's waiters on futex words in shared objects, by "dev:ino@offset". */
const sharedFutexes = new WeakMap<Vfs, Map<string, WaitQueue>>();

/** The machine's queues and the key of the futex word at `addr`, when it lies in a shared object. */
function sharedFutex(c: L4posixContext, addr: number): { queues: Map<string, WaitQueue>; key: string } | undefined {
  const where = c.addressSpace?.sharedLocation(addr, 4);
  if (where === undefined) return undefined;
  let queues = sharedFutexes.get(c.vfs);
  if (queues === undefined) sharedFutexes.set(c.vfs, (queues = new Map()));
  return { queues, key: `${where.key}@${where.offset}` };
}

/** The clock a futex deadline is on (sysroot/src/pthread_sync.c): none, CLOCK_REALTIME, CLOCK_MONOTONIC. */
export const enum FutexClock { None = -1, Realtime = 0, Monotonic = 1 }

/** What the thread calls need of the guest. */
export interface ThreadBackend {
  threadCreate(arg: number, stackTop: number, errnoAddr: number, selfAddr: number): number;
  /** -ESRCH when the caller is the last thread; else SUSPEND (the thread is gone). */
  threadExit(): number;
  /**
   * Waits while the word at `addr` holds `expected` (its value now is `value`), until woken or
   * `deadlineNs` (monotonic); undefined when the program has no other thread (nothing can wake it).
   */
  futexWait(addr: number, expected: number, value: number, deadlineNs: bigint | undefined): number | undefined;
  futexWake(addr: number, count: number): number;
  /** pthread_cancel: the thread looks again if it waits in a blocking call (its cancellation point). */
  threadCancel(tid: number): number;
}

/** The futex word at `addr`: its value, or -EFAULT/-EINVAL (not a word of the program's memory). */
function wordAt(c: L4posixContext, addr: number): { value: number } | number {
  const mem = posixState(c).mem;
  mem.refresh();
  if (addr % 4 !== 0) return -Errno.EINVAL;
  if (addr === 0 || !mem.ok(addr, 4)) return -Errno.EFAULT;
  return { value: mem.view.getInt32(addr, true) };
}

export const threadCalls = {
  /** pthread_create's thread: its id, or -EAGAIN (no threads here), -EFAULT. */
  thread_create(c: L4posixContext, arg: number, stackTop: number, errnoAddr: number, selfAddr: number): number {
    const t = c.threads;
    if (t === undefined) return -Errno.EAGAIN;
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(arg >>> 0, 4) || !mem.ok(errnoAddr >>> 0, 4) || !mem.ok(selfAddr >>> 0, 4) || !mem.ok((stackTop >>> 0) - 16, 16)) return -Errno.EFAULT;
    return t.threadCreate(arg >>> 0, stackTop >>> 0, errnoAddr >>> 0, selfAddr >>> 0);
  },

  /** pthread_exit's end of the caller: never returns, but -ESRCH for the last thread (it exits the program). */
  thread_exit(c: L4posixContext): number {
    return c.threads?.threadExit() ?? -Errno.ESRCH;
  },

  /**
   * futex wait: 0 once woken, -EAGAIN when the word is not `expected`, -ETIMEDOUT past the absolute
   * `deadline` (ns of `clock`; FutexClock.None: none), -EINTR for a signal.
   */
  futex_wait(c: L4posixContext, addr: number, expected: number, clock: number, deadline: bigint): number {
    const w = wordAt(c, addr >>> 0);
    if (typeof w === 'number') return w;
    let deadlineNs: bigint | undefined;
    if (clock === FutexClock.Realtime) deadlineNs = c.clock.monotonicNs() + (deadline - c.clock.realtimeNs());
    else if (clock === FutexClock.Monotonic) deadlineNs = deadline;
    else if (clock !== FutexClock.None) return -Errno.EINVAL;
    const shared = sharedFutex(c, addr >>> 0);
    if (shared !== undefined) {
      // Another process's wake comes through the queue; its change of the word, at this process's next turn.
      if (w.value !== expected) return -Errno.EAGAIN;
      if (deadlineNs !== undefined && c.clock.monotonicNs() >= deadlineNs) return -Errno.ETIMEDOUT;
      let q = shared.queues.get(shared.key);
      if (q === undefined) shared.queues.set(shared.key, (q = new WaitQueue()));
      const queue = q;
      return c.wait({ sources: [{ subscribe: (wake) => queue.add(wake) }], deadlineNs });
    }
    const r = c.threads?.futexWait(addr >>> 0, expected, w.value, deadlineNs);
    if (r !== undefined) return r;
    // No other thread can wake it: only its deadline or a signal ends the wait.
    if (w.value !== expected) return -Errno.EAGAIN;
    if (deadlineNs !== undefined && c.clock.monotonicNs() >= deadlineNs) return -Errno.ETIMEDOUT;
    return c.wait({ deadlineNs });
  },

  /** pthread_cancel of thread `tid` (pending in its C thread already): a blocking call it waits in ends it; -ESRCH. */
  thread_cancel(c: L4posixContext, tid: number): number {
    return c.threads?.threadCancel(tid) ?? -Errno.ESRCH;
  },

  /** futex wake: up to `count` threads waiting on the word at `addr` wake; how many did. */
  futex_wake(c: L4posixContext, addr: number, count: number): number {
    const w = wordAt(c, addr >>> 0);
    if (typeof w === 'number') return w;
    const most = count >>> 0 > 0x7fffffff ? 0x7fffffff : count;
    const shared = sharedFutex(c, addr >>> 0);
    if (shared !== undefined) {
      // Every waiter looks again (each re-reads the word and waits anew): the queue goes with them.
      const q = shared.queues.get(shared.key);
      if (q === undefined) return 0;
      shared.queues.delete(shared.key);
      const n = q.size;
      q.wakeAll();
      return Math.min(n, most);
    }
    return c.threads?.futexWake(addr >>> 0, most) ?? 0;
  },
};
