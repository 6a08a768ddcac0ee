import type { ImportTable } from './program.js';
import type { ExitStatus } from './process.js';
/** Where trace text goes. */
export interface TraceSink {
    write(text: string): void;
    /** Writes out anything buffered (called at each process exit and at the end). */
    flush(): void;
    close(): void;
}
/** The program's view of tracing, for the parts of the guest that report events of their own. */
export interface Tracer {
    /** A line of its own for something that is not a call: a signal delivered, an exception reflected. */
    event(text: string): void;
}
/** What the tracer needs of a process (src/guest/process.ts's Process has all of it). */
export interface TracedProcess {
    readonly pid: number;
    readonly memory: WebAssembly.Memory;
    readonly exit: Promise<ExitStatus>;
    /** Its program runs decoupled now: every call it makes reaches the import forwarded. */
    readonly decoupled?: boolean;
}
export interface TraceOptions {
    /** 'lines' (default): one line per call; 'summary': a table of counts and times at exit. */
    mode?: 'lines' | 'summary';
    /** Default: stderr. */
    sink?: TraceSink;
}
/** Per call name: completed calls, failed ones, and their total time. */
export interface CallStats {
    calls: number;
    errors: number;
    totalMs: number;
}
/**
 * The tracer of a process, if it is traced (keyed by the Process object). Signal delivery and
 * exception reflection call `tracerOf(process)?.event(...)`; untraced processes cost one lookup.
 */
export declare function tracerOf(process: object): Tracer | undefined;
/** Trace text to the host's stderr, written at once so that it interleaves with the program's output. */
export declare function stderrSink(): TraceSink;
/** Trace text to a file, buffered (64 KiB) and written synchronously. */
export declare function fileSink(path: string): TraceSink;
/** Trace text collected in memory (tests, the benchmark). */
export declare function memorySink(): TraceSink & {
    text(): string;
};
/** A sink that drops everything (the benchmark's cost of tracing without the cost of output). */
export declare function nullSink(): TraceSink;
/**
 * One tracing session (an `l4wasm run --trace`): its sink and mode, the statistics of every process
 * it traced, and `wrapImports`, the wrapper to pass to a machine or spawn.
 */
export declare class TraceSession {
    readonly mode: 'lines' | 'summary';
    readonly sink: TraceSink;
    readonly stats: Map<string, CallStats>;
    private processes;
    private readonly exits;
    constructor(options?: TraceOptions);
    /** The import wrapper (MachineOptions/SpawnOptions.wrapImports). */
    readonly wrapImports: (imports: ImportTable, process: TracedProcess) => ImportTable;
    /** More than one process traced: lines name their pid. */
    get multiple(): boolean;
    /** Counts one completed call. */
    count(key: string, failed: boolean, ms: number): void;
    /**
     * Waits for the traced processes' exit lines, prints the summary (summary mode), flushes. A
     * child still running (an orphan the machine will end) is not waited for beyond `graceMs`.
     */
    finish(graceMs?: number): Promise<void>;
}
/** The table of `--trace=summary`, like strace -c: sorted by total time. */
export declare function formatSummary(stats: ReadonlyMap<string, CallStats>): string;
