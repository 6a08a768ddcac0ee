// AF_UNIX sockets, as Linux's net/unix/af_unix.c behaves: socketpair() makes two connected ones,
// socket() one unconnected; bind gives it a name (a path's socket node, or an abstract name); a
// stream socket listens and accepts, and a connect queues a new connected socket in the listener's
// backlog at once (the connection exists before accept, data may flow); a datagram socket has one
// queue that any socket may send to by name, each message keeping its sender's name. A connected
// stream is a stream pair (socket_pair.ts) whose ends both sides wrap. Messages may carry an
// attachment (SCM_RIGHTS' descriptors, which this layer never looks into). Nothing here blocks:
// -EAGAIN, and the caller waits on subscribe() or subscribeListener().
import { Errno } from '../errno.js';
import { WaitQueue } from '../wait_queue.js';
import { createStreamPair, DGRAM_MAX, DGRAM_OVERHEAD, SOCKET_BUFFER, SocketEnd, type Received, type StreamSocketEnd } from './socket_pair.js';
import { FileType } from './types.js';

/** Linux's net.core.somaxconn: the largest backlog listen takes. */
export const SOMAXCONN = 4096;

/** Something carried beside the bytes (SCM_RIGHTS' descriptors); released when never received. */
export interface Attachment { release(): void }

/** SO_PEERCRED's struct ucred: who connected (or listened). */
export interface Credentials { pid: number; uid: number; gid: number }

/** What a receive with recvmsg hands back: the bytes, the sender's name (datagrams) and any attachment. */
export interface MessageReceived extends Received { from?: Uint8Array | undefined; attachment?: Attachment | undefined }

/** A socket made by socket() (or a socket pair end that carries attachments): it may have a name. */
export abstract class UnixSocket extends SocketEnd {
  /**
   * The address family its names are in: AF_UNIX's are sun_path's bytes; an internet socket's
   * (the machine's loopback network, src/libc/inet_address.ts) are its whole sockaddr's.
   */
  family: 'unix' | 'inet' | 'inet6' = 'unix';
  /** The bound address as sun_path's bytes (a path, or an abstract name beginning with NUL); undefined while unbound. */
  name: Uint8Array | undefined;
  /** Called once the socket closes: an abstract name is released with its socket (a path's node stays). */
  onClose: (() => void) | undefined;
  /** The caller's credentials at socket(), listen() and connect() (Linux records them there). */
  cred: Credentials | undefined;
  /** SO_PEERCRED: the peer's credentials when it connected (or listened), undefined when not connected. */
  peerCred: Credentials | undefined;

  /** getpeername: the peer's name (undefined: it has none), or -ENOTCONN. */
  abstract peerName(): Uint8Array | undefined | number;
  /** recvmsg: as receive, with the sender's name and the attachment that came with the bytes. */
  abstract receiveMessage(dst: Uint8Array, peek: boolean, nonblocking: boolean): MessageReceived | number;
  /** SO_ACCEPTCONN. */
  get listening(): boolean { return false; }

  override receive(dst: Uint8Array, peek: boolean, nonblocking: boolean): Received | number {
    const r = this.receiveMessage(dst, peek, nonblocking);
    // A plain read takes no descriptors: Linux closes them.
    if (typeof r !== 'number') r.attachment?.release();
    return r;
  }

  protected closeName(): void {
    const f = this.onClose;
    this.onClose = undefined;
    f?.();
  }
}

/** An attachment waiting in a stream with the bytes [at, end) it was sent with. */
interface StreamAttachment { at: number; end: number; att: Attachment }

/** SOCK_STREAM: unconnected, listening, or connected (then a socket pair's stream end inside). */
export class UnixStreamSocket extends UnixSocket {
  readonly type = FileType.SocketStream;
  private conn: StreamSocketEnd | undefined;
  private peerAddr: Uint8Array | undefined;
  private backlog = -1;
  private pending: UnixStreamSocket[] | undefined;
  /** Accepts (a connection arrived) and connects (the backlog has room) wait here. */
  private readonly listenWaiters = new WaitQueue();
  /** Bytes this end has taken from its stream and put into its peer's: the offsets attachments refer to. */
  private received = 0;
  private sent = 0;
  private readonly inbound: StreamAttachment[] = [];
  /**
   * A nonblocking TCP connect answers EINPROGRESS, as Linux's does before the handshake: its
   * outcome is the next connect's answer (0 once, or the refusal) and, refused, SO_ERROR's.
   */
  private connectError = 0;
  private connectReported = true;

  get connected(): boolean { return this.conn !== undefined; }

  /** A nonblocking connect's outcome after its EINPROGRESS: 0 connected, -ECONNREFUSED; undefined when none waits to be told. */
  takeConnectOutcome(): number | undefined {
    if (this.connectError !== 0) return -this.takeError();
    if (this.connectReported) return undefined;
    this.connectReported = true;
    return 0;
  }

