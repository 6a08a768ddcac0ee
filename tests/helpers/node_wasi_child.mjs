// The process run_node_wasi.ts runs node:wasi in: one program, its stdio the three files named,
// its exit status the program's. Kept out of the test's own process because Node 20's WASI can
// corrupt its host's heap (its imports are V8 fast calls that may start a garbage collection:
// nodejs/node#46777, tests/repro/node_wasi_fast_call_gc.mjs), and a test runner's process that
// dies of it later takes every test running there with it.
//   node node_wasi_child.mjs <options as JSON: wasm, args, env, preopens, stdin, stdout, stderr>
import { closeSync, openSync, readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const o = JSON.parse(process.argv[2]);
/** ENOSYS (WASI numbering): what a program's libl4posix imports get here, as on a system without them. */
const ENOSYS = 52;
const mod = new WebAssembly.Module(readFileSync(o.wasm));
const l4posix = {};
for (const imp of WebAssembly.Module.imports(mod)) {
  if (imp.module === 'l4posix' && imp.kind === 'function') l4posix[imp.name] = () => -ENOSYS;
}
const fds = { stdin: openSync(o.stdin, 'r'), stdout: openSync(o.stdout, 'w'), stderr: openSync(o.stderr, 'w') };
const wasi = new WASI({ version: 'preview1', args: o.args, env: o.env, preopens: o.preopens, returnOnExit: true, ...fds });
const code = wasi.start(new WebAssembly.Instance(mod, { ...wasi.getImportObject(), l4posix }));
for (const fd of Object.values(fds)) closeSync(fd);
process.exitCode = code;
