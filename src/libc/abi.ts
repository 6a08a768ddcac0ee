// wasi_snapshot_preview1 ABI: constants, the structs the program passes in and gets back, and
// checked access to the program's memory. Every pointer from the program goes through GuestMemory.
import { Errno } from '../errno.js';
import { FileType, type Stat } from '../vfs/types.js';

/**
 * Rights bits. All defined rights fit in 30 bits, so the syscall layer keeps them as numbers
 * (cheap bit tests) and converts to the ABI's u64 only at the edge.
 */
export const enum Rights {
  FD_DATASYNC = 1 << 0, FD_READ = 1 << 1, FD_SEEK = 1 << 2, FD_FDSTAT_SET_FLAGS = 1 << 3,
  FD_SYNC = 1 << 4, FD_TELL = 1 << 5, FD_WRITE = 1 << 6, FD_ADVISE = 1 << 7, FD_ALLOCATE = 1 << 8,
  PATH_CREATE_DIRECTORY = 1 << 9, PATH_CREATE_FILE = 1 << 10, PATH_LINK_SOURCE = 1 << 11,
  PATH_LINK_TARGET = 1 << 12, PATH_OPEN = 1 << 13, FD_READDIR = 1 << 14, PATH_READLINK = 1 << 15,
  PATH_RENAME_SOURCE = 1 << 16, PATH_RENAME_TARGET = 1 << 17, PATH_FILESTAT_GET = 1 << 18,
  PATH_FILESTAT_SET_SIZE = 1 << 19, PATH_FILESTAT_SET_TIMES = 1 << 20, FD_FILESTAT_GET = 1 << 21,
  FD_FILESTAT_SET_SIZE = 1 << 22, FD_FILESTAT_SET_TIMES = 1 << 23, PATH_SYMLINK = 1 << 24,
  PATH_REMOVE_DIRECTORY = 1 << 25, PATH_UNLINK_FILE = 1 << 26, POLL_FD_READWRITE = 1 << 27,
  SOCK_SHUTDOWN = 1 << 28, SOCK_ACCEPT = 1 << 29,
  ALL = (1 << 30) - 1,
}

/** Rights that make an open one for reading / for writing (the sets wasi-libc's openat uses). */
export const READ_RIGHTS = Rights.FD_READ | Rights.FD_READDIR;
export const WRITE_RIGHTS = Rights.FD_DATASYNC | Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE;

/** Everything a non-directory descriptor can do; streams lose SEEK/TELL, read-only opens lose WRITE_RIGHTS. */
export const FILE_RIGHTS = Rights.FD_DATASYNC | Rights.FD_READ | Rights.FD_SEEK | Rights.FD_FDSTAT_SET_FLAGS |
  Rights.FD_SYNC | Rights.FD_TELL | Rights.FD_WRITE | Rights.FD_ADVISE | Rights.FD_ALLOCATE |
  Rights.FD_FILESTAT_GET | Rights.FD_FILESTAT_SET_SIZE | Rights.FD_FILESTAT_SET_TIMES | Rights.POLL_FD_READWRITE;

/** Everything a directory descriptor can do itself (its inheriting rights add FILE_RIGHTS). */
export const DIR_RIGHTS = Rights.FD_FDSTAT_SET_FLAGS | Rights.FD_SYNC | Rights.FD_ADVISE |
  Rights.PATH_CREATE_DIRECTORY | Rights.PATH_CREATE_FILE | Rights.PATH_LINK_SOURCE | Rights.PATH_LINK_TARGET |
  Rights.PATH_OPEN | Rights.FD_READDIR | Rights.PATH_READLINK | Rights.PATH_RENAME_SOURCE |
  Rights.PATH_RENAME_TARGET | Rights.PATH_FILESTAT_GET | Rights.PATH_FILESTAT_SET_SIZE |
  Rights.PATH_FILESTAT_SET_TIMES | Rights.FD_FILESTAT_GET | Rights.FD_FILESTAT_SET_TIMES |
  Rights.PATH_SYMLINK | Rights.PATH_REMOVE_DIRECTORY | Rights.PATH_UNLINK_FILE | Rights.POLL_FD_READWRITE;

/** The u64 rights of the ABI as the layer's number; bits no right defines are kept apart by the caller. */
export function rightsFromAbi(r: bigint): number {
  return Number(BigInt.asUintN(30, r));
}
/** True when an ABI rights value names bits beyond the defined rights. */
export function hasUnknownRights(r: bigint): boolean {
  return BigInt.asUintN(64, r) >> 30n !== 0n;
}

