// When a running program looks at the clock and when it gives up the CPU: the time-slice policy
// of the vCPU, applied at the program's call boundaries (the signal class asks it at each look).
import type { Kernel } from '../kernel/kernel.js';

/** Look at the clock about this often (µs of the program's run time) at call boundaries. */
const LOOK_US = 50;
/** At most this many calls between looks, whatever the rate was (bounds the delay after the rate drops). */
const MAX_BUDGET = 1024;
/** A program that computes gives the CPU back after this long (µs), so the host's events are served. */
const HOST_SLICE_US = 20_000;

export class TimeSlice {
  /** Calls until the next look. */
  budget = 64;
  private lastLookUs = 0;
  private dispatchedUs = 0;

  constructor(private readonly kernel: Kernel, private readonly cpu: number) {}

  /** The thread is dispatched (start of its run on the CPU). */
  dispatched(): void {
    this.dispatchedUs = this.lastLookUs = this.kernel.nowUs();
  }

  /** A look at the clock: sets the budget to as many calls as take LOOK_US at the last stretch's rate. */
  look(now: number): number {
    const perCall = (now - this.lastLookUs) / this.budget;
    this.lastLookUs = now;
    this.budget = perCall <= LOOK_US / MAX_BUDGET ? MAX_BUDGET : Math.max(1, Math.floor(LOOK_US / perCall));
    return this.budget;
  }

  /**
   * Give up the CPU: a kernel timeout is due (a sleeper's, or E's timer: E runs when the CPU loop
   * processes it), the slice is used up, a thread of higher priority
   * is ready (a decoupled program's forwarded call), or the program has kept the host thread long
   * enough.
   */
  mustYield(now: number): boolean {
    const k = this.kernel;
    const next = k.nextTimeout(this.cpu);
    if (next >= 0 && next <= now) return true;
    if (now - this.dispatchedUs >= HOST_SLICE_US) return true;
    return k.shouldYield(this.cpu);
  }
}
