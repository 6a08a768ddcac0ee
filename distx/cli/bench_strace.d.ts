import { type ChildRuntime } from './bench_child.js';
/** The host-mount operations issue 15 asks about (the default). */
export declare const STRACE_OPS: readonly string[];
/** One operation on one runtime, per guest call: the host system calls the call itself makes, and
 * the background of the process (GC and worker threads, the event loop, memory management), which
 * follows time more than calls and is noisy (it can even come out negative). */
export type StraceCount = {
    perCall: number;
    bySyscall: Record<string, number>;
    background: number;
    backgroundBySyscall: Record<string, number>;
} | {
    na: string;
};
/** System calls counted as the process's background, not the guest call's. */
export declare const BACKGROUND: Set<string>;
export interface StraceResult {
    date: string;
    /** The two numbers of calls the runs made. */
    calls: [number, number];
    strace: string;
    /** Per runtime, per operation. */
    counts: Partial<Record<ChildRuntime, Record<string, StraceCount>>>;
}
/** Totals by system call name from `strace -c`'s table. */
export declare function parseStraceSummary(text: string): Record<string, number>;
/** strace's version line, or why it cannot count here (not installed, or ptrace not permitted). */
export declare function straceVersion(): string | {
    why: string;
};
/** Counts per guest call for each runtime and operation. */
export declare function straceCounts(wasm: string, o: {
    runtimes: readonly ChildRuntime[];
    ops: readonly string[];
    quick: boolean;
    log: (t: string) => void;
}): Promise<StraceResult>;
/** "5.00 (statx 3, openat 1, close 1); background 0.07 (futex 0.07)" or "n/a (why)". */
export declare function describeCount(c: StraceCount): string;
/** The terminal report: one line per operation and runtime. */
export declare function formatStrace(r: StraceResult): string;
