// wasi_snapshot_preview1, descriptor family: fd_* calls. Unmarshal, look the descriptor up with the
// rights the call needs, call the open file, marshal the result.
import { Errno } from '../errno.js';
import {
  Advice, Dirent, Fdstat, FdFlags, Filestat, FstFlags, IOVEC_SIZE, GuestMemory, Prestat, Rights,
  hasUnknownRights, offsetFromAbi, rightsFromAbi,
} from './abi.js';
import type { FdEntry } from './fdtable.js';
import type { WasiState } from './wasi_state.js';
import { waitOn } from './socket_wait.js';
import { fileWritten } from './shared_mappings.js';
import { FileType, Whence, type DirEntry, type TimeSpec } from '../vfs/types.js';

/** IOV_MAX: more iovecs in one call is EINVAL. */
const IOV_MAX = 1024;
/** SSIZE_MAX of wasm32: a larger total length is EINVAL. */
const SSIZE_MAX = 0x7fffffff;

/**
 * Checks an iovec array and every buffer it names against memory: the total length, or -EFAULT
 * (anything outside memory) / -EINVAL (too many iovecs, total beyond SSIZE_MAX).
 */
export function checkIovecs(mem: GuestMemory, iovs: number, n: number): number {
  if (n > IOV_MAX) return -Errno.EINVAL;
  if (!mem.ok(iovs, n * IOVEC_SIZE)) return -Errno.EFAULT;
  const view = mem.view;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = view.getUint32(iovs + i * IOVEC_SIZE, true);
    const l = view.getUint32(iovs + i * IOVEC_SIZE + 4, true);
    if (!mem.ok(p, l)) return -Errno.EFAULT;
    checkedPtr[i] = p;
    checkedLen[i] = l;
    total += l;
  }
  return total > SSIZE_MAX ? -Errno.EINVAL : total;
}

// The iovecs the last checkIovecs found valid, as it read them: a read into a buffer that
// overlaps the iovec array itself must not change the later entries (Linux copies them in first).
const checkedPtr: number[] = [];
const checkedLen: number[] = [];

/**
 * read/readv/pread (position >= 0) into the iovecs checkIovecs just checked: bytes read or
 * -errno. Stops at the first short read; an error after some bytes were read ends the call with
 * those bytes.
 */
function readIovecs(s: WasiState, e: FdEntry, n: number, position: number): number {
  const file = e.desc.file;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const l = checkedLen[i]!;
    if (l === 0) continue;
    const buf = s.mem.bytes(checkedPtr[i]!, l);
    const r = position < 0 ? file.read(buf) : file.pread(buf, position + total);
    if (r < 0) return total > 0 ? total : r;
    total += r;
    if (r < l) break;
  }
  return total;
}

/**
 * How many of `want` bytes a write at `position` (< 0: the file offset) may make under the
 * process's RLIMIT_FSIZE: all of them, those below the limit, or -EFBIG with SIGXFSZ for a write
 * that starts at or past it (Linux's generic_write_check_limits; regular files only).
 */
function writeRoom(s: WasiState, e: FdEntry, position: number, want: number): number {
  const file = e.desc.file;
  if (want === 0 || file.type !== FileType.RegularFile) return want;
  const limit = s.ctx.fileSizeLimit?.() ?? Infinity;
  if (limit === Infinity) return want;
  const at = position < 0 ? file.seek(0, Whence.Cur) : position;
  if (at < 0) return want; // the write itself reports what is wrong
  if (at >= limit) {
    s.ctx.fileTooLarge?.();
    return -Errno.EFBIG;
  }
  return Math.min(want, limit - at);
}

/** Growing a regular file to `size` past RLIMIT_FSIZE: SIGXFSZ and -EFBIG (Linux's inode_newsize_ok); else 0. */
function checkNewSize(s: WasiState, e: FdEntry, size: number): number {
  const file = e.desc.file;
  if (file.type !== FileType.RegularFile || size <= (s.ctx.fileSizeLimit?.() ?? Infinity)) return 0;
  const st = file.stat();
  if (typeof st === 'number' || size <= Number(st.size)) return 0;
  s.ctx.fileTooLarge?.();
  return -Errno.EFBIG;
}

