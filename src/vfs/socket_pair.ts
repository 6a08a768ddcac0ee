// AF_UNIX socket ends: what every socket is (SocketEnd: options, shutdown, the receive/send
// contract) and a connected stream's two ends, one pipe (pipe.ts) with a socket's larger buffer each
// way; unix_socket.ts builds socketpair's and socket()'s sockets on them. Shutdown, close and the
// peer's state follow Linux's AF_UNIX sockets (net/unix/af_unix.c): a shut or closed peer's writer
// gets EPIPE, a stream reader EOF once the buffer is drained, a stream closed with unread data
// leaves ECONNRESET to its peer. Nothing here blocks: an empty or full buffer answers -EAGAIN and
// the caller waits on subscribe().
import { Errno } from '../errno.js';
import { WaitQueue } from '../wait_queue.js';
import { BaseFile } from './file.js';
import { Pipe, type PipeReadEnd, type PipeWriteEnd } from './pipe.js';
import { makeStat, nextDeviceId } from './stat.js';
import { FileType, type Stat } from './types.js';

/** Linux's default socket buffer (net.core.wmem_default): a stream's buffer per direction. */
export const SOCKET_BUFFER = 212992;
/** The largest datagram (Linux: the send buffer less its bookkeeping); larger is EMSGSIZE. */
export const DGRAM_MAX = SOCKET_BUFFER - 32;
/** What a queued datagram costs besides its bytes (so that empty datagrams fill a queue too). */
export const DGRAM_OVERHEAD = 768;

const SOCKET_DEV = nextDeviceId();
let nextIno = 1n;

/** What receive() hands back: the bytes copied and, for datagrams, the message's whole length. */
export interface Received { copied: number; length: number }

/** One end of a socket pair, an open file description. */
export abstract class SocketEnd extends BaseFile {
  abstract override readonly type: FileType.SocketStream | FileType.SocketDgram;
  private readonly meta: Stat;
  /** shutdown(SHUT_RD) / shutdown(SHUT_WR) of this end (the peer's shutdowns show in its buffers). */
  protected shutRead = false;
  protected shutWrite = false;
  protected closed = false;
  peer: SocketEnd | undefined;
  /** SO_SNDBUF, SO_RCVBUF (as setsockopt left them; the buffers themselves keep their size), SO_PASSCRED. */
  sendBuffer = SOCKET_BUFFER;
  receiveBuffer = SOCKET_BUFFER;
  passCred = false;
  /** SO_RCVTIMEO / SO_SNDTIMEO in ns: how long a blocking call waits before EAGAIN (undefined: for ever). */
  receiveTimeoutNs: bigint | undefined;
  sendTimeoutNs: bigint | undefined;

  constructor() {
    super();
    this.meta = { ...makeStat(FileType.SocketStream, SOCKET_DEV, nextIno++), mode: 0o777 };
  }

  override stat(): Stat { return { ...this.meta, type: this.type }; }

  /** recv/read: bytes into dst (a datagram's whole length too), -EAGAIN, or -errno. */
  abstract receive(dst: Uint8Array, peek: boolean, nonblocking: boolean): Received | number;
  /**
   * send/write: bytes taken, -EAGAIN when full, -EPIPE for a shut or closed way, or -errno. A
   * blocking send takes all it is given or waits (-EAGAIN) until it can (up to a whole buffer),
   * as Linux's blocking send does; a nonblocking one takes what fits.
   */
  abstract send(src: Uint8Array, nonblocking: boolean): number;
  /** SO_ERROR: the pending error (cleared), or 0. */
  takeError(): number { return 0; }
  /** The error waiting to be reported (by recv or SO_ERROR), or 0. */
  get error(): number { return 0; }
  /** shutdown(how): SHUT_RD (read), SHUT_WR (write) or both. */
  abstract shutdown(read: boolean, write: boolean): void;
  /** No more can arrive: this end shut reading, or the peer shut writing or closed. */
  abstract get receiveShut(): boolean;
  /** Nothing more can be sent: this end shut writing, or the peer shut reading or closed. */
  abstract get sendShut(): boolean;

