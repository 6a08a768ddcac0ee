// What trapped and where: a trap's message, the innermost wasm function (by the module's name
// section, Rust names demangled) and its offset, from a trap in this thread or a worker's report.
import { functionNames, MAX_SHOWN_MESSAGE, printableName } from './wasm_binary.js';
import { DIV_HELPER_PREFIX } from './instrument.js';
import { demangle } from './demangle.js';
import { LoadError, type ProgramImage, type RunOutcome } from './program_image.js';

/** A trap reported by text (from a decoupled program's worker): message and innermost function. */
export function trapOutcome(message: string, stack: string | undefined, image: ProgramImage, stackExhausted: boolean): RunOutcome {
  return { kind: 'trapped', message: stackExhausted ? 'call stack exhausted' : message, ...innermostWasmFrame(stack, image) };
}

/** WebAssembly.Exception (exception handling; not in TypeScript's lib yet). */
const WasmException = (WebAssembly as unknown as { Exception?: new (...a: never[]) => object }).Exception;

/** What a wasm exception nothing caught is called (signals.ts trapKind reads it as SIGABRT). */
export const UNCAUGHT_EXCEPTION = 'uncaught wasm exception (a longjmp to a frame that no longer exists?)';

/** A wasm exception thrown out of the program: a WebAssembly.Exception, which is no Error. */
export function isWasmException(e: unknown): boolean {
  return WasmException !== undefined && e instanceof WasmException;
}

/** Names what trapped and where: the message, the innermost wasm function and the code offset. */
export function describeTrap(e: unknown, image?: ProgramImage): RunOutcome {
  const where = () => innermostWasmFrame(v8Stack(e as Error), image);
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { kind: 'trapped', message: 'call stack exhausted', ...where() };
  }
  if (e instanceof WebAssembly.RuntimeError) {
    return { kind: 'trapped', message: e.message, ...where() };
  }
  if (isWasmException(e)) {
    // A wasm exception nothing caught: a longjmp whose setjmp frame is gone, or a C++ exception.
    return { kind: 'trapped', message: UNCAUGHT_EXCEPTION, ...where() };
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
      // A division helper of preparation: the division is its caller's.
      if (func.startsWith(DIV_HELPER_PREFIX)) continue;
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
  for (const [i, n] of names) {
    // The program's own names: one the demangler cannot decode (an escape past U+10FFFF threw,
    // inside the report of a trap) is shown as written.
    let shown = n;
    try { shown = demangle(n); } catch { /* as written */ }
    // A trap's line names the function: it must stay one line.
    names.set(i, printableName(shown));
  }
  namesCache.set(image, names);
  return names;
}

/** What `new WebAssembly.Instance` threw, as a worker reports it too: the error's class name, message and stack. */
export interface InstantiationFailure { errorName: string; message: string; stack?: string }

/** The failure as `instantiationError` reads it (the stack in V8's own format); undefined for a host's throw that is no Error. */
export function failureOf(e: unknown): InstantiationFailure | undefined {
  // A wasm exception out of the start function: its trap, as one out of _start is.
  if (isWasmException(e)) return { errorName: 'RuntimeError', message: UNCAUGHT_EXCEPTION, stack: 'wasm-function[start]' };
  if (!(e instanceof Error)) return undefined;
  return { errorName: e.name, message: e.message, stack: v8Stack(e) };
}

/**
 * The one-line LoadError for a module that could not be instantiated, the same on the vCPU and in
 * a decoupled program's worker; undefined when the failure is not the program's doing (a host
 * exception, passed on as such). A trap with wasm frames on its stack is the start function's;
 * one without is the engine's own check of the segments (an element or data segment out of bounds).
 */
export function instantiationError(name: string, e: InstantiationFailure): LoadError | undefined {
  const why = printableName(e.message.replace(/^WebAssembly\.Instance\(\): /, ''), MAX_SHOWN_MESSAGE);
  const exhausted = e.errorName === 'RangeError' && /call stack/i.test(why);
  if (e.errorName === 'RuntimeError' || exhausted) {
    const inStart = exhausted || /wasm:\/\/wasm\/|wasm-function\[/.test(e.stack ?? '');
    return new LoadError(inStart ? `${name}: its start function trapped: ${why}` : `${name}: cannot be instantiated: ${why}`);
  }
  if (e.errorName === 'LinkError' || e.errorName === 'RangeError') return new LoadError(`${name}: cannot be instantiated: ${why}`);
  return undefined;
}
