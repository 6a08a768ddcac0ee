export declare const enum DataspaceFlags {
    ReadOnly = 1,
    Anonymous = 2
}
export declare class Dataspace {
    readonly name: string;
    /** The contents; SharedArrayBuffer-backed when the dataspace may be used from several CPUs. */
    readonly bytes: Uint8Array;
    readonly flags: number;
    /**
     * Its size; by default the contents' length. An anonymous dataspace that accounts for part of
     * a program's own linear memory has a size but no separate contents.
     */
    readonly size: number;
    private static nextId;
    /** The id the kernel's region map records for attachments of this dataspace. */
    readonly id: number;
    constructor(name: string, 
    /** The contents; SharedArrayBuffer-backed when the dataspace may be used from several CPUs. */
    bytes: Uint8Array, flags: number, 
    /**
     * Its size; by default the contents' length. An anonymous dataspace that accounts for part of
     * a program's own linear memory has a size but no separate contents.
     */
    size?: number);
    get readOnly(): boolean;
    /** Copies up to buf.length bytes from `offset`; returns the count (0 at or past the end). */
    read(offset: number, buf: Uint8Array): number;
}
