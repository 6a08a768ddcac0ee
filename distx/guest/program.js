import { fixedArityFactory } from "../libc/fixed_arity.js";
import { SUSPEND, ProcessExec, ProcessExit } from "../libc/context.js";
import { MEMORY_LIMIT_EXPORT } from "./instrument.js";
import { GLOBAL_EXPORT_PREFIX, RESERVED_PAGES } from "./asyncify.js";
import { importSignatures, ResultType } from "./wasm_binary.js";
import { LoadError } from "./program_image.js";
import { describeTrap, failureOf, instantiationError } from "./trap.js";
import { phase } from "./start_phases.js";
export * from "./program_image.js";
export * from "./program_load.js";
import { describeTrap as describeTrap2, trapOutcome } from "./trap.js";
const PAGE = 65536;
const SAVE_AREA = RESERVED_PAGES * PAGE;
const DELIVER_EXPORT = "__l4posix_signal_deliver";
const FAULT_EXPORT = "__l4posix_signal_fault";
var Boundary = /* @__PURE__ */ ((Boundary2) => {
  Boundary2[Boundary2["Continue"] = 0] = "Continue";
  Boundary2[Boundary2["Yield"] = 1] = "Yield";
  Boundary2[Boundary2["Deliver"] = 2] = "Deliver";
  return Boundary2;
})(Boundary || {});
const FACTORIES = /* @__PURE__ */ new Map();
function boundaryFactory(key, params, suspendable) {
  const id = `${key}/${params ?? "n"}/${suspendable ? "s" : "l"}`;
  let f = FACTORIES.get(id);
  if (f === void 0) {
    f = fixedArityFactory(key, ["self", "h", "fn", "zero", "SUSPEND"], params, (list) => {
      const args = params === void 0 ? "args" : `[${list}]`;
      const call = params === void 0 ? "fn(...args)" : `fn(${list})`;
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
const START_FUNCTION_MS = 5e3;
const RESTART = /* @__PURE__ */ Symbol("restart");
const NO_HOOKS = {
  countdown: Infinity,
  suspendForbidden: 0,
  boundary: () => 0 /* Continue */,
  takeSignal: () => void 0,
  signalReturned: () => {
  },
  takeRestart: () => false,
  callCompleted: () => {
  }
};
class ProgramInstance {
  constructor(image, imports, asyncImports, importedMemory, hooks = NO_HOOKS) {
    this.image = image;
    this.hooks = hooks;
    const wrapped = {};
    const isAsync = typeof asyncImports === "function" ? asyncImports : (m, n) => asyncImports.includes(`${m}.${n}`);
    for (const imp of WebAssembly.Module.imports(image.module)) {
      const fn = imp.kind === "function" ? imports[imp.module]?.[imp.name] : void 0;
      if (fn === void 0) continue;
      const mod = wrapped[imp.module] ??= {};
      mod[imp.name] = this.boundaryCall(`${imp.module}.${imp.name}`, fn, image.signatures?.get(`${imp.module}.${imp.name}`), isAsync(imp.module, imp.name));
    }
    if (importedMemory) wrapped.env = { ...wrapped.env ?? {}, memory: importedMemory };
    let instance;
    try {
      instance = instantiate(image, wrapped, importedMemory !== void 0);
    } catch (e) {
      if (!(e instanceof ProcessExit)) throw e;
      this.exports = {};
      this.memory = importedMemory ?? new WebAssembly.Memory({ initial: 0 });
      this.entry = () => {
        throw e;
      };
      return;
    }
    this.exports = instance.exports;
    const exported = this.exports.memory;
    const memory = exported instanceof WebAssembly.Memory ? exported : importedMemory;
    if (!memory) throw new LoadError(`${image.name}: exports no memory`);
    this.memory = memory;
    if (importedMemory === void 0) image.data?.write(memory, image.name);
    phase("instantiate");
    this.entry = () => this.exports._start();
  }
  image;
  hooks;
  memory;
  exports;
  unwinding = false;
  /** @internal (read by the generated import wrappers) */
  rewinding = false;
  suspended = false;
  started = false;
  frames = [];
  /** What run() calls: the program's _start, or a fault signal's handler after a trap. */
  entry;
  inFaultHandler = false;
  /** When instantiation began: a start function runs inside it, where nothing can suspend. */
  createdAt = performance.now();
  /** The program links libl4posix's signal trampolines: it can run signal handlers. */
  get handlesSignals() {
    return typeof this.exports[DELIVER_EXPORT] === "function" && typeof this.exports[FAULT_EXPORT] === "function";
  }
  /**
   * The most pages (64 KiB, the reserved ones included) the program's memory.grow may grow its
   * memory to: beyond, it fails as at the declared maximum (malloc reports ENOMEM).
   */
  setMemoryLimit(pages) {
    const g = this.exports[MEMORY_LIMIT_EXPORT];
    if (g instanceof WebAssembly.Global) g.value = Math.max(0, Math.min(65536, Math.floor(pages)));
  }
  /** The values of the program's own mutable globals (C stack pointer, TLS base), by export name. */
  exportedGlobals() {
    const out = {};
    for (const [name, g] of Object.entries(this.exports)) {
      if (name.startsWith(GLOBAL_EXPORT_PREFIX) && g instanceof WebAssembly.Global) out[name] = g.value;
    }
    return out;
  }
  /**
   * l4_recouple: this fresh instance on the program's (shared) memory takes over the program as
   * the worker left it, unwound into the save area; its next run() rewinds into the call.
   */
  adoptSuspended(globals) {
    this.setGlobals(globals);
    this.started = true;
    this.suspended = true;
  }
  setGlobals(globals) {
    const mine = this.exports;
    for (const [name, v] of Object.entries(globals)) {
      const g = mine[name];
      if (g instanceof WebAssembly.Global) g.value = v;
    }
  }
  /** The module exports its mutable globals (fork can copy the program). */
  get canFork() {
    return Object.keys(this.exports).some((n) => n.startsWith(GLOBAL_EXPORT_PREFIX));
  }
  /**
   * fork: this fresh instance of the same module takes over `parent`'s program as it stands after
   * unwinding at fork (memory with asyncify's saved call stack, globals, boundary frames); its
   * next run() rewinds into the same call.
   */
  adoptFork(parent) {
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
  boundaryCall(key, fn, sig, suspendable) {
    const zero = sig?.result === ResultType.BigInt ? 0n : sig?.result === ResultType.None ? void 0 : 0;
    return boundaryFactory(key, sig?.params, suspendable)(this, this.hooks, fn, zero, SUSPEND);
  }
  /** Where asyncify's save area starts now: it moves up as the memory grows. */
  get saveArea() {
    return this.memory.buffer.byteLength - SAVE_AREA;
  }
  startUnwind() {
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
  slow(fn, args, r, zero) {
    const h = this.hooks;
    if (this.exports === void 0) return this.inStartFunction(r);
    for (; ; ) {
      if (r === SUSPEND) {
        if (h.suspendForbidden > 0) throw new WebAssembly.RuntimeError("a call suspended inside a signal handler that cannot suspend");
        if (!h.takeRestart()) {
          this.startUnwind();
          return zero;
        }
        if (this.deliver(RESTART)) return zero;
        r = fn(...args);
        continue;
      }
      h.callCompleted();
      switch (h.boundary(true)) {
        case 0 /* Continue */:
          return r;
        case 1 /* Yield */:
          this.frames.push({ result: r });
          this.startUnwind();
          return zero;
        case 2 /* Deliver */:
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
  inStartFunction(r) {
    if (r === SUSPEND) throw new WebAssembly.RuntimeError("a call waited in the start function, where nothing can wait");
    this.hooks.callCompleted();
    if (performance.now() - this.createdAt > START_FUNCTION_MS) {
      throw new WebAssembly.RuntimeError(`the start function ran for more than ${START_FUNCTION_MS / 1e3} s (it cannot be preempted)`);
    }
    return r;
  }
  /** @internal The boundary of a call that cannot suspend: handlers run, and must not block. */
  local(r) {
    const h = this.hooks;
    if (this.exports === void 0) return r;
    if (h.boundary(false) !== 2 /* Deliver */) return r;
    h.suspendForbidden++;
    try {
      this.deliver(r);
    } finally {
      h.suspendForbidden--;
    }
    return r;
  }
  /** Runs the handlers of the deliverable signals; true when one suspended (the program unwinds). */
  deliver(result) {
    const h = this.hooks;
    for (let call = h.takeSignal(); call !== void 0; call = h.takeSignal()) {
      this.callHandler(DELIVER_EXPORT, call);
      if (this.unwinding) {
        this.frames.push({ result, handler: call });
        return true;
      }
      h.signalReturned(call);
    }
    return false;
  }
  callHandler(which, c) {
    const trampoline = this.exports[which];
    if (trampoline === void 0) throw new ProcessExit(128 + c.sig, c.sig);
    trampoline(c.sig, c.handler, c.flags, c.code, c.pid, c.uid, c.addr, c.value);
  }
  /** The program is being rewound and reached this call: the innermost frame says what it was doing. */
  /** @internal */
  resume(fn, args, zero) {
    const f = this.frames.pop();
    if (f === void 0 || f.handler === void 0) {
      this.exports.asyncify_stop_rewind();
      this.rewinding = false;
      if (f === void 0) return this.slow(fn, args, fn(...args), zero);
      return this.slow(fn, args, f.result, zero);
    }
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
  enterFaultHandler(call) {
    this.inFaultHandler = true;
    this.suspended = false;
    this.frames.length = 0;
    this.entry = () => this.callHandler(FAULT_EXPORT, call);
  }
  /** Runs (or resumes) the program until it exits, traps or suspends. */
  run() {
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
        return { kind: "suspended" };
      }
      if (this.inFaultHandler) return { kind: "handler-returned" };
      return { kind: "exited", code: 0 };
    } catch (e) {
      this.abandonStack();
      if (e instanceof ProcessExit) return { kind: "exited", code: e.code, signal: e.signal };
      if (e instanceof ProcessExec) return { kind: "exec", program: e.program };
      if (e instanceof LoadError) throw e;
      return describeTrap(e, this.image);
    }
  }
  /** The wasm stack was thrown away (exit, trap): no unwind or rewind is in progress any more. */
  abandonStack() {
    try {
      if (this.unwinding) this.exports.asyncify_stop_unwind();
      if (this.rewinding) this.exports.asyncify_stop_rewind();
    } catch {
    }
    this.unwinding = this.rewinding = this.suspended = false;
    this.frames.length = 0;
  }
}
function instantiate(image, imports, memoryGiven) {
  try {
    return new WebAssembly.Instance(image.module, imports);
  } catch (e) {
    if (e instanceof LoadError || e instanceof ProcessExit) throw e;
    if (e instanceof Error && !memoryGiven && WebAssembly.Module.imports(image.module).some((i) => i.kind === "memory")) {
      throw new LoadError(`${image.name}: imports its memory (env.memory), which l4wasm does not provide: link it with a memory of its own`);
    }
    const failure = failureOf(e);
    throw (failure && instantiationError(image.name, failure)) ?? e;
  }
}
export {
  Boundary,
  DELIVER_EXPORT,
  NO_HOOKS,
  ProgramInstance,
  ResultType,
  START_FUNCTION_MS,
  describeTrap2 as describeTrap,
  importSignatures,
  trapOutcome
};
