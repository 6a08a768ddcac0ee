import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { cacheDir } from "../toolchain/compile_cache.js";
import { prepareBinary } from "./instrument.js";
import { setDataAside } from "./data_aside.js";
import { phase } from "./start_phases.js";
import { readPrepared } from "./prepared_data.js";
const TRANSFORM_VERSION = 9;
const GLOBAL_EXPORT_PREFIX = "__l4wasm_global_";
class PrepareAbortedError extends Error {
  constructor() {
    super("preparation stopped");
  }
}
class PrepareBudgetError extends Error {
  constructor(kind, limit, remembered, peakBytes = 0) {
    super(kind === "time" ? `preparation takes longer than its ${(limit / 1e3).toFixed(1)} s budget` : `preparation needs more than its ${Math.round(limit / 1048576)} MB memory budget`);
    this.kind = kind;
    this.limit = limit;
    this.remembered = remembered;
    this.peakBytes = peakBytes;
  }
  kind;
  limit;
  remembered;
  peakBytes;
}
const PREEMPT_IMPORT = "l4posix.preempt";
const RESERVED_PAGES = 4;
const OPTIMIZE_CODE_LIMIT = 2 * 1024 * 1024;
const OPTIMIZE_CODE_LIMIT_ENV = "L4WASM_OPTIMIZE_CODE_LIMIT";
function forcedCodeLimit() {
  const raw = process.env[OPTIMIZE_CODE_LIMIT_ENV]?.trim();
  const n = raw ? Number(raw) : NaN;
  return Number.isFinite(n) ? n : void 0;
}
const OPTIMIZING_MS_PER_CODE_BYTE = 2e4 / (1024 * 1024);
function optimizeLevel(codeBytes, timeBudgetMs) {
  const forced = forcedCodeLimit();
  if (forced !== void 0) return codeBytes <= forced ? 1 : 0;
  if (codeBytes > OPTIMIZE_CODE_LIMIT) return 0;
  if (timeBudgetMs !== void 0 && codeBytes * OPTIMIZING_MS_PER_CODE_BYTE > timeBudgetMs / 2) return 0;
  return 1;
}
function contentHashOf(wasm, options) {
  return options.contentHash?.() ?? createHash("sha256").update(wasm).digest("hex");
}
function keyOf(codeBytes, content, options) {
  return createHash("sha256").update(`asyncify v${TRANSFORM_VERSION} O${optimizeLevel(codeBytes, options.budget?.timeMs)}
reserve ${RESERVED_PAGES}
${options.asyncImports.join(",")}
`).update(options.share ? `shared ${options.share.initial} ${options.share.maximum}
` : "private\n").update(`sha256 ${content}
`).digest("hex").slice(0, 32);
}
async function asyncify(wasm, options) {
  return (await prepareModule(wasm, options)).binary;
}
async function cachedPreparation(codeBytes, content, options) {
  const cached = preparationPaths(codeBytes, content, options).module;
  phase("cache key");
  return readPrepared(cached);
}
function preparationPaths(codeBytes, content, options) {
  const key = keyOf(codeBytes, content, options);
  return { module: join(cacheDir(), `${key}.async.wasm`), marker: join(cacheDir(), `${key}.over-budget.json`) };
}
function rememberedOverBudget(marker, budget) {
  if (budget === void 0 || !existsSync(marker)) return void 0;
  try {
    const over = JSON.parse(readFileSync(marker, "utf8"));
    const now = over.kind === "time" ? budget.timeMs : budget.memoryBytes;
    if (now !== void 0 && now <= over.limit) return new PrepareBudgetError(over.kind, now, true);
  } catch {
  }
  return void 0;
}
function rememberOverBudget(marker, over) {
  try {
    writeFileSync(marker, JSON.stringify(over));
  } catch {
  }
}
async function prepareModule(wasm, options) {
  const { module: cached, marker } = preparationPaths(codeSize(wasm), contentHashOf(wasm, options), options);
  phase("cache key");
  if (existsSync(cached)) return { binary: readFileSync(cached), cached: true, ms: 0, peakBytes: 0 };
  const remembered = rememberedOverBudget(marker, options.budget);
  if (remembered !== void 0) throw remembered;
  options.onTransform?.();
  const started = performance.now();
  const stats = await runWorker(wasm, options, cached, started);
  if (stats.over !== void 0) {
    if (stats.over.kind === "memory") rememberOverBudget(marker, stats.over);
    throw new PrepareBudgetError(stats.over.kind, stats.over.limit, false, stats.peakBytes);
  }
  return { binary: readFileSync(cached), cached: false, ms: performance.now() - started, peakBytes: stats.peakBytes };
}
const SAMPLE_MS = 20;
function runWorker(wasm, options, cachePath, started) {
  const moduleBytes = wasm.byteLength;
  const codeBytes = codeSize(wasm);
  const report = (phase2) => options.onPhase?.({ phase: phase2, elapsedMs: performance.now() - started, moduleBytes, codeBytes });
  const data = { wasm, asyncImports: options.asyncImports, share: options.share, level: optimizeLevel(codeBytes, options.budget?.timeMs), cachePath };
  const baseline = process.memoryUsage.rss();
  let peak = 0;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new PrepareAbortedError());
      return;
    }
    const execArgv = process.execArgv.filter((a) => !a.startsWith("--input-type"));
    const { Worker } = createRequire(import.meta.url)("node:worker_threads");
    const worker = new Worker(workerEntry(), { workerData: data, execArgv });
    let settled = false;
    const finish = (f) => {
      if (settled) return;
      settled = true;
      clearInterval(sampler);
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      f();
    };
    const onAbort = () => finish(() => {
      void worker.terminate().finally(() => rmSync(`${cachePath}.${process.pid}.${worker.threadId}.tmp`, { force: true }));
      reject(new PrepareAbortedError());
    });
    options.signal?.addEventListener("abort", onAbort);
    const over = (o) => finish(() => {
      void worker.terminate().finally(() => {
        rmSync(`${cachePath}.${process.pid}.${worker.threadId}.tmp`, { force: true });
        resolve({ peakBytes: peak, over: o });
      });
    });
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage.rss() - baseline);
      const limit = options.budget?.memoryBytes;
      if (limit !== void 0 && peak > limit) over({ kind: "memory", limit });
    };
    const sampler = setInterval(sample, SAMPLE_MS);
    const timeMs = options.budget?.timeMs;
    const timer = timeMs === void 0 ? void 0 : setTimeout(() => over({ kind: "time", limit: timeMs }), timeMs);
    worker.on("message", (m) => {
      if (m.type === "phase") {
        sample();
        report(m.phase);
        return;
      }
      sample();
      if (m.type === "done") finish(() => resolve({ peakBytes: peak }));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on("error", (e) => finish(() => reject(e)));
    worker.on("exit", (code) => finish(() => reject(new Error(`the preparation worker ended (exit ${code})`))));
  });
}
function workerEntry() {
  const here = new URL("./prepare_worker.js", import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL("../../dist/guest/prepare_worker.js", import.meta.url);
}
function codeSize(wasm) {
  let p = 8;
  const u32 = () => {
    let v = 0, s = 0, b;
    do {
      b = wasm[p++];
      v += (b & 127) * 2 ** s;
      s += 7;
    } while (b & 128);
    return v;
  };
  while (p < wasm.length) {
    const id = wasm[p++];
    const size = u32();
    if (id === 10) return size;
    p += size;
  }
  return 0;
}
let binaryenModule;
async function loadBinaryen() {
  binaryenModule ??= import("binaryen").then((m) => m.default);
  return binaryenModule;
}
function nodeFeatures(F) {
  return F.MVP | F.Atomics | F.MutableGlobals | F.NontrappingFPToInt | F.SIMD128 | F.BulkMemory | F.BulkMemoryOpt | F.CallIndirectOverlong | F.SignExt | F.ExceptionHandling | F.Multivalue | F.ReferenceTypes | F.ExtendedConst;
}
async function transform(wasm, data, phase2) {
  phase2("instrument");
  const [pm, pn] = PREEMPT_IMPORT.split(".");
  const segments = setDataAside(prepareBinary(wasm, { preempt: { module: pm, name: pn }, reserve: RESERVED_PAGES, share: data.share }).binary);
  phase2("read");
  const binaryen = await loadBinaryen();
  const module = binaryen.readBinary(segments.binary);
  try {
    module.setFeatures(nodeFeatures(binaryen.Features));
    binaryen.setPassArgument("asyncify-imports", data.asyncImports.join(","));
    binaryen.setOptimizeLevel(data.level);
    binaryen.setShrinkLevel(0);
    binaryen.setDebugInfo(true);
    binaryen.setAlwaysInlineMaxSize(0);
    binaryen.setFlexibleInlineMaxSize(0);
    binaryen.setOneCallerInlineMaxSize(0);
    for (let i = 0; i < module.getNumGlobals(); i++) {
      const g = binaryen.getGlobalInfo(module.getGlobalByIndex(i));
      if (g.mutable && !g.module) module.addGlobalExport(g.name, `${GLOBAL_EXPORT_PREFIX}${i}`);
    }
    phase2("asyncify");
    module.runPasses(["asyncify"]);
    phase2("write");
    return segments.restore(module.emitBinary());
  } finally {
    module.dispose();
  }
}
export {
  GLOBAL_EXPORT_PREFIX,
  OPTIMIZE_CODE_LIMIT,
  OPTIMIZE_CODE_LIMIT_ENV,
  PREEMPT_IMPORT,
  PrepareAbortedError,
  PrepareBudgetError,
  RESERVED_PAGES,
  asyncify,
  cachedPreparation,
  codeSize,
  optimizeLevel,
  preparationPaths,
  prepareModule,
  rememberOverBudget,
  rememberedOverBudget,
  transform
};
