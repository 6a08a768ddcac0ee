// l4posix, benchmark family: what `l4wasm bench syscalls` times beyond POSIX. bench_nop does
// nothing (the cheapest l4posix call: the floor of the local path); bench_ipc makes one kernel IPC
// call+reply to a trivial server through the channel the POSIX server connected to the process.
import { Errno } from '../errno.js';
import type { L4posixContext } from './l4posix.js';

const ipcChannels = new WeakMap<object, () => number>();

/** Gives the process `ctx` an IPC round trip for bench_ipc (0 or -errno). */
export function setBenchIpcChannel(ctx: object, roundTrip: () => number): void {
  ipcChannels.set(ctx, roundTrip);
}

export const benchCalls = {
  bench_nop: (_c: L4posixContext) => 0,
  bench_ipc: (c: L4posixContext) => ipcChannels.get(c)?.() ?? -Errno.ENOSYS,
};
