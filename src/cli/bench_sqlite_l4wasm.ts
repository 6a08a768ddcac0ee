// bench:sqlite's l4wasm variants, each run in a process of its own, as node:wasi's is
// (bench_sqlite_node_wasi.ts): a machine measured after others in the same process paid for their
// leftovers (the collection of their heaps, V8's threads finishing their work) on this 2-core VM,
// 5-15% of a run; node:wasi, measured alone, did not.
//   parent: onL4wasm(wasm, hostDir, dir, decouple, log)
//   child:  node bench_sqlite_l4wasm.js WASM HOST-DIR /tmp|/data decoupled|multiplexed [no-write-behind]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Machine } from '../guest/machine.js';
import { lentStats } from '../guest/decoupled.js';

/** Until every ended decoupled program's worker has given its lent host files back and been counted (at most 2 s). */
async function lentFilesReturned(): Promise<void> {
  for (let i = 0; i < 200 && lentStats.ending > 0; i++) await new Promise((res) => setTimeout(res, 10));
}

/**
 * One run of the workload on a fresh l4wasm machine in this process: milliseconds from spawn to
 * exit, the output, and the calls the worker answered on lent files. Multiplexed is asked for
 * (mode 'multiplexed'): the default mode runs SQLite decoupled, its 1.1 MB of code being over the
 * preparation budget.
 */
async function measure(wasm: string, hostDir: string, dir: string, decouple: boolean, writeBehind: boolean,
  log: (s: string) => void): Promise<{ ms: number; out: string; localCalls: number }> {
  const m = await Machine.boot({
    mounts: [{ host: hostDir, guest: '/data' }], mode: decouple ? 'decoupled' : 'multiplexed', writeBehind,
    onProgress: (s) => log(s.trimEnd()),
  });
  try {
    // Before the clock starts: the module is prepared (asyncify, cached) and warmed up (V8 tiers
    // its code up) by a small run of the workload in memory.
    await m.spawn(wasm, { args: ['sqlite', ':memory:', '/data/warm.sql'], decouple }).exit;
    const db = `${dir}/w.db`;
    rmSync(join(hostDir, 'w.db'), { force: true });
    // A worker's calls on lent host files are counted once it has ended (the warm-up's, then this run's).
    await lentFilesReturned();
    const before = lentStats.localCalls;
    const t = performance.now();
    const p = m.spawn(wasm, { args: ['sqlite', db, '/data/w.sql'], decouple });
    const r = await p.wait();
    const ms = performance.now() - t;
    if (r.code !== 0) throw new Error(`sqlite on l4wasm (${dir}${decouple ? ', decoupled' : ''}) exited ${r.code}: ${r.stderr}`);
    await lentFilesReturned();
    return { ms, out: r.stdout, localCalls: lentStats.localCalls - before };
  } finally {
    await m.shutdown();
  }
}

/** This module's built file (next to this one, or in dist/ when running from src/). */
function entry(): string {
  const here = fileURLToPath(new URL('./bench_sqlite_l4wasm.js', import.meta.url));
  return existsSync(here) ? here : fileURLToPath(new URL('../../dist/cli/bench_sqlite_l4wasm.js', import.meta.url));
}

/**
 * One run on l4wasm in a child process; its progress lines go to `log`, its output through
 * HOST-DIR/l4wasm.out. `writeBehind: false`: MachineOptions.writeBehind off.
 */
export function onL4wasm(wasm: string, hostDir: string, dir: '/tmp' | '/data', decouple: boolean,
  log: (s: string) => void, writeBehind = true): Promise<{ ms: number; out: string; localCalls: number }> {
  const args = [entry(), wasm, hostDir, dir, decouple ? 'decoupled' : 'multiplexed', ...(writeBehind ? [] : ['no-write-behind'])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
    for (let nl = stderr.indexOf('\n'); nl >= 0; nl = stderr.indexOf('\n')) {
      log(stderr.slice(0, nl));
      stderr = stderr.slice(nl + 1);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      let r: { ms: number; localCalls: number } | undefined;
      try { r = JSON.parse(stdout) as { ms: number; localCalls: number }; } catch { r = undefined; }
      if (code !== 0 || r === undefined) {
        reject(new Error(`l4wasm's run (${dir}, ${decouple ? 'decoupled' : 'multiplexed'}) ${signal !== null ? `was killed by ${signal}` : `exited with ${code}`}: ${stderr.trim().split('\n').slice(0, 3).join(' ')}`));
        return;
      }
      resolve({ ...r, out: readFileSync(join(hostDir, 'l4wasm.out'), 'utf8') });
    });
  });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [wasm, hostDir, dir, mode, writes] = process.argv.slice(2);
  if (wasm === undefined || hostDir === undefined || (dir !== '/tmp' && dir !== '/data') || (mode !== 'decoupled' && mode !== 'multiplexed') ||
      (writes !== undefined && writes !== 'no-write-behind')) {
    process.stderr.write('usage: bench_sqlite_l4wasm.js SQLITE.wasm HOST-DIR /tmp|/data decoupled|multiplexed [no-write-behind]\n');
    process.exitCode = 2;
  } else {
    measure(wasm, hostDir, dir, mode === 'decoupled', writes === undefined, (s) => process.stderr.write(s + '\n')).then((r) => {
      writeFileSync(join(hostDir, 'l4wasm.out'), r.out);
      process.stdout.write(JSON.stringify({ ms: r.ms, localCalls: r.localCalls }) + '\n');
    }, (e: Error) => {
      process.stderr.write(`bench_sqlite_l4wasm: ${e.message}\n`);
      process.exitCode = 1;
    });
  }
}
