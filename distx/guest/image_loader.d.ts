import { type ExecutionMode, type ProgramImage } from './program.js';
import type { PrepareProgress } from './asyncify.js';
import { type ProgramFile, type ProgramHead } from './program_file.js';
/** What the loads take from the machine's options. */
export interface ImageLoaderOptions {
    mode?: ExecutionMode;
    prepareBudgetBytes?: number;
    prepareTimeBudget?: number;
    prepareMemoryBudget?: number;
    prepareInBackground?: boolean;
    onPrepareProgress?: (progress: PrepareProgress & {
        program: string;
    }) => void;
    onProgress?: (line: string) => void;
}
/** Program images kept compiled for the next spawn of the same program (per cache). */
export declare const IMAGE_CACHE = 8;
export declare class ImageLoader {
    private readonly options;
    /** Aborted at shutdown: stops the preparations still running in their workers. */
    private readonly signal;
    readonly provided: Record<string, ReadonlySet<string>>;
    /** Images of the programs spawned through the API, by way of running and content. */
    private readonly loaded;
    /**
     * Program files read to be installed (by spawn), kept for the load of the same file that
     * follows (once): a start reads its program once, not once to install and again to load it.
     */
    private readonly readEarly;
    /** Loads from the cache begun by preload, by key, until the spawn that takes them. */
    private readonly preloaded;
    constructor(options: ImageLoaderOptions, 
    /** Aborted at shutdown: stops the preparations still running in their workers. */
    signal: AbortSignal, provided: Record<string, ReadonlySet<string>>);
    /**
     * The image of a program, loaded once per content (and way of running): spawning the same
     * program again reuses its compiled module. The few most recently used stay cached.
     */
    loadCached(program: string | Uint8Array, name: string, mode?: ExecutionMode, provided?: Record<string, ReadonlySet<string>>): Promise<ProgramImage>;
    /**
     * Starts loading the host program `path` as spawn(path) will (the machine's mode) when the
     * preparation cache can serve it from the file's head, so that its spawn finds it loaded or
     * loading (held until then); otherwise nothing: that spawn loads it, and reports what fails.
     */
    preload(path: string): void;
    /** A file that held still is known by its identity; bytes (or a file being written) by content. */
    private keyOf;
    /**
     * Keeps what was read of `path` for the load that follows at once (spawn loads synchronously);
     * only until the event loop turns, so programs installed but never spawned are not held.
     */
    keepRead(path: string, file: ProgramFile): void;
    /** A host program file: as read to install it, if it is still that file, else read now. */
    private readProgram;
    /** Loads a program afresh (not shared). */
    load(program: string | Uint8Array | ProgramFile | ProgramHead, name: string, mode?: ExecutionMode, provided?: Record<string, ReadonlySet<string>>): Promise<ProgramImage>;
    private loadOptions;
}
