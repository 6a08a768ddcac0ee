import { Volume, fs as memfsDefault } from "memfs";
import { Errno } from "../errno.js";
import { FileType } from "./types.js";
import { BaseFileSystem } from "./filesystem.js";
import { DirectoryFile, PositionedFile } from "./file.js";
import { errnoFromError } from "./errno_map.js";
import { DIRECTORY_SIZE, fileTypeFromMode, msToNs } from "./stat.js";
import { FifoBothEnds, Pipe } from "./pipe.js";
import { deferContent } from "./deferred_content.js";
const S_IFIFO = 4096;
const S_IFSOCK = 49152;
const { O_WRONLY, O_CREAT, O_NOFOLLOW } = memfsDefault.constants;
const MAX_IO = 1 << 30;
function fail(err) {
  if (err instanceof RangeError && err.code === void 0) return -Errno.ENOSPC;
  return errnoFromError(err);
}
function toPath(path) {
  return "/" + path.join("/");
}
function toSeconds(t, currentMs) {
  if (t === void 0) return (currentMs + 0.5) / 1e3;
  if (t === "now") return (Date.now() + 0.5) / 1e3;
  const ms = t < 0n ? 0 : Number(t / 1000000n);
  return (ms + 0.5) / 1e3;
}
class TmpFs extends BaseFileSystem {
  constructor(vol = new Volume(), options = {}) {
    super();
    this.vol = vol;
    if (!(vol._core?.root?.children instanceof Map) || !Array.isArray(vol._core.releasedInos)) {
      throw new Error("tmpfs: this memfs version has no inode tree at Volume._core (root, releasedInos); install the memfs version in package-lock.json");
    }
    this.maxFileSize = options.maxFileSize ?? 2 ** 30;
    this.budget = options.budget;
    Object.defineProperty(vol._core.releasedInos, "push", { value: () => 0 });
  }
  vol;
  name = "tmpfs";
  readOnly = false;
  opensNoFollow = true;
  maxFileSize;
  /** The guest's permission bits per inode (hard links share them); memfs's node.mode for the others. */
  perms = /* @__PURE__ */ new WeakMap();
  exact = /* @__PURE__ */ new WeakMap();
  budget;
  /** The bytes charged to the budget per inode, and the open files per inode (its bytes go back once it has neither a name nor an open file). */
  charged = /* @__PURE__ */ new WeakMap();
  opens = /* @__PURE__ */ new WeakMap();
  /** The size `node` may grow to within the budget (Infinity without one). */
  room(node) {
    const b = this.budget;
    return b === void 0 ? Infinity : b.limit - b.used + (this.charged.get(node) ?? 0);
  }
  /** Charges `node` for `size` bytes (after it grew, or before a truncation to it); -ENOSPC past the budget. */
  charge(node, size) {
    const b = this.budget;
    if (b === void 0) return 0;
    const had = this.charged.get(node) ?? 0;
    if (size > had && b.used + size - had > b.limit) return -Errno.ENOSPC;
    b.used += size - had;
    this.charged.set(node, size);
    return 0;
  }
  /** An open file of `node` was made, or closed: an inode without names gives its bytes back at its last close. */
  opened(node, delta) {
    const n = (this.opens.get(node) ?? 0) + delta;
    this.opens.set(node, n);
    if (n === 0) this.releaseIfGone(node);
  }
  releaseIfGone(node) {
    if (node.nlink > 0 || (this.opens.get(node) ?? 0) > 0) return;
    const had = this.charged.get(node);
    if (had === void 0 || this.budget === void 0) return;
    this.budget.used -= had;
    this.charged.delete(node);
  }
  /** The inode at `path`, without following a final symlink (the tree resolved the others). */
  find(path) {
    const link = this.findLink(path);
    return typeof link === "number" ? link : link.getNode();
  }
  /** The directory entry (memfs Link) at `path`. */
  findLink(path) {
    let link = this.vol._core.root;
    for (let i = 0; i < path.length; i++) {
      if (fileTypeFromMode(link.getNode().mode) !== FileType.Directory) return -Errno.ENOTDIR;
      const name = path[i];
      if (name === "." || name === "..") return -Errno.EINVAL;
      const next = link.children.get(name);
      if (next === void 0) return -Errno.ENOENT;
      link = next;
    }
    return link;
  }
  /** lstat: memfs metadata (ms-precision times), this tmpfs's device number. */
  lstat(path) {
    const node = this.find(path);
    return typeof node === "number" ? node : this.nodeStat(node);
  }
  /** The stat of an inode (also once its last name is gone). */
  nodeStat(node) {
    const type = fileTypeFromMode(node.mode);
    const link = type === FileType.SymbolicLink;
    const size = link ? BigInt(Buffer.byteLength(node.symlink)) : type === FileType.Directory ? DIRECTORY_SIZE : BigInt(node.getSize());
    return this.withMeta(node, {
      dev: this.dev,
      ino: BigInt(node.ino),
      type,
      nlink: BigInt(node.nlink),
      size,
      atimeNs: 0n,
      mtimeNs: 0n,
      ctimeNs: msToNs(node.ctime.getTime()),
      mode: 0
    });
  }
  /** `st` with the guest's mode and the node's times (exact where they were set so). */
  withMeta(node, st) {
    const ex = this.exact.get(node);
    const a = node.atime.getTime(), m = node.mtime.getTime();
    st.atimeNs = ex?.a !== void 0 && ex.a[0] === a ? ex.a[1] : msToNs(a);
    st.mtimeNs = ex?.m !== void 0 && ex.m[0] === m ? ex.m[1] : msToNs(m);
    st.mode = st.type === FileType.SymbolicLink ? 511 : this.perms.get(node) ?? node.mode & 4095;
    return st;
  }
  /** Sets the guest's permission bits of `node` (chmod, and creation with the umask applied). */
  setPerm(node, mode, touch) {
    this.perms.set(node, mode & 4095);
    if (touch) node.ctime = /* @__PURE__ */ new Date();
  }
  /** Records the exact nanoseconds of times just set on `node` (memfs keeps milliseconds). */
  keepExact(node, atime, mtime) {
    const ex = this.exact.get(node) ?? {};
    if (atime !== void 0) ex.a = typeof atime === "bigint" ? [node.atime.getTime(), atime < 0n ? 0n : atime] : void 0;
    if (mtime !== void 0) ex.m = typeof mtime === "bigint" ? [node.mtime.getTime(), mtime < 0n ? 0n : mtime] : void 0;
    this.exact.set(node, ex);
  }
  /** utimensat/futimens on an inode: memfs keeps ms (and moves ctime), the exact ns are kept beside. */
  setNodeTimes(node, atime, mtime) {
    node.atime = new Date(toSeconds(atime, node.atime.getTime()) * 1e3);
    node.mtime = new Date(toSeconds(mtime, node.mtime.getTime()) * 1e3);
    this.keepExact(node, atime, mtime);
  }
  typeOf(path) {
    const node = this.find(path);
    return typeof node === "number" ? node : fileTypeFromMode(node.mode);
  }
  /**
   * Makes the empty regular file at `path` `size` bytes long, its content supplied by `load` the
   * first time it is read or changed (deferred_content.ts). Returns 0 or -errno.
   */
  deferContent(path, size, load) {
    const node = this.find(path);
    if (typeof node === "number") return node;
    if (fileTypeFromMode(node.mode) !== FileType.RegularFile || node.getSize() !== 0) return -Errno.EINVAL;
    if (size > this.maxFileSize) return -Errno.EFBIG;
    const r = this.charge(node, size);
    if (r < 0) return r;
    deferContent(node, size, load);
    return 0;
  }
  /** open/openat: the inode behind a TmpFile or TmpDir; O_CREAT/O_EXCL/O_TRUNC as POSIX. */
  open(path, flags) {
    const link = this.findLink(path);
    const t = typeof link === "number" ? link : fileTypeFromMode(link.getNode().mode);
    if (t === -Errno.ENOENT) {
      if (!flags.create) return t;
    } else if (t < 0) {
      return t;
    } else if (flags.create && flags.exclusive) {
      return -Errno.EEXIST;
    }
    if (typeof link !== "number") {
      if (t === FileType.Directory) {
        if (flags.write || flags.truncate || flags.create) return -Errno.EISDIR;
        return new TmpDir(this, link);
      }
      if (t === FileType.SymbolicLink) return -Errno.ELOOP;
      if (flags.directory) return -Errno.ENOTDIR;
      if (t === FileType.SocketStream) return -Errno.ENXIO;
      const node = link.getNode();
      if (t === FileType.Fifo) {
        const pipe = this.fifo(node);
        if (flags.read && flags.write) return new FifoBothEnds(pipe);
        if (flags.write) return flags.nonblock && !pipe.hasReaders ? -Errno.ENXIO : pipe.openWriter();
        return pipe.openReader();
      }
      if (flags.truncate) {
        node.truncate(0);
        this.charge(node, 0);
      }
      return new TmpFile(this, node, flags.append === true);
    }
    if (flags.directory) return -Errno.ENOTDIR;
    const mode = (flags.mode ?? 438) & 4095;
    try {
      const fd = this.vol.openSync(toPath(path), O_WRONLY | O_CREAT | O_NOFOLLOW, 438);
      const node = this.vol._core.getFileByFd(fd)?.node;
      this.vol.closeSync(fd);
      if (node === void 0) return -Errno.EIO;
      this.setPerm(node, mode, false);
      return new TmpFile(this, node, flags.append === true);
    } catch (e) {
      return fail(e);
    }
  }
  /** mkfifo: a node of FIFO type; opening it joins the pipe the node has. */
  mkfifo(path, mode) {
    const node = this.makeSpecial(path, S_IFIFO | 438, mode);
    return typeof node === "number" ? node : 0;
  }
  /**
   * bind(AF_UNIX): a node of socket type whose connects reach `endpoint` (kept beside the inode,
   * so a rename keeps it and unlink drops it); -EEXIST for a taken name.
   */
  bindSocket(path, mode, endpoint) {
    const node = this.makeSpecial(path, S_IFSOCK | 511, mode);
    if (typeof node === "number") return node;
    this.sockets.set(node, endpoint);
    return 0;
  }
  /** A new node of a special type (FIFO, socket) with `mode`'s permissions; -EEXIST for a taken name. */
  makeSpecial(path, typeAndMode, mode) {
    if (this.typeOf(path) >= 0) return -Errno.EEXIST;
    try {
      this.vol.writeFileSync(toPath(path), "", { flag: "wx" });
    } catch (e) {
      return fail(e);
    }
    const node = this.find(path);
    if (typeof node === "number") return node;
    node.mode = typeAndMode;
    this.setPerm(node, mode, false);
    return node;
  }
  /** connect(AF_UNIX): the endpoint bound at a socket node, or undefined (a node no socket is bound to). */
  boundSocket(path) {
    const node = this.find(path);
    if (typeof node === "number") return node;
    return this.sockets.get(node);
  }
  sockets = /* @__PURE__ */ new WeakMap();
  /** The pipe behind a FIFO node: one per node, for every open of it. */
  fifo(node) {
    let p = this.fifos.get(node);
    if (p === void 0) {
      p = new Pipe(() => this.nodeStat(node));
      this.fifos.set(node, p);
    }
    return p;
  }
  fifos = /* @__PURE__ */ new WeakMap();
  /** mkdir. */
  mkdir(path, mode) {
    try {
      this.vol.mkdirSync(toPath(path), { mode: 511 });
      const node = this.find(path);
      if (typeof node !== "number") this.setPerm(node, mode, false);
      return 0;
    } catch (e) {
      return fail(e);
    }
  }
  /** rmdir: ENOTDIR for non-directories, ENOTEMPTY when it has entries. */
  rmdir(path) {
    if (path.length === 0) return -Errno.EBUSY;
    try {
      this.vol.rmdirSync(toPath(path));
      return 0;
    } catch (e) {
      return fail(e);
    }
  }
  /** unlink: EISDIR for directories (memfs would say EPERM). */
  unlink(path) {
    const t = this.typeOf(path);
    if (t < 0) return t;
    if (t === FileType.Directory) return -Errno.EISDIR;
    const node = this.find(path);
    try {
      this.vol.unlinkSync(toPath(path));
      if (typeof node !== "number") this.releaseIfGone(node);
      return 0;
    } catch (e) {
      return fail(e);
    }
  }
  /**
   * rename: replaces an existing target as POSIX does (a directory only by an empty directory),
   * is a no-op between links to the same inode and EINVAL into the source's own subtree.
   */
  rename(from, to) {
    if (from.length === 0 || to.length === 0) return -Errno.EBUSY;
    const fromPath = toPath(from), toPathStr = toPath(to);
    const src = this.find(from);
    if (typeof src === "number") return src;
    const srcType = fileTypeFromMode(src.mode);
    if (from.length < to.length && from.every((name, i) => name === to[i])) return -Errno.EINVAL;
    const parent = this.typeOf(to.slice(0, -1));
    if (parent < 0) return parent;
    if (parent !== FileType.Directory) return -Errno.ENOTDIR;
    const dst = this.find(to);
    try {
      if (typeof dst !== "number") {
        if (dst.ino === src.ino) return 0;
        const dstType = fileTypeFromMode(dst.mode);
        if (srcType === FileType.Directory) {
          if (dstType !== FileType.Directory) return -Errno.ENOTDIR;
          if (this.vol.readdirSync(toPathStr).length > 0) return -Errno.ENOTEMPTY;
          this.vol.rmdirSync(toPathStr);
        } else {
          if (dstType === FileType.Directory) return -Errno.EISDIR;
          this.vol.unlinkSync(toPathStr);
          this.releaseIfGone(dst);
        }
      } else if (dst !== -Errno.ENOENT) {
        return dst;
      }
      if (srcType === FileType.SymbolicLink) {
        const target = this.vol.readlinkSync(fromPath);
        this.vol.unlinkSync(fromPath);
        this.vol.symlinkSync(target, toPathStr);
      } else {
        this.vol.renameSync(fromPath, toPathStr);
      }
      return 0;
    } catch (e) {
      return fail(e);
    }
  }
  /** symlink: the target is stored verbatim. */
  symlink(target, path) {
    try {
      this.vol.symlinkSync(target, toPath(path));
      return 0;
    } catch (e) {
      return fail(e);
    }
  }
  /** readlink: EINVAL for anything but a symlink. */
  readlink(path) {
    try {
      return this.vol.readlinkSync(toPath(path));
    } catch (e) {
      return fail(e);
    }
  }
  /** link: a second name for a non-directory (the same inode, nlink+1). */
  link(from, to) {
    const t = this.typeOf(from);
    if (t < 0) return t;
    if (t === FileType.Directory) return -Errno.EPERM;
    try {
      this.vol.linkSync(toPath(from), toPath(to));
      return 0;
    } catch (e) {
      return fail(e);
    }
  }
  /** chmod: the node's permission bits (the mount tree never sends a symlink); ctime moves. */
  chmod(path, mode) {
    const node = this.find(path);
    if (typeof node === "number") return node;
    this.setPerm(node, mode, true);
    return 0;
  }
  /** utimensat without following a final symlink; exact nanoseconds are kept. */
  setTimes(path, atime, mtime) {
    const node = this.find(path);
    if (typeof node === "number") return node;
    this.setNodeTimes(node, atime, mtime);
    return 0;
  }
}
class TmpFile extends PositionedFile {
  constructor(fs, node, append) {
    super(append);
    this.fs = fs;
    this.node = node;
    fs.opened(node, 1);
  }
  fs;
  node;
  closed = false;
  /**
   * read/pread: a copy out of the inode's buffer. memfs's own read stamps atime with a new Date
   * and wraps the buffer per call, which is most of a 4 KiB read's cost; reads here leave atime
   * alone, as a noatime mount does.
   */
  pread(buf, position) {
    if (this.closed) return -Errno.EBADF;
    if (position < 0) return -Errno.EINVAL;
    const node = this.node;
    const size = node.getSize();
    if (position >= size) return 0;
    const n = Math.min(buf.length, size - position, MAX_IO);
    buf.set(node.buf.subarray(position, position + n));
    return n;
  }
  /** write/pwrite: into the inode's buffer (memfs grows it); EFBIG past the size limit (a partial write up to it). */
  pwrite(buf, position) {
    if (this.closed) return -Errno.EBADF;
    if (position < 0) return -Errno.EINVAL;
    const room = this.fs.maxFileSize - position;
    if (buf.length > 0 && room <= 0) return -Errno.EFBIG;
    let n = Math.min(buf.length, room, MAX_IO);
    const size = this.node.getSize();
    if (position + n > size) {
      n = Math.max(0, Math.min(n, this.fs.room(this.node) - position));
      if (n === 0 && buf.length > 0) return -Errno.ENOSPC;
    }
    try {
      const written = this.node.write(Buffer.from(buf.buffer, buf.byteOffset, n), 0, n, position);
      this.fs.charge(this.node, this.node.getSize());
      return written;
    } catch (e) {
      return fail(e);
    }
  }
  size() {
    return this.node.getSize();
  }
  /** fstat: the inode, even after its last name is unlinked. */
  stat() {
    return this.fs.nodeStat(this.node);
  }
  /** fchmod. */
  chmod(mode) {
    this.fs.setPerm(this.node, mode, true);
    return 0;
  }
  /** ftruncate. */
  setSize(size) {
    if (size < 0 || !Number.isSafeInteger(size)) return -Errno.EINVAL;
    if (size > this.fs.maxFileSize) return -Errno.EFBIG;
    if (size > this.node.getSize() && size > this.fs.room(this.node)) return -Errno.ENOSPC;
    try {
      this.node.truncate(size);
      this.fs.charge(this.node, this.node.getSize());
      return 0;
    } catch (e) {
      return fail(e);
    }
  }
  /** futimens. */
  setTimes(atime, mtime) {
    this.fs.setNodeTimes(this.node, atime, mtime);
    return 0;
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.fs.opened(this.node, -1);
  }
}
class TmpDir extends DirectoryFile {
  constructor(fs, link) {
    super();
    this.fs = fs;
    this.link = link;
  }
  fs;
  link;
  stat() {
    return this.fs.nodeStat(this.link.getNode());
  }
  /** fchmod. */
  chmod(mode) {
    this.fs.setPerm(this.link.getNode(), mode, true);
    return 0;
  }
  /** getdents: every entry with its type and inode number. */
  readdir() {
    const out = [];
    for (const [name, child] of this.link.children) {
      if (child === void 0 || name === "." || name === "..") continue;
      const node = child.getNode();
      out.push({ name, type: fileTypeFromMode(node.mode), ino: BigInt(node.ino) });
    }
    return out;
  }
  setTimes(atime, mtime) {
    this.fs.setNodeTimes(this.link.getNode(), atime, mtime);
    return 0;
  }
}
export {
  TmpFs
};
