import { Errno } from "../errno.js";
import { FileType } from "./types.js";
import { BaseFile } from "./file.js";
import { WaitQueue } from "../wait_queue.js";
import { makeStat } from "./stat.js";
import { ANON_DEV, nextAnonIno } from "./anon_inode.js";
const COUNTER_MAX = 0xfffffffffffffffen;
class EventFd extends BaseFile {
  constructor(initial, semaphore, epoll = false) {
    super();
    this.semaphore = semaphore;
    this.epoll = epoll;
    this.counter = BigInt(initial >>> 0);
  }
  semaphore;
  epoll;
  /** Linux reports anonymous inodes with no file type bits; WASI's closest is Unknown. */
  type = FileType.Unknown;
  ino = nextAnonIno();
  counter;
  /** Readers wait for a non-zero counter, writers for room; both queues are woken on any change. */
  waiters = new WaitQueue();
  /** An epoll instance's interest list (src/libc/epoll_instance.ts), once it has one. */
  epollEvents;
  /** read: the 8-byte counter (then 0), or 1 (then counter - 1) in semaphore mode; -EAGAIN at 0, -EINVAL for short buffers. */
  read(buf) {
    if (this.epoll || buf.length < 8) return -Errno.EINVAL;
    if (this.counter === 0n) return -Errno.EAGAIN;
    const value = this.semaphore ? 1n : this.counter;
    this.counter -= value;
    new DataView(buf.buffer, buf.byteOffset, 8).setBigUint64(0, value, true);
    this.waiters.wakeAll();
    return 8;
  }
  /** write: adds the 8-byte value; -EINVAL for short buffers or 2^64-1, -EAGAIN while it would overflow. */
  write(buf) {
    if (this.epoll || buf.length < 8) return -Errno.EINVAL;
    const value = new DataView(buf.buffer, buf.byteOffset, 8).getBigUint64(0, true);
    if (value > COUNTER_MAX) return -Errno.EINVAL;
    if (value > COUNTER_MAX - this.counter) return -Errno.EAGAIN;
    if (value === 0n) return 8;
    this.counter += value;
    this.waiters.wakeAll();
    return 8;
  }
  /** lseek: Linux's anonymous inodes accept it and stay at 0. */
  seek() {
    return 0;
  }
  /** POLLIN while the counter is non-zero; an epoll instance's while it has an event to report. */
  readable() {
    return this.epoll ? this.epollEvents?.ready() === true : this.counter > 0n;
  }
  /** POLLOUT while at least 1 can be added. */
  writable() {
    return !this.epoll && this.counter < COUNTER_MAX;
  }
  subscribe(wake) {
    const own = this.waiters.add(wake);
    if (this.epollEvents === void 0) return own;
    const entries = this.epollEvents.subscribe(wake);
    return () => {
      own();
      entries();
    };
  }
  readyAtNs() {
    return this.epollEvents?.readyAtNs();
  }
  /** FIONREAD is not supported on Linux's eventfd either. */
  available() {
    return -Errno.EINVAL;
  }
  stat() {
    return { ...makeStat(FileType.Unknown, ANON_DEV, this.ino), mode: 384 };
  }
}
export {
  EventFd
};
