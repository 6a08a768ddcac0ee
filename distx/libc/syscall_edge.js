import { Errno } from "../errno.js";
import { ProcessExec, ProcessExit, SUSPEND } from "./context.js";
import { fixedArityFactory } from "./fixed_arity.js";
const FACTORIES = /* @__PURE__ */ new Map();
function factory(spec) {
  const key = `${spec.module}.${spec.name}`;
  let f = FACTORIES.get(key);
  if (f === void 0) {
    const result = spec.result === "errno" ? "r >= 0 ? 0 : r === SUSPEND ? SUSPEND : -r" : "r";
    f = fixedArityFactory(spec.name, ["impl", "state", "fail", "SUSPEND"], spec.params.length, (params) => `
  let r;
  try { r = impl(state${params ? ", " + params : ""}); } catch (e) { return fail(e); }
  return ${result};`);
    FACTORIES.set(key, f);
  }
  return f;
}
function bindImport(spec, state, ctx) {
  const label = spec.result === "errno" ? spec.name : `${spec.module}.${spec.name}`;
  const sign = spec.result === "errno" ? 1 : -1;
  const fail = (e) => {
    if (e instanceof ProcessExit || e instanceof ProcessExec) throw e;
    ctx.onInternalError?.(label, e);
    return sign * (e instanceof RangeError ? Errno.EFAULT : Errno.EIO);
  };
  return factory(spec)(spec.impl, state, fail, SUSPEND);
}
function bindImports(specs, state, ctx) {
  const imports = {};
  const own = (name, value) => {
    Object.defineProperty(imports, name, { value, writable: true, enumerable: true, configurable: true });
  };
  for (const spec of specs) {
    Object.defineProperty(imports, spec.name, {
      enumerable: true,
      configurable: true,
      get() {
        const f = bindImport(spec, state, ctx);
        own(spec.name, f);
        return f;
      },
      set(value) {
        own(spec.name, value);
      }
    });
  }
  return imports;
}
export {
  bindImport,
  bindImports
};
