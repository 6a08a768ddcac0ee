import { type LentDir } from './dir_lending.js';
/** Descriptors the worker may give out itself: those Slot.FreeFds covers. */
export declare const OPEN_FDS = 64;
/** One recorded file: where its record starts, or -1. */
export declare function openRecordOf(i32: Int32Array, fd: number): number;
/** The vCPU's view of a record: the file to adopt. */
export interface OpenRecord {
    fd: number;
    hostFd: number;
    dirfd: number;
    as: number;
    entry: number;
}
export declare function readOpenRecord(i32: Int32Array, at: number): OpenRecord;
/** Records still waiting for adoption (the program ended first): the vCPU closes their host descriptors. */
export declare function pendingOpenRecords(i32: Int32Array): OpenRecord[];
/** Marks `fd` free (true) or taken in Slot.FreeFds. */
export declare function setFdFree(i32: Int32Array, fd: number, free: boolean): void;
/** What the worker's side needs of decoupled_worker.ts. */
export interface OpenLendingContext {
    i32: Int32Array;
    i64: BigInt64Array;
    f64: Float64Array;
    /** The memory's bytes and view as of the last inMemory(). */
    bytes(): Uint8Array;
    view(): DataView;
    /** Whether [0, end) is in memory (refreshing the views after a grow). */
    inMemory(end: number): boolean;
    enterLocalIo(): boolean;
    leaveLocalIo(): void;
    lentDirOf(dirfd: number, p: number, n: number): LentDir | undefined;
    lentName(d: LentDir, p: number, n: number): string | undefined;
    /** The program's import index of l4posix.create_mode (the queued mode's call); undefined: it has none (plain WASI). */
    createModeIndex: number | undefined;
    /** The machine's host-file budget (HostFileBudget.shared). */
    hostFiles: SharedArrayBuffer;
}
type Forward = (...a: (number | bigint)[]) => number | bigint | undefined;
export declare class WorkerOpens {
    private readonly c;
    constructor(c: OpenLendingContext);
    private queued;
    private push;
    /** Removes the queued calls `drop` picks (by position and entry start), keeping the others' order. */
    private removeQueued;
    /** The queued create_mode call's position, or -1. */
    private queuedModeAt;
    /** The mode the next creating open takes (-1: none): the queued one, else the vCPU's. */
    private pendingMode;
    /**
     * create_mode(mode), deferred: the vCPU will hold `mode` (masked; -1: none) once it has made the
     * queue. False (forward it) when the queue is full.
     */
    deferMode(mode: number): boolean;
    /**
     * path_open of `Pname` (or `P.`, the root) on a directory lent for opens: made here when it
     * succeeds as the vCPU's would; else forwarded.
     */
    open(forward: Forward): Forward;
    /** The host open, under way as local work; false: nothing changed (the call is forwarded). */
    private openHere;
    /** What this core answers for the new descriptor until the vCPU has adopted it: I/O, sync, fstat, fd_fdstat_get. */
    private publishLocal;
    /**
     * fd_close of a file opened here that the vCPU has not adopted yet: closed here, its record and
     * queued calls dropped (0); undefined for any other descriptor.
     */
    close(fd: number): number | undefined;
}
export {};
