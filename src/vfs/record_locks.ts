// POSIX record locks (fcntl F_GETLK/F_SETLK/F_SETLKW) among the processes of one machine.
// Locks belong to an owner (a process id) and a file (its identity: the mount's device and the
// inode, so every descriptor and every open of the file meets the same locks). Byte ranges are
// shared (read) or exclusive (write); setting a lock over an owner's own locks replaces them there,
// splitting and merging ranges as POSIX says; an owner's locks on a file go when it closes any
// descriptor of that file and when it exits (the syscall layer tells us). Host-level locks are not
// taken: processes outside the machine do not see these locks. While a decoupled program's worker
// may take a file's locks on its own core, they live in a shared slot (lock_slots.ts, share).
import { WaitQueue } from '../wait_queue.js';
import type { OpenFile, Vfs } from './types.js';
import { LockSlots, POOL_SLOTS, SLOT_LOCKS } from './lock_slots.js';

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
  /** Sorted by start; an owner's own ranges never overlap one another. Empty while in a slot. */
  locks: RecordLock[] = [];
  /** Made on the first F_SETLKW that waits (most files never have a waiter). */
  waiters: WaitQueue | undefined;
  /** The shared slot the locks live in while workers may take them (share), and how many lends use it. */
  slot: number | undefined;
  lends = 0;
  /** The slot's version when a set on the vCPU last failed (subscribe compares it). */
  failedAt = 0;
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

/** The first lock of another owner that `owner`'s lock of `type` on [start, end) conflicts with. */
export function conflictIn(locks: readonly RecordLock[], owner: number, type: LockType, start: number, end: number): RecordLock | undefined {
  return locks.find((l) => conflicts(l, owner, type, start, end));
}

/**
 * `locks` with `owner`'s lock of `type` (or LockType.Unlock: none) on [start, end): the owner's
 * ranges outside it stay (split at the edges), adjacent ranges of the same type merge. `changed`
 * says whether waiters may have something new to see.
 */
