// Write-behind of a decoupled program's pwrites to lent host files: the worker copies the bytes
// into a ring and returns at once; the machine's write-behind thread (write_behind_drainer.ts)
// makes the host writes, in order, contiguous ones as one pwritev. The program's core no longer
// waits for ~3 µs of host write per call, and the idle vCPU core does the work (FlexSC's
// "exception-less system calls", for the one call a database makes in bulk).
//
// What keeps this invisible to every guest:
// - any other call of the writing program first waits until the writes are made (waitWritten), so
//   its own reads, syncs, closes, locks and exits come after them, as Linux orders them;
// - any call of another decoupled program, and every host file operation on the vCPU (hostfs
//   calls hostIoBarrier), waits too, so no guest can see the file without them; a producer whose
//   writes would overtake another program's queued ones waits for those first;
// - a process with shared mappings never has lent files (process.ts lendableFile), so no write sits
//   here while a memory store tells another process it was made (SQLite's WAL index).
// A host error of a queued write is kept and returned by the descriptor's next fsync, fdatasync or
// close, as Linux reports writeback errors.
//
// Control (Int32, one per process: every ring shares it):
export const enum Ctl {
  /** Records queued in all rings and not yet written. */
  Pending = 0,
  /** The write-behind thread sleeps on Wake (1) or is at work (0). */
  Sleeping = 1,
  Wake = 2,
  /** Sweeps over all rings the thread has finished. */
  Pass = 3,
  /** Threads waiting in waitWritten (the thread notifies Pass only then). */
  Waiters = 4,
  /** Bumped when a ring was added or removed: the thread reads its port. */
  Generation = 5,
  /** The thread is running; before, and after it died, nothing is queued. */
  Ready = 6,
}
export const CONTROL_BYTES = 64;

// A ring (Int32 header, then the records): HeadPos is the producer's, the rest as named.
export const enum Ring {
  /** Next free byte (producer's own). */
  HeadPos = 0,
  /** Records queued, ever (producer) and written, ever (thread). */
  Produced = 1,
  Consumed = 2,
  /** Bytes taken by unwritten records and skipped ring ends. */
  Used = 3,
  /** Where the next record to write starts (the thread's own; read again if another takes over). */
  TailPos = 4,
  /** Per guest descriptor below ERROR_FDS: the errno of a failed queued write, until reported. */
  Errors = 16,
}
export const ERROR_FDS = 64;
const DATA = 512;
/** Bytes for records: the largest write queued is a quarter of it. */
export const RING_CAPACITY = 1024 * 1024;
export const RING_BYTES = DATA + RING_CAPACITY;
export const MAX_QUEUED_WRITE = RING_CAPACITY / 4;
/**
 * Writes ending beyond 1 TiB are made at once: a file system's largest file (ext4: 16 TiB) gives
 * EFBIG, which the write itself must report.
 */
const MAX_QUEUED_END = 2 ** 40;
/** A record: Int32 host descriptor (-1: the ring goes on at its start), guest descriptor, length, 0; Float64 offset; the bytes. */
const HEADER = 24;
/** Records one host write takes at most (Linux's IOV_MAX is 1024), and bytes: a full ring frees space a run at a time. */
const MAX_RUN = 256;
const MAX_RUN_BYTES = 128 * 1024;
const WRAP = -1;

/** How long waitWritten spins before it sleeps (ms). */
const SPIN_WAIT_MS = 0.2;

const recordBytes = (len: number): number => HEADER + ((len + 7) & ~7);

function wake(ctl: Int32Array): void {
  if (Atomics.load(ctl, Ctl.Sleeping) === 0) return;
  Atomics.store(ctl, Ctl.Sleeping, 0);
  Atomics.add(ctl, Ctl.Wake, 1);
  Atomics.notify(ctl, Ctl.Wake);
}

/**
 * Waits until every write queued (in any ring) before the call is made; at once when none is.
 * The thread's sweeps count: the second one to end after this call began covered all of them.
 */
export function waitWritten(ctl: Int32Array): void {
  if (Atomics.load(ctl, Ctl.Pending) === 0) return;
  const start = Atomics.load(ctl, Ctl.Pass);
  Atomics.add(ctl, Ctl.Waiters, 1);
  // The thread looks every POLL_MS while it idles: a waiter has it look now.
  Atomics.add(ctl, Ctl.Wake, 1);
  Atomics.notify(ctl, Ctl.Wake);
  try {
    const began = performance.now();
    for (let spins = 0; Atomics.load(ctl, Ctl.Pending) !== 0; spins++) {
      const pass = Atomics.load(ctl, Ctl.Pass);
      if (((pass - start) | 0) >= 2) return;
      // Spinning first: a burst is written within tens of µs, and a futex wake-up costs ~40.
      if ((spins & 63) !== 0 || performance.now() - began < SPIN_WAIT_MS) continue;
      wake(ctl);
      Atomics.wait(ctl, Ctl.Pass, pass, 1);
    }
  } finally {
    Atomics.sub(ctl, Ctl.Waiters, 1);
  }
}

