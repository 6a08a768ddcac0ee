// The machine-wide budget of host descriptors: every file a host mount opens holds a descriptor
// of the Node process, which has a limit of its own (often 1024 or 20,000). Guests share the
// budget; an open beyond it fails with ENFILE (the system-wide table is full), so no guest can
// take the descriptors the host and the other guests need. The per-process bound is the
// descriptor table's RLIMIT_NOFILE (EMFILE).
import { readFileSync } from 'node:fs';
import { Errno } from '../errno.js';
import type { FileSystem, OpenFile, OpenFlags } from './types.js';

export class HostFileBudget {
  private open = 0;

  /** At most `limit` files of host mounts open at once. */
  constructor(readonly limit: number = defaultHostFileLimit()) {}

  /** Files of host mounts open now. */
  get used(): number { return this.open; }

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
      if (this.open >= this.limit) return -Errno.ENFILE;
      const f = fs.open(path, flags);
      if (typeof f !== 'number') this.count(f);
      return f;
    };
    return counted as unknown as FileSystem;
  }

  private count(f: OpenFile): void {
    this.open++;
    const close = f.close;
    let closed = false;
    f.close = () => {
      if (!closed) {
        closed = true;
        this.open--;
      }
      close.call(f);
    };
  }
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
