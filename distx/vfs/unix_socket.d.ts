import { WaitQueue } from '../wait_queue.js';
import { SocketEnd, type Received } from './socket_pair.js';
import { FileType } from './types.js';
/** Linux's net.core.somaxconn: the largest backlog listen takes. */
export declare const SOMAXCONN = 4096;
/** Something carried beside the bytes (SCM_RIGHTS' descriptors); released when never received. */
export interface Attachment {
    release(): void;
}
/** SO_PEERCRED's struct ucred: who connected (or listened). */
export interface Credentials {
    pid: number;
    uid: number;
    gid: number;
}
/** What a receive with recvmsg hands back: the bytes, the sender's name (datagrams) and any attachment. */
export interface MessageReceived extends Received {
    from?: Uint8Array | undefined;
    attachment?: Attachment | undefined;
}
/** A socket made by socket() (or a socket pair end that carries attachments): it may have a name. */
export declare abstract class UnixSocket extends SocketEnd {
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
    get listening(): boolean;
    receive(dst: Uint8Array, peek: boolean, nonblocking: boolean): Received | number;
    protected closeName(): void;
}
/** SOCK_STREAM: unconnected, listening, or connected (then a socket pair's stream end inside). */
export declare class UnixStreamSocket extends UnixSocket {
    readonly type = FileType.SocketStream;
    private conn;
    private peerAddr;
    private backlog;
    private pending;
    /** Accepts (a connection arrived) and connects (the backlog has room) wait here. */
    private readonly listenWaiters;
    /** Bytes this end has taken from its stream and put into its peer's: the offsets attachments refer to. */
    private received;
    private sent;
    private readonly inbound;
    get connected(): boolean;
    get listening(): boolean;
    /** socketpair(SOCK_STREAM): two connected, unnamed sockets. */
    static pair(): [UnixStreamSocket, UnixStreamSocket];
    /** socketpair: both ends belong to (and are peers of) the creator. */
    static pairOf(cred: Credentials): [UnixStreamSocket, UnixStreamSocket];
    private join;
    /** listen(backlog): -EINVAL when connected or unbound (Linux); again, it only moves the backlog. */
    listen(backlog: number): number;
    /**
     * connect to `listener`: 0 once this socket is connected (its server side queued for accept),
     * -EAGAIN while the backlog is full (Linux lets backlog + 1 wait), -ECONNREFUSED when it does not
     * listen, -EISCONN, -EINVAL for a listening socket.
     */
    connect(listener: UnixStreamSocket): number;
    /** accept: the oldest connection waiting, -EAGAIN when none is, -EINVAL when not listening. */
    accept(): UnixStreamSocket | number;
    /** A connect waiting for room in this listener's backlog (or for it to stop listening). */
    subscribeListener(wake: () => void): () => void;
    peerName(): Uint8Array | undefined | number;
    /**
     * recv: a read ends with the bytes of the first message that carried an attachment and takes
     * that attachment (Linux's unix_stream_read_generic stops after the skb whose descriptors it
     * took). Unconnected: -EINVAL (Linux).
     */
    receiveMessage(dst: Uint8Array, peek: boolean, nonblocking: boolean): MessageReceived | number;
    /** send: the attachment goes with the first byte sent (released when nothing is); -ENOTCONN unconnected. */
    sendMessage(src: Uint8Array, nonblocking: boolean, attachment?: Attachment): number;
    send(src: Uint8Array, nonblocking: boolean): number;
    get error(): number;
    takeError(): number;
    /** shutdown: Linux records it on an unconnected socket too (and answers 0). */
    shutdown(read: boolean, write: boolean): void;
    get receiveShut(): boolean;
    get sendShut(): boolean;
    /** poll: a listener is readable with a connection waiting; an unconnected socket writable and hung up (Linux). */
    readable(): boolean;
    writable(): boolean;
    hungUp(): boolean;
    available(): number;
    subscribe(wake: () => void): () => void;
    close(): void;
}
/** SOCK_DGRAM made by socket(): one queue anyone may send to; connect picks a default peer. */
export declare class UnixDatagramSocket extends UnixSocket {
    readonly type = FileType.SocketDgram;
    private readonly queue;
    private cost;
    readonly readWaiters: WaitQueue;
    readonly writeWaiters: WaitQueue;
    /** connect: where send without an address goes, and the only sender received from (Linux). */
    target: UnixDatagramSocket | undefined;
    get full(): boolean;
    /** socketpair(SOCK_DGRAM): two unnamed sockets connected to each other. */
    static pairOf(cred: Credentials): [UnixDatagramSocket, UnixDatagramSocket];
    /** connect(peer), or undefined to dissolve (AF_UNSPEC). */
    connect(peer: UnixDatagramSocket | undefined): number;
    peerName(): Uint8Array | undefined | number;
    /** recvfrom: the oldest datagram (cut to dst) and its sender; -EAGAIN when none is (a blocking call after SHUT_RD: 0, Linux). */
    receiveMessage(dst: Uint8Array, peek: boolean, nonblocking: boolean): MessageReceived | number;
    /**
     * sendto(to) / send (to the connected peer): bytes sent; -ENOTCONN without a destination,
     * -ECONNREFUSED for a closed one (a closed connected peer is forgotten: ENOTCONN next, Linux),
     * -EPERM when it is connected to another socket, -EPIPE after shutdown, -EMSGSIZE, -EAGAIN
     * while its queue is full (the caller waits on its writeWaiters). The attachment is released
     * unless sent.
     */
    sendMessage(src: Uint8Array, to: UnixDatagramSocket | undefined, attachment?: Attachment): number;
    private deliver;
    send(src: Uint8Array, _nonblocking: boolean): number;
    shutdown(read: boolean, write: boolean): void;
    get receiveShut(): boolean;
    get sendShut(): boolean;
    /** poll: queued data, or SHUT_RD (POLLIN; POLLHUP once both ways are shut, Linux). */
    readable(): boolean;
    writable(): boolean;
    available(): number;
    subscribe(wake: () => void): () => void;
    close(): void;
}
