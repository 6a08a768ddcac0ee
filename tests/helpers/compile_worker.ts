// Worker thread body for build.ts: compiles the sources it is sent with l4wasm cc (through the
// content-hash cache) and answers with the wasm path or the compiler's diagnostics.
// build.ts bundles this file with esbuild to build/tests/compile-worker.mjs, a location two levels
// below the package root, as cc.ts's own path is when it finds the sysroot.
import { parentPort } from 'node:worker_threads';
import { compileCached } from '../../src/toolchain/compile_cache.js';

export interface CompileRequest { source: string; args: string[] }
export type CompileReply = { wasm: string } | { error: string };

parentPort!.on('message', (req: CompileRequest) => {
  compileCached(req.source, req.args).then(
    (wasm) => parentPort!.postMessage({ wasm } satisfies CompileReply),
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies CompileReply),
  );
});
