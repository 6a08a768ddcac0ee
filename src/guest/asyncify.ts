// Makes a program suspendable: its loops get preemption checks and asyncify's save area is hidden
// at the top of its memory (src/guest/instrument.ts), then Binaryen's asyncify transform runs;
// cached by content hash. Only the imports that may block are instrumented, so calls that
// complete at once stay cheap. The program's own mutable globals (the C stack pointer, the TLS
// base) are exported too: fork copies them, as they are not in linear memory.
//
// The transform runs in a worker thread (src/guest/prepare_worker.ts), so the main thread stays
// free to show progress and to enforce the preparation budgets: past its time the worker is
// terminated, past its memory (the growth of the process's resident set while the worker runs,
// sampled) too. A preparation that went over its memory budget is remembered beside the cache, so
// the next run with the same or a smaller budget does not spend it again.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { cacheDir } from '../toolchain/compile_cache.js';
import { prepareBinary } from './instrument.js';
import { setDataAside } from './data_aside.js';
import { phase } from './start_phases.js';
import { readPrepared, type PreparedData } from './prepared_data.js';

/** Bump when the transform's settings change, so old cache entries are not reused. */
const TRANSFORM_VERSION = 12;

/** The export names of the program's mutable globals: this prefix and the global's index. */
export const GLOBAL_EXPORT_PREFIX = '__l4wasm_global_';

/**
 * The export name of the C stack pointer (clang's `__stack_pointer`; without a name section, the
 * first mutable i32 global the module defines, where clang puts it): a green thread starts on a
 * stack of its own (src/guest/green_threads.ts).
 */
export const STACK_POINTER_EXPORT = '__l4wasm_stack_pointer';
/**
 * The program's thread-local storage base (wasm-ld's __tls_base), made mutable: each green thread
 * has a block of its own (pthread_create's), put there at its switches with the other globals.
 */
export const TLS_BASE_EXPORT = '__l4wasm_tls_base';
/** The size of the TLS block (wasm-ld's .tdata segment, at __tls_base), an exported constant. */
export const TLS_SIZE_EXPORT = '__l4wasm_tls_size';

/** The steps of a preparation, in order, as progress reports them. */
export type PreparePhase = 'read' | 'instrument' | 'asyncify' | 'write' | 'write cache';

export interface PrepareProgress {
  phase: PreparePhase;
  /** Since the preparation started (ms). */
  elapsedMs: number;
  /** The module's size and its code section's (bytes). */
  moduleBytes: number;
  codeBytes: number;
}

export interface PrepareBudget {
  /** Wall-clock time the transform may take (ms); the worker is terminated past it. */
  timeMs?: number;
  /** Memory the transform may take (bytes of resident-set growth); the worker is terminated past it. */
  memoryBytes?: number;
}

export interface AsyncifyOptions {
  /** Imports that may suspend, as "module.name". */
  asyncImports: readonly string[];
  /** Called once before a slow (uncached) transform, to show progress. */
  onTransform?: () => void;
  /** Called as the transform enters each phase (from the worker, forwarded here). */
  onPhase?: (p: PrepareProgress) => void;
  /** Import the memory as a shared one of these limits (pages, the reserve included): see instrument.ts. */
  share?: { initial: number; maximum: number };
  /**
   * The SHA-256 of `wasm` (hex), when the caller knows it cheaper than hashing the bytes (a file
   * whose hash was recorded for its identity): part of the cache key.
   */
  contentHash?: () => string;
  /** Enforced when given: over either, the transform fails with PrepareBudgetError. */
  budget?: PrepareBudget;
  /** Aborting stops the transform (its worker is terminated); it then fails with PrepareAbortedError. */
  signal?: AbortSignal;
}

/** The transform was stopped through its AbortSignal (the machine shut down). */
export class PrepareAbortedError extends Error {
  constructor() { super('preparation stopped'); }
}

/** What a preparation cost. */
export interface PrepareStats {
  /** Taken from the cache: nothing was transformed. */
  cached: boolean;
  /** Wall-clock time of the transform (ms; 0 when cached). */
  ms: number;
  /** Peak growth of the process's resident set while the worker ran (bytes; 0 when cached). */
  peakBytes: number;
}

