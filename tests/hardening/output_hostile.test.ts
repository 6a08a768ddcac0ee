// A program's output collected for the embedder (stdio 'pipe') is bounded: a program that writes
// without end no longer takes the host's memory (nor makes p.stdout throw past V8's longest
// string, as 700 MB did): past maxBuffer it is cut off and ended, as child_process.exec does.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

const here = join(import.meta.dirname, 'fixtures');
let yes: Uint8Array;

beforeAll(async () => {
  yes = readFileSync(await compileCached(join(here, 'yes_bytes.c')));
});

const MiB = 1 << 20;

describe('output beyond maxBuffer', () => {
  it('keeps exactly maxBuffer bytes, refuses the rest (EPIPE) and ends the program with an error, decoupled as multiplexed', async () => {
    const m = await Machine.boot({ mode: 'multiplexed' });
    try {
      for (const decouple of [false, true]) {
        const p = m.spawn(yes, { args: ['yes_bytes', '4'], decouple, stdio: 'pipe', maxBuffer: MiB + 5 });
        const s = await p.exit;
        expect(s, `decouple ${decouple}`).toMatchObject({ error: `its stdout exceeded maxBuffer (${MiB + 5} bytes)` });
        expect([13, 9]).toContain(s.signal); // SIGPIPE from its write, or the SIGKILL that follows
        expect(p.stdout.length).toBe(MiB + 5);
        expect(p.stdout).toMatch(/^y+$/);
        // Output of exactly maxBuffer bytes is all kept and ends nothing.
        const q = m.spawn(yes, { args: ['yes_bytes', '2'], decouple, stdio: 'pipe', maxBuffer: 2 * MiB });
        expect(await q.exit, `decouple ${decouple}`).toEqual({ code: 0 });
        expect(q.stdout.length).toBe(2 * MiB);
      }
    } finally {
      await m.shutdown();
    }
  }, 60_000);

  it('is 64 MiB by default; a bad maxBuffer is a TypeError', async () => {
    const m = await Machine.boot({ mode: 'multiplexed' });
    try {
      const p = m.spawn(yes, { args: ['yes_bytes', '80'], stdio: 'pipe' });
      expect(await p.exit).toMatchObject({ error: `its stdout exceeded maxBuffer (${64 * MiB} bytes)` });
      expect(p.stdout.length).toBe(64 * MiB);
      for (const bad of [0, -1, Number.NaN, '1', 2 ** 40, -Infinity]) {
        expect(() => m.spawn(yes, { maxBuffer: bad as number })).toThrow(TypeError);
      }
      // Infinity: all kept, as before there was a limit.
      const all = m.spawn(yes, { args: ['yes_bytes', '65'], stdio: 'pipe', maxBuffer: Infinity });
      expect(await all.exit).toEqual({ code: 0 });
      expect(all.stdout.length).toBe(65 * MiB);
    } finally {
      await m.shutdown();
    }
  }, 60_000);
});
