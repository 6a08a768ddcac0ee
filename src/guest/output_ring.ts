// A decoupled program's console output, written on its own core: a single-producer,
// single-consumer ring of records in shared memory. The worker appends what the program writes
// to a console descriptor the vCPU lent it and returns at once; the vCPU drains the ring into the
// console before it serves the program's next forwarded call, when the worker rings it (once per
// drain), and when the program ends. So the program's output keeps its order with everything
// else it does (every other call, a child it starts, its exit), without a crossing per write: a
// program that prints line by line made one forwarded call per line.
//
//   bytes   what
//   0..15   Int32 head (the worker's), tail (the vCPU's), lent descriptors (bit per fd), rung
//   64..    records: Uint32 fd, Uint32 length, the bytes, padded to 4; PAD at an end too short for the next

const HEADER_BYTES = 64;
/** Bytes of records the ring holds. */
export const RING_BYTES = 64 * 1024;
/** Largest write the worker puts in the ring; a larger one is forwarded. */
export const MAX_RECORD = 16 * 1024;
/** Descriptors below this may be lent (one bit each). */
export const RING_FDS = 32;

const enum H { Head = 0, Tail = 1, Lent = 2, Rung = 3 }
/** A record at the ring's end that says: the next one starts at 0. */
const PAD = 0xffffffff;

const align4 = (n: number) => (n + 3) & ~3;

export class OutputRing {
  readonly buffer: SharedArrayBuffer;
  private readonly i32: Int32Array;
  private readonly u32: Uint32Array;
  /** The records' bytes (offset 0 is the first record byte). */
  readonly bytes: Uint8Array;
  /** The worker's next head, between reserve() and publish(). */
  private next = -1;

  constructor(buffer = new SharedArrayBuffer(HEADER_BYTES + RING_BYTES)) {
    this.buffer = buffer;
    this.i32 = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    this.u32 = new Uint32Array(buffer, HEADER_BYTES, RING_BYTES / 4);
    this.bytes = new Uint8Array(buffer, HEADER_BYTES, RING_BYTES);
  }

  // ---- the worker's side

  /** Whether writes to `fd` go into the ring. */
  lent(fd: number): boolean {
    return fd >>> 0 < RING_FDS && (Atomics.load(this.i32, H.Lent) & (1 << fd)) !== 0;
  }

  /**
   * Room for a record of `len` bytes for `fd`: the offset in `bytes` where its data goes, or -1
   * when the ring has no room (the write is forwarded: the vCPU drains the ring first). Then
   * publish().
   */
  reserve(fd: number, len: number): number {
    const head = this.i32[H.Head]!;
    const tail = Atomics.load(this.i32, H.Tail);
    // One word stays free: head === tail means empty.
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
  publish(): boolean {
    Atomics.store(this.i32, H.Head, this.next);
    return Atomics.load(this.i32, H.Rung) === 0 && Atomics.exchange(this.i32, H.Rung, 1) === 0;
  }

  // ---- the vCPU's side

  /** Lends `fd` (its writes go into the ring) or takes it back. */
  setLent(fd: number, on: boolean): void {
    if (fd >>> 0 >= RING_FDS) return;
    if (on) Atomics.or(this.i32, H.Lent, 1 << fd);
    else Atomics.and(this.i32, H.Lent, ~(1 << fd));
  }

  pending(): boolean {
    return Atomics.load(this.i32, H.Head) !== this.i32[H.Tail];
  }

  /** Hands every record to `write` in order, consecutive ones of one descriptor as one, and frees them. */
  drain(write: (fd: number, bytes: Uint8Array) => void): void {
    // Cleared before the head is read: a record published after that read rings again.
    Atomics.store(this.i32, H.Rung, 0);
    const head = Atomics.load(this.i32, H.Head);
    let at = this.i32[H.Tail]!;
    let runFd = -1;
    let run: Uint8Array[] = [];
    const flush = () => {
      if (run.length === 0) return;
      if (run.length === 1) write(runFd, run[0]!);
      else {
        const all = new Uint8Array(run.reduce((n, r) => n + r.length, 0));
        let o = 0;
        for (const r of run) { all.set(r, o); o += r.length; }
        write(runFd, all);
      }
      run = [];
    };
    while (at !== head) {
      const fd = this.u32[at >> 2]!;
      if (fd === PAD) { at = 0; continue; }
      const len = this.u32[(at >> 2) + 1]!;
      if (fd !== runFd) { flush(); runFd = fd; }
      run.push(this.bytes.slice(at + 8, at + 8 + len));
      at = (at + align4(8 + len)) % RING_BYTES;
    }
    flush();
    Atomics.store(this.i32, H.Tail, head);
  }
}