/** The transform went over its time or memory budget (now, or the last time with no smaller budget). */
export class PrepareBudgetError extends Error {
  constructor(readonly kind: 'time' | 'memory', readonly limit: number, readonly remembered: boolean,
    /** The memory it had taken when it was stopped (bytes; 0 when remembered). */
    readonly peakBytes = 0) {
    super(kind === 'time'
      ? `preparation takes longer than its ${(limit / 1000).toFixed(1)} s budget`
      : `preparation needs more than its ${Math.round(limit / 1048576)} MB memory budget`);
  }
}

/**
 * The import a loop calls when its budget is used up: it returns the next budget. Every loop is
 * instrumented, so the host must provide it (and list it among the asyncImports).
 */
export const PREEMPT_IMPORT = 'l4posix.preempt';
/** The import preparation's division helpers ask before an operation that would trap (instrument.ts). */
export const FAULT_IMPORT = 'l4posix.fault';

/**
 * Pages at the top of memory, hidden from the program, for asyncify's saved call stack. An unwind
 * saves every frame's live locals there; past its end it writes out of bounds and the program dies
 * with SIGSEGV. A frame at -O2 saves ~25 bytes: 2 pages overflowed at a depth of 6,000 that the
 * same program reaches decoupled; 4 hold ~10,000 (V8's native stack ends at ~11,000 such frames).
 * The pages count against the machine's memory limit at spawn, so they are kept few.
 */
export const RESERVED_PAGES = 4;

/**
 * Code size (bytes) up to which asyncify runs its optimizing path (optimize level 1; level 2 gives
 * the same output, as asyncify's inner passes run at their own defaults). Larger modules get level 0.
 *
 * Level 0 is no option for a program that must run well: asyncify flattens every function (a
 * local for every intermediate value, each call argument in a fresh one) and saves at an unwind
 * every local live at any of the function's calls. Without the coalescing that only its optimizing
 * path runs (between flattening and the flow instrumentation, where it still can), those are
 * hundreds per big function: SQLite's yy_reduce restores 990 locals at a rewind instead of 15,
 * sqlite3VdbeExec 1,263 instead of 50. Every unwind site then moves them all, so V8's optimizing
 * compiler made 8.6 MB of machine code of yy_reduce with a 1.07 MB stack frame (the original:
 * 29 KB, 160 bytes) and 23 MB with a 781 KB frame of sqlite3VdbeExec: one activation of each
 * exhausted the main thread's 984 KB stack, and the code ran ~7x slower than the original. With
 * the optimizing path: 184 KB / 17 KB and 977 KB / 44 KB. The cost is preparation time, about 4x
 * level 0's (flite ~6 s, SQLite's 1.1 MB of code ~23 s here), paid once per module (cached).
 * Level 0 stays for modules past the limit (they run decoupled unless forced) and, under a time
 * budget, for those the optimizing path would not prepare within it (optimizeLevel): there the
 * frames stay large, and deep recursion may exhaust the stack.
 */
export const OPTIMIZE_CODE_LIMIT = 2 * 1024 * 1024;

/** Overrides OPTIMIZE_CODE_LIMIT (bytes): tests force the level-0 path with it. */
export const OPTIMIZE_CODE_LIMIT_ENV = 'L4WASM_OPTIMIZE_CODE_LIMIT';

/** The limit L4WASM_OPTIMIZE_CODE_LIMIT sets (bytes), if it is set to a number. */
function forcedCodeLimit(): number | undefined {
  const raw = process.env[OPTIMIZE_CODE_LIMIT_ENV]?.trim();
  const n = raw ? Number(raw) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * What asyncify's optimizing path costs here, roughly: ms per byte of code (SQLite's 1.1 MB of
 * code took 22.7 s of CPU, flite's 0.19 MB 6.2 s with binaryen's start, at load 4–6).
 */
const OPTIMIZING_MS_PER_CODE_BYTE = 20_000 / (1024 * 1024);

/**
 * The optimize level a module of `codeBytes` is prepared at (part of the cache key). Under a time
 * budget the optimizing path is taken only where it should end within half of it (load doubles
 * times on this machine): a preparation stopped by its time budget is not remembered, so every
 * run would wait it out and then run decoupled; level 0 keeps such a module multiplexed.
 */
export function optimizeLevel(codeBytes: number, timeBudgetMs?: number): 0 | 1 {
  const forced = forcedCodeLimit();
  if (forced !== undefined) return codeBytes <= forced ? 1 : 0;
  if (codeBytes > OPTIMIZE_CODE_LIMIT) return 0;
  if (timeBudgetMs !== undefined && codeBytes * OPTIMIZING_MS_PER_CODE_BYTE > timeBudgetMs / 2) return 0;
  return 1;
}

