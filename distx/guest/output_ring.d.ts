/** Bytes of records the ring holds. */
export declare const RING_BYTES: number;
/** Largest write the worker puts in the ring; a larger one is forwarded. */
export declare const MAX_RECORD: number;
/** Descriptors below this may be lent (one bit each). */
export declare const RING_FDS = 32;
export declare class OutputRing {
    readonly buffer: SharedArrayBuffer;
    private readonly i32;
    private readonly u32;
    /** The records' bytes (offset 0 is the first record byte). */
    readonly bytes: Uint8Array;
    /** The worker's next head, between reserve() and publish(). */
    private next;
    constructor(buffer?: SharedArrayBuffer);
    /** Whether writes to `fd` go into the ring. */
    lent(fd: number): boolean;
    /**
     * Room for a record of `len` bytes for `fd`: the offset in `bytes` where its data goes, or -1
     * when the ring has no room (the write is forwarded: the vCPU drains the ring first). Then
     * publish().
     */
    reserve(fd: number, len: number): number;
    /** Makes the reserved record visible to the vCPU; true if the vCPU is to be rung for it (once per drain). */
    publish(): boolean;
    /** Lends `fd` (its writes go into the ring) or takes it back. */
    setLent(fd: number, on: boolean): void;
    pending(): boolean;
    /** Hands every record to `write` in order, consecutive ones of one descriptor as one, and frees them. */
    drain(write: (fd: number, bytes: Uint8Array) => void): void;
}
