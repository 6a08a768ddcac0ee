/** WASI's signal enumeration (proc_raise), by number. */
/** Bytes of a buffer shown in a trace line. */
export declare const SHOWN_BYTES = 32;
/** `a|b|c` for the set bits of `v`; unknown bits in hex; 0 for none. */
export declare function flagNames(v: number, names: readonly string[]): string;
/** Rights as names; a set with most rights is shown as what it lacks (ALL&~(...)). */
export declare function rightsNames(v: bigint | number): string;
/** Bytes as a C string literal: printable ASCII kept, the rest escaped; cut after `limit` bytes. */
export declare function escapeBytes(b: Uint8Array, total?: number, limit?: number): string;
/** The program's memory as the tracer reads it: every read is checked, nothing here can throw. */
export declare class TraceMemory {
    private view;
    private u8;
    constructor(memory: WebAssembly.Memory | undefined);
    ok(ptr: number, len: number): boolean;
    u32(ptr: number): number | undefined;
    u64(ptr: number): bigint | undefined;
    u8at(ptr: number): number | undefined;
    bytes(ptr: number, len: number): Uint8Array | undefined;
    /** Up to `limit` bytes gathered from an iovec array (and the total length it describes). */
    gather(iovs: number, n: number, limit: number): {
        total: number;
        head: Uint8Array;
    } | undefined;
}
/** The text of a WASI call's parameters, before the call. */
export declare function formatWasiArgs(name: string, m: TraceMemory, args: readonly any[]): string;
/** What a WASI call wrote back (shown after "→"), for a call that succeeded. */
export declare function formatWasiOutputs(name: string, m: TraceMemory, args: readonly any[]): string;
/** A WASI result: 0 or the errno's name. */
export declare function formatWasiResult(r: number): string;
/** An l4posix call: its arguments as numbers (these calls take scalars) and its result. */
export declare function formatL4posixCall(args: readonly any[]): string;
/** An l4posix result: a value, or for a negative errno -1 and the errno's name. */
export declare function formatL4posixResult(r: number): string;
/** A duration in a unit that keeps it short. */
export declare function formatDuration(ms: number): string;
/** The Linux-style name of a (Linux-numbered) signal, for exit lines. */
export declare function linuxSignalName(sig: number): string;
