export interface Preparation {
    binary: Uint8Array;
    /** Loops that got a budget check. */
    loops: number;
}
export interface PrepareOptions {
    /** The import a loop calls when its budget is used up (it returns the next budget). */
    preempt: {
        module: string;
        name: string;
    };
    /** Pages kept at the top of memory, out of the program's sight. */
    reserve: number;
    /**
     * Import the memory as a shared env.memory (its limits as given, with the reserve added), so
     * that a worker can run the same program on it (l4_decouple). Data segments become passive:
     * the host writes them once (dataSegments), and a second instance must not write them again.
     */
    share?: {
        initial: number;
        maximum: number;
    };
}
/**
 * Adds `budget--; if (budget < 0) budget = preempt();` at the head of every loop and hides
 * `reserve` pages at the top of memory from the program.
 */
export declare function prepareBinary(bytes: Uint8Array, options: PrepareOptions): Preparation;
/** A data segment of memory 0 at a constant offset: what the host writes into a shared memory. */
export interface DataSegment {
    offset: number;
    bytes: Uint8Array;
}
/** The active data segments of a module (for a shared memory, which the host initializes once). */
export declare function dataSegments(bytes: Uint8Array): DataSegment[];
/** The export of the memory limit global (pages of real memory, reserved pages included). */
export declare const MEMORY_LIMIT_EXPORT = "__l4wasm_memory_limit";
