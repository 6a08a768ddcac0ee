// The entry of `l4wasm run` as one bundled file (dist/bundle/run.cjs, built by build:ts): Node 20
// loads ES modules one file at a time, and a run needs some two hundred of them (l4wasm's and
// memfs's), which cost it ~100 ms before the program could start. bin/l4wasm.js takes this
// bundle for `run` when it exists (loaded with V8's code cache, run_bundle.ts), dist/cli/main.js
// otherwise and for every other command.
export { runCommand } from './run.js';
export { finish } from './main.js';
