import { Errno } from "../errno.js";
import { SiCode } from "./signals.js";
var SigevNotify = /* @__PURE__ */ ((SigevNotify2) => {
  SigevNotify2[SigevNotify2["Signal"] = 0] = "Signal";
  SigevNotify2[SigevNotify2["None"] = 1] = "None";
  SigevNotify2[SigevNotify2["Thread"] = 2] = "Thread";
  SigevNotify2[SigevNotify2["ThreadId"] = 4] = "ThreadId";
  return SigevNotify2;
})(SigevNotify || {});
var TimerClock = /* @__PURE__ */ ((TimerClock2) => {
  TimerClock2[TimerClock2["Realtime"] = 0] = "Realtime";
  TimerClock2[TimerClock2["Monotonic"] = 1] = "Monotonic";
  TimerClock2[TimerClock2["ProcessCpu"] = 2] = "ProcessCpu";
  TimerClock2[TimerClock2["ThreadCpu"] = 3] = "ThreadCpu";
  return TimerClock2;
})(TimerClock || {});
const DELAYTIMER_MAX = 2147483647;
const MAX_TIMERS = 4096;
class PosixTimers {
  constructor(signals) {
    this.signals = signals;
  }
  signals;
  timers = /* @__PURE__ */ new Map();
  /** Linux hands out ids in increasing order and does not reuse one soon. */
  nextId = 0;
  /** How many CPU-time timers are armed (the call boundaries look at the CPU clock only then). */
  cpuArmed = 0;
  /** timer_create: the new timer's id, or -errno. */
  create(clock, n) {
    if (this.timers.size >= MAX_TIMERS) return -Errno.EAGAIN;
    let id = this.nextId;
    while (this.timers.has(id)) id = id + 1 & 2147483647;
    this.nextId = id + 1 & 2147483647;
    this.timers.set(id, { id, clock, ...n, value: n.value ?? id, lastOverrun: 0, cpuDeadlineNs: 0, cpuIntervalNs: 0 });
    return id;
  }
  has(id) {
    return this.timers.has(id);
  }
  clockOf(id) {
    return this.timers.get(id)?.clock;
  }
  isCpuClock(id) {
    const c = this.timers.get(id)?.clock;
    return c === 2 /* ProcessCpu */ || c === 3 /* ThreadCpu */;
  }
  /**
   * timer_delete (its expiry in E is removed by the caller). A signal it sent stays pending but
   * does nothing when taken, as on Linux.
   */
  delete(id) {
    const t = this.timers.get(id);
    if (t === void 0) return;
    this.dropPending(t);
    if (t.cpuDeadlineNs !== 0) this.cpuArmed--;
    this.timers.delete(id);
  }
  /** Every timer (exec and exit delete them); their ids, for E to forget. */
  clear() {
    const ids = [...this.timers.keys()];
    this.timers.clear();
    this.cpuArmed = 0;
    return ids;
  }
  /** timer_settime re-armed or disarmed it: the overrun count starts anew, its pending signal is void. */
  rearmed(id) {
    const t = this.timers.get(id);
    if (t === void 0) return;
    t.lastOverrun = 0;
    this.dropPending(t);
  }
  dropPending(t) {
    if (t.info !== void 0 && this.signals.pendingInfo(t.signo) === t.info) t.info.dropped = true;
    t.info = void 0;
  }
  /** timer_getoverrun: the overruns of its last signal taken. */
  overrun(id) {
    const t = this.timers.get(id);
    if (t === void 0) return -Errno.EINVAL;
    if (t.info !== void 0 && this.signals.pendingInfo(t.signo) !== t.info) return t.info.uid;
    return t.lastOverrun;
  }
  /**
   * The timer expired (`overruns` more periods passed unseen): its signal, with si_timerid,
   * si_overrun and si_value (si_pid and si_uid share their place). While its last signal is still
   * pending, the expiry only counts as an overrun, as on Linux.
   */
  expired(id, overruns) {
    const t = this.timers.get(id);
    if (t === void 0 || t.notify !== 0 /* Signal */) return;
    const pending = t.info !== void 0 && this.signals.pendingInfo(t.signo) === t.info;
    if (pending) {
      t.info.uid = Math.min(DELAYTIMER_MAX, t.info.uid + 1 + overruns);
      return;
    }
    if (t.info !== void 0) t.lastOverrun = t.info.uid;
    t.info = { code: SiCode.TIMER, pid: id, uid: Math.min(DELAYTIMER_MAX, overruns), addr: 0, value: t.value };
    this.signals.send(t.signo, t.info);
  }
  // ---- CPU-time timers (checked at call boundaries) ----
  /** Arms (valueNs 0: disarms) a CPU-time timer at `nowNs` of process CPU time; the old [remaining, interval]. */
  setCpu(id, nowNs, valueNs, intervalNs) {
    const t = this.timers.get(id);
    const old = this.getCpu(id, nowNs);
    if (t.cpuDeadlineNs !== 0) this.cpuArmed--;
    t.cpuDeadlineNs = valueNs === 0 ? 0 : nowNs + valueNs;
    t.cpuIntervalNs = valueNs === 0 ? 0 : intervalNs;
    if (t.cpuDeadlineNs !== 0) this.cpuArmed++;
    return old;
  }
  getCpu(id, nowNs) {
    const t = this.timers.get(id);
    if (t.cpuDeadlineNs === 0) return { remainingNs: 0, intervalNs: 0 };
    return { remainingNs: Math.max(1, t.cpuDeadlineNs - nowNs), intervalNs: t.cpuIntervalNs };
  }
  /** Some CPU-time timer is armed. */
  get cpuTimersArmed() {
    return this.cpuArmed > 0;
  }
  /** The CPU-time timers due at `nowNs` of process CPU time expire. */
  checkCpu(nowNs) {
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
export {
  PosixTimers,
  SigevNotify,
  TimerClock
};
