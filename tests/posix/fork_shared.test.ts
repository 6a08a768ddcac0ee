// MAP_SHARED memory across fork (anonymous and file-backed) shared, MAP_PRIVATE private: compared
// with the same program built by gcc and run on Linux, kept in tests/posix/expected/fork_shared.out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, run } from './run.js';

let wasm: string;
beforeAll(async () => {
  wasm = await build('tests/posix/fixtures/fork_shared.c');
}, 240_000);

describe('MAP_SHARED after fork', () => {
  it('is shared between parent, children and grandchildren as on Linux', async () => {
    const r = await run(wasm, []);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(import.meta.dirname, 'expected', 'fork_shared.out'), 'utf8'));
    expect(r.code).toBe(0);
  });
});
