/**
 * Sets aside the bytes of `wasm`'s large data segments: `binary` is the module with those
 * segments empty, and `restore` puts their bytes back into a module made from it (binaryen's
 * output: the same segments in the same order). A module whose segments binaryen changed
 * cannot have them back: restore throws, and the preparation fails as binaryen's failures do.
 */
export declare function setDataAside(wasm: Uint8Array): {
    binary: Uint8Array;
    restore(out: Uint8Array): Uint8Array;
};
