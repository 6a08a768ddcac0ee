// Vitest global setup: the CLI tests run bin/l4wasm.js, which runs dist/; rebuild dist from src
// first (the same esbuild calls as `npm run build:ts`) so they never test stale code.
import { build } from 'esbuild';
import { join } from 'node:path';

export default async function setup(): Promise<void> {
  const root = join(import.meta.dirname, '..', '..');
  await build({
    entryPoints: [join(root, 'src/**/*.ts')],
    outdir: join(root, 'dist'),
    outbase: join(root, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  // `l4wasm run`'s bundle (package.json's build:bundle), which bin/l4wasm.js prefers for run.
  await build({
    entryPoints: [join(root, 'src/cli/l4wasm_run.ts')],
    bundle: true,
    outfile: join(root, 'dist/bundle/run.cjs'),
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['binaryen', '@yowasp/clang'],
    // A script has no import.meta: src/cli/run_bundle.ts gives the bundle its URL by this name.
    define: { 'import.meta.url': '__l4wasm_url' },
    // As build:bundle: no comments or indentation (0.7 MB of ASCII to read at every start, not 1.1 MB).
    minifyWhitespace: true,
    logLevel: 'warning',
  });
}
