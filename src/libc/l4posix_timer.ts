// l4posix, POSIX per-process timers (sysroot/src/timer.c): timer_create, timer_settime,
// timer_gettime, timer_getoverrun, timer_delete. Each call unmarshals, checks the program's
// pointers (EFAULT) and values (EINVAL) and asks the process's signal backend
// (src/guest/signal_process.ts), whose exception/timer thread keeps the deadlines.
import { Errno } from '../errno.js';
import type { GuestMemory } from './abi.js';
import type { L4posixContext } from './l4posix.js';
import type { PosixTimerSpec } from './l4posix_signal.js';

/** struct sigevent: sigev_value at 0, sigev_signo at 4, sigev_notify at 8, sigev_notify_thread_id at 12 (musl, wasm32). */
const SIGEVENT_SIZE = 16;
const SIGEV_THREAD_ID = 4;
/** struct itimerspec: it_interval, it_value, each a struct timespec (time_t at 0, long tv_nsec at 8). */
const ITIMERSPEC_SIZE = 32;
const TIMER_T_SIZE = 4;
const SIGEV_SIGNAL = 0;
const SIGALRM = 14;
const TIMER_ABSTIME = 1;
const NS_PER_S = 1e9;
/** A hundred years (ns): longer timers are this long, as setitimer's. */
const MAX_NS = 3155760000 * NS_PER_S;
/** WASI clock ids (the C side passes the clockid's). */
const enum Clock { Realtime = 0, Monotonic = 1, ProcessCpu = 2, ThreadCpu = 3 }

function inside(m: GuestMemory, ptr: number, size: number): boolean {
  return ptr !== 0 && m.ok(ptr, size);
}

/** A struct timespec at `ptr` in ns, or undefined when it is not a valid time (negative, tv_nsec out of range). */
function readTimespecNs(v: DataView, ptr: number): number | undefined {
  const sec = v.getBigInt64(ptr, true);
  const nsec = v.getInt32(ptr + 8, true);
  if (sec < 0n || nsec < 0 || nsec >= NS_PER_S) return undefined;
  return Math.min(MAX_NS, Number(sec) * NS_PER_S + nsec);
}

function writeTimespecNs(v: DataView, ptr: number, ns: number): void {
  const sec = Math.floor(ns / NS_PER_S);
  v.setBigInt64(ptr, BigInt(sec), true);
  v.setInt32(ptr + 8, ns - sec * NS_PER_S, true);
  v.setInt32(ptr + 12, 0, true);
}

function writeSpec(v: DataView, ptr: number, t: PosixTimerSpec): void {
  writeTimespecNs(v, ptr, t.intervalNs);
  writeTimespecNs(v, ptr + 16, t.valueNs);
}

/** Clock `clock`'s time now (ns). */
function clockNow(c: L4posixContext, clock: number): number {
  switch (clock) {
    case Clock.Realtime: return Number(c.clock.realtimeNs());
    case Clock.Monotonic: return Number(c.clock.monotonicNs());
    default: return Number(c.clock.processCpuNs());
  }
}

const scratch: PosixTimerSpec = { valueNs: 0, intervalNs: 0 };

