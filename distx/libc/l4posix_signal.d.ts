import type { GuestMemory } from './abi.js';
import type { L4posixContext } from './l4posix.js';
/** A signal's action as the C side passes it: 5 words at the pointer. */
export interface SigActionRecord {
    /** 0 SIG_DFL, 1 SIG_IGN, 2 a handler. */
    kind: number;
    /** The handler's function-table index. */
    handler: number;
    flags: number;
    maskLo: number;
    maskHi: number;
}
export interface ItimerValue {
    valueUs: number;
    intervalUs: number;
}
/** A POSIX timer's value and period in ns (timer_settime, timer_gettime). */
export interface PosixTimerSpec {
    valueNs: number;
    intervalNs: number;
}
/** A signal taken from the pending set, with the siginfo fields l4wasm keeps. */
export interface TakenSignal {
    sig: number;
    info: {
        code: number;
        pid: number;
        uid: number;
        addr: number;
        value: number;
    };
}
/** The signal state the calls read and change directly (the local path). */
export interface SignalStateView {
    readonly blockedLo: number;
    readonly blockedHi: number;
    readonly pendingLo: number;
    readonly pendingHi: number;
    action(sig: number): Readonly<SigActionRecord>;
    setAction(sig: number, a: SigActionRecord): void;
    setMask(how: number, lo: number, hi: number): void;
    /** signalfd's read: the lowest pending signal of the set (blocked or not), taken; undefined when none is. */
    takeFromSet(lo: number, hi: number): TakenSignal | undefined;
}
/** What a process offers the signal calls. */
export interface SignalBackend {
    readonly state: SignalStateView;
    /** The program's memory, refreshed (views renewed when it grew). */
    mem(): GuestMemory;
    kill(pid: number, sig: number): number;
    /** prctl(PR_SET_PDEATHSIG / PR_GET_PDEATHSIG): the signal sent when the parent ends, 0 for none. */
    parentDeathSignal: number;
    /** sigqueue: `sig` with si_code `code` (negative) and si_value `value` to one process. */
    queue(pid: number, sig: number, code: number, value: number): number;
    raise(sig: number): number;
    /** sigsuspend (keepMask false) and pause (true): -EINTR once a handler is to run, or SUSPEND. */
    sigsuspend(lo: number, hi: number, keepMask: boolean): number;
    /** A wait under a temporary mask (ppoll) was interrupted: `lo`/`hi` return once the handlers have run. */
    restoreMaskAfterHandlers(lo: number, hi: number): void;
    /** A computing loop's budget is used up: the call's boundary looks at signals and the slice. */
    lookNow(): void;
    /** getitimer (set undefined) / setitimer of ITIMER_REAL: the old value in `old`; 0, -errno or SUSPEND. */
    itimer(set: ItimerValue | undefined, old: ItimerValue): number;
    /**
     * timer_create on clock `clock` (a WASI clock id) notifying `notify` (SIGEV_*) with signal
     * `signo` and `value` (undefined: the timer's id): the timer's id or -errno. `cpuClock` reads
     * the process's CPU time (ns).
     */
    timerCreate(clock: number, notify: number, signo: number, value: number | undefined, cpuClock: () => number): number;
    /** The clock of timer `id`, or -EINVAL. */
    timerClock(id: number): number;
    /** timer_settime with a relative value (0 disarms): the old setting in `old`; 0, -errno or SUSPEND. */
    timerSet(id: number, set: PosixTimerSpec, old: PosixTimerSpec): number;
    timerGet(id: number, cur: PosixTimerSpec): number;
    timerOverrun(id: number): number;
    timerDelete(id: number): number;
}
export declare const signalCalls: {
    /** sigaction(sig, act, oldact): the old action is written after the new one was read. */
    sigaction(c: L4posixContext, sig: number, actPtr: number, oldPtr: number): number;
    /** sigprocmask(how, set, oldset): `how` is checked only with a set, as Linux does. */
    sigprocmask(c: L4posixContext, how: number, setPtr: number, oldPtr: number): number;
    /** sigpending(set): the signals pending while blocked. */
    sigpending(c: L4posixContext, setPtr: number): number;
    /** sigsuspend(mask): waits with `mask` until a handler is to run; always -EINTR then. */
    sigsuspend(c: L4posixContext, setPtr: number): number;
    pause(c: L4posixContext): number;
    /** kill(pid, sig): sig 0 only checks that the process exists. */
    kill(c: L4posixContext, pid: number, sig: number): number;
    /** sigqueue(pid, sig, value, code): sig 0 only checks that the process exists. */
    sigqueue(c: L4posixContext, pid: number, sig: number, value: number, code: number): number;
    /** pdeathsig(set, sig): set (1) the parent-death signal (0 clears; EINVAL for an invalid one), or read it (0). */
    pdeathsig(c: L4posixContext, set: number, sig: number): number;
    raise(c: L4posixContext, sig: number): number;
    /**
     * preempt(): called by loops instrumented at load when their budget of iterations is used up;
     * returns the next budget. Its boundary delivers pending signals and gives up the CPU at the
     * slice's end, as any call's does.
     */
    preempt(c: L4posixContext): number;
    /** setitimer(which, new, old) for ITIMER_REAL; the values are µs (the C side converts). */
    setitimer(c: L4posixContext, which: number, newPtr: number, oldPtr: number): number;
    getitimer(c: L4posixContext, which: number, curPtr: number): number;
};
