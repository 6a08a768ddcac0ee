/**
 * -Errno for an exception thrown by node:fs or memfs. Anything without a system error code is
 * a bug in l4wasm, not a guest failure, and is rethrown.
 */
export declare function errnoFromError(err: unknown): number;
