import { Errno } from "../errno.js";
import { WaitQueue } from "../wait_queue.js";
import { createStreamPair, DGRAM_MAX, DGRAM_OVERHEAD, SOCKET_BUFFER, SocketEnd } from "./socket_pair.js";
import { FileType } from "./types.js";
const SOMAXCONN = 4096;
class UnixSocket extends SocketEnd {
  /** The bound address as sun_path's bytes (a path, or an abstract name beginning with NUL); undefined while unbound. */
  name;
  /** Called once the socket closes: an abstract name is released with its socket (a path's node stays). */
  onClose;
  /** The caller's credentials at socket(), listen() and connect() (Linux records them there). */
  cred;
  /** SO_PEERCRED: the peer's credentials when it connected (or listened), undefined when not connected. */
  peerCred;
  /** SO_ACCEPTCONN. */
  get listening() {
    return false;
  }
  receive(dst, peek, nonblocking) {
    const r = this.receiveMessage(dst, peek, nonblocking);
    if (typeof r !== "number") r.attachment?.release();
    return r;
  }
  closeName() {
    const f = this.onClose;
    this.onClose = void 0;
    f?.();
  }
}
class UnixStreamSocket extends UnixSocket {
  type = FileType.SocketStream;
  conn;
  peerAddr;
  backlog = -1;
  pending;
  /** Accepts (a connection arrived) and connects (the backlog has room) wait here. */
  listenWaiters = new WaitQueue();
  /** Bytes this end has taken from its stream and put into its peer's: the offsets attachments refer to. */
  received = 0;
  sent = 0;
  inbound = [];
  get connected() {
    return this.conn !== void 0;
  }
  get listening() {
    return this.pending !== void 0;
  }
  /** socketpair(SOCK_STREAM): two connected, unnamed sockets. */
  static pair() {
    const [a, b] = createStreamPair();
    const x = new UnixStreamSocket(), y = new UnixStreamSocket();
    x.join(a, y, void 0);
    y.join(b, x, void 0);
    return [x, y];
  }
  /** socketpair: both ends belong to (and are peers of) the creator. */
  static pairOf(cred) {
    const [x, y] = UnixStreamSocket.pair();
    x.cred = y.cred = x.peerCred = y.peerCred = cred;
    return [x, y];
  }
  join(conn, peer, peerAddr) {
    this.conn = conn;
    this.peer = peer;
    this.peerAddr = peerAddr;
  }
  /** listen(backlog): -EINVAL when connected or unbound (Linux); again, it only moves the backlog. */
  listen(backlog) {
    if (this.conn !== void 0 || this.name === void 0) return -Errno.EINVAL;
    this.backlog = backlog < 0 || backlog > SOMAXCONN ? SOMAXCONN : backlog;
    this.pending ??= [];
    this.listenWaiters.wakeAll();
    return 0;
  }
  /**
   * connect to `listener`: 0 once this socket is connected (its server side queued for accept),
   * -EAGAIN while the backlog is full (Linux lets backlog + 1 wait), -ECONNREFUSED when it does not
   * listen, -EISCONN, -EINVAL for a listening socket.
   */
  connect(listener) {
    if (this.conn !== void 0) return -Errno.EISCONN;
    if (this.pending !== void 0) return -Errno.EINVAL;
    if (listener.pending === void 0 || listener.closed) return -Errno.ECONNREFUSED;
    if (listener.pending.length > listener.backlog) return -Errno.EAGAIN;
    const [a, b] = createStreamPair();
    const server = new UnixStreamSocket();
    server.name = listener.name;
    server.passCred = listener.passCred;
    server.cred = listener.cred;
    server.peerCred = this.cred;
    this.peerCred = listener.cred;
    this.join(a, server, listener.name);
    server.join(b, this, this.name);
    listener.pending.push(server);
    listener.listenWaiters.wakeAll();
    return 0;
  }
  /** accept: the oldest connection waiting, -EAGAIN when none is, -EINVAL when not listening. */
  accept() {
    if (this.pending === void 0) return -Errno.EINVAL;
    const s = this.pending.shift();
    if (s === void 0) return -Errno.EAGAIN;
    this.listenWaiters.wakeAll();
    return s;
  }
  /** A connect waiting for room in this listener's backlog (or for it to stop listening). */
  subscribeListener(wake) {
    return this.listenWaiters.add(wake);
  }
  peerName() {
    return this.conn === void 0 ? -Errno.ENOTCONN : this.peerAddr;
  }
  /**
   * recv: a read ends with the bytes of the first message that carried an attachment and takes
   * that attachment (Linux's unix_stream_read_generic stops after the skb whose descriptors it
   * took). Unconnected: -EINVAL (Linux).
   */
  receiveMessage(dst, peek, nonblocking) {
    if (this.conn === void 0) return -Errno.EINVAL;
    const next = this.inbound[0];
    if (next !== void 0 && next.end - this.received < dst.length) dst = dst.subarray(0, next.end - this.received);
    const r = this.conn.receive(dst, peek, nonblocking);
    if (typeof r === "number" || peek || r.copied === 0) return r;
    this.received += r.copied;
    let attachment;
    while (this.inbound.length > 0 && this.inbound[0].at < this.received) {
      const a = this.inbound.shift().att;
      if (attachment === void 0) attachment = a;
      else a.release();
    }
    return { ...r, attachment };
  }
  /** send: the attachment goes with the first byte sent (released when nothing is); -ENOTCONN unconnected. */
  sendMessage(src, nonblocking, attachment) {
    if (this.conn === void 0) {
      attachment?.release();
      return this.shutWrite ? -Errno.EPIPE : -Errno.ENOTCONN;
    }
    const n = this.conn.send(src, nonblocking);
    if (n > 0 && attachment !== void 0 && this.peer instanceof UnixStreamSocket) {
      this.peer.inbound.push({ at: this.sent, end: this.sent + n, att: attachment });
    } else {
      attachment?.release();
    }
    if (n > 0) this.sent += n;
    return n;
  }
  send(src, nonblocking) {
    return this.sendMessage(src, nonblocking);
  }
  get error() {
    return this.conn?.error ?? 0;
  }
  takeError() {
    return this.conn?.takeError() ?? 0;
  }
  /** shutdown: Linux records it on an unconnected socket too (and answers 0). */
  shutdown(read, write) {
    if (read) this.shutRead = true;
    if (write) this.shutWrite = true;
    this.conn?.shutdown(read, write);
  }
  get receiveShut() {
    return this.conn?.receiveShut ?? this.shutRead;
  }
  get sendShut() {
    return this.conn?.sendShut ?? this.shutWrite;
  }
  /** poll: a listener is readable with a connection waiting; an unconnected socket writable and hung up (Linux). */
  readable() {
    if (this.pending !== void 0) return this.pending.length > 0;
    return this.conn?.readable() ?? false;
  }
  writable() {
    if (this.pending !== void 0) return false;
    return this.conn?.writable() ?? true;
  }
  hungUp() {
    if (this.pending !== void 0) return false;
    return this.conn?.hungUp() ?? true;
  }
  available() {
    return this.conn?.available() ?? 0;
  }
  subscribe(wake) {
    if (this.conn !== void 0) return this.conn.subscribe(wake);
    return this.listenWaiters.add(wake);
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.pending ?? []) s.close();
    this.pending = void 0;
    this.listenWaiters.wakeAll();
    this.conn?.close();
    for (const a of this.inbound.splice(0)) a.att.release();
    this.peer = void 0;
    this.closeName();
  }
}
class UnixDatagramSocket extends UnixSocket {
  type = FileType.SocketDgram;
  queue = [];
  cost = 0;
  readWaiters = new WaitQueue();
  writeWaiters = new WaitQueue();
  /** connect: where send without an address goes, and the only sender received from (Linux). */
  target;
  get full() {
    return this.cost + DGRAM_OVERHEAD > SOCKET_BUFFER;
  }
  /** socketpair(SOCK_DGRAM): two unnamed sockets connected to each other. */
  static pairOf(cred) {
    const x = new UnixDatagramSocket(), y = new UnixDatagramSocket();
    x.connect(y);
    y.connect(x);
    x.cred = y.cred = x.peerCred = y.peerCred = cred;
    return [x, y];
  }
  /** connect(peer), or undefined to dissolve (AF_UNSPEC). */
  connect(peer) {
    this.target = peer;
    this.peer = peer;
    return 0;
  }
  peerName() {
    return this.target === void 0 ? -Errno.ENOTCONN : this.target.name;
  }
  /** recvfrom: the oldest datagram (cut to dst) and its sender; -EAGAIN when none is (a blocking call after SHUT_RD: 0, Linux). */
  receiveMessage(dst, peek, nonblocking) {
    const m = this.queue[0];
    if (m === void 0) return this.shutRead && !nonblocking ? { copied: 0, length: 0 } : -Errno.EAGAIN;
    const copied = Math.min(dst.length, m.bytes.length);
    dst.set(m.bytes.subarray(0, copied));
    if (peek) return { copied, length: m.bytes.length, from: m.from };
    this.queue.shift();
    this.cost -= m.bytes.length + DGRAM_OVERHEAD;
    this.writeWaiters.wakeAll();
    return { copied, length: m.bytes.length, from: m.from, attachment: m.attachment };
  }
  /**
   * sendto(to) / send (to the connected peer): bytes sent; -ENOTCONN without a destination,
   * -ECONNREFUSED for a closed one (a closed connected peer is forgotten: ENOTCONN next, Linux),
   * -EPERM when it is connected to another socket, -EPIPE after shutdown, -EMSGSIZE, -EAGAIN
   * while its queue is full (the caller waits on its writeWaiters). The attachment is released
   * unless sent.
   */
  sendMessage(src, to, attachment) {
    const r = this.deliver(src, to, attachment);
    if (r < 0) attachment?.release();
    return r;
  }
  deliver(src, to, attachment) {
    if (this.shutWrite) return -Errno.EPIPE;
    const dest = to ?? this.target;
    if (dest === void 0) return -Errno.ENOTCONN;
    if (dest.closed) {
      if (dest === this.target) this.connect(void 0);
      return -Errno.ECONNREFUSED;
    }
    if (dest.target !== void 0 && dest.target !== this) return -Errno.EPERM;
    if (dest.shutRead) return -Errno.EPIPE;
    if (src.length > DGRAM_MAX) return -Errno.EMSGSIZE;
    if (dest.cost + src.length + DGRAM_OVERHEAD > SOCKET_BUFFER && dest.queue.length > 0) return -Errno.EAGAIN;
    dest.queue.push({ bytes: src.slice(), from: this.name, attachment });
    dest.cost += src.length + DGRAM_OVERHEAD;
    dest.readWaiters.wakeAll();
    return src.length;
  }
  send(src, _nonblocking) {
    return this.sendMessage(src, void 0);
  }
  shutdown(read, write) {
    if (read) this.shutRead = true;
    if (write) this.shutWrite = true;
    this.readWaiters.wakeAll();
    this.writeWaiters.wakeAll();
  }
  get receiveShut() {
    return this.shutRead;
  }
  get sendShut() {
    return this.shutWrite;
  }
  /** poll: queued data, or SHUT_RD (POLLIN; POLLHUP once both ways are shut, Linux). */
  readable() {
    return this.queue.length > 0 || this.shutRead;
  }
  writable() {
    const t = this.target;
    return this.shutWrite || t === void 0 || t.closed || !t.full;
  }
  available() {
    return this.queue[0]?.bytes.length ?? 0;
  }
  subscribe(wake) {
    const a = this.readWaiters.add(wake);
    const b = this.target?.writeWaiters.add(wake);
    return () => {
      a();
      b?.();
    };
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    for (const m of this.queue.splice(0)) m.attachment?.release();
    this.cost = 0;
    this.readWaiters.wakeAll();
    this.writeWaiters.wakeAll();
    this.target = void 0;
    this.peer = void 0;
    this.closeName();
  }
}
export {
  SOMAXCONN,
  UnixDatagramSocket,
  UnixSocket,
  UnixStreamSocket
};
