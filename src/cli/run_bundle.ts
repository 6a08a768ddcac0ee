// Loads `l4wasm run` from its bundle (dist/bundle/run.cjs, built from src/cli/l4wasm_run.ts by
// build:bundle, without comments and indentation: 0.7 MB, not 1.1) with V8's code cache: Node 20
// has no compile cache for modules, and parsing the bundle took ~35 ms of every start, ~15 ms
// with the cache. The cache is V8's serialized
// code for this very file (its name carries the file's size, time and inode, and Node's
// version: V8 itself checks the source only by its length), written by the first run of a build.
import { createRequire } from 'node:module';
import { readdirSync, renameSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { cacheDir } from '../toolchain/cache_dir.js';

export interface RunEntry {
  runCommand(argv: string[]): Promise<number>;
  finish(status: number): number;
}

const CACHE_PREFIX = 'run-bundle-';

/** What the bundle's import.meta.url is (esbuild's define for the CommonJS bundle). */
export const BUNDLE_URL_NAME = '__l4wasm_url';
/** The import() the bundle's dynamic imports of the packages left outside it go through. */
const IMPORT_NAME = '__l4wasm_import';
/**
 * Those imports (package.json's build:bundle makes binaryen and @yowasp/clang external), as esbuild
 * prints them. A script's own import() would need a loader option that V8's code cache loses
 * (Node 20). Replaced as plain strings: a regular expression over the bundle took ~2 ms a start.
 */
const EXTERNAL_IMPORTS = ['@yowasp/clang', 'binaryen'].flatMap((p) => [`import("${p}")`, `import('${p}')`]);

/** The run entry from the bundle at `file`. */
export function loadRunBundle(file: string): { entry: RunEntry; saveCache(): void } {
  let source = readFileSync(file, 'utf8');
  for (const imp of EXTERNAL_IMPORTS) source = source.replaceAll(imp, `${IMPORT_NAME}${imp.slice('import'.length)}`);
  const st = statSync(file, { bigint: true });
  const dir = cacheDir();
  const name = `${CACHE_PREFIX}${process.version}-${st.size}-${st.mtimeNs}-${st.ino}.v8cache`;
  const cachePath = join(dir, name);
  let cachedData: Buffer | undefined;
  try { cachedData = readFileSync(cachePath); } catch { /* the first run of this build */ }
  // The CommonJS module wrapper, with the bundle's import.meta.url as one more parameter.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, ${BUNDLE_URL_NAME}, ${IMPORT_NAME}) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} as RunEntry };
  (script.runInThisContext() as (...a: unknown[]) => void)(
    module.exports, createRequire(file), module, file, dirname(file), pathToFileURL(file).href, (s: string) => import(s));
  // Taken now, not after the run: a cache of everything the run compiled is larger and takes longer
  // to read than compiling what the run needs takes; written after the run, off the start's path.
  const fresh = cachedData === undefined || script.cachedDataRejected === true ? script.createCachedData() : undefined;
  return {
    entry: module.exports,
    saveCache: () => {
      if (fresh === undefined) return;
      try {
        const tmp = `${cachePath}.${process.pid}.tmp`;
        writeFileSync(tmp, fresh);
        renameSync(tmp, cachePath);
        // Those of earlier builds (or Node versions) are of no use any more.
        for (const f of readdirSync(dir)) if (f.startsWith(CACHE_PREFIX) && f !== name) rmSync(join(dir, f), { force: true });
      } catch { /* a read-only cache: the next start parses the bundle again */ }
    },
  };
}
