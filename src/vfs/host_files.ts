// The machine-wide budget of host descriptors: every file a host mount opens holds a descriptor
// of the Node process, which has a limit of its own (often 1024 or 20,000). Guests share the
// budget; an open beyond it fails with ENFILE (the system-wide table is full), so no guest can
// take the descriptors the host and the other guests need. The per-process bound is the
// descriptor table's RLIMIT_NOFILE (EMFILE).
import { readFileSync } from 'node:fs';
import { Errno } from '../errno.js';
import type { FileSystem, OpenFile, OpenFlags } from './types.js';

export class HostFileBudget {
  /**
   * Int32 0: files open now; 1: the limit. Shared: a decoupled program's worker takes a place
   * itself before it opens a file in a lent mount root (takeHostFile), which the vCPU adopts later.
   */
  readonly shared = new SharedArrayBuffer(8);
  private readonly count32 = new Int32Array(this.shared);

  /** At most `limit` files of host mounts open at once. */
  constructor(readonly limit: number = defaultHostFileLimit()) {
    this.count32[1] = limit;
  }

  /** Files of host mounts open now. */
  get used(): number { return Atomics.load(this.count32, 0); }

  /**
   * The file system with its opens counted against this budget: an object that inherits from `fs`
   * (so it stays what it is, e.g. for instanceof and its name) whose methods run on `fs` itself,
   * open() answering ENFILE at the limit; each opened file gives its place back when it is closed.
   * Not a Proxy: a trap would run on every property access inside the back end's methods too
   * (they would see the proxy as `this`), which cost hostfs calls several microseconds each.
   */
  wrap(fs: FileSystem): FileSystem {
    const counted = Object.create(fs) as Record<string, unknown>;
    // Every method, own or inherited, bound to `fs`: state a back end keeps stays on one object.
    for (let o: object | null = fs; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
      for (const key of Object.getOwnPropertyNames(o)) {
        if (key === 'constructor' || Object.hasOwn(counted, key)) continue;
        const value = Object.getOwnPropertyDescriptor(o, key)?.value;
        if (typeof value === 'function') counted[key] = value.bind(fs);
      }
    }
    counted.open = (path: readonly string[], flags: OpenFlags): OpenFile | number => {
      if (!takeHostFile(this.shared)) return -Errno.ENFILE;
      const f = fs.open(path, flags);
      if (typeof f === 'number') giveHostFile(this.shared);
      else this.releaseAtClose(f);
      return f;
    };
    if (fs.adoptHostFile !== undefined) {
      const adopt = fs.adoptHostFile.bind(fs);
      // Its place was taken by the thread that opened it (takeHostFile on `shared`).
      counted.adoptHostFile = (fd: number, directory: boolean, read: boolean, write: boolean): OpenFile => {
        const f = adopt(fd, directory, read, write);
        this.releaseAtClose(f);
        return f;
      };
      counted.hostFileBudget = this.shared;
    }
    return counted as unknown as FileSystem;
  }

  private releaseAtClose(f: OpenFile): void {
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

/** The Int32 view of a budget's shared count, made once per buffer and thread. */
const views = new WeakMap<SharedArrayBuffer, Int32Array>();
function countOf(shared: SharedArrayBuffer): Int32Array {
  let c = views.get(shared);
  if (c === undefined) views.set(shared, (c = new Int32Array(shared)));
  return c;
}

/** Takes a place in a budget's shared count (HostFileBudget.shared) for a file about to be opened; false at the limit. */
export function takeHostFile(shared: SharedArrayBuffer): boolean {
  const c = countOf(shared);
  for (;;) {
    const n = Atomics.load(c, 0);
    if (n >= c[1]!) return false;
    if (Atomics.compareExchange(c, 0, n, n + 1) === n) return true;
  }
}

/** Gives a place back (the file was closed, or not opened after all). */
export function giveHostFile(shared: SharedArrayBuffer): void {
  Atomics.sub(countOf(shared), 0, 1);
}

/**
 * Half of the Node process's own descriptor limit (the host keeps the rest), at most 4096;
 * 512 where the limit cannot be read.
 */
export function defaultHostFileLimit(): number {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) return Math.max(16, Math.min(4096, Math.floor(Number(m[1]) / 2)));
  } catch { /* not Linux */ }
  return 512;
}
