// Builds the C test programs once per test run: every fixture in tests/fixtures and every example
// the program tests use, compiled with l4wasm cc at -O2 through its content-hash cache.
// Compiles run in two worker threads (the machine has two cores; clang runs synchronously, so
// workers are the only way to overlap them), and a lock directory in the cache makes test files
// running in parallel processes wait for one build instead of compiling the same sources twice.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { cacheDir } from '../../src/toolchain/compile_cache.js';
import type { CompileReply, CompileRequest } from './compile_worker.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Program name -> C source (relative to the package root). */
export const PROGRAMS = {
  fs_basic: 'tests/fixtures/fs_basic.c',
  fs_dir: 'tests/fixtures/fs_dir.c',
  fs_meta: 'tests/fixtures/fs_meta.c',
  fs_links: 'tests/fixtures/fs_links.c',
  fd_ops: 'tests/fixtures/fd_ops.c',
  path_escape: 'tests/fixtures/path_escape.c',
  clocks_random: 'tests/fixtures/clocks_random.c',
  args_env: 'tests/fixtures/args_env.c',
  poll_sleep: 'tests/fixtures/poll_sleep.c',
  errors_efault: 'tests/fixtures/errors_efault.c',
  sockets_enotsup: 'tests/fixtures/sockets_enotsup.c',
  cat: 'examples/cat.c',
  wc: 'examples/wc.c',
  ls: 'examples/ls.c',
  romread: 'examples/romread.c',
  fswalk: 'examples/fswalk.c',
} as const;

export type ProgramName = keyof typeof PROGRAMS;
export type Built = Record<ProgramName, string>;

const COMPILE_ARGS = ['-O2'];
const PARALLEL = 2;
/** A lock older than this is taken to be left behind by a killed run. */
const STALE_LOCK_MS = 10 * 60_000;

let built: Promise<Built> | undefined;

/** The wasm path of every program in PROGRAMS, compiling what the cache does not hold yet. */
export function buildPrograms(): Promise<Built> {
  built ??= withLock(join(cacheDir(), 'l4wasm-test-programs.lock'), compileAll);
  return built;
}

async function compileAll(): Promise<Built> {
  const names = Object.keys(PROGRAMS) as ProgramName[];
  const replies = await compileInWorkers(names.map((n) => join(ROOT, PROGRAMS[n])));
  const result: Partial<Built> = {};
  const failures: string[] = [];
  names.forEach((name, i) => {
    const reply = replies[i]!;
    if ('wasm' in reply) result[name] = reply.wasm;
    else failures.push(reply.error);
  });
  if (failures.length > 0) throw new Error(`test programs failed to compile:\n${failures.join('\n')}`);
  return result as Built;
}

/**
 * Compiles `sources` (absolute paths) at -O2 through the cache in PARALLEL worker threads, each
 * loading the clang toolchain once (seconds per process): each source's wasm or diagnostics, in order.
 */
export async function compileInWorkers(sources: readonly string[], onEach?: () => void): Promise<CompileReply[]> {
  const workerFile = join(ROOT, 'build', 'tests', 'compile-worker.mjs');
  await build({
    entryPoints: [join(ROOT, 'tests', 'helpers', 'compile_worker.ts')],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const queue = sources.map((source, i) => ({ source, i }));
  const replies: CompileReply[] = [];
  const runWorker = async (): Promise<void> => {
    const worker = new Worker(workerFile);
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { source, i } = next;
        replies[i] = await new Promise<CompileReply>((res, rej) => {
          const stop = () => worker.off('message', onMessage).off('error', onError);
          const onMessage = (r: CompileReply) => { stop(); res(r); };
          const onError = (e: Error) => { stop(); rej(e); };
          worker.on('message', onMessage).on('error', onError);
          worker.postMessage({ source, args: COMPILE_ARGS } satisfies CompileRequest);
        });
        onEach?.();
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, runWorker));
  return replies;
}

/** Runs `fn` holding a lock directory shared by every process of the test run. */
async function withLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (lockIsStale(lock)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function lockIsStale(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) return true;
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    if (!pid) return false; // being created right now
    process.kill(pid, 0);
    return false;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ESRCH'; // the holder is gone; ENOENT: the lock vanished or has no pid yet
  }
}
