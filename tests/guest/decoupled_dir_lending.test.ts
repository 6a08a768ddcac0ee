// A decoupled program's stat and unlink of a name in a host mount's root are answered on its own
// core once the vCPU has lent it that directory (guest/dir_lending.ts): every answer equals the
// multiplexed one (files, directories, symlinks followed or not, missing names, '.', '..',
// trailing slashes, long and non-ASCII names), as does what is left on the host; a mount made
// meanwhile under the lent root is seen at once, a directory descriptor that is replaced by dup2,
// closed or reused names its new directory, and a read-only mount is never unlinked in. (Also
// here: fd_fdstat_get of a directory descriptor at the top of the table, kept on the worker.)
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { lentStats } from '../../src/guest/decoupled.js';
import { TmpFs } from '../../src/vfs/tmpfs.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

let wasm = '';
beforeAll(async () => {
  wasm = await compileCached(join(import.meta.dirname, 'fixtures', 'lent_dirs.c'));
}, 240_000);

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two host directories with files, a subdirectory, symlinks (one dangling) and a non-ASCII name. */
function hostDirs(): { d: string; e: string; done: () => void } {
  const base = mkdtempSync(join(os.tmpdir(), 'l4wasm-dirs-'));
  const d = join(base, 'd'), e = join(base, 'e');
  for (const dir of [d, e]) {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'f'), 'hello');
    writeFileSync(join(dir, 'sub', 'g'), 'in sub');
    writeFileSync(join(dir, 'café'), 'accent');
    symlinkSync('f', join(dir, 'link'));
    symlinkSync('nowhere', join(dir, 'dangling'));
  }
  writeFileSync(join(d, 'only-d'), 'd');
  writeFileSync(join(e, 'only-e'), 'ee');
  return { d, e, done: () => rmSync(base, { recursive: true, force: true }) };
}

async function run(args: string[], decouple: boolean, during?: (m: Machine, p: ReturnType<Machine['spawn']>) => Promise<void>, readOnlyE = false) {
  const dirs = hostDirs();
  const m = await Machine.boot({ mounts: [{ host: dirs.d, guest: '/d' }, { host: dirs.e, guest: '/e', readOnly: readOnlyE }] });
  const before = lentStats.localCalls;
  try {
    const p = m.spawn(wasm, { args: ['lent_dirs', ...args], decouple, ...(during !== undefined ? { stdin: 'pipe' as const } : {}) });
    if (during !== undefined) await during(m, p);
    const r = await p.wait();
    await m.shutdown();
    for (let i = 0; i < 200 && lentStats.ending > 0; i++) await tick(10);
    const left = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort().join(' ');
    return { ...r, localCalls: lentStats.localCalls - before, left: { d: left(dirs.d), e: left(dirs.e) } };
  } finally {
    await m.shutdown();
    dirs.done();
  }
}

describe('directories lent to a decoupled program', () => {
  it('answers stat of names in a host mount root as the vCPU does, most of them on its own core', async () => {
    const multiplexed = await run(['names', '/d', '/e'], false);
    const decoupled = await run(['names', '/d', '/e'], true);
    expect(multiplexed.code).toBe(0);
    expect(multiplexed.stdout).toContain('stat /d/f: file size 5');
    expect(multiplexed.stdout).toContain('lstat /d/link: link');
    expect(multiplexed.stdout).toContain('stat /d/missing: errno No such file or directory');
    expect(multiplexed.stdout).toContain('stat long name: errno File name too long');
    expect(decoupled.code).toBe(0);
    expect(decoupled.stdout).toBe(multiplexed.stdout);
    // The stats of plain names after the first on each root are answered locally (15 calls are without them).
    expect(decoupled.localCalls).toBeGreaterThanOrEqual(25);
  });

  it('sees a mount made under the lent root at once', async () => {
    const during = async (m: Machine, p: ReturnType<Machine['spawn']>) => {
      for (let i = 0; i < 500 && !p.stdout.includes('ready'); i++) await tick(10);
      const fs = new TmpFs();
      expect(m.vfs.mount('/d/m', fs)).toBe(0);
      expect(typeof m.vfs.open('/d/m/inside', { read: false, write: true, create: true })).toBe('object');
      p.stdin.write('go\n');
    };
    for (const decouple of [false, true]) {
      const r = await run(['mount', '/d'], decouple, during);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines.slice(0, 4)).toEqual([...Array(3).fill('before: errno No such file or directory'), 'ready']);
      expect(lines[4]).toMatch(/^after: dir /);
      expect(lines[5]).toBe('same node: no');
      expect(lines[6]).toMatch(/^inside: file size 0/);
    }
  });

  it('a directory descriptor replaced by dup2, closed or reused names its new directory at once', async () => {
    const multiplexed = await run(['descriptors', '/d', '/e'], false);
    const decoupled = await run(['descriptors', '/d', '/e'], true);
    expect(multiplexed.stdout).toBe([
      'a: only-d: file size 1 nlink 1 mode 644', 'a: only-d: file size 1 nlink 1 mode 644', 'a: only-d: file size 1 nlink 1 mode 644',
      'a after dup2: only-d: errno No such file or directory', 'a after dup2: only-e: file size 2 nlink 1 mode 644',
      'a closed: only-e: errno Bad file descriptor', 'reused: yes', 'c: only-d: file size 1 nlink 1 mode 644',
      'c: only-e: errno No such file or directory', '',
    ].join('\n'));
    expect(decoupled.stdout).toBe(multiplexed.stdout);
  });

  it('unlinks names in a lent root as the vCPU does, and leaves the same files behind', async () => {
    const multiplexed = await run(['unlink', '/d'], false);
    const decoupled = await run(['unlink', '/d'], true);
    expect(multiplexed.code).toBe(0);
    expect(multiplexed.stdout).toContain('unlink /d/f: ok\nunlink /d/f: No such file or directory');
    expect(multiplexed.stdout).toContain('unlink /d/sub: Is a directory');
    expect(decoupled.stdout).toBe(multiplexed.stdout);
    expect(decoupled.left).toEqual(multiplexed.left);
    expect(decoupled.left.d).toBe('café link only-d');
    // The unlinks that succeed after the first call on /d lent it: made on the program's core.
    expect(decoupled.localCalls).toBeGreaterThanOrEqual(4);
  });

  it('never unlinks in a read-only mount', async () => {
    const multiplexed = await run(['unlink', '/e'], false, undefined, true);
    const decoupled = await run(['unlink', '/e'], true, undefined, true);
    expect(multiplexed.stdout).toContain('unlink /e/f: Read-only file system');
    expect(decoupled.stdout).toBe(multiplexed.stdout);
    expect(decoupled.left.e).toBe(multiplexed.left.e);
    expect(decoupled.left.e).toContain('only-e');
  });

  it('a directory descriptor at the top of the table has its fdstat answered on the worker too', async () => {
    const r = await run(['highfd', '/d'], true);
    expect(r.stdout).toBe('opened 50\n');
    // 50 reads, and the fdstat of descriptor 1000 after the first (without a place for it: 50).
    expect(r.localCalls).toBeGreaterThanOrEqual(95);
  });
});