/** The worker's side of its ring. */
export class RingWriter {
  private readonly r32: Int32Array;
  private readonly f64: Float64Array;
  private readonly bytes: Uint8Array;
  private head: number;
  private produced: number;
  /** Host inode number -> the count of records queued up to its last write (files with writes queued). */
  private readonly dirty = new Map<number, number>();

  constructor(readonly ctl: Int32Array, ring: SharedArrayBuffer) {
    this.r32 = new Int32Array(ring);
    this.f64 = new Float64Array(ring);
    this.bytes = new Uint8Array(ring);
    this.head = this.r32[Ring.HeadPos]!;
    this.produced = this.r32[Ring.Produced]!;
  }

  /**
   * Queues the write of `len` bytes of `src` at `ptr` to `hostFd` at `offset` (for guest
   * descriptor `fd`); false when it cannot be (too large, the thread not running): write it now.
   */
  queue(hostFd: number, fd: number, ino: number, src: Uint8Array, ptr: number, len: number, offset: number): boolean {
    const ctl = this.ctl;
    if (len > MAX_QUEUED_WRITE || offset + len > MAX_QUEUED_END || Atomics.load(ctl, Ctl.Ready) === 0) return false;
    const r32 = this.r32;
    // Another program's queued writes go first: this one may be ordered after them.
    if (this.othersQueued()) waitWritten(ctl);
    const need = recordBytes(len);
    let pos = this.head;
    // Not enough room before the ring's end: the record goes at its start, the rest is skipped.
    const wraps = RING_CAPACITY - pos < need;
    const skip = wraps ? RING_CAPACITY - pos : 0;
    if (RING_CAPACITY - Atomics.load(r32, Ring.Used) < need + skip && !this.awaitRoom(need + skip)) return false;
    if (wraps) {
      if (pos < RING_CAPACITY) r32[(DATA + pos) >> 2] = WRAP;
      pos = 0;
    }
    const at = DATA + pos;
    r32[at >> 2] = hostFd;
    r32[(at >> 2) + 1] = fd;
    r32[(at >> 2) + 2] = len;
    this.f64[(at + 16) >> 3] = offset;
    this.bytes.set(src.subarray(ptr, ptr + len), at + HEADER);
    this.head = pos + need;
    r32[Ring.HeadPos] = this.head;
    Atomics.add(r32, Ring.Used, need + skip);
    // Counted before it is published: whoever sees the record sees Pending too.
    Atomics.add(ctl, Ctl.Pending, 1);
    this.produced = (this.produced + 1) | 0;
    Atomics.store(r32, Ring.Produced, this.produced);
    this.dirty.set(ino, this.produced);
    wake(ctl);
    return true;
  }

  /** Waits until `bytes` of the ring are free (spinning first: the thread frees a run at a time); false if the thread stopped. */
  private awaitRoom(bytes: number): boolean {
    const r32 = this.r32, ctl = this.ctl;
    const began = performance.now();
    for (let spins = 0; RING_CAPACITY - Atomics.load(r32, Ring.Used) < bytes; spins++) {
      if (Atomics.load(ctl, Ctl.Ready) === 0) return false;
      if ((spins & 63) !== 0 || performance.now() - began < SPIN_WAIT_MS) continue;
      wake(ctl);
      Atomics.add(ctl, Ctl.Waiters, 1);
      Atomics.wait(r32, Ring.Used, Atomics.load(r32, Ring.Used), 1);
      Atomics.sub(ctl, Ctl.Waiters, 1);
    }
    return true;
  }

  /**
   * Before a read or stat of the file with host inode `ino` made on this core: waits for the
   * queued writes if one of them is to that file, or another program has writes queued.
   */
  beforeRead(ino: number): void {
    const ctl = this.ctl;
    const pending = Atomics.load(ctl, Ctl.Pending);
    if (pending === 0) {
      if (this.dirty.size !== 0) this.dirty.clear();
      return;
    }
    const last = this.dirty.get(ino);
    if ((last !== undefined && ((last - Atomics.load(this.r32, Ring.Consumed)) | 0) > 0) || this.othersQueued()) waitWritten(ctl);
  }

