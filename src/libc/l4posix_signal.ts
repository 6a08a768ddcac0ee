// l4posix, signal family (sysroot/src/signal*.c): sigaction, sigprocmask, sigpending, sigsuspend,
// pause, kill, raise, tgkill (pthread_kill), setitimer/getitimer. Each call unmarshals, asks the
// process's signal backend (src/guest/signal_process.ts) and marshals; failures are -errno. Signal
// numbers are Linux's; a signal set is the first 8 bytes of musl's sigset_t (two words: signals
// 1-32, 33-64).
import { Errno } from '../errno.js';
import type { GuestMemory } from './abi.js';
import type { L4posixContext } from './l4posix.js';

/** A signal's action as the C side passes it: 5 words at the pointer. */
export interface SigActionRecord {
  /** 0 SIG_DFL, 1 SIG_IGN, 2 a handler. */
  kind: number;
  /** The handler's function-table index. */
  handler: number;
  flags: number;
  maskLo: number;
  maskHi: number;
}
const SIGACTION_SIZE = 20;
const SIGSET_SIZE = 8;
/** struct { long long interval_us, value_us; } */
const ITIMER_SIZE = 16;
const ITIMER_REAL = 0;
const NSIG = 65;
const SIGKILL = 9;
const SIGSTOP = 19;
const SIGFPE = 8;
/** si_code of SIGFPE for an integer division by zero (x86 Linux gives it for INT_MIN / -1 too). */
const FPE_INTDIV = 1;
/** Loop iterations between preempt calls: about 50 µs of a tight loop, a negligible share for the call. */
const LOOP_BUDGET = 50_000;

export interface ItimerValue {
  valueUs: number;
  intervalUs: number;
}

/** A POSIX timer's value and period in ns (timer_settime, timer_gettime). */
export interface PosixTimerSpec {
  valueNs: number;
  intervalNs: number;
}

/** A signal taken from the pending set, with the siginfo fields l4wasm keeps. */
export interface TakenSignal {
  sig: number;
  info: { code: number; pid: number; uid: number; addr: number; value: number };
}

/** The signal state the calls read and change directly (the local path). */
export interface SignalStateView {
  readonly blockedLo: number;
  readonly blockedHi: number;
  readonly pendingLo: number;
  readonly pendingHi: number;
  action(sig: number): Readonly<SigActionRecord>;
  setAction(sig: number, a: SigActionRecord): void;
  setMask(how: number, lo: number, hi: number): void;
  /** signalfd's read: the lowest pending signal of the set (blocked or not), taken; undefined when none is. */
  takeFromSet(lo: number, hi: number): TakenSignal | undefined;
}

/** What a process offers the signal calls. */
export interface SignalBackend {
  readonly state: SignalStateView;
  /** The program's memory, refreshed (views renewed when it grew). */
  mem(): GuestMemory;
  kill(pid: number, sig: number): number;
  /** prctl(PR_SET_PDEATHSIG / PR_GET_PDEATHSIG): the signal sent when the parent ends, 0 for none. */
  parentDeathSignal: number;
  /** sigqueue: `sig` with si_code `code` (negative) and si_value `value` to one process. */
  queue(pid: number, sig: number, code: number, value: number): number;
  /** raise: `sig` for the calling thread alone. */
  raise(sig: number): number;
  /** tgkill: `sig` for thread `tid` of process `pid` alone. */
  tgkill(pid: number, tid: number, sig: number): number;
  /** sigsuspend (keepMask false) and pause (true): -EINTR once a handler is to run, or SUSPEND. */
  sigsuspend(lo: number, hi: number, keepMask: boolean): number;
  /** A wait under a temporary mask (ppoll) was interrupted: `lo`/`hi` return once the handlers have run. */
  restoreMaskAfterHandlers(lo: number, hi: number): void;
  /** A computing loop's budget is used up: the call's boundary looks at signals and the slice. */
  lookNow(): void;
  /**
   * The program's code found it would fault with `sig` (si_code `code`): 0 when a handler catches
   * it (sent: it runs as the call returns), else 1 (the instruction then traps as it would have).
   */
  catchFault(sig: number, code: number): number;
  /** That handler returned: the instruction's trap, next, ends the process (it would fault again). */
  faultHandlerReturned(sig: number): void;
  /** getitimer (set undefined) / setitimer of ITIMER_REAL: the old value in `old`; 0, -errno or SUSPEND. */
  itimer(set: ItimerValue | undefined, old: ItimerValue): number;
  /**
   * timer_create on clock `clock` (a WASI clock id) notifying `notify` (SIGEV_*) with signal
   * `signo` and `value` (undefined: the timer's id): the timer's id or -errno. `cpuClock` reads
   * the process's CPU time (ns).
   */
  timerCreate(clock: number, notify: number, signo: number, value: number | undefined, cpuClock: () => number): number;
  /** The clock of timer `id`, or -EINVAL. */
  timerClock(id: number): number;
  /** timer_settime with a relative value (0 disarms): the old setting in `old`; 0, -errno or SUSPEND. */
  timerSet(id: number, set: PosixTimerSpec, old: PosixTimerSpec): number;
  timerGet(id: number, cur: PosixTimerSpec): number;
  timerOverrun(id: number): number;
  /** The next SIGEV_THREAD timer expiry to notify (id, sigev_value, overruns), or undefined. */
  timerNotification(): { id: number; value: number; overrun: number } | undefined;
  /** Where a notifier waits for the next one. */
  readonly timerNotified: { subscribe(wake: () => void): () => void };
  timerDelete(id: number): number;
}

