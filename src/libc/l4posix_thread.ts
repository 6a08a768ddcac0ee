// l4posix, thread family (sysroot/src/pthread.c, pthread_sync.c): POSIX threads of a multiplexed
// program, green threads the guest runs one at a time (src/guest/green_threads.ts), and the futex
// their mutexes, condition variables, barriers and joins wait on. Without a guest that runs
// threads (a decoupled program), pthread_create fails with EAGAIN.
import { Errno } from '../errno.js';
import type { L4posixContext } from './l4posix.js';
import { posixState } from './posix_state.js';

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
    return c.threads?.futexWake(addr >>> 0, count >>> 0 > 0x7fffffff ? 0x7fffffff : count) ?? 0;
  },
};
