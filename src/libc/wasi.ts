// wasi_snapshot_preview1 for one process: its calls as the table describes them (syscalls/), bound
// to the process's WasiState through the generated edge (syscall_edge.ts).
import type { SyscallContext } from './context.js';
import { WasiState, type WasiImpl } from './wasi_state.js';
import { WASI_SPECS } from './syscalls/index.js';
import { bindImports } from './syscall_edge.js';

export type WasiName = string;

/** The names of all wasi_snapshot_preview1 functions. */
export const WASI_FUNCTIONS: readonly WasiName[] = [...WASI_SPECS.keys()];

/** Every wasi_snapshot_preview1 function with the names of its parameters (the spec's), in order. */
export const WASI_PARAMS: Readonly<Record<WasiName, readonly string[]>> = Object.fromEntries(
  [...WASI_SPECS].map(([name, s]) => [name, s.params.map((p) => p.name)]));

/** The calls a program may be suspended in (see SyscallSpec.suspends). */
export const WASI_SUSPENDING: readonly WasiName[] = [...WASI_SPECS.values()].filter((s) => s.suspends).map((s) => s.name);

/**
 * The implementations, by name: (state, ...ABI arguments) -> 0 | -errno | SUSPEND. Every entry
 * path (local imports, the server, a forwarded call) runs these same functions.
 */
export const WASI_CALLS: Readonly<Record<WasiName, WasiImpl>> = Object.fromEntries(
  [...WASI_SPECS].map(([name, s]) => [name, s.impl]));

/** The wasi_snapshot_preview1 import object for the process `ctx` describes. */
export function createWasiImports(ctx: SyscallContext): Record<string, (...a: any[]) => number> {
  return bindImports(WASI_SPECS.values(), new WasiState(ctx), ctx);
}
