const SLOT_LOCKS = 32;
const POOL_SLOTS = 64;
const HEADER_BYTES = 32;
const LOCK_BYTES = 32;
const SLOT_BYTES = HEADER_BYTES + SLOT_LOCKS * LOCK_BYTES;
const WITHDRAWN = -1;
const SPINS = 4096;
var Word = /* @__PURE__ */ ((Word2) => {
  Word2[Word2["Mutex"] = 0] = "Mutex";
  Word2[Word2["Count"] = 1] = "Count";
  Word2[Word2["Waiters"] = 2] = "Waiters";
  Word2[Word2["Version"] = 3] = "Version";
  return Word2;
})(Word || {});
class LockSlots {
  constructor(buffer = new SharedArrayBuffer(POOL_SLOTS * SLOT_BYTES)) {
    this.buffer = buffer;
    this.i32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
  }
  buffer;
  i32;
  f64;
  word(slot, w) {
    return slot * (SLOT_BYTES / 4) + w;
  }
  /** Takes the slot's mutex (critical sections last microseconds). */
  lock(slot) {
    const at = this.word(slot, 0 /* Mutex */);
    for (let n = 1; Atomics.compareExchange(this.i32, at, 0, 1) !== 0; n++) {
      if (n % SPINS === 0) Atomics.wait(this.i32, at, 1, 0.05);
    }
  }
  unlock(slot) {
    Atomics.store(this.i32, this.word(slot, 0 /* Mutex */), 0);
  }
  /** The slot's locks (mutex held); undefined once withdrawn. */
  read(slot) {
    const n = this.i32[this.word(slot, 1 /* Count */)];
    if (n === WITHDRAWN) return void 0;
    const out = [];
    let at = (slot * SLOT_BYTES + HEADER_BYTES) / 8;
    for (let i = 0; i < n; i++, at += LOCK_BYTES / 8) {
      out.push({ owner: this.f64[at], type: this.f64[at + 1], start: this.f64[at + 2], end: this.f64[at + 3] });
    }
    return out;
  }
  /** Stores the slot's locks (mutex held); false, with nothing stored, when they do not fit. */
  write(slot, locks) {
    if (locks.length > SLOT_LOCKS) return false;
    let at = (slot * SLOT_BYTES + HEADER_BYTES) / 8;
    for (const l of locks) {
      this.f64[at] = l.owner;
      this.f64[at + 1] = l.type;
      this.f64[at + 2] = l.start;
      this.f64[at + 3] = l.end;
      at += LOCK_BYTES / 8;
    }
    this.i32[this.word(slot, 1 /* Count */)] = locks.length;
    return true;
  }
  /** The locks went back to the vCPU's table: workers forward their calls on this file (mutex held). */
  withdraw(slot) {
    this.i32[this.word(slot, 1 /* Count */)] = WITHDRAWN;
  }
  /** A free slot again (no lend refers to it). */
  reset(slot) {
    this.i32[this.word(slot, 1 /* Count */)] = 0;
    this.i32[this.word(slot, 2 /* Waiters */)] = 0;
  }
  waiters(slot) {
    return this.i32[this.word(slot, 2 /* Waiters */)];
  }
  setWaiters(slot, n) {
    this.i32[this.word(slot, 2 /* Waiters */)] = n;
  }
  version(slot) {
    return this.i32[this.word(slot, 3 /* Version */)];
  }
  bump(slot) {
    const at = this.word(slot, 3 /* Version */);
    this.i32[at] = this.i32[at] + 1 | 0;
  }
}
export {
  LockSlots,
  POOL_SLOTS,
  SLOT_LOCKS,
  WITHDRAWN
};
