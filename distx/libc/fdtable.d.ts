import { type DirEntry, type OpenFile, type Vfs } from '../vfs/types.js';
/**
 * An open file description: what dup'ed descriptors share (the file with its offset, the status
 * flags, the directory listing that readdir cookies index). The file is closed with the last reference.
 */
export declare class Description {
    readonly file: OpenFile;
    /** Status flags (FdFlags: append, dsync, nonblock, rsync, sync). */
    flags: number;
    /** Canonical guest path of a directory: relative paths given with this descriptor are joined to it. */
    readonly path?: string | undefined;
    /** Descriptors (in any table) referring to this description. */
    refs: number;
    /** readdir: the listing the cookies of the current pass refer to (taken again at cookie 0). */
    listing: DirEntry[] | undefined;
    /** A preopened directory's place in the order the preopens were announced (0 first), kept by its copies. */
    announced: number | undefined;
    constructor(file: OpenFile, 
    /** Status flags (FdFlags: append, dsync, nonblock, rsync, sync). */
    flags: number, 
    /** Canonical guest path of a directory: relative paths given with this descriptor are joined to it. */
    path?: string | undefined);
    /** Another holder besides descriptors (a file mapping keeps its file open after close). */
    retain(): void;
    /** Drops a reference; the file is closed with the last one. */
    release(): void;
}
/** One slot of the table. */
export declare class FdEntry {
    readonly desc: Description;
    /** Rights (Rights bits) of this descriptor, and the rights descriptors opened through it may get. */
    rightsBase: number;
    rightsInheriting: number;
    /** Close on exec (FD_CLOEXEC): per descriptor, not shared by dup. */
    cloexec: boolean;
    /** The name a preopened directory is announced under (fd_prestat_*). */
    readonly preopen?: string | undefined;
    constructor(desc: Description, 
    /** Rights (Rights bits) of this descriptor, and the rights descriptors opened through it may get. */
    rightsBase: number, rightsInheriting: number, 
    /** Close on exec (FD_CLOEXEC): per descriptor, not shared by dup. */
    cloexec?: boolean, 
    /** The name a preopened directory is announced under (fd_prestat_*). */
    preopen?: string | undefined);
    get file(): OpenFile;
}
/** A preopened directory: its absolute guest path and the name fd_prestat_dir_name gives for it. */
export interface Preopen {
    path: string;
    name: string;
}
export interface InsertOptions {
    rightsBase: number;
    rightsInheriting?: number;
    flags?: number;
    /** Guest path, for directories. */
    path?: string;
    preopen?: string;
    cloexec?: boolean;
}
/**
 * The rights a descriptor for `file` gets when opened for reading and/or writing: directories get
 * the path rights, streams lose SEEK/TELL (a terminal without them is what wasi-libc's isatty
 * checks), a descriptor not open for writing loses WRITE_RIGHTS and one not open for reading
 * loses READ_RIGHTS.
 */
