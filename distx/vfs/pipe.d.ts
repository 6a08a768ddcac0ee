import { FileType, type Stat } from './types.js';
import { BaseFile } from './file.js';
import { WaitQueue } from '../wait_queue.js';
export declare const PIPE_BUF = 4096;
export declare const PIPE_CAPACITY: number;
export declare class Pipe {
    private readonly node?;
    readonly capacity: number;
    readonly ino: bigint;
    private readonly ring;
    private head;
    private length;
    private readers;
    private writers;
    /** Readers wait for data or the last writer's close; writers for space or the last reader's close. */
    readonly readWaiters: WaitQueue;
    readonly writeWaiters: WaitQueue;
    /**
     * `node`: a FIFO's own metadata (its file system's inode), which fstat on its ends reports.
     * `capacity`: the buffer's size (a socket pair's stream buffers are larger than a pipe's).
     */
    constructor(node?: (() => Stat) | undefined, capacity?: number);
    /** Read and write ends ever opened: a FIFO's blocked open waits for the other count to move. */
    readerOpens: number;
    writerOpens: number;
    /** A new read-end description (pipe(), or opening a FIFO for reading). */
    openReader(): PipeReadEnd;
    /** A new write-end description. */
    openWriter(): PipeWriteEnd;
    get buffered(): number;
    get space(): number;
    get hasReaders(): boolean;
    get hasWriters(): boolean;
    /** read: buffered bytes; -EAGAIN while empty with writers, 0 (EOF) without. */
    read(dst: Uint8Array): number;
    /** recv(MSG_PEEK): buffered bytes copied, left in the buffer; -EAGAIN / 0 as read. */
    peek(dst: Uint8Array): number;
    /** Copies the oldest buffered bytes (at most dst.length) to dst; the count. */
    private copyOut;
    /** write: -EPIPE without readers; -EAGAIN when full (or too full for an atomic write); else bytes taken. */
    write(src: Uint8Array): number;
    closeReader(): void;
    closeWriter(): void;
    stat(): Stat;
}
/** The read end of a pipe, an open file description. */
export declare class PipeReadEnd extends BaseFile {
    readonly pipe: Pipe;
    readonly type = FileType.Fifo;
    private closed;
    constructor(pipe: Pipe);
    read(buf: Uint8Array): number;
    write(_buf: Uint8Array): number;
    /** Ready when there is data or no writer is left (read returns EOF). */
    readable(): boolean;
    writable(): boolean;
    hungUp(): boolean;
    subscribe(wake: () => void): () => void;
    available(): number;
    stat(): Stat;
    close(): void;
}
/** The write end of a pipe. */
export declare class PipeWriteEnd extends BaseFile {
    readonly pipe: Pipe;
    readonly type = FileType.Fifo;
    private closed;
    constructor(pipe: Pipe);
    read(_buf: Uint8Array): number;
    write(buf: Uint8Array): number;
    readable(): boolean;
    /** Ready when an atomic write fits, or when no reader is left (write fails with EPIPE at once). */
    writable(): boolean;
    hungUp(): boolean;
    subscribe(wake: () => void): () => void;
    available(): number;
    stat(): Stat;
    close(): void;
}
/** pipe(): a new pipe's read and write ends. */
export declare function createPipe(): [PipeReadEnd, PipeWriteEnd];
/** A FIFO opened for reading and writing (Linux allows it, and it never waits for a peer). */
export declare class FifoBothEnds extends BaseFile {
    readonly pipe: Pipe;
    readonly type = FileType.Fifo;
    private readonly r;
    private readonly w;
    constructor(pipe: Pipe);
    read(buf: Uint8Array): number;
    write(buf: Uint8Array): number;
    readable(): boolean;
    writable(): boolean;
    subscribe(wake: () => void): () => void;
    available(): number;
    stat(): Stat;
    close(): void;
}
