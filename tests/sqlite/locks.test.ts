// POSIX record locks (fcntl F_GETLK/F_SETLK/F_SETLKW) among guest processes, on tmpfs and on a
// host mount: tests/sqlite/fixtures/locks.c forks and the two processes meet on one file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { runL4wasm } from '../helpers/run_l4wasm.js';

const ROOT = join(import.meta.dirname, '..', '..');
let wasm: string;
const host = mkdtempSync(join(tmpdir(), 'l4wasm-locks-'));
beforeAll(async () => { wasm = await compileCached(join(ROOT, 'tests/sqlite/fixtures/locks.c')); }, 240_000);
afterAll(() => rmSync(host, { recursive: true, force: true }));

const expected = [
  'parent write lock [0,100): ok',
  'parent unlock [40,60): ok',
  'parent read lock [200,300): ok',
  'child write [5,6): EAGAIN',
  'child F_GETLK [90,): type F_WRLCK start 60 len 40 pid is parent: yes',
  'child write in the hole [45,50): ok',
  'child read [250,260) beside a read lock: ok',
  'child write [250,260) over a read lock: EAGAIN',
  'parent closed a second descriptor',
  'child write [0,10) after the parent\'s close: ok',
  'child unlock [0,10): ok',
  'parent write lock [0,10) again: ok',
  'child F_SETLKW [0,10) interrupted by a signal: EINTR',
  'parent unlock [0,10): ok',
  'child F_SETLKW [0,10): ok, waited for the holder: yes',
  'parent write [0,10) after the child exited holding it: ok',
  'parent write lock on a read-only descriptor: Bad file descriptor',
].join('\n') + '\n';

describe('fcntl record locks across guest processes', () => {
  it.each([
    ['tmpfs', '/tmp/locks.db'],
    ['a host mount', '/data/locks.db'],
  ])('on %s: conflicts, F_GETLK owner, splitting, release at close and exit, F_SETLKW waits (EINTR on a signal)', async (_, path) => {
    const r = await runL4wasm(wasm, { args: ['locks', path], mounts: [{ host, guest: '/data' }] });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
    expect(r.code).toBe(0);
  });
});
