/** The vCPU's side: the table it publishes for the worker. */
export declare class PreopenTable {
    readonly buffer: SharedArrayBuffer;
    private readonly i32;
    private readonly u8;
    private published;
    constructor();
    /**
     * Publishes `list()` when the table's version moved since the last time (only while the worker
     * waits for a reply, or before it starts). More preopens or longer names than fit: none, and
     * the worker forwards.
     */
    update(version: number, list: () => readonly {
        fd: number;
        name: Uint8Array;
    }[]): void;
}
/** What the worker's answers need of it. */
export interface StartupContext {
    /** Whether bytes up to `end` lie in the program's memory (views renewed if it grew). */
    inMemory(end: number): boolean;
    view(): DataView;
    bytes(): Uint8Array;
    /** Signals wait, or the process is stopped: the call goes to the vCPU. */
    pending(): boolean;
    /** Counts a call answered here (Slot.LocalIo). */
    answered(): void;
}
type Forward = (...a: (number | bigint)[]) => number | bigint | undefined;
/** A list of strings as the program receives them (wasi_state.ts StringList, as a message carries it). */
export interface EncodedList {
    readonly encoded: readonly Uint8Array[];
    readonly bufSize: number;
}
/** The worker's side: answers from the published table, the arguments and the environment. */
export declare class StartupAnswers {
    private readonly c;
    private readonly args;
    private readonly env;
    private readonly i32;
    private readonly u8;
    constructor(c: StartupContext, preopens: SharedArrayBuffer | undefined, args: EncodedList | undefined, env: EncodedList | undefined);
    /** The preopen entry's index for `fd`: -1 none (EBADF), -2 no table (forward). */
    private entryOf;
    /** A close the worker deferred: `fd` announces nothing any more. */
    closed(fd: number): void;
    prestat(forward: Forward): Forward;
    prestatName(forward: Forward): Forward;
    /** args_sizes_get / environ_sizes_get. */
    sizes(which: 'args' | 'env'): (forward: Forward) => Forward;
    /** args_get / environ_get: the pointer array, the strings packed after each other. */
    list(which: 'args' | 'env'): (forward: Forward) => Forward;
}
export {};
