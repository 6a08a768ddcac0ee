// The CPU loop: asks the kernel which thread runs next on this CPU and runs its host thread.
// A host thread is any object whose run() executes the thread synchronously until it blocks
// (an operation returned -KErr.WouldBlock), yields or ends. When the kernel makes it ready again
// the loop calls run() again, and the thread reads the result of the blocked operation from its
// UTCB (kernel.result(t), kernel.tag(t), kernel.mr(t, i)). TypeScript servers and
// asyncify-suspended programs are both just host threads.
//
// Idle: spin briefly on the CPU's wake word (a thread readied from another CPU answers within
// microseconds), then sleep until the next kernel timeout or a wake (Atomics.waitAsync on the main
// thread, Atomics.wait in workers and, for timeouts closer than Node's timers can keep, on the
// main thread too). Waking a sleeping thread costs tens of microseconds here.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { KErr, Layout, Timeout } from './abi.js';
import type { Kernel, ThreadId, CpuId, Cap } from './kernel.js';

// Atomics.waitAsync (Node 16+) is typed only from lib ES2024 on.
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array, i: number, v: number, ms?: number):
    { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

export interface HostThread {
  /** Runs the thread until it blocks, yields or ends; returns to let the CPU run others. */
  run(): void;
  /**
   * May run synchronously inside another thread's call on this CPU (the IPC fast path hands the
   * CPU straight to it and back). True for servers; false for threads that suspend a stack.
   */
  readonly direct?: boolean;
}

export interface CpuOptions {
  /** How long an idle CPU spins on its wake word before it sleeps. Default 50 µs. */
  spinUs?: number;
  /** The async loop yields to the Node event loop after running this long. Default 4 ms. */
  sliceMs?: number;
  /** A host thread threw: called with the error; the thread is killed. Default: the loop rethrows. */
  onError?: (thread: ThreadId, error: unknown) => void;
}

interface Entry {
  readonly id: ThreadId;
  readonly host: HostThread;
  /** run() is on the JS stack (never enter a host thread twice). */
  active: boolean;
}

export class Cpu {
  readonly id: CpuId;
  private readonly entries: (Entry | undefined)[] = [];
  private readonly spinMs: number;
  private readonly sliceMs: number;
  private readonly onError?: (thread: ThreadId, error: unknown) => void;
  private holds = 0;
  private running: ThreadId = 0;
  /** performance.now() until which a wake-up from another CPU is expected (expectWake). */
  private wakeExpectedBy = 0;
  private readonly wakeIdx: number;
  private readonly sleepIdx: number;
  private readonly stopIdx: number;

  constructor(readonly kernel: Kernel, options: CpuOptions = {}, id: CpuId = kernel.cpu) {
    this.id = id;
    this.spinMs = (options.spinUs ?? 50) / 1000;
    this.sliceMs = options.sliceMs ?? 4;
    this.onError = options.onError;
    this.wakeIdx = kernel.wakeWordIndex(id);
    this.sleepIdx = kernel.sleepingWordIndex(id);
    this.stopIdx = kernel.stopWordIndex(id);
  }

  /** Runs `host` whenever the kernel schedules thread `t` on this CPU. */
  register(t: ThreadId, host: HostThread): void {
    this.entries[t & Layout.HANDLE_INDEX_MASK] = { id: t, host, active: false };
  }

  unregister(t: ThreadId): void {
    const i = t & Layout.HANDLE_INDEX_MASK;
    if (this.entries[i]?.id === t) this.entries[i] = undefined;
  }

  /** The thread whose run() is executing on this CPU (innermost on the fast path), or 0. */
  get current(): ThreadId { return this.running; }

  /**
   * Keeps the loop alive while the kernel looks quiescent, for as long as something outside the
   * kernel may still wake a thread (console input that triggers an IRQ, a host timer).
   * Returns the release function.
   */
  hold(): () => void {
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
  expectWake(ms: number): void {
    this.wakeExpectedBy = performance.now() + ms;
  }

  /** Makes the idle loop look at the kernel again (after triggering an IRQ, from any thread). */
  wake(): void { this.kernel.wakeCpu(this.id); }

  /** Asks the loop to end after the current host thread returns (from any thread). */
  stop(): void {
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
  call(client: ThreadId, cap: Cap, tag: number, words?: ArrayLike<number>, timeout: number = Timeout.Never): number {
    const k = this.kernel;
    if (words !== undefined) k.writeMrs(client, words);
    const r = k.call(client, cap, tag, timeout);
    if (r > 0) {
      const e = this.entries[r & Layout.HANDLE_INDEX_MASK];
      if (e !== undefined && e.id === r && e.host.direct === true && !e.active) this.runEntry(e);
      return k.result(client);
    }
    if (r !== -KErr.WouldBlock || k.readyCount(this.id) !== 0) return r;
    const other = k.partnerCpu(client);
    if (other < 0 || other === this.id) return r;
    // The receiver runs on another CPU and nothing else wants this one: a reply within the spin
    // time is cheaper to wait for here than through the scheduler.
    const end = performance.now() + this.spinMs;
    do {
      const res = k.result(client);
      if (res !== -KErr.WouldBlock) return res;
    } while (performance.now() < end);
    return k.result(client);
  }

  /** One scheduling step: runs the next thread if any. False when idle. */
  step(): boolean {
    const t = this.kernel.schedule(this.id);
    if (t <= 0) return false;
    this.dispatch(t);
    return true;
  }

  /** Runs until stopped or until no thread can ever run again (quiescent, nothing held). */
  async run(): Promise<void> {
    const k = this.kernel;
    const words = k.words;
    let lastYield = performance.now();
    try {
      for (;;) {
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
          // Idle without the event loop (spun, or blocked for a short timeout): it runs at
          // least once a slice all the same.
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
  runBlocking(): void {
    const k = this.kernel;
    const words = k.words;
    try {
      for (;;) {
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

  private dispatch(t: ThreadId): void {
    const e = this.entries[t & Layout.HANDLE_INDEX_MASK];
    if (e === undefined || e.id !== t) {
      const err = new Error(`cpu ${this.id}: kernel scheduled thread ${t}, which has no host thread here`);
      if (this.onError === undefined) throw err;
      this.kernel.kill(t); // it could never run: the loop must not pick it again
      this.onError(t, err);
      return;
    }
    if (e.active) return; // already on the stack (a fast-path server): it runs when that returns
    this.runEntry(e);
  }

  private runEntry(e: Entry): void {
    const outer = this.running;
    this.running = e.id;
    e.active = true;
    try {
      e.host.run();
    } catch (err) {
      if (this.onError === undefined) throw err;
      this.kernel.kill(e.id);
      this.onError(e.id, err);
    } finally {
      e.active = false;
      this.running = outer;
    }
  }

  /** Spins, returns true if the wake word moved. */
  private spin(seq: number): boolean {
    const words = this.kernel.words;
    const end = performance.now() + this.spinMs;
    do {
      if (Atomics.load(words, this.wakeIdx) !== seq) return true;
    } while (performance.now() < end);
    return Atomics.load(words, this.wakeIdx) !== seq;
  }

  /** Milliseconds until the next kernel timeout of this CPU (Infinity: none). */
  private msToTimeout(): number {
    const next = this.kernel.nextTimeout(this.id);
    if (next < 0) return Infinity;
    return Math.max(0, (next - this.kernel.nowUs()) / 1000);
  }

  /** Waits for a wake or the next timeout; true if the event loop ran meanwhile. */
  private async idleAsync(seq: number): Promise<boolean> {
    if (this.spin(seq)) return false;
    const expected = this.wakeExpectedBy - performance.now();
    this.wakeExpectedBy = 0;
    // A wake-up expected soon (expectWake): blocked on the wake word until then, like a near timeout below.
    if (expected > 0 && this.block(seq, Math.min(expected, this.msToTimeout()))) return false;
    const ms = this.msToTimeout();
    if (ms < BLOCK_MS) {
      // Below Node's timer granularity (a setTimeout(1) fires 1-2 ms late): block the thread on
      // the wake word until the deadline, which the futex keeps to within microseconds and which
      // costs no CPU. A wake from another thread (an IRQ, a decoupled program's call) ends it at
      // once; the event loop waits at most this long.
      this.block(seq, ms);
      return false;
    }
    const words = this.kernel.words;
    // Node's timers take at most 2^31-1 ms (24.8 days; beyond that they fire at once, with a
    // warning): a longer sleep wakes at that bound, finds nothing due and sleeps again.
    const bounded = Math.min(Math.ceil(ms), MAX_TIMER_MS);
    Atomics.store(words, this.sleepIdx, 1);
    try {
      const w = waitAsync(words, this.wakeIdx, seq, bounded);
      if (!w.async) return false;
      // A pending waitAsync does not keep Node alive; the timer does (and bounds the wait).
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
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
  private block(seq: number, ms: number): boolean {
    const words = this.kernel.words;
    Atomics.store(words, this.sleepIdx, 1);
    Atomics.wait(words, this.wakeIdx, seq, ms);
    Atomics.store(words, this.sleepIdx, 0);
    return Atomics.load(words, this.wakeIdx) !== seq;
  }

  private idleBlocking(seq: number): void {
    if (this.spin(seq)) return;
    this.block(seq, Math.min(this.msToTimeout(), MAX_TIMER_MS));
  }
}

/**
 * Kernel timeouts closer than this (ms) are waited for by blocking the main thread, not with a
 * timer: Node's timers are too coarse for them, and spinning would burn the core.
 */
const BLOCK_MS = 2;

/** The longest delay Node's setTimeout takes. */
const MAX_TIMER_MS = 0x7fffffff;

/** -KErr.WouldBlock, the result of an operation that blocked. */
export const WOULD_BLOCK = -KErr.WouldBlock;
