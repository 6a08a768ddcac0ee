import { readFileSync } from "node:fs";
import { Errno } from "../errno.js";
class HostFileBudget {
  /** At most `limit` files of host mounts open at once. */
  constructor(limit = defaultHostFileLimit()) {
    this.limit = limit;
    this.count32[1] = limit;
  }
  limit;
  /**
   * Int32 0: files open now; 1: the limit. Shared: a decoupled program's worker takes a place
   * itself before it opens a file in a lent mount root (takeHostFile), which the vCPU adopts later.
   */
  shared = new SharedArrayBuffer(8);
  count32 = new Int32Array(this.shared);
  /** Files of host mounts open now. */
  get used() {
    return Atomics.load(this.count32, 0);
  }
  /**
   * The file system with its opens counted against this budget: an object that inherits from `fs`
   * (so it stays what it is, e.g. for instanceof and its name) whose methods run on `fs` itself,
   * open() answering ENFILE at the limit; each opened file gives its place back when it is closed.
   * Not a Proxy: a trap would run on every property access inside the back end's methods too
   * (they would see the proxy as `this`), which cost hostfs calls several microseconds each.
   */
  wrap(fs) {
    const counted = Object.create(fs);
    for (let o = fs; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
      for (const key of Object.getOwnPropertyNames(o)) {
        if (key === "constructor" || Object.hasOwn(counted, key)) continue;
        const value = Object.getOwnPropertyDescriptor(o, key)?.value;
        if (typeof value === "function") counted[key] = value.bind(fs);
      }
    }
    counted.open = (path, flags) => {
      if (!takeHostFile(this.shared)) return -Errno.ENFILE;
      const f = fs.open(path, flags);
      if (typeof f === "number") giveHostFile(this.shared);
      else this.releaseAtClose(f);
      return f;
    };
    if (fs.adoptHostFile !== void 0) {
      const adopt = fs.adoptHostFile.bind(fs);
      counted.adoptHostFile = (fd, directory, read, write) => {
        const f = adopt(fd, directory, read, write);
        this.releaseAtClose(f);
        return f;
      };
      counted.hostFileBudget = this.shared;
    }
    return counted;
  }
  releaseAtClose(f) {
    const close = f.close;
    let closed = false;
    f.close = () => {
      if (!closed) {
        closed = true;
        giveHostFile(this.shared);
      }
      close.call(f);
    };
  }
}
const views = /* @__PURE__ */ new WeakMap();
function countOf(shared) {
  let c = views.get(shared);
  if (c === void 0) views.set(shared, c = new Int32Array(shared));
  return c;
}
function takeHostFile(shared) {
  const c = countOf(shared);
  for (; ; ) {
    const n = Atomics.load(c, 0);
    if (n >= c[1]) return false;
    if (Atomics.compareExchange(c, 0, n, n + 1) === n) return true;
  }
}
function giveHostFile(shared) {
  Atomics.sub(countOf(shared), 0, 1);
}
function defaultHostFileLimit() {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync("/proc/self/limits", "utf8"));
    if (m) return Math.max(16, Math.min(4096, Math.floor(Number(m[1]) / 2)));
  } catch {
  }
  return 512;
}
export {
  HostFileBudget,
  defaultHostFileLimit,
  giveHostFile,
  takeHostFile
};
