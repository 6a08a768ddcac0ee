// Deep call stacks: a multiplexed program that suspends deep in a recursion must go on as it does
// decoupled (asyncify saves every frame in the reserved top of memory), and one that exhausts the
// host's native stack dies with SIGSEGV while the machine runs on.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

const here = join(import.meta.dirname, 'fixtures');
let deep: Uint8Array;

beforeAll(async () => {
  deep = readFileSync(await compileCached(join(here, 'deep_suspend.c'), ['-O2']));
});

describe('a deep call stack', () => {
  it('suspends and resumes at a depth of 7,000 (2 reserved pages overflowed at 6,000: SIGSEGV), as decoupled', async () => {
    const m = await Machine.boot({ mode: 'multiplexed' });
    try {
      const out: string[] = [];
      for (const decouple of [false, true]) {
        const p = m.spawn(deep, { args: ['deep_suspend', '7000'], decouple, stdio: 'pipe' });
        expect(await p.exit, `decouple ${decouple}`).toEqual({ code: 0 });
        out.push(p.stdout);
      }
      expect(out[0]).toMatch(/^\d+\n$/);
      expect(out[1]).toBe(out[0]);
    } finally {
      await m.shutdown();
    }
  }, 60_000);

  it('beyond the native stack: SIGSEGV ("call stack exhausted"), and the machine runs the next program', async () => {
    const m = await Machine.boot({ mode: 'multiplexed' });
    try {
      const p = m.spawn(deep, { args: ['deep_suspend', '1000000'], stdio: 'pipe' });
      expect(await p.exit).toMatchObject({ code: 139, signal: 11, trap: { message: 'call stack exhausted' } });
      const q = m.spawn(deep, { args: ['deep_suspend', '10'], stdio: 'pipe' });
      expect(await q.exit).toEqual({ code: 0 });
    } finally {
      await m.shutdown();
    }
  }, 60_000);
});
