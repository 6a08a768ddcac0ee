import { FileType, type Stat } from '../vfs/types.js';
/**
 * Rights bits. All defined rights fit in 30 bits, so the syscall layer keeps them as numbers
 * (cheap bit tests) and converts to the ABI's u64 only at the edge.
 */
export declare const enum Rights {
    FD_DATASYNC = 1,
    FD_READ = 2,
    FD_SEEK = 4,
    FD_FDSTAT_SET_FLAGS = 8,
    FD_SYNC = 16,
    FD_TELL = 32,
    FD_WRITE = 64,
    FD_ADVISE = 128,
    FD_ALLOCATE = 256,
    PATH_CREATE_DIRECTORY = 512,
    PATH_CREATE_FILE = 1024,
    PATH_LINK_SOURCE = 2048,
    PATH_LINK_TARGET = 4096,
    PATH_OPEN = 8192,
    FD_READDIR = 16384,
    PATH_READLINK = 32768,
    PATH_RENAME_SOURCE = 65536,
    PATH_RENAME_TARGET = 131072,
    PATH_FILESTAT_GET = 262144,
    PATH_FILESTAT_SET_SIZE = 524288,
    PATH_FILESTAT_SET_TIMES = 1048576,
    FD_FILESTAT_GET = 2097152,
    FD_FILESTAT_SET_SIZE = 4194304,
    FD_FILESTAT_SET_TIMES = 8388608,
    PATH_SYMLINK = 16777216,
    PATH_REMOVE_DIRECTORY = 33554432,
    PATH_UNLINK_FILE = 67108864,
    POLL_FD_READWRITE = 134217728,
    SOCK_SHUTDOWN = 268435456,
    SOCK_ACCEPT = 536870912,
    ALL = 1073741823
}
/** Rights that make an open one for reading / for writing (the sets wasi-libc's openat uses). */
export declare const READ_RIGHTS: number;
export declare const WRITE_RIGHTS: number;
/** Everything a non-directory descriptor can do; streams lose SEEK/TELL, read-only opens lose WRITE_RIGHTS. */
export declare const FILE_RIGHTS: number;
/** Everything a directory descriptor can do itself (its inheriting rights add FILE_RIGHTS). */
export declare const DIR_RIGHTS: number;
/** The u64 rights of the ABI as the layer's number; bits no right defines are kept apart by the caller. */
export declare function rightsFromAbi(r: bigint): number;
/** True when an ABI rights value names bits beyond the defined rights. */
export declare function hasUnknownRights(r: bigint): boolean;
export declare const enum FdFlags {
    APPEND = 1,
    DSYNC = 2,
    NONBLOCK = 4,
    RSYNC = 8,
    SYNC = 16,
    ALL = 31
}
export declare const enum OFlags {
    CREAT = 1,
    DIRECTORY = 2,
    EXCL = 4,
    TRUNC = 8,
    ALL = 15
}
export declare const enum LookupFlags {
    SYMLINK_FOLLOW = 1
}
export declare const enum FstFlags {
    ATIM = 1,
    ATIM_NOW = 2,
    MTIM = 4,
    MTIM_NOW = 8,
    ALL = 15
}
export declare const enum ClockId {
    REALTIME = 0,
    MONOTONIC = 1,
    PROCESS_CPUTIME = 2,
    THREAD_CPUTIME = 3
}
export declare const enum EventType {
    CLOCK = 0,
    FD_READ = 1,
    FD_WRITE = 2
}
export declare const enum SubClockFlags {
    ABSTIME = 1
}
export declare const enum Advice {
    NORMAL = 0,
    SEQUENTIAL = 1,
    RANDOM = 2,
    WILLNEED = 3,
    DONTNEED = 4,
    NOREUSE = 5
}
export declare const PREOPENTYPE_DIR = 0;
/** The filetype the ABI reports: WASI has no fifo, so a pipe is Unknown. */
export declare function abiFileType(t: FileType): number;
/** An ABI u64/i64 offset or size as a number, or -1 when it is negative or too large. */
export declare function offsetFromAbi(v: bigint): number;
/**
 * __wasi_iovec_t / __wasi_ciovec_t (8 bytes)
 *   0  u32 buf
 *   4  u32 buf_len
 */
export declare const IOVEC_SIZE = 8;
/**
 * __wasi_fdstat_t (24 bytes)
 *   0  u8  fs_filetype
 *   2  u16 fs_flags
 *   8  u64 fs_rights_base
 *  16  u64 fs_rights_inheriting
 */
