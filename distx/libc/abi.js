import { Errno } from "../errno.js";
import { FileType } from "../vfs/types.js";
var Rights = /* @__PURE__ */ ((Rights2) => {
  Rights2[Rights2["FD_DATASYNC"] = 1] = "FD_DATASYNC";
  Rights2[Rights2["FD_READ"] = 2] = "FD_READ";
  Rights2[Rights2["FD_SEEK"] = 4] = "FD_SEEK";
  Rights2[Rights2["FD_FDSTAT_SET_FLAGS"] = 8] = "FD_FDSTAT_SET_FLAGS";
  Rights2[Rights2["FD_SYNC"] = 16] = "FD_SYNC";
  Rights2[Rights2["FD_TELL"] = 32] = "FD_TELL";
  Rights2[Rights2["FD_WRITE"] = 64] = "FD_WRITE";
  Rights2[Rights2["FD_ADVISE"] = 128] = "FD_ADVISE";
  Rights2[Rights2["FD_ALLOCATE"] = 256] = "FD_ALLOCATE";
  Rights2[Rights2["PATH_CREATE_DIRECTORY"] = 512] = "PATH_CREATE_DIRECTORY";
  Rights2[Rights2["PATH_CREATE_FILE"] = 1024] = "PATH_CREATE_FILE";
  Rights2[Rights2["PATH_LINK_SOURCE"] = 2048] = "PATH_LINK_SOURCE";
  Rights2[Rights2["PATH_LINK_TARGET"] = 4096] = "PATH_LINK_TARGET";
  Rights2[Rights2["PATH_OPEN"] = 8192] = "PATH_OPEN";
  Rights2[Rights2["FD_READDIR"] = 16384] = "FD_READDIR";
  Rights2[Rights2["PATH_READLINK"] = 32768] = "PATH_READLINK";
  Rights2[Rights2["PATH_RENAME_SOURCE"] = 65536] = "PATH_RENAME_SOURCE";
  Rights2[Rights2["PATH_RENAME_TARGET"] = 131072] = "PATH_RENAME_TARGET";
  Rights2[Rights2["PATH_FILESTAT_GET"] = 262144] = "PATH_FILESTAT_GET";
  Rights2[Rights2["PATH_FILESTAT_SET_SIZE"] = 524288] = "PATH_FILESTAT_SET_SIZE";
  Rights2[Rights2["PATH_FILESTAT_SET_TIMES"] = 1048576] = "PATH_FILESTAT_SET_TIMES";
  Rights2[Rights2["FD_FILESTAT_GET"] = 2097152] = "FD_FILESTAT_GET";
  Rights2[Rights2["FD_FILESTAT_SET_SIZE"] = 4194304] = "FD_FILESTAT_SET_SIZE";
  Rights2[Rights2["FD_FILESTAT_SET_TIMES"] = 8388608] = "FD_FILESTAT_SET_TIMES";
  Rights2[Rights2["PATH_SYMLINK"] = 16777216] = "PATH_SYMLINK";
  Rights2[Rights2["PATH_REMOVE_DIRECTORY"] = 33554432] = "PATH_REMOVE_DIRECTORY";
  Rights2[Rights2["PATH_UNLINK_FILE"] = 67108864] = "PATH_UNLINK_FILE";
  Rights2[Rights2["POLL_FD_READWRITE"] = 134217728] = "POLL_FD_READWRITE";
  Rights2[Rights2["SOCK_SHUTDOWN"] = 268435456] = "SOCK_SHUTDOWN";
  Rights2[Rights2["SOCK_ACCEPT"] = 536870912] = "SOCK_ACCEPT";
  Rights2[Rights2["ALL"] = 1073741823] = "ALL";
  return Rights2;
})(Rights || {});
const READ_RIGHTS = 2 /* FD_READ */ | 16384 /* FD_READDIR */;
const WRITE_RIGHTS = 1 /* FD_DATASYNC */ | 64 /* FD_WRITE */ | 256 /* FD_ALLOCATE */ | 4194304 /* FD_FILESTAT_SET_SIZE */;
const FILE_RIGHTS = 1 /* FD_DATASYNC */ | 2 /* FD_READ */ | 4 /* FD_SEEK */ | 8 /* FD_FDSTAT_SET_FLAGS */ | 16 /* FD_SYNC */ | 32 /* FD_TELL */ | 64 /* FD_WRITE */ | 128 /* FD_ADVISE */ | 256 /* FD_ALLOCATE */ | 2097152 /* FD_FILESTAT_GET */ | 4194304 /* FD_FILESTAT_SET_SIZE */ | 8388608 /* FD_FILESTAT_SET_TIMES */ | 134217728 /* POLL_FD_READWRITE */;
const DIR_RIGHTS = 8 /* FD_FDSTAT_SET_FLAGS */ | 16 /* FD_SYNC */ | 128 /* FD_ADVISE */ | 512 /* PATH_CREATE_DIRECTORY */ | 1024 /* PATH_CREATE_FILE */ | 2048 /* PATH_LINK_SOURCE */ | 4096 /* PATH_LINK_TARGET */ | 8192 /* PATH_OPEN */ | 16384 /* FD_READDIR */ | 32768 /* PATH_READLINK */ | 65536 /* PATH_RENAME_SOURCE */ | 131072 /* PATH_RENAME_TARGET */ | 262144 /* PATH_FILESTAT_GET */ | 524288 /* PATH_FILESTAT_SET_SIZE */ | 1048576 /* PATH_FILESTAT_SET_TIMES */ | 2097152 /* FD_FILESTAT_GET */ | 8388608 /* FD_FILESTAT_SET_TIMES */ | 16777216 /* PATH_SYMLINK */ | 33554432 /* PATH_REMOVE_DIRECTORY */ | 67108864 /* PATH_UNLINK_FILE */ | 134217728 /* POLL_FD_READWRITE */;
function rightsFromAbi(r) {
  return Number(BigInt.asUintN(30, r));
}
function hasUnknownRights(r) {
  return BigInt.asUintN(64, r) >> 30n !== 0n;
}
var FdFlags = /* @__PURE__ */ ((FdFlags2) => {
  FdFlags2[FdFlags2["APPEND"] = 1] = "APPEND";
  FdFlags2[FdFlags2["DSYNC"] = 2] = "DSYNC";
  FdFlags2[FdFlags2["NONBLOCK"] = 4] = "NONBLOCK";
  FdFlags2[FdFlags2["RSYNC"] = 8] = "RSYNC";
  FdFlags2[FdFlags2["SYNC"] = 16] = "SYNC";
  FdFlags2[FdFlags2["ALL"] = 31] = "ALL";
  return FdFlags2;
})(FdFlags || {});
var OFlags = /* @__PURE__ */ ((OFlags2) => {
  OFlags2[OFlags2["CREAT"] = 1] = "CREAT";
  OFlags2[OFlags2["DIRECTORY"] = 2] = "DIRECTORY";
  OFlags2[OFlags2["EXCL"] = 4] = "EXCL";
  OFlags2[OFlags2["TRUNC"] = 8] = "TRUNC";
  OFlags2[OFlags2["ALL"] = 15] = "ALL";
  return OFlags2;
})(OFlags || {});
var LookupFlags = /* @__PURE__ */ ((LookupFlags2) => {
  LookupFlags2[LookupFlags2["SYMLINK_FOLLOW"] = 1] = "SYMLINK_FOLLOW";
  return LookupFlags2;
})(LookupFlags || {});
var FstFlags = /* @__PURE__ */ ((FstFlags2) => {
  FstFlags2[FstFlags2["ATIM"] = 1] = "ATIM";
  FstFlags2[FstFlags2["ATIM_NOW"] = 2] = "ATIM_NOW";
  FstFlags2[FstFlags2["MTIM"] = 4] = "MTIM";
  FstFlags2[FstFlags2["MTIM_NOW"] = 8] = "MTIM_NOW";
  FstFlags2[FstFlags2["ALL"] = 15] = "ALL";
  return FstFlags2;
})(FstFlags || {});
var ClockId = /* @__PURE__ */ ((ClockId2) => {
  ClockId2[ClockId2["REALTIME"] = 0] = "REALTIME";
  ClockId2[ClockId2["MONOTONIC"] = 1] = "MONOTONIC";
  ClockId2[ClockId2["PROCESS_CPUTIME"] = 2] = "PROCESS_CPUTIME";
  ClockId2[ClockId2["THREAD_CPUTIME"] = 3] = "THREAD_CPUTIME";
  return ClockId2;
})(ClockId || {});
var EventType = /* @__PURE__ */ ((EventType2) => {
  EventType2[EventType2["CLOCK"] = 0] = "CLOCK";
  EventType2[EventType2["FD_READ"] = 1] = "FD_READ";
  EventType2[EventType2["FD_WRITE"] = 2] = "FD_WRITE";
  return EventType2;
})(EventType || {});
var SubClockFlags = /* @__PURE__ */ ((SubClockFlags2) => {
  SubClockFlags2[SubClockFlags2["ABSTIME"] = 1] = "ABSTIME";
  return SubClockFlags2;
})(SubClockFlags || {});
var Advice = /* @__PURE__ */ ((Advice2) => {
  Advice2[Advice2["NORMAL"] = 0] = "NORMAL";
  Advice2[Advice2["SEQUENTIAL"] = 1] = "SEQUENTIAL";
  Advice2[Advice2["RANDOM"] = 2] = "RANDOM";
  Advice2[Advice2["WILLNEED"] = 3] = "WILLNEED";
  Advice2[Advice2["DONTNEED"] = 4] = "DONTNEED";
  Advice2[Advice2["NOREUSE"] = 5] = "NOREUSE";
  return Advice2;
})(Advice || {});
const PREOPENTYPE_DIR = 0;
function abiFileType(t) {
  return t === FileType.Fifo ? FileType.Unknown : t;
}
const MAX_OFFSET = BigInt(Number.MAX_SAFE_INTEGER);
function offsetFromAbi(v) {
  return v < 0n || v > MAX_OFFSET ? -1 : Number(v);
}
const IOVEC_SIZE = 8;
class Fdstat {
  static SIZE = 24;
  static write(view, ptr, type, flags, base, inheriting) {
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
class Filestat {
  static SIZE = 64;
  static write(view, ptr, st) {
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
  static writePosix(view, ptr, st) {
    Filestat.write(view, ptr, st);
    view.setUint8(ptr + 16, st.type);
  }
}
class Dirent {
  static SIZE = 24;
  static write(view, ptr, next, ino, namlen, type) {
    view.setBigUint64(ptr, next, true);
    view.setBigUint64(ptr + 8, BigInt.asUintN(64, ino), true);
    view.setUint32(ptr + 16, namlen, true);
    view.setUint32(ptr + 20, 0, true);
    view.setUint8(ptr + 20, abiFileType(type));
  }
}
class Prestat {
  static SIZE = 8;
  static write(view, ptr, nameLen) {
    view.setUint32(ptr, PREOPENTYPE_DIR, true);
    view.setUint32(ptr + 4, nameLen, true);
  }
}
class Subscription {
  static SIZE = 48;
  userdata = 0n;
  tag = 0;
  clockId = 0;
  timeout = 0n;
  flags = 0;
  fd = 0;
  read(view, ptr) {
    this.userdata = view.getBigUint64(ptr, true);
    this.tag = view.getUint8(ptr + 8);
    this.clockId = view.getUint32(ptr + 16, true);
    this.fd = this.clockId;
    this.timeout = view.getBigUint64(ptr + 24, true);
    this.flags = view.getUint16(ptr + 40, true);
    return this;
  }
}
class Event {
  static SIZE = 32;
  /** `hangup`: the peer is gone (WASI's FD_READWRITE_HANGUP, POLLHUP). */
  static write(view, ptr, userdata, error, type, nbytes, hangup = false) {
    view.setBigUint64(ptr, userdata, true);
    view.setUint32(ptr + 8, 0, true);
    view.setUint16(ptr + 8, error, true);
    view.setUint8(ptr + 10, type);
    view.setUint32(ptr + 12, 0, true);
    view.setBigUint64(ptr + 16, BigInt(nbytes), true);
    view.setBigUint64(ptr + 24, hangup ? 1n : 0n, true);
  }
}
const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder("utf-8", { fatal: true });
const PATH_MAX = 4096;
const NO_MEMORY = new ArrayBuffer(0);
class GuestMemory {
  /**
   * `reservedTop`: bytes at the top of memory that are the runtime's, not the program's
   * (asyncify's save area of a prepared program); a pointer into them is EFAULT.
   */
  constructor(source) {
    this.source = source;
  }
  source;
  memory;
  buffer = NO_MEMORY;
  view = new DataView(NO_MEMORY);
  u8 = new Uint8Array(NO_MEMORY);
  /** The end of the program's memory at the last refresh: what a pointer must stay below. */
  size = 0;
  /** Size of the buffer at the last refresh. */
  bufferSize = 0;
  // The last view bytes() made: programs tend to write the same buffer again (stdio, benchmarks).
  lastPtr = -1;
  lastLen = -1;
  last;
  asBuffer;
  /** Makes the views current; returns the DataView. Call at the start of every call. */
  refresh() {
    const m = this.sourceMemory();
    if (m !== this.memory || this.buffer.byteLength !== this.bufferSize || this.size === 0) this.reload(m);
    return this.view;
  }
  /**
   * The source's memory, or undefined while it has none: a module's start function runs before
   * its instance (and the memory it exports) exists, and every pointer it passes is EFAULT.
   */
  sourceMemory() {
    try {
      return this.source.memory;
    } catch {
      return void 0;
    }
  }
  reload(m) {
    const b = m?.buffer ?? NO_MEMORY;
    this.memory = m;
    this.buffer = b;
    this.view = new DataView(b);
    this.u8 = new Uint8Array(b);
    this.bufferSize = b.byteLength;
    this.size = Math.max(0, b.byteLength - (this.source.reservedTop ?? 0));
    this.last = void 0;
    this.asBuffer = void 0;
    this.lastPtr = this.lastLen = -1;
  }
  /** True when [ptr, ptr+len) lies inside memory (ptr and len already unsigned). */
  ok(ptr, len) {
    if (ptr + len <= this.size) return true;
    const m = this.memory;
    if (m === void 0 || m.buffer.byteLength === this.bufferSize) return false;
    this.reload(m);
    return ptr + len <= this.size;
  }
  /** The bytes [ptr, ptr+len) (bounds already checked). */
  bytes(ptr, len) {
    if (ptr === this.lastPtr && len === this.lastLen) return this.last;
    this.lastPtr = ptr;
    this.lastLen = len;
    return this.last = new Uint8Array(this.buffer, ptr, len);
  }
  /** A path argument: the decoded string, or -EFAULT / -EILSEQ / -EINVAL / -ENAMETOOLONG. */
  path(ptr, len) {
    if (!this.ok(ptr, len)) return -Errno.EFAULT;
    if (len > PATH_MAX) return -Errno.ENAMETOOLONG;
    const u8 = this.u8, end = ptr + len;
    let ascii = true;
    for (let i = ptr; i < end; i++) {
      const b = u8[i];
      if (b === 0) return -Errno.EINVAL;
      if (b > 127) ascii = false;
    }
    if (ascii) return this.latin1().toString("latin1", ptr, end);
    const raw = u8.subarray(ptr, end);
    try {
      return utf8Strict.decode(this.u8.buffer instanceof ArrayBuffer ? raw : raw.slice());
    } catch {
      return -Errno.EILSEQ;
    }
  }
  /** A Buffer over the current memory (made on first use after each refresh). */
  latin1() {
    return this.asBuffer ??= Buffer.from(this.buffer, 0, this.bufferSize);
  }
  /** Encodes `s` as UTF-8 (for names the layer writes back). */
  static encode(s) {
    return utf8.encode(s);
  }
}
export {
  Advice,
  ClockId,
  DIR_RIGHTS,
  Dirent,
  Event,
  EventType,
  FILE_RIGHTS,
  FdFlags,
  Fdstat,
  Filestat,
  FstFlags,
  GuestMemory,
  IOVEC_SIZE,
  LookupFlags,
  OFlags,
  PATH_MAX,
  PREOPENTYPE_DIR,
  Prestat,
  READ_RIGHTS,
  Rights,
  SubClockFlags,
  Subscription,
  WRITE_RIGHTS,
  abiFileType,
  hasUnknownRights,
  offsetFromAbi,
  rightsFromAbi
};
