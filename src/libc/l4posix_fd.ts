// l4posix, descriptor and terminal family: pipe/pipe2, dup/dup2/dup3, fcntl, ioctl, isatty and
// the termios calls. Descriptors are the process's FdTable (shared with the WASI layer): the
// close-on-exec flag is per descriptor, status flags (O_NONBLOCK, O_APPEND) per open description.
// Terminal settings are recorded per process (its controlling terminal) and reported back.
import { Errno } from '../errno.js';
import { FdFlags, Rights } from './abi.js';
import { rightsFor, type FdEntry } from './fdtable.js';
import type { L4posixContext } from './l4posix.js';
import {
  FD_CLOEXEC, Fcntl, Ioctl, O_CLOEXEC, O_NONBLOCK, OpenMode, TcflushQueue, TcsetattrAction, Termios, Winsize,
} from './posix_abi.js';
import { posixState } from './posix_state.js';
import { fileLock, LockCmd, recordLock } from './l4posix_lock.js';
import { createPipe, PIPE_CAPACITY } from '../vfs/pipe.js';
import { FileType } from '../vfs/types.js';

/** The status flags F_SETFL may change (the rest of what open set stays, as on Linux). */
const SETFL_MASK = FdFlags.APPEND | FdFlags.NONBLOCK;

/** The descriptor's entry, or -EBADF. */
function entry(c: L4posixContext, fd: number): FdEntry | number {
  return c.fds.get(fd) ?? -Errno.EBADF;
}

/** The entry of a terminal descriptor, or -EBADF / -ENOTTY. */
function terminal(c: L4posixContext, fd: number): FdEntry | number {
  const e = c.fds.get(fd);
  if (e === undefined) return -Errno.EBADF;
  return e.file.isTerminal ? e : -Errno.ENOTTY;
}

/** F_GETFL: the status flags and the access mode, as wasi-libc's O_* constants spell them. */
function statusFlags(e: FdEntry): number {
  const r = e.rightsBase;
  let mode: number;
  if ((r & (Rights.FD_READ | Rights.FD_READDIR)) !== 0) mode = (r & Rights.FD_WRITE) !== 0 ? OpenMode.RDWR : OpenMode.RDONLY;
  else mode = (r & Rights.FD_WRITE) !== 0 ? OpenMode.WRONLY : OpenMode.SEARCH;
  return e.desc.flags | mode;
}

/** Discards the terminal input not read yet (TCSAFLUSH, tcflush TCIFLUSH). */
function flushInput(e: FdEntry): void {
  const n = e.file.available();
  if (n > 0 && e.file.readable()) e.file.read(new Uint8Array(n));
}

/** tcsetattr and the TCSETS* ioctls: records the settings read from `ptr`. */
function setTermios(c: L4posixContext, e: FdEntry, action: number, ptr: number): number {
  const s = posixState(c);
  if (action !== TcsetattrAction.NOW && action !== TcsetattrAction.DRAIN && action !== TcsetattrAction.FLUSH) {
    return -Errno.EINVAL;
  }
  if (!s.mem.ok(ptr, Termios.SIZE)) return -Errno.EFAULT;
  s.termios.read(s.mem.view, ptr);
  if (action === TcsetattrAction.FLUSH) flushInput(e);
  return 0;
}

