import type { Kernel } from '../kernel/kernel.js';
export declare class TimeSlice {
    private readonly kernel;
    private readonly cpu;
    /** Calls until the next look. */
    budget: number;
    private lastLookUs;
    private dispatchedUs;
    constructor(kernel: Kernel, cpu: number);
    /** The thread is dispatched (start of its run on the CPU). */
    dispatched(): void;
    /** A look at the clock: sets the budget to as many calls as take LOOK_US at the last stretch's rate. */
    look(now: number): number;
    /**
     * Give up the CPU: a kernel timeout is due (a sleeper's, or E's timer: E runs when the CPU loop
     * processes it), the slice is used up, a thread of higher priority
     * is ready (a decoupled program's forwarded call), or the program has kept the host thread long
     * enough.
     */
    mustYield(now: number): boolean;
}
