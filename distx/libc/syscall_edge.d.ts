import { type SyscallContext } from './context.js';
import type { SyscallSpec } from './syscalls/index.js';
/**
 * The import of `spec` for one process: `state` is what its implementation takes first (the
 * WasiState, or the l4posix context), `ctx` the process's context. An exception other than the
 * process's end or exec (a bug in a backend) is reported to the context and the program gets
 * EFAULT for a RangeError (a bad pointer past the checks), else EIO, in the call's convention.
 */
export declare function bindImport(spec: SyscallSpec, state: unknown, ctx: SyscallContext): (...a: any[]) => number;
/**
 * The imports of `specs` for one process, each bound (bindImport) when first looked up: a program
 * imports a few of the 131 calls, and compiling every call's edge and boundary took ~9 ms of each
 * start. Enumerating the object binds them all.
 */
export declare function bindImports(specs: Iterable<SyscallSpec>, state: unknown, ctx: SyscallContext): Record<string, (...a: any[]) => number>;
