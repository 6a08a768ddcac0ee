// Record locks a decoupled program's worker takes on its own core (the file's locks in a shared
// slot, guest/decoupled.ts + vfs/lock_slots.ts) are the same locks every other process meets:
// a decoupled and a multiplexed process (or two decoupled ones) on one file conflict both ways,
// see each other in F_GETLK, wake each other's F_SETLKW, and lose their locks at close and at exit.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../src/index.js';
import { lentStats } from '../../src/guest/decoupled.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

let wasm = '';
const host = mkdtempSync(join(os.tmpdir(), 'l4wasm-dlocks-'));
beforeAll(async () => {
  wasm = await compileCached(join(import.meta.dirname, 'fixtures', 'lock_steps.c'));
}, 240_000);
afterAll(() => rmSync(host, { recursive: true, force: true }));

/** A lock_steps process: ask() sends a command line and resolves with its answer line. */
function stepper(m: Machine, path: string, decouple: boolean) {
  const p = m.spawn(wasm, { args: ['lock_steps', path], decouple, stdin: 'pipe' });
  let buffered = '';
  const waiting: ((line: string) => void)[] = [];
  const lines: string[] = [];
  p.stdoutStream.on('data', (b: Buffer) => {
    buffered += b.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const w = waiting.shift();
      if (w) w(line); else lines.push(line);
    }
  });
  const ask = (cmd: string): Promise<string> => {
    p.stdin.write(cmd + '\n');
    const ready = lines.shift();
    return ready !== undefined ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
  };
  return { p, ask };
}

describe.each([
  ['a host mount', '/data/l.db'],
  ['tmpfs', '/tmp/l.db'],
])('record locks of a decoupled program on %s', (_, path) => {
  it.each([
    ['a multiplexed process', false],
    ['another decoupled process', true],
  ])('meet those of %s both ways: conflicts, F_GETLK, F_SETLKW wake-ups, release at close and exit', async (_o, otherDecoupled) => {
    const m = await Machine.boot({ mounts: [{ host, guest: '/data' }] });
    const before = lentStats.localCalls;
    try {
      const a = stepper(m, path, true);
      const b = stepper(m, path, otherDecoupled);
      const pidA = await a.ask('p'), pidB = await b.ask('p');
      // A's first lock call goes to the vCPU, which lends the file's locks; the next are A's own.
      expect(await a.ask('w 0 100')).toBe('ok');
      expect(await a.ask('w 200 10')).toBe('ok');
      expect(await a.ask('r 300 10')).toBe('ok');
      expect(await b.ask('w 50 10')).toBe('EAGAIN');
      expect(await b.ask('w 200 5')).toBe('EAGAIN');
      expect(await b.ask('r 300 10')).toBe('ok');
      expect(await b.ask('g 0 0')).toBe(`write 0 100 pid=${pidA}`);
      expect(await a.ask('u 0 100')).toBe('ok');
      expect(await b.ask('w 50 10')).toBe('ok');
      // B's lock, taken on the vCPU or on B's core, stops A on A's core.
      expect(await a.ask('w 55 1')).toBe('EAGAIN');
      expect(await a.ask('g 0 0')).toBe(`write 50 10 pid=${pidB}`);

      // A waits for B's lock; B's unlock wakes it.
      let aGot = false;
      const aWaits = a.ask('W 50 10').then((s) => { aGot = true; return s; });
      expect(await b.ask('g 0 0')).toBe(`write 200 10 pid=${pidA}`);
      expect(aGot).toBe(false);
      expect(await b.ask('u 50 10')).toBe('ok');
      expect(await aWaits).toBe('ok');
      expect(await b.ask('g 0 100')).toBe(`write 50 10 pid=${pidA}`);

      // B waits for A's lock; A's unlock (made while B waits) wakes it.
      let bGot = false;
      const bWaits = b.ask('W 200 10').then((s) => { bGot = true; return s; });
      expect(await a.ask('g 300 0')).toBe(`read 300 10 pid=${pidB}`);
      expect(bGot).toBe(false);
      expect(await a.ask('u 200 10')).toBe('ok');
      expect(await bWaits).toBe('ok');
      expect(await a.ask('w 200 1')).toBe('EAGAIN');
      expect(await b.ask('u 0 0')).toBe('ok');

      // Closing any descriptor of the file drops A's locks, also those its core took.
      expect(await a.ask('w 400 10')).toBe('ok');
      expect(await a.ask('w 410 10')).toBe('ok');
      expect(await b.ask('w 415 1')).toBe('EAGAIN');
      expect(await a.ask('c')).toBe('ok');
      expect(await b.ask('w 415 1')).toBe('ok');
      expect(await b.ask('u 0 0')).toBe('ok');

      // So does its exit, holding locks it took on its own core.
      expect(await a.ask('w 500 10')).toBe('ok');
      expect(await a.ask('w 600 10')).toBe('ok');
      expect(await b.ask('w 605 1')).toBe('EAGAIN');
      a.p.stdin.write('x\n');
      expect((await a.p.wait()).code).toBe(0);
      expect(await b.ask('w 605 1')).toBe('ok');
      expect(await b.ask('w 500 10')).toBe('ok');
      expect(await b.ask('g 0 0')).toBe('unlocked');
      b.p.stdin.end();
      expect((await b.p.wait()).code).toBe(0);
    } finally {
      await m.shutdown();
    }
    for (let i = 0; i < 200 && lentStats.ending > 0; i++) await new Promise((r) => setTimeout(r, 10));
    // A's locks were taken on its own core (with a host mount's file also lent, more calls count).
    expect(lentStats.localCalls - before).toBeGreaterThanOrEqual(8);
  }, 60_000);
});
