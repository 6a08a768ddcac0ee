import { WaitQueue } from "../wait_queue.js";
import { LockSlots, POOL_SLOTS, SLOT_LOCKS } from "./lock_slots.js";
var LockType = /* @__PURE__ */ ((LockType2) => {
  LockType2[LockType2["Read"] = 0] = "Read";
  LockType2[LockType2["Write"] = 1] = "Write";
  LockType2[LockType2["Unlock"] = 2] = "Unlock";
  return LockType2;
})(LockType || {});
class FileLocks {
  /** Sorted by start; an owner's own ranges never overlap one another. Empty while in a slot. */
  locks = [];
  /** Made on the first F_SETLKW that waits (most files never have a waiter). */
  waiters;
  /** The shared slot the locks live in while workers may take them (share), and how many lends use it. */
  slot;
  lends = 0;
  /** The slot's version when a set on the vCPU last failed (subscribe compares it). */
  failedAt = 0;
}
const keys = /* @__PURE__ */ new WeakMap();
function lockKey(file) {
  let key = keys.get(file);
  if (key !== void 0) return key;
  const st = file.stat();
  if (typeof st === "number") return void 0;
  key = `${st.dev}:${st.ino}`;
  keys.set(file, key);
  return key;
}
function conflicts(a, owner, type, start, end) {
  return a.owner !== owner && a.start < end && start < a.end && (a.type === 1 /* Write */ || type === 1 /* Write */);
}
function conflictIn(locks, owner, type, start, end) {
  return locks.find((l) => conflicts(l, owner, type, start, end));
}
function withLock(locks, owner, type, start, end) {
  const out = [];
  let changed = false;
  for (const l of locks) {
    if (l.owner !== owner || l.end <= start || l.start >= end) {
      out.push(l);
      continue;
    }
    changed = true;
    if (l.start < start) out.push({ owner, type: l.type, start: l.start, end: start });
    if (l.end > end) out.push({ owner, type: l.type, start: end, end: l.end });
  }
  if (type !== 2 /* Unlock */) {
    let s = start, e = end;
    for (let i = out.length - 1; i >= 0; i--) {
      const l = out[i];
      if (l.owner !== owner || l.type !== type) continue;
      if (l.end === s) {
        s = l.start;
        out.splice(i, 1);
      } else if (l.start === e) {
        e = l.end;
        out.splice(i, 1);
      }
    }
    out.push({ owner, type, start: s, end: e });
    changed = true;
  }
  out.sort((a, b) => a.start - b.start);
  return { locks: out, changed };
}
class RecordLocks {
  files = /* @__PURE__ */ new Map();
  /** The files each owner holds locks on (but those its worker took in a slot: see sharers). */
  owned = /* @__PURE__ */ new Map();
  /** Owners whose workers may take locks themselves, with how many of their descriptors may. */
  sharers = /* @__PURE__ */ new Map();
  pool;
  freeSlots = [];
  /** The shared slots (made on first use), for decoupled programs' workers. */
  slots() {
    if (this.pool === void 0) {
      this.pool = new LockSlots();
      for (let i = POOL_SLOTS - 1; i >= 0; i--) this.freeSlots.push(i);
    }
    return this.pool;
  }
  /** Runs `fn` on the file's current locks (its slot's, under the slot's mutex, while it has one). */
  withCurrent(f, fn) {
    if (f.slot === void 0) return fn(f.locks);
    const pool = this.pool;
    pool.lock(f.slot);
    try {
      return fn(pool.read(f.slot) ?? f.locks);
    } finally {
      pool.unlock(f.slot);
    }
  }
  /** F_GETLK: the first lock of another owner that would block this one, or undefined. */
  test(key, owner, type, start, end) {
    const f = this.files.get(key);
    if (f === void 0) return void 0;
    return this.withCurrent(f, (locks) => conflictIn(locks, owner, type, start, end));
  }
  /**
   * F_SETLK: sets (or with LockType.Unlock removes) `owner`'s lock on [start, end). False, with
   * nothing changed, when another owner's lock conflicts.
   */
  set(key, owner, type, start, end) {
    let f = this.files.get(key);
    if (f === void 0) {
      if (type === 2 /* Unlock */) return true;
      f = new FileLocks();
      this.files.set(key, f);
    }
    const file = f;
    const r = this.withCurrent(file, (locks) => {
      if (type !== 2 /* Unlock */ && conflictIn(locks, owner, type, start, end) !== void 0) {
        if (file.slot !== void 0) file.failedAt = this.pool.version(file.slot);
        return void 0;
      }
      const next = withLock(locks, owner, type, start, end);
      this.store(file, next.locks, next.changed);
      return next;
    });
    if (r === void 0) return false;
    this.account(key, owner, f, r.locks);
    if (r.changed) this.wakeWaiters(f);
    return true;
  }
  /** Stores a file's new locks: in its slot while it has one and they fit, else here (the slot withdrawn). Slot mutex held. */
  store(f, locks, changed) {
    if (f.slot === void 0) {
      f.locks = locks;
      return;
    }
    const pool = this.pool;
    if (changed) pool.bump(f.slot);
    if (pool.read(f.slot) !== void 0 && pool.write(f.slot, locks)) return;
    pool.withdraw(f.slot);
    f.locks = locks;
  }
  wakeWaiters(f) {
    f.waiters?.wakeAll();
    this.syncWaiters(f);
  }
  /** The slot's count of waiters follows the queue's: a worker forwards its changes while there are some. */
  syncWaiters(f) {
    if (f.slot === void 0) return;
    const pool = this.pool;
    pool.lock(f.slot);
    pool.setWaiters(f.slot, f.waiters?.size ?? 0);
    pool.unlock(f.slot);
  }
  /** Removes every lock of `owner` on the file (close of any of its descriptors). */
  releaseFile(key, owner) {
    this.set(key, owner, 2 /* Unlock */, 0, Infinity);
  }
  /** Removes every lock of `owner` (process exit). */
  releaseAll(owner) {
    const keys2 = new Set(this.owned.get(owner) ?? []);
    if (this.sharers.has(owner)) {
      for (const [key, f] of this.files) if (f.slot !== void 0) keys2.add(key);
    }
    for (const key of keys2) this.releaseFile(key, owner);
  }
  /** Whether `owner` may hold a lock on the file: it holds one the table counts, or a worker may take them in a slot. */
  mayHold(key, owner) {
    return this.owned.get(owner)?.has(key) === true || this.files.get(key)?.slot !== void 0;
  }
  /** True when `owner` may hold a lock on any file (so closes must look for its locks). */
  holdsAny(owner) {
    return this.owned.has(owner) || this.sharers.has(owner);
  }
  /** F_SETLKW: calls `wake` once when the locks on the file change; returns the cancel function. */
  subscribe(key, wake) {
    let f = this.files.get(key);
    if (f === void 0) {
      f = new FileLocks();
      this.files.set(key, f);
    }
    const file = f;
    const cancel = (file.waiters ??= new WaitQueue()).add(wake);
    if (file.slot !== void 0) {
      this.syncWaiters(file);
      if (this.pool.version(file.slot) !== file.failedAt) this.wakeWaiters(file);
    }
    return () => {
      cancel();
      this.syncWaiters(file);
    };
  }
  /**
   * A worker of `owner` may take the file's locks itself from now on: the slot they live in, or
   * undefined when none is free or they do not fit one. Each share is ended by one unshare.
   */
  share(key, owner) {
    let f = this.files.get(key);
    if (f === void 0) {
      f = new FileLocks();
      this.files.set(key, f);
    }
    const pool = this.slots();
    if (f.slot === void 0) {
      const slot = this.freeSlots.pop();
      if (slot === void 0 || f.locks.length > SLOT_LOCKS) {
        if (slot !== void 0) this.freeSlots.push(slot);
        if (f.locks.length === 0 && (f.waiters?.size ?? 0) === 0) this.files.delete(key);
        return void 0;
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
  unshare(key, owner) {
    const f = this.files.get(key);
    if (f?.slot === void 0) return;
    const n = (this.sharers.get(owner) ?? 1) - 1;
    if (n > 0) this.sharers.set(owner, n);
    else this.sharers.delete(owner);
    const pool = this.pool;
    const slot = f.slot;
    if (--f.lends > 0) {
      this.account(key, owner, f, this.withCurrent(f, (locks) => [...locks]));
      return;
    }
    pool.lock(slot);
    f.locks = pool.read(slot) ?? f.locks;
    pool.reset(slot);
    pool.unlock(slot);
    f.slot = void 0;
    this.freeSlots.push(slot);
    const owners = new Set(f.locks.map((l) => l.owner)).add(owner);
    for (const o of owners) this.account(key, o, f, f.locks);
  }
  /** The locks on a file (tests, tracing). */
  locksOf(key) {
    const f = this.files.get(key);
    return f === void 0 ? [] : this.withCurrent(f, (locks) => [...locks]);
  }
  /** Keeps `owned` in step with `f` after a change of `owner`'s locks; forgets an unused file. */
  account(key, owner, f, locks) {
    const has = locks.some((l) => l.owner === owner);
    let set = this.owned.get(owner);
    if (has) {
      if (set === void 0) {
        set = /* @__PURE__ */ new Set();
        this.owned.set(owner, set);
      }
      set.add(key);
    } else if (set !== void 0) {
      set.delete(key);
      if (set.size === 0) this.owned.delete(owner);
    }
    if (f.slot === void 0 && f.locks.length === 0 && (f.waiters?.size ?? 0) === 0) this.files.delete(key);
  }
}
const tables = /* @__PURE__ */ new WeakMap();
function recordLocksOf(vfs) {
  let t = tables.get(vfs);
  if (t === void 0) {
    t = new RecordLocks();
    tables.set(vfs, t);
  }
  return t;
}
export {
  LockType,
  RecordLocks,
  conflictIn,
  lockKey,
  recordLocksOf,
  withLock
};
