// A process's POSIX per-process timers (timer_create and friends): what each timer notifies
// (a signal carrying its sigev_value, a notification a thread of the program takes (SIGEV_THREAD:
// sysroot/src/timer.c runs the function in a new thread), or nothing) and its overrun count. Their expiries come from
// E (signal_thread.ts), which keeps every armed timer's deadline as its IPC timeout; the
// CPU-time timers, whose clock advances only while the program runs, are checked at the
// program's call boundaries instead.
import { Errno } from '../errno.js';
import { WaitQueue } from '../wait_queue.js';
import type { SigInfo } from './signal_state.js';
import { SiCode } from './signals.js';

/** sigev_notify values (musl). */
export const enum SigevNotify { Signal = 0, None = 1, Thread = 2, ThreadId = 4 }

/** The clocks a timer can measure (WASI clock ids, as the C side passes them). */
export const enum TimerClock { Realtime = 0, Monotonic = 1, ProcessCpu = 2, ThreadCpu = 3 }

/** Linux caps the overrun count at INT_MAX (DELAYTIMER_MAX). */
const DELAYTIMER_MAX = 0x7fffffff;
/** Linux gives a process at most this many timers by default (RLIMIT_SIGPENDING's order); then EAGAIN. */
const MAX_TIMERS = 4096;

export interface TimerNotify {
  notify: SigevNotify.Signal | SigevNotify.None | SigevNotify.Thread;
  signo: number;
  /** sigev_value (undefined: the timer's id, as timer_create without a sigevent gives). */
  value: number | undefined;
}

interface PosixTimer extends TimerNotify {
  readonly value: number;
  readonly id: number;
  readonly clock: TimerClock;
  /** The siginfo of its last signal (still pending, or taken). */
  info?: SigInfo;
  /** The overrun count of its last signal taken (timer_getoverrun). */
  lastOverrun: number;
  /** A CPU-time timer: its next expiry in process CPU time (ns; 0: disarmed) and its period. */
  cpuDeadlineNs: number;
  cpuIntervalNs: number;
  /** SIGEV_THREAD: its notification waits to be taken, with this many overruns. */
  queued: boolean;
  queuedOverrun: number;
}

/** A SIGEV_THREAD timer's expiry, as the program's notifier thread takes it. */
export interface ThreadNotification {
  id: number;
  value: number;
  overrun: number;
}

/** What the timers need of the process's signal machinery. */
export interface TimerSignals {
  /** Sends `sig` with `info` to the process. */
  send(sig: number, info: SigInfo): void;
  /** This very siginfo is pending for `sig`. */
  isQueued(sig: number, info: SigInfo): boolean;
}

export class PosixTimers {
  private readonly timers = new Map<number, PosixTimer>();
  /** Linux hands out ids in increasing order and does not reuse one soon. */
  private nextId = 0;
  /** How many CPU-time timers are armed (the call boundaries look at the CPU clock only then). */
  private cpuArmed = 0;
  /** SIGEV_THREAD timers whose notification waits, in expiry order, and who waits for one. */
  private readonly notifications: number[] = [];
  readonly notified = new WaitQueue();

  constructor(private readonly signals: TimerSignals) {}

  /** timer_create: the new timer's id, or -errno. */
  create(clock: TimerClock, n: TimerNotify): number {
    if (this.timers.size >= MAX_TIMERS) return -Errno.EAGAIN;
    let id = this.nextId;
    while (this.timers.has(id)) id = (id + 1) & 0x7fffffff;
    this.nextId = (id + 1) & 0x7fffffff;
    this.timers.set(id, { id, clock, ...n, value: n.value ?? id, lastOverrun: 0, cpuDeadlineNs: 0, cpuIntervalNs: 0, queued: false, queuedOverrun: 0 });
    return id;
  }

  has(id: number): boolean { return this.timers.has(id); }

  clockOf(id: number): TimerClock | undefined { return this.timers.get(id)?.clock; }

  isCpuClock(id: number): boolean {
    const c = this.timers.get(id)?.clock;
    return c === TimerClock.ProcessCpu || c === TimerClock.ThreadCpu;
  }

  /**
   * timer_delete (its expiry in E is removed by the caller). A signal it sent stays pending but
   * does nothing when taken, as on Linux.
   */
  delete(id: number): void {
    const t = this.timers.get(id);
    if (t === undefined) return;
    this.dropPending(t);
    if (t.cpuDeadlineNs !== 0) this.cpuArmed--;
    this.timers.delete(id);
  }

  /** Every timer (exec and exit delete them); their ids, for E to forget. */
  clear(): number[] {
    const ids = [...this.timers.keys()];
    this.timers.clear();
    this.notifications.length = 0;
    this.cpuArmed = 0;
    return ids;
  }

