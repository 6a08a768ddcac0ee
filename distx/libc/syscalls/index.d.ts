import { type ImportModule, type SyscallSpec } from './spec.js';
export * from './spec.js';
/** Every call, WASI's in the order the families list them, then l4posix's. */
export declare const SYSCALLS: readonly SyscallSpec[];
export declare const WASI_SPECS: ReadonlyMap<string, SyscallSpec>;
export declare const L4POSIX_SPECS: ReadonlyMap<string, SyscallSpec>;
/** The description of import `module`.`name`, if l4wasm provides it. */
export declare function syscallSpec(module: string, name: string): SyscallSpec | undefined;
/** The wasm signature l4wasm provides import `module`.`name` with (see wasmSignature), if it provides it. */
export declare function providedSignature(module: string, name: string): {
    params: number[];
    result: number;
} | undefined;
/** The imports l4wasm provides, by module (the loader checks a program's imports against these). */
export declare const PROVIDED_IMPORTS: Readonly<Record<ImportModule, ReadonlySet<string>>>;
/**
 * Whether a program may suspend in import `module`.`name` (asyncify instruments its callers):
 * every described call not marked `suspends: false`, and any import l4wasm does not describe
 * (the host provides it; it may do anything).
 */
export declare function isCallBoundary(module: string, name: string): boolean;
