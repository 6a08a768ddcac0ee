import { type CommandDef } from './args.js';
import { type Cell } from './bench_runners.js';
import { type StraceResult } from './bench_strace.js';
import { type BenchResult, type ColumnKey } from './bench_report.js';
export declare const SOURCE: string;
export interface BenchOptions {
    quick: boolean;
    /** The columns to run (default: all). */
    paths: readonly ColumnKey[];
    /** Directory for syscalls.json and syscalls.svg. */
    out: string;
    /** Only these operations (default: all). */
    only?: readonly string[];
    /** Progress and diagnostics (default: stderr). */
    log?: (text: string) => void;
    /** -h/--help was given. */
    help?: boolean;
    /** Count host system calls per guest call under strace instead of timing (bench_strace.ts). */
    strace?: boolean;
    /** --path/--paths was given (--strace then counts those runtimes, else l4wasm and node:wasi). */
    pathsGiven?: boolean;
}
/** `l4wasm bench syscalls`'s options: one row per flag (args.ts). */
export declare const BENCH_SYSCALLS_COMMAND: CommandDef;
/** Parses the command's arguments; a string is the problem to report. */
export declare function parseBenchArgs(argv: readonly string[]): BenchOptions | string;
export declare function benchSyscallsCommand(argv: string[]): Promise<number>;
/** Runs the benchmark; writes the JSON and the SVG into options.out. */
export declare function benchSyscalls(o: BenchOptions): Promise<BenchResult>;
/** --strace: the host system calls per guest call; writes OUT/syscalls-strace.json. */
export declare function benchStrace(o: BenchOptions): Promise<StraceResult>;
/** One-pass figures of several processes as one cell: the median of the passes, their range, reps = passes. */
export declare function combinePasses(cells: readonly Cell[]): Cell;
