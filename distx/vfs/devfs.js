import { randomFillSync } from "node:crypto";
import { Errno } from "../errno.js";
import { FileType } from "./types.js";
import { BaseFileSystem } from "./filesystem.js";
import { BaseFile, DirectoryFile } from "./file.js";
import { ConsoleTerminal } from "./console.js";
import { makeStat, nowNs } from "./stat.js";
function devStdioIndex(path) {
  switch (path) {
    case "/dev/stdin":
      return 0;
    case "/dev/stdout":
      return 1;
    case "/dev/stderr":
      return 2;
  }
  if (!path.startsWith("/dev/fd/")) return void 0;
  const digits = path.length - 8;
  if (digits < 1 || digits > 9 || digits > 1 && path.charCodeAt(8) === 48) return void 0;
  let n = 0;
  for (let i = 8; i < path.length; i++) {
    const d = path.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return void 0;
    n = n * 10 + d;
  }
  return n;
}
class DeviceFile extends BaseFile {
  constructor(meta) {
    super();
    this.meta = meta;
  }
  meta;
  type = FileType.CharacterDevice;
  stat() {
    return this.meta;
  }
  seek() {
    return 0;
  }
  setTimes(_atime, _mtime) {
    return 0;
  }
}
class NullDevice extends DeviceFile {
  read(_buf) {
    return 0;
  }
  pread(_buf, _position) {
    return 0;
  }
  write(buf) {
    return buf.length;
  }
  pwrite(buf, _position) {
    return buf.length;
  }
  available() {
    return 0;
  }
}
class ZeroDevice extends DeviceFile {
  read(buf) {
    buf.fill(0);
    return buf.length;
  }
  pread(buf, _position) {
    return this.read(buf);
  }
  write(buf) {
    return buf.length;
  }
  pwrite(buf, _position) {
    return buf.length;
  }
}
class RandomDevice extends DeviceFile {
  read(buf) {
    const n = Math.min(buf.length, 1 << 30);
    randomFillSync(buf, 0, n);
    return n;
  }
  pread(buf, _position) {
    return this.read(buf);
  }
  write(buf) {
    return buf.length;
  }
  pwrite(buf, _position) {
    return buf.length;
  }
}
class DevFs extends BaseFileSystem {
  name = "devfs";
  readOnly = false;
  nodes = /* @__PURE__ */ new Map();
  timeNs = nowNs();
  constructor(options = {}) {
    super();
    this.add("null", (s) => () => new NullDevice(s));
    this.add("zero", (s) => () => new ZeroDevice(s));
    this.add("random", (s) => () => new RandomDevice(s));
    this.add("urandom", (s) => () => new RandomDevice(s));
    const con = options.console;
    if (con !== void 0) this.add("tty", () => () => new ConsoleTerminal(con.input, con.output));
    for (const name of ["stdin", "stdout", "stderr"]) this.add(name, () => () => -Errno.ENXIO);
  }
  add(name, make) {
    const ino = BigInt(this.nodes.size + 2);
    this.nodes.set(name, { ino, open: make(this.deviceStat(ino)) });
  }
  deviceStat(ino) {
    return { ...makeStat(FileType.CharacterDevice, this.dev, ino, 0n, this.timeNs), mode: 438 };
  }
  rootStat() {
    return makeStat(FileType.Directory, this.dev, 1n, 0n, this.timeNs);
  }
  /** The node named by `path`, 'root' for the directory, or -errno. */
  find(path) {
    if (path.length === 0) return "root";
    const node = this.nodes.get(path[0]);
    if (node === void 0) return -Errno.ENOENT;
    return path.length === 1 ? node : -Errno.ENOTDIR;
  }
  lstat(path) {
    const node = this.find(path);
    if (typeof node === "number") return node;
    return node === "root" ? this.rootStat() : this.deviceStat(node.ino);
  }
  typeOf(path) {
    const node = this.find(path);
    if (typeof node === "number") return node;
    return node === "root" ? FileType.Directory : FileType.CharacterDevice;
  }
  /** open: a fresh description of the device; no new nodes can be created (EROFS). */
  open(path, flags) {
    const node = this.find(path);
    if (typeof node === "number") return node === -Errno.ENOENT && flags.create ? -Errno.EROFS : node;
    if (node === "root") {
      if (flags.write || flags.truncate) return -Errno.EISDIR;
      return new DevDir(this.rootStat(), this.entries());
    }
    if (flags.directory) return -Errno.ENOTDIR;
    return node.open(flags);
  }
  /** utimensat on a device: accepted (touch /dev/null works), nothing stored. */
  setTimes(path, _atime, _mtime) {
    const node = this.find(path);
    return typeof node === "number" ? node : 0;
  }
  entries() {
    const out = [];
    for (const [name, node] of this.nodes) out.push({ name, type: FileType.CharacterDevice, ino: node.ino });
    return out;
  }
}
class DevDir extends DirectoryFile {
  constructor(meta, list) {
    super();
    this.meta = meta;
    this.list = list;
  }
  meta;
  list;
  stat() {
    return this.meta;
  }
  readdir() {
    return this.list.slice();
  }
}
export {
  DevFs,
  devStdioIndex
};
