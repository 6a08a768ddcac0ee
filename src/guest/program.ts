// A loaded program: its module validated against the imports l4wasm provides, made suspendable,
// and instantiated. run() executes it until it exits, traps or suspends in a blocking call;
// calling run() again after a suspension resumes it exactly where it stopped.
import { readFileSync } from 'node:fs';
import { SUSPEND, ProcessExit } from '../libc/context.js';
import { asyncify } from './asyncify.js';

/** Pages reserved at the top of memory at start for asyncify's saved call stack. */
const ASYNCIFY_PAGES = 2;
const PAGE = 65536;

export type ImportTable = Record<string, Record<string, (...args: any[]) => any>>;

/** Why a program could not be loaded; the CLI shows `message` and exits 126. */
export class LoadError extends Error {}

/** What a program did when it stopped running on the CPU. */
export type RunOutcome =
  | { kind: 'suspended' }
  | { kind: 'exited'; code: number; signal?: number }
  | { kind: 'trapped'; message: string; func?: string };

export interface ProgramImage {
  name: string;
  module: WebAssembly.Module;
}

/**
 * Reads, validates and asyncifies a program. `provided` lists, per import module, the names
 * l4wasm implements; an import outside it is refused here with a one-line error.
 */
export async function loadProgram(
  source: string | Uint8Array, name: string,
  provided: Record<string, ReadonlySet<string>>, asyncImports: readonly string[],
  onTransform?: () => void,
): Promise<ProgramImage> {
  let bytes: Uint8Array;
  if (typeof source === 'string') {
    try { bytes = readFileSync(source); } catch (e) {
      throw new LoadError(`${name}: cannot read program: ${(e as Error).message}`);
    }
  } else {
    bytes = source;
  }
  let plain: WebAssembly.Module;
  try {
    plain = new WebAssembly.Module(bytes as BufferSource);
  } catch (e) {
    throw new LoadError(`${name}: not a valid WebAssembly module (${(e as Error).message.replace(/^WebAssembly\.Module\(\): /, '')})`);
  }
  for (const imp of WebAssembly.Module.imports(plain)) {
    if (imp.kind === 'memory' && imp.module === 'env' && imp.name === 'memory') continue;
    if (imp.kind !== 'function' || !provided[imp.module]?.has(imp.name)) {
      throw new LoadError(`${name}: unknown import ${imp.module}.${imp.name} (${imp.kind}): l4wasm does not provide it`);
    }
  }
  const exports = WebAssembly.Module.exports(plain);
  if (!exports.some((e) => e.name === '_start' && e.kind === 'function')) {
    throw new LoadError(`${name}: no _start export: not a WASI command (link it as an executable, not a library)`);
  }
  const needed = asyncImports.filter((i) => {
    const [m, n] = i.split('.');
    return WebAssembly.Module.imports(plain).some((imp) => imp.module === m && imp.name === n);
  });
  const transformed = await asyncify(bytes, { asyncImports: needed, onTransform });
  return { name, module: new WebAssembly.Module(transformed as BufferSource) };
}

interface AsyncifyExports {
  _start(): void;
  memory?: WebAssembly.Memory;
  asyncify_start_unwind(data: number): void;
  asyncify_stop_unwind(): void;
  asyncify_start_rewind(data: number): void;
  asyncify_stop_rewind(): void;
}

/** The program's wasm instance and its suspend/resume state. */
export class ProgramInstance {
  readonly memory: WebAssembly.Memory;
  private readonly exports: AsyncifyExports;
  private dataPtr = 0;
  private dataEnd = 0;
  private unwinding = false;
  private rewinding = false;
  private suspended = false;
  private started = false;
  /** Set by a blocking call's wrapper after the call completed, so its restart state is cleared. */
  onCallComplete: () => void = () => {};

  constructor(
    readonly image: ProgramImage,
    imports: ImportTable,
    asyncImports: readonly string[],
    importedMemory?: WebAssembly.Memory,
  ) {
    const wrapped: ImportTable = {};
    const asyncSet = new Set(asyncImports);
    for (const [mod, fns] of Object.entries(imports)) {
      wrapped[mod] = {};
      for (const [name, fn] of Object.entries(fns)) {
        wrapped[mod]![name] = asyncSet.has(`${mod}.${name}`) ? this.suspendable(fn) : fn;
      }
    }
    if (importedMemory) wrapped.env = { ...(wrapped.env ?? {}), memory: importedMemory as never };
    const instance = new WebAssembly.Instance(image.module, wrapped as WebAssembly.Imports);
    this.exports = instance.exports as unknown as AsyncifyExports;
    const memory = this.exports.memory ?? importedMemory;
    if (!memory) throw new LoadError(`${image.name}: exports no memory`);
    this.memory = memory;
  }

