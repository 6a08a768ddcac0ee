import { Buffer } from 'node:buffer';
import { FileType, type Stat, type Vfs } from '../vfs/types.js';
import type { ImportTable } from './program.js';
export { signalName, signalNumber, type SignalName } from './signals.js';
/** Functions the embedder adds to a program's imports, by module and name (synchronous). */
export type EmbedderImports = Record<string, Record<string, (...args: any[]) => unknown>>;
/** The import names l4wasm provides, plus the embedder's. */
export declare function providedWith(provided: Record<string, ReadonlySet<string>>, extra: EmbedderImports | undefined): Record<string, ReadonlySet<string>>;
/** Adds (or replaces) the embedder's functions in a program's import table. */
export declare function withEmbedderImports(imports: ImportTable, extra: EmbedderImports): ImportTable;
/** Checks the shape of SpawnOptions.imports; throws a TypeError naming what is wrong. */
export declare function checkEmbedderImports(imports: unknown): void;
/** An error as node:fs makes them: `ENOENT: no such file or directory, open '/x'` with code, syscall, path. */
export interface GuestFsError extends Error {
    code: string;
    syscall: string;
    path: string;
    /** The WASI errno (negative), as the guest would see it. */
    errno: number;
}
export declare function fsError(errno: number, syscall: string, path: string): GuestFsError;
/** A guest file's metadata, shaped like node:fs's Stats (numbers in bytes and ms). */
export declare class GuestStats {
    private readonly st;
    readonly dev: number;
    readonly ino: number;
    readonly nlink: number;
    readonly size: number;
    /** Type bits and permissions, as st_mode (S_IFREG | 0o644 ...). */
    readonly mode: number;
    readonly atimeMs: number;
    readonly mtimeMs: number;
    readonly ctimeMs: number;
    readonly atimeNs: bigint;
    readonly mtimeNs: bigint;
    readonly ctimeNs: bigint;
    constructor(st: Stat);
    get mtime(): Date;
    isFile(): boolean;
    isDirectory(): boolean;
    isSymbolicLink(): boolean;
    isCharacterDevice(): boolean;
    isFIFO(): boolean;
}
/** A directory entry, shaped like node:fs's Dirent. */
export declare class GuestDirent {
    readonly name: string;
    private readonly type;
    readonly parentPath: string;
    constructor(name: string, type: FileType, parentPath: string);
    isFile(): boolean;
    isDirectory(): boolean;
    isSymbolicLink(): boolean;
}
type Encoding = 'utf8' | 'utf-8' | 'latin1' | 'ascii' | 'base64' | 'hex';
/**
 * The machine's file tree for the embedder, in node:fs/promises style: absolute guest paths,
 * promises, errors with `code`. What a program sees is the same tree (writes are visible to it at
 * once, and its writes to the embedder).
 */
export declare class MachineFs {
    private readonly vfs;
    constructor(vfs: Vfs);
    /** The whole file; a string with an encoding. */
    readFile(path: string): Promise<Buffer>;
    readFile(path: string, encoding: Encoding | {
        encoding: Encoding;
    }): Promise<string>;
    /** Creates or replaces a file with `data` (a string is written as UTF-8). */
    writeFile(path: string, data: string | Uint8Array, options?: {
        mode?: number;
        flag?: 'w' | 'a' | 'wx';
    }): Promise<void>;
    /** Appends to a file (created if missing). */
    appendFile(path: string, data: string | Uint8Array): Promise<void>;
    /** The names in a directory (without . and ..); Dirent-like entries with withFileTypes. */
    readdir(path: string): Promise<string[]>;
    readdir(path: string, options: {
        withFileTypes: true;
    }): Promise<GuestDirent[]>;
    /** Metadata, following symlinks. */
    stat(path: string): Promise<GuestStats>;
    /** Metadata of a symlink itself. */
    lstat(path: string): Promise<GuestStats>;
    private statWith;
    /** Creates a directory; with `recursive`, its parents too and no error if it exists. */
    mkdir(path: string, options?: {
        recursive?: boolean;
        mode?: number;
    }): Promise<void>;
    unlink(path: string): Promise<void>;
    rmdir(path: string): Promise<void>;
    /** Removes a file or (with `recursive`) a directory tree; `force`: no error if missing. */
    rm(path: string, options?: {
        recursive?: boolean;
        force?: boolean;
    }): Promise<void>;
    rename(from: string, to: string): Promise<void>;
    /** Sets the permission bits (0o7777) of `path`, following a symlink; a program needs an x bit to be exec'ed or spawned by path. */
    chmod(path: string, mode: number): Promise<void>;
    symlink(target: string, path: string): Promise<void>;
    readlink(path: string): Promise<string>;
    /** Whether a path exists (a convenience node:fs/promises lacks). */
    exists(path: string): Promise<boolean>;
}
