// l4posix, timerfd (sysroot/src/timerfd.c): timerfd_create, timerfd_settime, timerfd_gettime on
// the timer objects of src/vfs/timerfd.ts. Checks are made in Linux's order (fs/timerfd.c).
import { Errno } from '../errno.js';
import type { GuestMemory } from './abi.js';
import type { L4posixContext } from './l4posix.js';
import { insertObject } from './fd_object.js';
import { O_CLOEXEC, O_NONBLOCK } from './posix_abi.js';
import { TimerFd, type TimerSetting } from '../vfs/timerfd.js';

/** WASI clock ids (the C side passes the clockid_t's). */
const enum Clock { Realtime = 0, Monotonic = 1 }
const TFD_TIMER_ABSTIME = 1;
/** Accepted as Linux does; a jump of the real-time clock does not cancel the timer here (README). */
const TFD_TIMER_CANCEL_ON_SET = 2;
/** struct itimerspec: it_interval then it_value, each a struct timespec (time_t at 0, long tv_nsec at 8). */
const ITIMERSPEC_SIZE = 32;
const NS_PER_S = 1_000_000_000n;

/** A struct timespec at `ptr` in ns, or undefined when it is not valid (negative, tv_nsec out of range). */
function readTimespec(v: DataView, ptr: number): bigint | undefined {
  const sec = v.getBigInt64(ptr, true);
  const nsec = v.getInt32(ptr + 8, true);
  if (sec < 0n || nsec < 0 || nsec >= 1e9) return undefined;
  return sec * NS_PER_S + BigInt(nsec);
}

function writeTimespec(v: DataView, ptr: number, ns: bigint): void {
  v.setBigInt64(ptr, ns / NS_PER_S, true);
  v.setInt32(ptr + 8, Number(ns % NS_PER_S), true);
  v.setInt32(ptr + 12, 0, true);
}

function writeSetting(m: GuestMemory, ptr: number, t: TimerSetting): void {
  writeTimespec(m.view, ptr, t.intervalNs);
  writeTimespec(m.view, ptr + 16, t.valueNs);
}

/** The program's memory, refreshed (it may have grown); undefined without a signal backend. */
function guest(c: L4posixContext): GuestMemory | undefined {
  return c.signals?.mem();
}

/** The timer `fd` names: -EBADF for a closed descriptor, -EINVAL for another kind of file. */
function timerOf(c: L4posixContext, fd: number): TimerFd | number {
  const e = c.fds.getFile(fd, 0);
  if (typeof e === 'number') return e;
  return e.desc.file instanceof TimerFd ? e.desc.file : -Errno.EINVAL;
}

export const timerfdCalls = {
  /** timerfd_create(clock, flags): the new descriptor; -EINVAL for other clocks and unknown flags. */
  timerfd_create(c: L4posixContext, clock: number, flags: number): number {
    if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) !== 0) return -Errno.EINVAL;
    if (clock !== Clock.Realtime && clock !== Clock.Monotonic) return -Errno.EINVAL;
    const file = new TimerFd(() => c.clock.monotonicNs(), clock);
    return insertObject(c, file, flags);
  },

  /**
   * timerfd_settime(fd, flags, new, old): EFAULT for an unreadable new value, EINVAL for unknown
   * flags or a bad time, then EBADF/EINVAL for the descriptor; an absolute time becomes relative
   * to the timer's clock now (a time already past expires at once).
   */
  timerfd_settime(c: L4posixContext, fd: number, flags: number, newPtr: number, oldPtr: number): number {
    newPtr >>>= 0; oldPtr >>>= 0;
    const m = guest(c);
    if (m === undefined) return -Errno.ENOSYS;
    if (newPtr === 0 || !m.ok(newPtr, ITIMERSPEC_SIZE)) return -Errno.EFAULT;
    const intervalNs = readTimespec(m.view, newPtr);
    let valueNs = readTimespec(m.view, newPtr + 16);
    if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) !== 0 || intervalNs === undefined || valueNs === undefined) {
      return -Errno.EINVAL;
    }
    const timer = timerOf(c, fd);
    if (typeof timer === 'number') return timer;
    if (valueNs !== 0n && (flags & TFD_TIMER_ABSTIME) !== 0) {
      const now = timer.clock === Clock.Realtime ? c.clock.realtimeNs() : c.clock.monotonicNs();
      valueNs = valueNs > now ? valueNs - now : 1n;
    }
    const old = timer.set({ valueNs, intervalNs });
    if (oldPtr === 0) return 0;
    const after = guest(c)!;
    if (!after.ok(oldPtr, ITIMERSPEC_SIZE)) return -Errno.EFAULT;
    writeSetting(after, oldPtr, old);
    return 0;
  },

  /** timerfd_gettime(fd, cur): the time left (0: disarmed) and the period. */
  timerfd_gettime(c: L4posixContext, fd: number, curPtr: number): number {
    curPtr >>>= 0;
    const m = guest(c);
    if (m === undefined) return -Errno.ENOSYS;
    const timer = timerOf(c, fd);
    if (typeof timer === 'number') return timer;
    if (curPtr === 0 || !m.ok(curPtr, ITIMERSPEC_SIZE)) return -Errno.EFAULT;
    writeSetting(m, curPtr, timer.get());
    return 0;
  },
};
