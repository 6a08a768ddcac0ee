// A signal handler that siglongjmps out of a blocking read (the handler interrupted the read),
// round after round, multiplexed and decoupled: the signal from setitimer, from a forked child,
// from a spawned one. The output is what the same program prints on Linux (gcc).
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { Machine } from '../../src/index.js';
import { run, SJLJ } from './helpers.js';

let wasm = '';
beforeAll(async () => {
  wasm = await compileCached(join(import.meta.dirname, 'fixtures', 'jump_read.c'), SJLJ);
}, 120_000);

const rounds = (sigs: number[]) => sigs.map((s, i) => `round ${i}: jumped out of read by signal ${s}, blocked after: 0\n`).join('')
  + 'after the jumps: write 5, read 5 "after", nanosleep 0\n';

describe.each([['multiplexed', false], ['decoupled', true]])('siglongjmp out of a blocking read, %s', (_, decouple) => {
  it('every round: the timer\'s SIGALRM interrupts read, the handler jumps back', async () => {
    const r = await run(wasm, ['jump_read', 'timer', '5'], { decouple });
    expect(r.stdout).toBe(rounds([14, 14, 14, 14, 14]));
    expect(r.status).toEqual({ code: 0 });
  });

  it('every round: SIGUSR1 from a spawned child (the program again, from /bin) interrupts read', async () => {
    const m = await Machine.boot({ programs: { '/bin/jump_read': readFileSync(wasm) } });
    try {
      const p = m.spawn(wasm, { args: ['jump_read', 'spawn', '4'], decouple });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe(rounds([10, 10, 10, 10]));
    } finally {
      await m.shutdown();
    }
  });

  it('setjmp/longjmp out of the handler leave the signal blocked, as on Linux', async () => {
    const r = await run(wasm, ['jump_read', 'longjmp'], { decouple });
    expect(r.stdout).toBe('longjmp out of read by signal 14, blocked after: 1\n');
  });
});

describe('siglongjmp out of a blocking read, multiplexed, signals from forked children', () => {
  it('SIGUSR1 from a forked child each round, and the timer and children alternating', async () => {
    const fork = await run(wasm, ['jump_read', 'fork', '4']);
    expect(fork.stdout).toBe(rounds([10, 10, 10, 10]));
    const mixed = await run(wasm, ['jump_read', 'mixed', '6']);
    expect(mixed.stdout).toBe(rounds([14, 10, 14, 10, 14, 10]));
    expect(mixed.status).toEqual({ code: 0 });
  });
});
