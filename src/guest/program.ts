// A loaded program: its module validated against the imports l4wasm provides, made suspendable,
// and instantiated. run() executes it until it exits, traps or suspends in a blocking call;
// calling run() again after a suspension resumes it exactly where it stopped.
//
// Every call from the program into the host is a call boundary (as a return from the kernel is on
// Linux): there pending signals are delivered, and at a call the program may suspend in, the
// process may also take the CPU away (the program unwinds and the call returns its result once it
// is resumed). A signal handler runs nested inside the import that found it, through the program's
// exported trampoline, with the program's stack intact: it may longjmp out (a wasm exception that
// passes through the import into the program's setjmp frame), and inside a suspendable call it may
// block (its stack unwinds through the import's frame, recorded in `frames`, and is rewound the
// same way). The cheap local calls (getpid, clock_gettime, sigprocmask, ...) are not made
// suspendable, which would slow every call of them: a handler that runs there cannot block.
import { fixedArityFactory } from '../libc/fixed_arity.js';
import { readFileSync } from 'node:fs';
import { SUSPEND, ProcessExec, ProcessExit } from '../libc/context.js';
import { dataSegments, MEMORY_LIMIT_EXPORT, type DataSegment } from './instrument.js';
import {
  asyncify, GLOBAL_EXPORT_PREFIX, PREEMPT_IMPORT, PrepareAbortedError, PrepareBudgetError, RESERVED_PAGES,
  type PrepareProgress,
} from './asyncify.js';
import {
  functionNames, importSignatures, moduleInterface, ResultType, sections, WasmFormatError, type ImportSignature,
} from './wasm_binary.js';
import { shareMemory, sharedMemoryLimits } from './share_memory.js';
import { demangle } from './demangle.js';

export { importSignatures, ResultType, type ImportSignature };

const PAGE = 65536;
/** asyncify's save area: the top of memory, which the prepared program never sees as its own. */
const SAVE_AREA = RESERVED_PAGES * PAGE;

/** The trampolines libl4posix exports when the program can install signal handlers (sysroot/src/signal.c). */
const DELIVER_EXPORT = '__l4posix_signal_deliver';
const FAULT_EXPORT = '__l4posix_signal_fault';

export type ImportTable = Record<string, Record<string, (...args: any[]) => any>>;

/** Why a program could not be loaded; the CLI shows `message` and exits 126. */
export class LoadError extends Error {}

/** What a program did when it stopped running on the CPU. */
export type RunOutcome =
  | { kind: 'suspended' }
  | { kind: 'exited'; code: number; signal?: number }
  | { kind: 'trapped'; message: string; func?: string; pc?: number }
  /** The handler of a fault signal (entered with enterFaultHandler) returned. */
  | { kind: 'handler-returned' }
  /** The program called exec: the process replaces it with `program`. */
  | { kind: 'exec'; program: unknown }
  /** A decoupled program called l4_recouple: it unwound in its worker and continues on the vCPU. */
  | { kind: 'recouple'; globals: Record<string, number | bigint> };

export interface ProgramImage {
  name: string;
  module: WebAssembly.Module;
  /**
   * Set when the prepared program's memory is a shared one it imports (it can move to a worker
   * with l4_decouple): its limits in pages and the data the host writes into it once.
   */
  sharedMemory?: { initial: number; maximum: number; data: DataSegment[] };
  /** Set when the program runs decoupled: its original code, on a shared memory, in a worker. */
  decoupled?: import('./decoupled.js').DecoupledImage;
  /** Each function import's signature by "module.name" (from the binary; absent: wrapped generically). */
  signatures?: ReadonlyMap<string, ImportSignature>;
}

/** Which imports a program's calls may suspend in: by "module.name", or a predicate. */
export type AsyncImports = readonly string[] | ((module: string, name: string) => boolean);

/**
 * Reads, validates and asyncifies a program. `provided` lists, per import module, the names
 * l4wasm implements; an import outside it is refused here with a one-line error.
 */
/** How a program is to run: on the vCPU (prepared with asyncify), in a worker, or the first when it can be prepared. */
export type ExecutionMode = 'multiplexed' | 'decoupled' | 'auto';

