// Loading a program: the module read and validated against the imports l4wasm provides, then
// prepared for the vCPU (asyncify, in a worker, within budgets) or, past a budget or when
// preparation fails, set up to run decoupled in a worker of its own. A pure WASI program not
// prepared yet runs decoupled at once while it is prepared in the background (background_prepare.ts).
import { existsSync } from 'node:fs';
import {
  asyncify, cachedPreparation, codeSize, preparationPaths, PREEMPT_IMPORT, PrepareAbortedError, PrepareBudgetError,
  rememberedOverBudget, RESERVED_PAGES, type PrepareBudget, type PrepareProgress,
} from './asyncify.js';
import { prepareInBackground } from './background_prepare.js';
import { dataSegments } from './instrument.js';
import { activeElements, exportedFunctionType, firstGlobalI32, functionImports, importSignatures, moduleInterface, MAX_SHOWN_MESSAGE, printableName, sections, WasmFormatError, withoutExports, type ImportSignature } from './wasm_binary.js';
import { shareMemory, sharedMemoryLimits } from './share_memory.js';
import { LoadError, type AsyncImports, type ProgramImage } from './program_image.js';
import { phase } from './start_phases.js';
import { dropSpare, prewarmDecoupledWorker } from './decoupled.js';
import { knownHash, readProgramFile, rememberedHash, sha256, type ProgramFile, type ProgramHead } from './program_file.js';

/** How a program is to run: on the vCPU (prepared with asyncify), in a worker, or the first when it can be prepared. */
export type ExecutionMode = 'multiplexed' | 'decoupled' | 'auto';

export interface LoadOptions {
  /** Default 'auto': multiplexed, or decoupled when preparation is over budget or fails. */
  mode?: ExecutionMode;
  /** Called once before a slow (uncached) preparation, to show progress. */
  onTransform?: () => void;
  /**
   * Default true (false with L4WASM_PREPARE_IN_BACKGROUND=0): 'auto' runs a pure WASI program that
   * is not prepared yet decoupled at once and prepares it in the background for its next runs
   * (background_prepare.ts); false waits for the preparation, as for any other program.
   */
  prepareInBackground?: boolean;
  /** One line for the user when 'auto' falls back to decoupled execution. */
  onNotice?: (line: string) => void;
  /** Code section size (bytes) above which 'auto' does not prepare but decouples. */
  prepareBudgetBytes?: number;
  /** Wall-clock time (ms) 'auto' lets a preparation take before it stops it and decouples. */
  prepareTimeBudget?: number;
  /** Memory (bytes) 'auto' lets a preparation take before it stops it and decouples. */
  prepareMemoryBudget?: number;
  /** Told as an uncached preparation enters each phase (read, instrument, asyncify, write, write cache). */
  onPrepareProgress?: (p: PrepareProgress) => void;
  /** Aborting stops a preparation in progress (the load fails with a LoadError). */
  signal?: AbortSignal;
  /**
   * The signature a function import must have (value types 0x7f i32, 0x7e i64; result 0 for
   * none), or undefined for any: an import of another shape is refused with a one-line error.
   */
  signatureOf?: (module: string, name: string) => { params: number[]; result: number } | undefined;
}

const VALTYPE: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128' };

/** "(i32, i64) -> i32": a signature as a person reads it (`result` 0: nothing; an array: several results). */
function showSignature(params: readonly number[], result: number | readonly number[]): string {
  const t = (v: number) => VALTYPE[v] ?? `type 0x${v.toString(16)}`;
  const results = typeof result === 'number' ? (result === 0 ? [] : [result]) : result;
  return `(${params.map(t).join(', ')}) -> ${results.length === 0 ? 'nothing' : results.length === 1 ? t(results[0]!) : `(${results.map(t).join(', ')})`}`;
}

/**
 * The imports whose signature differs from what l4wasm provides: JavaScript would take any
 * number of arguments, and the call would see the missing ones as undefined.
 */
