import type { L4posixContext } from './l4posix.js';
/** Gives the process `ctx` an IPC round trip for bench_ipc (0 or -errno). */
export declare function setBenchIpcChannel(ctx: object, roundTrip: () => number): void;
export declare const benchCalls: {
    bench_nop: (_c: L4posixContext) => number;
    bench_ipc: (c: L4posixContext) => number;
};
