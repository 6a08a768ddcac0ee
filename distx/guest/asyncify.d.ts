import { type PreparedData } from './prepared_data.js';
/** The export names of the program's mutable globals: this prefix and the global's index. */
export declare const GLOBAL_EXPORT_PREFIX = "__l4wasm_global_";
/** The steps of a preparation, in order, as progress reports them. */
export type PreparePhase = 'read' | 'instrument' | 'asyncify' | 'write' | 'write cache';
export interface PrepareProgress {
    phase: PreparePhase;
    /** Since the preparation started (ms). */
    elapsedMs: number;
    /** The module's size and its code section's (bytes). */
    moduleBytes: number;
    codeBytes: number;
}
export interface PrepareBudget {
    /** Wall-clock time the transform may take (ms); the worker is terminated past it. */
    timeMs?: number;
    /** Memory the transform may take (bytes of resident-set growth); the worker is terminated past it. */
    memoryBytes?: number;
}
export interface AsyncifyOptions {
    /** Imports that may suspend, as "module.name". */
    asyncImports: readonly string[];
    /** Called once before a slow (uncached) transform, to show progress. */
    onTransform?: () => void;
    /** Called as the transform enters each phase (from the worker, forwarded here). */
    onPhase?: (p: PrepareProgress) => void;
    /** Import the memory as a shared one of these limits (pages, the reserve included): see instrument.ts. */
    share?: {
        initial: number;
        maximum: number;
    };
    /**
     * The SHA-256 of `wasm` (hex), when the caller knows it cheaper than hashing the bytes (a file
     * whose hash was recorded for its identity): part of the cache key.
     */
    contentHash?: () => string;
    /** Enforced when given: over either, the transform fails with PrepareBudgetError. */
    budget?: PrepareBudget;
    /** Aborting stops the transform (its worker is terminated); it then fails with PrepareAbortedError. */
    signal?: AbortSignal;
}
/** The transform was stopped through its AbortSignal (the machine shut down). */
export declare class PrepareAbortedError extends Error {
    constructor();
}
/** What a preparation cost. */
export interface PrepareStats {
    /** Taken from the cache: nothing was transformed. */
    cached: boolean;
    /** Wall-clock time of the transform (ms; 0 when cached). */
    ms: number;
    /** Peak growth of the process's resident set while the worker ran (bytes; 0 when cached). */
    peakBytes: number;
}
/** The transform went over its time or memory budget (now, or the last time with no smaller budget). */
export declare class PrepareBudgetError extends Error {
    readonly kind: 'time' | 'memory';
    readonly limit: number;
    readonly remembered: boolean;
    /** The memory it had taken when it was stopped (bytes; 0 when remembered). */
    readonly peakBytes: number;
    constructor(kind: 'time' | 'memory', limit: number, remembered: boolean, 
    /** The memory it had taken when it was stopped (bytes; 0 when remembered). */
    peakBytes?: number);
}
/**
 * The import a loop calls when its budget is used up: it returns the next budget. Every loop is
 * instrumented, so the host must provide it (and list it among the asyncImports).
 */
export declare const PREEMPT_IMPORT = "l4posix.preempt";
/**
 * Pages at the top of memory, hidden from the program, for asyncify's saved call stack. An unwind
 * saves every frame's live locals there; past its end it writes out of bounds and the program dies
 * with SIGSEGV. A frame at -O2 saves ~25 bytes: 2 pages overflowed at a depth of 6,000 that the
 * same program reaches decoupled; 4 hold ~10,000 (V8's native stack ends at ~11,000 such frames).
 * The pages count against the machine's memory limit at spawn, so they are kept few.
 */
