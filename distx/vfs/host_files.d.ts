import type { FileSystem } from './types.js';
export declare class HostFileBudget {
    readonly limit: number;
    /**
     * Int32 0: files open now; 1: the limit. Shared: a decoupled program's worker takes a place
     * itself before it opens a file in a lent mount root (takeHostFile), which the vCPU adopts later.
     */
    readonly shared: SharedArrayBuffer;
    private readonly count32;
    /** At most `limit` files of host mounts open at once. */
    constructor(limit?: number);
    /** Files of host mounts open now. */
    get used(): number;
    /**
     * The file system with its opens counted against this budget: an object that inherits from `fs`
     * (so it stays what it is, e.g. for instanceof and its name) whose methods run on `fs` itself,
     * open() answering ENFILE at the limit; each opened file gives its place back when it is closed.
     * Not a Proxy: a trap would run on every property access inside the back end's methods too
     * (they would see the proxy as `this`), which cost hostfs calls several microseconds each.
     */
    wrap(fs: FileSystem): FileSystem;
    private releaseAtClose;
}
/** Takes a place in a budget's shared count (HostFileBudget.shared) for a file about to be opened; false at the limit. */
export declare function takeHostFile(shared: SharedArrayBuffer): boolean;
/** Gives a place back (the file was closed, or not opened after all). */
export declare function giveHostFile(shared: SharedArrayBuffer): void;
/**
 * Half of the Node process's own descriptor limit (the host keeps the rest), at most 4096;
 * 512 where the limit cannot be read.
 */
export declare function defaultHostFileLimit(): number;
