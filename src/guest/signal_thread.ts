// A process's exception and timer handler thread E (the lecture's design for signals): a host
// thread in the root task, run like a server. The program thread T names E as its exception
// handler, so a trap of T reaches E as the kernel's exception IPC; E decides whether T runs the
// signal's handler (reply RunHandler with the signal) or dies of it (reply KillTask: the kernel
// ends T's task with the exception recorded). The process's timers (ITIMER_REAL and the POSIX
// timers of timer_create) are E's IPC timeout: E waits for requests until the earliest timer's
// expiry, and when the wait times out it tells the process which timers expired (SIGALRM, or the
// POSIX timer's signal). setitimer/timer_settime reach E as requests through its gate (mapped
// into T's task).
import { Errno } from '../errno.js';
import { KErr, Proto, ResumeAction, Timeout, msgTag, tagLabel, type GateId, type KRef, type Kernel, type ThreadId } from '../kernel/kernel.js';
import { WOULD_BLOCK, type Cpu, type HostThread } from '../kernel/cpu.js';
import { TrapKind, trapSignal } from './signals.js';

/**
 * Requests to E through its gate (the message label). MR0 names the timer (TimerKey); times
 * travel as two 32-bit words each.
 */
export const enum TimerOp {
  /** [key, value lo, hi, interval lo, hi] in µs (value 0 disarms) -> the old [remaining, interval]. */
  Set = 1,
  /** [key] -> [remaining lo, hi, interval lo, hi] in µs. */
  Get = 2,
  /** A timer is due but E has not run: handle the expiries now. -> nothing. */
  Poll = 3,
  /** [key]: the timer is gone (timer_delete). -> nothing. */
  Delete = 4,
}

/** The timer of setitimer(ITIMER_REAL); POSIX timers are keyed by their id (>= 0). */
export const ITIMER_REAL_KEY = -1;

/** One armed timer: kernel time (µs) of its next expiry and its period (0: one-shot). */
interface Deadline {
  deadlineUs: number;
  intervalUs: number;
}

/** The gate's label (E serves one process: the label only tells requests from exceptions). */
const GATE_LABEL = 0x5349474e;
/** The shortest timer period E keeps (µs): a shorter one would only keep the CPU busy with E. */
const MIN_PERIOD_US = 100;

/** What E needs of the process it serves. */
export interface SignalThreadOwner {
  /** A fault of `sig` would run a handler (installed, not blocked). */
  catchesFault(sig: number): boolean;
  /** The fault just reflected is fatal: the process ends with its signal. */
  dieOfFault(): void;
  /** Timer `key` expired; `overruns` more expiries of a periodic timer passed unseen. */
  timerExpired(key: number, overruns: number): void;
}

export class SignalThread implements HostThread {
  /** Answers at once: T's requests run it on the CPU's IPC fast path. */
  readonly direct = true;
  readonly thread: KRef<ThreadId>;
  readonly gate: KRef<GateId>;
  /** Blocked in a receive: its result is in the UTCB when run() is called again. */
  private waiting = false;
  private closed = false;
  /** The armed timers by key; the earliest deadline is E's wait timeout. */
  private readonly armed = new Map<number, Deadline>();
  /** The earliest deadline (µs; 0: none armed). */
  private nextUs = 0;

  constructor(private readonly kernel: Kernel, private readonly cpu: Cpu, private readonly owner: SignalThreadOwner, prio = 120) {
    this.thread = kernel.newThread({ prio, cpu: cpu.id });
    this.gate = kernel.newGate(this.thread, GATE_LABEL);
    cpu.register(this.thread.id, this);
    kernel.start(this.thread.id);
  }

  /** The process ended: E and its gate go (T's capabilities to them with them). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const k = this.kernel;
    this.cpu.unregister(this.thread.id);
    k.deleteCap(k.rootTask, this.gate.cap);
    k.deleteCap(k.rootTask, this.thread.cap);
  }

  run(): void {
    if (this.closed) return;
    const k = this.kernel;
    const t = this.thread.id;
    let r = this.waiting ? k.result(t) : k.receive(t, 0, this.timeoutUs());
    this.waiting = false;
    let failures = 0;
    for (;;) {
      if (this.closed) return;
      if (r === WOULD_BLOCK) {
        this.waiting = true;
        return;
      }
      if (r === -KErr.Timeout) {
        this.expire();
        r = k.receive(t, 0, this.timeoutUs());
        continue;
      }
      if (r < 0) {
        // Canceled, or a reply nobody took: wait afresh (once; then let others run).
        if (++failures > 1) return;
        r = k.receive(t, 0, this.timeoutUs());
        continue;
      }
      const reply = tagLabel(k.tag(t)) === Proto.Exception ? this.exception() : this.request();
      if (this.closed) return;
      r = k.replyAndWait(t, reply, this.timeoutUs());
    }
  }

  /** exec deleted these timers: their deadlines go (E's wait may end early and find nothing due). */
  forget(keys: readonly number[]): void {
    for (const key of keys) this.armed.delete(key);
    this.updateNext();
  }

