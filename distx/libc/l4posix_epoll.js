import { Errno } from "../errno.js";
import { SUSPEND } from "./context.js";
import { EventFd } from "../vfs/eventfd.js";
import { FileType } from "../vfs/types.js";
import { Epoll, EpollInstance } from "./epoll_instance.js";
const EPOLL_CTL_ADD = 1;
const EPOLL_CTL_DEL = 2;
const EPOLL_CTL_MOD = 3;
const EVENT_SIZE = 16;
const MAX_EVENTS = Math.floor(2147483647 / EVENT_SIZE);
const SIGSET_SIZE = 8;
const SIG_SETMASK = 2;
const EXCLUSIVE_OK = Epoll.IN | Epoll.OUT | Epoll.RDNORM | Epoll.RDBAND | Epoll.WRNORM | Epoll.WRBAND | Epoll.PRI | Epoll.ERR | Epoll.HUP | Epoll.WAKEUP | Epoll.ET | Epoll.EXCLUSIVE;
const instances = /* @__PURE__ */ new WeakMap();
function instanceOf(c, epfd) {
  const e = c.fds.getFile(epfd, 0);
  if (typeof e === "number") return e;
  const file = e.desc.file;
  if (!(file instanceof EventFd) || !file.epoll) return -Errno.EINVAL;
  let i = instances.get(file);
  if (i === void 0) {
    instances.set(file, i = new EpollInstance());
    file.epollEvents = i;
  }
  return i;
}
const epollCalls = {
  /**
   * epoll_ctl(epfd, op, fd, event), checked in Linux's order: EFAULT for an unreadable event,
   * EBADF for either descriptor, EPERM for a file that is always ready (regular files,
   * directories), EINVAL for the instance itself, a non-epoll epfd, a bad op or EPOLLEXCLUSIVE
   * misused, ELOOP for an instance that would watch itself; then EEXIST or ENOENT.
   */
  epoll_ctl(c, epfd, op, fd, evPtr) {
    const s = c.signals;
    if (s === void 0) return -Errno.ENOSYS;
    evPtr >>>= 0;
    let events = 0;
    let dataLo = 0;
    let dataHi = 0;
    if (op !== EPOLL_CTL_DEL) {
      const m = s.mem();
      if (evPtr === 0 || !m.ok(evPtr, EVENT_SIZE)) return -Errno.EFAULT;
      events = m.view.getUint32(evPtr, true);
      dataLo = m.view.getUint32(evPtr + 8, true);
      dataHi = m.view.getUint32(evPtr + 12, true);
    }
    const ep = c.fds.getFile(epfd, 0);
    if (typeof ep === "number") return ep;
    const target = c.fds.getFile(fd, 0);
    if (typeof target === "number") return target;
    const type = target.desc.file.type;
    if (type === FileType.RegularFile || type === FileType.Directory) return -Errno.EPERM;
    const inst = instanceOf(c, epfd);
    if (typeof inst === "number") return inst;
    const tf = target.desc.file;
    if (target.desc === ep.desc) return -Errno.EINVAL;
    const nested = tf instanceof EventFd && tf.epoll ? instanceOf(c, fd) : void 0;
    if ((events & Epoll.EXCLUSIVE) !== 0 && (op === EPOLL_CTL_MOD || op === EPOLL_CTL_ADD && (nested !== void 0 || (events & ~EXCLUSIVE_OK) !== 0))) {
      return -Errno.EINVAL;
    }
    if (op === EPOLL_CTL_ADD && typeof nested === "object" && nested.reaches(inst)) return -Errno.ELOOP;
    const existing = inst.find(fd, target.desc);
    switch (op) {
      case EPOLL_CTL_ADD:
        if (existing !== void 0) return -Errno.EEXIST;
        inst.add(fd, target.desc, target.rightsBase, events, dataLo, dataHi);
        return 0;
      case EPOLL_CTL_DEL:
        if (existing === void 0) return -Errno.ENOENT;
        inst.remove(existing);
        return 0;
      case EPOLL_CTL_MOD:
        if (existing === void 0) return -Errno.ENOENT;
        inst.modify(existing, events | existing.events & Epoll.EXCLUSIVE, dataLo, dataHi);
        return 0;
      default:
        return -Errno.EINVAL;
    }
  },
  /**
   * epoll_pwait(epfd, events, maxevents, timeout ms (-1: none), sigmask): the number of events
   * written, 0 at the timeout, or -errno (EINVAL for maxevents, EFAULT for the array, EBADF,
   * EINVAL for a non-epoll descriptor; EINTR when a signal is to be handled).
   */
  epoll_wait(c, epfd, outPtr, max, timeoutMs, maskPtr) {
    const s = c.signals;
    if (s === void 0) return -Errno.ENOSYS;
    outPtr >>>= 0;
    maskPtr >>>= 0;
    let state = c.restart?.kind === "ppoll" ? c.restart : void 0;
    if (state === void 0) {
      if (max <= 0 || max > MAX_EVENTS) return -Errno.EINVAL;
      const m = s.mem();
      if (outPtr === 0 || !m.ok(outPtr, max * EVENT_SIZE)) return -Errno.EFAULT;
      const inst2 = instanceOf(c, epfd);
      if (typeof inst2 === "number") return inst2;
      if (maskPtr !== 0 && !m.ok(maskPtr, SIGSET_SIZE)) return -Errno.EFAULT;
      const deadlineNs = timeoutMs < 0 ? void 0 : c.clock.monotonicNs() + BigInt(timeoutMs) * 1000000n;
      let saved;
      if (maskPtr !== 0) {
        saved = [s.state.blockedLo, s.state.blockedHi];
        s.state.setMask(SIG_SETMASK, m.view.getInt32(maskPtr, true), m.view.getInt32(maskPtr + 4, true));
      }
      state = { kind: "ppoll", deadlineNs, saved };
    }
    const inst = instanceOf(c, epfd);
    const view = s.mem().view;
    let at = outPtr;
    const found = typeof inst === "number" ? { count: 0, files: [] } : inst.collect(max, (events, lo, hi) => {
      view.setUint32(at, events, true);
      view.setUint32(at + 4, 0, true);
      view.setUint32(at + 8, lo, true);
      view.setUint32(at + 12, hi, true);
      at += EVENT_SIZE;
    });
    const timedOut = state.deadlineNs !== void 0 && c.clock.monotonicNs() >= state.deadlineNs;
    if (found.count > 0 || timedOut || typeof inst === "number") {
      if (state.saved !== void 0) s.state.setMask(SIG_SETMASK, state.saved[0], state.saved[1]);
      c.restart = void 0;
      return typeof inst === "number" ? inst : found.count;
    }
    c.restart = state;
    const r = c.wait(found.files.length === 0 ? { deadlineNs: state.deadlineNs } : { files: found.files, deadlineNs: state.deadlineNs });
    if (r === SUSPEND) return r;
    if (state.saved !== void 0) s.restoreMaskAfterHandlers(state.saved[0], state.saved[1]);
    c.restart = void 0;
    return r;
  }
};
export {
  epollCalls
};
