import type { DataSegment } from './instrument.js';
import type { ImportSignature } from './wasm_binary.js';
export type ImportTable = Record<string, Record<string, (...args: any[]) => any>>;
/** Why a program could not be loaded; the CLI shows `message` and exits 126. */
export declare class LoadError extends Error {
}
/** What a program did when it stopped running on the CPU. */
export type RunOutcome = {
    kind: 'suspended';
} | {
    kind: 'exited';
    code: number;
    signal?: number;
} | {
    kind: 'trapped';
    message: string;
    func?: string;
    pc?: number;
}
/** The handler of a fault signal (entered with enterFaultHandler) returned. */
 | {
    kind: 'handler-returned';
}
/** The program called exec: the process replaces it with `program`. */
 | {
    kind: 'exec';
    program: unknown;
}
/** A decoupled program called l4_recouple: it unwound in its worker and continues on the vCPU. */
 | {
    kind: 'recouple';
    globals: Record<string, number | bigint>;
};
export interface ProgramImage {
    name: string;
    module: WebAssembly.Module;
    /**
     * Set when the prepared program's memory is a shared one it imports (it can move to a worker
     * with l4_decouple): its limits in pages and the data the host writes into it once.
     */
    sharedMemory?: {
        initial: number;
        maximum: number;
        data: DataSegment[];
    };
    /**
     * Set when the module was compiled without its large data segments (read from the preparation
     * cache): each new instance's memory gets them from there (prepared_data.ts).
     */
    data?: import('./prepared_data.js').PreparedData;
    /** Set when the program runs decoupled: its original code, on a shared memory, in a worker. */
    decoupled?: import('./decoupled.js').DecoupledImage;
    /**
     * Set when it runs decoupled only until its preparation is cached (a pure WASI program being
     * prepared in the background): a loader does not keep such an image for the next spawn.
     */
    provisional?: true;
    /** Each function import's signature by "module.name" (from the binary; absent: wrapped generically). */
    signatures?: ReadonlyMap<string, ImportSignature>;
}
/** Which imports a program's calls may suspend in: by "module.name", or a predicate. */
export type AsyncImports = readonly string[] | ((module: string, name: string) => boolean);
