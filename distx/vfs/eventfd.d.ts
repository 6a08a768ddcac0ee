import { FileType, type Stat } from './types.js';
import { BaseFile } from './file.js';
/** What makes an epoll instance's descriptor readable: an entry of its interest list with an event to report. */
export interface EpollEvents {
    ready(): boolean;
    /** Wakes `wake` once when an entry's file may have changed. */
    subscribe(wake: () => void): () => void;
    /** When an entry's file becomes ready by itself (a timerfd), if one does. */
    readyAtNs(): bigint | undefined;
}
export declare class EventFd extends BaseFile {
    private readonly semaphore;
    readonly epoll: boolean;
    /** Linux reports anonymous inodes with no file type bits; WASI's closest is Unknown. */
    readonly type = FileType.Unknown;
    readonly ino: bigint;
    private counter;
    /** Readers wait for a non-zero counter, writers for room; both queues are woken on any change. */
    private readonly waiters;
    /** An epoll instance's interest list (src/libc/epoll_instance.ts), once it has one. */
    epollEvents: EpollEvents | undefined;
    constructor(initial: number, semaphore: boolean, epoll?: boolean);
    /** read: the 8-byte counter (then 0), or 1 (then counter - 1) in semaphore mode; -EAGAIN at 0, -EINVAL for short buffers. */
    read(buf: Uint8Array): number;
    /** write: adds the 8-byte value; -EINVAL for short buffers or 2^64-1, -EAGAIN while it would overflow. */
    write(buf: Uint8Array): number;
    /** lseek: Linux's anonymous inodes accept it and stay at 0. */
    seek(): number;
    /** POLLIN while the counter is non-zero; an epoll instance's while it has an event to report. */
    readable(): boolean;
    /** POLLOUT while at least 1 can be added. */
    writable(): boolean;
    subscribe(wake: () => void): () => void;
    readyAtNs(): bigint | undefined;
    /** FIONREAD is not supported on Linux's eventfd either. */
    available(): number;
    stat(): Stat;
}
