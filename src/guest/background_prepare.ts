// A program's first run need not wait for its preparation: a pure WASI program (it imports
// nothing but wasi_snapshot_preview1, so it cannot fork or take signals and loses nothing
// decoupled) runs decoupled at once while a process of its own prepares it for the multiplexed
// mode, at the lowest priority, into the cache; its next runs start prepared. The way a JIT
// runs code at once in its baseline tier and optimizes it in the background.
//
// The process is detached: it outlives a short run (`l4wasm run` exits when its program does),
// and one at a time per cache directory does this work (a lock file names it and its module), so a burst of
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

/** What the lock holds: the preparing process's pid and the content hash of what it prepares. */
function lockLine(pid: number, content: string): string {
  return `${pid} ${content}`;
}

function readLock(lock: string): { pid: number; content: string } {
  const [pid, content] = readFileSync(lock, 'utf8').split(' ');
  return { pid: Number(pid), content: content ?? '' };
}

/**
 * Takes the lock for this process to prepare `content`: 'taken', or 'same' when a live process
 * prepares that module already, 'busy' when it prepares another, 'failed' without a lock file.
 */
function takeLock(lock: string, content: string): 'taken' | 'same' | 'busy' | 'failed' {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      try { writeSync(fd, lockLine(process.pid, content)); } finally { closeSync(fd); }
      return 'taken';
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return 'failed';
    }
    try {
      const held = readLock(lock);
      const fresh = Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS;
      if (fresh && Number.isInteger(held.pid) && held.pid > 0 && alive(held.pid)) return held.content === content ? 'same' : 'busy';
      rmSync(lock, { force: true });
    } catch {
      return 'failed';
    }
  }
  return 'failed';
}

/** Releases the lock if `pid` holds it. */
export function releaseBackgroundLock(lock: string, pid: number): void {
  try {
    if (readLock(lock).pid === pid) rmSync(lock, { force: true });
  } catch { /* gone already */ }
}

/** The preparing process's script: beside this file once built; from src/ (tests), the built one. */
function entry(): string {
  const here = fileURLToPath(new URL('./prepare_background.js', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../dist/guest/prepare_background.js', import.meta.url));
}

/**
 * Starts preparing `wasm` in the background, unless a preparation runs there now: 'started';
 * 'same' when that one prepares this module; 'busy' when it prepares another; 'failed' when
 * none can start (no cache to write). What it makes is found by the next load of the same
 * module (cachedPreparation / prepareModule with the same options); a failure leaves nothing
 * but, for a budget, the over-budget marker.
 */
export function prepareInBackground(wasm: Uint8Array, job: Omit<BackgroundJob, 'input' | 'lock'>): 'started' | 'same' | 'busy' | 'failed' {
  let dir: string;
  try {
    dir = cacheDir();
    mkdirSync(dir, { recursive: true });
  } catch {
    return 'failed';
  }
  const lock = backgroundLock();
  const taken = takeLock(lock, job.content);
  if (taken !== 'taken') return taken;
  const input = join(dir, `${job.content.slice(0, 32)}.${process.pid}.input.wasm`);
  try {
    writeFileSync(input, wasm);
    const full: BackgroundJob = { ...job, input, lock };
    // Node's options but --input-type (for -e code), which a script file refuses.
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    const child = spawn(process.execPath, [...execArgv, entry(), JSON.stringify(full)], { detached: true, stdio: 'ignore' });
    if (child.pid === undefined) throw new Error('not started');
    writeFileSync(lock, lockLine(child.pid, job.content));
    child.unref();
    return 'started';
  } catch {
    rmSync(input, { force: true });
    releaseBackgroundLock(lock, process.pid);
    return 'failed';
  }
}
