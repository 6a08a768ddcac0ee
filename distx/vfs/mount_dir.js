import { DirectoryFile } from "./file.js";
function merge(own, mounts) {
  const shadowed = /* @__PURE__ */ new Set();
  for (const e of mounts) shadowed.add(e.name);
  const out = own.filter((e) => !shadowed.has(e.name));
  for (const e of mounts) out.push(e);
  return out;
}
class MountedDir {
  constructor(inner, entries) {
    this.inner = inner;
    this.entries = entries;
  }
  inner;
  entries;
  get type() {
    return this.inner.type;
  }
  get isTerminal() {
    return this.inner.isTerminal;
  }
  read(buf) {
    return this.inner.read(buf);
  }
  write(buf) {
    return this.inner.write(buf);
  }
  pread(buf, position) {
    return this.inner.pread(buf, position);
  }
  pwrite(buf, position) {
    return this.inner.pwrite(buf, position);
  }
  seek(offset, whence) {
    return this.inner.seek(offset, whence);
  }
  stat() {
    return this.inner.stat();
  }
  setSize(size) {
    return this.inner.setSize(size);
  }
  setTimes(atime, mtime) {
    return this.inner.setTimes(atime, mtime);
  }
  chmod(mode) {
    return this.inner.chmod(mode);
  }
  sync() {
    return this.inner.sync();
  }
  allocate(offset, len) {
    return this.inner.allocate(offset, len);
  }
  /** getdents: the back end's entries, those shadowed by mount points replaced by them. */
  readdir() {
    const own = this.inner.readdir();
    return typeof own === "number" ? own : merge(own, this.entries());
  }
  readable() {
    return this.inner.readable();
  }
  writable() {
    return this.inner.writable();
  }
  subscribe(wake) {
    return this.inner.subscribe(wake);
  }
  available() {
    return this.inner.available();
  }
  close() {
    this.inner.close();
  }
}
class VirtualDir extends DirectoryFile {
  constructor(meta, entries) {
    super();
    this.meta = meta;
    this.entries = entries;
  }
  meta;
  entries;
  stat() {
    return this.meta();
  }
  readdir() {
    return this.entries();
  }
}
export {
  MountedDir,
  VirtualDir
};
