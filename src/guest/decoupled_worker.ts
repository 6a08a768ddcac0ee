// A decoupled program's core: a worker thread that runs the program's *original* code (no
// asyncify: a blocking call simply waits here). Every import is a stub that forwards the call to
// the vCPU through the shared channel (spin briefly, then Atomics.wait); the monotonic clock is
// answered here. Signal handlers the vCPU asks for run here, before the call returns.
import { workerData, parentPort } from 'node:worker_threads';
import {
  ARG_SLOT, HANDLER_INTS, I64, Op, RESULT_SLOT, Slot, State,
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
    for (let k = 0; k < params.length; k++) {
      if (params[k] === I64) i64[ARG_SLOT + k] = args[k] as bigint;
      else f64[ARG_SLOT + k] = args[k] as number;
    }
    call(index);
    const r = result === 0 ? undefined : result === I64 ? i64[RESULT_SLOT]! : f64[RESULT_SLOT]!;
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
  (imports[imp.module] ??= {})[imp.name] = fn;
});

function post(m: DecoupledWorkerMessage): void { parentPort!.postMessage(m); }

try {
  const instance = new WebAssembly.Instance(data.module, imports as WebAssembly.Imports);
  const exp = instance.exports as Record<string, unknown>;
  if (typeof exp.__l4posix_signal_deliver === 'function') deliver = exp.__l4posix_signal_deliver as (...a: number[]) => void;
  (exp._start as () => void)();
  post({ type: 'returned' });
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