  /** A timer has expired (E handles that when it next runs, or when poked with TimerOp.Poll). */
  timerDue(nowUs: number): boolean {
    return this.nextUs !== 0 && nowUs >= this.nextUs;
  }

  /** The wait's timeout: until the earliest timer's expiry, or none. */
  private timeoutUs(): number {
    if (this.nextUs === 0) return Timeout.Never;
    // Never sooner than the last pass took: timers that come due faster than E can expire them
    // (1,000 of 100 µs) count overruns instead of keeping E, and with it the CPU, busy for good.
    const left = Math.max(this.nextUs - this.kernel.nowUs(), this.lastPassUs);
    return left <= 0 ? Timeout.Poll : Math.ceil(left);
  }

  /** How long the last expire() pass took (µs). */
  private lastPassUs = 0;

  private updateNext(): void {
    let next = 0;
    for (const d of this.armed.values()) if (next === 0 || d.deadlineUs < next) next = d.deadlineUs;
    this.nextUs = next;
  }

  /**
   * The timers whose deadline has passed expire, in deadline order; a periodic one moves to its
   * next expiry still ahead and counts the periods it skipped as overruns.
   */
  private expire(): void {
    if (this.nextUs === 0) return;
    const now = this.kernel.nowUs();
    if (now < this.nextUs) return; // woken early (the kernel rounds): wait the rest
    const due = [...this.armed].filter(([, d]) => now >= d.deadlineUs).sort((a, b) => a[1].deadlineUs - b[1].deadlineUs);
    for (const [key, d] of due) {
      let overruns = 0;
      if (d.intervalUs > 0) {
        overruns = Math.floor((now - d.deadlineUs) / d.intervalUs);
        d.deadlineUs += (overruns + 1) * d.intervalUs;
      } else {
        this.armed.delete(key);
      }
      this.owner.timerExpired(key, overruns);
    }
    this.lastPassUs = this.kernel.nowUs() - now;
    this.updateNext();
  }

  /** T trapped: MR0 kind, MR1 pc, MR2 address, MR3 thread. Run the handler, or end the process. */
  private exception(): number {
    const k = this.kernel;
    const t = this.thread.id;
    const kind = k.mr(t, 0) as TrapKind;
    const { sig } = trapSignal(kind);
    if (kind !== TrapKind.Abort && this.owner.catchesFault(sig)) {
      k.writeMrs(t, [ResumeAction.RunHandler, sig]);
      return msgTag(0, 2);
    }
    k.writeMrs(t, [ResumeAction.KillTask]);
    k.reply(t, msgTag(0, 1));
    this.owner.dieOfFault();
    return msgTag(0, 0); // not sent: the process, and E with it, has ended
  }

  /** A timer request from T. */
  private request(): number {
    const k = this.kernel;
    const t = this.thread.id;
    if (k.label(t) !== GATE_LABEL) return msgTag(-Errno.EINVAL, 0);
    const op = tagLabel(k.tag(t));
    if (op === TimerOp.Poll) {
      this.expire();
      return msgTag(0, 0);
    }
    const key = k.mr(t, 0) | 0;
    if (op === TimerOp.Delete) {
      this.armed.delete(key);
      this.updateNext();
      return msgTag(0, 0);
    }
    const now = k.nowUs();
    const d = this.armed.get(key);
    const remaining = d === undefined ? 0 : Math.max(1, Math.ceil(d.deadlineUs - now));
    const interval = d?.intervalUs ?? 0;
    if (op === TimerOp.Set) {
      const value = k.mr(t, 1) + k.mr(t, 2) * 2 ** 32;
      const period = k.mr(t, 3) + k.mr(t, 4) * 2 ** 32;
      if (value === 0) {
        this.armed.delete(key);
      } else {
        this.armed.set(key, { deadlineUs: now + Math.max(value, 1), intervalUs: period === 0 ? 0 : Math.max(period, MIN_PERIOD_US) });
      }
      this.updateNext();
    } else if (op !== TimerOp.Get) {
      return msgTag(-Errno.EINVAL, 0);
    }
    k.writeMrs(t, [remaining >>> 0, Math.floor(remaining / 2 ** 32), interval >>> 0, Math.floor(interval / 2 ** 32)]);
    return msgTag(0, 4);
  }
}
