import { LoadError, type ProgramImage, type RunOutcome } from './program_image.js';
/** A trap reported by text (from a decoupled program's worker): message and innermost function. */
export declare function trapOutcome(message: string, stack: string | undefined, image: ProgramImage, stackExhausted: boolean): RunOutcome;
/** What a wasm exception nothing caught is called (signals.ts trapKind reads it as SIGABRT). */
export declare const UNCAUGHT_EXCEPTION = "uncaught wasm exception (a longjmp to a frame that no longer exists?)";
/** A wasm exception thrown out of the program: a WebAssembly.Exception, which is no Error. */
export declare function isWasmException(e: unknown): boolean;
/** Names what trapped and where: the message, the innermost wasm function and the code offset. */
export declare function describeTrap(e: unknown, image?: ProgramImage): RunOutcome;
/** What `new WebAssembly.Instance` threw, as a worker reports it too: the error's class name, message and stack. */
export interface InstantiationFailure {
    errorName: string;
    message: string;
    stack?: string;
}
/** The failure as `instantiationError` reads it (the stack in V8's own format); undefined for a host's throw that is no Error. */
export declare function failureOf(e: unknown): InstantiationFailure | undefined;
/**
 * The one-line LoadError for a module that could not be instantiated, the same on the vCPU and in
 * a decoupled program's worker; undefined when the failure is not the program's doing (a host
 * exception, passed on as such). A trap with wasm frames on its stack is the start function's;
 * one without is the engine's own check of the segments (an element or data segment out of bounds).
 */
export declare function instantiationError(name: string, e: InstantiationFailure): LoadError | undefined;
