import type { OpenFile, Vfs } from './types.js';
import { LockSlots } from './lock_slots.js';
export declare const enum LockType {
    Read = 0,
    Write = 1,
    Unlock = 2
}
/** One lock: [start, end) of a file held by `owner`; end is Infinity for "to the end, however far". */
export interface RecordLock {
    readonly owner: number;
    readonly type: LockType.Read | LockType.Write;
    readonly start: number;
    readonly end: number;
}
/** The identity locks are keyed by: the file's device and inode; undefined when it has none. */
export declare function lockKey(file: OpenFile): string | undefined;
/** The first lock of another owner that `owner`'s lock of `type` on [start, end) conflicts with. */
export declare function conflictIn(locks: readonly RecordLock[], owner: number, type: LockType, start: number, end: number): RecordLock | undefined;
/**
 * `locks` with `owner`'s lock of `type` (or LockType.Unlock: none) on [start, end): the owner's
 * ranges outside it stay (split at the edges), adjacent ranges of the same type merge. `changed`
 * says whether waiters may have something new to see.
 */
export declare function withLock(locks: readonly RecordLock[], owner: number, type: LockType, start: number, end: number): {
    locks: RecordLock[];
    changed: boolean;
};
export declare class RecordLocks {
    private readonly files;
    /** The files each owner holds locks on (but those its worker took in a slot: see sharers). */
    private readonly owned;
    /** Owners whose workers may take locks themselves, with how many of their descriptors may. */
    private readonly sharers;
    private pool;
    private readonly freeSlots;
    /** The shared slots (made on first use), for decoupled programs' workers. */
    slots(): LockSlots;
    /** Runs `fn` on the file's current locks (its slot's, under the slot's mutex, while it has one). */
    private withCurrent;
    /** F_GETLK: the first lock of another owner that would block this one, or undefined. */
    test(key: string, owner: number, type: LockType, start: number, end: number): RecordLock | undefined;
    /**
     * F_SETLK: sets (or with LockType.Unlock removes) `owner`'s lock on [start, end). False, with
     * nothing changed, when another owner's lock conflicts.
     */
    set(key: string, owner: number, type: LockType, start: number, end: number): boolean;
    /** Stores a file's new locks: in its slot while it has one and they fit, else here (the slot withdrawn). Slot mutex held. */
    private store;
    private wakeWaiters;
    /** The slot's count of waiters follows the queue's: a worker forwards its changes while there are some. */
    private syncWaiters;
    /** Removes every lock of `owner` on the file (close of any of its descriptors). */
    releaseFile(key: string, owner: number): void;
    /** Removes every lock of `owner` (process exit). */
    releaseAll(owner: number): void;
    /** Whether `owner` may hold a lock on the file: it holds one the table counts, or a worker may take them in a slot. */
    mayHold(key: string, owner: number): boolean;
    /** True when `owner` may hold a lock on any file (so closes must look for its locks). */
    holdsAny(owner: number): boolean;
    /** F_SETLKW: calls `wake` once when the locks on the file change; returns the cancel function. */
    subscribe(key: string, wake: () => void): () => void;
    /**
     * A worker of `owner` may take the file's locks itself from now on: the slot they live in, or
     * undefined when none is free or they do not fit one. Each share is ended by one unshare.
     */
    share(key: string, owner: number): number | undefined;
    /** Ends one share: with the last, the locks come back here (the worker no longer uses the slot). */
    unshare(key: string, owner: number): void;
    /** The locks on a file (tests, tracing). */
    locksOf(key: string): readonly RecordLock[];
    /** Keeps `owned` in step with `f` after a change of `owner`'s locks; forgets an unused file. */
    private account;
}
export declare function recordLocksOf(vfs: Vfs): RecordLocks;
