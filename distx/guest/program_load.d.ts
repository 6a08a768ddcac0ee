import { type PrepareProgress } from './asyncify.js';
import { type AsyncImports, type ProgramImage } from './program_image.js';
import { type ProgramFile, type ProgramHead } from './program_file.js';
/** How a program is to run: on the vCPU (prepared with asyncify), in a worker, or the first when it can be prepared. */
export type ExecutionMode = 'multiplexed' | 'decoupled' | 'auto';
export interface LoadOptions {
    /** Default 'auto': multiplexed, or decoupled when preparation is over budget or fails. */
    mode?: ExecutionMode;
    /** Called once before a slow (uncached) preparation, to show progress. */
    onTransform?: () => void;
    /**
     * Default true (false with L4WASM_PREPARE_IN_BACKGROUND=0): 'auto' runs a pure WASI program that
     * is not prepared yet decoupled at once and prepares it in the background for its next runs
     * (background_prepare.ts); false waits for the preparation, as for any other program.
     */
    prepareInBackground?: boolean;
    /** One line for the user when 'auto' falls back to decoupled execution. */
    onNotice?: (line: string) => void;
    /** Code section size (bytes) above which 'auto' does not prepare but decouples. */
    prepareBudgetBytes?: number;
    /** Wall-clock time (ms) 'auto' lets a preparation take before it stops it and decouples. */
    prepareTimeBudget?: number;
    /** Memory (bytes) 'auto' lets a preparation take before it stops it and decouples. */
    prepareMemoryBudget?: number;
    /** Told as an uncached preparation enters each phase (read, instrument, asyncify, write, write cache). */
    onPrepareProgress?: (p: PrepareProgress) => void;
    /** Aborting stops a preparation in progress (the load fails with a LoadError). */
    signal?: AbortSignal;
    /**
     * The signature a function import must have (value types 0x7f i32, 0x7e i64; result 0 for
     * none), or undefined for any: an import of another shape is refused with a one-line error.
     */
    signatureOf?: (module: string, name: string) => {
        params: number[];
        result: number;
    } | undefined;
}
/**
 * Code size past which preparation is not tried. Binaryen's asyncify takes about 5 s per MB of
 * code on this project's machines (README, `l4wasm bench prepare`), so 1 MiB is what fits in the
 * time budget; yosys (28 MB of code) and clang (66 MB) would take minutes and gigabytes.
 */
export declare const DEFAULT_PREPARE_BUDGET: number;
/**
 * Wall-clock time a preparation may take before 'auto' stops it and decouples (ms): what 1 MiB
 * of code (the size budget) takes on this project's machines with room for their load.
 */
export declare const DEFAULT_PREPARE_TIME_BUDGET = 20000;
/** Memory a preparation may take before 'auto' stops it and decouples (bytes). */
export declare const DEFAULT_PREPARE_MEMORY_BUDGET: number;
/**
 * Reads, validates and asyncifies a program. `provided` lists, per import module, the names
 * l4wasm implements; an import outside it is refused here with a one-line error.
 */
export declare function loadProgram(source: string | Uint8Array | ProgramFile | ProgramHead, name: string, provided: Record<string, ReadonlySet<string>>, asyncImports: AsyncImports, options?: LoadOptions): Promise<ProgramImage>;
/**
 * The load of a settled file whose prepared module the cache holds, from the file's head alone
 * (its interface) and the content hash recorded for its identity: the megabytes after the head are
 * not read. Undefined, with nothing reported, when the whole module is needed after all: not
 * prepared yet, its hash not recorded, to run decoupled, a shared memory to build from its data,
 * or anything to refuse (the full load says why).
 */
export declare function loadFromCache(file: ProgramHead, name: string, provided: Record<string, ReadonlySet<string>>, asyncImports: AsyncImports, options: LoadOptions): Promise<ProgramImage | undefined>;
/** The call that moves a running program to a worker (sysroot/src/decouple.c). */
export declare const DECOUPLE_IMPORT = "l4posix.decouple";