  /** timer_settime re-armed or disarmed it: the overrun count starts anew, its pending signal is void. */
  rearmed(id: number): void {
    const t = this.timers.get(id);
    if (t === undefined) return;
    t.lastOverrun = 0;
    t.queued = false;
    this.dropPending(t);
  }

  private dropPending(t: PosixTimer): void {
    if (t.info !== undefined && this.signals.isQueued(t.signo, t.info)) t.info.dropped = true;
    t.info = undefined;
  }

  /** timer_getoverrun: the overruns of its last signal taken. */
  overrun(id: number): number {
    const t = this.timers.get(id);
    if (t === undefined) return -Errno.EINVAL;
    if (t.info !== undefined && !this.signals.isQueued(t.signo, t.info)) return t.info.uid;
    return t.lastOverrun;
  }

  /**
   * The timer expired (`overruns` more periods passed unseen): its signal, with si_timerid,
   * si_overrun and si_value (si_pid and si_uid share their place). While its last signal is still
   * pending, the expiry only counts as an overrun, as on Linux.
   */
  expired(id: number, overruns: number): void {
    const t = this.timers.get(id);
    if (t?.notify === SigevNotify.Thread) {
      // Like a pending signal: while its notification is not taken, an expiry is an overrun.
      if (t.queued) {
        t.queuedOverrun = Math.min(DELAYTIMER_MAX, t.queuedOverrun + 1 + overruns);
        return;
      }
      t.queued = true;
      t.queuedOverrun = Math.min(DELAYTIMER_MAX, overruns);
      this.notifications.push(id);
      this.notified.wakeAll();
      return;
    }
    if (t === undefined || t.notify !== SigevNotify.Signal) return;
    const pending = t.info !== undefined && this.signals.isQueued(t.signo, t.info);
    if (pending) {
      t.info!.uid = Math.min(DELAYTIMER_MAX, t.info!.uid + 1 + overruns);
      return;
    }
    if (t.info !== undefined) t.lastOverrun = t.info.uid;
    t.info = { code: SiCode.TIMER, pid: id, uid: Math.min(DELAYTIMER_MAX, overruns), addr: 0, value: t.value };
    this.signals.send(t.signo, t.info);
  }

  /** The next SIGEV_THREAD notification (its overruns become timer_getoverrun's), or undefined. */
  takeNotification(): ThreadNotification | undefined {
    for (let id = this.notifications.shift(); id !== undefined; id = this.notifications.shift()) {
      const t = this.timers.get(id);
      if (t === undefined || !t.queued) continue; // deleted or re-armed meanwhile
      t.queued = false;
      t.lastOverrun = t.queuedOverrun;
      return { id, value: t.value, overrun: t.queuedOverrun };
    }
    return undefined;
  }

  // ---- CPU-time timers (checked at call boundaries) ----

  /** Arms (valueNs 0: disarms) a CPU-time timer at `nowNs` of process CPU time; the old [remaining, interval]. */
  setCpu(id: number, nowNs: number, valueNs: number, intervalNs: number): { remainingNs: number; intervalNs: number } {
    const t = this.timers.get(id)!;
    const old = this.getCpu(id, nowNs);
    if (t.cpuDeadlineNs !== 0) this.cpuArmed--;
    t.cpuDeadlineNs = valueNs === 0 ? 0 : nowNs + valueNs;
    t.cpuIntervalNs = valueNs === 0 ? 0 : intervalNs;
    if (t.cpuDeadlineNs !== 0) this.cpuArmed++;
    return old;
  }

  getCpu(id: number, nowNs: number): { remainingNs: number; intervalNs: number } {
    const t = this.timers.get(id)!;
    if (t.cpuDeadlineNs === 0) return { remainingNs: 0, intervalNs: 0 };
    return { remainingNs: Math.max(1, t.cpuDeadlineNs - nowNs), intervalNs: t.cpuIntervalNs };
  }

  /** Some CPU-time timer is armed. */
  get cpuTimersArmed(): boolean { return this.cpuArmed > 0; }

  /** The CPU-time timers due at `nowNs` of process CPU time expire. */
  checkCpu(nowNs: number): void {
    for (const t of this.timers.values()) {
      if (t.cpuDeadlineNs === 0 || nowNs < t.cpuDeadlineNs) continue;
      let overruns = 0;
      if (t.cpuIntervalNs > 0) {
        overruns = Math.floor((nowNs - t.cpuDeadlineNs) / t.cpuIntervalNs);
        t.cpuDeadlineNs += (overruns + 1) * t.cpuIntervalNs;
      } else {
        t.cpuDeadlineNs = 0;
        this.cpuArmed--;
      }
      this.expired(t.id, overruns);
    }
  }
}
