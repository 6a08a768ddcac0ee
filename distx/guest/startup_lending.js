import { Errno } from "../errno.js";
const MAX_PREOPENS = 32;
const NAMES_AT = (1 + 3 * MAX_PREOPENS) * 4;
const TABLE_BYTES = 4096;
class PreopenTable {
  buffer = new SharedArrayBuffer(TABLE_BYTES);
  i32 = new Int32Array(this.buffer);
  u8 = new Uint8Array(this.buffer);
  published = -1;
  constructor() {
    this.i32[0] = -1;
  }
  /**
   * Publishes `list()` when the table's version moved since the last time (only while the worker
   * waits for a reply, or before it starts). More preopens or longer names than fit: none, and
   * the worker forwards.
   */
  update(version, list) {
    if (version === this.published) return;
    this.published = version;
    const all = list();
    let at = 0;
    if (all.length > MAX_PREOPENS || all.reduce((n, p) => n + p.name.length, 0) > TABLE_BYTES - NAMES_AT) {
      this.i32[0] = -1;
      return;
    }
    all.forEach((p, i) => {
      this.i32[1 + 3 * i] = p.fd;
      this.i32[2 + 3 * i] = at;
      this.i32[3 + 3 * i] = p.name.length;
      this.u8.set(p.name, NAMES_AT + at);
      at += p.name.length;
    });
    this.i32[0] = all.length;
  }
}
class StartupAnswers {
  constructor(c, preopens, args, env) {
    this.c = c;
    this.args = args;
    this.env = env;
    this.i32 = preopens && new Int32Array(preopens);
    this.u8 = preopens && new Uint8Array(preopens);
  }
  c;
  args;
  env;
  i32;
  u8;
  /** The preopen entry's index for `fd`: -1 none (EBADF), -2 no table (forward). */
  entryOf(fd) {
    const i32 = this.i32;
    const n = i32 === void 0 ? -1 : i32[0];
    if (n < 0) return -2;
    for (let i = 0; i < n; i++) if (i32[1 + 3 * i] === fd) return i;
    return -1;
  }
  /** A close the worker deferred: `fd` announces nothing any more. */
  closed(fd) {
    const i = this.entryOf(fd);
    if (i >= 0) this.i32[1 + 3 * i] = -1;
  }
  prestat(forward) {
    return ((fd, ptr) => {
      const i = this.entryOf(fd);
      const at = ptr >>> 0;
      if (i === -2 || this.c.pending() || i >= 0 && !this.c.inMemory(at + 8)) return forward(fd, ptr);
      this.c.answered();
      if (i < 0) return Errno.EBADF;
      this.c.view().setUint32(at, 0, true);
      this.c.view().setUint32(at + 4, this.i32[3 + 3 * i], true);
      return 0;
    });
  }
  prestatName(forward) {
    return ((fd, ptr, len) => {
      const i = this.entryOf(fd);
      const at = ptr >>> 0;
      const from = i >= 0 ? this.i32[2 + 3 * i] : 0, n = i >= 0 ? this.i32[3 + 3 * i] : 0;
      const fits = len >>> 0 >= n;
      if (i === -2 || this.c.pending() || i >= 0 && fits && !this.c.inMemory(at + n)) return forward(fd, ptr, len);
      this.c.answered();
      if (i < 0) return Errno.EBADF;
      if (!fits) return Errno.ENAMETOOLONG;
      this.c.bytes().set(this.u8.subarray(NAMES_AT + from, NAMES_AT + from + n), at);
      return 0;
    });
  }
  /** args_sizes_get / environ_sizes_get. */
  sizes(which) {
    const list = which === "args" ? this.args : this.env;
    return (forward) => ((countPtr, sizePtr) => {
      const c = countPtr >>> 0, s = sizePtr >>> 0;
      if (list === void 0 || this.c.pending() || !this.c.inMemory(c + 4) || !this.c.inMemory(s + 4)) return forward(countPtr, sizePtr);
      this.c.view().setUint32(c, list.encoded.length, true);
      this.c.view().setUint32(s, list.bufSize, true);
      this.c.answered();
      return 0;
    });
  }
  /** args_get / environ_get: the pointer array, the strings packed after each other. */
  list(which) {
    const list = which === "args" ? this.args : this.env;
    return (forward) => ((ptrs, buf) => {
      const p = ptrs >>> 0, b = buf >>> 0;
      if (list === void 0 || this.c.pending() || !this.c.inMemory(p + list.encoded.length * 4) || !this.c.inMemory(b + list.bufSize)) {
        return forward(ptrs, buf);
      }
      let at = b;
      list.encoded.forEach((s, i) => {
        this.c.view().setUint32(p + i * 4, at, true);
        this.c.bytes().set(s, at);
        at += s.length;
      });
      this.c.answered();
      return 0;
    });
  }
}
export {
  PreopenTable,
  StartupAnswers
};
