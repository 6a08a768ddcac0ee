import { Volume } from 'memfs';
import { FileType, type OpenFile, type OpenFlags, type Stat, type TimeSpec } from './types.js';
import { BaseFileSystem } from './filesystem.js';
/** memfs's link (directory entry) and inode types, reached through Volume._core (typed public by memfs). */
type MemLink = Volume['_core']['root'];
type MemNode = ReturnType<MemLink['getNode']>;
export interface TmpFsOptions {
    /** Largest file size in bytes (writes and truncation beyond it fail with EFBIG). Default 1 GiB. */
    maxFileSize?: number;
    /** The bytes its files may hold, shared with the machine's other tmpfs mounts (ENOSPC beyond). Default: no bound. */
    budget?: TmpFsBudget;
}
/**
 * The bytes a machine's tmpfs mounts hold together (file sizes, as memfs allocates them) and
 * their bound: file data lives in the host's memory, so without one a program filling /tmp took
 * the host's (Linux bounds a tmpfs at half the RAM).
 */
export interface TmpFsBudget {
    limit: number;
    used: number;
}
export declare class TmpFs extends BaseFileSystem {
    readonly vol: Volume;
    readonly name = "tmpfs";
    readonly readOnly = false;
    readonly opensNoFollow = true;
    readonly maxFileSize: number;
    /** The guest's permission bits per inode (hard links share them); memfs's node.mode for the others. */
    private readonly perms;
    private readonly exact;
    private readonly budget;
    /** The bytes charged to the budget per inode, and the open files per inode (its bytes go back once it has neither a name nor an open file). */
    private readonly charged;
    private readonly opens;
    constructor(vol?: Volume, options?: TmpFsOptions);
    /** The size `node` may grow to within the budget (Infinity without one). */
    room(node: object): number;
    /** Charges `node` for `size` bytes (after it grew, or before a truncation to it); -ENOSPC past the budget. */
    charge(node: object, size: number): number;
    /** An open file of `node` was made, or closed: an inode without names gives its bytes back at its last close. */
    opened(node: MemNode, delta: 1 | -1): void;
    private releaseIfGone;
    /** The inode at `path`, without following a final symlink (the tree resolved the others). */
    private find;
    /** The directory entry (memfs Link) at `path`. */
    private findLink;
    /** lstat: memfs metadata (ms-precision times), this tmpfs's device number. */
    lstat(path: readonly string[]): Stat | number;
    /** The stat of an inode (also once its last name is gone). */
    nodeStat(node: MemNode): Stat;
    /** `st` with the guest's mode and the node's times (exact where they were set so). */
    withMeta(node: MemNode, st: Stat): Stat;
    /** Sets the guest's permission bits of `node` (chmod, and creation with the umask applied). */
    setPerm(node: MemNode, mode: number, touch: boolean): void;
    /** Records the exact nanoseconds of times just set on `node` (memfs keeps milliseconds). */
    keepExact(node: MemNode, atime: TimeSpec, mtime: TimeSpec): void;
    /** utimensat/futimens on an inode: memfs keeps ms (and moves ctime), the exact ns are kept beside. */
    setNodeTimes(node: MemNode, atime: TimeSpec, mtime: TimeSpec): void;
    typeOf(path: readonly string[]): FileType | number;
    /**
     * Makes the empty regular file at `path` `size` bytes long, its content supplied by `load` the
     * first time it is read or changed (deferred_content.ts). Returns 0 or -errno.
     */
    deferContent(path: readonly string[], size: number, load: () => Uint8Array): number;
    /** open/openat: the inode behind a TmpFile or TmpDir; O_CREAT/O_EXCL/O_TRUNC as POSIX. */
    open(path: readonly string[], flags: OpenFlags): OpenFile | number;
    /** mkfifo: a node of FIFO type; opening it joins the pipe the node has. */
    mkfifo(path: readonly string[], mode: number): number;
    /**
     * bind(AF_UNIX): a node of socket type whose connects reach `endpoint` (kept beside the inode,
     * so a rename keeps it and unlink drops it); -EEXIST for a taken name.
     */
    bindSocket(path: readonly string[], mode: number, endpoint: object): number;
    /** A new node of a special type (FIFO, socket) with `mode`'s permissions; -EEXIST for a taken name. */
    private makeSpecial;
    /** connect(AF_UNIX): the endpoint bound at a socket node, or undefined (a node no socket is bound to). */
    boundSocket(path: readonly string[]): object | undefined | number;
    private readonly sockets;
    /** The pipe behind a FIFO node: one per node, for every open of it. */
    private fifo;
    private readonly fifos;
    /** mkdir. */
    mkdir(path: readonly string[], mode: number): number;
    /** rmdir: ENOTDIR for non-directories, ENOTEMPTY when it has entries. */
    rmdir(path: readonly string[]): number;
    /** unlink: EISDIR for directories (memfs would say EPERM). */
    unlink(path: readonly string[]): number;
    /**
     * rename: replaces an existing target as POSIX does (a directory only by an empty directory),
     * is a no-op between links to the same inode and EINVAL into the source's own subtree.
     */
    rename(from: readonly string[], to: readonly string[]): number;
    /** symlink: the target is stored verbatim. */
    symlink(target: string, path: readonly string[]): number;
    /** readlink: EINVAL for anything but a symlink. */
    readlink(path: readonly string[]): string | number;
    /** link: a second name for a non-directory (the same inode, nlink+1). */
    link(from: readonly string[], to: readonly string[]): number;
    /** chmod: the node's permission bits (the mount tree never sends a symlink); ctime moves. */
    chmod(path: readonly string[], mode: number): number;
    /** utimensat without following a final symlink; exact nanoseconds are kept. */
    setTimes(path: readonly string[], atime: TimeSpec, mtime: TimeSpec): number;
}
export {};