  /** The nonblocking connect just made (0 or -errno) is told later: EINPROGRESS now. */
  connectInProgress(result: number): void {
    if (result === 0) this.connectReported = false;
    else this.connectError = -result;
  }
  override get listening(): boolean { return this.pending !== undefined; }

  /** socketpair(SOCK_STREAM): two connected, unnamed sockets. */
  static pair(): [UnixStreamSocket, UnixStreamSocket] {
    const [a, b] = createStreamPair();
    const x = new UnixStreamSocket(), y = new UnixStreamSocket();
    x.join(a, y, undefined);
    y.join(b, x, undefined);
    return [x, y];
  }

  /** socketpair: both ends belong to (and are peers of) the creator. */
  static pairOf(cred: Credentials): [UnixStreamSocket, UnixStreamSocket] {
    const [x, y] = UnixStreamSocket.pair();
    x.cred = y.cred = x.peerCred = y.peerCred = cred;
    return [x, y];
  }

  private join(conn: StreamSocketEnd, peer: UnixStreamSocket, peerAddr: Uint8Array | undefined): void {
    this.conn = conn;
    this.peer = peer;
    this.peerAddr = peerAddr;
  }

  /** listen(backlog): -EINVAL when connected or unbound (Linux); again, it only moves the backlog. */
  listen(backlog: number): number {
    if (this.conn !== undefined || this.name === undefined) return -Errno.EINVAL;
    this.backlog = backlog < 0 || backlog > SOMAXCONN ? SOMAXCONN : backlog;
    this.pending ??= [];
    this.listenWaiters.wakeAll();
    return 0;
  }

  /**
   * connect to `listener`: 0 once this socket is connected (its server side queued for accept),
   * -EAGAIN while the backlog is full (Linux lets backlog + 1 wait), -ECONNREFUSED when it does not
   * listen, -EISCONN, -EINVAL for a listening socket. `names`: the connection's addresses when
   * they are not the two sockets' own (an internet listener bound to any address): the accepted
   * socket's own and its peer's, and the peer this socket sees.
   */
  connect(listener: UnixStreamSocket, names?: { server: Uint8Array; serverPeer: Uint8Array; peer: Uint8Array }): number {
    if (this.conn !== undefined) return -Errno.EISCONN;
    if (this.pending !== undefined) return -Errno.EINVAL;
    if (listener.pending === undefined || listener.closed) return -Errno.ECONNREFUSED;
    if (listener.pending.length > listener.backlog) return -Errno.EAGAIN;
    const [a, b] = createStreamPair();
    const server = new UnixStreamSocket();
    server.family = listener.family;
    server.name = names?.server ?? listener.name;
    server.passCred = listener.passCred;
    server.cred = listener.cred;
    server.peerCred = this.cred;
    this.peerCred = listener.cred;
    this.join(a, server, names?.peer ?? listener.name);
    server.join(b, this, names?.serverPeer ?? this.name);
    listener.pending.push(server);
    listener.listenWaiters.wakeAll();
    return 0;
  }

  /** accept: the oldest connection waiting, -EAGAIN when none is, -EINVAL when not listening. */
  accept(): UnixStreamSocket | number {
    if (this.pending === undefined) return -Errno.EINVAL;
    const s = this.pending.shift();
    if (s === undefined) return -Errno.EAGAIN;
    this.listenWaiters.wakeAll();
    return s;
  }

  /** A connect waiting for room in this listener's backlog (or for it to stop listening). */
  subscribeListener(wake: () => void): () => void { return this.listenWaiters.add(wake); }

  peerName(): Uint8Array | undefined | number { return this.conn === undefined ? -Errno.ENOTCONN : this.peerAddr; }

  /**
   * recv: a read ends with the bytes of the first message that carried an attachment and takes
   * that attachment (Linux's unix_stream_read_generic stops after the skb whose descriptors it
   * took). Unconnected: -EINVAL (Linux's AF_UNIX; TCP's -ENOTCONN).
   */
  receiveMessage(dst: Uint8Array, peek: boolean, nonblocking: boolean): MessageReceived | number {
    if (this.conn === undefined) return this.family === 'unix' ? -Errno.EINVAL : -Errno.ENOTCONN;
    const next = this.inbound[0];
    if (next !== undefined && next.end - this.received < dst.length) dst = dst.subarray(0, next.end - this.received);
    const r = this.conn.receive(dst, peek, nonblocking);
    if (typeof r === 'number' || peek || r.copied === 0) return r;
    this.received += r.copied;
    let attachment: Attachment | undefined;
    while (this.inbound.length > 0 && this.inbound[0]!.at < this.received) {
      const a = this.inbound.shift()!.att;
      if (attachment === undefined) attachment = a; else a.release();
    }
    return { ...r, attachment };
  }

