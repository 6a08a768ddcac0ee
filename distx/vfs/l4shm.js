import { Errno } from "../errno.js";
import { FileType } from "./types.js";
import { BaseFileSystem } from "./filesystem.js";
import { BaseFile, DirectoryFile } from "./file.js";
import { makeStat, nowNs } from "./stat.js";
class ProxyFile extends BaseFile {
  constructor(proxy, meta) {
    super();
    this.proxy = proxy;
    this.meta = meta;
    this.seen = proxy.notifications;
    proxy.opened();
  }
  proxy;
  meta;
  type = FileType.CharacterDevice;
  seen;
  windows = /* @__PURE__ */ new Set();
  stat() {
    return this.meta;
  }
  seek() {
    return 0;
  }
  get pending() {
    return this.proxy.notifications - this.seen;
  }
  /** read: 4 bytes, the notifications since the last read; -EAGAIN when none, -EPIPE once the task is gone. */
  read(buf) {
    if (this.proxy.serverGone) return -Errno.EPIPE;
    const n = this.pending;
    if (n === 0) return -Errno.EAGAIN;
    if (buf.length < 4) return -Errno.EINVAL;
    this.seen = this.proxy.notifications;
    for (const w of this.windows) w.refresh();
    new DataView(buf.buffer, buf.byteOffset, 4).setUint32(0, n, true);
    return 4;
  }
  /** write: publishes the mapped windows and rings the task; the byte count, or -EPIPE. */
  write(buf) {
    for (const w of this.windows) w.publish();
    const r = this.proxy.ring();
    return r < 0 ? r : buf.length;
  }
  readable() {
    return this.proxy.serverGone || this.pending > 0;
  }
  writable() {
    return true;
  }
  subscribe(wake) {
    return this.proxy.subscribe(wake);
  }
  available() {
    return this.pending > 0 ? 4 : 0;
  }
  sharedDataspace() {
    return this.proxy.ds;
  }
  addWindow(w) {
    this.windows.add(w);
    return () => {
      this.windows.delete(w);
    };
  }
  close() {
    this.windows.clear();
    this.proxy.closed();
  }
}
class L4ShmFs extends BaseFileSystem {
  constructor(source) {
    super();
    this.source = source;
  }
  source;
  name = "l4shm";
  timeNs = nowNs();
  inos = /* @__PURE__ */ new Map();
  ino(name) {
    let i = this.inos.get(name);
    if (i === void 0) this.inos.set(name, i = BigInt(this.inos.size + 2));
    return i;
  }
  deviceStat(name) {
    return { ...makeStat(FileType.CharacterDevice, this.dev, this.ino(name), 0n, this.timeNs), mode: 438 };
  }
  lstat(path) {
    if (path.length === 0) return makeStat(FileType.Directory, this.dev, 1n, 0n, this.timeNs);
    if (path.length > 1) return this.source.getProxy(path[0]) ? -Errno.ENOTDIR : -Errno.ENOENT;
    return this.source.getProxy(path[0]) ? this.deviceStat(path[0]) : -Errno.ENOENT;
  }
  /** open: a fresh descriptor of the proxy's device; nothing can be created (EROFS). */
  open(path, flags) {
    if (path.length === 0) {
      if (flags.write || flags.truncate) return -Errno.EISDIR;
      return new ShmDir(makeStat(FileType.Directory, this.dev, 1n, 0n, this.timeNs), this.entries());
    }
    const p = path.length === 1 ? this.source.getProxy(path[0]) : void 0;
    if (p === void 0) return flags.create ? -Errno.EROFS : -Errno.ENOENT;
    if (flags.directory) return -Errno.ENOTDIR;
    return new ProxyFile(p, this.deviceStat(path[0]));
  }
  entries() {
    return this.source.proxyNames().map((name) => ({ name, type: FileType.CharacterDevice, ino: this.ino(name) }));
  }
}
class ShmDir extends DirectoryFile {
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
  L4ShmFs
};