/** What the worker is given. */
export interface PrepareWorkerData {
  wasm: Uint8Array;
  asyncImports: readonly string[];
  share?: { initial: number; maximum: number };
  /** Binaryen's optimize level for asyncify (optimizeLevel()). */
  level: 0 | 1;
  /** Where the result goes (written atomically by the worker). */
  cachePath: string;
}

/** What the worker says: a phase begins, or it is done (the result is in the cache file). */
export type PrepareWorkerMessage =
  | { type: 'phase'; phase: PreparePhase }
  | { type: 'done' }
  | { type: 'failed'; message: string };

/** The module's content hash: the caller's, when a file's hash is known without reading it through. */
function contentHashOf(wasm: Uint8Array, options: AsyncifyOptions): string {
  return options.contentHash?.() ?? createHash('sha256').update(wasm).digest('hex');
}

/** The cache key of a module with `codeBytes` of code and content hash `content`, prepared with `options`. */
function keyOf(codeBytes: number, content: string, options: AsyncifyOptions): string {
  return createHash('sha256')
    .update(`asyncify v${TRANSFORM_VERSION} O${optimizeLevel(codeBytes, options.budget?.timeMs)}\nreserve ${RESERVED_PAGES}\n${options.asyncImports.join(',')}\n`)
    .update(options.share ? `shared ${options.share.initial} ${options.share.maximum}\n` : 'private\n')
    .update(`sha256 ${content}\n`)
    .digest('hex').slice(0, 32);
}

/** Returns the asyncified binary of `wasm`, from the cache when it was transformed before. */
export async function asyncify(wasm: Uint8Array, options: AsyncifyOptions): Promise<Uint8Array> {
  return (await prepareModule(wasm, options)).binary;
}

/**
 * The prepared module of a module known only by its code size and content hash, when the cache
 * holds it (what asyncify would return without preparing), its large data segments left in the
 * cache file to be read into each instance's memory (prepared_data.ts); undefined otherwise. A
 * start reads it without reading the module itself.
 */
export async function cachedPreparation(codeBytes: number, content: string, options: AsyncifyOptions): Promise<{ binary: Uint8Array; data?: PreparedData } | undefined> {
  const cached = preparationPaths(codeBytes, content, options).module;
  phase('cache key');
  return readPrepared(cached);
}

/**
 * Where the preparation of a module with `codeBytes` of code and content hash `content` is kept
 * (the prepared module), and where a preparation of it that went over its budget is remembered.
 */
export function preparationPaths(codeBytes: number, content: string, options: AsyncifyOptions): { module: string; marker: string } {
  const key = keyOf(codeBytes, content, options);
  return { module: join(cacheDir(), `${key}.async.wasm`), marker: join(cacheDir(), `${key}.over-budget.json`) };
}

/**
 * The remembered over-budget preparation (marker file) that still holds for `budget`: one that
 * went over the same or a larger budget of the same kind. A damaged marker is no memory.
 */
export function rememberedOverBudget(marker: string, budget: PrepareBudget | undefined): PrepareBudgetError | undefined {
  if (budget === undefined || !existsSync(marker)) return undefined;
  try {
    const over = JSON.parse(readFileSync(marker, 'utf8')) as OverBudget;
    const now = over.kind === 'time' ? budget.timeMs : budget.memoryBytes;
    if (now !== undefined && now <= over.limit) return new PrepareBudgetError(over.kind, now, true);
  } catch { /* replaced if a run goes over again */ }
  return undefined;
}

/** Remembers a preparation that went over its budget (beside its cache entry). */
export function rememberOverBudget(marker: string, over: OverBudget): void {
  try { writeFileSync(marker, JSON.stringify(over)); } catch { /* a read-only cache only costs the next run the same wait */ }
}

/** A remembered over-budget preparation: what went over and the budget it went over. */
export interface OverBudget { kind: 'time' | 'memory'; limit: number }

