import { functionNames, MAX_SHOWN_MESSAGE, printableName } from "./wasm_binary.js";
import { demangle } from "./demangle.js";
import { LoadError } from "./program_image.js";
function trapOutcome(message, stack, image, stackExhausted) {
  return { kind: "trapped", message: stackExhausted ? "call stack exhausted" : message, ...innermostWasmFrame(stack, image) };
}
const WasmException = WebAssembly.Exception;
const UNCAUGHT_EXCEPTION = "uncaught wasm exception (a longjmp to a frame that no longer exists?)";
function isWasmException(e) {
  return WasmException !== void 0 && e instanceof WasmException;
}
function describeTrap(e, image) {
  const where = () => innermostWasmFrame(v8Stack(e), image);
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { kind: "trapped", message: "call stack exhausted", ...where() };
  }
  if (e instanceof WebAssembly.RuntimeError) {
    return { kind: "trapped", message: e.message, ...where() };
  }
  if (isWasmException(e)) {
    return { kind: "trapped", message: UNCAUGHT_EXCEPTION, ...where() };
  }
  throw e;
}
function v8Stack(e) {
  const saved = Error.prepareStackTrace;
  Error.prepareStackTrace = (_err, frames) => frames.map((f) => `    at ${f.toString()}`).join("\n");
  try {
    return e.stack;
  } finally {
    Error.prepareStackTrace = saved;
  }
}
function innermostWasmFrame(stack, image) {
  for (const line of (stack ?? "").split("\n")) {
    const m = /wasm:\/\/wasm\/[^:]+:wasm-function\[(\d+)\](?::(0x[0-9a-f]+))?/.exec(line);
    if (m) {
      const func = (image && namesOf(image).get(Number(m[1]))) ?? `function[${m[1]}]`;
      return m[2] === void 0 ? { func } : { func, pc: Number(m[2]) };
    }
  }
  return {};
}
const namesCache = /* @__PURE__ */ new WeakMap();
function namesOf(image) {
  let names = namesCache.get(image);
  if (names) return names;
  const [section] = WebAssembly.Module.customSections(image.module, "name");
  names = section ? functionNames(section) : /* @__PURE__ */ new Map();
  for (const [i, n] of names) {
    let shown = n;
    try {
      shown = demangle(n);
    } catch {
    }
    names.set(i, printableName(shown));
  }
  namesCache.set(image, names);
  return names;
}
function failureOf(e) {
  if (isWasmException(e)) return { errorName: "RuntimeError", message: UNCAUGHT_EXCEPTION, stack: "wasm-function[start]" };
  if (!(e instanceof Error)) return void 0;
  return { errorName: e.name, message: e.message, stack: v8Stack(e) };
}
function instantiationError(name, e) {
  const why = printableName(e.message.replace(/^WebAssembly\.Instance\(\): /, ""), MAX_SHOWN_MESSAGE);
  const exhausted = e.errorName === "RangeError" && /call stack/i.test(why);
  if (e.errorName === "RuntimeError" || exhausted) {
    const inStart = exhausted || /wasm:\/\/wasm\/|wasm-function\[/.test(e.stack ?? "");
    return new LoadError(inStart ? `${name}: its start function trapped: ${why}` : `${name}: cannot be instantiated: ${why}`);
  }
  if (e.errorName === "LinkError" || e.errorName === "RangeError") return new LoadError(`${name}: cannot be instantiated: ${why}`);
  return void 0;
}
export {
  UNCAUGHT_EXCEPTION,
  describeTrap,
  failureOf,
  instantiationError,
  isWasmException,
  trapOutcome
};
