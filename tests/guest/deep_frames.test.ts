// A program prepared for the multiplexed mode needs about the stack its original needs: deep
// recursion through a function with a big frame (a loop over a 128-case switch whose cases keep
// values live across calls) runs as deep as under node:wasi, suspended on the way, with the
// output node:wasi gives. Asyncify's unoptimized output (level 0) gave that function 1,343 locals
// and a 5.4 KB baseline frame instead of 64 bytes: it exhausted the stack at depth ~150 of 2,000.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { optimizeLevel, OPTIMIZE_CODE_LIMIT } from '../../src/guest/asyncify.js';
import { preemptEvery } from '../helpers/preempt.js';
import { runNodeWasi } from '../helpers/run_node_wasi.js';

const DEPTH = '2000';

let deep: string;
beforeAll(async () => {
  deep = await compileCached(join(import.meta.dirname, 'fixtures', 'deep_frames.c'), ['-O2']);
}, 240_000);

describe('stack use of a prepared program', () => {
  it(`recursion ${DEPTH} deep through a big frame, suspended on the way, prints what node:wasi prints`, async () => {
    const bare = await runNodeWasi(deep, { args: ['deep_frames', DEPTH] });
    expect(bare.code).toBe(0);
    const expected = bare.stdout;
    expect(expected).toMatch(/depth 0 acc [0-9a-f]{8}\nchecksum [0-9a-f]{8}\n$/);
    const m = await Machine.boot({ mode: 'multiplexed' });
    try {
      const p = m.spawn(deep, { args: ['deep_frames', DEPTH], wrapImports: preemptEvery(5) });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe(expected);
    } finally {
      await m.shutdown();
    }
  });

  it('asyncify\'s optimizing path: up to 2 MiB of code, under a time budget where it fits in half of it', () => {
    expect(optimizeLevel(1_103_586)).toBe(1); // SQLite's shell, forced multiplexed
    expect(optimizeLevel(OPTIMIZE_CODE_LIMIT + 1)).toBe(0);
    expect(optimizeLevel(196_148, 20_000)).toBe(1); // flite in the default mode
    expect(optimizeLevel(1_103_586, 20_000)).toBe(0);
  });
});