export interface LoadOptions {
  /** Default 'auto': multiplexed, or decoupled when preparation is over budget or fails. */
  mode?: ExecutionMode;
  /** Called once before a slow (uncached) preparation, to show progress. */
  onTransform?: () => void;
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

export async function loadProgram(
  source: string | Uint8Array, name: string,
  provided: Record<string, ReadonlySet<string>>, asyncImports: AsyncImports,
  options: LoadOptions = {},
): Promise<ProgramImage> {
  let bytes: Uint8Array;
  if (typeof source === 'string') {
    try { bytes = readFileSync(source); } catch (e) {
      throw new LoadError(`${name}: cannot read program: ${(e as Error).message}`);
    }
  } else {
    bytes = source;
  }
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
      throw new LoadError(`${name}: unknown import ${imp.module}.${imp.name} (${imp.kind}): l4wasm does not provide it`);
    }
  }
  const exports = iface.exports;
  if (!exports.some((e) => e.name === '_start' && e.kind === 'function')) {
    throw new LoadError(`${name}: no _start export: not a WASI command (link it as an executable, not a library)`);
  }
  const signatures = importSignatures(bytes);
  const mode = options.mode ?? 'auto';
  if (mode === 'decoupled') return decoupledImage(bytes, name, imports, signatures);
  const codeSize = codeSectionSize(bytes);
  const budget = options.prepareBudgetBytes ?? DEFAULT_PREPARE_BUDGET;
  if (mode === 'auto' && codeSize > budget) {
    options.onNotice?.(`l4wasm: ${name}: running decoupled (its ${mb(codeSize)} of code is over the ${mb(budget)} preparation budget)\n`);
    return decoupledImage(bytes, name, imports, signatures);
  }
  const isAsync = typeof asyncImports === 'function'
    ? asyncImports
    : (m: string, n: string) => asyncImports.includes(`${m}.${n}`);
  const needed = imports.filter((i) => i.kind === 'function' && isAsync(i.module, i.name)).map((i) => `${i.module}.${i.name}`);
  // Every loop calls the preemption import when its budget is used up.
  if (!needed.includes(PREEMPT_IMPORT)) needed.push(PREEMPT_IMPORT);
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
  let transformed: Uint8Array;
  try {
    transformed = await asyncify(bytes, {
      asyncImports: needed, onPhase: options.onPrepareProgress, share: sharedMemory,
      // Validated before it is prepared (binaryen's view of a broken module is no message for a
      // person); a module found in the cache was validated when it was prepared.
      onTransform: () => { compile(bytes, name); options.onTransform?.(); },
      budget: mode === 'auto' ? {
        timeMs: options.prepareTimeBudget ?? DEFAULT_PREPARE_TIME_BUDGET,
        memoryBytes: options.prepareMemoryBudget ?? DEFAULT_PREPARE_MEMORY_BUDGET,
      } : undefined,
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof LoadError) throw e;
    if (e instanceof PrepareAbortedError) throw new LoadError(`${name}: preparation stopped: the machine shut down`);
    if (e instanceof PrepareBudgetError) {
      options.onNotice?.(`l4wasm: ${name}: running decoupled (${e.message}${e.remembered ? ', as the last time' : ''})\n`);
      return decoupledImage(bytes, name, imports, signatures);
    }
    const why = e instanceof Error ? e.message : `binaryen failed (${String(e)})`;
    if (mode === 'auto') {
      options.onNotice?.(`l4wasm: ${name}: running decoupled (preparation failed: ${why})\n`);
      return decoupledImage(bytes, name, imports, signatures);
    }
    throw new LoadError(`${name}: cannot prepare it for suspension: ${why}`);
  }
  return { name, module: new WebAssembly.Module(transformed as BufferSource), signatures, sharedMemory };
}

/** The call that moves a running program to a worker (sysroot/src/decouple.c). */
export const DECOUPLE_IMPORT = 'l4posix.decouple';

function mb(bytes: number): string { return `${(bytes / 1048576).toFixed(1)} MB`; }

