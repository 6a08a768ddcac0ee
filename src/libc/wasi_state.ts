// What every wasi_snapshot_preview1 call of one process works with: its context, its memory view
// and data prepared once (encoded arguments and environment).
import type { SyscallContext } from './context.js';
import type { FdTable } from './fdtable.js';
import { GuestMemory } from './abi.js';

/** A list of strings as the program receives them: UTF-8 with a NUL each. */
export class StringList {
  readonly encoded: Uint8Array[];
  readonly bufSize: number;
  constructor(list: readonly string[]) {
    this.encoded = list.map((s) => GuestMemory.encode(s + '\0'));
    this.bufSize = this.encoded.reduce((n, b) => n + b.length, 0);
  }
}

export class WasiState {
  readonly mem: GuestMemory;
  readonly fds: FdTable;
  readonly args: StringList;
  readonly env: StringList;

  constructor(readonly ctx: SyscallContext) {
    this.mem = new GuestMemory(ctx);
    this.fds = ctx.fds;
    this.args = new StringList(ctx.args);
    this.env = new StringList(ctx.env);
  }
}

/**
 * A syscall implementation: the state first, then the program's arguments (i32 as numbers,
 * i64 as BigInt). Returns 0, -errno, or SUSPEND; the edge in wasi.ts turns that into the ABI value.
 */
export type WasiImpl = (s: WasiState, ...args: any[]) => number;