export declare class Fdstat {
    static readonly SIZE = 24;
    static write(view: DataView, ptr: number, type: FileType, flags: number, base: number, inheriting: number): void;
}
/**
 * __wasi_filestat_t (64 bytes)
 *   0  u64 dev
 *   8  u64 ino
 *  16  u8  filetype
 *  24  u64 nlink
 *  32  u64 size
 *  40  u64 atim
 *  48  u64 mtim
 *  56  u64 ctim
 */
export declare class Filestat {
    static readonly SIZE = 64;
    static write(view: DataView, ptr: number, st: Stat): void;
    /** l4posix's stat buffer: WASI's layout, except that a FIFO keeps its own type (8), which WASI lacks. */
    static writePosix(this: void, view: DataView, ptr: number, st: Stat): void;
}
/**
 * __wasi_dirent_t (24 bytes, followed by d_namlen bytes of name, no NUL)
 *   0  u64 d_next    cookie of the next entry
 *   8  u64 d_ino
 *  16  u32 d_namlen
 *  20  u8  d_type
 */
export declare class Dirent {
    static readonly SIZE = 24;
    static write(view: DataView, ptr: number, next: bigint, ino: bigint, namlen: number, type: FileType): void;
}
/**
 * __wasi_prestat_t (8 bytes)
 *   0  u8  tag (0 = dir)
 *   4  u32 u.dir.pr_name_len
 */
export declare class Prestat {
    static readonly SIZE = 8;
    static write(view: DataView, ptr: number, nameLen: number): void;
}
/**
 * __wasi_subscription_t (48 bytes)
 *   0  u64 userdata
 *   8  u8  tag (eventtype)
 *  16  clock:        u32 id, 24 u64 timeout, 32 u64 precision, 40 u16 flags
 *  16  fd_readwrite: u32 file_descriptor
 */
export declare class Subscription {
    static readonly SIZE = 48;
    userdata: bigint;
    tag: number;
    clockId: number;
    timeout: bigint;
    flags: number;
    fd: number;
    read(view: DataView, ptr: number): this;
}
/**
 * __wasi_event_t (32 bytes)
 *   0  u64 userdata
 *   8  u16 error
 *  10  u8  type
 *  16  fd_readwrite: u64 nbytes, 24 u16 flags (1 = hangup)
 */
export declare class Event {
    static readonly SIZE = 32;
    /** `hangup`: the peer is gone (WASI's FD_READWRITE_HANGUP, POLLHUP). */
    static write(view: DataView, ptr: number, userdata: bigint, error: number, type: number, nbytes: number, hangup?: boolean): void;
}
/** Longest path argument accepted (PATH_MAX). */
export declare const PATH_MAX = 4096;
/**
 * Checked views of the program's linear memory, re-made whenever memory has grown (a fresh view
 * per growth rather than per call: syscalls are benchmarked against node:wasi, and reading
 * `memory.buffer` alone costs more than a cheap call). Growing a plain memory detaches the old
 * buffer (its byteLength drops to 0), which refresh() notices; a shared memory keeps its old,
 * shorter buffer valid, so a failed bounds check re-reads memory.buffer before it says EFAULT.
 * The memory is taken from `source` at each call, so the imports can be made before the instance
 * that exports the memory exists. Callers take `view`/`u8` after their checks.
 */
export declare class GuestMemory {
    private readonly source;
    private memory;
    private buffer;
    view: DataView<ArrayBuffer>;
    u8: Uint8Array<ArrayBuffer>;
    /** The end of the program's memory at the last refresh: what a pointer must stay below. */
    size: number;
    /** Size of the buffer at the last refresh. */
    private bufferSize;
    private lastPtr;
    private lastLen;
    private last;
    private asBuffer;
    /**
     * `reservedTop`: bytes at the top of memory that are the runtime's, not the program's
     * (asyncify's save area of a prepared program); a pointer into them is EFAULT.
     */
    constructor(source: {
        readonly memory: WebAssembly.Memory | undefined;
        readonly reservedTop?: number;
    });
    /** Makes the views current; returns the DataView. Call at the start of every call. */
    refresh(): DataView;
    /**
     * The source's memory, or undefined while it has none: a module's start function runs before
     * its instance (and the memory it exports) exists, and every pointer it passes is EFAULT.
     */
    private sourceMemory;
    private reload;
    /** True when [ptr, ptr+len) lies inside memory (ptr and len already unsigned). */
    ok(ptr: number, len: number): boolean;
    /** The bytes [ptr, ptr+len) (bounds already checked). */
    bytes(ptr: number, len: number): Uint8Array;
    /** A path argument: the decoded string, or -EFAULT / -EILSEQ / -EINVAL / -ENAMETOOLONG. */
    path(ptr: number, len: number): string | number;
    /** A Buffer over the current memory (made on first use after each refresh). */
    private latin1;
    /** Encodes `s` as UTF-8 (for names the layer writes back). */
    static encode(s: string): Uint8Array;
}
