// What a program asks for as it starts, answered on a decoupled program's own core: its arguments
// and environment (fixed for the program's life) and the preopened directories (fd_prestat_get,
// fd_prestat_dir_name). A libl4posix program looks at the preopens three times before main (wasi-libc's
// table, preopen_move.c, cwd.c): some 20 calls that, forwarded, each waited for the vCPU (~0.3 ms
// while both sides still sleep between them) — most of a short program's start.
//
// The preopens change only with the program's own descriptor table: at a forwarded call (the
// vCPU publishes them again before its reply when the table changed) or at a close the worker
// defers (it drops that descriptor from the table itself).
//
//   Int32 0         how many preopens follow (-1: none published: every call is forwarded)
//   Int32 1 + 3i    preopen i: its descriptor, its name's offset (bytes from NAMES_AT) and length
//   bytes NAMES_AT  the names, as fd_prestat_dir_name gives them
import { Errno } from '../errno.js';

const MAX_PREOPENS = 32;
const NAMES_AT = (1 + 3 * MAX_PREOPENS) * 4;
const TABLE_BYTES = 4096;

/** The vCPU's side: the table it publishes for the worker. */
export class PreopenTable {
  readonly buffer = new SharedArrayBuffer(TABLE_BYTES);
  private readonly i32 = new Int32Array(this.buffer);
  private readonly u8 = new Uint8Array(this.buffer);
  private published = -1;

  constructor() { this.i32[0] = -1; }

  /**
   * Publishes `list()` when the table's version moved since the last time (only while the worker
   * waits for a reply, or before it starts). More preopens or longer names than fit: none, and
   * the worker forwards.
   */
  update(version: number, list: () => readonly { fd: number; name: Uint8Array }[]): void {
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

/** What the worker's answers need of it. */
export interface StartupContext {
  /** Whether bytes up to `end` lie in the program's memory (views renewed if it grew). */
  inMemory(end: number): boolean;
  view(): DataView;
  bytes(): Uint8Array;
  /** Signals wait, or the process is stopped: the call goes to the vCPU. */
  pending(): boolean;
  /** Counts a call answered here (Slot.LocalIo). */
  answered(): void;
}

type Forward = (...a: (number | bigint)[]) => number | bigint | undefined;

/** A list of strings as the program receives them (wasi_state.ts StringList, as a message carries it). */
export interface EncodedList { readonly encoded: readonly Uint8Array[]; readonly bufSize: number }

/** The worker's side: answers from the published table, the arguments and the environment. */
export class StartupAnswers {
  private readonly i32: Int32Array | undefined;
  private readonly u8: Uint8Array | undefined;

  constructor(private readonly c: StartupContext, preopens: SharedArrayBuffer | undefined,
    private readonly args: EncodedList | undefined, private readonly env: EncodedList | undefined) {
    this.i32 = preopens && new Int32Array(preopens);
    this.u8 = preopens && new Uint8Array(preopens);
  }

  /** The preopen entry's index for `fd`: -1 none (EBADF), -2 no table (forward). */
  private entryOf(fd: number): number {
    const i32 = this.i32;
    const n = i32 === undefined ? -1 : i32[0]!;
    if (n < 0) return -2;
    for (let i = 0; i < n; i++) if (i32![1 + 3 * i] === fd) return i;
    return -1;
  }

  /** A close the worker deferred: `fd` announces nothing any more. */
  closed(fd: number): void {
    const i = this.entryOf(fd);
    if (i >= 0) this.i32![1 + 3 * i] = -1;
  }

  prestat(forward: Forward): Forward {
    return ((fd: number, ptr: number) => {
      const i = this.entryOf(fd);
      const at = ptr >>> 0;
      if (i === -2 || this.c.pending() || (i >= 0 && !this.c.inMemory(at + 8))) return forward(fd, ptr);
      this.c.answered();
      if (i < 0) return Errno.EBADF;
      // abi.ts Prestat: the tag (a directory, 0) in a u32, then the name's length.
      this.c.view().setUint32(at, 0, true);
      this.c.view().setUint32(at + 4, this.i32![3 + 3 * i]!, true);
      return 0;
    }) as Forward;
  }

  prestatName(forward: Forward): Forward {
    return ((fd: number, ptr: number, len: number) => {
      const i = this.entryOf(fd);
      const at = ptr >>> 0;
      const from = i >= 0 ? this.i32![2 + 3 * i]! : 0, n = i >= 0 ? this.i32![3 + 3 * i]! : 0;
      const fits = len >>> 0 >= n;
      if (i === -2 || this.c.pending() || (i >= 0 && fits && !this.c.inMemory(at + n))) return forward(fd, ptr, len);
      this.c.answered();
      if (i < 0) return Errno.EBADF;
      if (!fits) return Errno.ENAMETOOLONG;
      this.c.bytes().set(this.u8!.subarray(NAMES_AT + from, NAMES_AT + from + n), at);
      return 0;
    }) as Forward;
  }

  /** args_sizes_get / environ_sizes_get. */
  sizes(which: 'args' | 'env'): (forward: Forward) => Forward {
    const list = which === 'args' ? this.args : this.env;
    return (forward) => ((countPtr: number, sizePtr: number) => {
      const c = countPtr >>> 0, s = sizePtr >>> 0;
      if (list === undefined || this.c.pending() || !this.c.inMemory(c + 4) || !this.c.inMemory(s + 4)) return forward(countPtr, sizePtr);
      this.c.view().setUint32(c, list.encoded.length, true);
      this.c.view().setUint32(s, list.bufSize, true);
      this.c.answered();
      return 0;
    }) as Forward;
  }

  /** args_get / environ_get: the pointer array, the strings packed after each other. */
  list(which: 'args' | 'env'): (forward: Forward) => Forward {
    const list = which === 'args' ? this.args : this.env;
    return (forward) => ((ptrs: number, buf: number) => {
      const p = ptrs >>> 0, b = buf >>> 0;
      if (list === undefined || this.c.pending() || !this.c.inMemory(p + list.encoded.length * 4) || !this.c.inMemory(b + list.bufSize)) {
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
    }) as Forward;
  }
}
