import { Errno } from "../errno.js";
import { insertObject } from "./fd_object.js";
import { O_CLOEXEC, O_NONBLOCK } from "./posix_abi.js";
import { SignalFd } from "../vfs/signalfd.js";
const SIGSET_SIZE = 8;
const UNREADABLE_LO = 1 << 9 - 1 | 1 << 19 - 1;
function pendingSignals(s) {
  return {
    take(lo, hi) {
      const t = s.state.takeFromSet(lo, hi);
      return t === void 0 ? void 0 : { sig: t.sig, ...t.info };
    },
    get pendingLo() {
      return s.state.pendingLo;
    },
    get pendingHi() {
      return s.state.pendingHi;
    }
  };
}
function signalfdsForChild(fds, signals) {
  const source = pendingSignals(signals);
  fds.renewFiles((file) => file instanceof SignalFd ? file.forProcess(source) : void 0);
}
const signalfdCalls = {
  /**
   * signalfd(fd, mask, flags): fd -1 makes a new descriptor for the set, else the signalfd `fd`
   * reads the new set from now on. EINVAL for unknown flags, EFAULT for an unreadable set, EBADF
   * for a closed descriptor and EINVAL for one that is no signalfd.
   */
  signalfd(c, fd, maskPtr, flags) {
    const s = c.signals;
    if (s === void 0) return -Errno.ENOSYS;
    maskPtr >>>= 0;
    if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) !== 0) return -Errno.EINVAL;
    const m = s.mem();
    if (maskPtr === 0 || !m.ok(maskPtr, SIGSET_SIZE)) return -Errno.EFAULT;
    const lo = m.view.getInt32(maskPtr, true) & ~UNREADABLE_LO;
    const hi = m.view.getInt32(maskPtr + 4, true);
    if (fd !== -1) {
      const e = c.fds.getFile(fd, 0);
      if (typeof e === "number") return e;
      const file2 = e.desc.file;
      if (!(file2 instanceof SignalFd)) return -Errno.EINVAL;
      file2.set.lo = lo;
      file2.set.hi = hi;
      return fd;
    }
    const file = new SignalFd(pendingSignals(s), { lo, hi });
    return insertObject(c, file, flags);
  }
};
export {
  signalfdCalls,
  signalfdsForChild
};
