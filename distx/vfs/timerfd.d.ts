import { FileType, type Stat } from './types.js';
import { BaseFile } from './file.js';
/** A timer setting in ns: the time to the next expiration (0: disarmed) and the period (0: once). */
export interface TimerSetting {
    valueNs: bigint;
    intervalNs: bigint;
}
export declare class TimerFd extends BaseFile {
    private readonly now;
    readonly clock: number;
    readonly type = FileType.Unknown;
    readonly ino: bigint;
    /** When the next expiration falls due (monotonic ns), undefined while disarmed. */
    private nextNs;
    private intervalNs;
    /** Expirations counted and not yet read. */
    private ticks;
    private readonly waiters;
    /** `now` reads the machine's monotonic clock (ns); `clock` is the timer's clock id, kept for the caller. */
    constructor(now: () => bigint, clock: number);
    /**
     * Counts the expirations that have fallen due, and moves the next one past now. Finding one
     * wakes the subscribers: the expiration is the change they wait for (epoll's EPOLLET).
     */
    private settle;
    /** timerfd_settime with a relative value (0 disarms): the old setting; the count starts again at 0. */
    set(value: TimerSetting): TimerSetting;
    /** timerfd_gettime: the time left to the next expiration (0: disarmed) and the period. */
    get(): TimerSetting;
    /** read: the 8-byte count of expirations since the last read (then 0); -EAGAIN while 0, -EINVAL for short buffers. */
    read(buf: Uint8Array): number;
    /** lseek: Linux's anonymous inodes accept it and stay at 0. */
    seek(): number;
    /** POLLIN once an expiration is counted. */
    readable(): boolean;
    /** Never writable (Linux reports no POLLOUT for a timerfd). */
    writable(): boolean;
    /** Woken when the timer is set and when an expiration is found (when it falls due: readyAtNs). */
    subscribe(wake: () => void): () => void;
    /** When the next expiration makes the object readable (monotonic ns), while it is armed. */
    readyAtNs(): bigint | undefined;
    stat(): Stat;
}
