// A decoupled program's path_open of a name in a lent host mount root is made on its own core and
// the vCPU takes the file over at the program's next forwarded call (guest/open_lending.ts):
// every answer equals the multiplexed one (descriptor numbers, modes and the umask, errors,
// symlinks, the root itself, read-only mounts, files closed before the vCPU saw them, calls that
// need the vCPU's file), as does what is left on the host; SQLite's commit pattern runs on the
// core; the machine's host-file budget counts the core's files, and a program that ends or is
// killed with files the vCPU never saw leaves no host descriptor behind.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { lentStats } from '../../src/guest/decoupled.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

let wasm = '';
beforeAll(async () => {
  wasm = await compileCached(join(import.meta.dirname, 'fixtures', 'lent_opens.c'));
}, 240_000);

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two host directories: a file, a subdirectory, symlinks (one dangling). */
function hostDirs(): { d: string; e: string; done: () => void } {
  const base = mkdtempSync(join(os.tmpdir(), 'l4wasm-opens-'));
  const d = join(base, 'd'), e = join(base, 'e');
  for (const dir of [d, e]) {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'f'), 'hello');
    symlinkSync('f', join(dir, 'link'));
    symlinkSync('nowhere', join(dir, 'dangling'));
  }
  return { d, e, done: () => rmSync(base, { recursive: true, force: true }) };
}

/** Host descriptors of this process that name something under `dir`. */
function hostFdsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target === dir || target.startsWith(dir + '/')) out.push(target);
    } catch { /* closed meanwhile */ }
  }
  return out;
}

async function run(args: string[], decouple: boolean, opts: { hostFileLimit?: number } = {}) {
  const dirs = hostDirs();
  const m = await Machine.boot({ mounts: [{ host: dirs.d, guest: '/d' }, { host: dirs.e, guest: '/e', readOnly: true }], ...opts });
  const before = lentStats.localCalls;
  try {
    const r = await m.spawn(wasm, { args: ['lent_opens', args[0]!, '/d', ...args.slice(1)], decouple }).wait();
    const used = m.hostFiles.used;
    await m.shutdown();
    for (let i = 0; i < 200 && lentStats.ending > 0; i++) await tick(10);
    const left = readdirSync(dirs.d).sort().map((n) => {
      const s = statSync(join(dirs.d, n), { throwIfNoEntry: false });
      return s === undefined ? n : `${n}:${(s.mode & 0o7777).toString(8)}:${s.isFile() ? s.size : 'dir'}`;
    }).join(' ');
    return { ...r, localCalls: lentStats.localCalls - before, left, used, fdsLeft: hostFdsUnder(statSync(dirs.d) && dirs.d) };
  } finally {
    await m.shutdown();
    dirs.done();
  }
}

describe('files a decoupled program opens on its own core', () => {
  it('opens, numbers and closes files as the vCPU does, and leaves the same files behind', async () => {
    const multiplexed = await run(['opens', '/e'], false);
    const decoupled = await run(['opens', '/e'], true);
    expect(multiplexed.code).toBe(0);
    const out = multiplexed.stdout;
    expect(out).toContain('create new1 0640: fd 3\nwrite: 3\npwrite: 2\nfstat new1: file size 7 mode 640');
    expect(out).toContain('stat new2: file size 0 mode 600');
    expect(out).toContain('f4 after closing f2: fd 4');
    expect(out).toContain('cloexec f3: 1');
    expect(out).toContain('excl new1: errno File exists');
    expect(out).toContain('root: fd 3\nfstat root: dir');
    expect(out).toContain('read-only mount: create: errno Read-only file system');
    expect(decoupled.code).toBe(0);
    expect(decoupled.stdout).toBe(multiplexed.stdout);
    expect(decoupled.stderr).toBe(multiplexed.stderr);
    expect(decoupled.left).toBe(multiplexed.left);
    expect(decoupled.used).toBe(0);
    expect(decoupled.fdsLeft).toEqual([]);
  });

  it('runs SQLite\'s commit (create, write, sync it and the directory, unlink, close) on its own core', async () => {
    const multiplexed = await run(['journal', '50'], false);
    const decoupled = await run(['journal', '50'], true);
    expect(multiplexed.stdout).toBe('journal: 50 rounds\n');
    expect(decoupled.stdout).toBe(multiplexed.stdout);
    expect(decoupled.left).toBe(multiplexed.left);
    // Per round after the first: 2 opens, 3 syncs, a pwrite, an fstat, an unlink, 2 closes.
    expect(decoupled.localCalls).toBeGreaterThanOrEqual(49 * 10);
    expect(decoupled.fdsLeft).toEqual([]);
  });

  it('numbers past the descriptors its core knows, and within RLIMIT_NOFILE, as the vCPU does', async () => {
    for (const args of [['many', '70'], ['limit']]) {
      const multiplexed = await run(args, false);
      const decoupled = await run(args, true);
      expect(decoupled.stdout).toBe(multiplexed.stdout);
      expect(decoupled.left).toBe(multiplexed.left);
    }
    const r = await run(['limit'], true);
    expect(r.stdout).toContain('open 4: fd 7\nopen 5: Too many open files');
    expect((await run(['many', '70'], true)).stdout).toBe('last fd 72\nreopened as 4\n');
  });

  it('counts its files in the machine\'s host-file budget: ENFILE past it, as the vCPU says', async () => {
    // The first open's descriptor, the two mount roots' kept ones: a budget of 4 leaves room for 3.
    const multiplexed = await run(['many', '10'], false, { hostFileLimit: 4 });
    const decoupled = await run(['many', '10'], true, { hostFileLimit: 4 });
    expect(multiplexed.stdout).toMatch(/^open \d: Too many open files in system\n/);
    expect(decoupled.stdout).toBe(multiplexed.stdout);
  });

  it('a program that exits or is killed before the vCPU saw its files leaves no host descriptor open', async () => {
    const exited = await run(['leave'], true);
    expect(exited.code).toBe(0);
    expect(exited.used).toBe(0);
    expect(exited.fdsLeft).toEqual([]);

    const dirs = hostDirs();
    const m = await Machine.boot({ mounts: [{ host: dirs.d, guest: '/d' }] });
    try {
      const p = m.spawn(wasm, { args: ['lent_opens', 'hold', '/d'], decouple: true, stdin: 'pipe' });
      // 7 files: 5 of f, the root, 'held' (each takes its place in the budget when the core opens it).
      for (let i = 0; i < 500 && m.hostFiles.used < 7; i++) await tick(10);
      expect(m.hostFiles.used).toBeGreaterThanOrEqual(7);
      expect(hostFdsUnder(dirs.d).length).toBeGreaterThanOrEqual(7);
      p.kill('SIGKILL');
      const r = await p.wait();
      expect(r.signal).toBe('SIGKILL');
      // Given back once the worker has ended (it might still be closing one of them before).
      for (let i = 0; i < 200 && m.hostFiles.used > 0; i++) await tick(10);
      expect(m.hostFiles.used).toBe(0);
      for (let i = 0; i < 100 && hostFdsUnder(dirs.d).length > 1; i++) await tick(10);
      // What is left is the mount's own root descriptor.
      expect(hostFdsUnder(dirs.d)).toEqual([dirs.d]);
    } finally {
      await m.shutdown();
      dirs.done();
    }
  });
});
