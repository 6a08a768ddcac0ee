import { importSignatures, ResultType, type ImportSignature } from './wasm_binary.js';
import { type AsyncImports, type ImportTable, type ProgramImage, type RunOutcome } from './program_image.js';
export { importSignatures, ResultType, type ImportSignature };
export * from './program_image.js';
export * from './program_load.js';
export { describeTrap, trapOutcome } from './trap.js';
/** The trampolines libl4posix exports when the program can install signal handlers (sysroot/src/signal.c). */
export declare const DELIVER_EXPORT = "__l4posix_signal_deliver";
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
export declare const enum Boundary {
    /** Return the call's result. */
    Continue = 0,
    /** Give up the CPU: the program unwinds; the call returns its result when it runs again. */
    Yield = 1,
    /** Deliver the signals that are pending and not blocked, then return. */
    Deliver = 2
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
/** How long a module's start function may run on the vCPU (ms). */
export declare const START_FUNCTION_MS = 5000;
/** Hooks of a program with no signals and no preemption (a native task's, a test's). */
export declare const NO_HOOKS: CallHooks;
/** The program's wasm instance and its suspend/resume state. */
export declare class ProgramInstance {
    readonly image: ProgramImage;
    private readonly hooks;
    readonly memory: WebAssembly.Memory;
    private readonly exports;
    private unwinding;
    private suspended;
    private started;
    private readonly frames;
    /** What run() calls: the program's _start, or a fault signal's handler after a trap. */
    private entry;
    private inFaultHandler;
    /** When instantiation began: a start function runs inside it, where nothing can suspend. */
    private readonly createdAt;
    constructor(image: ProgramImage, imports: ImportTable, asyncImports: AsyncImports, importedMemory?: WebAssembly.Memory, hooks?: CallHooks);
    /** The program links libl4posix's signal trampolines: it can run signal handlers. */
    get handlesSignals(): boolean;
    /**
     * The most pages (64 KiB, the reserved ones included) the program's memory.grow may grow its
     * memory to: beyond, it fails as at the declared maximum (malloc reports ENOMEM).
     */
    setMemoryLimit(pages: number): void;
    /** The values of the program's own mutable globals (C stack pointer, TLS base), by export name. */
    exportedGlobals(): Record<string, number | bigint>;
    /**
     * l4_recouple: this fresh instance on the program's (shared) memory takes over the program as
     * the worker left it, unwound into the save area; its next run() rewinds into the call.
     */
    adoptSuspended(globals: Record<string, number | bigint>): void;
    private setGlobals;
    /** The module exports its mutable globals (fork can copy the program). */
    get canFork(): boolean;
    /**
     * fork: this fresh instance of the same module takes over `parent`'s program as it stands after
     * unwinding at fork (memory with asyncify's saved call stack, globals, boundary frames); its
     * next run() rewinds into the same call.
     */
    adoptFork(parent: ProgramInstance): void;
    /**
     * Wraps an import the program may suspend in: a SUSPEND result unwinds the wasm stack and the
     * call runs again on rewind; a completed call passes its boundary. The common path (a completed
     * call, nothing to do at the boundary) allocates nothing and costs a field test.
     */
    private boundaryCall;
    /** Where asyncify's save area starts now: it moves up as the memory grows. */
    private get saveArea();
    private startUnwind;
    /**
     * A call from the module's start function, which runs inside `new WebAssembly.Instance`: there
     * is no instance to unwind yet, so nothing may suspend and no handler can run. A call that
     * would wait, or a start function that runs on past START_FUNCTION_MS (a loop cannot be
     * preempted there, and would hold the vCPU for good), traps: the load fails in one line.
     */
    private inStartFunction;
    /** Runs the handlers of the deliverable signals; true when one suspended (the program unwinds). */
    private deliver;
    private callHandler;
    /**
     * After a trap (the program's stack is gone): the next run() runs the handler of the fault
     * signal as the program's entry, on a fresh wasm stack. It ends with 'handler-returned' when the
     * handler returns (there is nothing to return to), or as the handler ends the program.
     */
    enterFaultHandler(call: HandlerCall): void;
    /** Runs (or resumes) the program until it exits, traps or suspends. */
    run(): RunOutcome;
    /** The wasm stack was thrown away (exit, trap): no unwind or rewind is in progress any more. */
    private abandonStack;
}
