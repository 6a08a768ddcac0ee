// Reproduces the host SIGSEGV first seen in `npm run bench:sqlite` (2026-12-06) WITHOUT l4wasm:
// it is node:wasi's (nodejs/node#46777, open). Node 20's WASI imports are V8 "fast API" calls, and
// uvwasi's allocator reports its memory to V8 (AdjustAmountOfExternalAllocatedMemory) inside them,
// which can start a garbage collection where none may run: the heap is corrupted and the process
// dies later, in V8 (Builtins_KeyedLoadIC_Megamorphic, in node:wasi's start()). The more external
// memory the process holds (wasm memories, big buffers; here binaryen.js's), the likelier it is.
// Nothing of l4wasm is loaded in this process: a child process builds SQLite's wasi-libc program
// with l4wasm's build (cached), then this one runs it twice under node:wasi with binaryen.js used once.
//   node --single-threaded-gc tests/repro/node_wasi_fast_call_gc.mjs                  # crashed 3 of 3
//   node --single-threaded-gc --no-turbo-fast-api-calls tests/repro/...               # passes: no fast calls
// Run `npm run build` first (dist/). Exit status 0 and "done": no crash this time.
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { execFileSync } from 'node:child_process';

const log = (s) => process.stderr.write(s + '\n');
const dir = mkdtempSync(join(tmpdir(), 'node-wasi-gc-'));
const build = `
  const { buildSqlite } = await import('./dist/cli/sqlite_build.js');
  const { workloadScript } = await import('./dist/cli/sqlite_workload.js');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.argv[1] + '/w.sql', workloadScript(100000));
  writeFileSync(process.argv[1] + '/warm.sql', workloadScript(20000));
  process.stdout.write(await buildSqlite('wasi', (s) => process.stderr.write(s + '\\n')));`;
try {
  const wasm = execFileSync(process.execPath, ['--input-type=module', '-e', build, dir], { cwd: new URL('../..', import.meta.url), stdio: ['ignore', 'pipe', 'inherit'] }).toString();
  // Any use of binaryen.js (a wasm program with a large memory of its own) will do.
  const binaryen = (await import('binaryen')).default;
  const kept = binaryen.parseText('(module (func (export "f") (param i32) (result i32) local.get 0))').emitBinary();
  const mod = await WebAssembly.compile(readFileSync(wasm));
  const out = openSync('/dev/null', 'w');
  try {
    for (const args of [['sqlite', ':memory:', '/data/warm.sql'], ['sqlite', '/data/w.db', '/data/w.sql']]) {
      const wasi = new WASI({ version: 'preview1', args, preopens: { '/data': dir }, returnOnExit: true, stdout: out });
      log(`node:wasi: exit ${wasi.start(await WebAssembly.instantiate(mod, wasi.getImportObject()))}`);
    }
  } finally {
    closeSync(out);
  }
  log(`done (${kept.length})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
