// A decoupled program (the lecture's decoupled thread): its code runs unchanged in a worker thread
// of its own, on its own core, and its calls are forwarded to the vCPU entry — this object, run by
// the process's thread when the kernel schedules it. A forwarded call is served by the same
// import implementation a multiplexed call uses; a call that must wait makes the process's
// thread wait in the kernel, and runs again from the start when it is woken, exactly as a
// multiplexed call does. The worker rings by notifying the channel; the vCPU notices with
// Atomics.waitAsync (no core burns while nothing is forwarded) and wakes the thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ProcessExec, ProcessExit, SUSPEND } from '../libc/context.js';
import {
  ARG_SLOT, CHANNEL_BYTES, HANDLER_INTS, I64, MAX_ARGS, MAX_HANDLERS, Op, RESULT_SLOT, Slot, State, UNWIND,
  type DecoupledWorkerData, type DecoupledWorkerMessage,
} from './decouple_channel.js';
import { PREEMPT_IMPORT } from './asyncify.js';
import { LoadError, trapOutcome, type CallHooks, type HandlerCall, type ImportTable, type ProgramImage, type RunOutcome } from './program.js';

/** What a decoupled image carries besides the usual: the module rewritten to a shared memory. */
export interface DecoupledImage {
  module: WebAssembly.Module;
  initial: number;
  maximum: number;
  imports: DecoupledWorkerData['imports'];
}

// Atomics.waitAsync (Node 16+) is typed only from lib ES2024 on.
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array, i: number, v: number): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

/** Something a wait can be woken by (context.ts WaitSpec.sources). */
interface WaitSource { subscribe(wake: () => void): () => void }

/** How long the worker spins for a reply before it sleeps in Atomics.wait. */
const SPIN_NS = 200_000;

/** The vCPU side of a decoupled program: what a process runs in place of a ProgramInstance. */
export interface DecoupledHost {
  /** Blocks the process's thread until a source fires (process.ts wait); SUSPEND or -errno. */
  wait(spec: { sources: WaitSource[] }): number;
  /** Wakes the process's thread. */
  wake(): void;
  /** The machine's monotonic clock (ns). */
  monotonicNs(): bigint;
  /** No other thread is ready on this CPU: the vCPU may spin for the next forwarded call. */
  idle(): boolean;
}

/** How long the vCPU, with nothing else to run, spins for the next forwarded call (ms). */
const VCPU_SPIN_MS = 0.05;

/** The function imports of a prepared module, typed from the original's signatures. */
function preparedImports(image: ProgramImage): DecoupledImage['imports'] {
  return WebAssembly.Module.imports(image.module).filter((i) => i.kind === 'function').map((i) => {
    const key = `${i.module}.${i.name}`;
    const sig = image.signatures?.get(key);
    if (sig !== undefined) return { module: i.module, name: i.name, params: sig.paramTypes, result: sig.resultType };
    if (key === PREEMPT_IMPORT) return { module: i.module, name: i.name, params: [], result: 0x7f };
    throw new LoadError(`${image.name}: cannot read the type of import ${key}`);
  });
}

