import { Errno } from "../errno.js";
import { FileType } from "./types.js";
import { BaseFile } from "./file.js";
import { makeStat } from "./stat.js";
import { WaitQueue } from "../wait_queue.js";
import { ANON_DEV, nextAnonIno } from "./anon_inode.js";
const SIGCHLD = 17;
const SIGNALFD_SIGINFO_SIZE = 128;
function writeSiginfo(buf, s) {
  buf.fill(0, 0, SIGNALFD_SIGINFO_SIZE);
  const v = new DataView(buf.buffer, buf.byteOffset, SIGNALFD_SIGINFO_SIZE);
  v.setUint32(0, s.sig, true);
  v.setInt32(8, s.code, true);
  v.setUint32(12, s.pid, true);
  v.setUint32(16, s.uid, true);
  if (s.sig === SIGCHLD) {
    v.setInt32(40, s.value, true);
  } else {
    v.setInt32(44, s.value, true);
    v.setBigUint64(48, BigInt(s.value >>> 0), true);
  }
  v.setBigUint64(72, BigInt(s.addr >>> 0), true);
}
class SignalFd extends BaseFile {
  /** `ino`: a forked process's copy keeps the object's identity. */
  constructor(source, set, ino = nextAnonIno()) {
    super();
    this.source = source;
    this.set = set;
    this.ino = ino;
  }
  source;
  set;
  ino;
  type = FileType.Unknown;
  /** The signals of the set seen pending at the last look: one that was not is a new arrival. */
  seenLo = 0;
  seenHi = 0;
  waiters = new WaitQueue();
  /**
   * Whether a signal of the set is pending. A signal that was not pending at the last look has
   * arrived since: that wakes the subscribers (the change epoll's EPOLLET waits for; the
   * process itself is woken by the signal).
   */
  look() {
    const lo = this.source.pendingLo & this.set.lo;
    const hi = this.source.pendingHi & this.set.hi;
    const arrived = (lo & ~this.seenLo) !== 0 || (hi & ~this.seenHi) !== 0;
    this.seenLo = lo;
    this.seenHi = hi;
    if (arrived) this.waiters.wakeAll();
    return lo !== 0 || hi !== 0;
  }
  /** The same object as another process sees it (fork): its reads take that process's signals, the set stays shared. */
  forProcess(source) {
    return new SignalFd(source, this.set, this.ino);
  }
  /** read: as many signalfd_siginfo records as fit, each a signal taken; -EAGAIN when none is pending, -EINVAL below 128 bytes. */
  read(buf) {
    if (buf.length < SIGNALFD_SIGINFO_SIZE) return -Errno.EINVAL;
    let n = 0;
    while (buf.length - n >= SIGNALFD_SIGINFO_SIZE) {
      const s = this.source.take(this.set.lo, this.set.hi);
      if (s === void 0) break;
      writeSiginfo(buf.subarray(n), s);
      n += SIGNALFD_SIGINFO_SIZE;
    }
    this.look();
    return n === 0 ? -Errno.EAGAIN : n;
  }
  /** lseek: Linux's anonymous inodes accept it and stay at 0. */
  seek() {
    return 0;
  }
  /** POLLIN while a signal of the set is pending. */
  readable() {
    return this.look();
  }
  subscribe(wake) {
    return this.waiters.add(wake);
  }
  writable() {
    return false;
  }
  stat() {
    return { ...makeStat(FileType.Unknown, ANON_DEV, this.ino), mode: 384 };
  }
}
export {
  SIGNALFD_SIGINFO_SIZE,
  SignalFd
};