export const enum FdFlags { APPEND = 1, DSYNC = 2, NONBLOCK = 4, RSYNC = 8, SYNC = 16, ALL = 31 }
export const enum OFlags { CREAT = 1, DIRECTORY = 2, EXCL = 4, TRUNC = 8, ALL = 15 }
export const enum LookupFlags { SYMLINK_FOLLOW = 1 }
export const enum FstFlags { ATIM = 1, ATIM_NOW = 2, MTIM = 4, MTIM_NOW = 8, ALL = 15 }
export const enum ClockId { REALTIME = 0, MONOTONIC = 1, PROCESS_CPUTIME = 2, THREAD_CPUTIME = 3 }
export const enum EventType { CLOCK = 0, FD_READ = 1, FD_WRITE = 2 }
export const enum SubClockFlags { ABSTIME = 1 }
export const enum Advice { NORMAL = 0, SEQUENTIAL = 1, RANDOM = 2, WILLNEED = 3, DONTNEED = 4, NOREUSE = 5 }
export const PREOPENTYPE_DIR = 0;

/** The filetype the ABI reports: WASI has no fifo, so a pipe is Unknown. */
export function abiFileType(t: FileType): number {
  return t === FileType.Fifo ? FileType.Unknown : t;
}

/** Largest offset or size the layer passes to a back end (file offsets are JS numbers there). */
const MAX_OFFSET = BigInt(Number.MAX_SAFE_INTEGER);

/** An ABI u64/i64 offset or size as a number, or -1 when it is negative or too large. */
export function offsetFromAbi(v: bigint): number {
  return v < 0n || v > MAX_OFFSET ? -1 : Number(v);
}

// --- structs -----------------------------------------------------------------------------------

/**
 * __wasi_iovec_t / __wasi_ciovec_t (8 bytes)
 *   0  u32 buf
 *   4  u32 buf_len
 */
export const IOVEC_SIZE = 8;

/**
 * __wasi_fdstat_t (24 bytes)
 *   0  u8  fs_filetype
 *   2  u16 fs_flags
 *   8  u64 fs_rights_base
 *  16  u64 fs_rights_inheriting
 */
export class Fdstat {
  static readonly SIZE = 24;
  static write(view: DataView, ptr: number, type: FileType, flags: number, base: number, inheriting: number): void {
    view.setUint8(ptr, abiFileType(type));
    view.setUint8(ptr + 1, 0);
    view.setUint16(ptr + 2, flags, true);
    view.setUint32(ptr + 4, 0, true);
    view.setUint32(ptr + 8, base, true);
    view.setUint32(ptr + 12, 0, true);
    view.setUint32(ptr + 16, inheriting, true);
    view.setUint32(ptr + 20, 0, true);
  }
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
export class Filestat {
  static readonly SIZE = 64;
  static write(view: DataView, ptr: number, st: Stat): void {
    // setBigUint64 stores any BigInt modulo 2^64 (ToBigUint64): no asUintN needed.
    view.setBigUint64(ptr, st.dev, true);
    view.setBigUint64(ptr + 8, st.ino, true);
    view.setUint32(ptr + 16, abiFileType(st.type), true);
    view.setUint32(ptr + 20, 0, true);
    view.setBigUint64(ptr + 24, st.nlink, true);
    view.setBigUint64(ptr + 32, st.size, true);
    view.setBigUint64(ptr + 40, st.atimeNs, true);
    view.setBigUint64(ptr + 48, st.mtimeNs, true);
    view.setBigUint64(ptr + 56, st.ctimeNs, true);
  }