export declare const RESERVED_PAGES = 4;
/**
 * Code size (bytes) up to which asyncify runs its optimizing path (optimize level 1; level 2 gives
 * the same output, as asyncify's inner passes run at their own defaults). Larger modules get level 0.
 *
 * Level 0 is no option for a program that must run well: asyncify flattens every function (a
 * local for every intermediate value, each call argument in a fresh one) and saves at an unwind
 * every local live at any of the function's calls. Without the coalescing that only its optimizing
 * path runs (between flattening and the flow instrumentation, where it still can), those are
 * hundreds per big function: SQLite's yy_reduce restores 990 locals at a rewind instead of 15,
 * sqlite3VdbeExec 1,263 instead of 50. Every unwind site then moves them all, so V8's optimizing
 * compiler made 8.6 MB of machine code of yy_reduce with a 1.07 MB stack frame (the original:
 * 29 KB, 160 bytes) and 23 MB with a 781 KB frame of sqlite3VdbeExec: one activation of each
 * exhausted the main thread's 984 KB stack, and the code ran ~7x slower than the original. With
 * the optimizing path: 184 KB / 17 KB and 977 KB / 44 KB. The cost is preparation time, about 4x
 * level 0's (flite ~6 s, SQLite's 1.1 MB of code ~23 s here), paid once per module (cached).
 * Level 0 stays for modules past the limit (they run decoupled unless forced) and, under a time
 * budget, for those the optimizing path would not prepare within it (optimizeLevel): there the
 * frames stay large, and deep recursion may exhaust the stack.
 */
export declare const OPTIMIZE_CODE_LIMIT: number;
/** Overrides OPTIMIZE_CODE_LIMIT (bytes): tests force the level-0 path with it. */
export declare const OPTIMIZE_CODE_LIMIT_ENV = "L4WASM_OPTIMIZE_CODE_LIMIT";
/**
 * The optimize level a module of `codeBytes` is prepared at (part of the cache key). Under a time
 * budget the optimizing path is taken only where it should end within half of it (load doubles
 * times on this machine): a preparation stopped by its time budget is not remembered, so every
 * run would wait it out and then run decoupled; level 0 keeps such a module multiplexed.
 */
export declare function optimizeLevel(codeBytes: number, timeBudgetMs?: number): 0 | 1;
/** What the worker is given. */
export interface PrepareWorkerData {
    wasm: Uint8Array;
    asyncImports: readonly string[];
    share?: {
        initial: number;
        maximum: number;
    };
    /** Binaryen's optimize level for asyncify (optimizeLevel()). */
    level: 0 | 1;
    /** Where the result goes (written atomically by the worker). */
    cachePath: string;
}
/** What the worker says: a phase begins, or it is done (the result is in the cache file). */
export type PrepareWorkerMessage = {
    type: 'phase';
    phase: PreparePhase;
} | {
    type: 'done';
} | {
    type: 'failed';
    message: string;
};
/** Returns the asyncified binary of `wasm`, from the cache when it was transformed before. */
export declare function asyncify(wasm: Uint8Array, options: AsyncifyOptions): Promise<Uint8Array>;
/**
 * The prepared module of a module known only by its code size and content hash, when the cache
 * holds it (what asyncify would return without preparing), its large data segments left in the
 * cache file to be read into each instance's memory (prepared_data.ts); undefined otherwise. A
 * start reads it without reading the module itself.
 */
export declare function cachedPreparation(codeBytes: number, content: string, options: AsyncifyOptions): Promise<{
    binary: Uint8Array;
    data?: PreparedData;
} | undefined>;
/**
 * Where the preparation of a module with `codeBytes` of code and content hash `content` is kept
 * (the prepared module), and where a preparation of it that went over its budget is remembered.
 */
export declare function preparationPaths(codeBytes: number, content: string, options: AsyncifyOptions): {
    module: string;
    marker: string;
};
/**
 * The remembered over-budget preparation (marker file) that still holds for `budget`: one that
 * went over the same or a larger budget of the same kind. A damaged marker is no memory.
 */
export declare function rememberedOverBudget(marker: string, budget: PrepareBudget | undefined): PrepareBudgetError | undefined;
/** Remembers a preparation that went over its budget (beside its cache entry). */
export declare function rememberOverBudget(marker: string, over: OverBudget): void;
/** A remembered over-budget preparation: what went over and the budget it went over. */
export interface OverBudget {
    kind: 'time' | 'memory';
    limit: number;
}
/** asyncify, with what it cost. */
export declare function prepareModule(wasm: Uint8Array, options: AsyncifyOptions): Promise<PrepareStats & {
    binary: Uint8Array;
}>;
export declare function codeSize(wasm: Uint8Array): number;
/**
 * The transform itself (run inside the worker): loop instrumentation on the binary, binaryen's
 * asyncify, the binary written out. `phase` is told as each step begins.
 */
export declare function transform(wasm: Uint8Array, data: Omit<PrepareWorkerData, 'wasm' | 'cachePath'>, phase: (p: PreparePhase) => void): Promise<Uint8Array>;