export function withLock(locks: readonly RecordLock[], owner: number, type: LockType, start: number, end: number): { locks: RecordLock[]; changed: boolean } {
  const out: RecordLock[] = [];
  let changed = false;
  for (const l of locks) {
    if (l.owner !== owner || l.end <= start || l.start >= end) { out.push(l); continue; }
    changed = true;
    if (l.start < start) out.push({ owner, type: l.type, start: l.start, end: start });
    if (l.end > end) out.push({ owner, type: l.type, start: end, end: l.end });
  }
  if (type !== LockType.Unlock) {
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
  return { locks: out, changed };
}

export class RecordLocks {
  private readonly files = new Map<string, FileLocks>();
  /** The files each owner holds locks on (but those its worker took in a slot: see sharers). */
  private readonly owned = new Map<number, Set<string>>();
  /** Owners whose workers may take locks themselves, with how many of their descriptors may. */
  private readonly sharers = new Map<number, number>();
  private pool: LockSlots | undefined;
  private readonly freeSlots: number[] = [];

  /** The shared slots (made on first use), for decoupled programs' workers. */
  slots(): LockSlots {
    if (this.pool === undefined) {
      this.pool = new LockSlots();
      for (let i = POOL_SLOTS - 1; i >= 0; i--) this.freeSlots.push(i);
    }
    return this.pool;
  }

  /** Runs `fn` on the file's current locks (its slot's, under the slot's mutex, while it has one). */
  private withCurrent<T>(f: FileLocks, fn: (locks: readonly RecordLock[]) => T): T {
    if (f.slot === undefined) return fn(f.locks);
    const pool = this.pool!;
    pool.lock(f.slot);
    try {
      return fn(pool.read(f.slot) ?? f.locks);
    } finally {
      pool.unlock(f.slot);
    }
  }

  /** F_GETLK: the first lock of another owner that would block this one, or undefined. */
  test(key: string, owner: number, type: LockType, start: number, end: number): RecordLock | undefined {
    const f = this.files.get(key);
    if (f === undefined) return undefined;
    return this.withCurrent(f, (locks) => conflictIn(locks, owner, type, start, end));
  }

  /**
   * F_SETLK: sets (or with LockType.Unlock removes) `owner`'s lock on [start, end). False, with
   * nothing changed, when another owner's lock conflicts.
   */
  set(key: string, owner: number, type: LockType, start: number, end: number): boolean {
    let f = this.files.get(key);
    if (f === undefined) {
      if (type === LockType.Unlock) return true;
      f = new FileLocks();
      this.files.set(key, f);
    }
    const file = f;
    const r = this.withCurrent(file, (locks) => {
      if (type !== LockType.Unlock && conflictIn(locks, owner, type, start, end) !== undefined) {
        if (file.slot !== undefined) file.failedAt = this.pool!.version(file.slot);
        return undefined;
      }
      const next = withLock(locks, owner, type, start, end);
      this.store(file, next.locks, next.changed);
      return next;
    });
    if (r === undefined) return false;
    this.account(key, owner, f, r.locks);
    // A lock that went away or became shared may let a waiter in.
    if (r.changed) this.wakeWaiters(f);
    return true;
  }

  /** Stores a file's new locks: in its slot while it has one and they fit, else here (the slot withdrawn). Slot mutex held. */
  private store(f: FileLocks, locks: RecordLock[], changed: boolean): void {
    if (f.slot === undefined) { f.locks = locks; return; }
    const pool = this.pool!;
    if (changed) pool.bump(f.slot);
    if (pool.read(f.slot) !== undefined && pool.write(f.slot, locks)) return;
    pool.withdraw(f.slot);
    f.locks = locks;
  }

  private wakeWaiters(f: FileLocks): void {
    f.waiters?.wakeAll();
    this.syncWaiters(f);
  }

  /** The slot's count of waiters follows the queue's: a worker forwards its changes while there are some. */
  private syncWaiters(f: FileLocks): void {
    if (f.slot === undefined) return;
    const pool = this.pool!;
    pool.lock(f.slot);
    pool.setWaiters(f.slot, f.waiters?.size ?? 0);
    pool.unlock(f.slot);
  }

  /** Removes every lock of `owner` on the file (close of any of its descriptors). */
  releaseFile(key: string, owner: number): void {
    this.set(key, owner, LockType.Unlock, 0, Infinity);
  }

  /** Removes every lock of `owner` (process exit). */
  releaseAll(owner: number): void {
    const keys = new Set(this.owned.get(owner) ?? []);
    if (this.sharers.has(owner)) for (const [key, f] of this.files) if (f.slot !== undefined) keys.add(key);
    for (const key of keys) this.releaseFile(key, owner);
  }

  /** Whether `owner` may hold a lock on the file: it holds one the table counts, or a worker may take them in a slot. */
  mayHold(key: string, owner: number): boolean {
    return this.owned.get(owner)?.has(key) === true || this.files.get(key)?.slot !== undefined;
  }

  /** True when `owner` may hold a lock on any file (so closes must look for its locks). */
  holdsAny(owner: number): boolean {
    return this.owned.has(owner) || this.sharers.has(owner);
  }

  /** F_SETLKW: calls `wake` once when the locks on the file change; returns the cancel function. */
  subscribe(key: string, wake: () => void): () => void {
    let f = this.files.get(key);
    if (f === undefined) { f = new FileLocks(); this.files.set(key, f); }
    const file = f;
    const cancel = (file.waiters ??= new WaitQueue()).add(wake);
    if (file.slot !== undefined) {
      this.syncWaiters(file);
      // A worker changed the locks between the failed set and now (it saw no waiter): look again.
      if (this.pool!.version(file.slot) !== file.failedAt) this.wakeWaiters(file);
    }
    return () => { cancel(); this.syncWaiters(file); };
  }

  /**
   * A worker of `owner` may take the file's locks itself from now on: the slot they live in, or
   * undefined when none is free or they do not fit one. Each share is ended by one unshare.
   */
  share(key: string, owner: number): number | undefined {
    let f = this.files.get(key);
    if (f === undefined) { f = new FileLocks(); this.files.set(key, f); }
    const pool = this.slots();
    if (f.slot === undefined) {
      const slot = this.freeSlots.pop();
      if (slot === undefined || f.locks.length > SLOT_LOCKS) {
        if (slot !== undefined) this.freeSlots.push(slot);
        if (f.locks.length === 0 && (f.waiters?.size ?? 0) === 0) this.files.delete(key);
        return undefined;
      }
      pool.reset(slot);
      pool.write(slot, f.locks);
      pool.setWaiters(slot, f.waiters?.size ?? 0);
      f.slot = slot;
      f.locks = [];
    }
    f.lends++;
    this.sharers.set(owner, (this.sharers.get(owner) ?? 0) + 1);
    return f.slot;
  }

  /** Ends one share: with the last, the locks come back here (the worker no longer uses the slot). */
  unshare(key: string, owner: number): void {
    const f = this.files.get(key);
    if (f?.slot === undefined) return;
    const n = (this.sharers.get(owner) ?? 1) - 1;
    if (n > 0) this.sharers.set(owner, n); else this.sharers.delete(owner);
    const pool = this.pool!;
    const slot = f.slot;
    if (--f.lends > 0) {
      // The locks this owner's worker took are counted as any other's from now on.
      this.account(key, owner, f, this.withCurrent(f, (locks) => [...locks]));
      return;
    }
    pool.lock(slot);
    f.locks = pool.read(slot) ?? f.locks;
    pool.reset(slot);
    pool.unlock(slot);
    f.slot = undefined;
    this.freeSlots.push(slot);
    // Locks workers took are counted as any other now.
    const owners = new Set(f.locks.map((l) => l.owner)).add(owner);
    for (const o of owners) this.account(key, o, f, f.locks);
  }

  /** The locks on a file (tests, tracing). */
  locksOf(key: string): readonly RecordLock[] {
    const f = this.files.get(key);
    return f === undefined ? [] : this.withCurrent(f, (locks) => [...locks]);
  }

  /** Keeps `owned` in step with `f` after a change of `owner`'s locks; forgets an unused file. */
  private account(key: string, owner: number, f: FileLocks, locks: readonly RecordLock[]): void {
    const has = locks.some((l) => l.owner === owner);
    let set = this.owned.get(owner);
    if (has) {
      if (set === undefined) { set = new Set(); this.owned.set(owner, set); }
      set.add(key);
    } else if (set !== undefined) {
      set.delete(key);
      if (set.size === 0) this.owned.delete(owner);
    }
    if (f.slot === undefined && f.locks.length === 0 && (f.waiters?.size ?? 0) === 0) this.files.delete(key);
  }
}

/** One lock table per machine (its mount tree): processes of different machines never meet. */
const tables = new WeakMap<Vfs, RecordLocks>();

export function recordLocksOf(vfs: Vfs): RecordLocks {
  let t = tables.get(vfs);
  if (t === undefined) { t = new RecordLocks(); tables.set(vfs, t); }
  return t;
}
