// Pipes: a bounded ring buffer (64 KiB) shared by a read end and a write end. Neither end ever
// blocks the host: an empty or full pipe answers -EAGAIN and the caller waits on subscribe().
// Writes of at most PIPE_BUF bytes are atomic; larger ones may be partial.
import { Errno } from '../errno.js';
import { FileType, type Stat } from './types.js';
import { BaseFile } from './file.js';
import { WaitQueue } from '../wait_queue.js';
import { makeStat, nextDeviceId } from './stat.js';

export const PIPE_BUF = 4096;
export const PIPE_CAPACITY = 64 * 1024;

const PIPE_DEV = nextDeviceId();
let nextIno = 1n;

export class Pipe {
  readonly ino = nextIno++;
  private readonly ring: Uint8Array;
  private head = 0;
  private length = 0;
  private readers = 0;
  private writers = 0;
  /** Readers wait for data or the last writer's close; writers for space or the last reader's close. */
  readonly readWaiters = new WaitQueue();
  readonly writeWaiters = new WaitQueue();

  /**
   * `node`: a FIFO's own metadata (its file system's inode), which fstat on its ends reports.
   * `capacity`: the buffer's size (a socket pair's stream buffers are larger than a pipe's).
   */
  constructor(private readonly node?: () => Stat, readonly capacity = PIPE_CAPACITY) {
    this.ring = new Uint8Array(capacity);
  }

  /** Read and write ends ever opened: a FIFO's blocked open waits for the other count to move. */
  readerOpens = 0;
  writerOpens = 0;

  /** A new read-end description (pipe(), or opening a FIFO for reading). */
  openReader(): PipeReadEnd {
    this.readers++;
    this.readerOpens++;
    // A writer blocked in a FIFO's open waits for a reader.
    this.writeWaiters.wakeAll();
    return new PipeReadEnd(this);
  }

  /** A new write-end description. */
  openWriter(): PipeWriteEnd {
    this.writers++;
    this.writerOpens++;
    this.readWaiters.wakeAll();
    return new PipeWriteEnd(this);
  }

  get buffered(): number { return this.length; }
  get space(): number { return this.capacity - this.length; }
  get hasReaders(): boolean { return this.readers > 0; }
  get hasWriters(): boolean { return this.writers > 0; }

  /** read: buffered bytes; -EAGAIN while empty with writers, 0 (EOF) without. */
  read(dst: Uint8Array): number {
    if (dst.length === 0) return 0;
    if (this.length === 0) return this.writers > 0 ? -Errno.EAGAIN : 0;
    const n = this.copyOut(dst);
    this.head = (this.head + n) % this.capacity;
    this.length -= n;
    if (this.length === 0) this.head = 0;
    this.writeWaiters.wakeAll();
    return n;
  }

  /** recv(MSG_PEEK): buffered bytes copied, left in the buffer; -EAGAIN / 0 as read. */
  peek(dst: Uint8Array): number {
    if (dst.length === 0) return 0;
    if (this.length === 0) return this.writers > 0 ? -Errno.EAGAIN : 0;
    return this.copyOut(dst);
  }

  /** Copies the oldest buffered bytes (at most dst.length) to dst; the count. */
  private copyOut(dst: Uint8Array): number {
    const n = Math.min(dst.length, this.length);
    const first = Math.min(n, this.capacity - this.head);
    dst.set(this.ring.subarray(this.head, this.head + first));
    if (n > first) dst.set(this.ring.subarray(0, n - first), first);
    return n;
  }

  /** write: -EPIPE without readers; -EAGAIN when full (or too full for an atomic write); else bytes taken. */
  write(src: Uint8Array): number {
    if (src.length === 0) return 0;
    if (this.readers === 0) return -Errno.EPIPE;
    const space = this.capacity - this.length;
    if (space === 0 || (src.length <= PIPE_BUF && space < src.length)) return -Errno.EAGAIN;
    const n = Math.min(src.length, space);
    const tail = (this.head + this.length) % this.capacity;
    const first = Math.min(n, this.capacity - tail);
    this.ring.set(src.subarray(0, first), tail);
    if (n > first) this.ring.set(src.subarray(first, n), 0);
    this.length += n;
    this.readWaiters.wakeAll();
    return n;
  }

