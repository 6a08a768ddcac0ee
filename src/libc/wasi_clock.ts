// wasi_snapshot_preview1, clock family: clock_res_get and clock_time_get from the process's time backend.
import { Errno } from '../errno.js';
import { ClockId } from './abi.js';
import type { TimeBackend } from './context.js';
import type { WasiState } from './wasi_state.js';

/** Reported resolution: the time backend counts in nanoseconds. */
const RESOLUTION_NS = 1n;

/** The current value of clock `id` in ns, or undefined for an unknown clock. */
export function readClock(clock: TimeBackend, id: number): bigint | undefined {
  switch (id) {
    case ClockId.MONOTONIC: return clock.monotonicNs();
    case ClockId.REALTIME: return clock.realtimeNs();
    case ClockId.PROCESS_CPUTIME: return clock.processCpuNs();
    case ClockId.THREAD_CPUTIME: return clock.threadCpuNs();
    default: return undefined;
  }
}

export const clockCalls = {
  clock_res_get(s: WasiState, id: number, resultPtr: number): number {
    resultPtr >>>= 0;
    s.mem.refresh();
    if (id >>> 0 > ClockId.THREAD_CPUTIME) return -Errno.EINVAL;
    if (!s.mem.ok(resultPtr, 8)) return -Errno.EFAULT;
    s.mem.view.setBigUint64(resultPtr, RESOLUTION_NS, true);
    return 0;
  },
  clock_time_get(s: WasiState, id: number, _precision: bigint, resultPtr: number): number {
    resultPtr >>>= 0;
    s.mem.refresh();
    if (!s.mem.ok(resultPtr, 8)) return -Errno.EFAULT;
    const t = readClock(s.ctx.clock, id);
    if (t === undefined) return -Errno.EINVAL;
    s.mem.view.setBigUint64(resultPtr, t, true);
    return 0;
  },
};
