import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { WASI } from "node:wasi";
import { PACKAGE_ROOT } from "../toolchain/cc.js";
import { compileCached } from "../toolchain/compile_cache.js";
import { Machine } from "../guest/machine.js";
async function bare(bytes) {
  const wasi = new WASI({ version: "preview1", args: ["preempt", "2"], returnOnExit: true, stdout: 2 });
  const mod = await WebAssembly.compile(bytes);
  const inst = await WebAssembly.instantiate(mod, wasi.getImportObject());
  const t = performance.now();
  wasi.start(inst);
  return performance.now() - t;
}
const startMs = [];
async function onMachine(path) {
  const m = await Machine.boot();
  try {
    const t0 = performance.now();
    await m.spawn(path, { args: ["preempt", "0"] }).exit;
    startMs.push(performance.now() - t0);
    const t = performance.now();
    const p = m.spawn(path, { args: ["preempt", "2"] });
    await p.exit;
    return { ms: performance.now() - t, out: p.stdout };
  } finally {
    await m.shutdown();
  }
}
async function benchPreempt(runs = 5, outDir = "bench") {
  const wasm = await compileCached(join(PACKAGE_ROOT, "bench", "preempt.c"));
  const bytes = readFileSync(wasm);
  const b = [];
  const l = [];
  for (let i = 0; i < runs; i++) {
    b.push(await bare(bytes));
    l.push((await onMachine(wasm)).ms);
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const result = {
    program: "bench/preempt.c (-O2): collatz to 600000, 40M-step float integration",
    runs,
    node_wasi_ms: Number(median(b).toFixed(1)),
    l4wasm_ms: Number(median(l).toFixed(1)),
    ratio: Number((median(l) / median(b)).toFixed(3)),
    l4wasm_empty_run_ms: Number(median(startMs.slice(1)).toFixed(1)),
    target_ratio: 1.3,
    note: "l4wasm: loops instrumented with a budget check calling l4posix.preempt every 50,000 iterations, then asyncify; includes the process start on the machine"
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, "preempt.json"), JSON.stringify(result, null, 2) + "\n");
  return result;
}
export {
  benchPreempt
};
