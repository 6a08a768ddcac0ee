// How handlers run inside the program's calls: a handler may block (the program's stack unwinds
// through the call that runs it and is rewound), signals nest, a handler may siglongjmp out after
// it was suspended; a handler run at a call that cannot suspend gets EINTR instead of waiting. A
// program that computes gives the CPU up at its calls when others' timeouts are due.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { outputContains, run, SJLJ, tick } from './helpers.js';

let wasm = '';
let sleeper = '';

beforeAll(async () => {
  wasm = await compileCached(join(import.meta.dirname, 'fixtures', 'delivery.c'), SJLJ);
  sleeper = await compileCached(join(import.meta.dirname, '..', 'guest', 'fixtures', 'sleeper.c'));
});

describe('signal delivery', () => {
  it('a handler that sleeps suspends inside raise; raise returns after it', async () => {
    const r = await run(wasm, ['delivery', 'sleep']);
    expect(r.stdout).toBe('handler 10: nap = 0, slept 100 ms: yes\nraise = 0\n');
  });

  it('a handler that reads waits for input inside kill', async () => {
    const r = await run(wasm, ['delivery', 'read'], { stdin: 'pipe' }, async (p) => {
      await tick(100);
      expect(p.stdout).toBe('');
      p.write('late input\n');
    });
    expect(r.stdout).toBe('handler 10 read "late input"\nkill = 0\n');
  });

  it('a signal that arrives while a handler sleeps runs its own handler inside that sleep (EINTR)', async () => {
    const r = await run(wasm, ['delivery', 'nested'], {}, async (p) => {
      await outputContains(p, 'waiting as');
      p.kill(10);
      await tick(30);
      p.kill(12);
    });
    expect(r.stdout).toBe('waiting as 1\nhandler 12 ran\nhandler 10: nap = -1 (EINTR), slept 100 ms: no\nusr2 12\n');
  });

  it('a handler can siglongjmp out after it was suspended', async () => {
    const r = await run(wasm, ['delivery', 'jump']);
    expect(r.stdout).toBe('handler 10 slept, jumps\nback with 10\n');
    expect(r.status).toEqual({ code: 0 });
  });

  it('a handler run at a call that cannot suspend (sigprocmask) gets EINTR instead of waiting', async () => {
    const r = await run(wasm, ['delivery', 'local']);
    expect(r.stdout).toBe('handler 10: nap = -1 (EINTR), slept 100 ms: no\nunblocked\n');
  });

  it('a computing program gives up the CPU at its calls: the host\'s events and others\' timeouts are served', async () => {
    const m = await Machine.boot();
    try {
      // Prepared once beforehand: a cold preparation alone can take seconds on a loaded machine.
      await m.spawn(sleeper, { args: ['sleeper', 'nap', '1', '1'] }).exit;
      const order: string[] = [];
      const busy = m.spawn(wasm, { args: ['delivery', 'compute', '3000'] });
      await outputContains(busy, 'computing');
      // Loading the sleeper needs the host's event loop, which turns while the other computes.
      const nap = m.spawn(sleeper, { args: ['sleeper', 'nap', '20', '2'] });
      busy.exit.then(() => order.push('busy'));
      nap.exit.then(() => order.push('nap'));
      await Promise.all([busy.exit, nap.exit]);
      expect(order).toEqual(['nap', 'busy']);
      expect(nap.stdout).toBe('nap 0 slept enough\nnap 1 slept enough\n');
    } finally {
      await m.shutdown();
    }
  });
});
