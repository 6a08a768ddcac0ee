import type { PrepareBudget } from './asyncify.js';
/** What the preparing process is given (as JSON, its last argument). */
export interface BackgroundJob {
    /** The module, written for it (it removes the file once read). */
    input: string;
    asyncImports: readonly string[];
    /** The module's SHA-256 (hex): part of its cache key. */
    content: string;
    budget?: PrepareBudget;
    /** The lock it releases when done. */
    lock: string;
}
/** The lock file: the pid of the process preparing in the background now. */
export declare function backgroundLock(): string;
/** Releases the lock if `pid` holds it. */
export declare function releaseBackgroundLock(lock: string, pid: number): void;
/**
 * Starts preparing `wasm` in the background, unless a preparation runs there now: 'started';
 * 'same' when that one prepares this module; 'busy' when it prepares another; 'failed' when
 * none can start (no cache to write). What it makes is found by the next load of the same
 * module (cachedPreparation / prepareModule with the same options); a failure leaves nothing
 * but, for a budget, the over-budget marker.
 */
export declare function prepareInBackground(wasm: Uint8Array, job: Omit<BackgroundJob, 'input' | 'lock'>): 'started' | 'same' | 'busy' | 'failed';
