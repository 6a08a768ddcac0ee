import { existsSync } from "node:fs";
import {
  asyncify,
  cachedPreparation,
  codeSize,
  preparationPaths,
  PREEMPT_IMPORT,
  PrepareAbortedError,
  PrepareBudgetError,
  rememberedOverBudget,
  RESERVED_PAGES
} from "./asyncify.js";
import { prepareInBackground } from "./background_prepare.js";
import { dataSegments } from "./instrument.js";
import { activeElements, exportedFunctionType, functionImports, importSignatures, moduleInterface, MAX_SHOWN_MESSAGE, printableName, sections, WasmFormatError, withoutExports } from "./wasm_binary.js";
import { shareMemory, sharedMemoryLimits } from "./share_memory.js";
import { LoadError } from "./program_image.js";
import { phase } from "./start_phases.js";
import { dropSpare, prewarmDecoupledWorker } from "./decoupled.js";
import { knownHash, readProgramFile, rememberedHash, sha256 } from "./program_file.js";
const VALTYPE = { 127: "i32", 126: "i64", 125: "f32", 124: "f64", 123: "v128" };
function showSignature(params, result) {
  const t = (v) => VALTYPE[v] ?? `type 0x${v.toString(16)}`;
  const results = typeof result === "number" ? result === 0 ? [] : [result] : result;
  return `(${params.map(t).join(", ")}) -> ${results.length === 0 ? "nothing" : results.length === 1 ? t(results[0]) : `(${results.map(t).join(", ")})`}`;
}
function checkSignatures(name, signatures, signatureOf) {
  for (const { key, signature: got } of signatures) {
    const dot = key.indexOf(".");
    const want = signatureOf(key.slice(0, dot), key.slice(dot + 1));
    if (want === void 0) continue;
    const gotResult = got.result === 0 ? 0 : got.resultType;
    if (got.resultTypes.length <= 1 && got.paramTypes.length === want.params.length && got.paramTypes.every((t, i) => t === want.params[i]) && gotResult === want.result) continue;
    throw new LoadError(`${name}: LinkError: import ${printableName(key)} is declared ${showSignature(got.paramTypes, got.resultTypes)}, but l4wasm provides it as ${showSignature(want.params, want.result)}: build the program against wasi-libc's and l4wasm's headers`);
  }
}
function checkDuplicateImports(name, imports) {
  const first = /* @__PURE__ */ new Map();
  for (const { key, signature } of imports) {
    const had = first.get(key);
    if (had === void 0) {
      first.set(key, signature);
      continue;
    }
    const same = had.paramTypes.length === signature.paramTypes.length && had.paramTypes.every((t, i) => t === signature.paramTypes[i]) && had.resultTypes.length === signature.resultTypes.length && had.resultTypes.every((t, i) => t === signature.resultTypes[i]);
    if (!same) {
      throw new LoadError(`${name}: LinkError: import ${printableName(key)} is declared twice, as ${showSignature(had.paramTypes, had.resultTypes)} and as ${showSignature(signature.paramTypes, signature.resultTypes)}`);
    }
  }
}
const DEFAULT_PREPARE_BUDGET = 1024 * 1024;
const DEFAULT_PREPARE_TIME_BUDGET = 2e4;
const DEFAULT_PREPARE_MEMORY_BUDGET = 1024 * 1024 * 1024;
function checkVersion(bytes, name) {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 97 || bytes[2] !== 115 || bytes[3] !== 109) return;
  const version = bytes[4] | bytes[5] << 8;
  const layer = bytes[6] | bytes[7] << 8;
  if (layer === 1) {
    throw new LoadError(`${name}: a WebAssembly component (the component model, WASI preview 2), not a core module: l4wasm runs wasm32-wasip1 modules (build for the wasm32-wasip1 target)`);
  }
  if (layer !== 0 || version !== 1) throw new LoadError(`${name}: WebAssembly binary version ${version} (layer ${layer}): only version 1 core modules run here`);
}
async function loadProgram(source, name, provided, asyncImports, options = {}) {
  if (typeof source === "object" && "head" in source) {
    const image = await loadFromCache(source, name, provided, asyncImports, options);
    if (image !== void 0) return image;
    source = source.path;
  }
  let file;
  if (typeof source === "string") {
    try {
      file = readProgramFile(source);
    } catch (e) {
      throw new LoadError(`${name}: cannot read program: ${e.message}`);
    }
  } else {
    file = source instanceof Uint8Array ? { bytes: source } : source;
  }
  const bytes = file.bytes;
  checkVersion(bytes, name);
  let iface;
  try {
    iface = moduleInterface(bytes);
  } catch {
    const m = compile(bytes, name);
    iface = { imports: WebAssembly.Module.imports(m), exports: WebAssembly.Module.exports(m) };
  }
  const imports = iface.imports;
  for (const imp of imports) {
    if (imp.kind === "memory" && imp.module === "env" && imp.name === "memory") continue;
    if (imp.kind !== "function" || !provided[imp.module]?.has(imp.name)) {
      throw new LoadError(`${name}: unknown import ${printableName(`${imp.module}.${imp.name}`)} (${imp.kind}): l4wasm does not provide it`);
    }
  }
  const exports = iface.exports;
  if (!exports.some((e) => e.name === "_start" && e.kind === "function")) {
    throw new LoadError(`${name}: no _start export: not a WASI command (link it as an executable, not a library)`);
  }
  const importsMemory = imports.some((i) => i.kind === "memory");
  if (!importsMemory && !exports.some((e) => e.name === "memory" && e.kind === "memory")) {
    throw new LoadError(`${name}: exports no memory: a WASI command exports its memory as "memory"`);
  }
  checkStartType(bytes, name);
  checkTrampolines(bytes, name, exports);
  const signatures = importSignatures(bytes);
  const everyImport = functionImports(bytes);
  if (options.signatureOf !== void 0) checkSignatures(name, everyImport, options.signatureOf);
  checkDuplicateImports(name, everyImport);
  checkSegmentsFit(bytes, name);
  phase("parse");
  const mode = options.mode ?? "auto";
  if (mode === "decoupled") return await decoupledImage(bytes, name, imports, signatures, file.room);
  const codeBytes = codeSize(bytes);
  const budget = options.prepareBudgetBytes ?? DEFAULT_PREPARE_BUDGET;
  if (mode === "auto" && codeBytes > budget) {
    options.onNotice?.(`l4wasm: ${name}: running decoupled (its ${mb(codeBytes)} of code is over the ${mb(budget)} preparation budget)
`);
    return await decoupledImage(bytes, name, imports, signatures, file.room);
  }
  const needed = suspendingImports(imports, asyncImports);
  let sharedMemory;
  if (imports.some((i) => i.kind === "function" && `${i.module}.${i.name}` === DECOUPLE_IMPORT)) {
    try {
      const own = sharedMemoryLimits(bytes);
      sharedMemory = {
        initial: own.initial + RESERVED_PAGES,
        maximum: Math.min(65536, own.maximum + RESERVED_PAGES),
        data: dataSegments(bytes)
      };
    } catch (e) {
      throw new LoadError(`${name}: cannot give it a shared memory for l4_decouple: ${e.message}`);
    }
  }
  let hash;
  const contentHash = () => hash ??= file.id !== void 0 ? rememberedHash(file.id, bytes) : sha256(bytes);
  let toPrepare = bytes;
  try {
    toPrepare = withoutExports(bytes, isReservedExport);
  } catch {
  }
  if (mode === "auto" && (options.prepareInBackground ?? backgroundByDefault()) && isPureWasi(imports) && !hasStartFunction(bytes)) {
    const later = decoupledUntilPrepared(toPrepare, name, codeBytes, contentHash(), needed, options);
    if (later !== void 0) return { ...await decoupledImage(bytes, name, imports, signatures, file.room), ...later };
  }
  let transformed;
  try {
    transformed = await asyncify(toPrepare, {
      asyncImports: needed,
      onPhase: options.onPrepareProgress,
      share: sharedMemory,
      contentHash,
      // Validated before it is prepared (binaryen's view of a broken module is no message for a
      // person); a module found in the cache was validated when it was prepared.
      onTransform: () => {
        compile(bytes, name);
        options.onTransform?.();
      },
      budget: prepareBudget(mode, options),
      signal: options.signal
    });
  } catch (e) {
    if (e instanceof LoadError) throw e;
    if (e instanceof PrepareAbortedError) throw new LoadError(`${name}: preparation stopped: the machine shut down`);
    if (e instanceof PrepareBudgetError) {
      options.onNotice?.(`l4wasm: ${name}: running decoupled (${e.message}${e.remembered ? ", as the last time" : ""})
`);
      return await decoupledImage(bytes, name, imports, signatures, file.room);
    }
    const why = e instanceof Error && !/^binaryen failed \(\[object /.test(e.message) ? e.message : "binaryen failed on it and gave no reason (tail calls are one feature it cannot transform); it can run decoupled (--decouple)";
    if (mode === "auto") {
      options.onNotice?.(`l4wasm: ${name}: running decoupled (preparation failed: ${why})
`);
      return await decoupledImage(bytes, name, imports, signatures, file.room);
    }
    throw new LoadError(`${name}: cannot prepare it for suspension: ${why}`);
  }
  phase("prepared");
  const module = await compileAsync(transformed, name);
  phase("compile");
  return { name, module, signatures, sharedMemory };
}
async function loadFromCache(file, name, provided, asyncImports, options) {
  const mode = options.mode ?? "auto";
  if (mode === "decoupled" || mode === "auto" && file.codeBytes > (options.prepareBudgetBytes ?? DEFAULT_PREPARE_BUDGET)) return void 0;
  const content = knownHash(file.id);
  if (content === void 0) return void 0;
  let iface;
  let signatures;
  try {
    checkVersion(file.head, name);
    iface = moduleInterface(file.head);
    signatures = importSignatures(file.head);
    const everyImport = functionImports(file.head);
    if (options.signatureOf !== void 0) checkSignatures(name, everyImport, options.signatureOf);
    checkDuplicateImports(name, everyImport);
  } catch {
    return void 0;
  }
  const imports = iface.imports;
  const refused = imports.some((imp) => !(imp.kind === "memory" && imp.module === "env" && imp.name === "memory") && (imp.kind !== "function" || !provided[imp.module]?.has(imp.name)));
  if (refused || imports.some((i) => i.kind === "function" && `${i.module}.${i.name}` === DECOUPLE_IMPORT)) return void 0;
  if (!iface.exports.some((e) => e.name === "_start" && e.kind === "function")) return void 0;
  phase("parse");
  const prepared = await cachedPreparation(file.codeBytes, content, {
    asyncImports: suspendingImports(imports, asyncImports),
    budget: prepareBudget(mode, options)
  });
  if (prepared === void 0) return void 0;
  phase("prepared");
  const module = await compileAsync(prepared.binary, name);
  phase("compile");
  return { name, module, signatures, ...prepared.data !== void 0 ? { data: prepared.data } : {} };
}
function suspendingImports(imports, asyncImports) {
  const isAsync = typeof asyncImports === "function" ? asyncImports : (m, n) => asyncImports.includes(`${m}.${n}`);
  const needed = imports.filter((i) => i.kind === "function" && isAsync(i.module, i.name)).map((i) => `${i.module}.${i.name}`);
  if (!needed.includes(PREEMPT_IMPORT)) needed.push(PREEMPT_IMPORT);
  return needed;
}
function prepareBudget(mode, options) {
  return mode === "auto" ? {
    timeMs: options.prepareTimeBudget ?? DEFAULT_PREPARE_TIME_BUDGET,
    memoryBytes: options.prepareMemoryBudget ?? DEFAULT_PREPARE_MEMORY_BUDGET
  } : void 0;
}
function backgroundByDefault() {
  return process.env.L4WASM_PREPARE_IN_BACKGROUND !== "0";
}
function decoupledUntilPrepared(bytes, name, codeBytes, content, asyncImports, options) {
  const budget = prepareBudget("auto", options);
  const paths = preparationPaths(codeBytes, content, { asyncImports, budget });
  if (existsSync(paths.module)) return void 0;
  const over = rememberedOverBudget(paths.marker, budget);
  if (over !== void 0) {
    options.onNotice?.(`l4wasm: ${name}: running decoupled (${over.message}, as the last time)
`);
    return {};
  }
  const background = prepareInBackground(bytes, { asyncImports, content, ...budget ? { budget } : {} });
  if (background === "started") options.onNotice?.(`l4wasm: preparing ${name} in the background for its next runs (this run is decoupled)
`);
  if (background === "busy") options.onNotice?.(`l4wasm: preparing ${name} on a later run (another program is being prepared in the background; this run is decoupled)
`);
  return { provisional: true };
}
function isPureWasi(imports) {
  return imports.every((i) => i.kind === "function" && i.module === "wasi_snapshot_preview1");
}
function hasStartFunction(bytes) {
  return sections(bytes).some((s) => s.id === 8);
}
function checkStartType(bytes, name) {
  let type;
  try {
    type = exportedFunctionType(bytes, "_start");
  } catch {
    return;
  }
  if (type === void 0 || type.params.length === 0 && type.results.length === 0) return;
  throw new LoadError(`${name}: its _start is declared ${showSignature(type.params, type.results)}: a WASI command's _start takes no parameters and returns nothing`);
}
const TRAMPOLINES = ["__l4posix_signal_deliver", "__l4posix_signal_fault"];
const TRAMPOLINE_PARAMS = Array(8).fill(127);
function checkTrampolines(bytes, name, exports) {
  for (const trampoline of TRAMPOLINES) {
    const exp = exports.find((e) => e.name === trampoline);
    if (exp === void 0) continue;
    const want = `l4wasm calls it as ${showSignature(TRAMPOLINE_PARAMS, 0)} (link libl4posix's, from l4wasm cc)`;
    if (exp.kind !== "function") throw new LoadError(`${name}: exports ${trampoline} as a ${exp.kind}: ${want}`);
    let type;
    try {
      type = exportedFunctionType(bytes, trampoline);
    } catch {
      return;
    }
    if (type === void 0) continue;
    if (type.results.length === 0 && type.params.length === 8 && type.params.every((t) => t === 127)) continue;
    throw new LoadError(`${name}: exports ${trampoline} declared ${showSignature(type.params, type.results)}: ${want}`);
  }
}
function isReservedExport(exportName) {
  return exportName.startsWith("asyncify_") || exportName.startsWith("__l4wasm_");
}
function checkSegmentsFit(bytes, name) {
  let elements;
  try {
    elements = activeElements(bytes);
  } catch {
  }
  const tableSize = elements?.tableSize;
  for (const s of tableSize === void 0 ? [] : elements.segments) {
    if (s.offset + s.count > tableSize) {
      throw new LoadError(`${name}: cannot be instantiated: table index is out of bounds (${s.count} elements at ${s.offset}, beyond its table of ${tableSize})`);
    }
  }
  let initialBytes, segments;
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
const DECOUPLE_IMPORT = "l4posix.decouple";
function mb(bytes) {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
function engineMessage(e, prefix) {
  return printableName(e.message.replace(prefix, ""), MAX_SHOWN_MESSAGE);
}
async function compileAsync(bytes, name) {
  try {
    return await WebAssembly.compile(bytes);
  } catch (e) {
    throw new LoadError(`${name}: not a valid WebAssembly module (${engineMessage(e, /^WebAssembly\.compile\(\): /)})`);
  }
}
function compile(bytes, name) {
  try {
    return new WebAssembly.Module(bytes);
  } catch (e) {
    throw new LoadError(`${name}: not a valid WebAssembly module (${engineMessage(e, /^WebAssembly\.Module\(\): /)})`);
  }
}
async function decoupledImage(bytes, name, moduleImports, signatures, room = 0) {
  prewarmDecoupledWorker();
  try {
    return await compileDecoupled(bytes, name, moduleImports, signatures, room);
  } catch (e) {
    dropSpare();
    throw e;
  }
}
async function compileDecoupled(bytes, name, moduleImports, signatures, room) {
  let shared;
  try {
    shared = shareMemory(bytes, room);
    phase("share memory");
  } catch (e) {
    if (e instanceof WasmFormatError) compile(bytes, name);
    throw new LoadError(`${name}: cannot run it decoupled: ${e.message}`);
  }
  const imports = moduleImports.filter((i) => i.kind === "function").map((i) => {
    const sig = signatures.get(`${i.module}.${i.name}`);
    if (sig === void 0) throw new LoadError(`${name}: cannot read the type of import ${printableName(`${i.module}.${i.name}`)}`);
    return { module: i.module, name: i.name, params: sig.paramTypes, result: sig.resultType };
  });
  let module;
  const compiling = WebAssembly.compile(shared.binary);
  shared.restore?.();
  try {
    module = await compiling;
    phase("compile");
  } catch (e) {
    compile(bytes, name);
    throw new LoadError(`${name}: cannot run it decoupled: ${engineMessage(e, /^WebAssembly\.(compile|Module)\(\): /)}`);
  }
  return { name, module, signatures, decoupled: { module, initial: shared.initial, maximum: shared.maximum, imports, startFunction: hasStartFunction(bytes) } };
}
export {
  DECOUPLE_IMPORT,
  DEFAULT_PREPARE_BUDGET,
  DEFAULT_PREPARE_MEMORY_BUDGET,
  DEFAULT_PREPARE_TIME_BUDGET,
  loadFromCache,
  loadProgram
};
