// Soak: process lifecycles leave nothing behind in the host (issue 10, section 3). After a warm-up
// of 8,000 lifecycles (V8's optimized code and feedback for them grow for that long, then settle:
// measured floors 7.61, 7.74, 7.85, 7.90, 7.95, 7.96 MB after 0, 1k, 2k, 4k, 8k, 12k more past
// a 3k warm-up), 1,000 more keep heapUsed flat within 1%, and the process objects of finished
// lifecycles are collected. A lifecycle takes about 0.5 ms, so this runs in ~6 s.
// `npm run test:soak` runs 10,000 after 10,000 (L4WASM_SOAK_WARMUP, L4WASM_SOAK_LIFECYCLES).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

const ROOT = join(import.meta.dirname, '..', '..');
const LIFECYCLES = Number(process.env.L4WASM_SOAK_LIFECYCLES ?? 1000);
const WARMUP = Number(process.env.L4WASM_SOAK_WARMUP ?? 8000);

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** heapUsed after full collections (the event loop turns between them, so finished work is freed). */
async function heapUsed(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
}

/**
 * The heap's floor around now: the least of a few samples taken between lifecycles. What a GC
 * leaves varies by some 100 KB from one collection to the next; a leak raises the floor.
 */
async function floor(step: () => Promise<void>): Promise<number> {
  let least = Infinity;
  for (let i = 0; i < 5; i++) {
    for (let k = 0; k < 20; k++) await step();
    least = Math.min(least, await heapUsed());
  }
  return least;
}

describe('soak', () => {
  it(`${LIFECYCLES} process lifecycles after ${WARMUP} of warm-up: heap flat within 1%, every process collected`, async () => {
    const hello = await compileCached(join(ROOT, 'examples', 'hello.c'));
    const echo = await compileCached(join(ROOT, 'tests', 'guest', 'fixtures', 'echo_lines.c'));
    const m = await Machine.boot();
    let n = 0;
    // A lifecycle: a program that runs straight through, and one that blocks on its input first.
    const lifecycle = async (): Promise<void> => {
      if (n++ % 2 === 0) {
        const p = m.spawn(hello, { args: ['hello', String(n)] });
        if ((await p.exit).code !== 0) throw new Error('hello failed');
      } else {
        const p = m.spawn(echo, { stdin: 'pipe' });
        await new Promise((r) => setImmediate(r));
        p.write('line\n');
        p.end();
        if ((await p.exit).code !== 1) throw new Error('echo_lines failed');
      }
    };
    for (let i = 0; i < WARMUP; i++) await lifecycle();
    const before = await floor(lifecycle);
    for (let i = 0; i < LIFECYCLES; i++) await lifecycle();
    const after = await floor(lifecycle);
    const growth = (after - before) / before;
    console.log(`soak: heapUsed floor ${(before / 1e6).toFixed(2)} -> ${(after / 1e6).toFixed(2)} MB over ${LIFECYCLES} lifecycles (${(growth * 100).toFixed(2)}%)`);
    expect(growth).toBeLessThan(0.01);
    // Every GuestProcess and Process of 200 more lifecycles is collected.
    const collected = new Set<number>();
    const registry = new FinalizationRegistry<number>((id) => collected.add(id));
    for (let i = 0; i < 100; i++) {
      const p = m.spawn(hello);
      registry.register(p, 2 * i);
      await p.exit;
      registry.register(p.process!, 2 * i + 1);
    }
    for (let i = 0; i < 4 && collected.size < 200; i++) {
      await heapUsed();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(collected.size).toBeGreaterThanOrEqual(198);
    await m.shutdown();
  }, 600_000);
});
