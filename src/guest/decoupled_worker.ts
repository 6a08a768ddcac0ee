// A decoupled program's core: a worker thread that runs the program's *original* code (no
// asyncify: a blocking call simply waits here). Every import is a stub that forwards the call to
// the vCPU through the shared channel (spin briefly, then Atomics.wait); the monotonic clock is
// answered here. Signal handlers the vCPU asks for run here, before the call returns.
import { workerData, parentPort } from 'node:worker_threads';
import {
  ARG_SLOT, HANDLER_INTS, I64, Op, RESULT_SLOT, Slot, State, UNWIND,
  type DecoupledWorkerData, type DecoupledWorkerMessage,
} from './decouple_channel.js';

const data = workerData as DecoupledWorkerData;
const i32 = new Int32Array(data.channel);
const f64 = new Float64Array(data.channel);
const i64 = new BigInt64Array(data.channel);
const memory = data.memory;

/** Thrown through the program when the vCPU ends it (exit, kill, shutdown). */
class Ended extends Error {}

let deliver: ((...a: number[]) => void) | undefined;

/** asyncify's exports, when the program was prepared (it moved here with l4_decouple). */
interface Asyncify {
  asyncify_start_unwind(at: number): void;
  asyncify_stop_unwind(): void;
  asyncify_start_rewind(at: number): void;
  asyncify_stop_rewind(): void;
}
let asyncify: Asyncify | undefined;
let rewinding = false;
let unwinding = false;
const reserve = data.adopt?.reserveBytes ?? 0;
const saveArea = () => memory.buffer.byteLength - reserve;

function call(index: number): void {
  i32[Slot.Call] = index;
  Atomics.store(i32, Slot.State, State.Request);
  Atomics.notify(i32, Slot.State);
  const until = process.hrtime.bigint() + BigInt(data.spinNs);
  while (Atomics.load(i32, Slot.State) === State.Request) {
    if (process.hrtime.bigint() > until) {
      Atomics.wait(i32, Slot.State, State.Request);
    }
  }
  if (Atomics.load(i32, Slot.State) === State.Exit) throw new Ended();
}

/** Runs the handlers the reply carries; each one's return is reported. */
function runHandlers(): void {
  const n = i32[Slot.Handlers]!;
  if (n === 0) return;
  const calls: number[][] = [];
  for (let h = 0; h < n; h++) calls.push(Array.from(i32.subarray(Slot.HandlerArgs + h * HANDLER_INTS, Slot.HandlerArgs + (h + 1) * HANDLER_INTS)));
  for (const args of calls) {
    deliver?.(...args);
    f64[ARG_SLOT] = args[0]!;
    call(Op.SignalReturn);
  }
}

function stub(index: number, params: number[], result: number): (...args: (number | bigint)[]) => number | bigint | undefined {
  return (...args) => {
    if (rewinding) {
      // Back in the call the program unwound at on the vCPU (l4_decouple): it returns 0 here.
      asyncify!.asyncify_stop_rewind();
      rewinding = false;
      return result === I64 ? 0n : 0;
    }
    for (let k = 0; k < params.length; k++) {
      if (params[k] === I64) i64[ARG_SLOT + k] = args[k] as bigint;
      else f64[ARG_SLOT + k] = args[k] as number;
    }
    call(index);
    const r = result === 0 ? undefined : result === I64 ? i64[RESULT_SLOT]! : f64[RESULT_SLOT]!;
    if (i32[Slot.Handlers] === UNWIND) {
      // l4_recouple: the program unwinds into the save area and continues on the vCPU.
      const at = saveArea();
      const view = new Int32Array(memory.buffer, at, 2);
      view[0] = at + 8;
      view[1] = at + reserve;
      asyncify!.asyncify_start_unwind(at);
      unwinding = true;
      return r;
    }
    runHandlers();
    return r;
  };
}

const WASI = 'wasi_snapshot_preview1';
const CLOCK_MONOTONIC = 1;

/** clock_time_get(MONOTONIC) on this core; anything else (or a bad pointer) is forwarded. */
function localClock(forward: (...a: (number | bigint)[]) => number | bigint | undefined) {
  return (...a: (number | bigint)[]): number | bigint | undefined => {
    const [id, precision, ptr] = a as [number, bigint, number];
    const at = ptr >>> 0;
    if (id !== CLOCK_MONOTONIC || at + 8 > memory.buffer.byteLength) return forward(id, precision, ptr);
    new DataView(memory.buffer).setBigUint64(at, process.hrtime.bigint() - data.monotonicBaseNs, true);
    return 0;
  };
}

const imports: Record<string, Record<string, unknown>> = { env: { memory } };
data.imports.forEach((imp, index) => {
  let fn = stub(index, imp.params, imp.result);
  if (imp.module === WASI && imp.name === 'clock_time_get') fn = localClock(fn);
  // The loops of a prepared program ask for preemption: nothing to share this core with.
  if (imp.module === 'l4posix' && imp.name === 'preempt') fn = () => 1 << 30;
  (imports[imp.module] ??= {})[imp.name] = fn;
});

function post(m: DecoupledWorkerMessage): void { parentPort!.postMessage(m); }

try {
  const instance = new WebAssembly.Instance(data.module, imports as WebAssembly.Imports);
  const exp = instance.exports as Record<string, unknown>;
  if (typeof exp.__l4posix_signal_deliver === 'function') deliver = exp.__l4posix_signal_deliver as (...a: number[]) => void;
  const globals = () => {
    const out: Record<string, number | bigint> = {};
    for (const [name, g] of Object.entries(exp)) if (name.startsWith('__l4wasm_global_') && g instanceof WebAssembly.Global) out[name] = g.value as number | bigint;
    return out;
  };
  if (data.adopt) {
    asyncify = exp as unknown as Asyncify;
    for (const [name, v] of Object.entries(data.adopt.globals)) (exp[name] as WebAssembly.Global).value = v;
    asyncify.asyncify_start_rewind(saveArea());
    rewinding = true;
  }
  (exp._start as () => void)();
  if (unwinding) {
    asyncify!.asyncify_stop_unwind();
    post({ type: 'recouple', globals: globals() });
  } else {
    post({ type: 'returned' });
  }
} catch (e) {
  if (!(e instanceof Ended)) {
    const err = e as Error;
    post({
      type: 'trapped',
      message: err?.message ?? String(e),
      stack: err?.stack,
      stackExhausted: err instanceof RangeError && /call stack/i.test(err.message),
    });
  }
}
