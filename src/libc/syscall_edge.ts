// The edge between a program and the backends, for every described call (syscalls/): the import
// function that runs the implementation on the process's state, turns its result into the ABI's
// convention and keeps the host's exceptions from the program. Generated per call from the table.
import { Errno } from '../errno.js';
import { ProcessExec, ProcessExit, SUSPEND, type SyscallContext } from './context.js';
import type { SyscallSpec } from './syscalls/index.js';
import { fixedArityFactory } from './fixed_arity.js';

type Fail = (e: unknown) => number;
type Factory = (
  impl: SyscallSpec['impl'], state: unknown, fail: Fail, suspend: number, due: (() => boolean) | undefined, eintr: number,
  nullWrite: (() => number) | undefined,
) => (...a: any[]) => number;

const FACTORIES = new Map<string, Factory>();

/** The import factory of one call, compiled once per call (see fixed_arity.ts). */
function factory(spec: SyscallSpec): Factory {
  const key = `${spec.module}.${spec.name}`;
  let f = FACTORIES.get(key);
  if (f === undefined) {
    const result = spec.result === 'errno' ? 'r >= 0 ? 0 : r === SUSPEND ? SUSPEND : -r' : 'r';
    const check = 'if (nullWrite !== undefined && (r = nullWrite()) !== 0) {} else ' +
      (spec.cancelPoint ? 'if (due !== undefined && due()) r = -EINTR; else ' : '');
    f = fixedArityFactory<Factory>(spec.name, ['impl', 'state', 'fail', 'SUSPEND', 'due', 'EINTR', 'nullWrite'], spec.params.length, (params) => `
  let r;
  try { ${check}r = impl(state${params ? ', ' + params : ''}); } catch (e) { return fail(e); }
  return ${result};`);
    FACTORIES.set(key, f);
  }
  return f;
}

/**
 * The import of `spec` for one process: `state` is what its implementation takes first (the
 * WasiState, or the l4posix context), `ctx` the process's context. An exception other than the
 * process's end or exec (a bug in a backend) is reported to the context and the program gets
 * EFAULT for a RangeError (a bad pointer past the checks), else EIO, in the call's convention.
 */
export function bindImport(spec: SyscallSpec, state: unknown, ctx: SyscallContext): (...a: any[]) => number {
  const label = spec.result === 'errno' ? spec.name : `${spec.module}.${spec.name}`;
  const sign = spec.result === 'errno' ? 1 : -1;
  const fail: Fail = (e) => {
    if (e instanceof ProcessExit || e instanceof ProcessExec) throw e;
    ctx.onInternalError?.(label, e);
    return sign * (e instanceof RangeError ? Errno.EFAULT : Errno.EIO);
  };
  // A cancellation point: a thread to be canceled does not get to act (the call is EINTR, and the thread ends as it returns).
  const due = spec.cancelPoint && ctx.cancelDue !== undefined ? () => ctx.cancelDue!() : undefined;
  // A write through a null pointer since the last call: SIGSEGV before the call acts (context.ts nullPageWritten).
  const suspends = spec.suspends;
  const nullWrite = ctx.nullPageWritten !== undefined ? () => ctx.nullPageWritten!(suspends) : undefined;
  return factory(spec)(spec.impl, state, fail, SUSPEND, due, Errno.EINTR, nullWrite);
}

/**
 * The imports of `specs` for one process, each bound (bindImport) when first looked up: a program
 * imports a few of the 131 calls, and compiling every call's edge and boundary took ~9 ms of each
 * start. Enumerating the object binds them all.
 */
export function bindImports(specs: Iterable<SyscallSpec>, state: unknown, ctx: SyscallContext): Record<string, (...a: any[]) => number> {
  const imports: Record<string, (...a: any[]) => number> = {};
  const own = (name: string, value: unknown) => {
    Object.defineProperty(imports, name, { value, writable: true, enumerable: true, configurable: true });
  };
  for (const spec of specs) {
    Object.defineProperty(imports, spec.name, {
      enumerable: true,
      configurable: true,
      get() { const f = bindImport(spec, state, ctx); own(spec.name, f); return f; },
      set(value: unknown) { own(spec.name, value); },
    });
  }
  return imports;
}
