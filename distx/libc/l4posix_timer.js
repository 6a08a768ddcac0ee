import { Errno } from "../errno.js";
const SIGEVENT_SIZE = 16;
const SIGEV_THREAD_ID = 4;
const ITIMERSPEC_SIZE = 32;
const TIMER_T_SIZE = 4;
const SIGEV_SIGNAL = 0;
const SIGALRM = 14;
const TIMER_ABSTIME = 1;
const NS_PER_S = 1e9;
const MAX_NS = 315576e4 * NS_PER_S;
var Clock = /* @__PURE__ */ ((Clock2) => {
  Clock2[Clock2["Realtime"] = 0] = "Realtime";
  Clock2[Clock2["Monotonic"] = 1] = "Monotonic";
  Clock2[Clock2["ProcessCpu"] = 2] = "ProcessCpu";
  Clock2[Clock2["ThreadCpu"] = 3] = "ThreadCpu";
  return Clock2;
})(Clock || {});
function inside(m, ptr, size) {
  return ptr !== 0 && m.ok(ptr, size);
}
function readTimespecNs(v, ptr) {
  const sec = v.getBigInt64(ptr, true);
  const nsec = v.getInt32(ptr + 8, true);
  if (sec < 0n || nsec < 0 || nsec >= NS_PER_S) return void 0;
  return Math.min(MAX_NS, Number(sec) * NS_PER_S + nsec);
}
function writeTimespecNs(v, ptr, ns) {
  const sec = Math.floor(ns / NS_PER_S);
  v.setBigInt64(ptr, BigInt(sec), true);
  v.setInt32(ptr + 8, ns - sec * NS_PER_S, true);
  v.setInt32(ptr + 12, 0, true);
}
function writeSpec(v, ptr, t) {
  writeTimespecNs(v, ptr, t.intervalNs);
  writeTimespecNs(v, ptr + 16, t.valueNs);
}
function clockNow(c, clock) {
  switch (clock) {
    case 0 /* Realtime */:
      return Number(c.clock.realtimeNs());
    case 1 /* Monotonic */:
      return Number(c.clock.monotonicNs());
    default:
      return Number(c.clock.processCpuNs());
  }
}
const scratch = { valueNs: 0, intervalNs: 0 };
const timerCalls = {
  /** timer_create(clock, sevp, timerid): sevp 0 is SIGEV_SIGNAL with SIGALRM and the id as value. */
  timer_create(c, clock, sevPtr, idPtr) {
    const s = c.signals;
    if (s === void 0) return -Errno.ENOSYS;
    sevPtr >>>= 0;
    idPtr >>>= 0;
    const m = s.mem();
    if (sevPtr !== 0 && !inside(m, sevPtr, SIGEVENT_SIZE) || !inside(m, idPtr, TIMER_T_SIZE)) return -Errno.EFAULT;
    const v = m.view;
    const explicit = sevPtr !== 0;
    const value = explicit ? v.getInt32(sevPtr, true) : void 0;
    const signo = explicit ? v.getInt32(sevPtr + 4, true) : SIGALRM;
    let notify = explicit ? v.getInt32(sevPtr + 8, true) : SIGEV_SIGNAL;
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
  timer_settime(c, id, flags, newPtr, oldPtr) {
    const s = c.signals;
    if (s === void 0) return -Errno.ENOSYS;
    newPtr >>>= 0;
    oldPtr >>>= 0;
    if (newPtr === 0) return -Errno.EINVAL;
    const m = s.mem();
    if (!inside(m, newPtr, ITIMERSPEC_SIZE)) return -Errno.EFAULT;
    const intervalNs = readTimespecNs(m.view, newPtr);
    let valueNs = readTimespecNs(m.view, newPtr + 16);
    if (intervalNs === void 0 || valueNs === void 0) return -Errno.EINVAL;
    const clock = s.timerClock(id);
    if (clock < 0) return clock;
    if (valueNs !== 0 && (flags & TIMER_ABSTIME) !== 0) {
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
  timer_gettime(c, id, curPtr) {
    const s = c.signals;
    if (s === void 0) return -Errno.ENOSYS;
    curPtr >>>= 0;
    if (s.timerClock(id) < 0) return -Errno.EINVAL;
    if (!inside(s.mem(), curPtr, ITIMERSPEC_SIZE)) return -Errno.EFAULT;
    const r = s.timerGet(id, scratch);
    if (r !== 0) return r;
    writeSpec(s.mem().view, curPtr, scratch);
    return 0;
  },
  timer_getoverrun(c, id) {
    const s = c.signals;
    if (s === void 0) return -Errno.ENOSYS;
    return s.timerOverrun(id);
  },
  timer_delete(c, id) {
    const s = c.signals;
    if (s === void 0) return -Errno.ENOSYS;
    return s.timerDelete(id);
  }
};
export {
  timerCalls
};
