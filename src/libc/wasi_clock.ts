// wasi_snapshot_preview1, clock family: clock_res_get and clock_time_get from the process's time backend.
import { Errno } from '../errno.js';
import { ClockId } from './abi.js';
import type { WasiState } from './wasi_state.js';

/** Reported resolution: the time backend counts in nanoseconds. */
const RESOLUTION_NS = 1;

export const clockCalls = {
  clock_res_get(s: WasiState, id: number, resultPtr: number): number {
    resultPtr >>>= 0;
    s.mem.refresh();
    if (id >>> 0 > ClockId.THREAD_CPUTIME) return -Errno.EINVAL;
    if (!s.mem.ok(resultPtr, 8)) return -Errno.EFAULT;
    const view = s.mem.view;
    view.setUint32(resultPtr, RESOLUTION_NS, true);
    view.setUint32(resultPtr + 4, 0, true);
    return 0;
  },
  clock_time_get(s: WasiState, id: number, _precision: bigint, resultPtr: number): number {
    resultPtr >>>= 0;
    s.mem.refresh();
    if (!s.mem.ok(resultPtr, 8)) return -Errno.EFAULT;
    return s.ctx.clock.store(id, s.mem.view, resultPtr) ? 0 : -Errno.EINVAL;
  },
};
