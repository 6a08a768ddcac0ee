// Vitest global setup: the CLI tests run bin/l4wasm.js, which runs dist/; rebuild dist from src
// first (the same esbuild call as `npm run build:ts`) so they never test stale code.
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
}