function codeSectionSize(bytes: Uint8Array): number {
  const code = sections(bytes).find((s) => s.id === 10);
  return code === undefined ? 0 : code.end - code.start;
}

/** Compiles `bytes`; what the engine refuses is a LoadError of one line. */
function compile(bytes: Uint8Array, name: string): WebAssembly.Module {
  try {
    return new WebAssembly.Module(bytes as BufferSource);
  } catch (e) {
    throw new LoadError(`${name}: not a valid WebAssembly module (${(e as Error).message.replace(/^WebAssembly\.Module\(\): /, '')})`);
  }
}

/**
 * The program as a decoupled one runs it: its own code, its memory shared with the vCPU. The
 * shared module is its image's module too (the same code and names; its memory is imported).
 */
function decoupledImage(bytes: Uint8Array, name: string, moduleImports: readonly { module: string; name: string; kind: string }[],
  signatures: Map<string, ImportSignature>): ProgramImage {
  let shared;
  try {
    shared = shareMemory(bytes);
  } catch (e) {
    if (e instanceof WasmFormatError) compile(bytes, name); // the engine's message when it is not wasm at all
    throw new LoadError(`${name}: cannot run it decoupled: ${(e as Error).message}`);
  }
  const imports = moduleImports.filter((i) => i.kind === 'function').map((i) => {
    const sig = signatures.get(`${i.module}.${i.name}`);
    if (sig === undefined) throw new LoadError(`${name}: cannot read the type of import ${i.module}.${i.name}`);
    return { module: i.module, name: i.name, params: sig.paramTypes, result: sig.resultType };
  });
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(shared.binary as BufferSource);
  } catch (e) {
    compile(bytes, name); // the original's own error, when it is the original that is broken
    throw new LoadError(`${name}: cannot run it decoupled: ${(e as Error).message.replace(/^WebAssembly\.Module\(\): /, '')}`);
  }
  return { name, module, signatures, decoupled: { module, initial: shared.initial, maximum: shared.maximum, imports } };
}

interface AsyncifyExports {
  _start(): void;
  memory?: WebAssembly.Memory;
  asyncify_start_unwind(data: number): void;
  asyncify_stop_unwind(): void;
  asyncify_start_rewind(data: number): void;
  asyncify_stop_rewind(): void;
  [DELIVER_EXPORT]?: Trampoline;
  [FAULT_EXPORT]?: Trampoline;
}

type Trampoline = (sig: number, handler: number, flags: number, code: number, pid: number, uid: number, addr: number, value: number) => void;

/** A signal handler to run: the trampoline's arguments. */
export interface HandlerCall {
  readonly sig: number;
  readonly handler: number;
  readonly flags: number;
  readonly code: number;
  readonly pid: number;
  readonly uid: number;
  readonly addr: number;
  readonly value: number;
}

export const enum Boundary {
  /** Return the call's result. */
  Continue,
  /** Give up the CPU: the program unwinds; the call returns its result when it runs again. */
  Yield,
  /** Deliver the signals that are pending and not blocked, then return. */
  Deliver,
}

/** What the program's process decides at its call boundaries (src/guest/process.ts). */
export interface CallHooks {
  /**
   * Counts down at every completed call; at zero the instance asks boundary(). Kept at zero while
   * a signal waits for delivery, so the check after each call is one field.
   */
  countdown: number;
  /**
   * What happens before the call that just completed returns (countdown reached zero); never
   * Yield when `canYield` is false (the call cannot suspend).
   */
  boundary(canYield: boolean): Boundary;
  /**
   * Nonzero while a handler runs inside a call that cannot suspend: its blocking calls must not
   * wait (they fail with EINTR).
   */
  suspendForbidden: number;
  /** The next signal whose handler is to run now, or undefined; throws ProcessExit for a fatal one. */
  takeSignal(): HandlerCall | undefined;
  /** The handler of `call` returned. */
  signalReturned(call: HandlerCall): void;
  /** A blocking call was interrupted by a signal whose handler restarts it (SA_RESTART); read once. */
  takeRestart(): boolean;
  /** A call completed (not suspended): its restart state is cleared. */
  callCompleted(): void;
}

