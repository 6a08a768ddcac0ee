// timerfd objects: a timer whose expirations are counted, and read as an 8-byte count. The count
// is worked out from the clock whenever it is looked at (no host timer runs): a waiter learns
// from readyAtNs when the next expiration falls due, and waits until then. One object is shared
// by every descriptor dup'ed or inherited across fork, as on Linux.
import { Errno } from '../errno.js';
import { FileType, type Stat } from './types.js';
import { BaseFile } from './file.js';
import { WaitQueue } from '../wait_queue.js';
import { makeStat } from './stat.js';
import { ANON_DEV, nextAnonIno } from './anon_inode.js';

/** A timer setting in ns: the time to the next expiration (0: disarmed) and the period (0: once). */
export interface TimerSetting {
  valueNs: bigint;
  intervalNs: bigint;
}

export class TimerFd extends BaseFile {
  readonly procName = 'anon_inode:[timerfd]';
  readonly type = FileType.Unknown;
  readonly ino = nextAnonIno();
  /** When the next expiration falls due (monotonic ns), undefined while disarmed. */
  private nextNs: bigint | undefined;
  private intervalNs = 0n;
  /** Expirations counted and not yet read. */
  private ticks = 0n;
  private readonly waiters = new WaitQueue();

  /** `now` reads the machine's monotonic clock (ns); `clock` is the timer's clock id, kept for the caller. */
  constructor(private readonly now: () => bigint, readonly clock: number) {
    super();
  }

  /**
   * Counts the expirations that have fallen due, and moves the next one past now. Finding one
   * wakes the subscribers: the expiration is the change they wait for (epoll's EPOLLET).
   */
  private settle(): void {
    const next = this.nextNs;
    if (next === undefined) return;
    const now = this.now();
    if (now < next) return;
    if (this.intervalNs === 0n) {
      this.ticks += 1n;
      this.nextNs = undefined;
    } else {
      const k = (now - next) / this.intervalNs + 1n;
      this.ticks += k;
      this.nextNs = next + k * this.intervalNs;
    }
    this.waiters.wakeAll();
  }

  /** timerfd_settime with a relative value (0 disarms): the old setting; the count starts again at 0. */
  set(value: TimerSetting): TimerSetting {
    const old = this.get();
    this.ticks = 0n;
    this.nextNs = value.valueNs === 0n ? undefined : this.now() + value.valueNs;
    this.intervalNs = value.valueNs === 0n ? 0n : value.intervalNs;
    this.waiters.wakeAll();
    return old;
  }

  /** timerfd_gettime: the time left to the next expiration (0: disarmed) and the period. */
  get(): TimerSetting {
    this.settle();
    const next = this.nextNs;
    if (next === undefined) return { valueNs: 0n, intervalNs: this.intervalNs };
    const left = next - this.now();
    return { valueNs: left > 0n ? left : 1n, intervalNs: this.intervalNs };
  }

  /** read: the 8-byte count of expirations since the last read (then 0); -EAGAIN while 0, -EINVAL for short buffers. */
  override read(buf: Uint8Array): number {
    if (buf.length < 8) return -Errno.EINVAL;
    this.settle();
    if (this.ticks === 0n) return -Errno.EAGAIN;
    new DataView(buf.buffer, buf.byteOffset, 8).setBigUint64(0, this.ticks, true);
    this.ticks = 0n;
    return 8;
  }

  /** lseek: Linux's anonymous inodes accept it and stay at 0. */
  override seek(): number { return 0; }
  /** POLLIN once an expiration is counted. */
  override readable(): boolean {
    this.settle();
    return this.ticks > 0n;
  }
  /** Never writable (Linux reports no POLLOUT for a timerfd). */
  override writable(): boolean { return false; }
  /** Woken when the timer is set and when an expiration is found (when it falls due: readyAtNs). */
  override subscribe(wake: () => void): () => void { return this.waiters.add(wake); }
  /** When the next expiration makes the object readable (monotonic ns), while it is armed. */
  readyAtNs(): bigint | undefined {
    this.settle();
    return this.nextNs;
  }
  override stat(): Stat { return { ...makeStat(FileType.Unknown, ANON_DEV, this.ino), mode: 0o600 }; }
}
