import type { SigInfo } from './signal_state.js';
/** sigev_notify values (musl). */
export declare const enum SigevNotify {
    Signal = 0,
    None = 1,
    Thread = 2,
    ThreadId = 4
}
/** The clocks a timer can measure (WASI clock ids, as the C side passes them). */
export declare const enum TimerClock {
    Realtime = 0,
    Monotonic = 1,
    ProcessCpu = 2,
    ThreadCpu = 3
}
export interface TimerNotify {
    notify: SigevNotify.Signal | SigevNotify.None;
    signo: number;
    /** sigev_value (undefined: the timer's id, as timer_create without a sigevent gives). */
    value: number | undefined;
}
/** What the timers need of the process's signal machinery. */
export interface TimerSignals {
    /** Sends `sig` with `info` to the process. */
    send(sig: number, info: SigInfo): void;
    /** The siginfo `sig` is pending with, if it is pending. */
    pendingInfo(sig: number): SigInfo | undefined;
}
export declare class PosixTimers {
    private readonly signals;
    private readonly timers;
    /** Linux hands out ids in increasing order and does not reuse one soon. */
    private nextId;
    /** How many CPU-time timers are armed (the call boundaries look at the CPU clock only then). */
    private cpuArmed;
    constructor(signals: TimerSignals);
    /** timer_create: the new timer's id, or -errno. */
    create(clock: TimerClock, n: TimerNotify): number;
    has(id: number): boolean;
    clockOf(id: number): TimerClock | undefined;
    isCpuClock(id: number): boolean;
    /**
     * timer_delete (its expiry in E is removed by the caller). A signal it sent stays pending but
     * does nothing when taken, as on Linux.
     */
    delete(id: number): void;
    /** Every timer (exec and exit delete them); their ids, for E to forget. */
    clear(): number[];
    /** timer_settime re-armed or disarmed it: the overrun count starts anew, its pending signal is void. */
    rearmed(id: number): void;
    private dropPending;
    /** timer_getoverrun: the overruns of its last signal taken. */
    overrun(id: number): number;
    /**
     * The timer expired (`overruns` more periods passed unseen): its signal, with si_timerid,
     * si_overrun and si_value (si_pid and si_uid share their place). While its last signal is still
     * pending, the expiry only counts as an overrun, as on Linux.
     */
    expired(id: number, overruns: number): void;
    /** Arms (valueNs 0: disarms) a CPU-time timer at `nowNs` of process CPU time; the old [remaining, interval]. */
    setCpu(id: number, nowNs: number, valueNs: number, intervalNs: number): {
        remainingNs: number;
        intervalNs: number;
    };
    getCpu(id: number, nowNs: number): {
        remainingNs: number;
        intervalNs: number;
    };
    /** Some CPU-time timer is armed. */
    get cpuTimersArmed(): boolean;
    /** The CPU-time timers due at `nowNs` of process CPU time expire. */
    checkCpu(nowNs: number): void;
}
