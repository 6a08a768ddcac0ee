// Preemption: loops are instrumented at load with a budget check, so a program that computes
// without ever calling the host gives up the CPU at its slice's end and takes its signals.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

let spin: string;
let hello: string;
beforeAll(async () => {
  spin = await compileCached(join(import.meta.dirname, 'fixtures', 'spin.c'));
  hello = await compileCached(join(import.meta.dirname, '..', '..', 'examples', 'hello.c'));
}, 120_000);

describe('preemption', () => {
  it('an endless loop does not keep others from running, and SIGTERM ends it', async () => {
    const m = await Machine.boot();
    try {
      // Prepared before the loop runs: the first asyncify of a module is long host work of its own.
      await m.spawn(hello, { args: ['hello'] }).exit;
      const loop = m.spawn(spin, { args: ['spin', 'forever'] });
      const others = [1, 2, 3].map(() => m.spawn(hello, { args: ['hello'] }));
      for (const o of others) expect((await o.exit).code).toBe(0);
      loop.kill(15);
      expect(await loop.exit).toEqual({ code: 143, signal: 15 });
    } finally {
      await m.shutdown();
    }
  });

  it('a timer signal reaches a loop that never calls the host', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(spin, { args: ['spin', 'alarm'] });
      expect((await p.exit).code).toBe(0);
      expect(p.stdout).toBe('handler ran after some iterations\n');
    } finally {
      await m.shutdown();
    }
  });

  it('shutdown ends a computing program', async () => {
    const m = await Machine.boot();
    const loop = m.spawn(spin, { args: ['spin', 'forever'] });
    await new Promise((r) => setTimeout(r, 100));
    await m.shutdown();
    expect((await loop.exit).signal).toBe(9);
  });
});
