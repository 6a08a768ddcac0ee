import { Errno } from "../errno.js";
import { FileType } from "./types.js";
import { BaseFileSystem } from "./filesystem.js";
import { DirectoryFile, PositionedFile } from "./file.js";
import { DIRECTORY_SIZE, makeStat, nowNs } from "./stat.js";
class RoFs extends BaseFileSystem {
  name = "rofs";
  readOnly = true;
  root = { dir: true, ino: 1n, children: /* @__PURE__ */ new Map() };
  nextIno = 2n;
  /** Boot modules do not change: every node carries the time the file system was built. */
  timeNs = nowNs();
  /** From named dataspaces, or from dataspaces named by their own `name`. */
  constructor(roms = []) {
    super();
    if (roms instanceof Map) {
      for (const [name, ds] of roms) this.add(name, ds);
    } else {
      for (const ds of roms) this.add(ds.name, ds);
    }
  }
  /** Places one module; a bad name is a configuration error of the host, reported by throwing. */
  add(name, ds) {
    const parts = name.split("/").filter((p) => p !== "" && p !== ".");
    if (parts.length === 0 || parts.includes("..") || name.includes("\0")) {
      throw new Error(`rofs: invalid boot module name '${name}' (use a relative path without '..')`);
    }
    let dir = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      let next = dir.children.get(parts[i]);
      if (next === void 0) {
        next = { dir: true, ino: this.nextIno++, children: /* @__PURE__ */ new Map() };
        dir.children.set(parts[i], next);
      } else if (!next.dir) {
        throw new Error(`rofs: boot module '${name}' needs '${parts[i]}' to be a directory, but it is a module`);
      }
      dir = next;
    }
    const last = parts[parts.length - 1];
    if (dir.children.has(last)) throw new Error(`rofs: boot module name '${name}' is given twice`);
    dir.children.set(last, { dir: false, ino: this.nextIno++, ds });
  }
  find(path) {
    let node = this.root;
    for (let i = 0; i < path.length; i++) {
      if (!node.dir) return -Errno.ENOTDIR;
      const next = node.children.get(path[i]);
      if (next === void 0) return -Errno.ENOENT;
      node = next;
    }
    return node;
  }
  /** Modules are read-only and executable (r-xr-xr-x): programs are started from them, as L4Re starts them from its ROM. */
  statOf(node) {
    return node.dir ? makeStat(FileType.Directory, this.dev, node.ino, DIRECTORY_SIZE, this.timeNs) : { ...makeStat(FileType.RegularFile, this.dev, node.ino, BigInt(node.ds.size), this.timeNs), mode: 365 };
  }
  /** lstat/stat: modules are regular files, name prefixes directories. */
  lstat(path) {
    const node = this.find(path);
    return typeof node === "number" ? node : this.statOf(node);
  }
  typeOf(path) {
    const node = this.find(path);
    return typeof node === "number" ? node : node.dir ? FileType.Directory : FileType.RegularFile;
  }
  /** open: a Ro_file or a directory listing; anything that would write is EROFS. */
  open(path, flags) {
    const node = this.find(path);
    if (typeof node === "number") return node === -Errno.ENOENT && flags.create ? -Errno.EROFS : node;
    if (flags.write || flags.truncate) return node.dir ? -Errno.EISDIR : -Errno.EROFS;
    if (node.dir) return new RoDirFile(this, node);
    if (flags.directory) return -Errno.ENOTDIR;
    return new RoFile(this, node);
  }
}
class RoFile extends PositionedFile {
  constructor(fs, node) {
    super(false);
    this.fs = fs;
    this.node = node;
  }
  fs;
  node;
  /** read/pread: Dataspace.read copies straight into the caller's buffer. */
  pread(buf, position) {
    if (position < 0) return -Errno.EINVAL;
    return this.node.ds.read(position, buf);
  }
  /** write/pwrite: the file was opened read-only (opening for write is EROFS). */
  pwrite(_buf, _position) {
    return -Errno.EBADF;
  }
  size() {
    return this.node.ds.size;
  }
  /** mmap: the boot module's dataspace itself. */
  dataspace() {
    return this.node.ds;
  }
  stat() {
    return this.fs.statOf(this.node);
  }
  setSize(_size) {
    return -Errno.EROFS;
  }
}
class RoDirFile extends DirectoryFile {
  constructor(fs, node) {
    super();
    this.fs = fs;
    this.node = node;
  }
  fs;
  node;
  stat() {
    return this.fs.statOf(this.node);
  }
  readdir() {
    const out = [];
    for (const [name, child] of this.node.children) {
      out.push({ name, type: child.dir ? FileType.Directory : FileType.RegularFile, ino: child.ino });
    }
    return out;
  }
}
export {
  RoFs
};