function checkSignatures(name: string, signatures: readonly { key: string; signature: ImportSignature }[], signatureOf: NonNullable<LoadOptions['signatureOf']>): void {
  for (const { key, signature: got } of signatures) {
    const dot = key.indexOf('.');
    const want = signatureOf(key.slice(0, dot), key.slice(dot + 1));
    if (want === undefined) continue;
    const gotResult = got.result === 0 ? 0 : got.resultType;
    // Several results: JavaScript's one value is no list of them (the call would fail as it returns).
    if (got.resultTypes.length <= 1 && got.paramTypes.length === want.params.length && got.paramTypes.every((t, i) => t === want.params[i]) &&
        gotResult === want.result) continue;
    throw new LoadError(`${name}: LinkError: import ${printableName(key)} is declared ${showSignature(got.paramTypes, got.resultTypes)}, ` +
      `but l4wasm provides it as ${showSignature(want.params, want.result)}: build the program against wasi-libc's and l4wasm's headers`);
  }
}

/**
 * One name imported twice with different types: the host gives one function for both, and a
 * decoupled program's worker forwards both with one signature.
 */
function checkDuplicateImports(name: string, imports: readonly { key: string; signature: ImportSignature }[]): void {
  const first = new Map<string, ImportSignature>();
  for (const { key, signature } of imports) {
    const had = first.get(key);
    if (had === undefined) { first.set(key, signature); continue; }
    const same = had.paramTypes.length === signature.paramTypes.length && had.paramTypes.every((t, i) => t === signature.paramTypes[i]) &&
      had.resultTypes.length === signature.resultTypes.length && had.resultTypes.every((t, i) => t === signature.resultTypes[i]);
    if (!same) {
      throw new LoadError(`${name}: LinkError: import ${printableName(key)} is declared twice, as ${showSignature(had.paramTypes, had.resultTypes)} and as ` +
        `${showSignature(signature.paramTypes, signature.resultTypes)}`);
    }
  }
}

/**
 * Code size past which preparation is not tried. Binaryen's asyncify takes about 5 s per MB of
 * code on this project's machines (README, `l4wasm bench prepare`), so 1 MiB is what fits in the
 * time budget; yosys (28 MB of code) and clang (66 MB) would take minutes and gigabytes.
 */
export const DEFAULT_PREPARE_BUDGET = 1024 * 1024;
/**
 * Wall-clock time a preparation may take before 'auto' stops it and decouples (ms): what 1 MiB
 * of code (the size budget) takes on this project's machines with room for their load.
 */
export const DEFAULT_PREPARE_TIME_BUDGET = 20_000;
/** Memory a preparation may take before 'auto' stops it and decouples (bytes). */
export const DEFAULT_PREPARE_MEMORY_BUDGET = 1024 * 1024 * 1024;

/**
 * Refuses binaries with the wasm magic that are not core modules of version 1, naming what they
 * are (a component's sections would otherwise be misread as a module without `_start`).
 */
function checkVersion(bytes: Uint8Array, name: string): void {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) return; // the engine says what it is not
  const version = bytes[4]! | (bytes[5]! << 8);
  const layer = bytes[6]! | (bytes[7]! << 8);
  if (layer === 1) {
    throw new LoadError(`${name}: a WebAssembly component (the component model, WASI preview 2), not a core module: l4wasm runs wasm32-wasip1 modules (build for the wasm32-wasip1 target)`);
  }
  if (layer !== 0 || version !== 1) throw new LoadError(`${name}: WebAssembly binary version ${version} (layer ${layer}): only version 1 core modules run here`);
}

/**
 * Reads, validates and asyncifies a program. `provided` lists, per import module, the names
 * l4wasm implements; an import outside it is refused here with a one-line error.
 */
