// The time backend (the lecture's libc_be_rt_clock_gettime): the kernel's KIP clock, read without
// entering the kernel, plus an offset for the real-time clock that clock_settime moves.
import type { TimeBackend } from './context.js';

/** Where the monotonic clock comes from: µs since boot, the same on every CPU. */
export interface ClockSource {
  nowUs(): number;
}

/** Real time minus monotonic time (ns): one per machine, moved by clock_settime. */
export class RealtimeOffset {
  ns: bigint;
  constructor(source: ClockSource) {
    this.ns = BigInt(Date.now()) * 1_000_000n - BigInt(Math.floor(source.nowUs() * 1000));
  }
}

export class KipTime implements TimeBackend {
  constructor(
    private readonly source: ClockSource,
    private readonly offset: RealtimeOffset,
    /** CPU time the process has used so far (ns), from the guest's accounting. */
    private readonly cpuTimeNs: () => bigint,
  ) {}

  monotonicNs(): bigint {
    return BigInt(Math.floor(this.source.nowUs() * 1000));
  }

  realtimeNs(): bigint {
    return this.monotonicNs() + this.offset.ns;
  }

  /** clock_settime(CLOCK_REALTIME): only the offset moves; the monotonic clock never jumps. */
  setRealtimeNs(ns: bigint): void {
    this.offset.ns = ns - this.monotonicNs();
  }

  processCpuNs(): bigint { return this.cpuTimeNs(); }
  threadCpuNs(): bigint { return this.cpuTimeNs(); }
}