type BoundaryFactory = (self: ProgramInstance, hooks: CallHooks, fn: (...args: any[]) => any, zero: unknown, suspend: number) => (...args: any[]) => any;

const FACTORIES = new Map<string, BoundaryFactory>();

/** The suspension boundary of one import, compiled once per import name (see fixed_arity.ts). */
function boundaryFactory(key: string, params: number | undefined, suspendable: boolean): BoundaryFactory {
  const id = `${key}/${params ?? 'n'}/${suspendable ? 's' : 'l'}`;
  let f = FACTORIES.get(id);
  if (f === undefined) {
    f = fixedArityFactory<BoundaryFactory>(key, ['self', 'h', 'fn', 'zero', 'SUSPEND'], params, (list) => {
      const args = params === undefined ? 'args' : `[${list}]`;
      const call = params === undefined ? 'fn(...args)' : `fn(${list})`;
      return suspendable ? `
  if (self.rewinding) return self.resume(fn, ${args}, zero);
  const r = ${call};
  if (r === SUSPEND || --h.countdown <= 0) return self.slow(fn, ${args}, r, zero);
  h.callCompleted();
  return r;` : `
  const r = ${call};
  if (--h.countdown <= 0) return self.local(r);
  return r;`;
    });
    FACTORIES.set(id, f);
  }
  return f;
}

/** Marks a frame whose call is to run again after its handlers (SA_RESTART). */
const RESTART = Symbol('restart');

/**
 * A call boundary the program's stack unwound through, innermost first: the call finished with
 * `result`, and either gave up the CPU there or was running handler `handler` when it suspended.
 */
interface Frame {
  result: unknown;
  handler?: HandlerCall;
}

const NO_HOOKS: CallHooks = {
  countdown: Infinity,
  suspendForbidden: 0,
  boundary: () => Boundary.Continue,
  takeSignal: () => undefined,
  signalReturned: () => {},
  takeRestart: () => false,
  callCompleted: () => {},
};

/** The program's wasm instance and its suspend/resume state. */
export class ProgramInstance {
  readonly memory: WebAssembly.Memory;
  private readonly exports: AsyncifyExports;
  private unwinding = false;
  /** @internal (read by the generated import wrappers) */
  rewinding = false;
  private suspended = false;
  private started = false;
  private readonly frames: Frame[] = [];
  /** What run() calls: the program's _start, or a fault signal's handler after a trap. */
  private entry: () => void;
  private inFaultHandler = false;

  constructor(
    readonly image: ProgramImage,
    imports: ImportTable,
    asyncImports: AsyncImports,
    importedMemory?: WebAssembly.Memory,
    private readonly hooks: CallHooks = NO_HOOKS,
  ) {
    const wrapped: ImportTable = {};
    const isAsync = typeof asyncImports === 'function'
      ? asyncImports
      : (m: string, n: string) => asyncImports.includes(`${m}.${n}`);
    for (const [mod, fns] of Object.entries(imports)) {
      wrapped[mod] = {};
      for (const [name, fn] of Object.entries(fns)) {
        wrapped[mod]![name] = this.boundaryCall(`${mod}.${name}`, fn, image.signatures?.get(`${mod}.${name}`), isAsync(mod, name));
      }
    }
    if (importedMemory) wrapped.env = { ...(wrapped.env ?? {}), memory: importedMemory as never };
    this.exports = instantiate(image, wrapped, importedMemory !== undefined).exports as unknown as AsyncifyExports;
    const memory = this.exports.memory ?? importedMemory;
    if (!memory) throw new LoadError(`${image.name}: exports no memory`);
    this.memory = memory;
    this.entry = () => this.exports._start();
  }

  /** The program links libl4posix's signal trampolines: it can run signal handlers. */
  get handlesSignals(): boolean {
    return typeof this.exports[DELIVER_EXPORT] === 'function' && typeof this.exports[FAULT_EXPORT] === 'function';
  }

