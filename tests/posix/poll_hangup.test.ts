// poll's hang-up report on pipes (POLLHUP when the peer closed), compared with the same program
// built by gcc and run on Linux, kept in tests/posix/expected/poll_hangup.out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, run } from './run.js';

let wasm: string;
beforeAll(async () => {
  wasm = await build('tests/posix/fixtures/poll_hangup.c');
}, 240_000);

describe('poll on a pipe whose other end is closed', () => {
  it('reports the hang-up as Linux does', async () => {
    const r = await run(wasm, []);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(import.meta.dirname, 'expected', 'poll_hangup.out'), 'utf8'));
    expect(r.code).toBe(0);
  });
});
