import { Errno } from "../errno.js";
import { KErr, Proto, ResumeAction, Timeout, msgTag, tagLabel } from "../kernel/kernel.js";
import { WOULD_BLOCK } from "../kernel/cpu.js";
import { TrapKind, trapSignal } from "./signals.js";
var TimerOp = /* @__PURE__ */ ((TimerOp2) => {
  TimerOp2[TimerOp2["Set"] = 1] = "Set";
  TimerOp2[TimerOp2["Get"] = 2] = "Get";
  TimerOp2[TimerOp2["Poll"] = 3] = "Poll";
  TimerOp2[TimerOp2["Delete"] = 4] = "Delete";
  return TimerOp2;
})(TimerOp || {});
const ITIMER_REAL_KEY = -1;
const GATE_LABEL = 1397311310;
const MIN_PERIOD_US = 100;
class SignalThread {
  constructor(kernel, cpu, owner, prio = 120) {
    this.kernel = kernel;
    this.cpu = cpu;
    this.owner = owner;
    this.thread = kernel.newThread({ prio, cpu: cpu.id });
    this.gate = kernel.newGate(this.thread, GATE_LABEL);
    cpu.register(this.thread.id, this);
    kernel.start(this.thread.id);
  }
  kernel;
  cpu;
  owner;
  /** Answers at once: T's requests run it on the CPU's IPC fast path. */
  direct = true;
  thread;
  gate;
  /** Blocked in a receive: its result is in the UTCB when run() is called again. */
  waiting = false;
  closed = false;
  /** The armed timers by key; the earliest deadline is E's wait timeout. */
  armed = /* @__PURE__ */ new Map();
  /** The earliest deadline (µs; 0: none armed). */
  nextUs = 0;
  /** The process ended: E and its gate go (T's capabilities to them with them). */
  close() {
    if (this.closed) return;
    this.closed = true;
    const k = this.kernel;
    this.cpu.unregister(this.thread.id);
    k.deleteCap(k.rootTask, this.gate.cap);
    k.deleteCap(k.rootTask, this.thread.cap);
  }
  run() {
    if (this.closed) return;
    const k = this.kernel;
    const t = this.thread.id;
    let r = this.waiting ? k.result(t) : k.receive(t, 0, this.timeoutUs());
    this.waiting = false;
    let failures = 0;
    for (; ; ) {
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
  forget(keys) {
    for (const key of keys) this.armed.delete(key);
    this.updateNext();
  }
  /** A timer has expired (E handles that when it next runs, or when poked with TimerOp.Poll). */
  timerDue(nowUs) {
    return this.nextUs !== 0 && nowUs >= this.nextUs;
  }
  /** The wait's timeout: until the earliest timer's expiry, or none. */
  timeoutUs() {
    if (this.nextUs === 0) return Timeout.Never;
    const left = Math.max(this.nextUs - this.kernel.nowUs(), this.lastPassUs);
    return left <= 0 ? Timeout.Poll : Math.ceil(left);
  }
  /** How long the last expire() pass took (µs). */
  lastPassUs = 0;
  updateNext() {
    let next = 0;
    for (const d of this.armed.values()) if (next === 0 || d.deadlineUs < next) next = d.deadlineUs;
    this.nextUs = next;
  }
  /**
   * The timers whose deadline has passed expire, in deadline order; a periodic one moves to its
   * next expiry still ahead and counts the periods it skipped as overruns.
   */
  expire() {
    if (this.nextUs === 0) return;
    const now = this.kernel.nowUs();
    if (now < this.nextUs) return;
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
  exception() {
    const k = this.kernel;
    const t = this.thread.id;
    const kind = k.mr(t, 0);
    const { sig } = trapSignal(kind);
    if (kind !== TrapKind.Abort && this.owner.catchesFault(sig)) {
      k.writeMrs(t, [ResumeAction.RunHandler, sig]);
      return msgTag(0, 2);
    }
    k.writeMrs(t, [ResumeAction.KillTask]);
    k.reply(t, msgTag(0, 1));
    this.owner.dieOfFault();
    return msgTag(0, 0);
  }
  /** A timer request from T. */
  request() {
    const k = this.kernel;
    const t = this.thread.id;
    if (k.label(t) !== GATE_LABEL) return msgTag(-Errno.EINVAL, 0);
    const op = tagLabel(k.tag(t));
    if (op === 3 /* Poll */) {
      this.expire();
      return msgTag(0, 0);
    }
    const key = k.mr(t, 0) | 0;
    if (op === 4 /* Delete */) {
      this.armed.delete(key);
      this.updateNext();
      return msgTag(0, 0);
    }
    const now = k.nowUs();
    const d = this.armed.get(key);
    const remaining = d === void 0 ? 0 : Math.max(1, Math.ceil(d.deadlineUs - now));
    const interval = d?.intervalUs ?? 0;
    if (op === 1 /* Set */) {
      const value = k.mr(t, 1) + k.mr(t, 2) * 2 ** 32;
      const period = k.mr(t, 3) + k.mr(t, 4) * 2 ** 32;
      if (value === 0) {
        this.armed.delete(key);
      } else {
        this.armed.set(key, { deadlineUs: now + Math.max(value, 1), intervalUs: period === 0 ? 0 : Math.max(period, MIN_PERIOD_US) });
      }
      this.updateNext();
    } else if (op !== 2 /* Get */) {
      return msgTag(-Errno.EINVAL, 0);
    }
    k.writeMrs(t, [remaining >>> 0, Math.floor(remaining / 2 ** 32), interval >>> 0, Math.floor(interval / 2 ** 32)]);
    return msgTag(0, 4);
  }
}
export {
  ITIMER_REAL_KEY,
  SignalThread,
  TimerOp
};
