import { type GateId, type KRef, type Kernel, type ThreadId } from '../kernel/kernel.js';
import { type Cpu, type HostThread } from '../kernel/cpu.js';
/**
 * Requests to E through its gate (the message label). MR0 names the timer (TimerKey); times
 * travel as two 32-bit words each.
 */
export declare const enum TimerOp {
    /** [key, value lo, hi, interval lo, hi] in µs (value 0 disarms) -> the old [remaining, interval]. */
    Set = 1,
    /** [key] -> [remaining lo, hi, interval lo, hi] in µs. */
    Get = 2,
    /** A timer is due but E has not run: handle the expiries now. -> nothing. */
    Poll = 3,
    /** [key]: the timer is gone (timer_delete). -> nothing. */
    Delete = 4
}
/** The timer of setitimer(ITIMER_REAL); POSIX timers are keyed by their id (>= 0). */
export declare const ITIMER_REAL_KEY = -1;
/** What E needs of the process it serves. */
export interface SignalThreadOwner {
    /** A fault of `sig` would run a handler (installed, not blocked). */
    catchesFault(sig: number): boolean;
    /** The fault just reflected is fatal: the process ends with its signal. */
    dieOfFault(): void;
    /** Timer `key` expired; `overruns` more expiries of a periodic timer passed unseen. */
    timerExpired(key: number, overruns: number): void;
}
export declare class SignalThread implements HostThread {
    private readonly kernel;
    private readonly cpu;
    private readonly owner;
    /** Answers at once: T's requests run it on the CPU's IPC fast path. */
    readonly direct = true;
    readonly thread: KRef<ThreadId>;
    readonly gate: KRef<GateId>;
    /** Blocked in a receive: its result is in the UTCB when run() is called again. */
    private waiting;
    private closed;
    /** The armed timers by key; the earliest deadline is E's wait timeout. */
    private readonly armed;
    /** The earliest deadline (µs; 0: none armed). */
    private nextUs;
    constructor(kernel: Kernel, cpu: Cpu, owner: SignalThreadOwner, prio?: number);
    /** The process ended: E and its gate go (T's capabilities to them with them). */
    close(): void;
    run(): void;
    /** exec deleted these timers: their deadlines go (E's wait may end early and find nothing due). */
    forget(keys: readonly number[]): void;
    /** A timer has expired (E handles that when it next runs, or when poked with TimerOp.Poll). */
    timerDue(nowUs: number): boolean;
    /** The wait's timeout: until the earliest timer's expiry, or none. */
    private timeoutUs;
    /** How long the last expire() pass took (µs). */
    private lastPassUs;
    private updateNext;
    /**
     * The timers whose deadline has passed expire, in deadline order; a periodic one moves to its
     * next expiry still ahead and counts the periods it skipped as overruns.
     */
    private expire;
    /** T trapped: MR0 kind, MR1 pc, MR2 address, MR3 thread. Run the handler, or end the process. */
    private exception;
    /** A timer request from T. */
    private request;
}
