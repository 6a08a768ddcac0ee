// l4posix, semaphore family (sysroot/src/sem.c): the counting of POSIX semaphores, done here where
// every process meets, never in a program's own memory copy. Each process has its own linear
// memory and MAP_SHARED memory is kept coherent by copies at turns and calls (shared_mappings.ts),
// so two processes changing a counter in their copies would lose one change. Hence:
//  - a semaphore in a MAP_SHARED object (sem_init with pshared in shared memory, sem_open's file
//    in /dev/shm) is counted in a machine-wide record named by the object and the offset, which
//    every process mapping the object finds; its waiters wait there;
//  - any other semaphore is the process's own: its count is the word in the process's memory
//    (a forked child gets a copy of it, as on Linux), its waiters are the process's.
// sem_t is wasi-libc's 16 bytes: word 0 holds the count as sem_init left it (a shared record that
// does not exist yet starts from it, as from bytes a file kept), word 1 the pshared flag.
// A blocked sem_wait suspends the program (no spinning); a signal handler ends it with EINTR, or
// under SA_RESTART it waits on after the handler (Linux restarts the futex wait).
import { Errno } from '../errno.js';
import { WaitQueue } from '../wait_queue.js';
import type { L4posixContext } from './l4posix.js';
import { posixState } from './posix_state.js';
import type { Vfs } from '../vfs/types.js';

/** SEM_VALUE_MAX of wasi-libc's <limits.h> (and glibc's). */
export const SEM_VALUE_MAX = 0x7fffffff;
/** sizeof(sem_t) in wasi-libc. */
const SEM_SIZE = 16;

/** sem_wait's flags (sysroot/src/sem.c): TIMED's deadline is on CLOCK_REALTIME, with MONOTONIC on CLOCK_MONOTONIC (sem_clockwait). */
export const enum SemWait { TRY = 1, TIMED = 2, MONOTONIC = 4 }

/** A semaphore in a shared object: its count and its waiters, whichever process asks. */
class SharedSemaphore {
  readonly waiters = new WaitQueue();
  constructor(public value: number) {}
}

/** Each machine's shared semaphores, by "dev:ino@offset" (tmpfs never reuses an inode number). */
const machines = new WeakMap<Vfs, Map<string, SharedSemaphore>>();
/** Each process's own semaphores' waiters, by address. */
const ownWaiters = new WeakMap<L4posixContext, Map<number, WaitQueue>>();

/** Where a semaphore's count lives: a shared record, or the word at `addr` of the caller's memory. */
interface Semaphore {
  get(): number;
  set(v: number): void;
  readonly waiters: WaitQueue;
}

/** The semaphore at `addr` (checked: -EFAULT), creating its shared record from memory if need be. */
function semaphoreAt(c: L4posixContext, addr: number): Semaphore | number {
  const mem = posixState(c).mem;
  mem.refresh();
  if (addr % 4 !== 0 || !mem.ok(addr, SEM_SIZE)) return -Errno.EFAULT;
  const where = c.addressSpace?.sharedLocation(addr, SEM_SIZE);
  if (where !== undefined) {
    let records = machines.get(c.vfs);
    if (records === undefined) machines.set(c.vfs, (records = new Map()));
    const key = `${where.key}@${where.offset}`;
    let s = records.get(key);
    if (s === undefined) records.set(key, (s = new SharedSemaphore(mem.view.getInt32(addr, true))));
    const shared = s;
    return { get: () => shared.value, set: (v) => { shared.value = v; }, waiters: shared.waiters };
  }
  let queues = ownWaiters.get(c);
  if (queues === undefined) ownWaiters.set(c, (queues = new Map()));
  let waiters = queues.get(addr);
  if (waiters === undefined) queues.set(addr, (waiters = new WaitQueue()));
  return {
    get: () => { mem.refresh(); return mem.view.getInt32(addr, true); },
    set: (v) => { mem.refresh(); mem.view.setInt32(addr, v, true); },
    waiters,
  };
}

export const semCalls = {
  /**
   * sem_init(sem, pshared, value): the count in sem's memory and, where sem lies in a shared
   * object, in the shared record (a new semaphore: waiters of an old one there are woken to look
   * again). -EINVAL for a value above SEM_VALUE_MAX, -EFAULT.
   */
  sem_init(c: L4posixContext, addr: number, pshared: number, value: number): number {
    addr >>>= 0;
    if (value >>> 0 > SEM_VALUE_MAX) return -Errno.EINVAL;
    const s = semaphoreAt(c, addr);
    if (typeof s === 'number') return s;
    const mem = posixState(c).mem;
    mem.view.setInt32(addr, value, true);
    mem.view.setInt32(addr + 4, pshared !== 0 ? 1 : 0, true);
    s.set(value);
    s.waiters.wakeAll();
    return 0;
  },

  /** sem_post: the count goes up and waiters look again; -EOVERFLOW at SEM_VALUE_MAX, -EFAULT. */
  sem_post(c: L4posixContext, addr: number): number {
    const s = semaphoreAt(c, addr >>> 0);
    if (typeof s === 'number') return s;
    const v = s.get();
    if (v >= SEM_VALUE_MAX) return -Errno.EOVERFLOW;
    s.set(v + 1);
    s.waiters.wakeAll();
    return 0;
  },

  /**
   * sem_wait, sem_trywait (TRY: -EAGAIN at 0), sem_timedwait (TIMED: `deadline` in ns of
   * CLOCK_REALTIME; -ETIMEDOUT once it has passed) and sem_clockwait (TIMED | MONOTONIC: of CLOCK_MONOTONIC): takes one from the count, or waits until a
   * post, the deadline or a signal (-EINTR). -EFAULT.
   */
  sem_wait(c: L4posixContext, addr: number, flags: number, deadline: bigint): number {
    const s = semaphoreAt(c, addr >>> 0);
    if (typeof s === 'number') return s;
    const v = s.get();
    if (v > 0) {
      s.set(v - 1);
      return 0;
    }
    if ((flags & SemWait.TRY) !== 0) return -Errno.EAGAIN;
    let deadlineNs: bigint | undefined;
    if ((flags & SemWait.TIMED) !== 0) {
      const left = deadline - ((flags & SemWait.MONOTONIC) !== 0 ? c.clock.monotonicNs() : c.clock.realtimeNs());
      if (left <= 0n) return -Errno.ETIMEDOUT;
      deadlineNs = c.clock.monotonicNs() + left;
    }
    return c.wait({ sources: [{ subscribe: (wake) => s.waiters.add(wake) }], deadlineNs });
  },

  /**
   * sem_getvalue: the count; -EFAULT. A negative count is no semaphore sem_init made (junk
   * memory): -EINVAL, since the result's sign says whether it is an errno.
   */
  sem_getvalue(c: L4posixContext, addr: number): number {
    const s = semaphoreAt(c, addr >>> 0);
    if (typeof s === 'number') return s;
    const v = s.get();
    return v < 0 ? -Errno.EINVAL : v;
  },

  /** sem_destroy: a shared semaphore's record goes (a later use starts again from memory); -EFAULT. */
  sem_destroy(c: L4posixContext, addr: number): number {
    addr >>>= 0;
    const s = semaphoreAt(c, addr);
    if (typeof s === 'number') return s;
    const where = c.addressSpace?.sharedLocation(addr, SEM_SIZE);
    if (where !== undefined) {
      const mem = posixState(c).mem;
      mem.view.setInt32(addr, s.get(), true);
      machines.get(c.vfs)?.delete(`${where.key}@${where.offset}`);
    } else {
      ownWaiters.get(c)?.delete(addr);
    }
    return 0;
  },
};