  /**
   * The most pages (64 KiB, the reserved ones included) the program's memory.grow may grow its
   * memory to: beyond, it fails as at the declared maximum (malloc reports ENOMEM).
   */
  setMemoryLimit(pages: number): void {
    const g = (this.exports as unknown as Record<string, unknown>)[MEMORY_LIMIT_EXPORT];
    if (g instanceof WebAssembly.Global) g.value = Math.max(0, Math.min(65536, Math.floor(pages)));
  }

  /** The values of the program's own mutable globals (C stack pointer, TLS base), by export name. */
  exportedGlobals(): Record<string, number | bigint> {
    const out: Record<string, number | bigint> = {};
    for (const [name, g] of Object.entries(this.exports as unknown as Record<string, unknown>)) {
      if (name.startsWith(GLOBAL_EXPORT_PREFIX) && g instanceof WebAssembly.Global) out[name] = g.value as number | bigint;
    }
    return out;
  }

  /**
   * l4_recouple: this fresh instance on the program's (shared) memory takes over the program as
   * the worker left it, unwound into the save area; its next run() rewinds into the call.
   */
  adoptSuspended(globals: Record<string, number | bigint>): void {
    this.setGlobals(globals);
    this.started = true;
    this.suspended = true;
  }

  private setGlobals(globals: Record<string, number | bigint>): void {
    const mine = this.exports as unknown as Record<string, unknown>;
    for (const [name, v] of Object.entries(globals)) {
      const g = mine[name];
      if (g instanceof WebAssembly.Global) g.value = v;
    }
  }

  /** The module exports its mutable globals (fork can copy the program). */
  get canFork(): boolean {
    return Object.keys(this.exports).some((n) => n.startsWith(GLOBAL_EXPORT_PREFIX));
  }

  /**
   * fork: this fresh instance of the same module takes over `parent`'s program as it stands after
   * unwinding at fork (memory with asyncify's saved call stack, globals, boundary frames); its
   * next run() rewinds into the same call.
   */
  adoptFork(parent: ProgramInstance): void {
    const have = this.memory.buffer.byteLength;
    const want = parent.memory.buffer.byteLength;
    if (want > have) this.memory.grow((want - have) / PAGE);
    new Uint8Array(this.memory.buffer).set(new Uint8Array(parent.memory.buffer));
    this.setGlobals(parent.exportedGlobals());
    this.started = true;
    this.suspended = parent.suspended;
    this.frames.push(...parent.frames);
  }

  /**
   * Wraps an import the program may suspend in: a SUSPEND result unwinds the wasm stack and the
   * call runs again on rewind; a completed call passes its boundary. The common path (a completed
   * call, nothing to do at the boundary) allocates nothing and costs a field test.
   */
  private boundaryCall(key: string, fn: (...args: any[]) => any, sig: ImportSignature | undefined, suspendable: boolean): (...args: any[]) => any {
    const zero = sig?.result === ResultType.BigInt ? 0n : sig?.result === ResultType.None ? undefined : 0;
    return boundaryFactory(key, sig?.params, suspendable)(this, this.hooks, fn, zero, SUSPEND);
  }

  /** Where asyncify's save area starts now: it moves up as the memory grows. */
  private get saveArea(): number { return this.memory.buffer.byteLength - SAVE_AREA; }

  private startUnwind(): void {
    const at = this.saveArea;
    const view = new Int32Array(this.memory.buffer, at, 2);
    view[0] = at + 8;
    view[1] = at + SAVE_AREA;
    this.exports.asyncify_start_unwind(at);
    this.unwinding = true;
  }

  /**
   * The uncommon end of a call: it wants to suspend (`r` is SUSPEND), or it completed and its
   * boundary has work. Returns the call's result, or `zero` when the program unwinds.
   */
  /** @internal */
  slow(fn: (...args: any[]) => any, args: any[], r: unknown, zero: unknown): unknown {
    const h = this.hooks;
    for (;;) {
      if (r === SUSPEND) {
        if (h.suspendForbidden > 0) throw new WebAssembly.RuntimeError('a call suspended inside a signal handler that cannot suspend');
        if (!h.takeRestart()) {
          this.startUnwind();
          return zero;
        }
        // Interrupted by a signal whose handler restarts the call: the handler runs, then the call again.
        if (this.deliver(RESTART)) return zero;
        r = fn(...args);
        continue;
      }
      h.callCompleted();
      switch (h.boundary(true)) {
        case Boundary.Continue:
          return r;
        case Boundary.Yield:
          this.frames.push({ result: r });
          this.startUnwind();
          return zero;
        case Boundary.Deliver:
          if (this.deliver(r)) return zero;
          return r;
      }
    }
  }

