// Permission bits and the file details around them through tests/posix/fixtures/modes.c: chmod,
// fchmod, fchmodat, umask (inherited by fork), access/faccessat, ftruncate on a read-only
// descriptor, open(O_CLOEXEC), getcwd after chdir("b/.."), invalid clock ids. The expected output
// (tests/posix/expected/modes_*.out) is what the same source prints compiled natively with gcc and
// run as root on Linux; l4wasm must print it on tmpfs and on a host directory mount alike.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, ROOT, run as runProgram } from './run.js';
import type { L4RunOptions } from '../helpers/run_l4wasm.js';
import { Errno } from '../../src/errno.js';
import { runNodeWasi } from '../helpers/run_node_wasi.js';

let modes: string;
const hostDirs: string[] = [];
beforeAll(async () => { modes = await build('tests/posix/fixtures/modes.c'); }, 120_000);
afterAll(() => { for (const d of hostDirs) rmSync(d, { recursive: true, force: true }); });

function expected(topic: string): string {
  return readFileSync(join(ROOT, 'tests', 'posix', 'expected', `modes_${topic}.out`), 'utf8');
}

/** Runs the fixture with itself installed as /bin/modes (umask starts a copy through PATH). */
function run(wasm: string, args: string[], options: Partial<L4RunOptions> = {}) {
  return runProgram(wasm, args, {
    ...options,
    env: { PATH: '/bin', ...options.env },
    prepare: async (m) => { m.install('/bin/modes', readFileSync(wasm)); await options.prepare?.(m); },
  });
}

function hostDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'l4wasm-modes-'));
  hostDirs.push(d);
  return d;
}

const TOPICS = ['chmod', 'umask', 'access', 'ftruncate', 'cloexec', 'getcwd', 'clock', 'times'];

describe('on tmpfs', () => {
  for (const topic of TOPICS) {
    it(`${topic}: as Linux`, async () => {
      const r = await run(modes, [topic, '/tmp']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(expected(topic));
    });
  }
});

describe('decoupled (calls forwarded from a worker)', () => {
  for (const topic of ['chmod', 'access', 'getcwd', 'cloexec']) {
    it(`${topic}: as Linux`, async () => {
      const r = await run(modes, [topic, '/tmp'], { decouple: true });
      expect(r.stdout).toBe(expected(topic));
    });
  }
  // On a host mount the worker also defers create_mode and F_SETFD, and answers fd_fdstat_get itself.
  for (const topic of ['chmod', 'cloexec']) {
    it(`${topic} on a host directory: as Linux`, async () => {
      const r = await run(modes, [topic, '/work'], { decouple: true, mounts: [{ host: hostDir(), guest: '/work' }] });
      expect(r.stdout).toBe(expected(topic));
    });
  }
});

describe('on a host directory', () => {
  // Times on host files keep what node:fs's utimes keeps (a double of seconds: ~0.2 µs), not ns.
  for (const topic of TOPICS.filter((t) => t !== 'clock' && t !== 'times')) {
    it(`${topic}: as Linux, the modes passed through to the host`, async () => {
      const host = hostDir();
      const r = await run(modes, [topic, '/work'], { mounts: [{ host, guest: '/work' }] });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(expected(topic));
    });
  }

  it('modes set by the guest are the host file\'s modes', async () => {
    const host = hostDir();
    writeFileSync(join(host, 'f'), 'x');
    const { Machine } = await import('../../src/index.js');
    const m = await Machine.boot({ mounts: [{ host, guest: '/work' }] });
    try {
      expect(m.vfs.chmod('/work/f', 0o640, true)).toBe(0);
      expect(statSync(join(host, 'f')).mode & 0o7777).toBe(0o640);
      const st = m.vfs.stat('/work/f');
      expect(typeof st === 'number' ? st : st.mode).toBe(0o640);
    } finally {
      await m.shutdown();
    }
  });

  it('a read-only mount refuses to create', async () => {
    const host = hostDir();
    mkdirSync(join(host, 'd'));
    const r = await run(modes, ['chmod', '/ro/d'], { mounts: [{ host, guest: '/ro', readOnly: true }] });
    const out = r.stdout.split('\n');
    expect([out[0], out[2]]).toEqual(['create 0644: EROFS', 'chmod 0600: ENOENT']);
  });
});

describe('the calls themselves on a read-only mount', () => {
  it('chmod, access(W_OK) are EROFS; access(R_OK) answers', async () => {
    const { Machine } = await import('../../src/index.js');
    const host = hostDir();
    writeFileSync(join(host, 'f'), 'x');
    const m = await Machine.boot({ mounts: [{ host, guest: '/ro', readOnly: true }] });
    try {
      expect(m.vfs.chmod('/ro/f', 0o600, true)).toBe(-Errno.EROFS);
      expect(m.vfs.access('/ro/f', 2, true, { uid: 0, gid: 0 })).toBe(-Errno.EROFS);
      expect(m.vfs.access('/ro/f', 4, true, { uid: 0, gid: 0 })).toBe(0);
      expect(m.vfs.chmod('/rom', 0o600, true)).toBeLessThan(0);
      expect(statSync(join(host, 'f')).mode & 0o777).toBe(0o644);
    } finally {
      await m.shutdown();
    }
  });
});

describe('under node:wasi', () => {
  // Only the topics whose fixes live in the program itself (libl4posix's ftruncate and clocks):
  // the others need l4posix imports, which node:wasi's harness answers with ENOSYS.
  for (const topic of ['ftruncate', 'clock']) {
    it(`${topic}: the same lines`, async () => {
      const host = hostDir();
      const r = await runNodeWasi(modes, { args: ['modes', topic, '/work'], preopens: { '/work': host } });
      expect(r.stdout).toBe(expected(topic));
    });
  }
});

describe('through the POSIX server', () => {
  it('umask and create modes: the same lines when every call goes to the server by IPC', async () => {
    const { Machine } = await import('../../src/index.js');
    const { callWrappers } = await import('../../src/cli/trace_args.js');
    const m = await Machine.boot();
    try {
      const { wrap } = callWrappers(m, { syscalls: 'server' });
      m.install('/bin/modes', readFileSync(modes));
      const p = m.spawn(modes, { args: ['modes', 'umask', '/tmp'], env: { PATH: '/bin' }, wrapImports: wrap });
      await p.exit;
      expect(p.stdout).toBe(expected('umask'));
    } finally {
      await m.shutdown();
    }
  });
});
