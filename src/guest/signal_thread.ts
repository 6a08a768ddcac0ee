// A process's exception and timer handler thread E (the lecture's design for signals): a host
// thread in the root task, run like a server. The program thread T names E as its exception
// handler, so a trap of T reaches E as the kernel's exception IPC; E decides whether T runs the
// signal's handler (reply RunHandler with the signal) or dies of it (reply KillTask: the kernel
// ends T's task with the exception recorded). The ITIMER_REAL timer is E's IPC timeout: E waits
// for requests until the timer's next expiry, and when the wait times out it sends SIGALRM.
// setitimer/getitimer reach E as requests through its gate (mapped into T's task).
import { Errno } from '../errno.js';
import { KErr, Proto, ResumeAction, Timeout, msgTag, tagLabel, type GateId, type KRef, type Kernel, type ThreadId } from '../kernel/kernel.js';
import { WOULD_BLOCK, type Cpu, type HostThread } from '../kernel/cpu.js';
import { TrapKind, trapSignal } from './signals.js';

/** Requests to E through its gate (the message label). Times travel as two 32-bit words each. */
export const enum TimerOp {
  /** [value lo, hi, interval lo, hi] in µs (value 0 disarms) -> the old [remaining, interval]. */
  Set = 1,
  /** -> [remaining lo, hi, interval lo, hi] in µs. */
  Get = 2,
  /** The timer is due but E has not run: handle the expiry now. -> nothing. */
  Poll = 3,
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
  /** The timer expired. */
  timerExpired(): void;
}

export class SignalThread implements HostThread {
  /** Answers at once: T's requests run it on the CPU's IPC fast path. */
  readonly direct = true;
  readonly thread: KRef<ThreadId>;
  readonly gate: KRef<GateId>;
  /** Blocked in a receive: its result is in the UTCB when run() is called again. */
  private waiting = false;
  private closed = false;
  /** Kernel time (µs) of the timer's next expiry (0: disarmed) and its period (0: one-shot). */
  private deadlineUs = 0;
  private intervalUs = 0;

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

  /** The timer has expired (E handles that when it next runs, or when poked with TimerOp.Poll). */
  timerDue(nowUs: number): boolean {
    return this.deadlineUs !== 0 && nowUs >= this.deadlineUs;
  }

  /** The wait's timeout: until the timer's expiry, or none. */
  private timeoutUs(): number {
    if (this.deadlineUs === 0) return Timeout.Never;
    const left = this.deadlineUs - this.kernel.nowUs();
    return left <= 0 ? Timeout.Poll : Math.ceil(left);
  }

  /** The timer expired: SIGALRM; a periodic timer moves to its next expiry still ahead. */
  private expire(): void {
    if (this.deadlineUs === 0) return;
    const now = this.kernel.nowUs();
    if (now < this.deadlineUs) return; // woken early (the kernel rounds): wait the rest
    if (this.intervalUs > 0) {
      this.deadlineUs += (Math.floor((now - this.deadlineUs) / this.intervalUs) + 1) * this.intervalUs;
    } else {
      this.deadlineUs = 0;
    }
    this.owner.timerExpired();
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
    const now = k.nowUs();
    const remaining = this.deadlineUs === 0 ? 0 : Math.max(1, Math.ceil(this.deadlineUs - now));
    const interval = this.intervalUs;
    if (op === TimerOp.Set) {
      const value = k.mr(t, 0) + k.mr(t, 1) * 2 ** 32;
      const period = k.mr(t, 2) + k.mr(t, 3) * 2 ** 32;
      this.deadlineUs = value === 0 ? 0 : now + Math.max(value, 1);
      this.intervalUs = value === 0 || period === 0 ? 0 : Math.max(period, MIN_PERIOD_US);
    } else if (op !== TimerOp.Get) {
      return msgTag(-Errno.EINVAL, 0);
    }
    k.writeMrs(t, [remaining >>> 0, Math.floor(remaining / 2 ** 32), interval >>> 0, Math.floor(interval / 2 ** 32)]);
    return msgTag(0, 4);
  }
}
