import { BaseFile } from './file.js';
import { Pipe } from './pipe.js';
import { FileType, type Stat } from './types.js';
/** Linux's default socket buffer (net.core.wmem_default): a stream's buffer per direction. */
export declare const SOCKET_BUFFER = 212992;
/** The largest datagram (Linux: the send buffer less its bookkeeping); larger is EMSGSIZE. */
export declare const DGRAM_MAX: number;
/** What a queued datagram costs besides its bytes (so that empty datagrams fill a queue too). */
export declare const DGRAM_OVERHEAD = 768;
/** What receive() hands back: the bytes copied and, for datagrams, the message's whole length. */
export interface Received {
    copied: number;
    length: number;
}
/** One end of a socket pair, an open file description. */
export declare abstract class SocketEnd extends BaseFile {
    abstract readonly type: FileType.SocketStream | FileType.SocketDgram;
    private readonly meta;
    /** shutdown(SHUT_RD) / shutdown(SHUT_WR) of this end (the peer's shutdowns show in its buffers). */
    protected shutRead: boolean;
    protected shutWrite: boolean;
    protected closed: boolean;
    peer: SocketEnd | undefined;
    /** SO_SNDBUF, SO_RCVBUF (as setsockopt left them; the buffers themselves keep their size), SO_PASSCRED. */
    sendBuffer: number;
    receiveBuffer: number;
    passCred: boolean;
    /** SO_RCVTIMEO / SO_SNDTIMEO in ns: how long a blocking call waits before EAGAIN (undefined: for ever). */
    receiveTimeoutNs: bigint | undefined;
    sendTimeoutNs: bigint | undefined;
    constructor();
    stat(): Stat;
    /** recv/read: bytes into dst (a datagram's whole length too), -EAGAIN, or -errno. */
    abstract receive(dst: Uint8Array, peek: boolean, nonblocking: boolean): Received | number;
    /**
     * send/write: bytes taken, -EAGAIN when full, -EPIPE for a shut or closed way, or -errno. A
     * blocking send takes all it is given or waits (-EAGAIN) until it can (up to a whole buffer),
     * as Linux's blocking send does; a nonblocking one takes what fits.
     */
    abstract send(src: Uint8Array, nonblocking: boolean): number;
    /** SO_ERROR: the pending error (cleared), or 0. */
    takeError(): number;
    /** The error waiting to be reported (by recv or SO_ERROR), or 0. */
    get error(): number;
    /** shutdown(how): SHUT_RD (read), SHUT_WR (write) or both. */
    abstract shutdown(read: boolean, write: boolean): void;
    /** No more can arrive: this end shut reading, or the peer shut writing or closed. */
    abstract get receiveShut(): boolean;
    /** Nothing more can be sent: this end shut writing, or the peer shut reading or closed. */
    abstract get sendShut(): boolean;
    /** read: as a blocking recv (a read never waits where readable() says it need not). */
    read(buf: Uint8Array): number;
    /**
     * write: as a blocking send. The description's O_NONBLOCK is not known here, so a nonblocking
     * write() that does not fit gets EAGAIN rather than a short count (send() knows and cuts short).
     */
    write(buf: Uint8Array): number;
    /** poll: POLLHUP once neither way is open any more (Linux: sk_shutdown == SHUTDOWN_MASK). */
    hungUp(): boolean;
}
/** An end of a SOCK_STREAM pair: reads from one pipe, writes to the other. */
export declare class StreamSocketEnd extends SocketEnd {
    private readonly rx;
    private readonly tx;
    readonly type = FileType.SocketStream;
    private readonly reader;
    private readonly writer;
    /** ECONNRESET once the peer closed with data of ours unread (reported after what is buffered). */
    pendingError: number;
    constructor(rx: Pipe, tx: Pipe);
    get receiveShut(): boolean;
    get error(): number;
    takeError(): number;
    get sendShut(): boolean;
    receive(dst: Uint8Array, peek: boolean, _nonblocking: boolean): Received | number;
    send(src: Uint8Array, nonblocking: boolean): number;
    readable(): boolean;
    writable(): boolean;
    available(): number;
    subscribe(wake: () => void): () => void;
    shutdown(read: boolean, write: boolean): void;
    close(): void;
}
/** A connected stream: two ends, one pipe each way (unix_socket.ts wraps them). */
export declare function createStreamPair(): [StreamSocketEnd, StreamSocketEnd];
