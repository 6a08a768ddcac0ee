import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { KErr, Layout, Timeout } from "./abi.js";
const waitAsync = Atomics.waitAsync;
class Cpu {
  constructor(kernel, options = {}, id = kernel.cpu) {
    this.kernel = kernel;
    this.id = id;
    this.spinMs = (options.spinUs ?? 50) / 1e3;
    this.sliceMs = options.sliceMs ?? 4;
    this.onError = options.onError;
    this.wakeIdx = kernel.wakeWordIndex(id);
    this.sleepIdx = kernel.sleepingWordIndex(id);
    this.stopIdx = kernel.stopWordIndex(id);
  }
  kernel;
  id;
  entries = [];
  spinMs;
  sliceMs;
  onError;
  holds = 0;
  running = 0;
  /** performance.now() until which a wake-up from another CPU is expected (expectWake). */
  wakeExpectedBy = 0;
  wakeIdx;
  sleepIdx;
  stopIdx;
  /** Runs `host` whenever the kernel schedules thread `t` on this CPU. */
  register(t, host) {
    this.entries[t & Layout.HANDLE_INDEX_MASK] = { id: t, host, active: false };
  }
  unregister(t) {
    const i = t & Layout.HANDLE_INDEX_MASK;
    if (this.entries[i]?.id === t) this.entries[i] = void 0;
  }
  /** The thread whose run() is executing on this CPU (innermost on the fast path), or 0. */
  get current() {
    return this.running;
  }
  /**
   * Keeps the loop alive while the kernel looks quiescent, for as long as something outside the
   * kernel may still wake a thread (console input that triggers an IRQ, a host timer).
   * Returns the release function.
   */
  hold() {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.wake();
    };
  }
  /**
   * A thread here expects to be made ready from another CPU within `ms` (a decoupled program's
   * next call): until then the idle loop sleeps on the wake word, a futex wake-up away, before
   * it waits through the event loop (Atomics.waitAsync, an event-loop turn more per wake-up).
   */
  expectWake(ms) {
    this.wakeExpectedBy = performance.now() + ms;
  }
  /** Makes the idle loop look at the kernel again (after triggering an IRQ, from any thread). */
  wake() {
    this.kernel.wakeCpu(this.id);
  }
  /** Asks the loop to end after the current host thread returns (from any thread). */
  stop() {
    this.kernel.requestStop(this.id);
  }
  /**
   * IPC fast path: `client` (running on this CPU) calls the gate or thread in `cap`, with `words`
   * written to its MRs first. If the receiver was waiting and is a direct host thread here, it
   * runs at once ("hands the CPU to the server and back"); if the receiver is on another CPU and
   * nothing else is ready here, the reply is awaited spinning for up to spinUs. 0: the reply is in
   * the client's UTCB. -KErr.WouldBlock: the client is blocked in the kernel; its host thread must
   * suspend and read kernel.result(client) when it runs again (or abandon the call with
   * kernel.cancel(client)). Other negative values: the call failed (a negated KErr).
   */
  call(client, cap, tag, words, timeout = Timeout.Never) {
    const k = this.kernel;
    if (words !== void 0) k.writeMrs(client, words);
    const r = k.call(client, cap, tag, timeout);
    if (r > 0) {
      const e = this.entries[r & Layout.HANDLE_INDEX_MASK];
      if (e !== void 0 && e.id === r && e.host.direct === true && !e.active) this.runEntry(e);
      return k.result(client);
    }
    if (r !== -KErr.WouldBlock || k.readyCount(this.id) !== 0) return r;
    const other = k.partnerCpu(client);
    if (other < 0 || other === this.id) return r;
    const end = performance.now() + this.spinMs;
    do {
      const res = k.result(client);
      if (res !== -KErr.WouldBlock) return res;
    } while (performance.now() < end);
    return k.result(client);
  }
  /** One scheduling step: runs the next thread if any. False when idle. */
  step() {
    const t = this.kernel.schedule(this.id);
    if (t <= 0) return false;
    this.dispatch(t);
    return true;
  }
  /** Runs until stopped or until no thread can ever run again (quiescent, nothing held). */
  async run() {
    const k = this.kernel;
    const words = k.words;
    let lastYield = performance.now();
    try {
      for (; ; ) {
        if (Atomics.load(words, this.stopIdx) !== 0) break;
        const seq = Atomics.load(words, this.wakeIdx);
        const t = k.schedule(this.id);
        if (t > 0) {
          this.dispatch(t);
          const now = performance.now();
          if (now - lastYield >= this.sliceMs) {
            await yieldToEventLoop();
            lastYield = performance.now();
          }
          continue;
        }
        if (this.holds === 0 && k.quiescent()) break;
        if (await this.idleAsync(seq)) {
          lastYield = performance.now();
        } else if (performance.now() - lastYield >= this.sliceMs) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
    } finally {
      Atomics.store(words, this.stopIdx, 0);
      k.releaseCpu(this.id);
    }
  }
  /** The loop for a worker thread: blocks the thread while idle (Atomics.wait). */
  runBlocking() {
    const k = this.kernel;
    const words = k.words;
    try {
      for (; ; ) {
        if (Atomics.load(words, this.stopIdx) !== 0) break;
        const seq = Atomics.load(words, this.wakeIdx);
        const t = k.schedule(this.id);
        if (t > 0) {
          this.dispatch(t);
          continue;
        }
        if (this.holds === 0 && k.quiescent()) break;
        this.idleBlocking(seq);
      }
    } finally {
      Atomics.store(words, this.stopIdx, 0);
      k.releaseCpu(this.id);
    }
  }
  dispatch(t) {
    const e = this.entries[t & Layout.HANDLE_INDEX_MASK];
    if (e === void 0 || e.id !== t) {
      const err = new Error(`cpu ${this.id}: kernel scheduled thread ${t}, which has no host thread here`);
      if (this.onError === void 0) throw err;
      this.kernel.kill(t);
      this.onError(t, err);
      return;
    }
    if (e.active) return;
    this.runEntry(e);
  }
  runEntry(e) {
    const outer = this.running;
    this.running = e.id;
    e.active = true;
    try {
      e.host.run();
    } catch (err) {
      if (this.onError === void 0) throw err;
      this.kernel.kill(e.id);
      this.onError(e.id, err);
    } finally {
      e.active = false;
      this.running = outer;
    }
  }
  /** Spins, returns true if the wake word moved. */
  spin(seq) {
    const words = this.kernel.words;
    const end = performance.now() + this.spinMs;
    do {
      if (Atomics.load(words, this.wakeIdx) !== seq) return true;
    } while (performance.now() < end);
    return Atomics.load(words, this.wakeIdx) !== seq;
  }
  /** Milliseconds until the next kernel timeout of this CPU (Infinity: none). */
  msToTimeout() {
    const next = this.kernel.nextTimeout(this.id);
    if (next < 0) return Infinity;
    return Math.max(0, (next - this.kernel.nowUs()) / 1e3);
  }
  /** Waits for a wake or the next timeout; true if the event loop ran meanwhile. */
  async idleAsync(seq) {
    if (this.spin(seq)) return false;
    const expected = this.wakeExpectedBy - performance.now();
    this.wakeExpectedBy = 0;
    if (expected > 0 && this.block(seq, Math.min(expected, this.msToTimeout()))) return false;
    const ms = this.msToTimeout();
    if (ms < BLOCK_MS) {
      this.block(seq, ms);
      return false;
    }
    const words = this.kernel.words;
    const bounded = Math.min(Math.ceil(ms), MAX_TIMER_MS);
    Atomics.store(words, this.sleepIdx, 1);
    try {
      const w = waitAsync(words, this.wakeIdx, seq, bounded);
      if (!w.async) return false;
      let timer;
      const timeout = new Promise((resolve) => {
        timer = setTimeout(resolve, bounded);
      });
      await Promise.race([w.value, timeout]);
      clearTimeout(timer);
      return true;
    } finally {
      Atomics.store(words, this.sleepIdx, 0);
    }
  }
  /** Blocks the thread on the wake word for up to `ms`; true if the word moved. */
  block(seq, ms) {
    const words = this.kernel.words;
    Atomics.store(words, this.sleepIdx, 1);
    Atomics.wait(words, this.wakeIdx, seq, ms);
    Atomics.store(words, this.sleepIdx, 0);
    return Atomics.load(words, this.wakeIdx) !== seq;
  }
  idleBlocking(seq) {
    if (this.spin(seq)) return;
    this.block(seq, Math.min(this.msToTimeout(), MAX_TIMER_MS));
  }
}
const BLOCK_MS = 2;
const MAX_TIMER_MS = 2147483647;
const WOULD_BLOCK = -KErr.WouldBlock;
export {
  Cpu,
  WOULD_BLOCK
};