  closeReader(): void {
    this.readers--;
    // Writers now get EPIPE instead of waiting for space.
    if (this.readers === 0) this.writeWaiters.wakeAll();
  }

  closeWriter(): void {
    this.writers--;
    // Readers now see EOF once the buffer is drained.
    if (this.writers === 0) this.readWaiters.wakeAll();
  }

  stat(): Stat {
    return this.node?.() ?? { ...makeStat(FileType.Fifo, PIPE_DEV, this.ino), mode: 0o600 };
  }
}

/** The read end of a pipe, an open file description. */
export class PipeReadEnd extends BaseFile {
  readonly type = FileType.Fifo;
  private closed = false;

  constructor(readonly pipe: Pipe) { super(); }

  override read(buf: Uint8Array): number { return this.pipe.read(buf); }
  override write(_buf: Uint8Array): number { return -Errno.EBADF; }
  /** Ready when there is data or no writer is left (read returns EOF). */
  override readable(): boolean { return this.pipe.buffered > 0 || !this.pipe.hasWriters; }
  override writable(): boolean { return false; }
  hungUp(): boolean { return !this.pipe.hasWriters; }
  override subscribe(wake: () => void): () => void { return this.pipe.readWaiters.add(wake); }
  override available(): number { return this.pipe.buffered; }
  override stat(): Stat { return this.pipe.stat(); }
  override close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pipe.closeReader();
  }
}

/** The write end of a pipe. */
export class PipeWriteEnd extends BaseFile {
  readonly type = FileType.Fifo;
  private closed = false;

  constructor(readonly pipe: Pipe) { super(); }

  override read(_buf: Uint8Array): number { return -Errno.EBADF; }
  override write(buf: Uint8Array): number { return this.pipe.write(buf); }
  override readable(): boolean { return false; }
  /** Ready when an atomic write fits, or when no reader is left (write fails with EPIPE at once). */
  override writable(): boolean { return this.pipe.space >= PIPE_BUF || !this.pipe.hasReaders; }
  hungUp(): boolean { return !this.pipe.hasReaders; }
  override subscribe(wake: () => void): () => void { return this.pipe.writeWaiters.add(wake); }
  override available(): number { return this.pipe.buffered; }
  override stat(): Stat { return this.pipe.stat(); }
  override close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pipe.closeWriter();
  }
}

/** pipe(): a new pipe's read and write ends. */
export function createPipe(): [PipeReadEnd, PipeWriteEnd] {
  const pipe = new Pipe();
  return [pipe.openReader(), pipe.openWriter()];
}

/** A FIFO opened for reading and writing (Linux allows it, and it never waits for a peer). */
export class FifoBothEnds extends BaseFile {
  readonly type = FileType.Fifo;
  private readonly r: PipeReadEnd;
  private readonly w: PipeWriteEnd;

  constructor(readonly pipe: Pipe) {
    super();
    this.r = pipe.openReader();
    this.w = pipe.openWriter();
  }

  override read(buf: Uint8Array): number { return this.r.read(buf); }
  override write(buf: Uint8Array): number { return this.w.write(buf); }
  override readable(): boolean { return this.r.readable(); }
  override writable(): boolean { return this.w.writable(); }
  override subscribe(wake: () => void): () => void {
    const a = this.r.subscribe(wake), b = this.w.subscribe(wake);
    return () => { a(); b(); };
  }
  override available(): number { return this.pipe.buffered; }
  override stat(): Stat { return this.pipe.stat(); }
  override close(): void {
    this.r.close();
    this.w.close();
  }
}