  /**
   * Whether another ring has writes queued. Pending is read before Consumed, and the thread counts
   * a record consumed before it takes it off Pending: a difference is never missed, but one seen
   * while the thread is between the two is read again.
   */
  private othersQueued(): boolean {
    for (let k = 0; k < 8; k++) {
      const pending = Atomics.load(this.ctl, Ctl.Pending);
      if (pending === ((this.produced - Atomics.load(this.r32, Ring.Consumed)) | 0)) return false;
    }
    return true;
  }

  /** The errno (positive) a queued write to `fd` failed with, taken: 0 if none. */
  takeError(fd: number): number {
    if (fd >>> 0 >= ERROR_FDS) return 0;
    return Atomics.exchange(this.r32, Ring.Errors + fd, 0);
  }
}

/** The thread's (or, without one, the vCPU's) side of a ring. */
export class RingReader {
  private readonly r32: Int32Array;
  private readonly f64: Float64Array;
  private readonly bytes: Uint8Array;
  private tail: number;
  private consumed: number;

  constructor(private readonly ctl: Int32Array, readonly buffer: SharedArrayBuffer) {
    this.r32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.bytes = new Uint8Array(buffer);
    this.consumed = this.r32[Ring.Consumed]!;
    this.tail = this.r32[Ring.TailPos]!;
  }

  /**
   * Makes the queued writes, runs of contiguous ones to one file as one host write; the number of
   * records written. `writev(fd, buffers, offset)` returns the bytes written or throws.
   */
  drain(writev: (fd: number, buffers: Uint8Array[], offset: number) => number, errnoOf: (e: unknown) => number): number {
    const r32 = this.r32;
    const produced = Atomics.load(r32, Ring.Produced);
    let done = 0;
    while (this.consumed !== produced) {
      let freed = 0;
      if (this.tail === RING_CAPACITY || r32[(DATA + this.tail) >> 2] === WRAP) {
        freed = RING_CAPACITY - this.tail;
        this.tail = 0;
      }
      // A run: records to one host descriptor, each where the last ended, up to MAX_RUN of them.
      const first = DATA + this.tail;
      const hostFd = r32[first >> 2]!, fd = r32[(first >> 2) + 1]!, offset = this.f64[(first + 16) >> 3]!;
      const buffers: Uint8Array[] = [];
      let end = offset, n = 0, pos = this.tail;
      while (n < MAX_RUN && end - offset < MAX_RUN_BYTES && ((this.consumed + n) | 0) !== produced && pos < RING_CAPACITY) {
        const at = DATA + pos;
        if (r32[at >> 2] !== hostFd || this.f64[(at + 16) >> 3] !== end) break;
        const len = r32[(at >> 2) + 2]!;
        buffers.push(this.bytes.subarray(at + HEADER, at + HEADER + len));
        end += len;
        pos += recordBytes(len);
        freed += recordBytes(len);
        n++;
      }
      this.write(hostFd, fd, buffers, offset, end - offset, writev, errnoOf);
      this.tail = pos;
      r32[Ring.TailPos] = pos;
      this.consumed = (this.consumed + n) | 0;
      done += n;
      Atomics.store(r32, Ring.Consumed, this.consumed);
      Atomics.sub(this.ctl, Ctl.Pending, n);
      Atomics.sub(r32, Ring.Used, freed);
      if (Atomics.load(this.ctl, Ctl.Waiters) !== 0) Atomics.notify(r32, Ring.Used);
    }
    return done;
  }

  /** Writes the run whole (a short host write goes on where it stopped); an error is kept for the descriptor. */
  private write(hostFd: number, fd: number, buffers: Uint8Array[], offset: number, total: number,
    writev: (fd: number, buffers: Uint8Array[], offset: number) => number, errnoOf: (e: unknown) => number): void {
    let written = 0;
    try {
      while (written < total) {
        const n = writev(hostFd, written === 0 ? buffers : rest(buffers, written), offset + written);
        if (n <= 0) throw Object.assign(new Error('no progress'), { code: 'EIO' });
        written += n;
      }
    } catch (e) {
      if (fd >>> 0 < ERROR_FDS) Atomics.compareExchange(this.r32, Ring.Errors + fd, 0, errnoOf(e));
    }
  }
}

/** `buffers` without their first `skip` bytes. */
function rest(buffers: Uint8Array[], skip: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const b of buffers) {
    if (skip >= b.length) { skip -= b.length; continue; }
    out.push(skip > 0 ? b.subarray(skip) : b);
    skip = 0;
  }
  return out;
}
