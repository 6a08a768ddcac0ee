import type { Vfs } from '../vfs/types.js';
import type { Description } from './fdtable.js';
/** What coherence cost, for `npm run bench:sqlite`: turns of processes with shared mappings, file I/O. */
export declare const coherenceStats: {
    turns: number;
    writes: number;
    reads: number;
    bytes: number;
    ms: number;
};
/** A file mapped MAP_SHARED somewhere in the machine: how often its mapped bytes were written back. */
export declare class SharedFile {
    readonly key: string;
    version: number;
    refs: number;
    constructor(key: string);
}
/** What a shared file mapping carries so that its process can keep it coherent. */
export interface Coherence {
    readonly file: SharedFile;
    release(): void;
    /** Another holder of the same file's coherence (a forked child's copy of the mapping). */
    again(): Coherence;
}
/** The coherence record of a new MAP_SHARED mapping of `desc`'s file, or undefined (no identity). */
export declare function coherenceFor(vfs: Vfs, desc: Description): Coherence | undefined;
/** The shared file mappings of one process (its AddressSpace owns this). */
export declare class SharedMappings {
    private readonly maps;
    get size(): number;
    has(ds: number): boolean;
    /** A new mapping (dataspace `ds`) whose contents `memory` holds now, as read from the file. */
    add(ds: number, at: number, size: number, desc: Description, fileOffset: number, coherence: Coherence, memory: Uint8Array): void;
    /**
     * fork, in the child: its copies of the parent's mappings (memory as copied) join their files'
     * coherence, as Linux's child shares the parent's MAP_SHARED pages. The parent's changes not yet
     * written back are in the copy but not the child's to send: the parent sends them.
     */
    inherit(from: SharedMappings, memory: Uint8Array): void;
    /** Keys of inherited mappings: below every dataspace number. */
    private nextInherited;
    /**
     * The shared object `len` bytes at `addr` show, as the key other processes' mappings of it have
     * (dev:ino) and the offset in it; undefined when no mapping here holds them all.
     */
    locate(addr: number, len: number): {
        key: string;
        offset: number;
    } | undefined;
    /** The mapping's dataspace went away (munmap, exit). */
    remove(ds: number): void;
    /**
     * munmap of [lo, hi): a mapping it cuts into is no longer kept coherent (what is left of it
     * meets the file again at msync, munmap and exit), so a new mapping in the hole is never
     * taken for it.
     */
    forget(lo: number, hi: number): void;
    /** Every mapping goes (exit, exec). */
    clear(): void;
    /**
     * The process leaves the CPU: each mapping that differs from its snapshot is written to the file
     * (within the file's size, as msync does) and the file's version goes up. 0 or the first -errno.
     */
    publish(memory: Uint8Array): number;
    /** The process gets the CPU: mappings of files written back by others since are read again. */
    refresh(memory: Uint8Array): void;
}
/**
 * The imports of a decoupled program, each writing the program's shared mappings back before the
 * call and reading others' changes after it (nothing to do, and almost no cost, without mappings).
 */
export declare function syncAtCalls<T extends Record<string, Record<string, (...a: any[]) => any>>>(imports: T, space: {
    publishShared(): number;
    refreshShared(): void;
    readonly hasShared: boolean;
}): T;