/** asyncify, with what it cost. */
export async function prepareModule(wasm: Uint8Array, options: AsyncifyOptions): Promise<PrepareStats & { binary: Uint8Array }> {
  const { module: cached, marker } = preparationPaths(codeSize(wasm), contentHashOf(wasm, options), options);
  phase('cache key');
  if (existsSync(cached)) return { binary: readFileSync(cached), cached: true, ms: 0, peakBytes: 0 };
  const remembered = rememberedOverBudget(marker, options.budget);
  if (remembered !== undefined) throw remembered;
  options.onTransform?.();
  const started = performance.now();
  const stats = await runWorker(wasm, options, cached, started);
  if (stats.over !== undefined) {
    // Only memory is remembered: time depends on the machine's load at the moment, and a module
    // decoupled for good because the machine was busy once would lose fork and preemption.
    if (stats.over.kind === 'memory') rememberOverBudget(marker, stats.over);
    throw new PrepareBudgetError(stats.over.kind, stats.over.limit, false, stats.peakBytes);
  }
  return { binary: readFileSync(cached), cached: false, ms: performance.now() - started, peakBytes: stats.peakBytes };
}

/** How often the worker's memory is sampled (ms). */
const SAMPLE_MS = 20;

function runWorker(wasm: Uint8Array, options: AsyncifyOptions, cachePath: string, started: number):
  Promise<{ peakBytes: number; over?: OverBudget }> {
  const moduleBytes = wasm.byteLength;
  const codeBytes = codeSize(wasm);
  const report = (phase: PreparePhase) => options.onPhase?.({ phase, elapsedMs: performance.now() - started, moduleBytes, codeBytes });
  const data: PrepareWorkerData = { wasm, asyncImports: options.asyncImports, share: options.share, level: optimizeLevel(codeBytes, options.budget?.timeMs), cachePath };
  const baseline = process.memoryUsage.rss();
  let peak = 0;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) { reject(new PrepareAbortedError()); return; }
    // The worker takes Node's options but --input-type (for -e code), which a worker file refuses.
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    // node:worker_threads only when preparing: a cached start needs none.
    const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new Worker(workerEntry(), { workerData: data, execArgv });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(sampler);
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      f();
    };
    const onAbort = () => finish(() => {
      void worker.terminate().finally(() => rmSync(`${cachePath}.${process.pid}.${worker.threadId}.tmp`, { force: true }));
      reject(new PrepareAbortedError());
    });
    options.signal?.addEventListener('abort', onAbort);
    const over = (o: OverBudget) => finish(() => {
      void worker.terminate().finally(() => {
        rmSync(`${cachePath}.${process.pid}.${worker.threadId}.tmp`, { force: true });
        resolve({ peakBytes: peak, over: o });
      });
    });
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage.rss() - baseline);
      const limit = options.budget?.memoryBytes;
      if (limit !== undefined && peak > limit) over({ kind: 'memory', limit });
    };
    const sampler = setInterval(sample, SAMPLE_MS);
    const timeMs = options.budget?.timeMs;
    const timer = timeMs === undefined ? undefined : setTimeout(() => over({ kind: 'time', limit: timeMs }), timeMs);
    worker.on('message', (m: PrepareWorkerMessage) => {
      if (m.type === 'phase') { sample(); report(m.phase); return; }
      sample();
      if (m.type === 'done') finish(() => resolve({ peakBytes: peak }));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the preparation worker ended (exit ${code})`))));
  });
}

/** The worker's script: beside this file once built; from src/ (tests), the built one in dist/. */
function workerEntry(): URL {
  const here = new URL('./prepare_worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../dist/guest/prepare_worker.js', import.meta.url);
}

export function codeSize(wasm: Uint8Array): number {
  // Sections: id, size; the code section (10) is found by walking the headers only.
  let p = 8;
  const u32 = () => { let v = 0, s = 0, b; do { b = wasm[p++]!; v += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return v; };
  while (p < wasm.length) {
    const id = wasm[p++]!;
    const size = u32();
    if (id === 10) return size;
    p += size;
  }
  return 0;
}

let binaryenModule: Promise<typeof import('binaryen').default> | undefined;

async function loadBinaryen() {
  binaryenModule ??= import('binaryen').then((m) => m.default);
  return binaryenModule;
}

/** The features of wasm that Node 20 runs and clang emits; binaryen must keep to them. */
function nodeFeatures(F: typeof import('binaryen').default.Features): number {
  return F.MVP | F.Atomics | F.MutableGlobals | F.NontrappingFPToInt | F.SIMD128 | F.BulkMemory |
    F.BulkMemoryOpt | F.CallIndirectOverlong | F.SignExt | F.ExceptionHandling | F.Multivalue |
    F.ReferenceTypes | F.ExtendedConst;
}

const TLS_BASE = '__tls_base';
type Binaryen = Awaited<ReturnType<typeof loadBinaryen>>;

/**
 * wasm-ld makes __tls_base a constant without shared memory (one thread, one block): the same
 * global, mutable, with the same value (the main thread's block), so that threads can have their
 * own. The block's size: the .tdata segment's at that address (the bytes up to the next segment
 * when its data was set aside). Undefined when the program has no thread-local storage.
 */
function makeTlsBaseMutable(binaryen: Binaryen, module: InstanceType<Binaryen['Module']>): { size: number } | undefined {
  const ref = module.getGlobal(TLS_BASE);
  if (ref === 0) return undefined;
  const g = binaryen.getGlobalInfo(ref);
  if (g.mutable || g.module || g.type !== binaryen.i32) return undefined;
  const init = binaryen.getExpressionInfo(g.init) as { id: number; value?: number };
  if (init.id !== binaryen.ConstId || typeof init.value !== 'number') return undefined;
  const base = init.value;
  // binaryen.js has these; its typings do not.
  const segments = module as unknown as {
    getNumDataSegments(): number; getDataSegmentByIndex(i: number): number;
    getDataSegmentInfo(ref: number): { name: string; offset: number; data: ArrayBuffer | null; passive: boolean };
  };
  let found = false, size = 0, next = Infinity;
  for (let i = 0; i < segments.getNumDataSegments(); i++) {
    const seg = segments.getDataSegmentInfo(segments.getDataSegmentByIndex(i));
    if (seg.passive) continue;
    if (seg.offset === base && seg.name === '.tdata') { found = true; size = seg.data?.byteLength ?? 0; }
    else if (seg.offset > base) next = Math.min(next, seg.offset);
  }
  if (!found) return undefined;
  if (size === 0 && next !== Infinity) size = next - base;
  if (size === 0) return undefined;
  module.removeGlobal(TLS_BASE);
  module.addGlobal(TLS_BASE, binaryen.i32, true, module.i32.const(base));
  return { size };
}

/**
 * The transform itself (run inside the worker): loop instrumentation on the binary, binaryen's
 * asyncify, the binary written out. `phase` is told as each step begins.
 */
export async function transform(wasm: Uint8Array, data: Omit<PrepareWorkerData, 'wasm' | 'cachePath'>,
  phase: (p: PreparePhase) => void): Promise<Uint8Array> {
  phase('instrument');
  const [pm, pn] = PREEMPT_IMPORT.split('.') as [string, string];
  const [fm, fn] = FAULT_IMPORT.split('.') as [string, string];
  const segments = setDataAside(prepareBinary(wasm, {
    preempt: { module: pm, name: pn }, fault: { module: fm, name: fn }, reserve: RESERVED_PAGES, share: data.share,
  }).binary);
  phase('read');
  const binaryen = await loadBinaryen();
  const module = binaryen.readBinary(segments.binary);
  try {
    module.setFeatures(nodeFeatures(binaryen.Features));
    binaryen.setPassArgument('asyncify-imports', data.asyncImports.join(','));
    binaryen.setOptimizeLevel(data.level);
    binaryen.setShrinkLevel(0);
    binaryen.setDebugInfo(true); // keep the name section: traps name their function
    // No inlining: a trap must name the function the program's author wrote.
    binaryen.setAlwaysInlineMaxSize(0);
    binaryen.setFlexibleInlineMaxSize(0);
    binaryen.setOneCallerInlineMaxSize(0);
    const tlsBlock = makeTlsBaseMutable(binaryen, module);
    let stackPointer: string | undefined;
    for (let i = 0; i < module.getNumGlobals(); i++) {
      const g = binaryen.getGlobalInfo(module.getGlobalByIndex(i));
      if (!g.mutable || g.module) continue;
      module.addGlobalExport(g.name, `${GLOBAL_EXPORT_PREFIX}${i}`);
      if (g.name === '__stack_pointer' || (stackPointer === undefined && g.type === binaryen.i32)) stackPointer = g.name;
    }
    if (stackPointer !== undefined) module.addGlobalExport(stackPointer, STACK_POINTER_EXPORT);
    if (tlsBlock !== undefined) {
      module.addGlobalExport(TLS_BASE, TLS_BASE_EXPORT);
      module.addGlobal(TLS_SIZE_EXPORT, binaryen.i32, false, module.i32.const(tlsBlock.size));
      module.addGlobalExport(TLS_SIZE_EXPORT, TLS_SIZE_EXPORT);
    }
    phase('asyncify');
    module.runPasses(['asyncify']);
    phase('write');
    return segments.restore(module.emitBinary());
  } finally {
    module.dispose();
  }
}
