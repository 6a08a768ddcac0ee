const HEADER_BYTES = 64;
const RING_BYTES = 64 * 1024;
const MAX_RECORD = 16 * 1024;
const RING_FDS = 32;
var H = /* @__PURE__ */ ((H2) => {
  H2[H2["Head"] = 0] = "Head";
  H2[H2["Tail"] = 1] = "Tail";
  H2[H2["Lent"] = 2] = "Lent";
  H2[H2["Rung"] = 3] = "Rung";
  return H2;
})(H || {});
const PAD = 4294967295;
const align4 = (n) => n + 3 & ~3;
class OutputRing {
  buffer;
  i32;
  u32;
  /** The records' bytes (offset 0 is the first record byte). */
  bytes;
  /** The worker's next head, between reserve() and publish(). */
  next = -1;
  constructor(buffer = new SharedArrayBuffer(HEADER_BYTES + RING_BYTES)) {
    this.buffer = buffer;
    this.i32 = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    this.u32 = new Uint32Array(buffer, HEADER_BYTES, RING_BYTES / 4);
    this.bytes = new Uint8Array(buffer, HEADER_BYTES, RING_BYTES);
  }
  // ---- the worker's side
  /** Whether writes to `fd` go into the ring. */
  lent(fd) {
    return fd >>> 0 < RING_FDS && (Atomics.load(this.i32, 2 /* Lent */) & 1 << fd) !== 0;
  }
  /**
   * Room for a record of `len` bytes for `fd`: the offset in `bytes` where its data goes, or -1
   * when the ring has no room (the write is forwarded: the vCPU drains the ring first). Then
   * publish().
   */
  reserve(fd, len) {
    const head = this.i32[0 /* Head */];
    const tail = Atomics.load(this.i32, 1 /* Tail */);
    const free = (tail - head - 4 + 2 * RING_BYTES) % RING_BYTES;
    const need = align4(8 + len);
    let at = head;
    if (at + need > RING_BYTES) {
      if (RING_BYTES - at + need > free) return -1;
      this.u32[at >> 2] = PAD;
      at = 0;
    } else if (need > free) {
      return -1;
    }
    this.u32[at >> 2] = fd;
    this.u32[(at >> 2) + 1] = len;
    this.next = (at + need) % RING_BYTES;
    return at + 8;
  }
  /** Makes the reserved record visible to the vCPU; true if the vCPU is to be rung for it (once per drain). */
  publish() {
    Atomics.store(this.i32, 0 /* Head */, this.next);
    return Atomics.load(this.i32, 3 /* Rung */) === 0 && Atomics.exchange(this.i32, 3 /* Rung */, 1) === 0;
  }
  // ---- the vCPU's side
  /** Lends `fd` (its writes go into the ring) or takes it back. */
  setLent(fd, on) {
    if (fd >>> 0 >= RING_FDS) return;
    if (on) Atomics.or(this.i32, 2 /* Lent */, 1 << fd);
    else Atomics.and(this.i32, 2 /* Lent */, ~(1 << fd));
  }
  pending() {
    return Atomics.load(this.i32, 0 /* Head */) !== this.i32[1 /* Tail */];
  }
  /** Hands every record to `write` in order, consecutive ones of one descriptor as one, and frees them. */
  drain(write) {
    Atomics.store(this.i32, 3 /* Rung */, 0);
    const head = Atomics.load(this.i32, 0 /* Head */);
    let at = this.i32[1 /* Tail */];
    let runFd = -1;
    let run = [];
    const flush = () => {
      if (run.length === 0) return;
      if (run.length === 1) write(runFd, run[0]);
      else {
        const all = new Uint8Array(run.reduce((n, r) => n + r.length, 0));
        let o = 0;
        for (const r of run) {
          all.set(r, o);
          o += r.length;
        }
        write(runFd, all);
      }
      run = [];
    };
    while (at !== head) {
      const fd = this.u32[at >> 2];
      if (fd === PAD) {
        at = 0;
        continue;
      }
      const len = this.u32[(at >> 2) + 1];
      if (fd !== runFd) {
        flush();
        runFd = fd;
      }
      run.push(this.bytes.slice(at + 8, at + 8 + len));
      at = (at + align4(8 + len)) % RING_BYTES;
    }
    flush();
    Atomics.store(this.i32, 1 /* Tail */, head);
  }
}
export {
  MAX_RECORD,
  OutputRing,
  RING_BYTES,
  RING_FDS
};
