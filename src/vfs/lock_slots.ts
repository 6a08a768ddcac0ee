// Record locks kept in shared memory: while a decoupled program's worker may take a file's locks
// itself (fcntl on its own core), that file's locks live in a slot of this pool, which the vCPU
// and every worker change only under the slot's mutex. A machine has one pool (record_locks.ts).
//
//   slot (SLOT_BYTES)   what
//   0   Int32           mutex: 0 free, 1 held
//   4   Int32           count of locks, or WITHDRAWN (the locks went back to the vCPU's table)
//   8   Int32           owners waiting in F_SETLKW (on the vCPU): a worker forwards changes then
//   12  Int32           version: bumped by every change (a waiter compares it, see subscribe)
//   32  Float64 x 4     per lock: owner, type, start, end (Infinity: to the end)
import type { LockType, RecordLock } from './record_locks.js';

/** Locks a slot holds at most; a change that needs more is made on the vCPU (the slot withdrawn). */
export const SLOT_LOCKS = 32;
export const POOL_SLOTS = 64;
const HEADER_BYTES = 32;
const LOCK_BYTES = 32;
const SLOT_BYTES = HEADER_BYTES + SLOT_LOCKS * LOCK_BYTES;
export const WITHDRAWN = -1;
/** Spins on a held mutex before sleeping a little (its holder may have lost its core). */
const SPINS = 4096;

const enum Word { Mutex = 0, Count = 1, Waiters = 2, Version = 3 }

export class LockSlots {
  readonly i32: Int32Array;
  private readonly f64: Float64Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(POOL_SLOTS * SLOT_BYTES)) {
    this.i32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
  }

  private word(slot: number, w: Word): number { return slot * (SLOT_BYTES / 4) + w; }

  /** Takes the slot's mutex (critical sections last microseconds). */
  lock(slot: number): void {
    const at = this.word(slot, Word.Mutex);
    for (let n = 1; Atomics.compareExchange(this.i32, at, 0, 1) !== 0; n++) {
      if (n % SPINS === 0) Atomics.wait(this.i32, at, 1, 0.05);
    }
  }

  unlock(slot: number): void {
    Atomics.store(this.i32, this.word(slot, Word.Mutex), 0);
  }

  /** The slot's locks (mutex held); undefined once withdrawn. */
  read(slot: number): RecordLock[] | undefined {
    const n = this.i32[this.word(slot, Word.Count)]!;
    if (n === WITHDRAWN) return undefined;
    const out: RecordLock[] = [];
    let at = (slot * SLOT_BYTES + HEADER_BYTES) / 8;
    for (let i = 0; i < n; i++, at += LOCK_BYTES / 8) {
      out.push({ owner: this.f64[at]!, type: this.f64[at + 1]! as LockType.Read | LockType.Write, start: this.f64[at + 2]!, end: this.f64[at + 3]! });
    }
    return out;
  }

  /** Stores the slot's locks (mutex held); false, with nothing stored, when they do not fit. */
  write(slot: number, locks: readonly RecordLock[]): boolean {
    if (locks.length > SLOT_LOCKS) return false;
    let at = (slot * SLOT_BYTES + HEADER_BYTES) / 8;
    for (const l of locks) {
      this.f64[at] = l.owner;
      this.f64[at + 1] = l.type;
      this.f64[at + 2] = l.start;
      this.f64[at + 3] = l.end;
      at += LOCK_BYTES / 8;
    }
    this.i32[this.word(slot, Word.Count)] = locks.length;
    return true;
  }

  /** The locks went back to the vCPU's table: workers forward their calls on this file (mutex held). */
  withdraw(slot: number): void { this.i32[this.word(slot, Word.Count)] = WITHDRAWN; }

  /** A free slot again (no lend refers to it). */
  reset(slot: number): void {
    this.i32[this.word(slot, Word.Count)] = 0;
    this.i32[this.word(slot, Word.Waiters)] = 0;
  }

  waiters(slot: number): number { return this.i32[this.word(slot, Word.Waiters)]!; }
  setWaiters(slot: number, n: number): void { this.i32[this.word(slot, Word.Waiters)] = n; }
  version(slot: number): number { return this.i32[this.word(slot, Word.Version)]!; }
  bump(slot: number): void {
    const at = this.word(slot, Word.Version);
    this.i32[at] = (this.i32[at]! + 1) | 0;
  }
}
