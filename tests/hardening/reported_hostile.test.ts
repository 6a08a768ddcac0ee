// Hostile programs the hostile sweep found breaking the runtime in code it did not own (src/libc,
// src/vfs, src/guest): each reproducer now runs against its fix; the comment of each says what
// happened before.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

const ROOT = join(import.meta.dirname, '..', '..');
const here = join(import.meta.dirname, 'fixtures');
const wasm: Record<string, string> = {};

beforeAll(async () => {
  for (const name of ['argv_alias', 'tmp_fill', 'tmp_cycle', 'deep_suspend', 'timer_flood']) wasm[name] = await compileCached(join(here, `${name}.c`));
});

describe('arguments a program passes to posix_spawn / execve', () => {
  // readRequest made one JS string per argv entry (each up to 1 MiB, up to 65,536 of them) with
  // no total bound: entries that all pointed at one 1 MB string named 65 GB, and the HOST died
  // (JavaScript heap out of memory), in both modes. Now Linux's limits hold, checked before any
  // string is made: E2BIG for a string over MAX_ARG_STRLEN (128 KiB) or argv and envp over
  // ARG_MAX (2 MiB with their pointers).
  it('65,000 aliases of a 1 MB argument: posix_spawn fails with E2BIG, the host lives', () => {
    for (const mode of [[], ['--decouple']]) {
      const r = spawnSync(process.execPath, ['--max-old-space-size=512', join(ROOT, 'bin', 'l4wasm.js'), 'run', ...mode, wasm.argv_alias!, '1000000', '65000'],
        { encoding: 'utf8', timeout: 60_000 });
      expect(r.signal, r.stderr).toBeNull();
      expect(r.stdout).toBe('posix_spawn: Argument list too long\n');
    }
  }, 120_000);

  it('arguments under the per-string limit but over ARG_MAX in all: E2BIG; a modest argv runs', () => {
    const run = (len: string, n: string) => spawnSync(process.execPath, [join(ROOT, 'bin', 'l4wasm.js'), 'run', wasm.argv_alias!, len, n],
      { encoding: 'utf8', timeout: 60_000 }).stdout;
    expect(run('100000', '1000')).toBe('posix_spawn: Argument list too long\n');
    expect(run('1000', '100')).toBe('child ran with 102 args\nposix_spawn: Success\n');
  }, 120_000);
});

describe('tmpfs size', () => {
  // tmpfs had no size limit and no part in the machine's memoryLimit: a program writing 40 files
  // of 256 MiB into /tmp took 10.8 GB of host memory. The machine's tmpfs mounts now hold at most
  // memoryLimit bytes together (TmpFsBudget): a write past it writes what fits, then ENOSPC; the
  // bytes come back with the file (unlink, truncation, rename over it, the last close of an
  // unlinked file).
  it('a program filling /tmp gets ENOSPC within the machine memory limit', async () => {
    const m = await Machine.boot({ mode: 'multiplexed', memoryLimit: 256 << 20 });
    try {
      const p = m.spawn(readFileSync(wasm.tmp_fill!), { args: ['tmp_fill', '1024'], stdio: 'pipe' });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toMatch(/^write failed after (\d+) MiB: No space left on device\n$/);
      expect(Number(/after (\d+)/.exec(p.stdout)![1])).toBeLessThanOrEqual(256);
    } finally {
      await m.shutdown();
    }
  }, 60_000);

  it('gives the bytes back: 96 MiB written and freed four ways, 3 rounds, under a 256 MiB budget', async () => {
    const m = await Machine.boot({ mode: 'multiplexed', memoryLimit: 256 << 20 });
    try {
      const p = m.spawn(readFileSync(wasm.tmp_cycle!), { args: ['tmp_cycle', '3'], stdio: 'pipe' });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('3 rounds\n');
    } finally {
      await m.shutdown();
    }
  }, 60_000);
});

describe('host descriptors of a host mount after shutdown', () => {
  // A mount's root descriptor and its kept directory descriptors were closed only by a
  // FinalizationRegistry: after Machine.shutdown() they stayed open until a GC that fd pressure
  // does not cause (2 per machine with one mount and one subdirectory walked), so an embedder
  // booting machines in a loop ran out of descriptors. Shutdown now closes them (HostFs.close).
  it('Machine.shutdown leaves no descriptor open on the mounted directory', async () => {
    const host = mkdtempSync(join(tmpdir(), 'l4wasm-fds-'));
    mkdirSync(join(host, 'sub'));
    const onHost = () => readdirSync('/proc/self/fd').filter((fd) => { try { return readlinkSync(`/proc/self/fd/${fd}`).startsWith(host); } catch { return false; } });
    try {
      for (let i = 0; i < 3; i++) {
        const m = await Machine.boot({ mode: 'multiplexed', mounts: [{ host, guest: '/h' }] });
        const p = m.spawn(readFileSync(wasm.deep_suspend!), { args: ['deep_suspend', '1'], stdio: 'pipe', cwd: '/h/sub' });
        expect(await p.exit).toEqual({ code: 0 });
        await m.shutdown();
      }
      expect(onHost()).toEqual([]);
    } finally {
      rmSync(host, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('many fast POSIX timers', () => {
  // With 1,000 timers of the shortest period (100 µs) an expire() pass of the signal thread E took
  // longer than the period, so a timer was always due and E never gave the CPU back: the Node
  // event loop starved, no other program ran, spawn's timeout never fired and `l4wasm run` ignored
  // SIGTERM. E now waits at least as long as its last pass took (the timers count overruns
  // meanwhile, as Linux's do), and the program ends after its 0.2 s sleep.
  it('1,000 timers of 1 µs: the program runs its sleep out and exits, the host stays responsive', () => {
    for (const mode of [[], ['--decouple']]) {
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'l4wasm.js'), 'run', ...mode, wasm.timer_flood!, '1000'],
        { encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
      expect(r.signal, `${mode} ${r.stderr}`).toBeNull();
      expect(r.stdout).toBe('timers 1000 errno 0\ncaught 1\n');
    }
  }, 120_000);
});