export declare function rightsFor(file: OpenFile, read: boolean, write: boolean): number;
/** Inheriting rights of a directory: what it grants to what is opened through it. */
export declare const DIR_INHERITING: number;
export declare class FdTable {
    /** RLIMIT_NOFILE: descriptors are numbered below this; EMFILE beyond (setrlimit moves it). */
    maxFds: number;
    private readonly slots;
    /** No free slot below this index (a hint for lowest-free allocation). */
    private lowestFree;
    /** Told of each descriptor closed (record locks go with any close of their file); not cloned. */
    onClose?: (file: OpenFile) => void;
    /** Moves at every change of which entry a descriptor holds (a decoupled program's worker republishes its preopens then). */
    private changes;
    constructor(
    /** RLIMIT_NOFILE: descriptors are numbered below this; EMFILE beyond (setrlimit moves it). */
    maxFds?: number);
    get version(): number;
    /** The preopened directories, by descriptor: what fd_prestat_get and fd_prestat_dir_name answer. */
    preopens(): {
        fd: number;
        name: string;
    }[];
    /** The entry of `fd`, or undefined when it is not open. */
    get(fd: number): FdEntry | undefined;
    /**
     * The entry of `fd` when it holds every right in `rights`; else -EBADF or -ENOTCAPABLE. As on
     * Linux, a descriptor not open for reading (writing) that is asked to read (write) is EBADF,
     * and so is a directory asked for what only files do (seek, tell, allocate: the
     * wasi-testsuite's directory_seek); a right dropped with fd_fdstat_set_rights is ENOTCAPABLE.
     */
    getFile(fd: number, rights: number): FdEntry | number;
    /** Like getFile, for a descriptor that must be a directory (-ENOTDIR otherwise). */
    getDir(fd: number, rights: number): FdEntry | number;
    /** Open descriptors in ascending order. */
    fds(): number[];
    /** Puts a new description for `file` at the lowest free descriptor; returns it or -EMFILE. */
    insert(file: OpenFile, opts: InsertOptions): number;
    /**
     * Puts a new description for `file` at descriptor `fd`, which must be free and below the limit
     * (a decoupled program's worker chose it as insert would have: open_lending.ts); false if not.
     */
    insertAt(fd: number, file: OpenFile, opts: InsertOptions): boolean;
    /** Bit i: descriptor `from` + i is free and below the limit (i < 32). */
    freeBits(from: number): number;
    /** dup / fcntl(F_DUPFD): a new descriptor >= minFd sharing the description; returns it or -errno. */
    dup(fd: number, minFd?: number, cloexec?: boolean): number;
    /**
     * A descriptor sharing `e`'s description with the given rights, at the lowest free number
     * (path_open of /dev/fd/N); returns it or -EMFILE.
     */
    share(e: FdEntry, rightsBase: number, rightsInheriting: number): number;
    /** SCM_RIGHTS: a descriptor for a description another process sent, at the lowest free number; it or -EMFILE. */
    adopt(desc: Description, rightsBase: number, rightsInheriting: number, cloexec: boolean): number;
    /** dup2: `to` becomes a copy of `from` (closing what `to` was); returns `to` or -errno. */
    dup2(from: number, to: number, cloexec?: boolean): number;
    /** fd_renumber: `from` moves to `to`, which must be open and is closed first; 0 or -EBADF. */
    renumber(from: number, to: number): number;
    /** close: 0 or -EBADF. The file is closed when its last descriptor goes. */
    close(fd: number): number;
    /** Closes every descriptor (process exit). */
    closeAll(): void;
    /** Closes the descriptors marked close-on-exec. */
    closeOnExec(): void;
    /** fork: a table with the same descriptors sharing the same descriptions. */
    clone(): FdTable;
    /**
     * fork's per-process objects: each description whose file `renew` replaces becomes a new
     * description of the new file (flags kept; dup'ed descriptors keep sharing one).
     */
    renewFiles(renew: (file: OpenFile) => OpenFile | undefined): void;
    /** Descriptors 0, 1, 2: standard input (read), output and error (write). */
    setupStdio(stdin: OpenFile, stdout: OpenFile, stderr: OpenFile): void;
    /**
     * Preopens: "/" (unless `root` is false) and then each of `paths` (absolute guest paths, e.g.
     * the mount points a program was given, or a path with the name it is announced under), at the
     * next descriptors (3, 4, ...). Returns 0 or the first -errno.
     */
    addPreopens(vfs: Vfs, paths?: readonly (string | Preopen)[], root?: boolean): number;
    /**
     * Before a plain wasip1 program (one not linked with libl4posix) starts in this table (exec, spawn):
     * its wasi-libc looks for the preopened directories from descriptor 3 upwards and stops at the
     * first that is not one, so the preopens a libl4posix program moved to the top of the table
     * (sysroot/src/preopen_move.c) and every other preopen past that run move down into the lowest
     * free descriptors from 3, in the order they were announced, where a new process has them. Each
     * directory moves once (a dup of one already in the run stays); every other descriptor stays.
     */
    lowerPreopens(): void;
    /** Lowest free descriptor >= min, or -EMFILE. */
    private free;
    private place;
    private release;
}
