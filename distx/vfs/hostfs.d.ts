import { FileType, type OpenFile, type OpenFlags, type Stat, type TimeSpec } from './types.js';
import { BaseFileSystem } from './filesystem.js';
export interface HostFsOptions {
    readOnly?: boolean;
}
export declare class HostFs extends BaseFileSystem {
    readonly name = "hostfs";
    readonly readOnly: boolean;
    readonly opensNoFollow = true;
    /** The host directory, symlinks resolved once at mount time. */
    readonly root: string;
    /** '/proc/<pid>/fd/' where the host resolves paths through open directories, else undefined. */
    private fdDir;
    /** The root's descriptor (O_PATH), -1 without fdDir. */
    private rootFd;
    /** The root's device (number and bigint), for DirKeys. */
    private readonly rootDev;
    private readonly rootDevBig;
    /** Kept directory descriptors (O_PATH) by identity, oldest first. */
    private readonly pool;
    private readonly dirNames;
    private dirLen;
    private dirFd;
    private dirWalk;
    private dirUses;
    private subName;
    private subKey;
    private seenPath;
    private seenWalk;
    private seenExists;
    /** Mounts `hostDir`; a missing or non-directory path is a configuration error (thrown). */
    constructor(hostDir: string, options?: HostFsOptions);
    /**
     * Closes the mount's host descriptors (its root's and the kept directories'): the machine that
     * mounted it has shut down, and an embedder booting machines in a loop must not run out of
     * descriptors or keep the directory busy. The tree has unmounted it first; a caller that kept
     * the object still gets answers, through joined paths, never through a number the host may
     * since have given to another file.
     */
    close(): void;
    /**
     * The host path of the last component of `path` (at least one component), or -errno for a
     * component that could name anything else. On Linux: `<fdDir><parent descriptor>/<name>`.
     */
    private at;
    /**
     * A descriptor of the directory named by the first `len` components: the walk state's own, the
     * directory the previous lookup found, or a walk from the root. The state is trusted only
     * within one mount-tree walk and for a few calls (a caller that skipped the lookups re-walks).
     */
    private parentFd;
    /** The root as the walk state (the start of every walk: no host call). */
    private atRoot;
    /** Walks from the root to the first `len` components, a lookup and a descriptor per step. */
    private walk;
    /** The DirKey of a directory found by a number-valued lstat (undefined: the inode number lost precision). */
    private keyOf;
    /** The DirKey of a directory found by a bigint-valued lstat or fstat. */
    private keyOfBig;
    /**
     * A descriptor of directory `name` inside the directory `parent`, whose lookup reported `key`:
     * a kept one with that identity, else one opened relative to `parent` and kept.
     */
    private enter;
    /**
     * Closes kept descriptors beyond POOL_MAX, oldest first, giving the ones used since the last
     * trim a second chance. Runs at the start of a call only, so a descriptor obtained during a
     * call (rename's source directory) stays open through it; the walk state's is never closed.
     */
    private trim;
    /** After a lookup of `path` found a directory: the next call of the walk may work inside it. */
    private found;
    private seen;
    /** True when this walk's lookup of `hostPath` found something there. */
    private sawExisting;
    /** After a rename or rmdir the walk state may name a moved directory: walk again next time. */
    private forget;
    /**
     * How another thread of this process looks up a name in the root as lstat() here does: the
     * host path prefix `${hostDir}${name}` (through the root's descriptor, which lives as long as
     * this mount object: a single component looked up in exactly that directory), and the device
     * number stat reports. Undefined without /proc/<pid>/fd (joined paths are not race-free).
     */
    lendableRoot(): {
        hostDir: string;
        dev: bigint;
    } | undefined;
    /** lstat: host metadata with this mount's device number; symlinks are reported, not followed. */
    lstat(path: readonly string[]): Stat | number;
    typeOf(path: readonly string[]): FileType | number;
    private rootStat;
    /** The type at a host path already named by at(), without touching the walk state. */
    private typeAt;
    /** open: regular files and directories only (a host FIFO or device is ENXIO); EROFS on a read-only mount. */
    open(path: readonly string[], flags: OpenFlags): OpenFile | number;
    /**
     * The open file of host descriptor `fd`, which another thread of this process opened with
     * openHostPath in this mount's root (lendableRoot): a regular file there, or the root itself
     * (`directory`). `read`/`write`: how the descriptor was opened. It is the file's from now on.
     */
    adoptHostFile(fd: number, directory: boolean, read: boolean, write: boolean): OpenFile;
    /**
     * Runs a host namespace call on the host path of `path`; `atRoot` answers for the mount root
     * itself (which no call here may replace or remove).
     */
    private change;
    /** Two-path calls (rename, link): each parent reached on its own; the first stays open meanwhile. */
    private change2;
    mkdir(path: readonly string[], mode: number): number;
    rmdir(path: readonly string[]): number;
    unlink(path: readonly string[]): number;
    rename(from: readonly string[], to: readonly string[]): number;
    /** symlink: the target is stored verbatim; the guest tree interprets it, the host never follows it for us. */
    symlink(target: string, path: readonly string[]): number;
    readlink(path: readonly string[]): string | number;
    /** link: link(2) does not follow a symlink given as the source. */
    link(from: readonly string[], to: readonly string[]): number;
    /**
     * Runs `call` on a path that names exactly the node at `path` and no other: on Linux the magic
     * link of an O_PATH|O_NOFOLLOW descriptor of it (a symlink swapped in meanwhile is refused with
     * ELOOP, never followed), else the joined host path. For calls that would follow a final symlink
     * (chmod, access).
     */
    private onNode;
    /** chmod: the node itself, never a host symlink; EROFS on a read-only mount. */
    chmod(path: readonly string[], mode: number): number;
    /** access: the host's answer for this process (its uid, the host file's mode and owner, ACLs). */
    access(path: readonly string[], amode: number): number;
    /** utimensat without following: lutimes, a time left alone re-applied from lstat. */
    setTimes(path: readonly string[], atime: TimeSpec, mtime: TimeSpec): number;
}
/**
 * A host file's descriptor lent out for positioned reads and writes made outside the VFS (a
 * decoupled program's own core, guest/decoupled.ts). While pinned, the descriptor stays open even
 * past close(), so its number cannot come to name another file under the borrower.
 */
export interface LentHostFile extends Pick<OpenFile, 'seek'> {
    readonly hostFd: number;
    /** Whether the descriptor is open for reading and for writing on the host. */
    readonly hostReadable: boolean;
    readonly hostWritable: boolean;
    /** The device number stat() reports for the file (its mount's). */
    readonly dev: bigint;
    /** The host's inode number (as a Number: one beyond 2^53 may stand for several). */
    readonly ino: number;
    pin(): void;
    /** The last unpin of a closed file closes its descriptor. */
    unpin(): void;
}
/**
 * `file` as a lendable host file: an open regular file of a host mount, or a directory (neither
 * readable nor writable through it: fsync and fstat); else undefined.
 */
export declare function lendableHostFile(file: OpenFile): LentHostFile | undefined;
/** Resolves once every host descriptor a closed file left to the thread pool is closed (a machine's shutdown waits for it). */
export declare function hostClosesSettled(): Promise<void>;