export async function loadProgram(
  source: string | Uint8Array | ProgramFile | ProgramHead, name: string,
  provided: Record<string, ReadonlySet<string>>, asyncImports: AsyncImports,
  options: LoadOptions = {},
): Promise<ProgramImage> {
  if (typeof source === 'object' && 'head' in source) {
    const image = await loadFromCache(source, name, provided, asyncImports, options);
    if (image !== undefined) return image;
    source = source.path; // not in the cache (or not to be prepared): the whole module is needed
  }
  let file: ProgramFile;
  if (typeof source === 'string') {
    try { file = readProgramFile(source); } catch (e) {
      throw new LoadError(`${name}: cannot read program: ${(e as Error).message}`);
    }
  } else {
    file = source instanceof Uint8Array ? { bytes: source } : source;
  }
  const bytes = file.bytes;
  checkVersion(bytes, name);
  // The interface is read from the binary: a decoupled program is compiled only once (with its
  // shared memory), and a 75 MB module takes most of a second to compile. A module whose
  // sections do not even parse is compiled here, for the engine's own message.
  let iface: ReturnType<typeof moduleInterface>;
  try { iface = moduleInterface(bytes); } catch {
    const m = compile(bytes, name);
    iface = { imports: WebAssembly.Module.imports(m), exports: WebAssembly.Module.exports(m) };
  }
  const imports = iface.imports;
  for (const imp of imports) {
    if (imp.kind === 'memory' && imp.module === 'env' && imp.name === 'memory') continue;
    if (imp.kind !== 'function' || !provided[imp.module]?.has(imp.name)) {
      throw new LoadError(`${name}: unknown import ${printableName(`${imp.module}.${imp.name}`)} (${imp.kind}): l4wasm does not provide it`);
    }
  }
  const exports = iface.exports;
  if (!exports.some((e) => e.name === '_start' && e.kind === 'function')) {
    throw new LoadError(`${name}: no _start export: not a WASI command (link it as an executable, not a library)`);
  }
  const importsMemory = imports.some((i) => i.kind === 'memory');
  if (!importsMemory && !exports.some((e) => e.name === 'memory' && e.kind === 'memory')) {
    throw new LoadError(`${name}: exports no memory: a WASI command exports its memory as "memory"`);
  }
  checkStartType(bytes, name);
  checkTrampolines(bytes, name, exports);
  const signatures = importSignatures(bytes);
  const everyImport = functionImports(bytes);
  if (options.signatureOf !== undefined) checkSignatures(name, everyImport, options.signatureOf);
  checkDuplicateImports(name, everyImport);
  checkSegmentsFit(bytes, name);
  phase('parse');
  const mode = options.mode ?? 'auto';
  if (mode === 'decoupled') return await decoupledImage(bytes, name, imports, signatures, file.room);
  const codeBytes = codeSize(bytes);
  const budget = options.prepareBudgetBytes ?? DEFAULT_PREPARE_BUDGET;
  if (mode === 'auto' && codeBytes > budget) {
    options.onNotice?.(`l4wasm: ${name}: running decoupled (its ${mb(codeBytes)} of code is over the ${mb(budget)} preparation budget)\n`);
    return await decoupledImage(bytes, name, imports, signatures, file.room);
  }
  const needed = suspendingImports(imports, asyncImports);
  // A program that may move to a worker (l4_decouple) gets a shared memory from the start.
  let sharedMemory: ProgramImage['sharedMemory'];
  if (imports.some((i) => i.kind === 'function' && `${i.module}.${i.name}` === DECOUPLE_IMPORT)) {
    try {
      const own = sharedMemoryLimits(bytes);
      sharedMemory = {
        initial: own.initial + RESERVED_PAGES,
        maximum: Math.min(65536, own.maximum + RESERVED_PAGES),
        data: dataSegments(bytes),
      };
    } catch (e) {
      throw new LoadError(`${name}: cannot give it a shared memory for l4_decouple: ${(e as Error).message}`);
    }
  }
  // Hashed once: the background decision and the preparation's cache key both need it.
  let hash: string | undefined;
  const contentHash = () => (hash ??= file.id !== undefined ? rememberedHash(file.id, bytes) : sha256(bytes));
  let toPrepare = bytes;
  try { toPrepare = withoutExports(bytes, isReservedExport); } catch { /* sections this reader cannot walk: prepared as they are */ }
  if (mode === 'auto' && (options.prepareInBackground ?? backgroundByDefault()) && isPureWasi(imports) && !hasStartFunction(bytes)) {
    const later = decoupledUntilPrepared(toPrepare, name, codeBytes, contentHash(), needed, options);
    if (later !== undefined) return { ...await decoupledImage(bytes, name, imports, signatures, file.room), ...later };
  }
  let transformed: Uint8Array;
  try {
    transformed = await asyncify(toPrepare, {
      asyncImports: needed, onPhase: options.onPrepareProgress, share: sharedMemory, contentHash,
      // Validated before it is prepared (binaryen's view of a broken module is no message for a
      // person); a module found in the cache was validated when it was prepared.
      onTransform: () => { compile(bytes, name); options.onTransform?.(); },
      budget: prepareBudget(mode, options),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof LoadError) throw e;
    if (e instanceof PrepareAbortedError) throw new LoadError(`${name}: preparation stopped: the machine shut down`);
    if (e instanceof PrepareBudgetError) {
      options.onNotice?.(`l4wasm: ${name}: running decoupled (${e.message}${e.remembered ? ', as the last time' : ''})\n`);
      return await decoupledImage(bytes, name, imports, signatures, file.room);
    }
    // Binaryen throws its C++ exceptions as objects with no message (it printed one to stderr, if any).
    const why = e instanceof Error && !/^binaryen failed \(\[object /.test(e.message) ? e.message
      : 'binaryen failed on it and gave no reason (tail calls are one feature it cannot transform); it can run decoupled (--decouple)';
    if (mode === 'auto') {
      options.onNotice?.(`l4wasm: ${name}: running decoupled (preparation failed: ${why})\n`);
      return await decoupledImage(bytes, name, imports, signatures, file.room);
    }
    throw new LoadError(`${name}: cannot prepare it for suspension: ${why}`);
  }
  phase('prepared');
  const module = await compileAsync(transformed, name);
  phase('compile');
  return { name, module, signatures, sharedMemory };
}

/**
 * The load of a settled file whose prepared module the cache holds, from the file's head alone
 * (its interface) and the content hash recorded for its identity: the megabytes after the head are
 * not read. Undefined, with nothing reported, when the whole module is needed after all: not
 * prepared yet, its hash not recorded, to run decoupled, a shared memory to build from its data,
 * or anything to refuse (the full load says why).
 */
export async function loadFromCache(
  file: ProgramHead, name: string, provided: Record<string, ReadonlySet<string>>, asyncImports: AsyncImports,
  options: LoadOptions,
): Promise<ProgramImage | undefined> {
  const mode = options.mode ?? 'auto';
  if (mode === 'decoupled' || (mode === 'auto' && file.codeBytes > (options.prepareBudgetBytes ?? DEFAULT_PREPARE_BUDGET))) return undefined;
  const content = knownHash(file.id);
  if (content === undefined) return undefined;
  let iface: ReturnType<typeof moduleInterface>;
  let signatures: Map<string, ImportSignature>;
  try {
    checkVersion(file.head, name);
    iface = moduleInterface(file.head);
    signatures = importSignatures(file.head);
    // A wrong signature is the full load's to refuse, in its words.
    const everyImport = functionImports(file.head);
    if (options.signatureOf !== undefined) checkSignatures(name, everyImport, options.signatureOf);
    checkDuplicateImports(name, everyImport);
  } catch {
    return undefined;
  }
  const imports = iface.imports;
  const refused = imports.some((imp) => !(imp.kind === 'memory' && imp.module === 'env' && imp.name === 'memory')
    && (imp.kind !== 'function' || !provided[imp.module]?.has(imp.name)));
  if (refused || imports.some((i) => i.kind === 'function' && `${i.module}.${i.name}` === DECOUPLE_IMPORT)) return undefined;
  if (!iface.exports.some((e) => e.name === '_start' && e.kind === 'function')) return undefined;
  phase('parse');
  const prepared = await cachedPreparation(file.codeBytes, content, {
    asyncImports: suspendingImports(imports, asyncImports), budget: prepareBudget(mode, options),
  });
  if (prepared === undefined) return undefined;
  phase('prepared');
  const module = await compileAsync(prepared.binary, name);
  phase('compile');
  return { name, module, signatures, ...(prepared.data !== undefined ? { data: prepared.data } : {}) };
}

/** The imports a program's calls may suspend in, as "module.name": the preemption import always. */
function suspendingImports(imports: readonly { module: string; name: string; kind: string }[], asyncImports: AsyncImports): string[] {
  const isAsync = typeof asyncImports === 'function'
    ? asyncImports
    : (m: string, n: string) => asyncImports.includes(`${m}.${n}`);
  const needed = imports.filter((i) => i.kind === 'function' && isAsync(i.module, i.name)).map((i) => `${i.module}.${i.name}`);
  // Every loop calls the preemption import when its budget is used up.
  if (!needed.includes(PREEMPT_IMPORT)) needed.push(PREEMPT_IMPORT);
  return needed;
}

/** The budgets of an 'auto' preparation (part of its cache key: they choose the optimize level). */
function prepareBudget(mode: ExecutionMode, options: LoadOptions): PrepareBudget | undefined {
  return mode === 'auto' ? {
    timeMs: options.prepareTimeBudget ?? DEFAULT_PREPARE_TIME_BUDGET,
    memoryBytes: options.prepareMemoryBudget ?? DEFAULT_PREPARE_MEMORY_BUDGET,
  } : undefined;
}

/**
 * Whether a load that does not say prepares pure WASI programs in the background: yes, unless
 * L4WASM_PREPARE_IN_BACKGROUND=0 (the test suite's setting: its timing must not depend on whether
 * a background preparation has finished; tests of the background path ask for it).
 */
function backgroundByDefault(): boolean {
  return process.env.L4WASM_PREPARE_IN_BACKGROUND !== '0';
}

/**
 * A pure WASI program whose preparation is not cached: it runs decoupled this time, and its
 * preparation starts in the background (unless it went over its budget before, or another is
 * running). Undefined when it is prepared: load it so. `provisional` when a later spawn may find
 * it prepared.
 */
function decoupledUntilPrepared(bytes: Uint8Array, name: string, codeBytes: number, content: string,
  asyncImports: readonly string[], options: LoadOptions): { provisional?: true } | undefined {
  const budget = prepareBudget('auto', options);
  const paths = preparationPaths(codeBytes, content, { asyncImports, budget });
  if (existsSync(paths.module)) return undefined;
  const over = rememberedOverBudget(paths.marker, budget);
  if (over !== undefined) {
    options.onNotice?.(`l4wasm: ${name}: running decoupled (${over.message}, as the last time)\n`);
    return {};
  }
  // Said once per preparation: a program spawned again while it is prepared says nothing more.
  const background = prepareInBackground(bytes, { asyncImports, content, ...(budget ? { budget } : {}) });
  if (background === 'started') options.onNotice?.(`l4wasm: preparing ${name} in the background for its next runs (this run is decoupled)\n`);
  if (background === 'busy') options.onNotice?.(`l4wasm: preparing ${name} on a later run (another program is being prepared in the background; this run is decoupled)\n`);
  return { provisional: true };
}

/**
 * A program that imports nothing but WASI preview 1's functions: it cannot fork, take a signal or
 * move between modes, so decoupled it runs exactly as multiplexed.
 */
function isPureWasi(imports: readonly { module: string; kind: string }[]): boolean {
  return imports.every((i) => i.kind === 'function' && i.module === 'wasi_snapshot_preview1');
}

/**
 * A start function runs as the module is instantiated, before its process exists: one that traps
 * is a LoadError on the vCPU, so such a module is prepared and instantiated there first.
 */
function hasStartFunction(bytes: Uint8Array): boolean {
  return sections(bytes).some((s) => s.id === 8);
}

/** A WASI command's _start: () -> nothing. JavaScript would call another with undefined arguments. */
function checkStartType(bytes: Uint8Array, name: string): void {
  let type: ReturnType<typeof exportedFunctionType>;
  try { type = exportedFunctionType(bytes, '_start'); } catch { return; } // the engine says what is broken
  if (type === undefined || (type.params.length === 0 && type.results.length === 0)) return;
  throw new LoadError(`${name}: its _start is declared ${showSignature(type.params, type.results)}: a WASI command's _start takes no parameters and returns nothing`);
}

/** The exports through which l4wasm runs signal handlers (sysroot/src/signal.c), called with 8 i32 arguments. */
const TRAMPOLINES = ['__l4posix_signal_deliver', '__l4posix_signal_fault'];
const TRAMPOLINE_PARAMS = Array<number>(8).fill(0x7f);

/**
 * A program exporting a signal trampoline of another shape would have its handlers fail inside
 * the host (an i64 parameter cannot take a number; a global cannot be called): refused at load.
 */
function checkTrampolines(bytes: Uint8Array, name: string, exports: readonly { name: string; kind: string }[]): void {
  for (const trampoline of TRAMPOLINES) {
    const exp = exports.find((e) => e.name === trampoline);
    if (exp === undefined) continue;
    const want = `l4wasm calls it as ${showSignature(TRAMPOLINE_PARAMS, 0)} (link libl4posix's, from l4wasm cc)`;
    if (exp.kind !== 'function') throw new LoadError(`${name}: exports ${trampoline} as a ${exp.kind}: ${want}`);
    let type: ReturnType<typeof exportedFunctionType>;
    try { type = exportedFunctionType(bytes, trampoline); } catch { return; }
    if (type === undefined) continue;
    if (type.results.length === 0 && type.params.length === 8 && type.params.every((t) => t === 0x7f)) continue;
    throw new LoadError(`${name}: exports ${trampoline} declared ${showSignature(type.params, type.results)}: ${want}`);
  }
}

/**
 * Exports a program may not have when it is prepared: the names binaryen's asyncify and l4wasm's
 * preparation add (asyncify_start_unwind, __l4wasm_memory_limit, ...) would clash with the
 * program's own and fail the preparation. Nothing reads a program's export of such a name, so
 * they are dropped from the module to prepare (a decoupled program keeps them: no clash there).
 */
function isReservedExport(exportName: string): boolean {
  return exportName.startsWith('asyncify_') || exportName.startsWith('__l4wasm_');
}

/**
 * Refuses a module whose active element segments reach past its table, or data segments past its
 * initial memory, as the engine would at instantiation. Checked here, on the original: a prepared
 * module's memory has asyncify's reserved pages on top, where such a data segment would land
 * unnoticed. What this reader cannot follow (a computed offset) the engine checks.
 */
function checkSegmentsFit(bytes: Uint8Array, name: string): void {
  // The element segments first, as the engine applies them first. Checked here too, so that a
  // decoupled program (instantiated in its worker, later) is refused as early as a multiplexed one:
  // a guest's posix_spawn of it fails with ENOEXEC in both modes.
  let elements: ReturnType<typeof activeElements> | undefined;
  try { elements = activeElements(bytes); } catch { /* the engine checks what this reader cannot follow */ }
  const tableSize = elements?.tableSize;
  for (const s of tableSize === undefined ? [] : elements!.segments) {
    if (s.offset + s.count > tableSize!) {
      throw new LoadError(`${name}: cannot be instantiated: table index is out of bounds (${s.count} elements at ${s.offset}, beyond its table of ${tableSize})`);
    }
  }
  let initialBytes: number, segments: ReturnType<typeof dataSegments>;
  try {
    initialBytes = sharedMemoryLimits(bytes).initial * 65536;
    segments = dataSegments(bytes);
  } catch {
    return;
  }
  for (const s of segments) {
    if (s.offset + s.bytes.length > initialBytes) {
      throw new LoadError(`${name}: cannot be instantiated: data segment is out of bounds (${s.bytes.length} bytes at ${s.offset}, beyond its initial memory of ${initialBytes} bytes)`);
    }
  }
}

/** The call that moves a running program to a worker (sysroot/src/decouple.c). */
export const DECOUPLE_IMPORT = 'l4posix.decouple';

function mb(bytes: number): string { return `${(bytes / 1048576).toFixed(1)} MB`; }


/** The engine's message without its prefix, fit for one line (it quotes the module's names as they are). */
function engineMessage(e: unknown, prefix: RegExp): string {
  return printableName((e as Error).message.replace(prefix, ''), MAX_SHOWN_MESSAGE);
}

/**
 * Compiles `bytes` off the main thread (the engine validates the functions on its background
 * threads, in parallel, where the synchronous constructor validates them all on this one).
 */
async function compileAsync(bytes: Uint8Array, name: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compile(bytes as BufferSource);
  } catch (e) {
    throw new LoadError(`${name}: not a valid WebAssembly module (${engineMessage(e, /^WebAssembly\.compile\(\): /)})`);
  }
}

/** Compiles `bytes`; what the engine refuses is a LoadError of one line. */
function compile(bytes: Uint8Array, name: string): WebAssembly.Module {
  try {
    return new WebAssembly.Module(bytes as BufferSource);
  } catch (e) {
    throw new LoadError(`${name}: not a valid WebAssembly module (${engineMessage(e, /^WebAssembly\.Module\(\): /)})`);
  }
}

/**
 * The program as a decoupled one runs it: its own code, its memory shared with the vCPU. The
 * shared module is its image's module too (the same code and names; its memory is imported).
 */
async function decoupledImage(bytes: Uint8Array, name: string, moduleImports: readonly { module: string; name: string; kind: string }[],
  signatures: Map<string, ImportSignature>, room = 0): Promise<ProgramImage> {
  prewarmDecoupledWorker();
  try {
    return await compileDecoupled(bytes, name, moduleImports, signatures, room);
  } catch (e) {
    dropSpare();
    throw e;
  }
}

async function compileDecoupled(bytes: Uint8Array, name: string, moduleImports: readonly { module: string; name: string; kind: string }[],
  signatures: Map<string, ImportSignature>, room: number): Promise<ProgramImage> {
  let shared;
  try {
    shared = shareMemory(bytes, room);
    phase('share memory');
  } catch (e) {
    if (e instanceof WasmFormatError) compile(bytes, name); // the engine's message when it is not wasm at all
    throw new LoadError(`${name}: cannot run it decoupled: ${(e as Error).message}`);
  }
  const imports = moduleImports.filter((i) => i.kind === 'function').map((i) => {
    const sig = signatures.get(`${i.module}.${i.name}`);
    if (sig === undefined) throw new LoadError(`${name}: cannot read the type of import ${printableName(`${i.module}.${i.name}`)}`);
    return { module: i.module, name: i.name, params: sig.paramTypes, result: sig.resultType };
  });
  let module: WebAssembly.Module;
  // The engine takes its copy of the bytes as the compile starts: a module rewritten in place is
  // the original again for whoever holds its bytes (the install at /bin, the error below).
  const compiling = WebAssembly.compile(shared.binary as BufferSource);
  shared.restore?.();
  try {
    module = await compiling;
    phase('compile');
  } catch (e) {
    compile(bytes, name); // the original's own error, when it is the original that is broken
    throw new LoadError(`${name}: cannot run it decoupled: ${engineMessage(e, /^WebAssembly\.(compile|Module)\(\): /)}`);
  }
  return { name, module, signatures, decoupled: { module, initial: shared.initial, maximum: shared.maximum, imports, startFunction: hasStartFunction(bytes), stackTop: firstGlobalI32(bytes) } };
}
