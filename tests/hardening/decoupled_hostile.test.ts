// A decoupled program must see what the same program sees multiplexed (and on Linux): signal
// delivery order, and its hostile exports refused alike.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

const here = join(import.meta.dirname, 'fixtures');
let reraise: Uint8Array;

beforeAll(async () => {
  reraise = readFileSync(await compileCached(join(here, 'signal_reraise.c')));
});

describe('signals, decoupled as multiplexed', () => {
  it('a signal a handler raises for itself runs as that handler returns, before the program goes on', async () => {
    const m = await Machine.boot({ mode: 'multiplexed' });
    try {
      for (const decouple of [false, true]) {
        const p = m.spawn(reraise, { decouple, stdio: 'pipe' });
        expect(await p.exit, `decouple ${decouple}`).toEqual({ code: 0 });
        // Linux prints the same.
        expect(p.stdout, `decouple ${decouple}`).toBe('after raise 3\nblocked 0, unblocked 3\n');
      }
    } finally {
      await m.shutdown();
    }
  }, 60_000);
});