/** write/writev/pwrite (position >= 0) of `want` bytes from the iovecs checkIovecs just checked: bytes written or -errno. */
function writeIovecs(s: WasiState, e: FdEntry, n: number, position: number, want: number): number {
  const file = e.desc.file;
  // O_APPEND: every write goes to the current end (seeking is harmless for a write that then blocks);
  // a positioned write too, its offset ignored (Linux's pwrite; the wasi-testsuite's file_pread_pwrite).
  if ((e.desc.flags & FdFlags.APPEND) !== 0) {
    if (position < 0) file.seek(0, Whence.End);
    else {
      const st = file.stat();
      if (typeof st !== 'number') position = Number(st.size);
    }
  }
  const room = writeRoom(s, e, position, want);
  if (room < 0) return room;
  let total = 0;
  for (let i = 0; i < n && total < room; i++) {
    const l = Math.min(checkedLen[i]!, room - total);
    if (l === 0) continue;
    const buf = s.mem.bytes(checkedPtr[i]!, l);
    const r = position < 0 ? file.write(buf) : file.pwrite(buf, position + total);
    if (r < 0) {
      if (total > 0) return total;
      // A pipe without readers: SIGPIPE too, delivered as the call returns EPIPE.
      if (r === -Errno.EPIPE) s.ctx.brokenPipe?.();
      return r;
    }
    total += r;
    if (r < l) break;
  }
  if (total > 0 && file.type === FileType.RegularFile) fileWritten(s.ctx.vfs, file);
  if (total > 0 && (e.desc.flags & (FdFlags.SYNC | FdFlags.DSYNC)) !== 0) file.sync();
  return total;
}

/** A descriptor for reading: a directory answers EISDIR (Linux's read) rather than its missing FD_READ right. */
function readEntry(s: WasiState, fd: number, rights: number): FdEntry | number {
  const e = s.fds.getFile(fd, rights);
  if (typeof e === 'number' && e !== -Errno.ENOTCAPABLE && s.fds.get(fd)?.desc.path !== undefined) return -Errno.EISDIR;
  return e;
}

/** The times of a *_filestat_set_times call, or -EINVAL for contradicting flags. */
export function timesFromAbi(atim: bigint, mtim: bigint, fst: number): { atime: TimeSpec; mtime: TimeSpec } | number {
  if ((fst & ~FstFlags.ALL) !== 0) return -Errno.EINVAL;
  if ((fst & FstFlags.ATIM) !== 0 && (fst & FstFlags.ATIM_NOW) !== 0) return -Errno.EINVAL;
  if ((fst & FstFlags.MTIM) !== 0 && (fst & FstFlags.MTIM_NOW) !== 0) return -Errno.EINVAL;
  const atime: TimeSpec = (fst & FstFlags.ATIM_NOW) !== 0 ? 'now'
    : (fst & FstFlags.ATIM) !== 0 ? BigInt.asUintN(64, atim) : undefined;
  const mtime: TimeSpec = (fst & FstFlags.MTIM_NOW) !== 0 ? 'now'
    : (fst & FstFlags.MTIM) !== 0 ? BigInt.asUintN(64, mtim) : undefined;
  return { atime, mtime };
}

