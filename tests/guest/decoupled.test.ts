// Decoupled programs: their calls forwarded from a worker to the vCPU lose nothing, signals reach
// them, and killing one or shutting the machine down under it leaves no worker thread behind.
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

let forward: string;
let decouple: string;
let sleeper: string;
beforeAll(async () => {
  forward = await compileCached(join(import.meta.dirname, 'fixtures', 'forward.c'));
  decouple = await compileCached(join(import.meta.dirname, 'fixtures', 'decouple.c'));
  sleeper = await compileCached(join(import.meta.dirname, 'fixtures', 'sleeper.c'));
}, 240_000);

/** The OS threads of this process (Linux): a worker that is gone has left. */
function threads(): number { return readdirSync('/proc/self/task').length; }

async function threadsBackTo(n: number): Promise<number> {
  for (let i = 0; i < 100 && threads() > n; i++) await new Promise((r) => setTimeout(r, 20));
  return threads();
}

const expectedLines = (n: number) => Array.from({ length: n }, (_, i) => `${i}\n`).join('');

describe('decoupled execution', () => {
  it('short sleeps of decoupled programs on four machines at once: every call is answered (no lost wake-up)', async () => {
    // Each sleep is a forwarded call the vCPU answers at a kernel timeout, waiting on its wake word
    // with Atomics.waitAsync beside a timer; a wait whose timer fired first stayed registered, and
    // the kernel's notify of one waiter woke that stale one: the vCPU slept on with the next call
    // unanswered (~2 of these 4 machines hung per run).
    const rounds = await Promise.all([0, 1, 2, 3].map(async (k) => {
      const m = await Machine.boot();
      try {
        let done = 0;
        for (let r = 0; r < 3; r++) {
          const p = m.spawn(sleeper, { args: ['sleeper', `m${k}`, '3', '200'], decouple: true });
          const status = await Promise.race([p.exit, new Promise<'hung'>((res) => setTimeout(() => res('hung'), 15_000))]);
          if (status === 'hung') { p.kill(); break; }
          expect(status).toEqual({ code: 0 });
          expect(p.stdout.split('\n').length).toBe(201);
          done++;
        }
        return done;
      } finally {
        await m.shutdown();
      }
    }));
    expect(rounds).toEqual([3, 3, 3, 3]);
  }, 120_000);

  it('1,000 forwarded calls from each of 4 decoupled processes at once lose nothing', async () => {
    const m = await Machine.boot();
    try {
      const ps = [0, 1, 2, 3].map(() => m.spawn(forward, { args: ['forward', 'lines', '1000'], decouple: true }));
      for (const p of ps) {
        expect(await p.exit).toEqual({ code: 0 });
        expect(p.stdout).toBe(expectedLines(1000));
      }
    } finally {
      await m.shutdown();
    }
  });

  it('a decoupled and a multiplexed copy print the same', async () => {
    const m = await Machine.boot();
    try {
      const a = m.spawn(forward, { args: ['forward', 'lines', '300'], decouple: true });
      const b = m.spawn(forward, { args: ['forward', 'lines', '300'] });
      expect(await a.exit).toEqual(await b.exit);
      expect(a.stdout).toBe(b.stdout);
    } finally {
      await m.shutdown();
    }
  });

  it('a signal handler runs in the decoupled program before its blocked call returns', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(forward, { args: ['forward', 'signal'], decouple: true });
      for (let i = 0; i < 500 && !p.stdout.includes('ready'); i++) await new Promise((r) => setTimeout(r, 10));
      p.kill(10);
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('ready\nhandler ran for signal 10\n');
    } finally {
      await m.shutdown();
    }
  });

  it('killed mid-call or computing, or under a machine shutdown, it leaves no worker thread', async () => {
    const before = threads();
    const m = await Machine.boot();
    const blocked = m.spawn(forward, { args: ['forward', 'signal'], decouple: true }); // waits in usleep
    const spinning = m.spawn(forward, { args: ['forward', 'spin'], decouple: true });
    const other = m.spawn(forward, { args: ['forward', 'spin'], decouple: true });
    for (let i = 0; i < 500 && !blocked.stdout.includes('ready'); i++) await new Promise((r) => setTimeout(r, 10));
    blocked.kill(15);
    expect(await blocked.exit).toEqual({ code: 143, signal: 15 });
    spinning.kill(9);
    expect(await spinning.exit).toEqual({ code: 137, signal: 9 });
    await m.shutdown();
    expect((await other.exit).signal).toBe(9);
    expect(await threadsBackTo(before)).toBeLessThanOrEqual(before);
  });

  it('l4_decouple moves a running program to a worker and l4_recouple brings it back', async () => {
    const m = await Machine.boot();
    const before = threads();
    try {
      const p = m.spawn(decouple, { args: ['decouple'] });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe([
        'before: 4285317025',
        'decoupled: 0, trail 0.1.2.3.4.5., heap xx, work 501765666',
        'fork while decoupled: ENOSYS',
        'recoupled: 0, work 1013181603',
        'child runs',
        'child exit 3',
        '',
      ].join('\n'));
    } finally {
      await m.shutdown();
    }
    // Counted once the machine is gone: it keeps a worker booted for its next decoupled program.
    expect(await threadsBackTo(before)).toBeLessThanOrEqual(before);
  });

  it('a program started decoupled cannot recouple (ENOTSUP): it was never prepared', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(decouple, { args: ['decouple'], decouple: true });
      await p.exit;
      expect(p.stdout).toContain('decoupled: 0, trail 0.1.2.3.4.5., heap xx');
      expect(p.stdout).toContain('recoupled: -1');
    } finally {
      await m.shutdown();
    }
  });

  it('the machine decouples a module whose code is over the preparation budget, and says so', async () => {
    const notes: string[] = [];
    const m = await Machine.boot({ prepareBudgetBytes: 1, onProgress: (t) => notes.push(t) });
    try {
      const p = m.spawn(forward, { args: ['forward', 'lines', '3'] });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe(expectedLines(3));
      expect(notes.join('')).toMatch(/running decoupled \(its .* of code is over the .* preparation budget\)/);
    } finally {
      await m.shutdown();
    }
  });
});
