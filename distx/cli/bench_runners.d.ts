/** One operation's figures (ns per operation) or why the runtime cannot do it. */
export type Cell = {
    median: number;
    min: number;
    max: number;
    reps: number;
    iterations: number;
} | {
    na: string;
};
export type Cells = Record<string, Cell>;
/** Where the benchmark's files live for a run, and how long to run. */
export interface RunSetup {
    quick: boolean;
    /** Only these operations (all when undefined). */
    only?: readonly string[];
    /** Called with each operation's figures as they arrive. */
    onCell?: (op: string, cell: Cell) => void;
    /** Run each operation exactly this many times, untimed (the program's --count; for strace). */
    count?: number;
    /** node:wasi only: the program writes its stdout straight to this descriptor, unparsed (a child
     * whose process may crash after the program printed, bench_child). */
    stdoutFd?: number;
}
/** What each runtime's "tmpfs", "hostfs" and "ROM" rows stand on (the table's footnote, the JSON). */
export declare const MOUNTS: Record<string, {
    tmpfs: string;
    hostfs: string;
    rom: string;
}>;
/** The one change the run makes to @tybys/wasm-util, said under the table. */
export declare const WASM_UTIL_CLOCK: string;
/** Parses the program's output: "op NAME median min max reps n" / "na NAME why" (and --count's "ran NAME n", ignored). */
export declare class OutputParser {
    private readonly onCell?;
    readonly cells: Cells;
    private rest;
    constructor(onCell?: ((op: string, cell: Cell) => void) | undefined);
    push(text: string): void;
    end(): Cells;
    private line;
}
/** How an l4wasm run sets up its calls. */
export type L4wasmVariant = 
/** The local path exactly as `l4wasm run` sets it up without --trace (no wrapper). */
'local'
/** The local path on a machine that never heard of tracing (the trace-off comparison). */
 | 'local-untraced'
/** Calls sent to the POSIX server by kernel IPC. */
 | 'server'
/** The local path with --trace on (every line formatted, then discarded). */
 | 'traced'
/** The program decoupled: in a worker thread, its calls forwarded to the vCPU (those the table marks coreLocal answered there). */
 | 'forwarded';
export declare function runL4wasm(wasm: string, variant: L4wasmVariant, setup: RunSetup, log: (t: string) => void): Promise<Cells>;
/** node:wasi's WASI class, loaded without its warning that it is experimental (the benchmarks know). */
export declare function quietNodeWasi(): Promise<typeof import('node:wasi').WASI>;
export declare function runNodeWasi(wasm: string, setup: RunSetup): Promise<Cells>;
export declare function runWasiShim(wasm: string, setup: RunSetup): Promise<Cells>;
/** @tybys/wasm-util's WASI with Node's own fs module, the way its README sets it up for Node. */
export declare function runWasmUtil(wasm: string, setup: RunSetup): Promise<Cells>;
export declare function runNative(binary: string, setup: RunSetup): Promise<Cells>;
/** The empty host call: ns per call of an import that does nothing, from a wasm loop. */
export declare function measureFloor(setup: RunSetup): Cell;
