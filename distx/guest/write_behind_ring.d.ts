export declare const enum Ctl {
    /** Records queued in all rings and not yet written. */
    Pending = 0,
    /** The write-behind thread sleeps on Wake (1) or is at work (0). */
    Sleeping = 1,
    Wake = 2,
    /** Sweeps over all rings the thread has finished. */
    Pass = 3,
    /** Threads waiting in waitWritten (the thread notifies Pass only then). */
    Waiters = 4,
    /** Bumped when a ring was added or removed: the thread reads its port. */
    Generation = 5,
    /** The thread is running; before, and after it died, nothing is queued. */
    Ready = 6
}
export declare const CONTROL_BYTES = 64;
export declare const enum Ring {
    /** Next free byte (producer's own). */
    HeadPos = 0,
    /** Records queued, ever (producer) and written, ever (thread). */
    Produced = 1,
    Consumed = 2,
    /** Bytes taken by unwritten records and skipped ring ends. */
    Used = 3,
    /** Where the next record to write starts (the thread's own; read again if another takes over). */
    TailPos = 4,
    /** Per guest descriptor below ERROR_FDS: the errno of a failed queued write, until reported. */
    Errors = 16
}
export declare const ERROR_FDS = 64;
/** Bytes for records: the largest write queued is a quarter of it. */
export declare const RING_CAPACITY: number;
export declare const RING_BYTES: number;
export declare const MAX_QUEUED_WRITE: number;
/**
 * Waits until every write queued (in any ring) before the call is made; at once when none is.
 * The thread's sweeps count: the second one to end after this call began covered all of them.
 */
export declare function waitWritten(ctl: Int32Array): void;
/** The worker's side of its ring. */
export declare class RingWriter {
    readonly ctl: Int32Array;
    private readonly r32;
    private readonly f64;
    private readonly bytes;
    private head;
    private produced;
    /** Host inode number -> the count of records queued up to its last write (files with writes queued). */
    private readonly dirty;
    constructor(ctl: Int32Array, ring: SharedArrayBuffer);
    /** Whether this program's writes may be queued now (the thread runs). */
    get ready(): boolean;
    /**
     * Queues the write of `len` bytes of `src` at `ptr` to `hostFd` at `offset` (for guest
     * descriptor `fd`); false when it cannot be (too large, the thread not running): write it now.
     */
    queue(hostFd: number, fd: number, ino: number, src: Uint8Array, ptr: number, len: number, offset: number): boolean;
    /** Waits until `bytes` of the ring are free (spinning first: the thread frees a run at a time); false if the thread stopped. */
    private awaitRoom;
    /**
     * Before a read or stat of the file with host inode `ino` made on this core: waits for the
     * queued writes if one of them is to that file, or another program has writes queued.
     */
    beforeRead(ino: number): void;
    /**
     * Whether another ring has writes queued. Pending is read before Consumed, and the thread counts
     * a record consumed before it takes it off Pending: a difference is never missed, but one seen
     * while the thread is between the two is read again.
     */
    private othersQueued;
    /** The errno (positive) a queued write to `fd` failed with, taken: 0 if none. */
    takeError(fd: number): number;
}
/** The thread's (or, without one, the vCPU's) side of a ring. */
export declare class RingReader {
    private readonly ctl;
    readonly buffer: SharedArrayBuffer;
    private readonly r32;
    private readonly f64;
    private readonly bytes;
    private tail;
    private consumed;
    constructor(ctl: Int32Array, buffer: SharedArrayBuffer);
    /**
     * Makes the queued writes, runs of contiguous ones to one file as one host write; the number of
     * records written. `writev(fd, buffers, offset)` returns the bytes written or throws.
     */
    drain(writev: (fd: number, buffers: Uint8Array[], offset: number) => number, errnoOf: (e: unknown) => number): number;
    /** Writes the run whole (a short host write goes on where it stopped); an error is kept for the descriptor. */
    private write;
}