  /** l4posix's stat buffer: WASI's layout, except that a FIFO keeps its own type (8), which WASI lacks. */
  static writePosix(this: void, view: DataView, ptr: number, st: Stat): void {
    Filestat.write(view, ptr, st);
    view.setUint8(ptr + 16, st.type);
  }
}

/**
 * __wasi_dirent_t (24 bytes, followed by d_namlen bytes of name, no NUL)
 *   0  u64 d_next    cookie of the next entry
 *   8  u64 d_ino
 *  16  u32 d_namlen
 *  20  u8  d_type
 */
export class Dirent {
  static readonly SIZE = 24;
  static write(view: DataView, ptr: number, next: bigint, ino: bigint, namlen: number, type: FileType): void {
    view.setBigUint64(ptr, next, true);
    view.setBigUint64(ptr + 8, BigInt.asUintN(64, ino), true);
    view.setUint32(ptr + 16, namlen, true);
    view.setUint32(ptr + 20, 0, true);
    view.setUint8(ptr + 20, abiFileType(type));
  }
}

/**
 * __wasi_prestat_t (8 bytes)
 *   0  u8  tag (0 = dir)
 *   4  u32 u.dir.pr_name_len
 */
export class Prestat {
  static readonly SIZE = 8;
  static write(view: DataView, ptr: number, nameLen: number): void {
    view.setUint32(ptr, PREOPENTYPE_DIR, true);
    view.setUint32(ptr + 4, nameLen, true);
  }
}

/**
 * __wasi_subscription_t (48 bytes)
 *   0  u64 userdata
 *   8  u8  tag (eventtype)
 *  16  clock:        u32 id, 24 u64 timeout, 32 u64 precision, 40 u16 flags
 *  16  fd_readwrite: u32 file_descriptor
 */
export class Subscription {
  static readonly SIZE = 48;
  userdata = 0n;
  tag = 0;
  clockId = 0;
  timeout = 0n;
  flags = 0;
  fd = 0;
  read(view: DataView, ptr: number): this {
    this.userdata = view.getBigUint64(ptr, true);
    this.tag = view.getUint8(ptr + 8);
    this.clockId = view.getUint32(ptr + 16, true);
    this.fd = this.clockId;
    this.timeout = view.getBigUint64(ptr + 24, true);
    this.flags = view.getUint16(ptr + 40, true);
    return this;
  }
}

/**
 * __wasi_event_t (32 bytes)
 *   0  u64 userdata
 *   8  u16 error
 *  10  u8  type
 *  16  fd_readwrite: u64 nbytes, 24 u16 flags (1 = hangup)
 */
export class Event {
  static readonly SIZE = 32;
  /** `hangup`: the peer is gone (WASI's FD_READWRITE_HANGUP, POLLHUP). */
  static write(view: DataView, ptr: number, userdata: bigint, error: number, type: number, nbytes: number, hangup = false): void {
    view.setBigUint64(ptr, userdata, true);
    view.setUint32(ptr + 8, 0, true);
    view.setUint16(ptr + 8, error, true);
    view.setUint8(ptr + 10, type);
    view.setUint32(ptr + 12, 0, true);
    view.setBigUint64(ptr + 16, BigInt(nbytes), true);
    view.setBigUint64(ptr + 24, hangup ? 1n : 0n, true);
  }
}

// --- the program's memory ------------------------------------------------------------------------

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Longest path argument accepted (PATH_MAX). */
export const PATH_MAX = 4096;

const NO_MEMORY = new ArrayBuffer(0);

/**
 * The bytes from address 0 that a program built by l4wasm cc never has an object in: its stack
 * comes first in memory and grows down towards 0 (wasm-ld's --stack-first, 8 MiB), so these are
 * its deepest kilobyte, and a pointer there is a null pointer (plus a small offset) far more often
 * than a frame 8 MiB deep. Linux has no page at 0: a call given such a pointer is EFAULT.
 * Programs built elsewhere are left as node:wasi runs them (their layout is theirs).
 */
export const NULL_GUARD = 1024;

/** The bytes at address 0 checked at every call for a write through a null pointer (a struct's first fields). */
export const NULL_WATCH = 64;

/** The export l4wasm cc links into every program after its own code (sysroot/crt/user_end.c): its layout is known. */
export const USER_END_EXPORT = '__l4posix_user_end';

/**
 * Checked views of the program's linear memory, re-made whenever memory has grown (a fresh view
 * per growth rather than per call: syscalls are benchmarked against node:wasi, and reading
 * `memory.buffer` alone costs more than a cheap call). Growing a plain memory detaches the old
 * buffer (its byteLength drops to 0), which refresh() notices; a shared memory keeps its old,
 * shorter buffer valid, so a failed bounds check re-reads memory.buffer before it says EFAULT.
 * The memory is taken from `source` at each call, so the imports can be made before the instance
 * that exports the memory exists. Callers take `view`/`u8` after their checks.
 */
export class GuestMemory {
  private memory: WebAssembly.Memory | undefined;
  private buffer: ArrayBufferLike = NO_MEMORY;
  view = new DataView(NO_MEMORY);
  u8 = new Uint8Array(NO_MEMORY);
  /** The end of the program's memory at the last refresh: what a pointer must stay below. */
  size = 0;
  /** Size of the buffer at the last refresh. */
  private bufferSize = 0;
  // The last view bytes() made: programs tend to write the same buffer again (stdio, benchmarks).
  private lastPtr = -1;
  private lastLen = -1;
  private last: Uint8Array | undefined;
  private asBuffer: Buffer | undefined;

