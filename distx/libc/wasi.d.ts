import type { SyscallContext } from './context.js';
import { type WasiImpl } from './wasi_state.js';
export type WasiName = string;
/** The names of all wasi_snapshot_preview1 functions. */
export declare const WASI_FUNCTIONS: readonly WasiName[];
/** Every wasi_snapshot_preview1 function with the names of its parameters (the spec's), in order. */
export declare const WASI_PARAMS: Readonly<Record<WasiName, readonly string[]>>;
/** The calls a program may be suspended in (see SyscallSpec.suspends). */
export declare const WASI_SUSPENDING: readonly WasiName[];
/**
 * The implementations, by name: (state, ...ABI arguments) -> 0 | -errno | SUSPEND. Every entry
 * path (local imports, the server, a forwarded call) runs these same functions.
 */
export declare const WASI_CALLS: Readonly<Record<WasiName, WasiImpl>>;
/** The wasi_snapshot_preview1 import object for the process `ctx` describes. */
export declare function createWasiImports(ctx: SyscallContext): Record<string, (...a: any[]) => number>;