  /** @internal The boundary of a call that cannot suspend: handlers run, and must not block. */
  local(r: unknown): unknown {
    const h = this.hooks;
    if (h.boundary(false) !== Boundary.Deliver) return r;
    h.suspendForbidden++;
    try {
      this.deliver(r);
    } finally {
      h.suspendForbidden--;
    }
    return r;
  }

  /** Runs the handlers of the deliverable signals; true when one suspended (the program unwinds). */
  private deliver(result: unknown): boolean {
    const h = this.hooks;
    for (let call = h.takeSignal(); call !== undefined; call = h.takeSignal()) {
      this.callHandler(DELIVER_EXPORT, call);
      if (this.unwinding) {
        this.frames.push({ result, handler: call });
        return true;
      }
      h.signalReturned(call);
    }
    return false;
  }

  private callHandler(which: typeof DELIVER_EXPORT | typeof FAULT_EXPORT, c: HandlerCall): void {
    const trampoline = this.exports[which];
    if (trampoline === undefined) throw new ProcessExit(128 + c.sig, c.sig); // cannot happen: no handlers without it
    trampoline(c.sig, c.handler, c.flags, c.code, c.pid, c.uid, c.addr, c.value);
  }

  /** The program is being rewound and reached this call: the innermost frame says what it was doing. */
  /** @internal */
  resume(fn: (...args: any[]) => any, args: any[], zero: unknown): unknown {
    const f = this.frames.pop();
    if (f === undefined || f.handler === undefined) {
      // The program suspended right here: in the call itself, or after it gave up the CPU.
      this.exports.asyncify_stop_rewind();
      this.rewinding = false;
      if (f === undefined) return this.slow(fn, args, fn(...args), zero);
      return this.slow(fn, args, f.result, zero);
    }
    // A handler that this call ran suspended inside: rewind into it and let it finish.
    this.callHandler(DELIVER_EXPORT, f.handler);
    if (this.unwinding) {
      this.frames.push(f);
      return zero;
    }
    this.hooks.signalReturned(f.handler);
    if (this.deliver(f.result)) return zero;
    if (f.result === RESTART) return this.slow(fn, args, fn(...args), zero);
    return f.result;
  }

  /**
   * After a trap (the program's stack is gone): the next run() runs the handler of the fault
   * signal as the program's entry, on a fresh wasm stack. It ends with 'handler-returned' when the
   * handler returns (there is nothing to return to), or as the handler ends the program.
   */
  enterFaultHandler(call: HandlerCall): void {
    this.inFaultHandler = true;
    this.suspended = false;
    this.frames.length = 0;
    this.entry = () => this.callHandler(FAULT_EXPORT, call);
  }

  /** Runs (or resumes) the program until it exits, traps or suspends. */
  run(): RunOutcome {
    try {
      if (!this.started) {
        this.started = true;
      } else if (this.suspended) {
        this.exports.asyncify_start_rewind(this.saveArea);
        this.rewinding = true;
      }
      this.suspended = false;
      this.entry();
      if (this.unwinding) {
        this.exports.asyncify_stop_unwind();
        this.unwinding = false;
        this.suspended = true;
        return { kind: 'suspended' };
      }
      if (this.inFaultHandler) return { kind: 'handler-returned' };
      return { kind: 'exited', code: 0 };
    } catch (e) {
      this.abandonStack();
      if (e instanceof ProcessExit) return { kind: 'exited', code: e.code, signal: e.signal };
      if (e instanceof ProcessExec) return { kind: 'exec', program: e.program };
      if (e instanceof LoadError) throw e;
      return describeTrap(e, this.image);
    }
  }

