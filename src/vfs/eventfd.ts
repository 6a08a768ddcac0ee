// eventfd objects: a 64-bit counter that write adds to and read takes (all of it, or 1 in
// semaphore mode). Like a pipe it never blocks the host: a read of a zero counter or a write that
// would overflow answers -EAGAIN and the caller waits on subscribe(). One object is shared by every
// descriptor dup'ed or inherited across fork, so processes can signal each other through it.
// An epoll instance's descriptor is the same kind of object with `epoll` set: readable while an
// entry of its interest list has an event to report (the host keeps the list:
// src/libc/epoll_instance.ts), never writable, read and write -EINVAL.
import { Errno } from '../errno.js';
import { FileType, type Stat } from './types.js';
import { BaseFile } from './file.js';
import { WaitQueue } from '../wait_queue.js';
import { makeStat } from './stat.js';
import { ANON_DEV, nextAnonIno } from './anon_inode.js';

/** The largest value the counter holds (Linux: 2^64 - 2; a write of 2^64 - 1 is EINVAL). */
const COUNTER_MAX = 0xfffffffffffffffen;

/** What makes an epoll instance's descriptor readable: an entry of its interest list with an event to report. */
export interface EpollEvents {
  ready(): boolean;
  /** Wakes `wake` once when an entry's file may have changed. */
  subscribe(wake: () => void): () => void;
  /** When an entry's file becomes ready by itself (a timerfd), if one does. */
  readyAtNs(): bigint | undefined;
}

export class EventFd extends BaseFile {
  readonly procName = 'anon_inode:[eventfd]';
  /** Linux reports anonymous inodes with no file type bits; WASI's closest is Unknown. */
  readonly type = FileType.Unknown;
  readonly ino = nextAnonIno();
  private counter: bigint;
  /** Readers wait for a non-zero counter, writers for room; both queues are woken on any change. */
  private readonly waiters = new WaitQueue();

  /** An epoll instance's interest list (src/libc/epoll_instance.ts), once it has one. */
  epollEvents: EpollEvents | undefined;

  constructor(initial: number, private readonly semaphore: boolean, readonly epoll = false) {
    super();
    this.counter = BigInt(initial >>> 0);
  }

  /** read: the 8-byte counter (then 0), or 1 (then counter - 1) in semaphore mode; -EAGAIN at 0, -EINVAL for short buffers. */
  override read(buf: Uint8Array): number {
    if (this.epoll || buf.length < 8) return -Errno.EINVAL;
    if (this.counter === 0n) return -Errno.EAGAIN;
    const value = this.semaphore ? 1n : this.counter;
    this.counter -= value;
    new DataView(buf.buffer, buf.byteOffset, 8).setBigUint64(0, value, true);
    this.waiters.wakeAll();
    return 8;
  }

  /** write: adds the 8-byte value; -EINVAL for short buffers or 2^64-1, -EAGAIN while it would overflow. */
  override write(buf: Uint8Array): number {
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
  override seek(): number { return 0; }
  /** POLLIN while the counter is non-zero; an epoll instance's while it has an event to report. */
  override readable(): boolean { return this.epoll ? this.epollEvents?.ready() === true : this.counter > 0n; }
  /** POLLOUT while at least 1 can be added. */
  override writable(): boolean { return !this.epoll && this.counter < COUNTER_MAX; }
  override subscribe(wake: () => void): () => void {
    const own = this.waiters.add(wake);
    if (this.epollEvents === undefined) return own;
    const entries = this.epollEvents.subscribe(wake);
    return () => { own(); entries(); };
  }
  readyAtNs(): bigint | undefined { return this.epollEvents?.readyAtNs(); }
  /** FIONREAD is not supported on Linux's eventfd either. */
  override available(): number { return -Errno.EINVAL; }
  override stat(): Stat { return { ...makeStat(FileType.Unknown, ANON_DEV, this.ino), mode: 0o600 }; }
}
