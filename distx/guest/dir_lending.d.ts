import type { OpenFile, Vfs } from '../vfs/types.js';
/** Entries in the table; the fifth directory lent replaces the oldest. */
export declare const MAX_LENT_DIRS = 4;
/** The descriptor of an entry for absolute paths (whatever descriptor the call names). */
export declare const ABSOLUTE = -1;
export declare const DIR_LENDING_BYTES: number;
/** What an entry is lent for besides stat. */
export declare const enum LentFor {
    Unlink = 1,
    Open = 2,
    OpenToWrite = 4
}
/** One lent directory, as the worker uses it. */
export interface LentDir {
    dirfd: number;
    generation: number;
    /** P: the bytes a path must start with (empty when D is the mount's root, else ending in '/'). */
    prefix: Uint8Array;
    /** The host path of the mount's root through its descriptor, ending in '/'. */
    hostDir: string;
    dev: bigint;
    /** Names may be unlinked on the worker too (path_unlink_file). */
    unlink: boolean;
    /** LentFor bits. */
    lentFor: number;
    /** The entry's index in the table (a file opened through it names it: open_lending.ts). */
    entry: number;
}
/** The table as the worker reads it: the entries in use, by descriptor (ABSOLUTE's may be several). */
export declare function readLentDirs(buffer: SharedArrayBuffer): Map<number, LentDir[]>;
export declare const tableVersion: (buffer: SharedArrayBuffer) => number;
/** What the process says may be lent for a descriptor and a prefix (DecoupledHost.lendableDir). */
export interface LendableDir {
    hostDir: string;
    dev: bigint;
    generation: number;
    /** Names may be unlinked there (a writable mount, a descriptor with the right to unlink). */
    unlink: boolean;
    /** The guest path of the mount's root. */
    path: string;
    /**
     * Files may be opened there by the worker, which takes their places in this budget
     * (HostFileBudget.shared) and the mount adopts (FileSystem.adoptHostFile); `write`: for writing too.
     */
    opens?: {
        budget: SharedArrayBuffer;
        write: boolean;
        adopt(fd: number, directory: boolean, read: boolean, write: boolean): OpenFile;
    };
    /** Whether the lend still holds (the descriptor names the same directory with the same rights). */
    valid(): boolean;
    /** Kept while lent: the mount whose root descriptor the worker uses stays open. */
    hold: object;
}
/**
 * What may be lent for names under `prefix` (isLendablePrefix) on directory descriptor `dir` (its
 * entry and its path, as the stat call joins them): the host mount at exactly that path, with no
 * mount below it and a root descriptor to look names up in; else undefined.
 */
export declare function lendableDir(vfs: Vfs, dir: {
    path: string;
    unlink: boolean;
    valid(): boolean;
} | undefined, prefix: string): LendableDir | undefined;
/** Whether `p` is P as lent: canonical components of printable ASCII, each followed by '/' (after a '/' when absolute). */
export declare function isLendablePrefix(p: string): boolean;
/** The vCPU's side: what it lent, and the shared table the worker reads. */
export declare class LentDirTable {
    readonly buffer: SharedArrayBuffer;
    private readonly i32;
    private readonly u8;
    private readonly slots;
    private next;
    /** Whether descriptor `dirfd` is lent with prefix `prefix` (for unlinking too, if `unlink`). */
    has(dirfd: number, prefix: string, unlink: boolean): boolean;
    get size(): number;
    /**
     * Lends `dirfd` for paths starting with `prefix` (isLendablePrefix), in place of its earlier entry
     * (ABSOLUTE: of the same prefix), a free one or the oldest.
     */
    lend(dirfd: number, prefix: string, lent: LendableDir): void;
    /** What entry `e` lends, if it is in use. */
    at(e: number): {
        dirfd: number;
        prefix: string;
        lent: LendableDir;
    } | undefined;
    /** Withdraws every entry that no longer holds (after each forwarded call: it may have changed that). */
    check(): void;
    /** Withdraws every entry (the program ends, or nothing may be lent any more). */
    clear(): void;
    private withdraw;
}
