var Ctl = /* @__PURE__ */ ((Ctl2) => {
  Ctl2[Ctl2["Pending"] = 0] = "Pending";
  Ctl2[Ctl2["Sleeping"] = 1] = "Sleeping";
  Ctl2[Ctl2["Wake"] = 2] = "Wake";
  Ctl2[Ctl2["Pass"] = 3] = "Pass";
  Ctl2[Ctl2["Waiters"] = 4] = "Waiters";
  Ctl2[Ctl2["Generation"] = 5] = "Generation";
  Ctl2[Ctl2["Ready"] = 6] = "Ready";
  return Ctl2;
})(Ctl || {});
const CONTROL_BYTES = 64;
var Ring = /* @__PURE__ */ ((Ring2) => {
  Ring2[Ring2["HeadPos"] = 0] = "HeadPos";
  Ring2[Ring2["Produced"] = 1] = "Produced";
  Ring2[Ring2["Consumed"] = 2] = "Consumed";
  Ring2[Ring2["Used"] = 3] = "Used";
  Ring2[Ring2["TailPos"] = 4] = "TailPos";
  Ring2[Ring2["Errors"] = 16] = "Errors";
  return Ring2;
})(Ring || {});
const ERROR_FDS = 64;
const DATA = 512;
const RING_CAPACITY = 1024 * 1024;
const RING_BYTES = DATA + RING_CAPACITY;
const MAX_QUEUED_WRITE = RING_CAPACITY / 4;
const MAX_QUEUED_END = 2 ** 40;
const HEADER = 24;
const MAX_RUN = 256;
const MAX_RUN_BYTES = 128 * 1024;
const WRAP = -1;
const SPIN_WAIT_MS = 0.2;
const recordBytes = (len) => HEADER + (len + 7 & ~7);
function wake(ctl) {
  if (Atomics.load(ctl, 1 /* Sleeping */) === 0) return;
  Atomics.store(ctl, 1 /* Sleeping */, 0);
  Atomics.add(ctl, 2 /* Wake */, 1);
  Atomics.notify(ctl, 2 /* Wake */);
}
function waitWritten(ctl) {
  if (Atomics.load(ctl, 0 /* Pending */) === 0) return;
  const start = Atomics.load(ctl, 3 /* Pass */);
  Atomics.add(ctl, 4 /* Waiters */, 1);
  Atomics.add(ctl, 2 /* Wake */, 1);
  Atomics.notify(ctl, 2 /* Wake */);
  try {
    const began = performance.now();
    for (let spins = 0; Atomics.load(ctl, 0 /* Pending */) !== 0; spins++) {
      const pass = Atomics.load(ctl, 3 /* Pass */);
      if ((pass - start | 0) >= 2) return;
      if ((spins & 63) !== 0 || performance.now() - began < SPIN_WAIT_MS) continue;
      wake(ctl);
      Atomics.wait(ctl, 3 /* Pass */, pass, 1);
    }
  } finally {
    Atomics.sub(ctl, 4 /* Waiters */, 1);
  }
}
class RingWriter {
  constructor(ctl, ring) {
    this.ctl = ctl;
    this.r32 = new Int32Array(ring);
    this.f64 = new Float64Array(ring);
    this.bytes = new Uint8Array(ring);
    this.head = this.r32[0 /* HeadPos */];
    this.produced = this.r32[1 /* Produced */];
  }
  ctl;
  r32;
  f64;
  bytes;
  head;
  produced;
  /** Host inode number -> the count of records queued up to its last write (files with writes queued). */
  dirty = /* @__PURE__ */ new Map();
  /**
   * Queues the write of `len` bytes of `src` at `ptr` to `hostFd` at `offset` (for guest
   * descriptor `fd`); false when it cannot be (too large, the thread not running): write it now.
   */
  queue(hostFd, fd, ino, src, ptr, len, offset) {
    const ctl = this.ctl;
    if (len > MAX_QUEUED_WRITE || offset + len > MAX_QUEUED_END || Atomics.load(ctl, 6 /* Ready */) === 0) return false;
    const r32 = this.r32;
    if (this.othersQueued()) waitWritten(ctl);
    const need = recordBytes(len);
    let pos = this.head;
    const wraps = RING_CAPACITY - pos < need;
    const skip = wraps ? RING_CAPACITY - pos : 0;
    if (RING_CAPACITY - Atomics.load(r32, 3 /* Used */) < need + skip && !this.awaitRoom(need + skip)) return false;
    if (wraps) {
      if (pos < RING_CAPACITY) r32[DATA + pos >> 2] = WRAP;
      pos = 0;
    }
    const at = DATA + pos;
    r32[at >> 2] = hostFd;
    r32[(at >> 2) + 1] = fd;
    r32[(at >> 2) + 2] = len;
    this.f64[at + 16 >> 3] = offset;
    this.bytes.set(src.subarray(ptr, ptr + len), at + HEADER);
    this.head = pos + need;
    r32[0 /* HeadPos */] = this.head;
    Atomics.add(r32, 3 /* Used */, need + skip);
    Atomics.add(ctl, 0 /* Pending */, 1);
    this.produced = this.produced + 1 | 0;
    Atomics.store(r32, 1 /* Produced */, this.produced);
    this.dirty.set(ino, this.produced);
    wake(ctl);
    return true;
  }
  /** Waits until `bytes` of the ring are free (spinning first: the thread frees a run at a time); false if the thread stopped. */
  awaitRoom(bytes) {
    const r32 = this.r32, ctl = this.ctl;
    const began = performance.now();
    for (let spins = 0; RING_CAPACITY - Atomics.load(r32, 3 /* Used */) < bytes; spins++) {
      if (Atomics.load(ctl, 6 /* Ready */) === 0) return false;
      if ((spins & 63) !== 0 || performance.now() - began < SPIN_WAIT_MS) continue;
      wake(ctl);
      Atomics.add(ctl, 4 /* Waiters */, 1);
      Atomics.wait(r32, 3 /* Used */, Atomics.load(r32, 3 /* Used */), 1);
      Atomics.sub(ctl, 4 /* Waiters */, 1);
    }
    return true;
  }
  /**
   * Before a read or stat of the file with host inode `ino` made on this core: waits for the
   * queued writes if one of them is to that file, or another program has writes queued.
   */
  beforeRead(ino) {
    const ctl = this.ctl;
    const pending = Atomics.load(ctl, 0 /* Pending */);
    if (pending === 0) {
      if (this.dirty.size !== 0) this.dirty.clear();
      return;
    }
    const last = this.dirty.get(ino);
    if (last !== void 0 && (last - Atomics.load(this.r32, 2 /* Consumed */) | 0) > 0 || this.othersQueued()) waitWritten(ctl);
  }
  /**
   * Whether another ring has writes queued. Pending is read before Consumed, and the thread counts
   * a record consumed before it takes it off Pending: a difference is never missed, but one seen
   * while the thread is between the two is read again.
   */
  othersQueued() {
    for (let k = 0; k < 8; k++) {
      const pending = Atomics.load(this.ctl, 0 /* Pending */);
      if (pending === (this.produced - Atomics.load(this.r32, 2 /* Consumed */) | 0)) return false;
    }
    return true;
  }
  /** The errno (positive) a queued write to `fd` failed with, taken: 0 if none. */
  takeError(fd) {
    if (fd >>> 0 >= ERROR_FDS) return 0;
    return Atomics.exchange(this.r32, 16 /* Errors */ + fd, 0);
  }
}
class RingReader {
  constructor(ctl, buffer) {
    this.ctl = ctl;
    this.buffer = buffer;
    this.r32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.bytes = new Uint8Array(buffer);
    this.consumed = this.r32[2 /* Consumed */];
    this.tail = this.r32[4 /* TailPos */];
  }
  ctl;
  buffer;
  r32;
  f64;
  bytes;
  tail;
  consumed;
  /**
   * Makes the queued writes, runs of contiguous ones to one file as one host write; the number of
   * records written. `writev(fd, buffers, offset)` returns the bytes written or throws.
   */
  drain(writev, errnoOf) {
    const r32 = this.r32;
    const produced = Atomics.load(r32, 1 /* Produced */);
    let done = 0;
    while (this.consumed !== produced) {
      let freed = 0;
      if (this.tail === RING_CAPACITY || r32[DATA + this.tail >> 2] === WRAP) {
        freed = RING_CAPACITY - this.tail;
        this.tail = 0;
      }
      const first = DATA + this.tail;
      const hostFd = r32[first >> 2], fd = r32[(first >> 2) + 1], offset = this.f64[first + 16 >> 3];
      const buffers = [];
      let end = offset, n = 0, pos = this.tail;
      while (n < MAX_RUN && end - offset < MAX_RUN_BYTES && (this.consumed + n | 0) !== produced && pos < RING_CAPACITY) {
        const at = DATA + pos;
        if (r32[at >> 2] !== hostFd || this.f64[at + 16 >> 3] !== end) break;
        const len = r32[(at >> 2) + 2];
        buffers.push(this.bytes.subarray(at + HEADER, at + HEADER + len));
        end += len;
        pos += recordBytes(len);
        freed += recordBytes(len);
        n++;
      }
      this.write(hostFd, fd, buffers, offset, end - offset, writev, errnoOf);
      this.tail = pos;
      r32[4 /* TailPos */] = pos;
      this.consumed = this.consumed + n | 0;
      done += n;
      Atomics.store(r32, 2 /* Consumed */, this.consumed);
      Atomics.sub(this.ctl, 0 /* Pending */, n);
      Atomics.sub(r32, 3 /* Used */, freed);
      if (Atomics.load(this.ctl, 4 /* Waiters */) !== 0) Atomics.notify(r32, 3 /* Used */);
    }
    return done;
  }
  /** Writes the run whole (a short host write goes on where it stopped); an error is kept for the descriptor. */
  write(hostFd, fd, buffers, offset, total, writev, errnoOf) {
    let written = 0;
    try {
      while (written < total) {
        const n = writev(hostFd, written === 0 ? buffers : rest(buffers, written), offset + written);
        if (n <= 0) throw Object.assign(new Error("no progress"), { code: "EIO" });
        written += n;
      }
    } catch (e) {
      if (fd >>> 0 < ERROR_FDS) Atomics.compareExchange(this.r32, 16 /* Errors */ + fd, 0, errnoOf(e));
    }
  }
}
function rest(buffers, skip) {
  const out = [];
  for (const b of buffers) {
    if (skip >= b.length) {
      skip -= b.length;
      continue;
    }
    out.push(skip > 0 ? b.subarray(skip) : b);
    skip = 0;
  }
  return out;
}
export {
  CONTROL_BYTES,
  Ctl,
  ERROR_FDS,
  MAX_QUEUED_WRITE,
  RING_BYTES,
  RING_CAPACITY,
  Ring,
  RingReader,
  RingWriter,
  waitWritten
};
