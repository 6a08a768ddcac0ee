const LOOK_US = 50;
const MAX_BUDGET = 1024;
const HOST_SLICE_US = 2e4;
class TimeSlice {
  constructor(kernel, cpu) {
    this.kernel = kernel;
    this.cpu = cpu;
  }
  kernel;
  cpu;
  /** Calls until the next look. */
  budget = 64;
  lastLookUs = 0;
  dispatchedUs = 0;
  /** The thread is dispatched (start of its run on the CPU). */
  dispatched() {
    this.dispatchedUs = this.lastLookUs = this.kernel.nowUs();
  }
  /** A look at the clock: sets the budget to as many calls as take LOOK_US at the last stretch's rate. */
  look(now) {
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
  mustYield(now) {
    const k = this.kernel;
    const next = k.nextTimeout(this.cpu);
    if (next >= 0 && next <= now) return true;
    if (now - this.dispatchedUs >= HOST_SLICE_US) return true;
    return k.shouldYield(this.cpu);
  }
}
export {
  TimeSlice
};
