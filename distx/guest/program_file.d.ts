export interface ProgramFile {
    bytes: Uint8Array;
    /**
     * The file's identity while it was read, or undefined when it changed during the read or was
     * changed so recently that a further change could leave its times as they are (the file system
     * keeps times in ticks of a few ms; git's "racily clean" entries).
     */
    id?: string;
    /**
     * Bytes free in the buffer just before `bytes`, which the loader may take to rewrite the
     * module's head in place (shareMemory) instead of copying the whole module.
     */
    room?: number;
}
/** `path`'s identity now, if it is settled; undefined when it cannot be trusted or read. */
export declare function fileIdentity(path: string): string | undefined;
/** Reads `path` whole, with its identity when it held still; throws as readFileSync does. */
export declare function readProgramFile(path: string): ProgramFile;
/**
 * A settled program file's head: every section before the code section (the whole interface:
 * types, imports, memory, exports), read without the code and data after it.
 */
export interface ProgramHead {
    /** The file (absolute, as read) and its identity while the head was read. */
    path: string;
    id: string;
    /** The module's bytes up to its code section, a valid module of those sections. */
    head: Uint8Array;
    /** The code section's size (bytes). */
    codeBytes: number;
    /** The whole file's size (bytes). */
    size: number;
}
/**
 * Reads `path`'s head when the file is settled and is a module with a code section; otherwise (a
 * file changed moments ago, or not a module as far as its head shows, or one without code) the
 * whole file, as readProgramFile. Throws as readFileSync does.
 */
export declare function readProgramHead(path: string): ProgramHead | ProgramFile;
/**
 * The SHA-256 recorded for the file identity `id` by an earlier start, if there is one (nothing
 * is read of the file itself).
 */
export declare function knownHash(id: string): string | undefined;
export declare function sha256(bytes: Uint8Array): string;
/**
 * The SHA-256 of a file's content, `bytes`, read while the file had identity `id`: from the record
 * of an earlier start when one was kept for that identity, else computed and recorded. A file
 * changed since has another identity (its change time moved), so it is hashed afresh.
 */
export declare function rememberedHash(id: string, bytes: Uint8Array): string;
