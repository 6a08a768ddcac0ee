// signalfd objects: a signal set whose pending signals are read as struct signalfd_siginfo
// records. The pending signals belong to a process, which the file system does not know: the
// object reads them through the source its process gave it, and a forked process gets its own
// copy (forProcess) sharing the set. Signals reach the process as any others (a blocked one
// waits in its pending set, and wakes the process's wait).
import { Errno } from '../errno.js';
import { FileType, type Stat } from './types.js';
import { BaseFile } from './file.js';
import { makeStat } from './stat.js';
import { WaitQueue } from '../wait_queue.js';
import { ANON_DEV, nextAnonIno } from './anon_inode.js';

/** A pending signal and what Linux's siginfo says of it (`value`: si_value, or SIGCHLD's si_status). */
export interface SignalRecord {
  sig: number;
  code: number;
  pid: number;
  uid: number;
  addr: number;
  value: number;
}

/** A process's pending signals, as a signalfd reads them. */
export interface PendingSignals {
  /** Takes the lowest pending signal of the set (two words: signals 1-32, 33-64); undefined when none is. */
  take(lo: number, hi: number): SignalRecord | undefined;
  /** The pending signals (signals 1-32, 33-64). */
  readonly pendingLo: number;
  readonly pendingHi: number;
}

const SIGCHLD = 17;

/** struct signalfd_siginfo: 128 bytes. */
export const SIGNALFD_SIGINFO_SIZE = 128;

/** Writes one struct signalfd_siginfo (Linux's <sys/signalfd.h> layout) at the start of `buf`. */
function writeSiginfo(buf: Uint8Array, s: SignalRecord): void {
  buf.fill(0, 0, SIGNALFD_SIGINFO_SIZE);
  const v = new DataView(buf.buffer, buf.byteOffset, SIGNALFD_SIGINFO_SIZE);
  v.setUint32(0, s.sig, true); // ssi_signo
  v.setInt32(8, s.code, true); // ssi_code
  v.setUint32(12, s.pid, true); // ssi_pid
  v.setUint32(16, s.uid, true); // ssi_uid
  if (s.sig === SIGCHLD) {
    v.setInt32(40, s.value, true); // ssi_status: a child's exit code or signal
  } else {
    v.setInt32(44, s.value, true); // ssi_int
    v.setBigUint64(48, BigInt(s.value >>> 0), true); // ssi_ptr
  }
  v.setBigUint64(72, BigInt(s.addr >>> 0), true); // ssi_addr
}

/** A signalfd's set (signals 1-32, 33-64), which signalfd on the descriptor may change. */
export interface SignalSet {
  lo: number;
  hi: number;
}

export class SignalFd extends BaseFile {
  readonly procName = 'anon_inode:[signalfd]';
  readonly type = FileType.Unknown;

  /** The signals of the set seen pending at the last look: one that was not is a new arrival. */
  private seenLo = 0;
  private seenHi = 0;
  private readonly waiters = new WaitQueue();

  /** `ino`: a forked process's copy keeps the object's identity. */
  constructor(private readonly source: PendingSignals, readonly set: SignalSet, readonly ino = nextAnonIno()) {
    super();
  }

  /**
   * Whether a signal of the set is pending. A signal that was not pending at the last look has
   * arrived since: that wakes the subscribers (the change epoll's EPOLLET waits for; the
   * process itself is woken by the signal).
   */
  private look(): boolean {
    const lo = this.source.pendingLo & this.set.lo;
    const hi = this.source.pendingHi & this.set.hi;
    const arrived = (lo & ~this.seenLo) !== 0 || (hi & ~this.seenHi) !== 0;
    this.seenLo = lo;
    this.seenHi = hi;
    if (arrived) this.waiters.wakeAll();
    return lo !== 0 || hi !== 0;
  }

  /** The same object as another process sees it (fork): its reads take that process's signals, the set stays shared. */
  forProcess(source: PendingSignals): SignalFd {
    return new SignalFd(source, this.set, this.ino);
  }

  /** read: as many signalfd_siginfo records as fit, each a signal taken; -EAGAIN when none is pending, -EINVAL below 128 bytes. */
  override read(buf: Uint8Array): number {
    if (buf.length < SIGNALFD_SIGINFO_SIZE) return -Errno.EINVAL;
    let n = 0;
    while (buf.length - n >= SIGNALFD_SIGINFO_SIZE) {
      const s = this.source.take(this.set.lo, this.set.hi);
      if (s === undefined) break;
      writeSiginfo(buf.subarray(n), s);
      n += SIGNALFD_SIGINFO_SIZE;
    }
    this.look();
    return n === 0 ? -Errno.EAGAIN : n;
  }

  /** lseek: Linux's anonymous inodes accept it and stay at 0. */
  override seek(): number { return 0; }
  /** POLLIN while a signal of the set is pending. */
  override readable(): boolean { return this.look(); }
  override subscribe(wake: () => void): () => void { return this.waiters.add(wake); }
  override writable(): boolean { return false; }
  override stat(): Stat { return { ...makeStat(FileType.Unknown, ANON_DEV, this.ino), mode: 0o600 }; }
}
