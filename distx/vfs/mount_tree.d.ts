import { FileType, type Credentials, type FileSystem, type OpenFile, type OpenFlags, type Stat, type TimeSpec, type Vfs } from './types.js';
export declare class MountTree implements Vfs {
    private readonly root;
    /** Device of the directories the tree synthesizes on the way to mount points. */
    private readonly dev;
    private nextIno;
    /** True while '/' is the empty placeholder, which a later mount('/') replaces. */
    private placeholderRoot;
    private readonly a;
    private readonly b;
    /**
     * Advanced (in shared memory) by every mount and unmount: another core that answers lookups of
     * a mount's root by itself (guest/dir_lending.ts) checks it before each one, and forwards the
     * call once the tree has changed.
     */
    readonly generation: Int32Array<SharedArrayBuffer>;
    constructor(rootFs?: FileSystem);
    /** mount: attaches `fs` at a lexically normalized absolute path; EBUSY if one is there. */
    mount(guestPath: string, fs: FileSystem): number;
    /** umount: EINVAL if nothing is mounted there, EBUSY for '/' or with mounts below. */
    unmount(guestPath: string): number;
    /**
     * The file system mounted at exactly `dir` (canonical and absolute, as the mount's own path) when
     * no other mount lies below it: every path `dir/name` then names `name` in that file system's
     * root, whatever the tree's other file systems hold (mount points are found by name alone).
     */
    leafMountAt(dir: string): FileSystem | undefined;
    mounts(): {
        path: string;
        fs: FileSystem;
    }[];
    /** open: follows the final symlink unless !followLast (then ELOOP); O_CREAT through a dangling link creates its target. */
    open(path: string, flags: OpenFlags, followLast?: boolean): OpenFile | number;
    /** stat/lstat. */
    stat(path: string, followLast?: boolean): Stat | number;
    /** mkdir: EEXIST for any existing name, mount points included. */
    mkdir(path: string, mode?: number): number;
    /** mkfifo: a named pipe where the back end has them (tmpfs), else EPERM (EROFS read-only). */
    mkfifo(path: string, mode: number): number;
    /** bind(AF_UNIX): a socket node where the back end keeps them (tmpfs); EOPNOTSUPP elsewhere (EROFS read-only). */
    bindSocket(path: string, mode: number, endpoint: object): number;
    /** connect(AF_UNIX): the endpoint at `path`; ECONNREFUSED for anything but a bound socket node. */
    boundSocket(path: string): object | number;
    readonly abstractSockets: Map<string, object>;
    /** rmdir: '.' is EINVAL, '..' ENOTEMPTY, '/' and mount points EBUSY. */
    rmdir(path: string): number;
    /** unlink: directories (mount points, trailing-slash names) are EISDIR. */
    unlink(path: string): number;
    /** rename: EXDEV across mounts, EBUSY for mount points and '/', EINVAL into itself. */
    rename(from: string, to: string): number;
    /** symlink: the target is stored as given; it is resolved (in the guest tree) when used. */
    symlink(target: string, path: string): number;
    /** readlink: EINVAL when the final component is not a symlink. */
    readlink(path: string): string | number;
    /** link: hard links to directories are EPERM, across mounts EXDEV. */
    link(from: string, to: string, followFrom?: boolean): number;
    /** utimensat. */
    setTimes(path: string, followLast: boolean, atime: TimeSpec, mtime: TimeSpec): number;
    /** chmod/fchmodat: the node's permission bits; a symlink itself (not followed) is EOPNOTSUPP, as on Linux. */
    chmod(path: string, mode: number, followLast: boolean): number;
    /**
     * access/faccessat. W_OK on a read-only mount is EROFS (for files, directories and symlinks, as
     * Linux). A back end with its own check (hostfs) answers; otherwise the mode bits decide: uid 0
     * may read and write anything and execute what has any x bit (directories: search always);
     * another uid is taken as the owner of every node (the guest has one user per machine).
     */
    access(path: string, amode: number, followLast: boolean, who: Credentials): number;
    /**
     * Runs `fn` with the walks of its first and second path (cursor a, cursor b) confined beneath
     * `floors[0]` and `floors[1]` (guest paths of directories; undefined: not confined): '..' above
     * the floor and absolute symlink targets are ENOTCAPABLE there (WASI's rule for paths relative
     * to a directory descriptor).
     */
    confined<T>(floors: readonly (string | undefined)[], fn: () => T): T;
    /** The number of components of a lexically normalized guest path; -1 for none. */
    private depthOf;
    /** realpath: the canonical guest path. */
    realpath(path: string): string | number;
    followedLink(): boolean;
    openedPath(): string;
    /** Starts a walk of `path` at the guest root (relative paths too: the syscall layer made them absolute). */
    private begin;
    /**
     * Walks every pending component but the last, entering directories and splicing symlinks.
     * Returns the last component ('' when the path was '/'), which the caller handles.
     */
    private walkParent;
    /** Walks to the directory holding the last component and returns that component. */
    private resolveParent;
    /**
     * Walks the whole path; the cursor ends on the node, whose type is returned. With `wantStat`
     * the final node is looked up with a full lstat, left in c.stat (not for mount points).
     */
    private resolve;
    /** The type of `name` in the cursor's directory: mount points (and the way to them) are directories. */
    private lookup;
    /** lookup() with the full lstat kept in c.stat (undefined for mount points and the way to them). */
    private lookupStat;
    private typeIn;
    /** Splices the target of symlink `name` (in the cursor's directory) onto the pending components. */
    private followLink;
    /** The checks before creating `name` in the cursor's directory (symlink, link): 0 or -errno. */
    private createAt;
    /** A directory that exists only because a mount lies below it (the back end lacks it). */
    private isVirtual;
    private statAt;
    private openAt;
    /** Listing entries for the mount points (and directories leading to them) inside `node`. */
    private mountEntries;
    private virtualStat;
    private newNode;
    private hasMountBelow;
    /** Components of an absolute mount path, '.' and '..' applied lexically. */
    private lexical;
}
/** The access(2) decision from permission bits (see MountTree.access). */
export declare function modeAllows(mode: number, type: FileType, amode: number, who: Credentials): boolean;