  /** Reserves asyncify's save area above the program's initial memory, before it starts. */
  private reserveSaveArea(): void {
    let base: number;
    try { base = this.memory.grow(ASYNCIFY_PAGES) * PAGE; } catch {
      throw new LoadError(`${this.image.name}: its memory cannot grow by ${ASYNCIFY_PAGES} pages for l4wasm's suspension area (maximum memory too small)`);
    }
    this.dataPtr = base;
    this.dataEnd = base + ASYNCIFY_PAGES * PAGE;
  }

  /** The range of the save area, for the region map. */
  get saveArea(): { start: number; size: number } {
    return { start: this.dataPtr, size: this.dataEnd - this.dataPtr };
  }

  /** Wraps a blocking import: a SUSPEND result unwinds the wasm stack; on rewind the call runs again. */
  private suspendable(fn: (...args: any[]) => any): (...args: any[]) => any {
    return (...args: any[]) => {
      if (this.rewinding) {
        this.exports.asyncify_stop_rewind();
        this.rewinding = false;
      }
      const r = fn(...args);
      if (r === SUSPEND) {
        const view = new Int32Array(this.memory.buffer, this.dataPtr, 2);
        view[0] = this.dataPtr + 8;
        view[1] = this.dataEnd;
        this.exports.asyncify_start_unwind(this.dataPtr);
        this.unwinding = true;
        return 0;
      }
      this.onCallComplete();
      return r;
    };
  }

  /** Runs (or resumes) the program until it exits, traps or suspends. */
  run(): RunOutcome {
    try {
      if (!this.started) {
        this.started = true;
        this.reserveSaveArea();
      } else if (this.suspended) {
        this.exports.asyncify_start_rewind(this.dataPtr);
        this.rewinding = true;
      }
      this.suspended = false;
      this.exports._start();
      if (this.unwinding) {
        this.exports.asyncify_stop_unwind();
        this.unwinding = false;
        this.suspended = true;
        return { kind: 'suspended' };
      }
      return { kind: 'exited', code: 0 };
    } catch (e) {
      this.unwinding = this.rewinding = false;
      if (e instanceof ProcessExit) return { kind: 'exited', code: e.code, signal: e.signal };
      if (e instanceof LoadError) throw e;
      return describeTrap(e, this.image);
    }
  }
}

/** Names what trapped and where: the message and the innermost wasm function of the stack. */
export function describeTrap(e: unknown, image?: ProgramImage): RunOutcome {
  const func = () => innermostWasmFunction(v8Stack(e as Error), image);
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { kind: 'trapped', message: 'call stack exhausted', func: func() };
  }
  if (e instanceof WebAssembly.RuntimeError) {
    return { kind: 'trapped', message: e.message, func: func() };
  }
  throw e;
}

/**
 * The error's stack in V8's own format. A test runner or source-map support may install an
 * Error.prepareStackTrace that rewrites wasm frames; the stack is formatted when first read,
 * so reading it under V8's formatting of each call site gets the wasm-function[index] form.
 */
function v8Stack(e: Error): string | undefined {
  const saved = Error.prepareStackTrace;
  Error.prepareStackTrace = (_err, frames) => frames.map((f) => `    at ${f.toString()}`).join('\n');
  try { return e.stack; } finally { Error.prepareStackTrace = saved; }
}

/** The innermost frame's function: by its index in the name section, else as V8 printed it. */
function innermostWasmFunction(stack: string | undefined, image?: ProgramImage): string | undefined {
  for (const line of (stack ?? '').split('\n')) {
    const m = /wasm:\/\/wasm\/[^:]+:wasm-function\[(\d+)\]/.exec(line);
    if (m) return (image && functionNames(image).get(Number(m[1]))) ?? `function[${m[1]}]`;
  }
  return undefined;
}

const namesCache = new WeakMap<ProgramImage, Map<number, string>>();

/** Function names from the module's "name" custom section (subsection 1). */
function functionNames(image: ProgramImage): Map<number, string> {
  let names = namesCache.get(image);
  if (names) return names;
  names = new Map();
  namesCache.set(image, names);
  const [section] = WebAssembly.Module.customSections(image.module, 'name');
  if (!section) return names;
  const b = new Uint8Array(section);
  let p = 0;
  const leb = () => { let r = 0, shift = 0, x; do { x = b[p++]!; r |= (x & 0x7f) << shift; shift += 7; } while (x & 0x80); return r >>> 0; };
  const decoder = new TextDecoder();
  while (p < b.length) {
    const id = b[p++]!;
    const size = leb();
    const end = p + size;
    if (id === 1) {
      for (let n = leb(); n > 0; n--) {
        const idx = leb();
        const len = leb();
        names.set(idx, decoder.decode(b.subarray(p, p + len)));
        p += len;
      }
    }
    p = end;
  }
  return names;
}
