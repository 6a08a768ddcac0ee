import { Errno } from "../errno.js";
import {
  FdFlags,
  Filestat,
  LookupFlags,
  OFlags,
  READ_RIGHTS,
  Rights,
  WRITE_RIGHTS,
  GuestMemory,
  rightsFromAbi
} from "./abi.js";
import { rightsFor } from "./fdtable.js";
import { timesFromAbi } from "./wasi_fd.js";
import { createMode, SUSPEND } from "./context.js";
import { devStdioIndex } from "../vfs/devfs.js";
import { SYMLOOP_MAX } from "../vfs/path.js";
import { FileType } from "../vfs/types.js";
import { PipeReadEnd, PipeWriteEnd } from "../vfs/pipe.js";
function sandboxed(s) {
  return s.ctx.personality === "wasi";
}
function within(s, dirs, fn) {
  const vfs = s.ctx.vfs;
  if (!sandboxed(s) || vfs.confined === void 0) return fn();
  const r = vfs.confined(dirs.map((d) => d.desc.path), fn);
  return r === -Errno.ENOTCAPABLE ? -Errno.EPERM : r;
}
function fileWithSlash(s, dir, path, r) {
  if (r !== -Errno.EEXIST || !sandboxed(s) || !path.endsWith("/")) return r;
  const st = within(s, [dir], () => s.ctx.vfs.stat(path.replace(/\/+$/, ""), false));
  return typeof st !== "number" && st.type !== FileType.Directory && st.type !== FileType.SymbolicLink ? -Errno.ENOTDIR : r;
}
function resolve(s, dir, ptr, len) {
  const p = s.mem.path(ptr >>> 0, len >>> 0);
  if (typeof p === "number") return p;
  if (p === "") return -Errno.ENOENT;
  if (p.charCodeAt(0) === 47) return sandboxed(s) ? -Errno.EPERM : p;
  const base = dir.desc.path;
  return base === "/" ? "/" + p : base + "/" + p;
}
function dirPath(s, fd, rights, ptr, len) {
  const dir = s.fds.getDir(fd, rights);
  if (typeof dir === "number") return dir;
  const path = resolve(s, dir, ptr, len);
  return typeof path === "number" ? path : { dir, path };
}
function realpathNoFollow(s, p) {
  const i = p.lastIndexOf("/");
  const last = p.slice(i + 1);
  if (last === "" || last === "." || last === "..") return s.ctx.vfs.realpath(p);
  const parent = s.ctx.vfs.realpath(i === 0 ? "/" : p.slice(0, i));
  if (typeof parent === "number") return parent;
  return (parent === "/" ? "" : parent) + "/" + last;
}
function lexical(p) {
  const parts = p.split("/").filter((c) => c !== "" && c !== ".");
  return parts.includes("..") ? p : "/" + parts.join("/");
}
function stdioIndex(s, p, follow) {
  let cur = p;
  for (let hops = 0; hops <= SYMLOOP_MAX; hops++) {
    const real = realpathNoFollow(s, cur);
    const n = devStdioIndex(typeof real === "string" ? real : lexical(cur));
    if (n !== void 0 || !follow || typeof real === "number") return n;
    const target = s.ctx.vfs.readlink(real);
    if (typeof target === "number") return void 0;
    cur = target.charCodeAt(0) === 47 ? target : real.slice(0, real.lastIndexOf("/") + 1) + target;
  }
  return void 0;
}
function openStdio(s, n, oflags, read, write, req, resultPtr) {
  const src = s.fds.get(n);
  if (src === void 0) return -Errno.ENOENT;
  if ((oflags & (OFlags.CREAT | OFlags.EXCL)) === (OFlags.CREAT | OFlags.EXCL)) return -Errno.EEXIST;
  if ((oflags & OFlags.DIRECTORY) !== 0 && src.desc.path === void 0) return -Errno.ENOTDIR;
  if (write && (src.rightsBase & Rights.FD_WRITE) === 0 || read && (src.rightsBase & Rights.FD_READ) === 0) {
    return -Errno.EACCES;
  }
  const fd = s.fds.share(src, src.rightsBase & req, 0);
  if (fd < 0) return fd;
  s.mem.view.setUint32(resultPtr, fd, true);
  return 0;
}
function openAt(s, dir, p, oflags, fdflags, req, read, write, follow, mode, resultPtr) {
  const vfs = s.ctx.vfs;
  const named = p.includes("dev");
  if (named) {
    const n = stdioIndex(s, p, follow);
    if (n !== void 0) return openStdio(s, n, oflags, (req & Rights.FD_READ) !== 0, write, req, resultPtr);
  }
  const file = vfs.open(p, {
    read,
    write,
    create: (oflags & OFlags.CREAT) !== 0,
    exclusive: (oflags & OFlags.EXCL) !== 0,
    truncate: (oflags & OFlags.TRUNC) !== 0,
    directory: (oflags & OFlags.DIRECTORY) !== 0,
    nonblock: (fdflags & FdFlags.NONBLOCK) !== 0,
    mode
  }, follow);
  if (!named && vfs.followedLink()) {
    const n = stdioIndex(s, p, follow);
    if (n !== void 0) {
      if (typeof file !== "number") file.close();
      return openStdio(s, n, oflags, (req & Rights.FD_READ) !== 0, write, req, resultPtr);
    }
  }
  if (typeof file === "number") return file;
  const isDir = file.type === FileType.Directory;
  const refuse = (oflags & OFlags.DIRECTORY) !== 0 && !isDir ? -Errno.ENOTDIR : isDir && write ? -Errno.EISDIR : 0;
  if (refuse !== 0) {
    file.close();
    return refuse;
  }
  const dirPathReal = isDir ? vfs.openedPath() : void 0;
  const fifo = fifoPeer(file);
  const nfd = s.fds.insert(file, {
    rightsBase: rightsFor(file, read, write) & dir.rightsInheriting,
    rightsInheriting: isDir ? dir.rightsInheriting : 0,
    flags: fdflags,
    path: dirPathReal
  });
  if (nfd < 0) {
    file.close();
    return nfd;
  }
  if (fifo !== void 0 && !fifo.present() && (fdflags & FdFlags.NONBLOCK) === 0) {
    return awaitFifoPeer(s, nfd, fifo.opens(), resultPtr);
  }
  s.mem.view.setUint32(resultPtr, nfd, true);
  return 0;
}
function fifoPeer(file) {
  if (file instanceof PipeReadEnd) return { present: () => file.pipe.hasWriters, opens: () => file.pipe.writerOpens };
  if (file instanceof PipeWriteEnd) return { present: () => file.pipe.hasReaders, opens: () => file.pipe.readerOpens };
  return void 0;
}
function awaitFifoPeer(s, fd, peerOpens, resultPtr) {
  const e = s.fds.get(fd);
  const peer = e === void 0 ? void 0 : fifoPeer(e.desc.file);
  if (peer === void 0) return -Errno.EBADF;
  if (peer.present() || peer.opens() !== peerOpens) {
    s.ctx.restart = void 0;
    s.mem.view.setUint32(resultPtr, fd, true);
    return 0;
  }
  s.ctx.restart = { kind: "fifo-open", fd, peerOpens };
  const r = s.ctx.wait({ files: [{ file: e.desc.file, events: e.desc.file instanceof PipeReadEnd ? "read" : "write" }] });
  if (r !== SUSPEND) {
    s.ctx.restart = void 0;
    s.fds.close(fd);
  }
  return r;
}
const pathCalls = {
  path_create_directory(s, fd, path, len) {
    s.mem.refresh();
    const mode = createMode(s.ctx, 511) & 1023;
    const p = dirPath(s, fd, Rights.PATH_CREATE_DIRECTORY, path, len);
    if (typeof p === "number") return p;
    return within(s, [p.dir], () => s.ctx.vfs.mkdir(p.path, mode));
  },
  path_filestat_get(s, fd, flags, path, len, buf) {
    buf >>>= 0;
    s.mem.refresh();
    const p = dirPath(s, fd, Rights.PATH_FILESTAT_GET, path, len);
    if (typeof p === "number") return p;
    if (!s.mem.ok(buf, Filestat.SIZE)) return -Errno.EFAULT;
    const st = within(s, [p.dir], () => s.ctx.vfs.stat(p.path, (flags & LookupFlags.SYMLINK_FOLLOW) !== 0));
    if (typeof st === "number") return st;
    Filestat.write(s.mem.view, buf, st);
    return 0;
  },
  path_filestat_set_times(s, fd, flags, path, len, atim, mtim, fst) {
    s.mem.refresh();
    const p = dirPath(s, fd, Rights.PATH_FILESTAT_SET_TIMES, path, len);
    if (typeof p === "number") return p;
    const t = timesFromAbi(atim, mtim, fst);
    if (typeof t === "number") return t;
    return within(s, [p.dir], () => s.ctx.vfs.setTimes(p.path, (flags & LookupFlags.SYMLINK_FOLLOW) !== 0, t.atime, t.mtime));
  },
  path_link(s, oldFd, oldFlags, oldPath, oldLen, newFd, newPath, newLen) {
    s.mem.refresh();
    const from = dirPath(s, oldFd, Rights.PATH_LINK_SOURCE, oldPath, oldLen);
    if (typeof from === "number") return from;
    const to = dirPath(s, newFd, Rights.PATH_LINK_TARGET, newPath, newLen);
    if (typeof to === "number") return to;
    const r = within(s, [from.dir, to.dir], () => s.ctx.vfs.link(from.path, to.path, (oldFlags & LookupFlags.SYMLINK_FOLLOW) !== 0));
    return fileWithSlash(s, to.dir, to.path, r);
  },
  path_open(s, fd, dirflags, path, len, oflags, base, _inheriting, fdflags, resultPtr) {
    resultPtr >>>= 0;
    s.mem.refresh();
    const r = s.ctx.restart;
    if (r?.kind === "fifo-open") return awaitFifoPeer(s, r.fd, r.peerOpens, resultPtr);
    const mode = createMode(s.ctx, 438);
    const dir = s.fds.getDir(fd, Rights.PATH_OPEN);
    if (typeof dir === "number") return dir;
    const p = resolve(s, dir, path, len);
    if (typeof p === "number") return p;
    if (!s.mem.ok(resultPtr, 4)) return -Errno.EFAULT;
    oflags &= 65535;
    fdflags &= 65535;
    if ((oflags & ~OFlags.ALL) !== 0 || (fdflags & ~FdFlags.ALL) !== 0) return -Errno.EINVAL;
    if ((oflags & OFlags.CREAT) !== 0 && (dir.rightsBase & Rights.PATH_CREATE_FILE) === 0) return -Errno.ENOTCAPABLE;
    if ((oflags & OFlags.TRUNC) !== 0 && (dir.rightsBase & Rights.PATH_FILESTAT_SET_SIZE) === 0) return -Errno.EPERM;
    const req = rightsFromAbi(base);
    const write = (req & WRITE_RIGHTS) !== 0 || (fdflags & FdFlags.APPEND) !== 0;
    const read = (req & READ_RIGHTS) !== 0 || !write;
    if ((req & (READ_RIGHTS | WRITE_RIGHTS) & ~dir.rightsInheriting) !== 0) return -Errno.ENOTCAPABLE;
    const follow = (dirflags & LookupFlags.SYMLINK_FOLLOW) !== 0;
    return within(s, [dir], () => openAt(s, dir, p, oflags, fdflags, req, read, write, follow, mode, resultPtr));
  },
  path_readlink(s, fd, path, len, buf, bufLen, bufusedPtr) {
    buf >>>= 0;
    bufLen >>>= 0;
    bufusedPtr >>>= 0;
    s.mem.refresh();
    const p = dirPath(s, fd, Rights.PATH_READLINK, path, len);
    if (typeof p === "number") return p;
    if (!s.mem.ok(buf, bufLen) || !s.mem.ok(bufusedPtr, 4)) return -Errno.EFAULT;
    const target = within(s, [p.dir], () => s.ctx.vfs.readlink(p.path));
    if (typeof target === "number") return target;
    const bytes = GuestMemory.encode(target);
    const n = Math.min(bytes.length, bufLen);
    s.mem.u8.set(bytes.subarray(0, n), buf);
    s.mem.view.setUint32(bufusedPtr, n, true);
    return 0;
  },
  path_remove_directory(s, fd, path, len) {
    s.mem.refresh();
    const p = dirPath(s, fd, Rights.PATH_REMOVE_DIRECTORY, path, len);
    if (typeof p === "number") return p;
    return within(s, [p.dir], () => s.ctx.vfs.rmdir(p.path));
  },
  path_rename(s, fd, oldPath, oldLen, newFd, newPath, newLen) {
    s.mem.refresh();
    const from = dirPath(s, fd, Rights.PATH_RENAME_SOURCE, oldPath, oldLen);
    if (typeof from === "number") return from;
    const to = dirPath(s, newFd, Rights.PATH_RENAME_TARGET, newPath, newLen);
    if (typeof to === "number") return to;
    return within(s, [from.dir, to.dir], () => s.ctx.vfs.rename(from.path, to.path));
  },
  path_symlink(s, oldPath, oldLen, fd, newPath, newLen) {
    s.mem.refresh();
    const p = dirPath(s, fd, Rights.PATH_SYMLINK, newPath, newLen);
    if (typeof p === "number") return p;
    const target = s.mem.path(oldPath >>> 0, oldLen >>> 0);
    if (typeof target === "number") return target;
    if (target === "") return -Errno.ENOENT;
    if (sandboxed(s) && target.charCodeAt(0) === 47) return -Errno.EPERM;
    return fileWithSlash(s, p.dir, p.path, within(s, [p.dir], () => s.ctx.vfs.symlink(target, p.path)));
  },
  path_unlink_file(s, fd, path, len) {
    s.mem.refresh();
    const p = dirPath(s, fd, Rights.PATH_UNLINK_FILE, path, len);
    if (typeof p === "number") return p;
    return within(s, [p.dir], () => s.ctx.vfs.unlink(p.path));
  }
};
export {
  pathCalls
};
