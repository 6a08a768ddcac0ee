import { Errno } from "../errno.js";
import { insertObject } from "./fd_object.js";
import { O_CLOEXEC, O_NONBLOCK } from "./posix_abi.js";
import { TimerFd } from "../vfs/timerfd.js";
var Clock = /* @__PURE__ */ ((Clock2) => {
  Clock2[Clock2["Realtime"] = 0] = "Realtime";
  Clock2[Clock2["Monotonic"] = 1] = "Monotonic";
  return Clock2;
})(Clock || {});
const TFD_TIMER_ABSTIME = 1;
const TFD_TIMER_CANCEL_ON_SET = 2;
const ITIMERSPEC_SIZE = 32;
const NS_PER_S = 1000000000n;
function readTimespec(v, ptr) {
  const sec = v.getBigInt64(ptr, true);
  const nsec = v.getInt32(ptr + 8, true);
  if (sec < 0n || nsec < 0 || nsec >= 1e9) return void 0;
  return sec * NS_PER_S + BigInt(nsec);
}
function writeTimespec(v, ptr, ns) {
  v.setBigInt64(ptr, ns / NS_PER_S, true);
  v.setInt32(ptr + 8, Number(ns % NS_PER_S), true);
  v.setInt32(ptr + 12, 0, true);
}
function writeSetting(m, ptr, t) {
  writeTimespec(m.view, ptr, t.intervalNs);
  writeTimespec(m.view, ptr + 16, t.valueNs);
}
function guest(c) {
  return c.signals?.mem();
}
function timerOf(c, fd) {
  const e = c.fds.getFile(fd, 0);
  if (typeof e === "number") return e;
  return e.desc.file instanceof TimerFd ? e.desc.file : -Errno.EINVAL;
}
const timerfdCalls = {
  /** timerfd_create(clock, flags): the new descriptor; -EINVAL for other clocks and unknown flags. */
  timerfd_create(c, clock, flags) {
    if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) !== 0) return -Errno.EINVAL;
    if (clock !== 0 /* Realtime */ && clock !== 1 /* Monotonic */) return -Errno.EINVAL;
    const file = new TimerFd(() => c.clock.monotonicNs(), clock);
    return insertObject(c, file, flags);
  },
  /**
   * timerfd_settime(fd, flags, new, old): EFAULT for an unreadable new value, EINVAL for unknown
   * flags or a bad time, then EBADF/EINVAL for the descriptor; an absolute time becomes relative
   * to the timer's clock now (a time already past expires at once).
   */
  timerfd_settime(c, fd, flags, newPtr, oldPtr) {
    newPtr >>>= 0;
    oldPtr >>>= 0;
    const m = guest(c);
    if (m === void 0) return -Errno.ENOSYS;
    if (newPtr === 0 || !m.ok(newPtr, ITIMERSPEC_SIZE)) return -Errno.EFAULT;
    const intervalNs = readTimespec(m.view, newPtr);
    let valueNs = readTimespec(m.view, newPtr + 16);
    if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) !== 0 || intervalNs === void 0 || valueNs === void 0) {
      return -Errno.EINVAL;
    }
    const timer = timerOf(c, fd);
    if (typeof timer === "number") return timer;
    if (valueNs !== 0n && (flags & TFD_TIMER_ABSTIME) !== 0) {
      const now = timer.clock === 0 /* Realtime */ ? c.clock.realtimeNs() : c.clock.monotonicNs();
      valueNs = valueNs > now ? valueNs - now : 1n;
    }
    const old = timer.set({ valueNs, intervalNs });
    if (oldPtr === 0) return 0;
    const after = guest(c);
    if (!after.ok(oldPtr, ITIMERSPEC_SIZE)) return -Errno.EFAULT;
    writeSetting(after, oldPtr, old);
    return 0;
  },
  /** timerfd_gettime(fd, cur): the time left (0: disarmed) and the period. */
  timerfd_gettime(c, fd, curPtr) {
    curPtr >>>= 0;
    const m = guest(c);
    if (m === void 0) return -Errno.ENOSYS;
    const timer = timerOf(c, fd);
    if (typeof timer === "number") return timer;
    if (curPtr === 0 || !m.ok(curPtr, ITIMERSPEC_SIZE)) return -Errno.EFAULT;
    writeSetting(m, curPtr, timer.get());
    return 0;
  }
};
export {
  timerfdCalls
};
