import { Errno } from "../errno.js";
import { FileType } from "./types.js";
import { BaseFile } from "./file.js";
import { WaitQueue } from "../wait_queue.js";
import { makeStat, nextDeviceId } from "./stat.js";
const CONSOLE_DEV = nextDeviceId();
let nextIno = 1n;
class ConsoleInput extends BaseFile {
  type = FileType.CharacterDevice;
  terminal;
  ino = nextIno++;
  chunks = [];
  /** Bytes of chunks[0] already read. */
  head = 0;
  queued = 0;
  ended = false;
  waiters = new WaitQueue();
  onDemand;
  constructor(options = {}) {
    super();
    this.terminal = options.isTerminal ?? true;
    this.onDemand = options.onDemand;
  }
  get isTerminal() {
    return this.terminal;
  }
  /** Host side: queue bytes for the guest (copied) and wake its readers. Ignored after end(). */
  push(bytes) {
    if (this.ended || bytes.length === 0) return;
    this.chunks.push(bytes.slice());
    this.queued += bytes.length;
    this.waiters.wakeAll();
  }
  /** Host side: end of input; reads return 0 once the queue is drained. */
  end() {
    if (this.ended) return;
    this.ended = true;
    this.waiters.wakeAll();
  }
  /** read: queued bytes; -EAGAIN while empty and not ended, 0 at end of input. */
  read(buf) {
    if (buf.length === 0) return 0;
    if (this.queued === 0) {
      if (this.ended) return 0;
      this.onDemand?.();
      if (this.queued === 0) return this.ended ? 0 : -Errno.EAGAIN;
    }
    let n = 0;
    while (n < buf.length && this.chunks.length > 0) {
      const chunk = this.chunks[0];
      const take = Math.min(buf.length - n, chunk.length - this.head);
      buf.set(chunk.subarray(this.head, this.head + take), n);
      n += take;
      this.head += take;
      if (this.head === chunk.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.queued -= n;
    return n;
  }
  /** write: the input side is not writable. */
  write(_buf) {
    return -Errno.EBADF;
  }
  readable() {
    return this.queued > 0 || this.ended;
  }
  writable() {
    return false;
  }
  /** Woken when bytes arrive or input ends. */
  subscribe(wake) {
    if (this.queued === 0 && !this.ended) this.onDemand?.();
    return this.waiters.add(wake);
  }
  /** FIONREAD: queued bytes. */
  available() {
    return this.queued;
  }
  stat() {
    return { ...makeStat(FileType.CharacterDevice, CONSOLE_DEV, this.ino), mode: 400 };
  }
  /** The console outlives every descriptor of it. */
  close() {
  }
}
class ConsoleOutput extends BaseFile {
  /**
   * `sink` receives a copy of each write, which it may keep. It may refuse the write by returning
   * a negative errno (-EPIPE: whoever read the output went away).
   */
  constructor(sink, options = {}) {
    super();
    this.sink = sink;
    this.terminal = options.isTerminal ?? true;
  }
  sink;
  type = FileType.CharacterDevice;
  terminal;
  ino = nextIno++;
  backpressure;
  /** Writes wait while the host side is full (see OutputBackpressure). */
  setBackpressure(b) {
    this.backpressure = b;
    return this;
  }
  get isTerminal() {
    return this.terminal;
  }
  /** write: everything, at once (the sink buffers), or the sink's error. */
  write(buf) {
    if (this.backpressure?.full() === true) return buf.length === 0 ? 0 : -Errno.EAGAIN;
    if (buf.length === 0) return 0;
    const r = this.sink(buf.slice());
    return typeof r === "number" && r < 0 ? r : buf.length;
  }
  /**
   * Output the program was already told is written (a decoupled program's, from its output ring):
   * handed to the sink whatever the host side holds; bounded by the ring, and the writer is
   * stopped from writing more that way while full() says so. The sink's error, or the length.
   */
  writeAccepted(buf) {
    if (buf.length === 0) return 0;
    const r = this.sink(buf);
    return typeof r === "number" && r < 0 ? r : buf.length;
  }
  /** The host side holds as much as it should: writes wait (see OutputBackpressure). */
  full() {
    return this.backpressure?.full() === true;
  }
  /** read: the output side is not readable. */
  read(_buf) {
    return -Errno.EBADF;
  }
  readable() {
    return false;
  }
  writable() {
    return this.backpressure?.full() !== true;
  }
  /**
   * Woken when the host side drains. Writable now, nothing can change that a waiter would wait
   * for (it is never readable): it is not woken, as a file whose readiness never changes.
   */
  subscribe(wake) {
    if (this.backpressure === void 0 || !this.backpressure.full()) return () => {
    };
    return this.backpressure.onDrain(wake);
  }
  stat() {
    return { ...makeStat(FileType.CharacterDevice, CONSOLE_DEV, this.ino), mode: 400 };
  }
  close() {
  }
}
class ConsoleTerminal extends BaseFile {
  constructor(input, output) {
    super();
    this.input = input;
    this.output = output;
  }
  input;
  output;
  type = FileType.CharacterDevice;
  get isTerminal() {
    return this.input.isTerminal;
  }
  read(buf) {
    return this.input.read(buf);
  }
  write(buf) {
    return this.output.write(buf);
  }
  readable() {
    return this.input.readable();
  }
  subscribe(wake) {
    return this.input.subscribe(wake);
  }
  available() {
    return this.input.available();
  }
  stat() {
    return this.input.stat();
  }
}
export {
  ConsoleInput,
  ConsoleOutput,
  ConsoleTerminal
};
