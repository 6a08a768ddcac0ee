#!/usr/bin/env node
// `l4wasm run` starts from one bundled file when the build made it (dist/bundle/run.js, see
// src/cli/l4wasm_run.ts): loading dist/ file by file costs a run ~100 ms before its program
// starts. Every other command starts from dist/cli/main.js.
import { existsSync } from 'node:fs';

const argv = process.argv.slice(2);
const bundle = new URL('../dist/bundle/run.js', import.meta.url);
if (argv[0] === 'run' && existsSync(bundle)) {
  const { finish, runCommand } = await import(bundle.href);
  process.exitCode = finish(await runCommand(argv.slice(1)));
} else {
  const { finish, main } = await import('../dist/cli/main.js');
  process.exitCode = finish(await main(argv));
}