  /** send: the attachment goes with the first byte sent (released when nothing is); -ENOTCONN unconnected (TCP's: -EPIPE). */
  sendMessage(src: Uint8Array, nonblocking: boolean, attachment?: Attachment): number {
    if (this.conn === undefined) {
      attachment?.release();
      return this.shutWrite || this.family !== 'unix' ? -Errno.EPIPE : -Errno.ENOTCONN;
    }
    const n = this.conn.send(src, nonblocking);
    if (n > 0 && attachment !== undefined && this.peer instanceof UnixStreamSocket) {
      this.peer.inbound.push({ at: this.sent, end: this.sent + n, att: attachment });
    } else {
      attachment?.release();
    }
    if (n > 0) this.sent += n;
    return n;
  }

  send(src: Uint8Array, nonblocking: boolean): number { return this.sendMessage(src, nonblocking); }

  override get error(): number { return this.conn?.error ?? this.connectError; }
  override takeError(): number {
    if (this.conn !== undefined) return this.conn.takeError();
    const e = this.connectError;
    this.connectError = 0;
    return e;
  }

  /** shutdown: Linux records it on an unconnected socket too (and answers 0). */
  shutdown(read: boolean, write: boolean): void {
    if (read) this.shutRead = true;
    if (write) this.shutWrite = true;
    this.conn?.shutdown(read, write);
  }

  get receiveShut(): boolean { return this.conn?.receiveShut ?? this.shutRead; }
  get sendShut(): boolean { return this.conn?.sendShut ?? this.shutWrite; }

  /** poll: a listener is readable with a connection waiting; an unconnected socket writable and hung up (Linux). */
  override readable(): boolean {
    if (this.pending !== undefined) return this.pending.length > 0;
    return this.conn?.readable() ?? false;
  }
  override writable(): boolean {
    if (this.pending !== undefined) return false;
    return this.conn?.writable() ?? true;
  }
  override hungUp(): boolean {
    if (this.pending !== undefined) return false;
    return this.conn?.hungUp() ?? true;
  }
  override available(): number { return this.conn?.available() ?? 0; }

  override subscribe(wake: () => void): () => void {
    if (this.conn !== undefined) return this.conn.subscribe(wake);
    return this.listenWaiters.add(wake);
  }

  override close(): void {
    if (this.closed) return;
    this.closed = true;
    // Connections never accepted go with the listener: their clients see the end (Linux).
    for (const s of this.pending ?? []) s.close();
    this.pending = undefined;
    this.listenWaiters.wakeAll();
    this.conn?.close();
    for (const a of this.inbound.splice(0)) a.att.release();
    this.peer = undefined;
    this.closeName();
  }
}

/** A datagram in a socket's queue. */
interface Datagram { bytes: Uint8Array; from: Uint8Array | undefined; attachment: Attachment | undefined }

/** SOCK_DGRAM made by socket(): one queue anyone may send to; connect picks a default peer. */
export class UnixDatagramSocket extends UnixSocket {
  readonly type = FileType.SocketDgram;
  private readonly queue: Datagram[] = [];
  private cost = 0;
  readonly readWaiters = new WaitQueue();
  readonly writeWaiters = new WaitQueue();
  /** connect: where send without an address goes, and the only sender received from (Linux). */
  get target(): UnixDatagramSocket | undefined { return this.fixedTarget ?? this.peerAt?.resolve(); }
  private fixedTarget: UnixDatagramSocket | undefined;
  /**
   * A UDP socket's connect names an address, not a socket: whichever socket is bound at that port
   * when a datagram goes (none yet, or another one later), resolved at each use.
   */
  private peerAt: { name: Uint8Array; resolve: () => UnixDatagramSocket | undefined } | undefined;
  /** ICMP's "port unreachable" for a datagram sent to the connected address: the next send or receive reports it (Linux). */
  private asyncError = 0;

  get full(): boolean { return this.cost + DGRAM_OVERHEAD > SOCKET_BUFFER; }

  /** socketpair(SOCK_DGRAM): two unnamed sockets connected to each other. */
  static pairOf(cred: Credentials): [UnixDatagramSocket, UnixDatagramSocket] {
    const x = new UnixDatagramSocket(), y = new UnixDatagramSocket();
    x.connect(y);
    y.connect(x);
    x.cred = y.cred = x.peerCred = y.peerCred = cred;
    return [x, y];
  }

  /** connect(peer), or undefined to dissolve (AF_UNSPEC). */
  connect(peer: UnixDatagramSocket | undefined): number {
    this.fixedTarget = peer;
    this.peerAt = undefined;
    this.peer = peer;
    return 0;
  }

