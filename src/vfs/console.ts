// The machine console as files: ConsoleInput is a byte queue the host feeds (push/end) and the
// guest reads without ever blocking the host (-EAGAIN until data arrives); ConsoleOutput hands
// written bytes to a sink; ConsoleTerminal pairs the two for /dev/tty.
import { Errno } from '../errno.js';
import { FileType, type Stat } from './types.js';
import { BaseFile } from './file.js';
import { WaitQueue } from '../wait_queue.js';
import { makeStat, nextDeviceId } from './stat.js';

export interface ConsoleOptions {
  /** What isatty() answers (default true). */
  isTerminal?: boolean;
  /**
   * Input only: called when a reader finds the queue empty and input has not ended, so the host
   * starts reading its source only once the guest wants input.
   */
  onDemand?: () => void;
}

/**
 * Output only: the host side of the output (a pipe, a terminal) cannot take more for now. While
 * full() holds, writes fail with EAGAIN, so a blocking writer waits (suspends in the kernel) until
 * onDrain wakes it: the host never buffers more than its stream's own high-water mark.
 */
export interface OutputBackpressure {
  full(): boolean;
  /** Calls `wake` once when the host side can take more (or is gone); returns the cancel function. */
  onDrain(wake: () => void): () => void;
}

/** The console's input and output, as the machine wires them (and /dev/tty opens them). */
export interface ConsoleFiles {
  input: ConsoleInput;
  output: ConsoleOutput;
}

const CONSOLE_DEV = nextDeviceId();
let nextIno = 1n;

export class ConsoleInput extends BaseFile {
  readonly type = FileType.CharacterDevice;
  private readonly terminal: boolean;
  private readonly ino = nextIno++;
  private readonly chunks: Uint8Array[] = [];
  /** Bytes of chunks[0] already read. */
  private head = 0;
  private queued = 0;
  private ended = false;
  private readonly waiters = new WaitQueue();

  private readonly onDemand?: () => void;

  constructor(options: ConsoleOptions = {}) {
    super();
    this.terminal = options.isTerminal ?? true;
    this.onDemand = options.onDemand;
  }

  override get isTerminal(): boolean { return this.terminal; }

  /** Host side: queue bytes for the guest (copied) and wake its readers. Ignored after end(). */
  push(bytes: Uint8Array): void {
    if (this.ended || bytes.length === 0) return;
    this.chunks.push(bytes.slice());
    this.queued += bytes.length;
    this.waiters.wakeAll();
  }

  /** Host side: end of input; reads return 0 once the queue is drained. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.waiters.wakeAll();
  }

  /** read: queued bytes; -EAGAIN while empty and not ended, 0 at end of input. */
  override read(buf: Uint8Array): number {
    if (buf.length === 0) return 0;
    if (this.queued === 0) {
      if (this.ended) return 0;
      this.onDemand?.();
      // The source may have answered at once (input that had already ended).
      if (this.queued === 0) return this.ended ? 0 : -Errno.EAGAIN;
    }
    let n = 0;
    while (n < buf.length && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
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
  override write(_buf: Uint8Array): number { return -Errno.EBADF; }
  override readable(): boolean { return this.queued > 0 || this.ended; }
  override writable(): boolean { return false; }
  /** Woken when bytes arrive or input ends. */
  override subscribe(wake: () => void): () => void {
    if (this.queued === 0 && !this.ended) this.onDemand?.();
    return this.waiters.add(wake);
  }
  /** FIONREAD: queued bytes. */
  override available(): number { return this.queued; }
  override stat(): Stat { return { ...makeStat(FileType.CharacterDevice, CONSOLE_DEV, this.ino), mode: 0o620 }; }
  /** The console outlives every descriptor of it. */
  override close(): void {}
}

export class ConsoleOutput extends BaseFile {
  readonly type = FileType.CharacterDevice;
  private readonly terminal: boolean;
  private readonly ino = nextIno++;
  private backpressure?: OutputBackpressure;

  /** Writes wait while the host side is full (see OutputBackpressure). */
  setBackpressure(b: OutputBackpressure): this {
    this.backpressure = b;
    return this;
  }

  /**
   * `sink` receives a copy of each write, which it may keep. It may refuse the write by returning
   * a negative errno (-EPIPE: whoever read the output went away).
   */
  constructor(private readonly sink: (bytes: Uint8Array) => void | number, options: ConsoleOptions = {}) {
    super();
    this.terminal = options.isTerminal ?? true;
  }

  override get isTerminal(): boolean { return this.terminal; }

  /** write: everything, at once (the sink buffers), or the sink's error. */
  override write(buf: Uint8Array): number {
    if (this.backpressure?.full() === true) return buf.length === 0 ? 0 : -Errno.EAGAIN;
    if (buf.length === 0) return 0;
    const r = this.sink(buf.slice());
    return typeof r === 'number' && r < 0 ? r : buf.length;
  }

  /**
   * Output the program was already told is written (a decoupled program's, from its output ring):
   * handed to the sink whatever the host side holds; bounded by the ring, and the writer is
   * stopped from writing more that way while full() says so. The sink's error, or the length.
   */
  writeAccepted(buf: Uint8Array): number {
    if (buf.length === 0) return 0;
    const r = this.sink(buf);
    return typeof r === 'number' && r < 0 ? r : buf.length;
  }

  /** The host side holds as much as it should: writes wait (see OutputBackpressure). */
  full(): boolean { return this.backpressure?.full() === true; }

  /** read: the output side is not readable. */
  override read(_buf: Uint8Array): number { return -Errno.EBADF; }
  override readable(): boolean { return false; }
  override writable(): boolean { return this.backpressure?.full() !== true; }
  /**
   * Woken when the host side drains. Writable now, nothing can change that a waiter would wait
   * for (it is never readable): it is not woken, as a file whose readiness never changes.
   */
  override subscribe(wake: () => void): () => void {
    if (this.backpressure === undefined || !this.backpressure.full()) return () => {};
    return this.backpressure.onDrain(wake);
  }
  override stat(): Stat { return { ...makeStat(FileType.CharacterDevice, CONSOLE_DEV, this.ino), mode: 0o620 }; }
  override close(): void {}
}

/** /dev/tty: reads from the console input, writes to the console output. */
export class ConsoleTerminal extends BaseFile {
  readonly type = FileType.CharacterDevice;

  constructor(private readonly input: ConsoleInput, private readonly output: ConsoleOutput) { super(); }

  override get isTerminal(): boolean { return this.input.isTerminal; }
  override read(buf: Uint8Array): number { return this.input.read(buf); }
  override write(buf: Uint8Array): number { return this.output.write(buf); }
  override readable(): boolean { return this.input.readable(); }
  override subscribe(wake: () => void): () => void { return this.input.subscribe(wake); }
  override available(): number { return this.input.available(); }
  override stat(): Stat | number { return this.input.stat(); }
}
