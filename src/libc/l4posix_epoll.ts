// l4posix, epoll (sysroot/src/epoll.c): epoll_ctl and epoll_pwait on the interest list the host
// keeps for each instance (epoll_instance.ts). The instance's descriptor is an l4posix eventfd
// object marked epoll (l4posix_eventfd.ts), so it is dup'ed, inherited and closed like any.
// epoll_pwait swaps the signal mask for the wait only, as ppoll does, and never restarts.
import { Errno } from '../errno.js';
import { SUSPEND } from './context.js';
import type { L4posixContext } from './l4posix.js';
import { EventFd } from '../vfs/eventfd.js';
import { FileType } from '../vfs/types.js';
import { Epoll, EpollInstance } from './epoll_instance.js';

const EPOLL_CTL_ADD = 1;
const EPOLL_CTL_DEL = 2;
const EPOLL_CTL_MOD = 3;
/** struct epoll_event on wasm32: uint32_t events at 0, epoll_data_t (8 bytes, 8-aligned) at 8. */
const EVENT_SIZE = 16;
/** Linux's EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event). */
const MAX_EVENTS = Math.floor(0x7fffffff / EVENT_SIZE);
const SIGSET_SIZE = 8;
const SIG_SETMASK = 2;
/** Bits EPOLLEXCLUSIVE may come with (Linux's EPOLLEXCLUSIVE_OK_BITS). */
const EXCLUSIVE_OK = Epoll.IN | Epoll.OUT | Epoll.RDNORM | Epoll.RDBAND | Epoll.WRNORM | Epoll.WRBAND | Epoll.PRI |
  Epoll.ERR | Epoll.HUP | Epoll.WAKEUP | Epoll.ET | Epoll.EXCLUSIVE;

const instances = new WeakMap<EventFd, EpollInstance>();

/** The instance `epfd` names: -EBADF for a closed descriptor, -EINVAL for another kind of file. */
function instanceOf(c: L4posixContext, epfd: number): EpollInstance | number {
  const e = c.fds.getFile(epfd, 0);
  if (typeof e === 'number') return e;
  const file = e.desc.file;
  if (!(file instanceof EventFd) || !file.epoll) return -Errno.EINVAL;
  let i = instances.get(file);
  if (i === undefined) {
    instances.set(file, (i = new EpollInstance()));
    file.epollEvents = i;
  }
  return i;
}

export const epollCalls = {
  /**
   * epoll_ctl(epfd, op, fd, event), checked in Linux's order: EFAULT for an unreadable event,
   * EBADF for either descriptor, EPERM for a file that is always ready (regular files,
   * directories), EINVAL for the instance itself, a non-epoll epfd, a bad op or EPOLLEXCLUSIVE
   * misused, ELOOP for an instance that would watch itself; then EEXIST or ENOENT.
   */
  epoll_ctl(c: L4posixContext, epfd: number, op: number, fd: number, evPtr: number): number {
    const s = c.signals;
    if (s === undefined) return -Errno.ENOSYS;
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
    if (typeof ep === 'number') return ep;
    const target = c.fds.getFile(fd, 0);
    if (typeof target === 'number') return target;
    const type = target.desc.file.type;
    if (type === FileType.RegularFile || type === FileType.Directory) return -Errno.EPERM;
    const inst = instanceOf(c, epfd);
    if (typeof inst === 'number') return inst;
    const tf = target.desc.file;
    if (target.desc === ep.desc) return -Errno.EINVAL;
    const nested = tf instanceof EventFd && tf.epoll ? instanceOf(c, fd) : undefined;
    if ((events & Epoll.EXCLUSIVE) !== 0 &&
        (op === EPOLL_CTL_MOD || (op === EPOLL_CTL_ADD && (nested !== undefined || (events & ~EXCLUSIVE_OK) !== 0)))) {
      return -Errno.EINVAL;
    }
    // An instance watching one that (through others) watches it would be a loop.
    if (op === EPOLL_CTL_ADD && typeof nested === 'object' && nested.reaches(inst)) return -Errno.ELOOP;
    const existing = inst.find(fd, target.desc);
    switch (op) {
      case EPOLL_CTL_ADD:
        if (existing !== undefined) return -Errno.EEXIST;
        inst.add(fd, target.desc, target.rightsBase, events, dataLo, dataHi);
        return 0;
      case EPOLL_CTL_DEL:
        if (existing === undefined) return -Errno.ENOENT;
        inst.remove(existing);
        return 0;
      case EPOLL_CTL_MOD:
        if (existing === undefined) return -Errno.ENOENT;
        // Linux keeps an entry's EPOLLEXCLUSIVE; MOD cannot set it (above).
        inst.modify(existing, events | (existing.events & Epoll.EXCLUSIVE), dataLo, dataHi);
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
  epoll_wait(c: L4posixContext, epfd: number, outPtr: number, max: number, timeoutMs: number, maskPtr: number): number {
    const s = c.signals;
    if (s === undefined) return -Errno.ENOSYS;
    outPtr >>>= 0; maskPtr >>>= 0;
    let state = c.restart?.kind === 'ppoll' ? c.restart : undefined;
    if (state === undefined) {
      if (max <= 0 || max > MAX_EVENTS) return -Errno.EINVAL;
      const m = s.mem();
      if (outPtr === 0 || !m.ok(outPtr, max * EVENT_SIZE)) return -Errno.EFAULT;
      const inst = instanceOf(c, epfd);
      if (typeof inst === 'number') return inst;
      if (maskPtr !== 0 && !m.ok(maskPtr, SIGSET_SIZE)) return -Errno.EFAULT;
      const deadlineNs = timeoutMs < 0 ? undefined : c.clock.monotonicNs() + BigInt(timeoutMs) * 1_000_000n;
      let saved: [number, number] | undefined;
      if (maskPtr !== 0) {
        saved = [s.state.blockedLo, s.state.blockedHi];
        s.state.setMask(SIG_SETMASK, m.view.getInt32(maskPtr, true), m.view.getInt32(maskPtr + 4, true));
      }
      state = { kind: 'ppoll', deadlineNs, saved };
    }
    // The instance may have been closed while the call waited.
    const inst = instanceOf(c, epfd);
    const view = s.mem().view;
    let at = outPtr;
    const found = typeof inst === 'number' ? { count: 0, files: [] } : inst.collect(max, (events, lo, hi) => {
      view.setUint32(at, events, true);
      view.setUint32(at + 4, 0, true);
      view.setUint32(at + 8, lo, true);
      view.setUint32(at + 12, hi, true);
      at += EVENT_SIZE;
    });
    const timedOut = state.deadlineNs !== undefined && c.clock.monotonicNs() >= state.deadlineNs;
    if (found.count > 0 || timedOut || typeof inst === 'number') {
      if (state.saved !== undefined) s.state.setMask(SIG_SETMASK, state.saved[0], state.saved[1]);
      c.restart = undefined;
      return typeof inst === 'number' ? inst : found.count;
    }
    c.restart = state;
    const r = c.wait(found.files.length === 0 ? { deadlineNs: state.deadlineNs } : { files: found.files, deadlineNs: state.deadlineNs });
    if (r === SUSPEND) return r;
    // Interrupted: the handlers run under the wait's mask; the caller's returns once they have.
    if (state.saved !== undefined) s.restoreMaskAfterHandlers(state.saved[0], state.saved[1]);
    c.restart = undefined;
    return r;
  },
};
