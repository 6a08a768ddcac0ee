import type { RecordLock } from './record_locks.js';
/** Locks a slot holds at most; a change that needs more is made on the vCPU (the slot withdrawn). */
export declare const SLOT_LOCKS = 32;
export declare const POOL_SLOTS = 64;
export declare const WITHDRAWN = -1;
export declare class LockSlots {
    readonly buffer: SharedArrayBuffer;
    readonly i32: Int32Array;
    private readonly f64;
    constructor(buffer?: SharedArrayBuffer);
    private word;
    /** Takes the slot's mutex (critical sections last microseconds). */
    lock(slot: number): void;
    unlock(slot: number): void;
    /** The slot's locks (mutex held); undefined once withdrawn. */
    read(slot: number): RecordLock[] | undefined;
    /** Stores the slot's locks (mutex held); false, with nothing stored, when they do not fit. */
    write(slot: number, locks: readonly RecordLock[]): boolean;
    /** The locks went back to the vCPU's table: workers forward their calls on this file (mutex held). */
    withdraw(slot: number): void;
    /** A free slot again (no lend refers to it). */
    reset(slot: number): void;
    waiters(slot: number): number;
    setWaiters(slot: number, n: number): void;
    version(slot: number): number;
    bump(slot: number): void;
}
