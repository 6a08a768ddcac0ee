// A running program: its instance and the asyncify state machine that suspends and resumes it
// (loading is program_load.ts, what a trap was trap.ts). run() executes it until it exits, traps
// or suspends in a blocking call; calling run() again after a suspension resumes it exactly
// where it stopped.
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
import { SUSPEND, ProcessExec, ProcessExit } from '../libc/context.js';
import { USER_END_EXPORT } from '../libc/abi.js';
import { MEMORY_LIMIT_EXPORT } from './instrument.js';
import { GLOBAL_EXPORT_PREFIX, RESERVED_PAGES, STACK_POINTER_EXPORT, TLS_BASE_EXPORT, TLS_SIZE_EXPORT } from './asyncify.js';
import { importSignatures, ResultType, type ImportSignature } from './wasm_binary.js';
import { LoadError, type AsyncImports, type ImportTable, type ProgramImage, type RunOutcome } from './program_image.js';
import { describeTrap, failureOf, instantiationError } from './trap.js';
import { phase } from './start_phases.js';

// The module's parts in files of their own, reachable from here as before.
export { importSignatures, ResultType, type ImportSignature };
export * from './program_image.js';
export * from './program_load.js';
export { describeTrap, trapOutcome } from './trap.js';

const PAGE = 65536;
/** asyncify's save area: the top of memory, which the prepared program never sees as its own. */
const SAVE_AREA = RESERVED_PAGES * PAGE;

/** The trampolines libl4posix exports when the program can install signal handlers (sysroot/src/signal.c). */
export const DELIVER_EXPORT = '__l4posix_signal_deliver';
const FAULT_EXPORT = '__l4posix_signal_fault';
/** A green thread's entry (sysroot/src/pthread.c): runs its start routine, then pthread_exit. */
export const THREAD_START_EXPORT = '__l4posix_thread_start';

/**
 * What one green thread keeps while another runs on the instance (src/guest/green_threads.ts): its
 * wasm stack unwound into asyncify's data (copied out of the save area), its C stack pointer and
 * other globals, its boundary frames, and the entry that rewinds it.
 */
export interface ThreadContext {
  readonly saved: Uint8Array | undefined;
  readonly globals: Record<string, number | bigint>;
  readonly frames: Frame[];
  readonly started: boolean;
  readonly suspended: boolean;
  /** The C thread its entry runs (undefined: the main thread, whose entry is _start). */
  readonly threadArg: number | undefined;
  /** A new thread's C stack pointer (the top of the stack pthread_create gave it). */
  readonly stackTop?: number;
  /** A new thread's thread-local storage block (set when the program has __thread variables). */
  readonly tlsBase?: number;
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
  /** The export that runs it, when not the signal trampoline (a thread's cancellation, which never returns). */
  readonly entry?: string;
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

/** How long a module's start function may run on the vCPU (ms). */
export const START_FUNCTION_MS = 5000;

/** Marks a frame whose call is to run again after its handlers (SA_RESTART). */
const RESTART = Symbol('restart');

/**
 * A call boundary the program's stack unwound through, innermost first: the call finished with
 * `result`, and either gave up the CPU there or was running handler `handler` when it suspended.
 */
export interface Frame {
  result: unknown;
  handler?: HandlerCall;
  /** Handlers taken before `handler`, still to run after it returns, the last first (never changed: a fork shares it). */
  later?: readonly HandlerCall[];
}

/** Hooks of a program with no signals and no preemption (a native task's, a test's). */
export const NO_HOOKS: CallHooks = {
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
  /** The C thread of the green thread on the instance (undefined: the main thread). */
  private threadArg: number | undefined;
  /** What a new thread's TLS block starts as (initialTlsImage); empty without thread-local storage. */
  private tlsImage: Uint8Array = new Uint8Array(0);
  /** When instantiation began: a start function runs inside it, where nothing can suspend. */
  private readonly createdAt = performance.now();
  /** The C stack pointer's initial value: with the stack first in memory, the linked stack's size. */
  readonly stackTop: number | undefined;

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
    // Only the functions the program imports: the tables offer every call (bound when looked up).
    for (const imp of WebAssembly.Module.imports(image.module)) {
      const fn = imp.kind === 'function' ? imports[imp.module]?.[imp.name] : undefined;
      if (fn === undefined) continue; // instantiation names what is missing
      const mod = (wrapped[imp.module] ??= {});
      mod[imp.name] = this.boundaryCall(`${imp.module}.${imp.name}`, fn, image.signatures?.get(`${imp.module}.${imp.name}`), isAsync(imp.module, imp.name));
    }
    if (importedMemory) wrapped.env = { ...(wrapped.env ?? {}), memory: importedMemory as never };
    let instance: WebAssembly.Instance;
    try {
      instance = instantiate(image, wrapped, importedMemory !== undefined);
    } catch (e) {
      if (!(e instanceof ProcessExit)) throw e;
      // Its start function called proc_exit: the process ends with that status when it first
      // runs, as a decoupled one does. No instance exists, so it has no memory to speak of.
      this.exports = {} as AsyncifyExports;
      this.memory = importedMemory ?? new WebAssembly.Memory({ initial: 0 });
      this.entry = () => { throw e; };
      return;
    }
    this.exports = instance.exports as unknown as AsyncifyExports;
    const exported = this.exports.memory as unknown;
    const memory = exported instanceof WebAssembly.Memory ? exported : importedMemory;
    if (!memory) throw new LoadError(`${image.name}: exports no memory`);
    this.memory = memory;
    // Its data segments from the preparation cache, when the module was compiled without them.
    if (importedMemory === undefined) image.data?.write(memory, image.name);
    this.tlsImage = this.initialTlsImage();
    const sp = (this.exports as unknown as Record<string, unknown>)[STACK_POINTER_EXPORT];
    this.stackTop = sp instanceof WebAssembly.Global ? sp.value as number : undefined;
    phase('instantiate');
    this.entry = () => this.exports._start();
  }

