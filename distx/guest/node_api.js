import { Buffer } from "node:buffer";
import { posix as posixPath } from "node:path";
import { Errno, errnoName } from "../errno.js";
import { FileType } from "../vfs/types.js";
import { signalName, signalNumber } from "./signals.js";
function providedWith(provided, extra) {
  if (extra === void 0) return provided;
  const out = { ...provided };
  for (const [mod, fns] of Object.entries(extra)) out[mod] = /* @__PURE__ */ new Set([...provided[mod] ?? [], ...Object.keys(fns)]);
  return out;
}
function withEmbedderImports(imports, extra) {
  const out = { ...imports };
  for (const [mod, fns] of Object.entries(extra)) out[mod] = { ...imports[mod] ?? {}, ...fns };
  return out;
}
function checkEmbedderImports(imports) {
  if (imports === void 0) return;
  if (imports === null || typeof imports !== "object" || Array.isArray(imports)) {
    throw new TypeError("spawn: imports must be an object of modules ({ env: { name: function } })");
  }
  for (const [mod, fns] of Object.entries(imports)) {
    if (fns === null || typeof fns !== "object") throw new TypeError(`spawn: imports.${mod} must be an object of functions`);
    for (const [name, fn] of Object.entries(fns)) {
      if (typeof fn !== "function") throw new TypeError(`spawn: imports.${mod}.${name} must be a function`);
    }
  }
}
const DESCRIPTIONS = {
  ENOENT: "no such file or directory",
  EEXIST: "file already exists",
  ENOTDIR: "not a directory",
  EISDIR: "illegal operation on a directory",
  ENOTEMPTY: "directory not empty",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  EXDEV: "cross-device link not permitted",
  EINVAL: "invalid argument",
  ELOOP: "too many symbolic links encountered",
  ENAMETOOLONG: "name too long",
  EBUSY: "resource busy or locked",
  ENOSPC: "no space left on device",
  EBADF: "bad file descriptor",
  ENFILE: "file table overflow",
  EMFILE: "too many open files",
  ENOTCAPABLE: "not permitted in this mount"
};
function fsError(errno, syscall, path) {
  const code = errnoName(errno);
  const e = new Error(`${code}: ${DESCRIPTIONS[code] ?? code.toLowerCase()}, ${syscall} '${path}'`);
  e.code = code;
  e.syscall = syscall;
  e.path = path;
  e.errno = -Math.abs(errno);
  return e;
}
class GuestStats {
  constructor(st) {
    this.st = st;
    this.dev = Number(st.dev);
    this.ino = Number(st.ino);
    this.nlink = Number(st.nlink);
    this.size = Number(st.size);
    this.mode = (TYPE_BITS[st.type] ?? 0) | st.mode & 4095;
    this.atimeNs = st.atimeNs;
    this.mtimeNs = st.mtimeNs;
    this.ctimeNs = st.ctimeNs;
    this.atimeMs = Number(st.atimeNs / 1000n) / 1e3;
    this.mtimeMs = Number(st.mtimeNs / 1000n) / 1e3;
    this.ctimeMs = Number(st.ctimeNs / 1000n) / 1e3;
  }
  st;
  dev;
  ino;
  nlink;
  size;
  /** Type bits and permissions, as st_mode (S_IFREG | 0o644 ...). */
  mode;
  atimeMs;
  mtimeMs;
  ctimeMs;
  atimeNs;
  mtimeNs;
  ctimeNs;
  get mtime() {
    return new Date(this.mtimeMs);
  }
  isFile() {
    return this.st.type === FileType.RegularFile;
  }
  isDirectory() {
    return this.st.type === FileType.Directory;
  }
  isSymbolicLink() {
    return this.st.type === FileType.SymbolicLink;
  }
  isCharacterDevice() {
    return this.st.type === FileType.CharacterDevice;
  }
  isFIFO() {
    return this.st.type === FileType.Fifo;
  }
}
const TYPE_BITS = {
  [FileType.RegularFile]: 32768,
  [FileType.Directory]: 16384,
  [FileType.SymbolicLink]: 40960,
  [FileType.CharacterDevice]: 8192,
  [FileType.BlockDevice]: 24576,
  [FileType.Fifo]: 4096,
  [FileType.SocketStream]: 49152,
  [FileType.SocketDgram]: 49152
};
class GuestDirent {
  constructor(name, type, parentPath) {
    this.name = name;
    this.type = type;
    this.parentPath = parentPath;
  }
  name;
  type;
  parentPath;
  isFile() {
    return this.type === FileType.RegularFile;
  }
  isDirectory() {
    return this.type === FileType.Directory;
  }
  isSymbolicLink() {
    return this.type === FileType.SymbolicLink;
  }
}
class MachineFs {
  constructor(vfs) {
    this.vfs = vfs;
  }
  vfs;
  async readFile(path, encoding) {
    const f = this.vfs.open(path, { read: true, write: false });
    if (typeof f === "number") throw fsError(f, "open", path);
    try {
      const chunks = [];
      for (; ; ) {
        const buf = Buffer.alloc(65536);
        const n = f.read(buf);
        if (n === -Errno.EAGAIN) throw fsError(n, "read", path);
        if (n < 0) throw fsError(n, "read", path);
        if (n === 0) break;
        chunks.push(buf.subarray(0, n));
      }
      const data = Buffer.concat(chunks);
      const enc = typeof encoding === "object" ? encoding.encoding : encoding;
      return enc === void 0 ? data : data.toString(enc);
    } finally {
      f.close();
    }
  }
  /** Creates or replaces a file with `data` (a string is written as UTF-8). */
  async writeFile(path, data, options = {}) {
    const flag = options.flag ?? "w";
    const f = this.vfs.open(path, {
      read: false,
      write: true,
      create: true,
      truncate: flag === "w",
      append: flag === "a",
      exclusive: flag === "wx",
      mode: options.mode ?? 420
    });
    if (typeof f === "number") throw fsError(f, "open", path);
    try {
      const bytes = typeof data === "string" ? Buffer.from(data) : data;
      for (let done = 0; done < bytes.length; ) {
        const n = f.write(bytes.subarray(done));
        if (n <= 0) throw fsError(n === 0 ? -Errno.EIO : n, "write", path);
        done += n;
      }
    } finally {
      f.close();
    }
  }
  /** Appends to a file (created if missing). */
  appendFile(path, data) {
    return this.writeFile(path, data, { flag: "a" });
  }
  async readdir(path, options) {
    const f = this.vfs.open(path, { read: true, write: false, directory: true });
    if (typeof f === "number") throw fsError(f, "scandir", path);
    let entries;
    try {
      entries = f.readdir();
    } finally {
      f.close();
    }
    if (typeof entries === "number") throw fsError(entries, "scandir", path);
    const list = entries.filter((e) => e.name !== "." && e.name !== "..");
    return options?.withFileTypes ? list.map((e) => new GuestDirent(e.name, e.type, path)) : list.map((e) => e.name);
  }
  /** Metadata, following symlinks. */
  async stat(path) {
    return this.statWith(path, true, "stat");
  }
  /** Metadata of a symlink itself. */
  async lstat(path) {
    return this.statWith(path, false, "lstat");
  }
  statWith(path, follow, syscall) {
    const st = this.vfs.stat(path, follow);
    if (typeof st === "number") throw fsError(st, syscall, path);
    return new GuestStats(st);
  }
  /** Creates a directory; with `recursive`, its parents too and no error if it exists. */
  async mkdir(path, options = {}) {
    const mode = options.mode ?? 511;
    if (!options.recursive) {
      const r = this.vfs.mkdir(path, mode);
      if (r < 0) throw fsError(r, "mkdir", path);
      return;
    }
    const parts = posixPath.normalize(path).split("/").filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const p = "/" + parts.slice(0, i).join("/");
      const r = this.vfs.mkdir(p, mode);
      if (r === -Errno.EEXIST) {
        const st = this.vfs.stat(p, true);
        if (typeof st !== "number" && st.type === FileType.Directory) continue;
      }
      if (r < 0) throw fsError(r, "mkdir", p);
    }
  }
  async unlink(path) {
    const r = this.vfs.unlink(path);
    if (r < 0) throw fsError(r, "unlink", path);
  }
  async rmdir(path) {
    const r = this.vfs.rmdir(path);
    if (r < 0) throw fsError(r, "rmdir", path);
  }
  /** Removes a file or (with `recursive`) a directory tree; `force`: no error if missing. */
  async rm(path, options = {}) {
    const st = this.vfs.stat(path, false);
    if (typeof st === "number") {
      if (st === -Errno.ENOENT && options.force) return;
      throw fsError(st, "rm", path);
    }
    if (st.type !== FileType.Directory) return this.unlink(path);
    if (!options.recursive) throw fsError(-Errno.EISDIR, "rm", path);
    for (const name of await this.readdir(path)) await this.rm(posixPath.join(path, name), options);
    return this.rmdir(path);
  }
  async rename(from, to) {
    const r = this.vfs.rename(from, to);
    if (r < 0) throw fsError(r, "rename", from);
  }
  /** Sets the permission bits (0o7777) of `path`, following a symlink; a program needs an x bit to be exec'ed or spawned by path. */
  async chmod(path, mode) {
    const r = this.vfs.chmod(path, mode & 4095, true);
    if (r < 0) throw fsError(r, "chmod", path);
  }
  async symlink(target, path) {
    const r = this.vfs.symlink(target, path);
    if (r < 0) throw fsError(r, "symlink", path);
  }
  async readlink(path) {
    const r = this.vfs.readlink(path);
    if (typeof r === "number") throw fsError(r, "readlink", path);
    return r;
  }
  /** Whether a path exists (a convenience node:fs/promises lacks). */
  async exists(path) {
    return typeof this.vfs.stat(path, true) !== "number";
  }
}
export {
  GuestDirent,
  GuestStats,
  MachineFs,
  checkEmbedderImports,
  fsError,
  providedWith,
  signalName,
  signalNumber,
  withEmbedderImports
};
