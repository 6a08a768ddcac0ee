// The cost of making a program preemptible: bench/preempt.c, compute-bound, run bare under
// node:wasi and on an l4wasm machine (loops instrumented with the budget check, asyncified).
// Writes OUT/preempt.json; `l4wasm bench preempt [--runs N] [--out DIR]`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WASI } from 'node:wasi';
import { PACKAGE_ROOT } from '../toolchain/cc.js';
import { compileCached } from '../toolchain/compile_cache.js';
import { Machine } from '../guest/machine.js';

async function bare(bytes: Uint8Array): Promise<number> {
  const wasi = new WASI({ version: 'preview1', args: ['preempt', '2'], returnOnExit: true, stdout: 2 });
  const mod = await WebAssembly.compile(bytes as BufferSource);
  const inst = await WebAssembly.instantiate(mod, wasi.getImportObject() as WebAssembly.Imports);
  const t = performance.now();
  wasi.start(inst);
  return performance.now() - t;
}

/** The time of an empty run on the machine (the start and exit of a process), per run. */
const startMs: number[] = [];

async function onMachine(path: string): Promise<{ ms: number; out: string }> {
  const m = await Machine.boot();
  try {
    // The module is prepared (asyncify) before the clock starts: a second spawn uses the cache.
    const t0 = performance.now();
    await m.spawn(path, { args: ['preempt', '0'] }).exit;
    startMs.push(performance.now() - t0);
    const t = performance.now();
    const p = m.spawn(path, { args: ['preempt', '2'] });
    await p.exit;
    return { ms: performance.now() - t, out: p.stdout };
  } finally {
    await m.shutdown();
  }
}

/** Runs the comparison `runs` times; writes `outDir`/preempt.json (default: ./bench). */
export async function benchPreempt(runs = 5, outDir = 'bench'): Promise<Record<string, unknown>> {
  const wasm = await compileCached(join(PACKAGE_ROOT, 'bench', 'preempt.c'));
  const bytes = readFileSync(wasm);
  const b: number[] = [];
  const l: number[] = [];
  for (let i = 0; i < runs; i++) {
    b.push(await bare(bytes));
    l.push((await onMachine(wasm)).ms);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const result = {
    program: 'bench/preempt.c (-O2): collatz to 600000, 40M-step float integration',
    runs,
    node_wasi_ms: Number(median(b).toFixed(1)),
    l4wasm_ms: Number(median(l).toFixed(1)),
    ratio: Number((median(l) / median(b)).toFixed(3)),
    l4wasm_empty_run_ms: Number(median(startMs.slice(1)).toFixed(1)),
    target_ratio: 1.3,
    note: 'l4wasm: loops instrumented with a budget check calling l4posix.preempt every 50,000 iterations, then asyncify; includes the process start on the machine',
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, 'preempt.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}