function backend(c: L4posixContext): SignalBackend | undefined {
  return c.signals;
}

function valid(sig: number): boolean { return sig > 0 && sig < NSIG; }

/** A non-null pointer to `size` bytes inside the program's memory. */
function inside(m: GuestMemory, ptr: number, size: number): boolean {
  return ptr !== 0 && m.ok(ptr, size);
}

const scratch: ItimerValue = { valueUs: 0, intervalUs: 0 };

export const signalCalls = {
  /** sigaction(sig, act, oldact): the old action is written after the new one was read. */
  sigaction(c: L4posixContext, sig: number, actPtr: number, oldPtr: number): number {
    const s = backend(c);
    if (s === undefined) return -Errno.ENOSYS;
    actPtr >>>= 0; oldPtr >>>= 0;
    if (!valid(sig)) return -Errno.EINVAL;
    const m = s.mem();
    if ((actPtr !== 0 && !inside(m, actPtr, SIGACTION_SIZE)) || (oldPtr !== 0 && !inside(m, oldPtr, SIGACTION_SIZE))) return -Errno.EFAULT;
    const v = m.view;
    let act: SigActionRecord | undefined;
    if (actPtr !== 0) {
      if (sig === SIGKILL || sig === SIGSTOP) return -Errno.EINVAL;
      act = {
        kind: v.getUint32(actPtr, true), handler: v.getUint32(actPtr + 4, true), flags: v.getUint32(actPtr + 8, true),
        maskLo: v.getInt32(actPtr + 12, true), maskHi: v.getInt32(actPtr + 16, true),
      };
      if (act.kind > 2) return -Errno.EINVAL;
    }
    const old = s.state.action(sig);
    if (oldPtr !== 0) {
      v.setUint32(oldPtr, old.kind, true);
      v.setUint32(oldPtr + 4, old.handler, true);
      v.setUint32(oldPtr + 8, old.flags, true);
      v.setInt32(oldPtr + 12, old.maskLo, true);
      v.setInt32(oldPtr + 16, old.maskHi, true);
    }
    if (act !== undefined) s.state.setAction(sig, act);
    return 0;
  },

  /** sigprocmask(how, set, oldset): `how` is checked only with a set, as Linux does. */
  sigprocmask(c: L4posixContext, how: number, setPtr: number, oldPtr: number): number {
    const s = backend(c);
    if (s === undefined) return -Errno.ENOSYS;
    setPtr >>>= 0; oldPtr >>>= 0;
    const m = s.mem();
    if ((setPtr !== 0 && !inside(m, setPtr, SIGSET_SIZE)) || (oldPtr !== 0 && !inside(m, oldPtr, SIGSET_SIZE))) return -Errno.EFAULT;
    const v = m.view;
    const st = s.state;
    const oldLo = st.blockedLo;
    const oldHi = st.blockedHi;
    if (setPtr !== 0) {
      if (how < 0 || how > 2) return -Errno.EINVAL;
      st.setMask(how, v.getInt32(setPtr, true), v.getInt32(setPtr + 4, true));
    }
    if (oldPtr !== 0) {
      v.setInt32(oldPtr, oldLo, true);
      v.setInt32(oldPtr + 4, oldHi, true);
    }
    return 0;
  },

  /** sigpending(set): the signals pending while blocked, the process's and the calling thread's own. */
  sigpending(c: L4posixContext, setPtr: number): number {
    const s = backend(c);
    if (s === undefined) return -Errno.ENOSYS;
    setPtr >>>= 0;
    const m = s.mem();
    if (!inside(m, setPtr, SIGSET_SIZE)) return -Errno.EFAULT;
    const st = s.state;
    m.view.setInt32(setPtr, st.pendingLo & st.blockedLo, true);
    m.view.setInt32(setPtr + 4, st.pendingHi & st.blockedHi, true);
    return 0;
  },

  /** sigsuspend(mask): waits with `mask` until a handler is to run; always -EINTR then. */
  sigsuspend(c: L4posixContext, setPtr: number): number {
    const s = backend(c);
    if (s === undefined) return -Errno.ENOSYS;
    setPtr >>>= 0;
    const m = s.mem();
    if (!inside(m, setPtr, SIGSET_SIZE)) return -Errno.EFAULT;
    return s.sigsuspend(m.view.getInt32(setPtr, true), m.view.getInt32(setPtr + 4, true), false);
  },

  pause(c: L4posixContext): number {
    const s = backend(c);
    if (s === undefined) return -Errno.ENOSYS;
    return s.sigsuspend(0, 0, true);
  },

  /** kill(pid, sig): sig 0 only checks that the process exists. */
  kill(c: L4posixContext, pid: number, sig: number): number {
    const s = backend(c);
    if (s === undefined) return -Errno.ENOSYS;
    if (sig !== 0 && !valid(sig)) return -Errno.EINVAL;
    return s.kill(pid | 0, sig);
  },

  /** sigqueue(pid, sig, value, code): sig 0 only checks that the process exists. */
  sigqueue(c: L4posixContext, pid: number, sig: number, value: number, code: number): number {
    const s = backend(c);
    if (s === undefined) return -Errno.ENOSYS;
    if (sig !== 0 && !valid(sig)) return -Errno.EINVAL;
    return s.queue(pid | 0, sig, code | 0, value | 0);
  },

  /** pdeathsig(set, sig): set (1) the parent-death signal (0 clears; EINVAL for an invalid one), or read it (0). */
  pdeathsig(c: L4posixContext, set: number, sig: number): number {
    const s = backend(c);
    if (s === undefined) return -Errno.ENOSYS;
    if (set === 0) return s.parentDeathSignal;
    if (sig !== 0 && !valid(sig)) return -Errno.EINVAL;
    s.parentDeathSignal = sig;
    return 0;
  },

  raise(c: L4posixContext, sig: number): number {
    const s = backend(c);
    if (s === undefined) return -Errno.ENOSYS;
    if (!valid(sig)) return -Errno.EINVAL;
    return s.raise(sig);
  },

  /**
   * tgkill(pid, tid, sig): thread `tid` of process `pid` alone (pthread_kill; Linux's checks: a
   * pid or tid <= 0 is EINVAL, no such thread ESRCH); sig 0 only checks that the thread exists.
   */
  tgkill(c: L4posixContext, pid: number, tid: number, sig: number): number {
    const s = backend(c);
    if (s === undefined) return -Errno.ENOSYS;
    if ((pid | 0) <= 0 || (tid | 0) <= 0 || (sig !== 0 && !valid(sig))) return -Errno.EINVAL;
    return s.tgkill(pid | 0, tid | 0, sig);
  },

  /**
   * preempt(): called by loops instrumented at load when their budget of iterations is used up;
   * returns the next budget. Its boundary delivers pending signals and gives up the CPU at the
   * slice's end, as any call's does.
   */
  preempt(c: L4posixContext): number {
    backend(c)?.lookNow();
    return LOOP_BUDGET;
  },

  /**
   * fault(returned): a division helper (instrument.ts) is about to divide by zero. (0): SIGFPE with
   * FPE_INTDIV goes to the handler that catches it, which runs as this call returns (it may
   * siglongjmp out: the program's frames are alive), answered 0; 1 when nothing catches it (the
   * division then traps, and the trap's rules apply). (1): the handler returned; the division would
   * fault again (on Linux for ever): its trap, next, ends the process with SIGFPE.
   */
  fault(c: L4posixContext, returned: number): number {
    const s = backend(c);
    if (s === undefined) return 1;
    if (returned === 0) return s.catchFault(SIGFPE, FPE_INTDIV);
    s.faultHandlerReturned(SIGFPE);
    return 0;
  },

  /** setitimer(which, new, old) for ITIMER_REAL; the values are µs (the C side converts). */
  setitimer(c: L4posixContext, which: number, newPtr: number, oldPtr: number): number {
    const s = backend(c);
    if (s === undefined) return -Errno.ENOSYS;
    newPtr >>>= 0; oldPtr >>>= 0;
    if (which !== ITIMER_REAL) return -Errno.EINVAL;
    const m = s.mem();
    if (!inside(m, newPtr, ITIMER_SIZE) || (oldPtr !== 0 && !inside(m, oldPtr, ITIMER_SIZE))) return -Errno.EFAULT;
    const intervalUs = Number(m.view.getBigInt64(newPtr, true));
    const valueUs = Number(m.view.getBigInt64(newPtr + 8, true));
    if (intervalUs < 0 || valueUs < 0) return -Errno.EINVAL;
    const r = s.itimer({ valueUs, intervalUs }, scratch);
    if (r !== 0) return r;
    if (oldPtr !== 0) writeItimer(s.mem().view, oldPtr, scratch);
    return 0;
  },

  getitimer(c: L4posixContext, which: number, curPtr: number): number {
    const s = backend(c);
    if (s === undefined) return -Errno.ENOSYS;
    curPtr >>>= 0;
    if (which !== ITIMER_REAL) return -Errno.EINVAL;
    if (!inside(s.mem(), curPtr, ITIMER_SIZE)) return -Errno.EFAULT;
    const r = s.itimer(undefined, scratch);
    if (r !== 0) return r;
    writeItimer(s.mem().view, curPtr, scratch);
    return 0;
  },

};

function writeItimer(v: DataView, ptr: number, t: ItimerValue): void {
  v.setBigInt64(ptr, BigInt(t.intervalUs), true);
  v.setBigInt64(ptr + 8, BigInt(t.valueUs), true);
}
