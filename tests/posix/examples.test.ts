// The examples of issue #4's memory and files/identity/terminal groups, with their whole output
// asserted: examples/mmap.c, examples/pipes.c, examples/identity.c.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, run } from './run.js';

const wasm: Record<string, string> = {};
beforeAll(async () => {
  for (const name of ['mmap', 'pipes', 'identity']) wasm[name] = await build(`examples/${name}.c`);
}, 180_000);

const expected = (name: string) => readFileSync(join(import.meta.dirname, 'expected', `${name}.out`), 'utf8');

describe('examples', () => {
  it('mmap: anonymous, split, reuse, malloc beside, private and shared files, ROM, mprotect', async () => {
    const r = await run(wasm.mmap!, [], { roms: [{ name: 'motd', data: 'Welcome to l4wasm.\nSecond line.\n' }] });
    expect(r.stdout).toBe(expected('mmap'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('pipes: pipe, dup2 redirection, EOF, O_NONBLOCK, F_DUPFD, FD_CLOEXEC, EPIPE', async () => {
    const r = await run(wasm.pipes!, []);
    expect(r.stdout).toBe(expected('pipes'));
    expect(r.code).toBe(0);
  });

  it('identity: ids, uname, limits, sysconf, and the terminal switched to raw mode and back', async () => {
    const r = await run(wasm.identity!, []);
    expect(r.stdout).toBe(expected('identity'));
    expect(r.code).toBe(0);
  });
});
