/** A program's ring, as the vCPU holds it. */
export interface WriteBehindRing {
    control: SharedArrayBuffer;
    ring: SharedArrayBuffer;
    /** Waits for its writes, then drops it (the program has ended). */
    release(): void;
}
/** Writes queued by programs that have ended (for tests and benchmarks: the path is taken). */
export declare const writeBehindStats: {
    queued: number;
};
/** A ring for a decoupled program (the write-behind thread started with the first). */
export declare function newWriteBehindRing(): WriteBehindRing;
/** Waits until every queued write is made (a machine's shutdown, a killed writer's locks). */
export declare function waitForWriteBehind(): void;
