// POSIX record locks (fcntl F_GETLK/F_SETLK/F_SETLKW) among the processes of one machine.
// Locks belong to an owner (a process id) and a file (its identity: the mount's device and the
// inode, so every descriptor and every open of the file meets the same locks). Byte ranges are
// shared (read) or exclusive (write); setting a lock over an owner's own locks replaces them there,
// splitting and merging ranges as POSIX says; an owner's locks on a file go when it closes any
// descriptor of that file and when it exits (the syscall layer tells us). Host-level locks are not
// taken: processes outside the machine do not see these locks.
import { WaitQueue } from '../wait_queue.js';
import type { OpenFile, Vfs } from './types.js';

export const enum LockType { Read = 0, Write = 1, Unlock = 2 }

/** One lock: [start, end) of a file held by `owner`; end is Infinity for "to the end, however far". */
export interface RecordLock {
  readonly owner: number;
  readonly type: LockType.Read | LockType.Write;
  readonly start: number;
  readonly end: number;
}

/** The locks on one file and the owners waiting for them to change (F_SETLKW). */
class FileLocks {
  /** Sorted by start; an owner's own ranges never overlap one another. */
  locks: RecordLock[] = [];
  /** Made on the first F_SETLKW that waits (most files never have a waiter). */
  waiters: WaitQueue | undefined;
}

/** Identities already asked for: an open file's device and inode never change. */
const keys = new WeakMap<OpenFile, string>();

/** The identity locks are keyed by: the file's device and inode; undefined when it has none. */
export function lockKey(file: OpenFile): string | undefined {
  let key = keys.get(file);
  if (key !== undefined) return key;
  const st = file.stat();
  if (typeof st === 'number') return undefined;
  key = `${st.dev}:${st.ino}`;
  keys.set(file, key);
  return key;
}

function conflicts(a: RecordLock, owner: number, type: LockType, start: number, end: number): boolean {
  return a.owner !== owner && a.start < end && start < a.end && (a.type === LockType.Write || type === LockType.Write);
}

export class RecordLocks {
  private readonly files = new Map<string, FileLocks>();
  /** The files each owner holds locks on. */
  private readonly owned = new Map<number, Set<string>>();

  /** F_GETLK: the first lock of another owner that would block this one, or undefined. */
  test(key: string, owner: number, type: LockType, start: number, end: number): RecordLock | undefined {
    const f = this.files.get(key);
    if (f === undefined) return undefined;
    return f.locks.find((l) => conflicts(l, owner, type, start, end));
  }

  /**
   * F_SETLK: sets (or with LockType.Unlock removes) `owner`'s lock on [start, end). False, with
   * nothing changed, when another owner's lock conflicts.
   */
  set(key: string, owner: number, type: LockType, start: number, end: number): boolean {
    let f = this.files.get(key);
    if (type !== LockType.Unlock && f !== undefined && this.test(key, owner, type, start, end) !== undefined) return false;
    if (f === undefined) {
      if (type === LockType.Unlock) return true;
      f = new FileLocks();
      this.files.set(key, f);
    }
    // The owner's ranges outside [start, end) stay (split at the edges); the new one goes in.
    const out: RecordLock[] = [];
    let changed = false;
    for (const l of f.locks) {
      if (l.owner !== owner || l.end <= start || l.start >= end) { out.push(l); continue; }
      changed = true;
      if (l.start < start) out.push({ owner, type: l.type, start: l.start, end: start });
      if (l.end > end) out.push({ owner, type: l.type, start: end, end: l.end });
    }
    if (type !== LockType.Unlock) {
      // Merge with the owner's adjacent ranges of the same type.
      let s = start, e = end;
      for (let i = out.length - 1; i >= 0; i--) {
        const l = out[i]!;
        if (l.owner !== owner || l.type !== type) continue;
        if (l.end === s) { s = l.start; out.splice(i, 1); } else if (l.start === e) { e = l.end; out.splice(i, 1); }
      }
      out.push({ owner, type, start: s, end: e });
      changed = true;
    }
    out.sort((a, b) => a.start - b.start);
    f.locks = out;
    this.account(key, owner, f);
    // A lock that went away or became shared may let a waiter in.
    if (changed) f.waiters?.wakeAll();
    return true;
  }

  /** Removes every lock of `owner` on the file (close of any of its descriptors). */
  releaseFile(key: string, owner: number): void {
    this.set(key, owner, LockType.Unlock, 0, Infinity);
  }

  /** Removes every lock of `owner` (process exit). */
  releaseAll(owner: number): void {
    for (const key of [...this.owned.get(owner) ?? []]) this.releaseFile(key, owner);
  }

  /** True when `owner` holds a lock on any file (so closes must look for its locks). */
  holdsAny(owner: number): boolean {
    return this.owned.has(owner);
  }

  /** F_SETLKW: calls `wake` once when the locks on the file change; returns the cancel function. */
  subscribe(key: string, wake: () => void): () => void {
    let f = this.files.get(key);
    if (f === undefined) { f = new FileLocks(); this.files.set(key, f); }
    return (f.waiters ??= new WaitQueue()).add(wake);
  }

  /** The locks on a file (tests, tracing). */
  locksOf(key: string): readonly RecordLock[] {
    return this.files.get(key)?.locks ?? [];
  }

  /** Keeps `owned` in step with `f` after a change of `owner`'s locks; forgets an unused file. */
  private account(key: string, owner: number, f: FileLocks): void {
    const has = f.locks.some((l) => l.owner === owner);
    let set = this.owned.get(owner);
    if (has) {
      if (set === undefined) { set = new Set(); this.owned.set(owner, set); }
      set.add(key);
    } else if (set !== undefined) {
      set.delete(key);
      if (set.size === 0) this.owned.delete(owner);
    }
    if (f.locks.length === 0 && (f.waiters?.size ?? 0) === 0) this.files.delete(key);
  }
}

/** One lock table per machine (its mount tree): processes of different machines never meet. */
const tables = new WeakMap<Vfs, RecordLocks>();

export function recordLocksOf(vfs: Vfs): RecordLocks {
  let t = tables.get(vfs);
  if (t === undefined) { t = new RecordLocks(); tables.set(vfs, t); }
  return t;
}
