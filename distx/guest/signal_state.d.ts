import type { Restart } from '../libc/restart.js';
import type { HandlerCall } from './program.js';
import { SigHow } from './signals.js';
export declare const enum Disposition {
    Default = 0,
    Ignore = 1,
    Handler = 2
}
/** One signal's action (what sigaction sets): the handler's function-table index, flags, mask. */
export interface SigAction {
    kind: Disposition;
    handler: number;
    flags: number;
    maskLo: number;
    maskHi: number;
}
/** What a signal carries to its handler (the siginfo_t fields l4wasm fills). */
export interface SigInfo {
    code: number;
    pid: number;
    uid: number;
    /** si_addr of a fault (0 where it cannot be known). */
    addr: number;
    value: number;
    /** A timer's signal whose timer was re-armed or deleted since: taken without effect (Linux 6.x). */
    dropped?: boolean;
}
/** A handler about to run, and what its return restores (the mask; the interrupted call's state). */
export declare class SignalDelivery implements HandlerCall {
    readonly sig: number;
    readonly handler: number;
    readonly flags: number;
    readonly savedLo: number;
    readonly savedHi: number;
    /** The interrupted call's restart state (kept by the process across the handler). */
    savedRestart: Restart | undefined;
    constructor(sig: number, handler: number, flags: number, info: SigInfo, savedLo: number, savedHi: number);
    readonly code: number;
    readonly pid: number;
    readonly uid: number;
    readonly addr: number;
    readonly value: number;
}
export declare class SignalState {
    private readonly onDeliverable;
    private readonly actions;
    blockedLo: number;
    blockedHi: number;
    pendingLo: number;
    pendingHi: number;
    private readonly info;
    /** Some pending signal is not blocked: the program takes it at its next call boundary. */
    deliverable: boolean;
    /**
     * A stop signal's default action stopped the process: it does not run (process.ts run() waits in
     * the kernel) until SIGCONT or SIGKILL.
     */
    stopped: boolean;
    /**
     * The process's group is orphaned (POSIX): SIGTSTP, SIGTTIN and SIGTTOU with the default action
     * are then discarded instead of stopping it, as on Linux. Without it the group is not orphaned.
     */
    orphaned?: () => boolean;
    /** Told when a stop signal's default action happens (the parent's waitpid(WUNTRACED) sees it). */
    onStopped?: (sig: number) => void;
    /** Told when SIGCONT continues a stopped process (the parent's waitpid/waitid(WCONTINUED) sees it). */
    onContinued?: () => void;
    /** sigsuspend's caller's mask, restored once the handlers that end the suspension have run. */
    private suspendedLo;
    private suspendedHi;
    private suspended;
    /** `onDeliverable` is told each time a signal becomes deliverable (the boundary check is armed). */
    constructor(onDeliverable: () => void);
    action(sig: number): Readonly<SigAction>;
    isBlocked(sig: number): boolean;
    isPending(sig: number): boolean;
    /** The siginfo `sig` is pending with (the same object that was posted), if it is pending. */
    pendingInfo(sig: number): SigInfo | undefined;
    /** sigaction: sets a (valid, catchable) signal's action; a pending signal now ignored is discarded. */
    setAction(sig: number, a: SigAction): void;
    /** sigprocmask: changes the blocked mask (SIGKILL and SIGSTOP stay unblocked). */
    setMask(how: SigHow, lo: number, hi: number): void;
    /**
     * Makes `sig` pending (SIGKILL is the caller's business). Stop and continue signals take effect
     * here, as Linux applies them when they are sent; a signal that would be ignored is dropped
     * unless it is blocked (then it waits, and sigpending shows it).
     */
    post(sig: number, info: SigInfo): void;
    private stop;
    /** A stop signal's default action: stops, but for SIGTSTP/SIGTTIN/SIGTTOU in an orphaned group (dropped). */
    private stopUnlessOrphaned;
    /** The action of `sig` ignores it: SIG_IGN, or SIG_DFL with an ignoring default. */
    private ignored;
    private discard;
    private update;
    /** The lowest pending signal that is not blocked, or 0. */
    private lowestDeliverable;
    /**
     * Would a deliverable signal interrupt a blocking call (it runs a handler or ends the process)?
     * Deliverable signals whose default action is to stop or be ignored take effect here instead.
     */
    interrupts(): boolean;
    /** The signal that interrupts a blocking call asks for the call to be restarted (SA_RESTART). */
    restarts(): boolean;
    /**
     * Takes the next deliverable signal: a handler to run (its mask is now in effect), a number
     * (a signal whose default action ends the process), or undefined when none is left.
     */
    take(): SignalDelivery | number | undefined;
    /**
     * signalfd's read: takes the lowest pending signal of the set, blocked or not, with its siginfo
     * and without running anything (a voided timer signal is dropped on the way); undefined when
     * no signal of the set is pending.
     */
    takeFromSet(lo: number, hi: number): {
        sig: number;
        info: SigInfo;
    } | undefined;
    /**
     * A synchronous fault: the handler to run now, or undefined when the fault is fatal (no handler,
     * or the signal is blocked: the fault would only repeat, so Linux kills the task).
     */
    takeFault(sig: number, info: SigInfo): SignalDelivery | undefined;
    /** A fault of `sig` now would run a handler. */
    catchesFault(sig: number): boolean;
    private enterHandler;
    /** A handler returned: the mask from before it is back (sigreturn). */
    handlerReturned(d: SignalDelivery): void;
    /**
     * sigsuspend ended with a signal to handle: its handlers run with the suspension's mask, and
     * `lo`/`hi` (the caller's mask) return once they have.
     */
    restoreAfterHandlers(lo: number, hi: number): void;
}