export const descriptorCalls = {
  /**
   * pipe2(fds, flags): a new pipe's read and write ends at the two lowest free descriptors.
   * Flags: O_NONBLOCK (on both descriptions), O_CLOEXEC (on both descriptors); others -EINVAL.
   * -EFAULT for a bad array, -EMFILE when the table is full.
   */
  pipe(c: L4posixContext, fdsPtr: number, flags: number): number {
    fdsPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) !== 0) return -Errno.EINVAL;
    if (!mem.ok(fdsPtr, 8)) return -Errno.EFAULT;
    const cloexec = (flags & O_CLOEXEC) !== 0;
    const fl = (flags & O_NONBLOCK) !== 0 ? FdFlags.NONBLOCK : 0;
    const [r, w] = createPipe();
    const rfd = c.fds.insert(r, { rightsBase: rightsFor(r, true, false), flags: fl, cloexec });
    if (rfd < 0) { r.close(); w.close(); return rfd; }
    const wfd = c.fds.insert(w, { rightsBase: rightsFor(w, false, true), flags: fl, cloexec });
    if (wfd < 0) { c.fds.close(rfd); w.close(); return wfd; }
    mem.view.setInt32(fdsPtr, rfd, true);
    mem.view.setInt32(fdsPtr + 4, wfd, true);
    return 0;
  },

  /** dup: the lowest free descriptor, sharing the description (close-on-exec clear); -EBADF, -EMFILE. */
  dup(c: L4posixContext, fd: number): number {
    return c.fds.dup(fd, 0, false);
  },

  /**
   * dup3(old, new, flags): `new` becomes a copy of `old`, closing what it was. -EINVAL for flags
   * other than O_CLOEXEC or old == new (dup2 answers that case itself), -EBADF for a bad `old` or a
   * `new` beyond RLIMIT_NOFILE.
   */
  dup3(c: L4posixContext, oldFd: number, newFd: number, flags: number): number {
    if ((flags & ~O_CLOEXEC) !== 0) return -Errno.EINVAL;
    if (oldFd === newFd) return -Errno.EINVAL;
    return c.fds.dup2(oldFd, newFd, (flags & O_CLOEXEC) !== 0);
  },

  /**
   * fcntl: F_DUPFD/F_DUPFD_CLOEXEC (lowest free >= arg; -EINVAL beyond RLIMIT_NOFILE),
   * F_GETFD/F_SETFD (FD_CLOEXEC), F_GETFL/F_SETFL (O_APPEND, O_NONBLOCK), F_GETPIPE_SZ,
   * F_GETLK/F_SETLK/F_SETLKW (record locks, `arg` points to a struct flock). -EBADF for
   * a descriptor that is not open, -EINVAL for other commands.
   */
  fcntl(c: L4posixContext, fd: number, cmd: number, arg: number): number {
    const e = entry(c, fd);
    if (typeof e === 'number') return e;
    switch (cmd) {
      case Fcntl.DUPFD: return c.fds.dup(fd, arg, false);
      case Fcntl.DUPFD_CLOEXEC: return c.fds.dup(fd, arg, true);
      case Fcntl.GETFD: return e.cloexec ? FD_CLOEXEC : 0;
      case Fcntl.SETFD: e.cloexec = (arg & FD_CLOEXEC) !== 0; return 0;
      case Fcntl.GETFL: return statusFlags(e);
      case Fcntl.SETFL: e.desc.flags = (e.desc.flags & ~SETFL_MASK) | (arg & SETFL_MASK); return 0;
      case Fcntl.GETPIPE_SZ: return e.file.type === FileType.Fifo ? PIPE_CAPACITY : -Errno.EBADF;
      case LockCmd.GETLK: case LockCmd.SETLK: case LockCmd.SETLKW: return recordLock(c, e, cmd, arg >>> 0);
      default: return -Errno.EINVAL;
    }
  },

  /** flock: the open file description's lock on the whole file (l4posix_lock.ts fileLock). */
  flock(c: L4posixContext, fd: number, op: number): number {
    const e = entry(c, fd);
    if (typeof e === 'number') return e;
    return fileLock(c, e, op);
  },

  /**
   * ioctl: FIONREAD (bytes readable now), FIONBIO, FIOCLEX/FIONCLEX; on terminals TIOCGWINSZ,
   * TIOCSWINSZ and TCGETS/TCSETS*. -EBADF, -EFAULT, -ENOTTY for terminal requests on other files
   * and for requests l4wasm does not know.
   */
  ioctl(c: L4posixContext, fd: number, req: number, arg: number): number {
    arg >>>= 0;
    const e = entry(c, fd);
    if (typeof e === 'number') return e;
    const s = posixState(c);
    const mem = s.mem;
    mem.refresh();
    switch (req) {
      case Ioctl.FIONREAD: {
        const n = e.file.available();
        if (n < 0) return n;
        if (!mem.ok(arg, 4)) return -Errno.EFAULT;
        mem.view.setInt32(arg, n, true);
        return 0;
      }
      case Ioctl.FIONBIO: {
        if (!mem.ok(arg, 4)) return -Errno.EFAULT;
        const on = mem.view.getInt32(arg, true) !== 0;
        e.desc.flags = on ? e.desc.flags | FdFlags.NONBLOCK : e.desc.flags & ~FdFlags.NONBLOCK;
        return 0;
      }
      case Ioctl.FIOCLEX: e.cloexec = true; return 0;
      case Ioctl.FIONCLEX: e.cloexec = false; return 0;
      case Ioctl.TIOCGWINSZ: case Ioctl.TIOCSWINSZ:
      case Ioctl.TCGETS: case Ioctl.TCSETS: case Ioctl.TCSETSW: case Ioctl.TCSETSF: {
        if (!e.file.isTerminal) return -Errno.ENOTTY;
        const size = req === Ioctl.TIOCGWINSZ || req === Ioctl.TIOCSWINSZ ? Winsize.SIZE : Termios.SIZE;
        if (!mem.ok(arg, size)) return -Errno.EFAULT;
        switch (req) {
          case Ioctl.TIOCGWINSZ: s.winsize.write(mem.view, arg); return 0;
          case Ioctl.TIOCSWINSZ: s.winsize.read(mem.view, arg); return 0;
          case Ioctl.TCGETS: s.termios.write(mem.view, arg); return 0;
          default: return setTermios(c, e, req - Ioctl.TCSETS, arg);
        }
      }
      default:
        return -Errno.ENOTTY;
    }
  },

  /** isatty: 1 for a terminal, -ENOTTY for another file, -EBADF. */
  isatty(c: L4posixContext, fd: number): number {
    const e = terminal(c, fd);
    return typeof e === 'number' ? e : 1;
  },

  /** tcgetattr: the process's terminal settings; -EBADF, -ENOTTY, -EFAULT. */
  tcgetattr(c: L4posixContext, fd: number, ptr: number): number {
    ptr >>>= 0;
    const e = terminal(c, fd);
    if (typeof e === 'number') return e;
    const s = posixState(c);
    s.mem.refresh();
    if (!s.mem.ok(ptr, Termios.SIZE)) return -Errno.EFAULT;
    s.termios.write(s.mem.view, ptr);
    return 0;
  },

  /**
   * tcsetattr(fd, TCSANOW | TCSADRAIN | TCSAFLUSH, termios): records the settings (output never
   * waits, so DRAIN is NOW; FLUSH discards unread input). -EINVAL for another action.
   */
  tcsetattr(c: L4posixContext, fd: number, action: number, ptr: number): number {
    ptr >>>= 0;
    const e = terminal(c, fd);
    if (typeof e === 'number') return e;
    posixState(c).mem.refresh();
    return setTermios(c, e, action, ptr);
  },

  /** tcflush(fd, TCIFLUSH | TCOFLUSH | TCIOFLUSH): unread input is discarded (output is never queued). */
  tcflush(c: L4posixContext, fd: number, queue: number): number {
    const e = terminal(c, fd);
    if (typeof e === 'number') return e;
    if (queue !== TcflushQueue.IFLUSH && queue !== TcflushQueue.OFLUSH && queue !== TcflushQueue.IOFLUSH) {
      return -Errno.EINVAL;
    }
    if (queue !== TcflushQueue.OFLUSH) flushInput(e);
    return 0;
  },
};