  /**
   * What a new thread's __thread variables start as: the TLS block as the module's data lays it
   * out (the main thread's block before it ran; on a shared memory, the data the host wrote). Empty
   * when the program has no thread-local storage.
   */
  private initialTlsImage(): Uint8Array {
    const e = this.exports as unknown as Record<string, unknown>;
    const base = e[TLS_BASE_EXPORT], size = e[TLS_SIZE_EXPORT];
    if (!(base instanceof WebAssembly.Global) || !(size instanceof WebAssembly.Global) || size.value === 0) return new Uint8Array(0);
    const at = base.value as number, n = size.value as number;
    const shared = this.image.sharedMemory;
    if (shared === undefined) return new Uint8Array(this.memory.buffer, at, n).slice();
    const out = new Uint8Array(n);
    const seg = shared.data.find((d) => d.offset === at);
    if (seg !== undefined) out.set(seg.bytes.subarray(0, n));
    return out;
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
    // At most 4 GiB less a page: the save area's end (its top) must be a 32-bit address.
    if (g instanceof WebAssembly.Global) g.value = Math.max(0, Math.min(65535, Math.floor(pages)));
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

  /**
   * The bytes from address 0 that fork need not copy from `parent`: with the stack first in memory
   * (l4wasm cc's layout, growing down towards 0), what lies below the stack pointer of a thread
   * running on that stack is no live frame's, and the child's fresh memory has zeros there. So a
   * fork copies the stack the program uses, not the 8 MiB it was linked with. 0 when the forking
   * thread runs on a stack of its own (a pthread's, in the heap) or the layout is not known.
   */
  private deadStackOf(parent: ProgramInstance): number {
    const theirs = (parent.exports as unknown as Record<string, unknown>)[STACK_POINTER_EXPORT];
    if (this.stackTop === undefined || !(theirs instanceof WebAssembly.Global)) return 0;
    const sp = theirs.value as number;
    return sp > 0 && sp <= this.stackTop ? sp & ~15 : 0;
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
  adoptFork(parent: ProgramInstance, stackFirst: boolean): void {
    const have = this.memory.buffer.byteLength;
    const want = parent.memory.buffer.byteLength;
    if (want > have) this.memory.grow((want - have) / PAGE);
    const dead = stackFirst ? this.deadStackOf(parent) : 0;
    new Uint8Array(this.memory.buffer).set(new Uint8Array(parent.memory.buffer, dead), dead);
    this.setGlobals(parent.exportedGlobals());
    this.tlsImage = parent.tlsImage;
    this.started = true;
    this.suspended = parent.suspended;
    this.frames.push(...parent.frames);
    // The child is the thread that forked: it rewinds through that thread's entry.
    this.threadArg = parent.threadArg;
    this.entry = this.threadEntry();
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

  /** The program exports a function of this name. */
  hasExport(name: string): boolean { return typeof (this.exports as unknown as Record<string, unknown>)[name] === 'function'; }

  /** The C thread of the green thread on the instance (0: the main thread). */
  get threadOnInstance(): number { return this.threadArg ?? 0; }

  /** The program exports what a green thread needs: its thread entry and its C stack pointer. */
  get canThread(): boolean {
    const e = this.exports as unknown as Record<string, unknown>;
    return typeof e[THREAD_START_EXPORT] === 'function' && e[STACK_POINTER_EXPORT] instanceof WebAssembly.Global;
  }

  /**
   * A green thread that starts at its entry with `arg` (the C thread) on the C stack below
   * `stackTop`. Its __thread variables take the top of that stack, as glibc puts a thread's TLS
   * block at the top of its stack: a copy of the initial block, aligned as the module's is.
   */
  newThread(arg: number, stackTop: number): ThreadContext {
    const thread = { saved: undefined, globals: this.exportedGlobals(), frames: [], started: false, suspended: false, threadArg: arg };
    const n = this.tlsImage.length;
    if (n === 0) return { ...thread, stackTop };
    const base = (this.exports as unknown as Record<string, WebAssembly.Global>)[TLS_BASE_EXPORT]!;
    const align = tlsAlignment(base.value as number);
    const tlsBase = Math.floor((stackTop - n) / align) * align;
    new Uint8Array(this.memory.buffer).set(this.tlsImage, tlsBase);
    return { ...thread, stackTop: tlsBase & ~15, tlsBase };
  }

  /**
   * Takes the running thread off the instance, between runs (it has unwound, or never ran): its
   * saved stack leaves the save area, which the next thread's takes.
   */
  takeThread(): ThreadContext {
    let saved: Uint8Array | undefined;
    if (this.suspended) {
      const at = this.saveArea;
      const end = new Uint32Array(this.memory.buffer, at, 1)[0]!;
      saved = new Uint8Array(this.memory.buffer, at + 8, end - at - 8).slice();
    }
    return { saved, globals: this.exportedGlobals(), frames: this.frames.splice(0), started: this.started, suspended: this.suspended, threadArg: this.threadArg };
  }

  /** Puts a thread taken by takeThread (or made by newThread) on the instance: its next run() resumes it. */
  putThread(ctx: ThreadContext): void {
    this.setGlobals(ctx.globals);
    const exported = this.exports as unknown as Record<string, WebAssembly.Global | undefined>;
    if (ctx.stackTop !== undefined) exported[STACK_POINTER_EXPORT]!.value = ctx.stackTop;
    const tls = exported[TLS_BASE_EXPORT];
    if (ctx.tlsBase !== undefined && tls instanceof WebAssembly.Global) tls.value = ctx.tlsBase;
    if (ctx.saved !== undefined) {
      // The save area moves up as memory grows: the data goes to where it is now, its end with it.
      const at = this.saveArea;
      new Uint8Array(this.memory.buffer).set(ctx.saved, at + 8);
      const view = new Int32Array(this.memory.buffer, at, 2);
      view[0] = at + 8 + ctx.saved.length;
      view[1] = at + SAVE_AREA;
    }
    this.frames.length = 0;
    this.frames.push(...ctx.frames);
    this.started = ctx.started;
    this.suspended = ctx.suspended;
    this.threadArg = ctx.threadArg;
    this.entry = this.threadEntry();
    this.inFaultHandler = false;
  }

  /** What run() calls to start or rewind the thread on the instance: _start, or the thread entry with its C thread. */
  private threadEntry(): () => void {
    const arg = this.threadArg;
    if (arg === undefined) return () => this.exports._start();
    const start = (this.exports as unknown as Record<string, (a: number) => void>)[THREAD_START_EXPORT]!;
    return () => start(arg);
  }

  /** The function index where the program's own code ends (sysroot/crt/user_end.c's USER_END_EXPORT), read once. */
  private userEnd: number | undefined | null = null;
  private entries: ReadonlySet<number> = new Set();

  /**
   * Whether the program's stack now, innermost first down to its entry (_start and wasi-libc's
   * __main_void, or a thread's entry), holds only functions of the program itself: no library
   * function is under way (l4wasm cc links sysroot/crt/user_end.c between the two). Called in an
   * import (a time slice's end); false where it cannot tell (no marker, no names, a handler the
   * host called).
   */
  userCodeOnly(): boolean {
    if (this.userEnd === null) {
      const e = this.exports as unknown as Record<string, unknown>;
      const index = (name: string) => (typeof e[name] === 'function' ? Number((e[name] as () => void).name) : NaN);
      const end = index(USER_END_EXPORT);
      this.userEnd = Number.isInteger(end) ? end : undefined;
      this.entries = new Set([index('_start'), index(THREAD_START_EXPORT)].filter(Number.isInteger));
    }
    const end = this.userEnd;
    if (end === undefined) return false;
    // V8's call sites, not the formatted stack: a test runner may format that its own way.
    const limit = Error.stackTraceLimit;
    const prepare = Error.prepareStackTrace;
    Error.stackTraceLimit = Infinity;
    Error.prepareStackTrace = (_e, sites) => sites;
    const holder: { stack?: NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder);
    const sites = holder.stack ?? [];
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
    let inProgram = false;
    for (const site of sites) {
      const m = /wasm-function\[(\d+)\]/.exec(String(site));
      if (m === null) {
        // A host frame between the program's frames: the host called into it (a signal handler).
        if (inProgram) return false;
        continue;
      }
      inProgram = true;
      const f = Number(m[1]);
      if (this.entries.has(f) || site.getFunctionName() === '__main_void') return true;
      if (f >= end) return false;
    }
    return false;
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
    if (this.exports === undefined) return this.inStartFunction(r);
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

  /**
   * A call from the module's start function, which runs inside `new WebAssembly.Instance`: there
   * is no instance to unwind yet, so nothing may suspend and no handler can run. A call that
   * would wait, or a start function that runs on past START_FUNCTION_MS (a loop cannot be
   * preempted there, and would hold the vCPU for good), traps: the load fails in one line.
   */
  private inStartFunction(r: unknown): unknown {
    if (r === SUSPEND) throw new WebAssembly.RuntimeError('a call waited in the start function, where nothing can wait');
    this.hooks.callCompleted();
    if (performance.now() - this.createdAt > START_FUNCTION_MS) {
      throw new WebAssembly.RuntimeError(`the start function ran for more than ${START_FUNCTION_MS / 1000} s (it cannot be preempted)`);
    }
    return r;
  }

  /** @internal The boundary of a call that cannot suspend: handlers run, and must not block. */
  local(r: unknown): unknown {
    const h = this.hooks;
    if (this.exports === undefined) return r; // in the start function: no handlers yet
    if (h.boundary(false) !== Boundary.Deliver) return r;
    h.suspendForbidden++;
    try {
      this.deliver(r);
    } finally {
      h.suspendForbidden--;
    }
    return r;
  }

  /**
   * Runs the handlers of the deliverable signals; true when one suspended (the program unwinds).
   * As Linux does on its way back to the program, every deliverable signal is taken (each with the
   * mask of those before it in effect) before a handler runs, and the last one taken runs first:
   * its frame is on top. Signals that a returning handler's mask lets through are taken anew.
   * `taken`: handlers taken already, still to run.
   */
  private deliver(result: unknown, taken: HandlerCall[] = []): boolean {
    const h = this.hooks;
    for (;;) {
      for (let call = h.takeSignal(); call !== undefined; call = h.takeSignal()) taken.push(call);
      const call = taken.pop();
      if (call === undefined) return false;
      this.callHandler(DELIVER_EXPORT, call);
      if (this.unwinding) {
        this.frames.push({ result, handler: call, later: taken });
        return true;
      }
      h.signalReturned(call);
    }
  }

  private callHandler(which: typeof DELIVER_EXPORT | typeof FAULT_EXPORT, c: HandlerCall): void {
    const trampoline = c.entry === undefined ? this.exports[which] : (this.exports as unknown as Record<string, Trampoline | undefined>)[c.entry];
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
    if (this.deliver(f.result, [...(f.later ?? [])])) return zero;
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
 * The alignment a thread's TLS block keeps: the one the main thread's has (wasm-ld aligns the
 * block to its most aligned variable), at least 16, at most a page.
 */
function tlsAlignment(mainBase: number): number {
  const lowest = mainBase & -mainBase;
  return Math.min(PAGE, Math.max(16, lowest === 0 ? PAGE : lowest));
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
    if (e instanceof LoadError || e instanceof ProcessExit) throw e;
    if (e instanceof Error && !memoryGiven && WebAssembly.Module.imports(image.module).some((i) => i.kind === 'memory')) {
      throw new LoadError(`${image.name}: imports its memory (env.memory), which l4wasm does not provide: link it with a memory of its own`);
    }
    const failure = failureOf(e);
    throw (failure && instantiationError(image.name, failure)) ?? e;
  }
}

