// A program's first run need not wait for its preparation: a pure WASI program (it imports
// nothing but wasi_snapshot_preview1, so it cannot fork or take signals and loses nothing
// decoupled) runs decoupled at once while a process of its own prepares it for the multiplexed
// mode, at the lowest priority, into the cache; its next runs start prepared. The way a JIT
// runs code at once in its baseline tier and optimizes it in the background.
//
// The process is detached: it outlives a short run (`l4wasm run` exits when its program does),
// and one at a time per cache directory does this work (a lock file names it), so a burst of
// new programs does not start a burst of preparations: a program whose turn did not come is
// prepared on a later run.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from '../toolchain/compile_cache.js';
import type { PrepareBudget } from './asyncify.js';

/** What the preparing process is given (as JSON, its last argument). */
export interface BackgroundJob {
  /** The module, written for it (it removes the file once read). */
  input: string;
  asyncImports: readonly string[];
  /** The module's SHA-256 (hex): part of its cache key. */
  content: string;
  budget?: PrepareBudget;
  /** The lock it releases when done. */
  lock: string;
}

/** The lock file: the pid of the process preparing in the background now. */
export function backgroundLock(): string {
  return join(cacheDir(), 'background-prepare.lock');
}

/**
 * A lock older than this is left over (its process was killed, and its pid may be another's by
 * now): a preparation in the background ends within its time budget.
 */
const STALE_LOCK_MS = 10 * 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock for this process; false when another live process holds it. */
function takeLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      try { writeSync(fd, String(process.pid)); } finally { closeSync(fd); }
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return false;
    }
    try {
      const pid = Number(readFileSync(lock, 'utf8'));
      const fresh = Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS;
      if (fresh && Number.isInteger(pid) && pid > 0 && alive(pid)) return false;
      rmSync(lock, { force: true });
    } catch {
      return false;
    }
  }
  return false;
}

/** Releases the lock if `pid` holds it. */
export function releaseBackgroundLock(lock: string, pid: number): void {
  try {
    if (Number(readFileSync(lock, 'utf8')) === pid) rmSync(lock, { force: true });
  } catch { /* gone already */ }
}

/** The preparing process's script: beside this file once built; from src/ (tests), the built one. */
function entry(): string {
  const here = fileURLToPath(new URL('./prepare_background.js', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../dist/guest/prepare_background.js', import.meta.url));
}

/**
 * Starts preparing `wasm` in the background, unless another preparation runs there now. What
 * it makes is found by the next load of the same module (cachedPreparation / prepareModule with
 * the same options); a failure leaves nothing but, for a budget, the over-budget marker.
 * Returns whether it started.
 */
export function prepareInBackground(wasm: Uint8Array, job: Omit<BackgroundJob, 'input' | 'lock'>): boolean {
  let dir: string;
  try {
    dir = cacheDir();
    mkdirSync(dir, { recursive: true });
  } catch {
    return false; // no cache to fill
  }
  const lock = backgroundLock();
  if (!takeLock(lock)) return false;
  const input = join(dir, `${job.content.slice(0, 32)}.${process.pid}.input.wasm`);
  try {
    writeFileSync(input, wasm);
    const full: BackgroundJob = { ...job, input, lock };
    // Node's options but --input-type (for -e code), which a script file refuses.
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    const child = spawn(process.execPath, [...execArgv, entry(), JSON.stringify(full)], { detached: true, stdio: 'ignore' });
    if (child.pid === undefined) throw new Error('not started');
    writeFileSync(lock, String(child.pid));
    child.unref();
    return true;
  } catch {
    rmSync(input, { force: true });
    releaseBackgroundLock(lock, process.pid);
    return false;
  }
}
