import { Errno } from "../errno.js";
import { FileType } from "./types.js";
import { BaseFile } from "./file.js";
import { WaitQueue } from "../wait_queue.js";
import { makeStat, nextDeviceId } from "./stat.js";
const PIPE_BUF = 4096;
const PIPE_CAPACITY = 64 * 1024;
const PIPE_DEV = nextDeviceId();
let nextIno = 1n;
class Pipe {
  /**
   * `node`: a FIFO's own metadata (its file system's inode), which fstat on its ends reports.
   * `capacity`: the buffer's size (a socket pair's stream buffers are larger than a pipe's).
   */
  constructor(node, capacity = PIPE_CAPACITY) {
    this.node = node;
    this.capacity = capacity;
    this.ring = new Uint8Array(capacity);
  }
  node;
  capacity;
  ino = nextIno++;
  ring;
  head = 0;
  length = 0;
  readers = 0;
  writers = 0;
  /** Readers wait for data or the last writer's close; writers for space or the last reader's close. */
  readWaiters = new WaitQueue();
  writeWaiters = new WaitQueue();
  /** Read and write ends ever opened: a FIFO's blocked open waits for the other count to move. */
  readerOpens = 0;
  writerOpens = 0;
  /** A new read-end description (pipe(), or opening a FIFO for reading). */
  openReader() {
    this.readers++;
    this.readerOpens++;
    this.writeWaiters.wakeAll();
    return new PipeReadEnd(this);
  }
  /** A new write-end description. */
  openWriter() {
    this.writers++;
    this.writerOpens++;
    this.readWaiters.wakeAll();
    return new PipeWriteEnd(this);
  }
  get buffered() {
    return this.length;
  }
  get space() {
    return this.capacity - this.length;
  }
  get hasReaders() {
    return this.readers > 0;
  }
  get hasWriters() {
    return this.writers > 0;
  }
  /** read: buffered bytes; -EAGAIN while empty with writers, 0 (EOF) without. */
  read(dst) {
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
  peek(dst) {
    if (dst.length === 0) return 0;
    if (this.length === 0) return this.writers > 0 ? -Errno.EAGAIN : 0;
    return this.copyOut(dst);
  }
  /** Copies the oldest buffered bytes (at most dst.length) to dst; the count. */
  copyOut(dst) {
    const n = Math.min(dst.length, this.length);
    const first = Math.min(n, this.capacity - this.head);
    dst.set(this.ring.subarray(this.head, this.head + first));
    if (n > first) dst.set(this.ring.subarray(0, n - first), first);
    return n;
  }
  /** write: -EPIPE without readers; -EAGAIN when full (or too full for an atomic write); else bytes taken. */
  write(src) {
    if (src.length === 0) return 0;
    if (this.readers === 0) return -Errno.EPIPE;
    const space = this.capacity - this.length;
    if (space === 0 || src.length <= PIPE_BUF && space < src.length) return -Errno.EAGAIN;
    const n = Math.min(src.length, space);
    const tail = (this.head + this.length) % this.capacity;
    const first = Math.min(n, this.capacity - tail);
    this.ring.set(src.subarray(0, first), tail);
    if (n > first) this.ring.set(src.subarray(first, n), 0);
    this.length += n;
    this.readWaiters.wakeAll();
    return n;
  }
  closeReader() {
    this.readers--;
    if (this.readers === 0) this.writeWaiters.wakeAll();
  }
  closeWriter() {
    this.writers--;
    if (this.writers === 0) this.readWaiters.wakeAll();
  }
  stat() {
    return this.node?.() ?? { ...makeStat(FileType.Fifo, PIPE_DEV, this.ino), mode: 384 };
  }
}
class PipeReadEnd extends BaseFile {
  constructor(pipe) {
    super();
    this.pipe = pipe;
  }
  pipe;
  type = FileType.Fifo;
  closed = false;
  read(buf) {
    return this.pipe.read(buf);
  }
  write(_buf) {
    return -Errno.EBADF;
  }
  /** Ready when there is data or no writer is left (read returns EOF). */
  readable() {
    return this.pipe.buffered > 0 || !this.pipe.hasWriters;
  }
  writable() {
    return false;
  }
  hungUp() {
    return !this.pipe.hasWriters;
  }
  subscribe(wake) {
    return this.pipe.readWaiters.add(wake);
  }
  available() {
    return this.pipe.buffered;
  }
  stat() {
    return this.pipe.stat();
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.pipe.closeReader();
  }
}
class PipeWriteEnd extends BaseFile {
  constructor(pipe) {
    super();
    this.pipe = pipe;
  }
  pipe;
  type = FileType.Fifo;
  closed = false;
  read(_buf) {
    return -Errno.EBADF;
  }
  write(buf) {
    return this.pipe.write(buf);
  }
  readable() {
    return false;
  }
  /** Ready when an atomic write fits, or when no reader is left (write fails with EPIPE at once). */
  writable() {
    return this.pipe.space >= PIPE_BUF || !this.pipe.hasReaders;
  }
  hungUp() {
    return !this.pipe.hasReaders;
  }
  subscribe(wake) {
    return this.pipe.writeWaiters.add(wake);
  }
  available() {
    return this.pipe.buffered;
  }
  stat() {
    return this.pipe.stat();
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.pipe.closeWriter();
  }
}
function createPipe() {
  const pipe = new Pipe();
  return [pipe.openReader(), pipe.openWriter()];
}
class FifoBothEnds extends BaseFile {
  constructor(pipe) {
    super();
    this.pipe = pipe;
    this.r = pipe.openReader();
    this.w = pipe.openWriter();
  }
  pipe;
  type = FileType.Fifo;
  r;
  w;
  read(buf) {
    return this.r.read(buf);
  }
  write(buf) {
    return this.w.write(buf);
  }
  readable() {
    return this.r.readable();
  }
  writable() {
    return this.w.writable();
  }
  subscribe(wake) {
    const a = this.r.subscribe(wake), b = this.w.subscribe(wake);
    return () => {
      a();
      b();
    };
  }
  available() {
    return this.pipe.buffered;
  }
  stat() {
    return this.pipe.stat();
  }
  close() {
    this.r.close();
    this.w.close();
  }
}
export {
  FifoBothEnds,
  PIPE_BUF,
  PIPE_CAPACITY,
  Pipe,
  PipeReadEnd,
  PipeWriteEnd,
  createPipe
};