/** The guest path of a directory's parent. */
function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export const fdCalls = {
  fd_advise(s: WasiState, fd: number, offset: bigint, len: bigint, advice: number): number {
    const e = s.fds.getFile(fd, Rights.FD_ADVISE);
    if (typeof e === 'number') return e;
    if (advice >>> 0 > Advice.NOREUSE || offsetFromAbi(offset) < 0 || offsetFromAbi(len) < 0) return -Errno.EINVAL;
    if (e.desc.file.type === FileType.Fifo) return -Errno.ESPIPE;
    return 0;
  },

  fd_allocate(s: WasiState, fd: number, offset: bigint, len: bigint): number {
    const e = s.fds.getFile(fd, Rights.FD_ALLOCATE);
    if (typeof e === 'number') return e;
    const o = offsetFromAbi(offset);
    const l = offsetFromAbi(len);
    if (o < 0 || l <= 0) return -Errno.EINVAL;
    if (o + l > Number.MAX_SAFE_INTEGER) return -Errno.EFBIG;
    return checkNewSize(s, e, o + l) || e.desc.file.allocate(o, l);
  },

  fd_close(s: WasiState, fd: number): number {
    return s.fds.close(fd);
  },

  fd_datasync(s: WasiState, fd: number): number {
    const e = s.fds.getFile(fd, Rights.FD_DATASYNC);
    return typeof e === 'number' ? e : e.desc.file.sync();
  },

  fd_fdstat_get(s: WasiState, fd: number, ptr: number): number {
    ptr >>>= 0;
    s.mem.refresh();
    const e = s.fds.get(fd);
    if (e === undefined) return -Errno.EBADF;
    if (!s.mem.ok(ptr, Fdstat.SIZE)) return -Errno.EFAULT;
    Fdstat.write(s.mem.view, ptr, e.desc.file.type, e.desc.flags, e.rightsBase, e.rightsInheriting);
    return 0;
  },

  fd_fdstat_set_flags(s: WasiState, fd: number, flags: number): number {
    const e = s.fds.getFile(fd, Rights.FD_FDSTAT_SET_FLAGS);
    if (typeof e === 'number') return e;
    flags &= 0xffff;
    if ((flags & ~FdFlags.ALL) !== 0) return -Errno.EINVAL;
    e.desc.flags = flags;
    return 0;
  },

  fd_fdstat_set_rights(s: WasiState, fd: number, base: bigint, inheriting: bigint): number {
    const e = s.fds.get(fd);
    if (e === undefined) return -Errno.EBADF;
    if (hasUnknownRights(base) || hasUnknownRights(inheriting)) return -Errno.ENOTCAPABLE;
    const b = rightsFromAbi(base);
    const i = rightsFromAbi(inheriting);
    // Rights can only be dropped.
    if ((b & ~e.rightsBase) !== 0 || (i & ~e.rightsInheriting) !== 0) return -Errno.ENOTCAPABLE;
    e.rightsBase = b;
    e.rightsInheriting = i;
    return 0;
  },

  fd_filestat_get(s: WasiState, fd: number, ptr: number): number {
    ptr >>>= 0;
    s.mem.refresh();
    const e = s.fds.getFile(fd, Rights.FD_FILESTAT_GET);
    if (typeof e === 'number') return e;
    if (!s.mem.ok(ptr, Filestat.SIZE)) return -Errno.EFAULT;
    const st = e.desc.file.stat();
    if (typeof st === 'number') return st;
    Filestat.write(s.mem.view, ptr, st);
    return 0;
  },

  fd_filestat_set_size(s: WasiState, fd: number, size: bigint): number {
    const e = s.fds.getFile(fd, Rights.FD_FILESTAT_SET_SIZE);
    if (typeof e === 'number') return e;
    const n = offsetFromAbi(size);
    if (n < 0) return -Errno.EINVAL;
    const r = checkNewSize(s, e, n) || e.desc.file.setSize(n);
    if (r === 0) fileWritten(s.ctx.vfs, e.desc.file);
    return r;
  },

  fd_filestat_set_times(s: WasiState, fd: number, atim: bigint, mtim: bigint, fst: number): number {
    const e = s.fds.getFile(fd, Rights.FD_FILESTAT_SET_TIMES);
    if (typeof e === 'number') return e;
    const t = timesFromAbi(atim, mtim, fst);
    if (typeof t === 'number') return t;
    return e.desc.file.setTimes(t.atime, t.mtime);
  },

  fd_pread(s: WasiState, fd: number, iovs: number, n: number, offset: bigint, nreadPtr: number): number {
    iovs >>>= 0; n >>>= 0; nreadPtr >>>= 0;
    s.mem.refresh();
    const e = readEntry(s, fd, Rights.FD_READ | Rights.FD_SEEK);
    if (typeof e === 'number') return e;
    const pos = offsetFromAbi(offset);
    if (pos < 0) return -Errno.EINVAL;
    if (!s.mem.ok(nreadPtr, 4)) return -Errno.EFAULT;
    const total = checkIovecs(s.mem, iovs, n);
    if (total < 0) return total;
    const r = readIovecs(s, e, n, pos);
    if (r === -Errno.EAGAIN && (e.desc.flags & FdFlags.NONBLOCK) === 0) {
      return s.ctx.wait({ files: [{ file: e.desc.file, events: 'read' }] });
    }
    if (r < 0) return r;
    s.mem.view.setUint32(nreadPtr, r, true);
    return 0;
  },

  fd_prestat_get(s: WasiState, fd: number, ptr: number): number {
    ptr >>>= 0;
    s.mem.refresh();
    const e = s.fds.get(fd);
    if (e === undefined || e.preopen === undefined) return -Errno.EBADF;
    if (!s.mem.ok(ptr, Prestat.SIZE)) return -Errno.EFAULT;
    Prestat.write(s.mem.view, ptr, GuestMemory.encode(e.preopen).length);
    return 0;
  },

  fd_prestat_dir_name(s: WasiState, fd: number, ptr: number, len: number): number {
    ptr >>>= 0; len >>>= 0;
    s.mem.refresh();
    const e = s.fds.get(fd);
    if (e === undefined || e.preopen === undefined) return -Errno.EBADF;
    const name = GuestMemory.encode(e.preopen);
    if (len < name.length) return -Errno.ENAMETOOLONG;
    if (!s.mem.ok(ptr, name.length)) return -Errno.EFAULT;
    s.mem.u8.set(name, ptr);
    return 0;
  },

  fd_pwrite(s: WasiState, fd: number, iovs: number, n: number, offset: bigint, nwrittenPtr: number): number {
    iovs >>>= 0; n >>>= 0; nwrittenPtr >>>= 0;
    s.mem.refresh();
    const e = s.fds.getFile(fd, Rights.FD_WRITE | Rights.FD_SEEK);
    if (typeof e === 'number') return e;
    const pos = offsetFromAbi(offset);
    if (pos < 0) return -Errno.EINVAL;
    if (!s.mem.ok(nwrittenPtr, 4)) return -Errno.EFAULT;
    const total = checkIovecs(s.mem, iovs, n);
    if (total < 0) return total;
    const r = writeIovecs(s, e, n, pos, total);
    if (r === -Errno.EAGAIN && (e.desc.flags & FdFlags.NONBLOCK) === 0) {
      return s.ctx.wait({ files: [{ file: e.desc.file, events: 'write' }] });
    }
    if (r < 0) return r;
    s.mem.view.setUint32(nwrittenPtr, r, true);
    return 0;
  },

  fd_read(s: WasiState, fd: number, iovs: number, n: number, nreadPtr: number): number {
    iovs >>>= 0; n >>>= 0; nreadPtr >>>= 0;
    s.mem.refresh();
    const e = readEntry(s, fd, Rights.FD_READ);
    if (typeof e === 'number') return e;
    if (!s.mem.ok(nreadPtr, 4)) return -Errno.EFAULT;
    const total = checkIovecs(s.mem, iovs, n);
    if (total < 0) return total;
    const r = readIovecs(s, e, n, -1);
    if (r === -Errno.EAGAIN && (e.desc.flags & FdFlags.NONBLOCK) === 0) return waitOn(s.ctx, e.desc.file, 'read');
    if (r < 0) return r;
    s.mem.view.setUint32(nreadPtr, r, true);
    return 0;
  },

  fd_readdir(s: WasiState, fd: number, buf: number, bufLen: number, cookie: bigint, bufusedPtr: number): number {
    buf >>>= 0; bufLen >>>= 0; bufusedPtr >>>= 0;
    s.mem.refresh();
    const e = s.fds.getDir(fd, Rights.FD_READDIR);
    if (typeof e === 'number') return e;
    if (!s.mem.ok(buf, bufLen) || !s.mem.ok(bufusedPtr, 4)) return -Errno.EFAULT;
    const desc = e.desc;
    // Cookie 0 starts a new pass over a fresh listing; later cookies index the same listing.
    if (cookie === 0n || desc.listing === undefined) {
      const l = desc.file.readdir();
      if (typeof l === 'number') return l;
      desc.listing = l;
    }
    const listing: DirEntry[] = desc.listing;
    const count = listing.length + 2;
    const c = BigInt.asUintN(64, cookie);
    const end = buf + bufLen;
    let at = buf;
    for (let i = c < BigInt(count) ? Number(c) : count; i < count && at < end; i++) {
      let name: string;
      let ino = 0n;
      let type: FileType = FileType.Directory;
      if (i < 2) {
        // '.' and '..' come first; the back end lists neither.
        name = i === 0 ? '.' : '..';
        const st = i === 0 ? desc.file.stat() : s.ctx.vfs.stat(parentOf(desc.path!));
        if (typeof st !== 'number') ino = st.ino;
      } else {
        const d = listing[i - 2]!;
        name = d.name;
        ino = d.ino;
        type = d.type;
      }
      const nameBytes = GuestMemory.encode(name);
      const size = Dirent.SIZE + nameBytes.length;
      if (at + size <= end) {
        Dirent.write(s.mem.view, at, BigInt(i + 1), ino, nameBytes.length, type);
        s.mem.u8.set(nameBytes, at + Dirent.SIZE);
        at += size;
      } else {
        // The last entry is cut off so that the buffer is filled completely: that is how the
        // program learns that it must call again with a larger buffer or the same cookie.
        const scratch = new Uint8Array(size);
        Dirent.write(new DataView(scratch.buffer), 0, BigInt(i + 1), ino, nameBytes.length, type);
        scratch.set(nameBytes, Dirent.SIZE);
        s.mem.u8.set(scratch.subarray(0, end - at), at);
        at = end;
      }
    }
    s.mem.view.setUint32(bufusedPtr, at - buf, true);
    return 0;
  },

  fd_renumber(s: WasiState, fd: number, to: number): number {
    return s.fds.renumber(fd, to);
  },

  fd_seek(s: WasiState, fd: number, offset: bigint, whence: number, resultPtr: number): number {
    resultPtr >>>= 0;
    s.mem.refresh();
    // Asking for the current position needs only FD_TELL.
    const e = s.fds.getFile(fd, whence === Whence.Cur && offset === 0n ? Rights.FD_TELL : Rights.FD_SEEK);
    if (typeof e === 'number') return e;
    if (whence >>> 0 > Whence.End) return -Errno.EINVAL;
    if (offset > BigInt(Number.MAX_SAFE_INTEGER) || offset < -BigInt(Number.MAX_SAFE_INTEGER)) return -Errno.EINVAL;
    if (!s.mem.ok(resultPtr, 8)) return -Errno.EFAULT;
    const r = e.desc.file.seek(Number(offset), whence as Whence);
    if (r < 0) return r;
    s.mem.view.setBigUint64(resultPtr, BigInt(r), true);
    return 0;
  },

  fd_sync(s: WasiState, fd: number): number {
    const e = s.fds.getFile(fd, Rights.FD_SYNC);
    return typeof e === 'number' ? e : e.desc.file.sync();
  },

  fd_tell(s: WasiState, fd: number, resultPtr: number): number {
    resultPtr >>>= 0;
    s.mem.refresh();
    const e = s.fds.getFile(fd, Rights.FD_TELL);
    if (typeof e === 'number') return e;
    if (!s.mem.ok(resultPtr, 8)) return -Errno.EFAULT;
    const r = e.desc.file.seek(0, Whence.Cur);
    if (r < 0) return r;
    s.mem.view.setBigUint64(resultPtr, BigInt(r), true);
    return 0;
  },

  fd_write(s: WasiState, fd: number, iovs: number, n: number, nwrittenPtr: number): number {
    iovs >>>= 0; n >>>= 0; nwrittenPtr >>>= 0;
    s.mem.refresh();
    const e = s.fds.getFile(fd, Rights.FD_WRITE);
    if (typeof e === 'number') return e;
    if (!s.mem.ok(nwrittenPtr, 4)) return -Errno.EFAULT;
    const total = checkIovecs(s.mem, iovs, n);
    if (total < 0) return total;
    const r = writeIovecs(s, e, n, -1, total);
    // A socket's SO_RCVTIMEO/SO_SNDTIMEO bound read and write too (socket_wait.ts).
    if (r === -Errno.EAGAIN && (e.desc.flags & FdFlags.NONBLOCK) === 0) return waitOn(s.ctx, e.desc.file, 'write');
    if (r < 0) return r;
    s.mem.view.setUint32(nwrittenPtr, r, true);
    return 0;
  },
};