export const timerCalls = {
  /**
   * The next SIGEV_THREAD expiry for the program's notifier thread (sysroot/src/timer.c): the
   * timer's id, sigev_value and overruns at `out` (3 ints); waits for one.
   */
  timer_notification(c: L4posixContext, outPtr: number): number {
    const s = c.signals;
    if (s === undefined) return -Errno.ENOSYS;
    outPtr >>>= 0;
    if (!inside(s.mem(), outPtr, 12)) return -Errno.EFAULT;
    const n = s.timerNotification();
    if (n === undefined) return c.wait({ sources: [s.timerNotified] });
    const v = s.mem().view;
    v.setInt32(outPtr, n.id, true);
    v.setInt32(outPtr + 4, n.value, true);
    v.setInt32(outPtr + 8, n.overrun, true);
    return 0;
  },

  /** timer_create(clock, sevp, timerid): sevp 0 is SIGEV_SIGNAL with SIGALRM and the id as value. */
  timer_create(c: L4posixContext, clock: number, sevPtr: number, idPtr: number): number {
    const s = c.signals;
    if (s === undefined) return -Errno.ENOSYS;
    sevPtr >>>= 0; idPtr >>>= 0;
    const m = s.mem();
    if ((sevPtr !== 0 && !inside(m, sevPtr, SIGEVENT_SIZE)) || !inside(m, idPtr, TIMER_T_SIZE)) return -Errno.EFAULT;
    const v = m.view;
    const explicit = sevPtr !== 0;
    // Without a sigevent the signal's si_value is the timer's id (undefined here).
    const value = explicit ? v.getInt32(sevPtr, true) : undefined;
    const signo = explicit ? v.getInt32(sevPtr + 4, true) : SIGALRM;
    let notify = explicit ? v.getInt32(sevPtr + 8, true) : SIGEV_SIGNAL;
    // SIGEV_THREAD_ID naming the process's one thread (its tid is the pid) is SIGEV_SIGNAL.
    if (notify === SIGEV_THREAD_ID) {
      if (v.getInt32(sevPtr + 12, true) !== c.identity.pid) return -Errno.EINVAL;
      notify = SIGEV_SIGNAL;
    }
    const id = s.timerCreate(clock, notify, signo, value, () => Number(c.clock.processCpuNs()));
    if (id < 0) return id;
    s.mem().view.setInt32(idPtr, id, true);
    return 0;
  },

  /**
   * timer_settime(timerid, flags, new, old): TIMER_ABSTIME's value becomes relative to the timer's
   * clock now. Checked in Linux's order: the new value (EINVAL for NULL, EFAULT, EINVAL), the timer
   * (EINVAL); an unwritable old value is EFAULT once the timer is set.
   */
  timer_settime(c: L4posixContext, id: number, flags: number, newPtr: number, oldPtr: number): number {
    const s = c.signals;
    if (s === undefined) return -Errno.ENOSYS;
    newPtr >>>= 0; oldPtr >>>= 0;
    if (newPtr === 0) return -Errno.EINVAL;
    const m = s.mem();
    if (!inside(m, newPtr, ITIMERSPEC_SIZE)) return -Errno.EFAULT;
    const intervalNs = readTimespecNs(m.view, newPtr);
    let valueNs = readTimespecNs(m.view, newPtr + 16);
    if (intervalNs === undefined || valueNs === undefined) return -Errno.EINVAL;
    const clock = s.timerClock(id);
    if (clock < 0) return clock;
    if (valueNs !== 0 && (flags & TIMER_ABSTIME) !== 0) {
      // A time already past expires at once.
      valueNs = Math.max(1, valueNs - clockNow(c, clock));
    }
    const r = s.timerSet(id, { valueNs, intervalNs: valueNs === 0 ? 0 : intervalNs }, scratch);
    if (r !== 0 || oldPtr === 0) return r;
    const after = s.mem();
    if (!inside(after, oldPtr, ITIMERSPEC_SIZE)) return -Errno.EFAULT;
    writeSpec(after.view, oldPtr, scratch);
    return 0;
  },

  /** timer_gettime(timerid, cur): the time left (0: disarmed) and the period. */
  timer_gettime(c: L4posixContext, id: number, curPtr: number): number {
    const s = c.signals;
    if (s === undefined) return -Errno.ENOSYS;
    curPtr >>>= 0;
    if (s.timerClock(id) < 0) return -Errno.EINVAL;
    if (!inside(s.mem(), curPtr, ITIMERSPEC_SIZE)) return -Errno.EFAULT;
    const r = s.timerGet(id, scratch);
    if (r !== 0) return r;
    writeSpec(s.mem().view, curPtr, scratch);
    return 0;
  },

  timer_getoverrun(c: L4posixContext, id: number): number {
    const s = c.signals;
    if (s === undefined) return -Errno.ENOSYS;
    return s.timerOverrun(id);
  },

  timer_delete(c: L4posixContext, id: number): number {
    const s = c.signals;
    if (s === undefined) return -Errno.ENOSYS;
    return s.timerDelete(id);
  },
};
