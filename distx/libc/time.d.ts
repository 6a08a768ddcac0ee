import type { TimeBackend } from './context.js';
/** Where the monotonic clock comes from: µs since boot, the same on every CPU. */
export interface ClockSource {
    nowUs(): number;
}
/** Stores `n` (an integer, 0 ≤ n < 2^53) at `ptr` as a little-endian u64. */
export declare function storeU53(view: DataView, ptr: number, n: number): void;
/**
 * Stores sec·10⁹ + ns (0 ≤ sec < 2^32, 0 ≤ ns < 10⁹) at `ptr` as a little-endian u64, exactly:
 * the low half from integer multiplication modulo 2^32, the high half rounded from the double
 * product, whose error (a few hundred ns) is far below 2^32.
 */
export declare function storeSecNs(view: DataView, ptr: number, sec: number, ns: number): void;
/** Real time minus monotonic time, as whole seconds and ns in [0, 10⁹): one per machine, moved by clock_settime. */
export declare class RealtimeOffset {
    sec: number;
    nsec: number;
    constructor(source: ClockSource);
    get ns(): bigint;
    set ns(v: bigint);
}
export declare class KipTime implements TimeBackend {
    private readonly source;
    private readonly offset;
    /** CPU time the process has used so far (ns), from the guest's accounting. */
    private readonly cpuTimeNs;
    constructor(source: ClockSource, offset: RealtimeOffset, 
    /** CPU time the process has used so far (ns), from the guest's accounting. */
    cpuTimeNs: () => bigint);
    /** The monotonic clock in ns, as an exact double (for 104 days of uptime). */
    private monotonic;
    monotonicNs(): bigint;
    realtimeNs(): bigint;
    /** clock_settime(CLOCK_REALTIME): only the offset moves; the monotonic clock never jumps. */
    setRealtimeNs(ns: bigint): void;
    processCpuNs(): bigint;
    threadCpuNs(): bigint;
    store(id: number, view: DataView, ptr: number): boolean;
}