  /** Bytes at the bottom of memory no call may be given a pointer into (the page at NULL): EFAULT. */
  private guard = 0;

  /**
   * `reservedTop`: bytes at the top of memory that are the runtime's, not the program's
   * (asyncify's save area of a prepared program); a pointer into them is EFAULT. `nullGuard`:
   * bytes from address 0 that are not the program's either (see NULL_GUARD).
   */
  constructor(private readonly source: { readonly memory: WebAssembly.Memory | undefined; readonly reservedTop?: number; readonly nullGuard?: number }) {}

  /** Makes the views current; returns the DataView. Call at the start of every call. */
  refresh(): DataView {
    const m = this.sourceMemory();
    if (m !== this.memory || this.buffer.byteLength !== this.bufferSize || this.size === 0) this.reload(m);
    return this.view;
  }

  /**
   * The source's memory, or undefined while it has none: a module's start function runs before
   * its instance (and the memory it exports) exists, and every pointer it passes is EFAULT.
   */
  private sourceMemory(): WebAssembly.Memory | undefined {
    try {
      return this.source.memory;
    } catch {
      return undefined;
    }
  }

  private reload(m: WebAssembly.Memory | undefined): void {
    const b = m?.buffer ?? NO_MEMORY;
    this.memory = m;
    this.buffer = b;
    this.view = new DataView(b);
    this.u8 = new Uint8Array(b);
    this.bufferSize = b.byteLength;
    this.size = Math.max(0, b.byteLength - (this.source.reservedTop ?? 0));
    this.guard = this.source.nullGuard ?? 0;
    this.last = undefined;
    this.asBuffer = undefined;
    this.lastPtr = this.lastLen = -1;
  }

  /** True when [ptr, ptr+len) lies inside memory (ptr and len already unsigned). */
  ok(ptr: number, len: number): boolean {
    if (ptr < this.guard) return len === 0;
    if (ptr + len <= this.size) return true;
    // A shared memory may have grown without detaching the buffer we hold.
    const m = this.memory;
    if (m === undefined || m.buffer.byteLength === this.bufferSize) return false;
    this.reload(m);
    return ptr + len <= this.size;
  }

  /** The bytes [ptr, ptr+len) (bounds already checked). */
  bytes(ptr: number, len: number): Uint8Array {
    if (ptr === this.lastPtr && len === this.lastLen) return this.last!;
    this.lastPtr = ptr;
    this.lastLen = len;
    return (this.last = new Uint8Array(this.buffer, ptr, len));
  }

  /** A path argument: the decoded string, or -EFAULT / -EILSEQ / -EINVAL / -ENAMETOOLONG. */
  path(ptr: number, len: number): string | number {
    if (!this.ok(ptr, len)) return -Errno.EFAULT;
    if (len > PATH_MAX) return -Errno.ENAMETOOLONG;
    const u8 = this.u8, end = ptr + len;
    let ascii = true;
    for (let i = ptr; i < end; i++) {
      const b = u8[i]!;
      if (b === 0) return -Errno.EINVAL;
      if (b > 0x7f) ascii = false;
    }
    // Nearly every path is ASCII, whose UTF-8 bytes are its Latin-1 ones: Node's Latin-1 copy
    // costs a third of a strict UTF-8 decode.
    if (ascii) return this.latin1().toString('latin1', ptr, end);
    const raw = u8.subarray(ptr, end);
    try {
      return utf8Strict.decode(this.u8.buffer instanceof ArrayBuffer ? raw : raw.slice());
    } catch {
      return -Errno.EILSEQ;
    }
  }

  /** A Buffer over the current memory (made on first use after each refresh). */
  private latin1(): Buffer {
    return (this.asBuffer ??= Buffer.from(this.buffer, 0, this.bufferSize));
  }

  /** Encodes `s` as UTF-8 (for names the layer writes back). */
  static encode(s: string): Uint8Array {
    return utf8.encode(s);
  }
}
