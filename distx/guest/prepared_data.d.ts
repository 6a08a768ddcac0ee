/** Where each active segment's bytes are in the cache file and where they go in memory. */
export interface PreparedData {
    readonly segments: readonly {
        memOffset: number;
        fileOffset: number;
        length: number;
    }[];
    /** Writes the segments into a fresh instance's memory, in order (as instantiation would). */
    write(memory: WebAssembly.Memory, name: string): void;
}
/**
 * The module in the file at `path`, its large active data segments left out (PreparedData says
 * where they are); the whole module when it has none or a layout this does not take apart (a
 * start function, which would run before the data is written; a segment at a computed offset;
 * very many segments). Undefined when the file cannot be opened or read.
 */
export declare function readPrepared(path: string): Promise<{
    binary: Uint8Array;
    data?: PreparedData;
} | undefined>;
