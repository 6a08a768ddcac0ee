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
   * The file system with its opens counted against this budget: the same object for every other
   * operation (so it stays what it is, e.g. for instanceof), open() answers ENFILE at the limit,
   * and each opened file gives its place back when it is closed.
   */
  wrap(fs: FileSystem): FileSystem {
    return new Proxy(fs, {
      get: (target, key, receiver) => {
        if (key !== 'open') return Reflect.get(target, key, receiver);
        return (path: readonly string[], flags: OpenFlags): OpenFile | number => {
          if (this.open >= this.limit) return -Errno.ENFILE;
          const f = target.open.call(receiver, path, flags);
          if (typeof f !== 'number') this.count(f);
          return f;
        };
      },
    });
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