function workerEntry(): URL {
  const here = new URL('./decoupled_worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // Running from src/ (tests): the built worker in dist/.
  return new URL('../../dist/guest/decoupled_worker.js', import.meta.url);
}

export class DecoupledProgram {
  readonly memory: WebAssembly.Memory;
  readonly handlesSignals = false;
  readonly canFork = false;
  private readonly worker: Worker;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly i64: BigInt64Array;
  private readonly table: ((...a: any[]) => any)[];
  private readonly handlerCalls: HandlerCall[] = [];
  /** Handlers sent with the last reply, by signal, until the worker reports them returned. */
  private readonly running: HandlerCall[] = [];
  private outcome: RunOutcome | undefined;
  /** The value the channel's state had when the vCPU last wrote it (what waitAsync waits on). */
  private written: State = State.Idle;
  private disposed = false;
  private readonly ring: WaitSource;

  /** The program moved here from the vCPU (l4_decouple) and can move back (l4_recouple). */
  readonly prepared: boolean;
  private recoupling = false;
  private readonly imports: DecoupledImage['imports'];

  /**
   * `adopt`: the program is a prepared one that unwound on the vCPU at l4_decouple, on the shared
   * memory given; otherwise it is a decoupled image, started here from the beginning.
   */
  constructor(readonly image: ProgramImage, imports: ImportTable, private readonly host: DecoupledHost, private readonly hooks: CallHooks,
    adopt?: { memory: WebAssembly.Memory; globals: Record<string, number | bigint>; reserveBytes: number }) {
    let d: DecoupledImage;
    if (adopt !== undefined) {
      d = { module: image.module, initial: 0, maximum: 0, imports: preparedImports(image) };
      this.memory = adopt.memory;
    } else {
      if (image.decoupled === undefined) throw new LoadError(`${image.name}: not a decoupled image`);
      d = image.decoupled;
      this.memory = new WebAssembly.Memory({ initial: d.initial, maximum: d.maximum, shared: true });
    }
    this.prepared = adopt !== undefined;
    this.imports = d.imports;
    const channel = new SharedArrayBuffer(CHANNEL_BYTES);
    this.i32 = new Int32Array(channel);
    this.f64 = new Float64Array(channel);
    this.i64 = new BigInt64Array(channel);
    this.table = d.imports.map((imp) => {
      const fn = imports[imp.module]?.[imp.name];
      if (fn === undefined) throw new LoadError(`${image.name}: unknown import ${imp.module}.${imp.name}`);
      if (imp.params.length > MAX_ARGS) throw new LoadError(`${image.name}: ${imp.module}.${imp.name} has too many parameters to forward`);
      return fn;
    });
    this.ring = {
      subscribe: (cb: () => void) => {
        let armed = true;
        const w = waitAsync(this.i32, Slot.State, this.written);
        if (!w.async) cb();
        else void w.value.then(() => { if (armed) cb(); });
        return () => { armed = false; };
      },
    };
    const data: DecoupledWorkerData = {
      module: d.module,
      memory: this.memory,
      channel,
      imports: d.imports,
      monotonicBaseNs: process.hrtime.bigint() - host.monotonicNs(),
      spinNs: SPIN_NS,
      adopt: adopt && { globals: adopt.globals, reserveBytes: adopt.reserveBytes },
    };
    this.worker = new Worker(workerEntry(), { workerData: data });
    this.worker.on('message', (m: DecoupledWorkerMessage) => {
      if (m.type === 'returned') this.outcome = { kind: 'exited', code: 0 };
      else if (m.type === 'recouple') this.outcome = { kind: 'recouple', globals: m.globals };
      else this.outcome = trapOutcome(m.message, m.stack, image, m.stackExhausted === true);
      this.host.wake();
    });
    this.worker.on('error', (e) => {
      this.outcome = { kind: 'trapped', message: `decoupled worker failed: ${e.message}` };
      this.host.wake();
    });
    this.worker.unref();
  }

  /** Serves forwarded calls until the program must wait, ends, or nothing is forwarded. */
  run(): RunOutcome {
    try {
      for (;;) {
        if (this.outcome !== undefined) return this.outcome;
        if (Atomics.load(this.i32, Slot.State) === State.Request) {
          if (this.serve() === SUSPEND) return { kind: 'suspended' };
          continue;
        }
        this.takeSignals();
        if (this.handlerCalls.length === 0 && this.host.idle() && this.spinForRequest()) continue;
        const r = this.host.wait({ sources: [this.ring] });
        if (r === SUSPEND) return { kind: 'suspended' };
      }
    } catch (e) {
      if (e instanceof ProcessExit) return { kind: 'exited', code: e.code, signal: e.signal };
      if (e instanceof ProcessExec) return { kind: 'exec', program: e.program };
      throw e;
    }
  }

  /** A syscall-heavy program calls again within microseconds: catch it without a wake-up. */
  private spinForRequest(): boolean {
    const until = performance.now() + VCPU_SPIN_MS;
    do {
      if (Atomics.load(this.i32, Slot.State) === State.Request || this.outcome !== undefined) return true;
    } while (performance.now() < until);
    return false;
  }

  /** One forwarded call: SUSPEND when it must wait (it runs again once woken). */
  private serve(): unknown {
    const index = this.i32[Slot.Call]!;
    if (index === Op.SignalReturn) {
      const sig = this.f64[ARG_SLOT]!;
      const at = this.running.findIndex((c) => c.sig === sig);
      if (at >= 0) this.hooks.signalReturned(this.running.splice(at, 1)[0]!);
      this.reply();
      return 0;
    }
    const imp = this.imports[index];
    const fn = this.table[index];
    if (imp === undefined || fn === undefined) throw new Error(`decoupled program called unknown import ${index}`);
    const args = imp.params.map((t, k) => (t === I64 ? this.i64[ARG_SLOT + k] : this.f64[ARG_SLOT + k]));
    const r = fn(...args);
    if (r === SUSPEND) {
      if (this.hooks.takeRestart()) return this.serve(); // SA_RESTART: handlers run with the reply
      return SUSPEND;
    }
    this.hooks.callCompleted();
    if (imp.result === I64) this.i64[RESULT_SLOT] = BigInt(r as bigint);
    else if (imp.result !== 0) this.f64[RESULT_SLOT] = Number(r);
    if (this.recoupling) {
      this.reply(UNWIND);
      return r;
    }
    this.takeSignals();
    this.reply();
    return r;
  }

  /** l4_recouple: the reply to the current call makes the worker unwind the program. */
  recouple(): void { this.recoupling = true; }

  /** Takes the deliverable signals: a fatal one ends the program (throws), handlers wait for the reply. */
  private takeSignals(): void {
    for (let c = this.hooks.takeSignal(); c !== undefined; c = this.hooks.takeSignal()) this.handlerCalls.push(c);
  }

  private reply(unwind?: typeof UNWIND): void {
    const n = unwind !== undefined ? 0 : Math.min(this.handlerCalls.length, MAX_HANDLERS);
    for (let h = 0; h < n; h++) {
      const c = this.handlerCalls.shift()!;
      this.running.push(c);
      this.i32.set([c.sig, c.handler, c.flags, c.code, c.pid, c.uid, c.addr, c.value], Slot.HandlerArgs + h * HANDLER_INTS);
    }
    this.i32[Slot.Handlers] = unwind ?? n;
    this.written = State.Reply;
    Atomics.store(this.i32, Slot.State, State.Reply);
    Atomics.notify(this.i32, Slot.State);
  }

  adoptFork(): void { throw new LoadError(`${this.image.name}: a decoupled program cannot be forked`); }

  enterFaultHandler(): void { /* handlesSignals is false: traps end the program */ }

  /** Stops the worker (exit, kill, shutdown): a waiting worker is told to end, then terminated. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    Atomics.store(this.i32, Slot.State, State.Exit);
    Atomics.notify(this.i32, Slot.State);
    void this.worker.terminate();
  }
}