  /** connect of a UDP socket to `name` (in its own family); `resolve` finds the socket bound there now. */
  connectAddress(name: Uint8Array, resolve: () => UnixDatagramSocket | undefined): number {
    this.connect(undefined);
    this.peerAt = { name, resolve: () => { const s = resolve(); return s === undefined || s.closed ? undefined : s; } };
    this.asyncError = 0;
    return 0;
  }

  peerName(): Uint8Array | undefined | number {
    if (this.peerAt !== undefined) return this.peerAt.name;
    return this.fixedTarget === undefined ? -Errno.ENOTCONN : this.fixedTarget.name;
  }

  override get error(): number { return this.asyncError; }

  /** The pending asynchronous error, cleared as a call (or SO_ERROR) reports it. */
  override takeError(): number {
    const e = this.asyncError;
    this.asyncError = 0;
    return e;
  }

  /** recvfrom: the oldest datagram (cut to dst) and its sender; -EAGAIN when none is (a blocking call after SHUT_RD: 0, Linux). */
  receiveMessage(dst: Uint8Array, peek: boolean, nonblocking: boolean): MessageReceived | number {
    if (this.asyncError !== 0) return -this.takeError();
    const m = this.queue[0];
    if (m === undefined) return this.shutRead && !nonblocking ? { copied: 0, length: 0 } : -Errno.EAGAIN;
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
  sendMessage(src: Uint8Array, to: UnixDatagramSocket | undefined, attachment?: Attachment): number {
    const r = this.deliver(src, to, attachment);
    if (r < 0) attachment?.release();
    return r;
  }

  private deliver(src: Uint8Array, to: UnixDatagramSocket | undefined, attachment: Attachment | undefined): number {
    if (this.shutWrite) return -Errno.EPIPE;
    if (to === undefined && this.asyncError !== 0) return -this.takeError();
    const dest = to ?? this.target;
    if (dest === undefined) {
      // Nowhere to send: UDP asks for an address (udp_sendmsg), AF_UNIX for a connection.
      if (this.peerAt === undefined) return this.family === 'unix' ? -Errno.ENOTCONN : -Errno.EDESTADDRREQ;
      // Nobody has the connected port: the datagram is lost and the "port unreachable" that comes
      // back is the next call's error.
      if (src.length > DGRAM_MAX) return -Errno.EMSGSIZE;
      this.asyncError = Errno.ECONNREFUSED;
      this.readWaiters.wakeAll();
      return src.length;
    }
    if (dest.closed) {
      if (dest === this.fixedTarget) this.connect(undefined);
      return -Errno.ECONNREFUSED;
    }
    // An internet datagram is unreliable (UDP): dropped where AF_UNIX's would be refused or wait.
    const udp = this.family !== 'unix';
    if (dest.target !== undefined && dest.target !== this) return udp ? src.length : -Errno.EPERM;
    if (dest.shutRead) return udp ? src.length : -Errno.EPIPE;
    if (src.length > DGRAM_MAX) return -Errno.EMSGSIZE;
    if (dest.cost + src.length + DGRAM_OVERHEAD > SOCKET_BUFFER && dest.queue.length > 0) return udp ? src.length : -Errno.EAGAIN;
    dest.queue.push({ bytes: src.slice(), from: this.name, attachment });
    dest.cost += src.length + DGRAM_OVERHEAD;
    dest.readWaiters.wakeAll();
    return src.length;
  }

  send(src: Uint8Array, _nonblocking: boolean): number { return this.sendMessage(src, undefined); }

  shutdown(read: boolean, write: boolean): void {
    if (read) this.shutRead = true;
    if (write) this.shutWrite = true;
    this.readWaiters.wakeAll();
    this.writeWaiters.wakeAll();
  }

  get receiveShut(): boolean { return this.shutRead; }
  get sendShut(): boolean { return this.shutWrite; }

  /** poll: queued data, or SHUT_RD (POLLIN; POLLHUP once both ways are shut, Linux). */
  override readable(): boolean { return this.queue.length > 0 || this.shutRead; }
  override writable(): boolean {
    const t = this.target;
    return this.shutWrite || t === undefined || t.closed || !t.full;
  }
  override available(): number { return this.queue[0]?.bytes.length ?? 0; }

  override subscribe(wake: () => void): () => void {
    const a = this.readWaiters.add(wake);
    const b = this.target?.writeWaiters.add(wake);
    return () => { a(); b?.(); };
  }

  override close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const m of this.queue.splice(0)) m.attachment?.release();
    this.cost = 0;
    this.readWaiters.wakeAll();
    this.writeWaiters.wakeAll();
    this.connect(undefined);
    this.closeName();
  }
}
