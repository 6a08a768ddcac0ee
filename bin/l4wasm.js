#!/usr/bin/env node
// `l4wasm run` starts from one bundled file with V8's code cache when the build made it
// (dist/bundle/run.cjs; src/cli/l4wasm_run.ts, src/cli/run_bundle.ts): loading dist/ file by
// file cost a run ~100 ms before its program started. Every other command starts from dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const bundle = fileURLToPath(new URL('../dist/bundle/run.cjs', import.meta.url));
const loaded = argv[0] === 'run' && existsSync(bundle)
  ? (await import('../dist/cli/run_bundle.js')).loadRunBundle(bundle) : undefined;
if (loaded !== undefined) {
  process.exitCode = loaded.entry.finish(await loaded.entry.runCommand(argv.slice(1)));
  loaded.saveCache();
} else {
  const { finish, main } = await import('../dist/cli/main.js');
  process.exitCode = finish(await main(argv));
}
