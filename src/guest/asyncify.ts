// Makes a program suspendable: Binaryen's asyncify transform, applied at load, cached by content
// hash. Only the imports that may block are instrumented, so calls that complete at once stay cheap.
// The program's own mutable globals (the C stack pointer, the TLS base) are exported too: fork
// copies them, as they are not in linear memory.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../cli/compile_cache.js';

/** Bump when the transform's settings change, so old cache entries are not reused. */
const TRANSFORM_VERSION = 4;

/** The export names of the program's mutable globals: this prefix and the global's index. */
export const GLOBAL_EXPORT_PREFIX = '__l4wasm_global_';

export interface AsyncifyOptions {
  /** Imports that may suspend, as "module.name". */
  asyncImports: readonly string[];
  /** Called once before a slow (uncached) transform, to show progress. */
  onTransform?: () => void;
  /**
   * Instrument loops so that a program computing without calls into the host still reaches a call
   * boundary: every loop iteration counts a budget down and calls l4posix.preempt at zero (which
   * must then be among asyncImports).
   */
  preempt?: boolean;
}

/** The import a loop calls when its budget is used up: it returns the next budget. */
export const PREEMPT_IMPORT = 'l4posix.preempt';
const BUDGET = '$__l4wasm_budget';
const PREEMPT = '$__l4wasm_preempt';

/**
 * Adds the budget check at the head of every named loop (only a named loop can iterate), through
 * the text format: binaryen prints each loop header on a line of its own. Returns undefined when
 * the module does not survive the round trip (it then runs without preemption).
 */
function instrumentLoops(binaryen: typeof import('binaryen').default, module: import('binaryen').default.Module): import('binaryen').default.Module | undefined {
  const text = module.emitText();
  const check = `(global.set ${BUDGET} (i32.sub (global.get ${BUDGET}) (i32.const 1)))` +
    `(if (i32.lt_s (global.get ${BUDGET}) (i32.const 0)) (then (global.set ${BUDGET} (call ${PREEMPT}))))`;
  let loops = 0;
  let out = text.replace(/^(\s*\(loop \$[^\s()]+(?: \(result[^()]*\))*)$/gm, (m) => { loops++; return `${m}\n${check}`; });
  if (loops === 0) return undefined;
  const header = /^\(module[^\n]*\n/.exec(out);
  if (!header) return undefined;
  const [mod, name] = PREEMPT_IMPORT.split('.');
  out = header[0] + ` (import "${mod}" "${name}" (func ${PREEMPT} (result i32)))\n` + out.slice(header[0].length);
  out = out.replace(/\)\s*$/, ` (global ${BUDGET} (mut i32) (i32.const 0))\n)\n`);
  try {
    return binaryen.parseText(out);
  } catch {
    return undefined;
  }
}

let binaryenModule: Promise<typeof import('binaryen').default> | undefined;

async function loadBinaryen() {
  binaryenModule ??= import('binaryen').then((m) => m.default);
  return binaryenModule;
}

/** The features of wasm that Node 20 runs and clang emits; binaryen must keep to them. */
function nodeFeatures(F: typeof import('binaryen').default.Features): number {
  return F.MVP | F.Atomics | F.MutableGlobals | F.NontrappingFPToInt | F.SIMD128 | F.BulkMemory |
    F.BulkMemoryOpt | F.CallIndirectOverlong | F.SignExt | F.ExceptionHandling | F.Multivalue |
    F.ReferenceTypes | F.ExtendedConst;
}

/** Returns the asyncified binary of `wasm`, from the cache when it was transformed before. */
export async function asyncify(wasm: Uint8Array, options: AsyncifyOptions): Promise<Uint8Array> {
  const key = createHash('sha256')
    .update(`asyncify v${TRANSFORM_VERSION}\n${options.preempt ? 'preempt\n' : ''}${options.asyncImports.join(',')}\n`)
    .update(wasm)
    .digest('hex').slice(0, 32);
  const cached = join(cacheDir(), `${key}.async.wasm`);
  if (existsSync(cached)) return readFileSync(cached);
  options.onTransform?.();
  const binaryen = await loadBinaryen();
  let module = binaryen.readBinary(wasm);
  try {
    module.setFeatures(nodeFeatures(binaryen.Features));
    if (options.preempt) {
      const instrumented = instrumentLoops(binaryen, module);
      if (instrumented !== undefined) {
        module.dispose();
        module = instrumented;
        module.setFeatures(nodeFeatures(binaryen.Features));
      }
    }
    binaryen.setPassArgument('asyncify-imports', options.asyncImports.join(','));
    binaryen.setOptimizeLevel(2);
    binaryen.setShrinkLevel(0);
    binaryen.setDebugInfo(true); // keep the name section: traps name their function
    // No inlining: a trap must name the function the program's author wrote.
    binaryen.setAlwaysInlineMaxSize(0);
    binaryen.setFlexibleInlineMaxSize(0);
    binaryen.setOneCallerInlineMaxSize(0);
    for (let i = 0; i < module.getNumGlobals(); i++) {
      const g = binaryen.getGlobalInfo(module.getGlobalByIndex(i));
      if (g.mutable && !g.module) module.addGlobalExport(g.name, `${GLOBAL_EXPORT_PREFIX}${i}`);
    }
    module.runPasses(['asyncify']);
    module.optimize();
    const out = module.emitBinary();
    const tmp = `${cached}.${process.pid}.tmp`;
    writeFileSync(tmp, out);
    renameSync(tmp, cached);
    return out;
  } finally {
    module.dispose();
  }
}
