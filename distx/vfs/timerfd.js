import { Errno } from "../errno.js";
import { FileType } from "./types.js";
import { BaseFile } from "./file.js";
import { WaitQueue } from "../wait_queue.js";
import { makeStat } from "./stat.js";
import { ANON_DEV, nextAnonIno } from "./anon_inode.js";
class TimerFd extends BaseFile {
  /** `now` reads the machine's monotonic clock (ns); `clock` is the timer's clock id, kept for the caller. */
  constructor(now, clock) {
    super();
    this.now = now;
    this.clock = clock;
  }
  now;
  clock;
  type = FileType.Unknown;
  ino = nextAnonIno();
  /** When the next expiration falls due (monotonic ns), undefined while disarmed. */
  nextNs;
  intervalNs = 0n;
  /** Expirations counted and not yet read. */
  ticks = 0n;
  waiters = new WaitQueue();
  /**
   * Counts the expirations that have fallen due, and moves the next one past now. Finding one
   * wakes the subscribers: the expiration is the change they wait for (epoll's EPOLLET).
   */
  settle() {
    const next = this.nextNs;
    if (next === void 0) return;
    const now = this.now();
    if (now < next) return;
    if (this.intervalNs === 0n) {
      this.ticks += 1n;
      this.nextNs = void 0;
    } else {
      const k = (now - next) / this.intervalNs + 1n;
      this.ticks += k;
      this.nextNs = next + k * this.intervalNs;
    }
    this.waiters.wakeAll();
  }
  /** timerfd_settime with a relative value (0 disarms): the old setting; the count starts again at 0. */
  set(value) {
    const old = this.get();
    this.ticks = 0n;
    this.nextNs = value.valueNs === 0n ? void 0 : this.now() + value.valueNs;
    this.intervalNs = value.valueNs === 0n ? 0n : value.intervalNs;
    this.waiters.wakeAll();
    return old;
  }
  /** timerfd_gettime: the time left to the next expiration (0: disarmed) and the period. */
  get() {
    this.settle();
    const next = this.nextNs;
    if (next === void 0) return { valueNs: 0n, intervalNs: this.intervalNs };
    const left = next - this.now();
    return { valueNs: left > 0n ? left : 1n, intervalNs: this.intervalNs };
  }
  /** read: the 8-byte count of expirations since the last read (then 0); -EAGAIN while 0, -EINVAL for short buffers. */
  read(buf) {
    if (buf.length < 8) return -Errno.EINVAL;
    this.settle();
    if (this.ticks === 0n) return -Errno.EAGAIN;
    new DataView(buf.buffer, buf.byteOffset, 8).setBigUint64(0, this.ticks, true);
    this.ticks = 0n;
    return 8;
  }
  /** lseek: Linux's anonymous inodes accept it and stay at 0. */
  seek() {
    return 0;
  }
  /** POLLIN once an expiration is counted. */
  readable() {
    this.settle();
    return this.ticks > 0n;
  }
  /** Never writable (Linux reports no POLLOUT for a timerfd). */
  writable() {
    return false;
  }
  /** Woken when the timer is set and when an expiration is found (when it falls due: readyAtNs). */
  subscribe(wake) {
    return this.waiters.add(wake);
  }
  /** When the next expiration makes the object readable (monotonic ns), while it is armed. */
  readyAtNs() {
    this.settle();
    return this.nextNs;
  }
  stat() {
    return { ...makeStat(FileType.Unknown, ANON_DEV, this.ino), mode: 384 };
  }
}
export {
  TimerFd
};
