import { Errno } from "../errno.js";
import { WaitQueue } from "../wait_queue.js";
import { posixState } from "./posix_state.js";
const SEM_VALUE_MAX = 2147483647;
const SEM_SIZE = 16;
var SemWait = /* @__PURE__ */ ((SemWait2) => {
  SemWait2[SemWait2["TRY"] = 1] = "TRY";
  SemWait2[SemWait2["TIMED"] = 2] = "TIMED";
  return SemWait2;
})(SemWait || {});
class SharedSemaphore {
  constructor(value) {
    this.value = value;
  }
  value;
  waiters = new WaitQueue();
}
const machines = /* @__PURE__ */ new WeakMap();
const ownWaiters = /* @__PURE__ */ new WeakMap();
function semaphoreAt(c, addr) {
  const mem = posixState(c).mem;
  mem.refresh();
  if (addr % 4 !== 0 || !mem.ok(addr, SEM_SIZE)) return -Errno.EFAULT;
  const where = c.addressSpace?.sharedLocation(addr, SEM_SIZE);
  if (where !== void 0) {
    let records = machines.get(c.vfs);
    if (records === void 0) machines.set(c.vfs, records = /* @__PURE__ */ new Map());
    const key = `${where.key}@${where.offset}`;
    let s = records.get(key);
    if (s === void 0) records.set(key, s = new SharedSemaphore(mem.view.getInt32(addr, true)));
    const shared = s;
    return { get: () => shared.value, set: (v) => {
      shared.value = v;
    }, waiters: shared.waiters };
  }
  let queues = ownWaiters.get(c);
  if (queues === void 0) ownWaiters.set(c, queues = /* @__PURE__ */ new Map());
  let waiters = queues.get(addr);
  if (waiters === void 0) queues.set(addr, waiters = new WaitQueue());
  return {
    get: () => {
      mem.refresh();
      return mem.view.getInt32(addr, true);
    },
    set: (v) => {
      mem.refresh();
      mem.view.setInt32(addr, v, true);
    },
    waiters
  };
}
const semCalls = {
  /**
   * sem_init(sem, pshared, value): the count in sem's memory and, where sem lies in a shared
   * object, in the shared record (a new semaphore: waiters of an old one there are woken to look
   * again). -EINVAL for a value above SEM_VALUE_MAX, -EFAULT.
   */
  sem_init(c, addr, pshared, value) {
    addr >>>= 0;
    if (value >>> 0 > SEM_VALUE_MAX) return -Errno.EINVAL;
    const s = semaphoreAt(c, addr);
    if (typeof s === "number") return s;
    const mem = posixState(c).mem;
    mem.view.setInt32(addr, value, true);
    mem.view.setInt32(addr + 4, pshared !== 0 ? 1 : 0, true);
    s.set(value);
    s.waiters.wakeAll();
    return 0;
  },
  /** sem_post: the count goes up and waiters look again; -EOVERFLOW at SEM_VALUE_MAX, -EFAULT. */
  sem_post(c, addr) {
    const s = semaphoreAt(c, addr >>> 0);
    if (typeof s === "number") return s;
    const v = s.get();
    if (v >= SEM_VALUE_MAX) return -Errno.EOVERFLOW;
    s.set(v + 1);
    s.waiters.wakeAll();
    return 0;
  },
  /**
   * sem_wait, sem_trywait (TRY: -EAGAIN at 0) and sem_timedwait (TIMED: `deadline` in ns of
   * CLOCK_REALTIME; -ETIMEDOUT once it has passed): takes one from the count, or waits until a
   * post, the deadline or a signal (-EINTR). -EFAULT.
   */
  sem_wait(c, addr, flags, deadline) {
    const s = semaphoreAt(c, addr >>> 0);
    if (typeof s === "number") return s;
    const v = s.get();
    if (v > 0) {
      s.set(v - 1);
      return 0;
    }
    if ((flags & 1 /* TRY */) !== 0) return -Errno.EAGAIN;
    let deadlineNs;
    if ((flags & 2 /* TIMED */) !== 0) {
      const left = deadline - c.clock.realtimeNs();
      if (left <= 0n) return -Errno.ETIMEDOUT;
      deadlineNs = c.clock.monotonicNs() + left;
    }
    return c.wait({ sources: [{ subscribe: (wake) => s.waiters.add(wake) }], deadlineNs });
  },
  /**
   * sem_getvalue: the count; -EFAULT. A negative count is no semaphore sem_init made (junk
   * memory): -EINVAL, since the result's sign says whether it is an errno.
   */
  sem_getvalue(c, addr) {
    const s = semaphoreAt(c, addr >>> 0);
    if (typeof s === "number") return s;
    const v = s.get();
    return v < 0 ? -Errno.EINVAL : v;
  },
  /** sem_destroy: a shared semaphore's record goes (a later use starts again from memory); -EFAULT. */
  sem_destroy(c, addr) {
    addr >>>= 0;
    const s = semaphoreAt(c, addr);
    if (typeof s === "number") return s;
    const where = c.addressSpace?.sharedLocation(addr, SEM_SIZE);
    if (where !== void 0) {
      const mem = posixState(c).mem;
      mem.view.setInt32(addr, s.get(), true);
      machines.get(c.vfs)?.delete(`${where.key}@${where.offset}`);
    } else {
      ownWaiters.get(c)?.delete(addr);
    }
    return 0;
  }
};
export {
  SEM_VALUE_MAX,
  SemWait,
  semCalls
};
