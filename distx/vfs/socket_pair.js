import { Errno } from "../errno.js";
import { BaseFile } from "./file.js";
import { Pipe } from "./pipe.js";
import { makeStat, nextDeviceId } from "./stat.js";
import { FileType } from "./types.js";
const SOCKET_BUFFER = 212992;
const DGRAM_MAX = SOCKET_BUFFER - 32;
const DGRAM_OVERHEAD = 768;
const SOCKET_DEV = nextDeviceId();
let nextIno = 1n;
class SocketEnd extends BaseFile {
  meta;
  /** shutdown(SHUT_RD) / shutdown(SHUT_WR) of this end (the peer's shutdowns show in its buffers). */
  shutRead = false;
  shutWrite = false;
  closed = false;
  peer;
  /** SO_SNDBUF, SO_RCVBUF (as setsockopt left them; the buffers themselves keep their size), SO_PASSCRED. */
  sendBuffer = SOCKET_BUFFER;
  receiveBuffer = SOCKET_BUFFER;
  passCred = false;
  /** SO_RCVTIMEO / SO_SNDTIMEO in ns: how long a blocking call waits before EAGAIN (undefined: for ever). */
  receiveTimeoutNs;
  sendTimeoutNs;
  constructor() {
    super();
    this.meta = { ...makeStat(FileType.SocketStream, SOCKET_DEV, nextIno++), mode: 511 };
  }
  stat() {
    return { ...this.meta, type: this.type };
  }
  /** SO_ERROR: the pending error (cleared), or 0. */
  takeError() {
    return 0;
  }
  /** The error waiting to be reported (by recv or SO_ERROR), or 0. */
  get error() {
    return 0;
  }
  /** read: as a blocking recv (a read never waits where readable() says it need not). */
  read(buf) {
    const r = this.receive(buf, false, false);
    return typeof r === "number" ? r : r.copied;
  }
  /**
   * write: as a blocking send. The description's O_NONBLOCK is not known here, so a nonblocking
   * write() that does not fit gets EAGAIN rather than a short count (send() knows and cuts short).
   */
  write(buf) {
    return this.send(buf, false);
  }
  /** poll: POLLHUP once neither way is open any more (Linux: sk_shutdown == SHUTDOWN_MASK). */
  hungUp() {
    return this.receiveShut && this.sendShut;
  }
}
class StreamSocketEnd extends SocketEnd {
  constructor(rx, tx) {
    super();
    this.rx = rx;
    this.tx = tx;
    this.reader = rx.openReader();
    this.writer = tx.openWriter();
  }
  rx;
  tx;
  type = FileType.SocketStream;
  reader;
  writer;
  /** ECONNRESET once the peer closed with data of ours unread (reported after what is buffered). */
  pendingError = 0;
  get receiveShut() {
    return this.shutRead || !this.rx.hasWriters;
  }
  get error() {
    return this.pendingError;
  }
  takeError() {
    const e = this.pendingError;
    this.pendingError = 0;
    return e;
  }
  get sendShut() {
    return this.shutWrite || !this.tx.hasReaders;
  }
  receive(dst, peek, _nonblocking) {
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
  send(src, nonblocking) {
    if (this.shutWrite) return -Errno.EPIPE;
    if (!nonblocking && src.length <= this.tx.capacity && this.tx.space < src.length && this.tx.hasReaders) return -Errno.EAGAIN;
    return this.tx.write(src);
  }
  readable() {
    return this.rx.buffered > 0 || this.pendingError !== 0 || this.receiveShut;
  }
  writable() {
    return this.tx.space >= 4096 || this.sendShut;
  }
  available() {
    return this.rx.buffered;
  }
  subscribe(wake) {
    const a = this.rx.readWaiters.add(wake), b = this.tx.writeWaiters.add(wake);
    return () => {
      a();
      b();
    };
  }
  shutdown(read, write) {
    if (read && !this.shutRead) {
      this.shutRead = true;
      this.reader.close();
      this.rx.readWaiters.wakeAll();
    }
    if (write && !this.shutWrite) {
      this.shutWrite = true;
      this.writer.close();
      this.tx.writeWaiters.wakeAll();
    }
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    if (this.rx.buffered > 0 && this.peer !== void 0) this.peer.pendingError = Errno.ECONNRESET;
    this.reader.close();
    this.writer.close();
    this.rx.readWaiters.wakeAll();
    this.tx.readWaiters.wakeAll();
    this.peer = void 0;
  }
}
function createStreamPair() {
  const ab = new Pipe(void 0, SOCKET_BUFFER), ba = new Pipe(void 0, SOCKET_BUFFER);
  const a = new StreamSocketEnd(ba, ab);
  const b = new StreamSocketEnd(ab, ba);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
export {
  DGRAM_MAX,
  DGRAM_OVERHEAD,
  SOCKET_BUFFER,
  SocketEnd,
  StreamSocketEnd,
  createStreamPair
};