  /** The wasm stack was thrown away (exit, trap): no unwind or rewind is in progress any more. */
  private abandonStack(): void {
    try {
      if (this.unwinding) this.exports.asyncify_stop_unwind();
      if (this.rewinding) this.exports.asyncify_stop_rewind();
    } catch { /* the instance's state is beyond repair only if it runs again; it does not */ }
    this.unwinding = this.rewinding = this.suspended = false;
    this.frames.length = 0;
  }
}

/**
 * Instantiates the program's module. What fails here is the program's doing and is told in one
 * line as a LoadError: an import l4wasm does not give it (its memory), a start function that
 * traps, an instance larger than the host can make.
 */
function instantiate(image: ProgramImage, imports: ImportTable, memoryGiven: boolean): WebAssembly.Instance {
  try {
    return new WebAssembly.Instance(image.module, imports as WebAssembly.Imports);
  } catch (e) {
    if (!(e instanceof Error) || e instanceof LoadError) throw e;
    const why = e.message.replace(/^WebAssembly\.Instance\(\): /, '');
    if (!memoryGiven && WebAssembly.Module.imports(image.module).some((i) => i.kind === 'memory')) {
      throw new LoadError(`${image.name}: imports its memory (env.memory), which l4wasm does not provide: link it with a memory of its own`);
    }
    if (e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && /call stack/i.test(why))) {
      throw new LoadError(`${image.name}: its start function trapped: ${why}`);
    }
    if (e instanceof WebAssembly.LinkError || e instanceof RangeError) throw new LoadError(`${image.name}: cannot be instantiated: ${why}`);
    throw e;
  }
}

/** A trap reported by text (from a decoupled program's worker): message and innermost function. */
export function trapOutcome(message: string, stack: string | undefined, image: ProgramImage, stackExhausted: boolean): RunOutcome {
  return { kind: 'trapped', message: stackExhausted ? 'call stack exhausted' : message, ...innermostWasmFrame(stack, image) };
}

/** WebAssembly.Exception (exception handling; not in TypeScript's lib yet). */
const WasmException = (WebAssembly as unknown as { Exception?: new (...a: never[]) => object }).Exception;

/** Names what trapped and where: the message, the innermost wasm function and the code offset. */
export function describeTrap(e: unknown, image?: ProgramImage): RunOutcome {
  const where = () => innermostWasmFrame(v8Stack(e as Error), image);
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { kind: 'trapped', message: 'call stack exhausted', ...where() };
  }
  if (e instanceof WebAssembly.RuntimeError) {
    return { kind: 'trapped', message: e.message, ...where() };
  }
  if (WasmException !== undefined && e instanceof WasmException) {
    // A wasm exception nothing caught: a longjmp whose setjmp frame is gone, or a C++ exception.
    return { kind: 'trapped', message: 'uncaught wasm exception (a longjmp to a frame that no longer exists?)', ...where() };
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

/** The innermost frame: its function (by its index in the name section) and its byte offset in the module. */
function innermostWasmFrame(stack: string | undefined, image?: ProgramImage): { func?: string; pc?: number } {
  for (const line of (stack ?? '').split('\n')) {
    const m = /wasm:\/\/wasm\/[^:]+:wasm-function\[(\d+)\](?::(0x[0-9a-f]+))?/.exec(line);
    if (m) {
      const func = (image && namesOf(image).get(Number(m[1]))) ?? `function[${m[1]}]`;
      return m[2] === undefined ? { func } : { func, pc: Number(m[2]) };
    }
  }
  return {};
}

const namesCache = new WeakMap<ProgramImage, Map<number, string>>();

/** Function names from the module's "name" custom section. */
function namesOf(image: ProgramImage): Map<number, string> {
  let names = namesCache.get(image);
  if (names) return names;
  const [section] = WebAssembly.Module.customSections(image.module, 'name');
  names = section ? functionNames(section) : new Map<number, string>();
  for (const [i, n] of names) names.set(i, demangle(n));
  namesCache.set(image, names);
  return names;
}
