import type { DirEntry, FileType, OpenFile, Stat, TimeSpec, Whence } from './types.js';
import { DirectoryFile } from './file.js';
/** Lists the mount points (and directories leading to them) inside one directory. */
export type MountEntries = () => DirEntry[];
/** A back end's directory with the mount points below it added to its listing. */
export declare class MountedDir implements OpenFile {
    private readonly inner;
    private readonly entries;
    constructor(inner: OpenFile, entries: MountEntries);
    get type(): FileType;
    get isTerminal(): boolean;
    read(buf: Uint8Array): number;
    write(buf: Uint8Array): number;
    pread(buf: Uint8Array, position: number): number;
    pwrite(buf: Uint8Array, position: number): number;
    seek(offset: number, whence: Whence): number;
    stat(): Stat | number;
    setSize(size: number): number;
    setTimes(atime: TimeSpec, mtime: TimeSpec): number;
    chmod(mode: number): number;
    sync(): number;
    allocate(offset: number, len: number): number;
    /** getdents: the back end's entries, those shadowed by mount points replaced by them. */
    readdir(): DirEntry[] | number;
    readable(): boolean;
    writable(): boolean;
    subscribe(wake: () => void): () => void;
    available(): number;
    close(): void;
}
/** A directory with no back-end node: it holds only mount points (or the way to them). */
export declare class VirtualDir extends DirectoryFile {
    private readonly meta;
    private readonly entries;
    constructor(meta: () => Stat, entries: MountEntries);
    stat(): Stat;
    readdir(): DirEntry[];
}
