// The time backend (the lecture's libc_be_rt_clock_gettime): the kernel's KIP clock, read without
// entering the kernel, plus an offset for the real-time clock that clock_settime moves.
// clock_time_get is the call programs make most: its value is stored as two u32 halves computed
// in doubles, since making a BigInt and storing it costs V8 more than the clock read itself.
import { ClockId } from './abi.js';
import type { TimeBackend } from './context.js';

/** Where the monotonic clock comes from: µs since boot, the same on every CPU. */
export interface ClockSource {
  nowUs(): number;
}

const NS_PER_S = 1_000_000_000;
const TWO32 = 4294967296;

/** Stores `n` (an integer, 0 ≤ n < 2^53) at `ptr` as a little-endian u64. */
export function storeU53(view: DataView, ptr: number, n: number): void {
  const lo = n % TWO32;
  view.setUint32(ptr, lo, true);
  view.setUint32(ptr + 4, (n - lo) / TWO32, true);
}

/**
 * Stores sec·10⁹ + ns (0 ≤ sec < 2^32, 0 ≤ ns < 10⁹) at `ptr` as a little-endian u64, exactly:
 * the low half from integer multiplication modulo 2^32, the high half rounded from the double
 * product, whose error (a few hundred ns) is far below 2^32.
 */
export function storeSecNs(view: DataView, ptr: number, sec: number, ns: number): void {
  const lo = ((Math.imul(sec | 0, NS_PER_S) >>> 0) + ns) % TWO32;
  view.setUint32(ptr, lo, true);
  view.setUint32(ptr + 4, Math.round((sec * NS_PER_S + ns - lo) / TWO32), true);
}

/** Real time minus monotonic time, as whole seconds and ns in [0, 10⁹): one per machine, moved by clock_settime. */
export class RealtimeOffset {
  sec: number;
  nsec: number;
  constructor(source: ClockSource) {
    this.sec = 0;
    this.nsec = 0;
    this.ns = BigInt(Date.now()) * 1_000_000n - BigInt(Math.floor(source.nowUs() * 1000));
  }

  get ns(): bigint {
    return BigInt(this.sec) * 1_000_000_000n + BigInt(this.nsec);
  }

  set ns(v: bigint) {
    const sec = v >= 0n ? v / 1_000_000_000n : -((-v + 999_999_999n) / 1_000_000_000n);
    this.sec = Number(sec);
    this.nsec = Number(v - sec * 1_000_000_000n);
  }
}

export class KipTime implements TimeBackend {
  constructor(
    private readonly source: ClockSource,
    private readonly offset: RealtimeOffset,
    /** CPU time the process has used so far (ns), from the guest's accounting. */
    private readonly cpuTimeNs: () => bigint,
  ) {}

  /** The monotonic clock in ns, as an exact double (for 104 days of uptime). */
  private monotonic(): number {
    return Math.floor(this.source.nowUs() * 1000);
  }

  monotonicNs(): bigint {
    return BigInt(this.monotonic());
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

  store(id: number, view: DataView, ptr: number): boolean {
    if (id === ClockId.MONOTONIC) {
      storeU53(view, ptr, this.monotonic());
      return true;
    }
    if (id === ClockId.REALTIME) {
      const mono = this.monotonic();
      const monoSec = Math.floor(mono / NS_PER_S);
      let sec = this.offset.sec + monoSec;
      let ns = this.offset.nsec + (mono - monoSec * NS_PER_S);
      if (ns >= NS_PER_S) { ns -= NS_PER_S; sec++; }
      // A clock set before the epoch reads as the epoch (the ABI's timestamp is unsigned).
      if (sec < 0) sec = ns = 0;
      storeSecNs(view, ptr, sec, ns);
      return true;
    }
    const t = id === ClockId.PROCESS_CPUTIME ? this.processCpuNs() : id === ClockId.THREAD_CPUTIME ? this.threadCpuNs() : undefined;
    if (t === undefined) return false;
    view.setBigUint64(ptr, t, true);
    return true;
  }
}
