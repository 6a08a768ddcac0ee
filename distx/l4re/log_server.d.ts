import type { Message, ServerObject } from './registry.js';
/** Operations of the log protocol (the tag's label). */
export declare const enum LogOp {
    /** MR0 = byte count n, MR1.. = the bytes (n <= 4 * (words - 1)) -> label 0 or -errno. */
    Write = 1
}
/** Bytes one Write message carries (63 registers after the count). */
export declare const LOG_CHUNK: number;
export declare class LogSink implements ServerObject {
    private readonly out;
    constructor(out: (bytes: Uint8Array) => void);
    dispatch(msg: Message): number;
}
