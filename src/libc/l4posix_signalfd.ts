// l4posix, signalfd (sysroot/src/signalfd.c): a descriptor whose reads take the calling process's
// pending signals of a set (src/vfs/signalfd.ts). Checks are made in Linux's order (fs/signalfd.c).
import { Errno } from '../errno.js';
import type { FdTable } from './fdtable.js';
import type { L4posixContext } from './l4posix.js';
import { insertObject } from './fd_object.js';
import type { SignalBackend } from './l4posix_signal.js';
import { O_CLOEXEC, O_NONBLOCK } from './posix_abi.js';
import { SignalFd, type PendingSignals } from '../vfs/signalfd.js';

const SIGSET_SIZE = 8;
/** SIGKILL and SIGSTOP cannot be read from a signalfd (Linux drops them from the set). */
const UNREADABLE_LO = (1 << (9 - 1)) | (1 << (19 - 1));

/** The process's pending signals as a signalfd reads them. */
function pendingSignals(s: SignalBackend): PendingSignals {
  return {
    take(lo, hi) {
      const t = s.state.takeFromSet(lo, hi);
      return t === undefined ? undefined : { sig: t.sig, ...t.info };
    },
    get pendingLo() { return s.state.pendingLo; },
    get pendingHi() { return s.state.pendingHi; },
  };
}

/** fork: the child's signalfd descriptors read the child's pending signals (Linux: a signalfd reads its reader's). */
export function signalfdsForChild(fds: FdTable, signals: SignalBackend): void {
  const source = pendingSignals(signals);
  fds.renewFiles((file) => (file instanceof SignalFd ? file.forProcess(source) : undefined));
}

export const signalfdCalls = {
  /**
   * signalfd(fd, mask, flags): fd -1 makes a new descriptor for the set, else the signalfd `fd`
   * reads the new set from now on. EINVAL for unknown flags, EFAULT for an unreadable set, EBADF
   * for a closed descriptor and EINVAL for one that is no signalfd.
   */
  signalfd(c: L4posixContext, fd: number, maskPtr: number, flags: number): number {
    const s = c.signals;
    if (s === undefined) return -Errno.ENOSYS;
    maskPtr >>>= 0;
    if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) !== 0) return -Errno.EINVAL;
    const m = s.mem();
    if (maskPtr === 0 || !m.ok(maskPtr, SIGSET_SIZE)) return -Errno.EFAULT;
    const lo = m.view.getInt32(maskPtr, true) & ~UNREADABLE_LO;
    const hi = m.view.getInt32(maskPtr + 4, true);
    if (fd !== -1) {
      const e = c.fds.getFile(fd, 0);
      if (typeof e === 'number') return e;
      const file = e.desc.file;
      if (!(file instanceof SignalFd)) return -Errno.EINVAL;
      file.set.lo = lo;
      file.set.hi = hi;
      return fd;
    }
    const file = new SignalFd(pendingSignals(s), { lo, hi });
    return insertObject(c, file, flags);
  },
};
