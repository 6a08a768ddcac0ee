export interface SharedMemoryModule {
    binary: Uint8Array;
    /** The memory's limits in pages, to create it with. */
    initial: number;
    maximum: number;
    /** Rewritten in place: puts the original's head back into `bytes` (once `binary` was taken). */
    restore?: () => void;
}
/** The limits (pages) a shared copy of the module's own memory gets; throws for what cannot be shared. */
export declare function sharedMemoryLimits(bytes: Uint8Array, secs?: import("./wasm_binary.js").Section[]): {
    initial: number;
    maximum: number;
};
/**
 * The module with its memory imported as a shared one. Everything after the memory section stays
 * as it is (the code and the data: nearly all of a module), so it is copied once, or not at all:
 * with `room` bytes free in the buffer just before `bytes` (a program file read with room to
 * spare, program_file.ts), the rewritten head goes there and the module is rewritten in place:
 * `bytes` holds the original again only after restore().
 */
export declare function shareMemory(bytes: Uint8Array, room?: number): SharedMemoryModule;
