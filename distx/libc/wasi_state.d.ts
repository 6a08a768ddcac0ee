import type { SyscallContext } from './context.js';
import type { FdTable } from './fdtable.js';
import { GuestMemory } from './abi.js';
/** A list of strings as the program receives them: UTF-8 with a NUL each. */
export declare class StringList {
    readonly encoded: Uint8Array[];
    readonly bufSize: number;
    constructor(list: readonly string[]);
}
export declare class WasiState {
    readonly ctx: SyscallContext;
    readonly mem: GuestMemory;
    readonly fds: FdTable;
    readonly args: StringList;
    readonly env: StringList;
    constructor(ctx: SyscallContext);
}
/**
 * A syscall implementation: the state first, then the program's arguments (i32 as numbers,
 * i64 as BigInt). Returns 0, -errno, or SUSPEND; the edge in wasi.ts turns that into the ABI value.
 */
export type WasiImpl = (s: WasiState, ...args: any[]) => number;
