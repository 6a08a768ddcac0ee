// One runtime running bench/syscalls.c in a process of its own, for what must not share the bench's
// process: memory growth on node:wasi (Node 20's WASI can crash once memory grew) and the host
// system calls strace counts for one runtime alone. Prints the program's lines on stdout as they come.
//
// usage: node bench_child.js <runtime> <program.wasm> <setup as JSON: {quick, only, count}>
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  OutputParser, runL4wasm, runNodeWasi, runWasiShim, runWasmUtil, type Cell, type Cells, type RunSetup,
} from './bench_runners.js';

/** The runtimes a child can run: l4wasm's local path (as `l4wasm run` sets it up) and the anchors. */
export const CHILD_RUNTIMES = ['l4wasm', 'node-wasi', 'wasi-shim', 'wasm-util'] as const;
export type ChildRuntime = (typeof CHILD_RUNTIMES)[number];

/** This module's built file: next to this one, or in dist/ when running from src/ (tests). */
export function childEntry(): string {
  const here = new URL('./bench_child.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return fileURLToPath(here);
  return fileURLToPath(new URL('../../dist/cli/bench_child.js', import.meta.url));
}

/** A cell as the program's own line, so the parent parses a child like any program. */
export function cellLine(op: string, cell: Cell): string {
  return 'na' in cell ? `na ${op} ${cell.na}\n` : `op ${op} ${cell.median} ${cell.min} ${cell.max} ${cell.reps} ${cell.iterations}\n`;
}

/** How a child ended: its cells, and the signal that killed it if one did. */
export interface ChildRun { cells: Cells; code: number | null; signal: NodeJS.Signals | null; stderr: string }

/** Runs `runtime` on the program in a child process (under `wrapper`, e.g. strace, if given). */
export function runChild(runtime: ChildRuntime, wasm: string, setup: RunSetup, wrapper: readonly string[] = []): Promise<ChildRun> {
  const given = JSON.stringify({ quick: setup.quick, only: setup.only, count: setup.count });
  const argv = [...wrapper, process.execPath, childEntry(), runtime, wasm, given];
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  const parser = new OutputParser(setup.onCell);
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => parser.push(b.toString()));
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ cells: parser.end(), code, signal, stderr }));
  });
}

/** Why node:wasi's processes die after memory growth, as the report says it. */
export const NODE_WASI_GROW = " (node:wasi's process crashes, often at exit, once the program's memory has grown this far; the same module "
  + 'instantiated without node:wasi does not: cf. nodejs/node#51303)';

/** `passes` runs of one operation, each in a child process of its own: the cells, and how children died. */
export async function childPasses(runtime: ChildRuntime, wasm: string, op: string, passes: number,
                                  setup: Pick<RunSetup, 'quick' | 'onCell'>, log: (t: string) => void): Promise<{ got: Cell[]; deaths: string[] }> {
  const got: Cell[] = [];
  const deaths: string[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const c = await runChild(runtime, wasm, { ...setup, only: [op] });
    const died = c.signal !== null ? `was killed by ${c.signal}` : c.code !== 0 ? `exited with ${c.code}` : undefined;
    if (died !== undefined) {
      // A figure printed before the process died still stands: the program measured and printed it.
      deaths.push(`${died} ${c.cells[op] !== undefined ? 'after' : 'before'} printing its figure`);
      log(`  the process ${deaths[deaths.length - 1]}\n${c.stderr.split('\n').slice(0, 3).join('\n')}\n`);
    }
    got.push(c.cells[op] ?? { na: `the process ${died ?? 'ended'} before it printed a figure` });
  }
  return { got, deaths };
}

async function main(argv: readonly string[]): Promise<number> {
  const [runtime, wasm, json] = argv;
  if (!CHILD_RUNTIMES.includes(runtime as ChildRuntime) || wasm === undefined || json === undefined) {
    process.stderr.write(`usage: bench_child.js ${CHILD_RUNTIMES.join('|')} PROGRAM.wasm SETUP-JSON\n`);
    return 2;
  }
  const given = JSON.parse(json) as Pick<RunSetup, 'quick' | 'only' | 'count'>;
  const setup: RunSetup = { ...given, onCell: (op, cell) => process.stdout.write(cellLine(op, cell)) };
  const log = (t: string) => { process.stderr.write(t); };
  switch (runtime as ChildRuntime) {
    case 'l4wasm': await runL4wasm(wasm, 'local', setup, log); break;
    // Straight to stdout: node:wasi's process can crash after the program printed (see NODE_WASI_GROW).
    case 'node-wasi': await runNodeWasi(wasm, { ...setup, stdoutFd: 1 }); break;
    case 'wasi-shim': await runWasiShim(wasm, setup); break;
    case 'wasm-util': await runWasmUtil(wasm, setup); break;
  }
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: Error) => {
    process.stderr.write(`bench_child: ${e.message}\n`);
    process.exitCode = 1;
  });
}