  /** read: as a blocking recv (a read never waits where readable() says it need not). */
  override read(buf: Uint8Array): number {
    const r = this.receive(buf, false, false);
    return typeof r === 'number' ? r : r.copied;
  }

  /**
   * write: as a blocking send. The description's O_NONBLOCK is not known here, so a nonblocking
   * write() that does not fit gets EAGAIN rather than a short count (send() knows and cuts short).
   */
  override write(buf: Uint8Array): number { return this.send(buf, false); }

  /** poll: POLLHUP once neither way is open any more (Linux: sk_shutdown == SHUTDOWN_MASK). */
  hungUp(): boolean { return this.receiveShut && this.sendShut; }
}

/** An end of a SOCK_STREAM pair: reads from one pipe, writes to the other. */
export class StreamSocketEnd extends SocketEnd {
  readonly type = FileType.SocketStream;
  private readonly reader: PipeReadEnd;
  private readonly writer: PipeWriteEnd;
  /** ECONNRESET once the peer closed with data of ours unread (reported after what is buffered). */
  pendingError = 0;

  constructor(private readonly rx: Pipe, private readonly tx: Pipe) {
    super();
    this.reader = rx.openReader();
    this.writer = tx.openWriter();
  }

  get receiveShut(): boolean { return this.shutRead || !this.rx.hasWriters; }

  override get error(): number { return this.pendingError; }

  override takeError(): number {
    const e = this.pendingError;
    this.pendingError = 0;
    return e;
  }
  get sendShut(): boolean { return this.shutWrite || !this.tx.hasReaders; }

  receive(dst: Uint8Array, peek: boolean, _nonblocking: boolean): Received | number {
    if (this.rx.buffered > 0 || dst.length === 0) {
      const n = peek ? this.rx.peek(dst) : this.rx.read(dst);
      return n < 0 ? n : { copied: n, length: n };
    }
    if (this.pendingError !== 0) {
      const e = this.pendingError;
      this.pendingError = 0;
      return -e;
    }
    return this.receiveShut ? { copied: 0, length: 0 } : -Errno.EAGAIN;
  }

  send(src: Uint8Array, nonblocking: boolean): number {
    if (this.shutWrite) return -Errno.EPIPE;
    if (!nonblocking && src.length <= this.tx.capacity && this.tx.space < src.length && this.tx.hasReaders) return -Errno.EAGAIN;
    return this.tx.write(src);
  }

  override readable(): boolean { return this.rx.buffered > 0 || this.pendingError !== 0 || this.receiveShut; }
  override writable(): boolean { return this.tx.space >= 4096 || this.sendShut; }
  override available(): number { return this.rx.buffered; }

  override subscribe(wake: () => void): () => void {
    const a = this.rx.readWaiters.add(wake), b = this.tx.writeWaiters.add(wake);
    return () => { a(); b(); };
  }

  shutdown(read: boolean, write: boolean): void {
    if (read && !this.shutRead) {
      this.shutRead = true;
      // The peer's writes now fail with EPIPE.
      this.reader.close();
      this.rx.readWaiters.wakeAll();
    }
    if (write && !this.shutWrite) {
      this.shutWrite = true;
      // The peer reads EOF once it has drained the buffer.
      this.writer.close();
      this.tx.writeWaiters.wakeAll();
    }
  }

  override close(): void {
    if (this.closed) return;
    this.closed = true;
    // Data the peer sent that this end never read: the peer learns of it (Linux: ECONNRESET).
    if (this.rx.buffered > 0 && this.peer !== undefined) (this.peer as StreamSocketEnd).pendingError = Errno.ECONNRESET;
    this.reader.close();
    this.writer.close();
    this.rx.readWaiters.wakeAll();
    this.tx.readWaiters.wakeAll();
    this.peer = undefined;
  }
}

/** A connected stream: two ends, one pipe each way (unix_socket.ts wraps them). */
export function createStreamPair(): [StreamSocketEnd, StreamSocketEnd] {
  const ab = new Pipe(undefined, SOCKET_BUFFER), ba = new Pipe(undefined, SOCKET_BUFFER);
  const a = new StreamSocketEnd(ba, ab);
  const b = new StreamSocketEnd(ab, ba);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
