// eventfd objects: a 64-bit counter that write adds to and read takes (all of it, or 1 in
// semaphore mode). Like a pipe it never blocks the host: a read of a zero counter or a write that
// would overflow answers -EAGAIN and the caller waits on subscribe(). One object is shared by every
// descriptor dup'ed or inherited across fork, so processes can signal each other through it.
// An epoll instance's descriptor is the same kind of object with `epoll` set: readable and
// writable never, read and write -EINVAL (the host keeps its interest list: src/libc/epoll_instance.ts).
import { Errno } from '../errno.js';
import { FileType, type Stat } from './types.js';
import { BaseFile } from './file.js';
import { WaitQueue } from '../wait_queue.js';
import { makeStat } from './stat.js';
import { ANON_DEV, nextAnonIno } from './anon_inode.js';

/** The largest value the counter holds (Linux: 2^64 - 2; a write of 2^64 - 1 is EINVAL). */
const COUNTER_MAX = 0xfffffffffffffffen;

export class EventFd extends BaseFile {
  /** Linux reports anonymous inodes with no file type bits; WASI's closest is Unknown. */
  readonly type = FileType.Unknown;
  readonly ino = nextAnonIno();
  private counter: bigint;
  /** Readers wait for a non-zero counter, writers for room; both queues are woken on any change. */
  private readonly waiters = new WaitQueue();

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
  /** POLLIN while the counter is non-zero. */
  override readable(): boolean { return !this.epoll && this.counter > 0n; }
  /** POLLOUT while at least 1 can be added. */
  override writable(): boolean { return !this.epoll && this.counter < COUNTER_MAX; }
  override subscribe(wake: () => void): () => void { return this.waiters.add(wake); }
  /** FIONREAD is not supported on Linux's eventfd either. */
  override available(): number { return -Errno.EINVAL; }
  override stat(): Stat { return { ...makeStat(FileType.Unknown, ANON_DEV, this.ino), mode: 0o600 }; }
}
