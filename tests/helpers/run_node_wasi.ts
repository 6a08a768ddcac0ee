// Runs a wasm program under node:wasi (preview1) the way the program tests compare runtimes:
// preopens map host directories to guest paths, stdio goes through temporary files (node:wasi
// takes host descriptors), and the exit code comes back through returnOnExit. It runs in a process
// of its own (node_wasi_child.mjs): node:wasi can corrupt the heap of the process it runs in.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunOptions {
  /** argv, including argv[0]. */
  args: string[];
  env?: Record<string, string>;
  stdin?: string;
  /** guest path -> host directory */
  preopens?: Record<string, string>;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const CHILD = join(import.meta.dirname, 'node_wasi_child.mjs');

/** How often a run whose process Node's WASI crashed is made again before the test fails. */
const CRASH_RETRIES = 2;

/** The child's exit status, or the signal that ended it. */
function runChild(options: object): Promise<number | NodeJS.Signals> {
  return new Promise((resolve, reject) => {
    // With Node's defaults (fast API calls, which the heap corruption needs, on): without them
    // node:wasi answers some bad arguments differently (EINVAL for EBADF and EOVERFLOW).
    const child = spawn(process.execPath, ['--no-warnings', CHILD, JSON.stringify(options)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== null) resolve(signal);
      // The program's stderr goes to its file: what comes here is Node's (a trap, an uncaught error).
      else if (code === null || (code !== 0 && stderr.trim() !== '')) reject(new Error(`node:wasi's process failed (${code}): ${stderr.trim()}`));
      else resolve(code);
    });
  });
}

export async function runNodeWasi(wasmPath: string, options: RunOptions): Promise<RunResult> {
  const io = mkdtempSync(join(tmpdir(), 'l4wasm-nodewasi-io-'));
  try {
    const files = { stdin: join(io, 'stdin'), stdout: join(io, 'stdout'), stderr: join(io, 'stderr') };
    writeFileSync(files.stdin, options.stdin ?? '');
    const given = { wasm: wasmPath, args: options.args, env: options.env ?? {}, preopens: options.preopens ?? {}, ...files };
    for (let attempt = 0; ; attempt++) {
      const ended = await runChild(given);
      if (typeof ended === 'number') {
        return { code: ended, stdout: readFileSync(files.stdout, 'utf8'), stderr: readFileSync(files.stderr, 'utf8') };
      }
      if (attempt === CRASH_RETRIES) throw new Error(`node:wasi's process was killed by ${ended} ${attempt + 1} times running ${wasmPath}`);
    }
  } finally {
    rmSync(io, { recursive: true, force: true });
  }
}
