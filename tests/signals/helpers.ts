// Shared by the signal suites: the examples compiled once (cached), a run on a fresh machine, and
// the l4wasm command line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Machine, type GuestProcess, type SpawnOptions } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import type { ExitStatus } from '../../src/guest/process.js';

export const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l4wasm.js');

/** setjmp/longjmp (sigsetjmp/siglongjmp) need wasm exception handling. */
export const SJLJ = ['-O2', '-mllvm', '-wasm-enable-sjlj', '-lsetjmp'];

export function compileExample(name: string, args: string[] = SJLJ): Promise<string> {
  return compileCached(join(ROOT, 'examples', `${name}.c`), args);
}

export interface Run {
  status: ExitStatus;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end on a fresh machine; `during` may drive it (send input, signals). */
export async function run(wasm: string, args: string[], options: SpawnOptions = {},
  during?: (p: GuestProcess, m: Machine) => Promise<void>): Promise<Run> {
  const m = await Machine.boot();
  try {
    const p = m.spawn(wasm, { args, ...options });
    await during?.(p, m);
    const status = await p.exit;
    return { status, stdout: p.stdout, stderr: p.stderr };
  } finally {
    await m.shutdown();
  }
}

/** Resolves once the program's output contains `text`. */
export function outputContains(p: GuestProcess, text: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (p.stdout.includes(text)) { resolve(); return; }
    const timer = setTimeout(() => reject(new Error(`no "${text}" in the output within ${timeoutMs} ms: ${p.stdout}`)), timeoutMs);
    const on = () => {
      if (!p.stdout.includes(text)) return;
      clearTimeout(timer);
      p.stdoutStream.off('data', on);
      resolve();
    };
    p.stdoutStream.on('data', on);
  });
}

export const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `l4wasm run ...` as a child process: its exit status and output. */
export function cli(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, 'run', ...args], { input, encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The lines of one "== name" section of a program's output. */
export function section(out: string, name: string): string[] {
  const lines = out.split('\n');
  const start = lines.indexOf(`== ${name}`);
  if (start < 0) throw new Error(`no section ${name} in:\n${out}`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith('== '));
  return end < 0 ? rest.filter((l) => l !== '') : rest.slice(0, end);
}
