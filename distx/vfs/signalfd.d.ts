import { FileType, type Stat } from './types.js';
import { BaseFile } from './file.js';
/** A pending signal and what Linux's siginfo says of it (`value`: si_value, or SIGCHLD's si_status). */
export interface SignalRecord {
    sig: number;
    code: number;
    pid: number;
    uid: number;
    addr: number;
    value: number;
}
/** A process's pending signals, as a signalfd reads them. */
export interface PendingSignals {
    /** Takes the lowest pending signal of the set (two words: signals 1-32, 33-64); undefined when none is. */
    take(lo: number, hi: number): SignalRecord | undefined;
    /** The pending signals (signals 1-32, 33-64). */
    readonly pendingLo: number;
    readonly pendingHi: number;
}
/** struct signalfd_siginfo: 128 bytes. */
export declare const SIGNALFD_SIGINFO_SIZE = 128;
/** A signalfd's set (signals 1-32, 33-64), which signalfd on the descriptor may change. */
export interface SignalSet {
    lo: number;
    hi: number;
}
export declare class SignalFd extends BaseFile {
    private readonly source;
    readonly set: SignalSet;
    readonly ino: bigint;
    readonly type = FileType.Unknown;
    /** The signals of the set seen pending at the last look: one that was not is a new arrival. */
    private seenLo;
    private seenHi;
    private readonly waiters;
    /** `ino`: a forked process's copy keeps the object's identity. */
    constructor(source: PendingSignals, set: SignalSet, ino?: bigint);
    /**
     * Whether a signal of the set is pending. A signal that was not pending at the last look has
     * arrived since: that wakes the subscribers (the change epoll's EPOLLET waits for; the
     * process itself is woken by the signal).
     */
    private look;
    /** The same object as another process sees it (fork): its reads take that process's signals, the set stays shared. */
    forProcess(source: PendingSignals): SignalFd;
    /** read: as many signalfd_siginfo records as fit, each a signal taken; -EAGAIN when none is pending, -EINVAL below 128 bytes. */
    read(buf: Uint8Array): number;
    /** lseek: Linux's anonymous inodes accept it and stay at 0. */
    seek(): number;
    /** POLLIN while a signal of the set is pending. */
    readable(): boolean;
    subscribe(wake: () => void): () => void;
    writable(): boolean;
    stat(): Stat;
}
