// Makes a program suspendable: its loops get preemption checks and asyncify's save area is hidden
// at the top of its memory (src/guest/instrument.ts), then Binaryen's asyncify transform runs;
// cached by content hash. Only the imports that may block are instrumented, so calls that
// complete at once stay cheap. The program's own mutable globals (the C stack pointer, the TLS
// base) are exported too: fork copies them, as they are not in linear memory.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../cli/compile_cache.js';
import { prepareBinary } from './instrument.js';

/** Bump when the transform's settings change, so old cache entries are not reused. */
const TRANSFORM_VERSION = 6;

/** The export names of the program's mutable globals: this prefix and the global's index. */
export const GLOBAL_EXPORT_PREFIX = '__l4wasm_global_';

export interface AsyncifyOptions {
  /** Imports that may suspend, as "module.name". */
  asyncImports: readonly string[];
  /** Called once before a slow (uncached) transform, to show progress. */
  onTransform?: () => void;
  /** Import the memory as a shared one of these limits (pages, the reserve included): see instrument.ts. */
  share?: { initial: number; maximum: number };
}

/**
 * The import a loop calls when its budget is used up: it returns the next budget. Every loop is
 * instrumented, so the host must provide it (and list it among the asyncImports).
 */
export const PREEMPT_IMPORT = 'l4posix.preempt';

/** Pages at the top of memory, hidden from the program, for asyncify's saved call stack. */
export const RESERVED_PAGES = 2;

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
    .update(`asyncify v${TRANSFORM_VERSION}\nreserve ${RESERVED_PAGES}\n${options.asyncImports.join(',')}\n`)
    .update(options.share ? `shared ${options.share.initial} ${options.share.maximum}\n` : 'private\n')
    .update(wasm)
    .digest('hex').slice(0, 32);
  const cached = join(cacheDir(), `${key}.async.wasm`);
  if (existsSync(cached)) return readFileSync(cached);
  options.onTransform?.();
  const binaryen = await loadBinaryen();
  const [pm, pn] = PREEMPT_IMPORT.split('.') as [string, string];
  const input = prepareBinary(wasm, { preempt: { module: pm, name: pn }, reserve: RESERVED_PAGES, share: options.share }).binary;
  const module = binaryen.readBinary(input);
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
