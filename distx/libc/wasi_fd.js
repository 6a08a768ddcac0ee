import { Errno } from "../errno.js";
import {
  Advice,
  Dirent,
  Fdstat,
  FdFlags,
  Filestat,
  FstFlags,
  IOVEC_SIZE,
  GuestMemory,
  Prestat,
  Rights,
  hasUnknownRights,
  offsetFromAbi,
  rightsFromAbi
} from "./abi.js";
import { waitOn } from "./socket_wait.js";
import { FileType, Whence } from "../vfs/types.js";
const IOV_MAX = 1024;
const SSIZE_MAX = 2147483647;
function checkIovecs(mem, iovs, n) {
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
const checkedPtr = [];
const checkedLen = [];
function readIovecs(s, e, n, position) {
  const file = e.desc.file;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const l = checkedLen[i];
    if (l === 0) continue;
    const buf = s.mem.bytes(checkedPtr[i], l);
    const r = position < 0 ? file.read(buf) : file.pread(buf, position + total);
    if (r < 0) return total > 0 ? total : r;
    total += r;
    if (r < l) break;
  }
  return total;
}
function writeIovecs(s, e, n, position) {
  const file = e.desc.file;
  if ((e.desc.flags & FdFlags.APPEND) !== 0) {
    if (position < 0) file.seek(0, Whence.End);
    else {
      const st = file.stat();
      if (typeof st !== "number") position = Number(st.size);
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const l = checkedLen[i];
    if (l === 0) continue;
    const buf = s.mem.bytes(checkedPtr[i], l);
    const r = position < 0 ? file.write(buf) : file.pwrite(buf, position + total);
    if (r < 0) {
      if (total > 0) return total;
      if (r === -Errno.EPIPE) s.ctx.brokenPipe?.();
      return r;
    }
    total += r;
    if (r < l) break;
  }
  if (total > 0 && (e.desc.flags & (FdFlags.SYNC | FdFlags.DSYNC)) !== 0) file.sync();
  return total;
}
function readEntry(s, fd, rights) {
  const e = s.fds.getFile(fd, rights);
  if (typeof e === "number" && e !== -Errno.ENOTCAPABLE && s.fds.get(fd)?.desc.path !== void 0) return -Errno.EISDIR;
  return e;
}
function timesFromAbi(atim, mtim, fst) {
  if ((fst & ~FstFlags.ALL) !== 0) return -Errno.EINVAL;
  if ((fst & FstFlags.ATIM) !== 0 && (fst & FstFlags.ATIM_NOW) !== 0) return -Errno.EINVAL;
  if ((fst & FstFlags.MTIM) !== 0 && (fst & FstFlags.MTIM_NOW) !== 0) return -Errno.EINVAL;
  const atime = (fst & FstFlags.ATIM_NOW) !== 0 ? "now" : (fst & FstFlags.ATIM) !== 0 ? BigInt.asUintN(64, atim) : void 0;
  const mtime = (fst & FstFlags.MTIM_NOW) !== 0 ? "now" : (fst & FstFlags.MTIM) !== 0 ? BigInt.asUintN(64, mtim) : void 0;
  return { atime, mtime };
}
function parentOf(path) {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}
const fdCalls = {
  fd_advise(s, fd, offset, len, advice) {
    const e = s.fds.getFile(fd, Rights.FD_ADVISE);
    if (typeof e === "number") return e;
    if (advice >>> 0 > Advice.NOREUSE || offsetFromAbi(offset) < 0 || offsetFromAbi(len) < 0) return -Errno.EINVAL;
    if (e.desc.file.type === FileType.Fifo) return -Errno.ESPIPE;
    return 0;
  },
  fd_allocate(s, fd, offset, len) {
    const e = s.fds.getFile(fd, Rights.FD_ALLOCATE);
    if (typeof e === "number") return e;
    const o = offsetFromAbi(offset);
    const l = offsetFromAbi(len);
    if (o < 0 || l <= 0) return -Errno.EINVAL;
    if (o + l > Number.MAX_SAFE_INTEGER) return -Errno.EFBIG;
    return e.desc.file.allocate(o, l);
  },
  fd_close(s, fd) {
    return s.fds.close(fd);
  },
  fd_datasync(s, fd) {
    const e = s.fds.getFile(fd, Rights.FD_DATASYNC);
    return typeof e === "number" ? e : e.desc.file.sync();
  },
  fd_fdstat_get(s, fd, ptr) {
    ptr >>>= 0;
    s.mem.refresh();
    const e = s.fds.get(fd);
    if (e === void 0) return -Errno.EBADF;
    if (!s.mem.ok(ptr, Fdstat.SIZE)) return -Errno.EFAULT;
    Fdstat.write(s.mem.view, ptr, e.desc.file.type, e.desc.flags, e.rightsBase, e.rightsInheriting);
    return 0;
  },
  fd_fdstat_set_flags(s, fd, flags) {
    const e = s.fds.getFile(fd, Rights.FD_FDSTAT_SET_FLAGS);
    if (typeof e === "number") return e;
    flags &= 65535;
    if ((flags & ~FdFlags.ALL) !== 0) return -Errno.EINVAL;
    e.desc.flags = flags;
    return 0;
  },
  fd_fdstat_set_rights(s, fd, base, inheriting) {
    const e = s.fds.get(fd);
    if (e === void 0) return -Errno.EBADF;
    if (hasUnknownRights(base) || hasUnknownRights(inheriting)) return -Errno.ENOTCAPABLE;
    const b = rightsFromAbi(base);
    const i = rightsFromAbi(inheriting);
    if ((b & ~e.rightsBase) !== 0 || (i & ~e.rightsInheriting) !== 0) return -Errno.ENOTCAPABLE;
    e.rightsBase = b;
    e.rightsInheriting = i;
    return 0;
  },
  fd_filestat_get(s, fd, ptr) {
    ptr >>>= 0;
    s.mem.refresh();
    const e = s.fds.getFile(fd, Rights.FD_FILESTAT_GET);
    if (typeof e === "number") return e;
    if (!s.mem.ok(ptr, Filestat.SIZE)) return -Errno.EFAULT;
    const st = e.desc.file.stat();
    if (typeof st === "number") return st;
    Filestat.write(s.mem.view, ptr, st);
    return 0;
  },
  fd_filestat_set_size(s, fd, size) {
    const e = s.fds.getFile(fd, Rights.FD_FILESTAT_SET_SIZE);
    if (typeof e === "number") return e;
    const n = offsetFromAbi(size);
    if (n < 0) return -Errno.EINVAL;
    return e.desc.file.setSize(n);
  },
  fd_filestat_set_times(s, fd, atim, mtim, fst) {
    const e = s.fds.getFile(fd, Rights.FD_FILESTAT_SET_TIMES);
    if (typeof e === "number") return e;
    const t = timesFromAbi(atim, mtim, fst);
    if (typeof t === "number") return t;
    return e.desc.file.setTimes(t.atime, t.mtime);
  },
  fd_pread(s, fd, iovs, n, offset, nreadPtr) {
    iovs >>>= 0;
    n >>>= 0;
    nreadPtr >>>= 0;
    s.mem.refresh();
    const e = readEntry(s, fd, Rights.FD_READ | Rights.FD_SEEK);
    if (typeof e === "number") return e;
    const pos = offsetFromAbi(offset);
    if (pos < 0) return -Errno.EINVAL;
    if (!s.mem.ok(nreadPtr, 4)) return -Errno.EFAULT;
    const total = checkIovecs(s.mem, iovs, n);
    if (total < 0) return total;
    const r = readIovecs(s, e, n, pos);
    if (r === -Errno.EAGAIN && (e.desc.flags & FdFlags.NONBLOCK) === 0) {
      return s.ctx.wait({ files: [{ file: e.desc.file, events: "read" }] });
    }
    if (r < 0) return r;
    s.mem.view.setUint32(nreadPtr, r, true);
    return 0;
  },
  fd_prestat_get(s, fd, ptr) {
    ptr >>>= 0;
    s.mem.refresh();
    const e = s.fds.get(fd);
    if (e === void 0 || e.preopen === void 0) return -Errno.EBADF;
    if (!s.mem.ok(ptr, Prestat.SIZE)) return -Errno.EFAULT;
    Prestat.write(s.mem.view, ptr, GuestMemory.encode(e.preopen).length);
    return 0;
  },
  fd_prestat_dir_name(s, fd, ptr, len) {
    ptr >>>= 0;
    len >>>= 0;
    s.mem.refresh();
    const e = s.fds.get(fd);
    if (e === void 0 || e.preopen === void 0) return -Errno.EBADF;
    const name = GuestMemory.encode(e.preopen);
    if (len < name.length) return -Errno.ENAMETOOLONG;
    if (!s.mem.ok(ptr, name.length)) return -Errno.EFAULT;
    s.mem.u8.set(name, ptr);
    return 0;
  },
  fd_pwrite(s, fd, iovs, n, offset, nwrittenPtr) {
    iovs >>>= 0;
    n >>>= 0;
    nwrittenPtr >>>= 0;
    s.mem.refresh();
    const e = s.fds.getFile(fd, Rights.FD_WRITE | Rights.FD_SEEK);
    if (typeof e === "number") return e;
    const pos = offsetFromAbi(offset);
    if (pos < 0) return -Errno.EINVAL;
    if (!s.mem.ok(nwrittenPtr, 4)) return -Errno.EFAULT;
    const total = checkIovecs(s.mem, iovs, n);
    if (total < 0) return total;
    const r = writeIovecs(s, e, n, pos);
    if (r === -Errno.EAGAIN && (e.desc.flags & FdFlags.NONBLOCK) === 0) {
      return s.ctx.wait({ files: [{ file: e.desc.file, events: "write" }] });
    }
    if (r < 0) return r;
    s.mem.view.setUint32(nwrittenPtr, r, true);
    return 0;
  },
  fd_read(s, fd, iovs, n, nreadPtr) {
    iovs >>>= 0;
    n >>>= 0;
    nreadPtr >>>= 0;
    s.mem.refresh();
    const e = readEntry(s, fd, Rights.FD_READ);
    if (typeof e === "number") return e;
    if (!s.mem.ok(nreadPtr, 4)) return -Errno.EFAULT;
    const total = checkIovecs(s.mem, iovs, n);
    if (total < 0) return total;
    const r = readIovecs(s, e, n, -1);
    if (r === -Errno.EAGAIN && (e.desc.flags & FdFlags.NONBLOCK) === 0) return waitOn(s.ctx, e.desc.file, "read");
    if (r < 0) return r;
    s.mem.view.setUint32(nreadPtr, r, true);
    return 0;
  },
  fd_readdir(s, fd, buf, bufLen, cookie, bufusedPtr) {
    buf >>>= 0;
    bufLen >>>= 0;
    bufusedPtr >>>= 0;
    s.mem.refresh();
    const e = s.fds.getDir(fd, Rights.FD_READDIR);
    if (typeof e === "number") return e;
    if (!s.mem.ok(buf, bufLen) || !s.mem.ok(bufusedPtr, 4)) return -Errno.EFAULT;
    const desc = e.desc;
    if (cookie === 0n || desc.listing === void 0) {
      const l = desc.file.readdir();
      if (typeof l === "number") return l;
      desc.listing = l;
    }
    const listing = desc.listing;
    const count = listing.length + 2;
    const c = BigInt.asUintN(64, cookie);
    const end = buf + bufLen;
    let at = buf;
    for (let i = c < BigInt(count) ? Number(c) : count; i < count && at < end; i++) {
      let name;
      let ino = 0n;
      let type = FileType.Directory;
      if (i < 2) {
        name = i === 0 ? "." : "..";
        const st = i === 0 ? desc.file.stat() : s.ctx.vfs.stat(parentOf(desc.path));
        if (typeof st !== "number") ino = st.ino;
      } else {
        const d = listing[i - 2];
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
  fd_renumber(s, fd, to) {
    return s.fds.renumber(fd, to);
  },
  fd_seek(s, fd, offset, whence, resultPtr) {
    resultPtr >>>= 0;
    s.mem.refresh();
    const e = s.fds.getFile(fd, whence === Whence.Cur && offset === 0n ? Rights.FD_TELL : Rights.FD_SEEK);
    if (typeof e === "number") return e;
    if (whence >>> 0 > Whence.End) return -Errno.EINVAL;
    if (offset > BigInt(Number.MAX_SAFE_INTEGER) || offset < -BigInt(Number.MAX_SAFE_INTEGER)) return -Errno.EINVAL;
    if (!s.mem.ok(resultPtr, 8)) return -Errno.EFAULT;
    const r = e.desc.file.seek(Number(offset), whence);
    if (r < 0) return r;
    s.mem.view.setBigUint64(resultPtr, BigInt(r), true);
    return 0;
  },
  fd_sync(s, fd) {
    const e = s.fds.getFile(fd, Rights.FD_SYNC);
    return typeof e === "number" ? e : e.desc.file.sync();
  },
  fd_tell(s, fd, resultPtr) {
    resultPtr >>>= 0;
    s.mem.refresh();
    const e = s.fds.getFile(fd, Rights.FD_TELL);
    if (typeof e === "number") return e;
    if (!s.mem.ok(resultPtr, 8)) return -Errno.EFAULT;
    const r = e.desc.file.seek(0, Whence.Cur);
    if (r < 0) return r;
    s.mem.view.setBigUint64(resultPtr, BigInt(r), true);
    return 0;
  },
  fd_write(s, fd, iovs, n, nwrittenPtr) {
    iovs >>>= 0;
    n >>>= 0;
    nwrittenPtr >>>= 0;
    s.mem.refresh();
    const e = s.fds.getFile(fd, Rights.FD_WRITE);
    if (typeof e === "number") return e;
    if (!s.mem.ok(nwrittenPtr, 4)) return -Errno.EFAULT;
    const total = checkIovecs(s.mem, iovs, n);
    if (total < 0) return total;
    const r = writeIovecs(s, e, n, -1);
    if (r === -Errno.EAGAIN && (e.desc.flags & FdFlags.NONBLOCK) === 0) return waitOn(s.ctx, e.desc.file, "write");
    if (r < 0) return r;
    s.mem.view.setUint32(nwrittenPtr, r, true);
    return 0;
  }
};
export {
  checkIovecs,
  fdCalls,
  timesFromAbi
};
