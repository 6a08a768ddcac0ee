// bench:sqlite's node:wasi variant, run in a process of its own. Node 20's WASI calls its import
// functions as V8 "fast API" calls, and uvwasi's allocator can start a garbage collection inside
// one (it reports memory to V8 with AdjustAmountOfExternalAllocatedMemory): the heap is then
// corrupted and the process dies with SIGSEGV (nodejs/node#46777, still open). The more external
// memory the process holds (wasm memories, big buffers: the l4wasm machines that ran before it), the
// likelier that collection is; measured alone, node:wasi runs as a user's script would run it.
//   parent: onNodeWasi(wasm, hostDir); child: node bench_sqlite_node_wasi.js WASM HOST-DIR
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

/** One timed run in this process: the warm-up, then the workload with its output in HOST-DIR/wasi.out. */
async function measure(wasm: string, hostDir: string): Promise<number> {
  const mod = await WebAssembly.compile(readFileSync(wasm));
  // Warmed up as the l4wasm runs are: a small run of the workload in memory, output discarded.
  const devNull = openSync('/dev/null', 'w');
  try {
    const warm = new WASI({ version: 'preview1', args: ['sqlite', ':memory:', '/data/warm.sql'], preopens: { '/data': hostDir }, returnOnExit: true, stdout: devNull });
    warm.start(await WebAssembly.instantiate(mod, warm.getImportObject() as WebAssembly.Imports));
  } finally {
    closeSync(devNull);
  }
  rmSync(join(hostDir, 'w.db'), { force: true });
  const fd = openSync(join(hostDir, 'wasi.out'), 'w');
  try {
    // Timed from the program's instantiation, as l4wasm's runs are from spawn (the module is compiled before either).
    const t = performance.now();
    const wasi = new WASI({
      version: 'preview1', args: ['sqlite', '/data/w.db', '/data/w.sql'], preopens: { '/data': hostDir },
      returnOnExit: true, stdout: fd,
    });
    const code = wasi.start(await WebAssembly.instantiate(mod, wasi.getImportObject() as WebAssembly.Imports));
    const ms = performance.now() - t;
    if (code !== 0) throw new Error(`sqlite under node:wasi exited ${code}`);
    return ms;
  } finally {
    closeSync(fd);
  }
}

/** This module's built file (next to this one, or in dist/ when running from src/). */
function entry(): string {
  const here = fileURLToPath(new URL('./bench_sqlite_node_wasi.js', import.meta.url));
  return existsSync(here) ? here : fileURLToPath(new URL('../../dist/cli/bench_sqlite_node_wasi.js', import.meta.url));
}

/** One run under node:wasi in a child process: the host directory preopened at /data, output to a host file. */
export function onNodeWasi(wasm: string, hostDir: string): Promise<{ ms: number; out: string }> {
  const child = spawn(process.execPath, ['--no-warnings', entry(), wasm, hostDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(stdout.trim());
      if (code !== 0 || !Number.isFinite(ms)) {
        reject(new Error(`node:wasi's run ${signal !== null ? `was killed by ${signal}` : `exited with ${code}`}: ${stderr.trim().split('\n').slice(0, 3).join(' ')}`));
        return;
      }
      resolve({ ms, out: readFileSync(join(hostDir, 'wasi.out'), 'utf8') });
    });
  });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [wasm, hostDir] = process.argv.slice(2);
  if (wasm === undefined || hostDir === undefined) {
    process.stderr.write('usage: bench_sqlite_node_wasi.js SQLITE-WASI.wasm HOST-DIR\n');
    process.exitCode = 2;
  } else {
    measure(wasm, hostDir).then((ms) => { process.stdout.write(`${ms}\n`); }, (e: Error) => {
      process.stderr.write(`bench_sqlite_node_wasi: ${e.message}\n`);
      process.exitCode = 1;
    });
  }
}
