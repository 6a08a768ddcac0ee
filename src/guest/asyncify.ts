// Makes a program suspendable: Binaryen's asyncify transform, applied at load, cached by content
// hash. Only the imports that may block are instrumented, so calls that complete at once stay cheap.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../cli/compile_cache.js';

/** Bump when the transform's settings change, so old cache entries are not reused. */
const TRANSFORM_VERSION = 2;

export interface AsyncifyOptions {
  /** Imports that may suspend, as "module.name". */
  asyncImports: readonly string[];
  /** Called once before a slow (uncached) transform, to show progress. */
  onTransform?: () => void;
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
    .update(`asyncify v${TRANSFORM_VERSION}\n${options.asyncImports.join(',')}\n`)
    .update(wasm)
    .digest('hex').slice(0, 32);
  const cached = join(cacheDir(), `${key}.async.wasm`);
  if (existsSync(cached)) return readFileSync(cached);
  options.onTransform?.();
  const binaryen = await loadBinaryen();
  const module = binaryen.readBinary(wasm);
  try {
    module.setFeatures(nodeFeatures(binaryen.Features));
    binaryen.setPassArgument('asyncify-imports', options.asyncImports.join(','));
    binaryen.setOptimizeLevel(2);
    binaryen.setShrinkLevel(0);
    binaryen.setDebugInfo(true); // keep the name section: traps name their function
    // No inlining: a trap must name the function the program's author wrote.
    binaryen.setAlwaysInlineMaxSize(0);
    binaryen.setFlexibleInlineMaxSize(0);
    binaryen.setOneCallerInlineMaxSize(0);
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
