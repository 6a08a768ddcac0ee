// Write-behind (guest/write_behind_ring.ts): a decoupled program's pwrites to a lent host file are
// queued and made by the write-behind thread. No guest and no host reader after the program's end
// can tell: another process that learns of the writes through a record lock (a call that does not
// wait for them) reads them all, multiplexed or decoupled; a program killed right after its writes
// leaves them all on the host; a write too large to queue keeps its place among the queued ones.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { writeBehindReady, writeBehindStats } from '../../src/guest/write_behind.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

let wasm = '';
beforeAll(async () => {
  wasm = await compileCached(join(import.meta.dirname, 'fixtures', 'write_behind.c'));
}, 240_000);

const PAGES = 2048; // 8 MiB: more than the ring holds, so the last MiB is still queued as the lock is taken
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Page i of the fixture: i (little-endian), then bytes i & 0xff. */
function checkPages(data: Buffer, pages: number): string {
  if (data.length !== pages * 4096) return `length ${data.length}`;
  for (let i = 0; i < pages; i++) {
    const at = i * 4096;
    if (data.readUInt32LE(at) !== i) return `page ${i} header`;
    for (let k = 4; k < 4096; k++) if (data[at + k] !== (i & 0xff)) return `page ${i} byte ${k}`;
  }
  return 'ok';
}

async function withMachine<T>(fn: (m: Machine, dir: string) => Promise<T>, writeBehind = true): Promise<T> {
  const dir = mkdtempSync(join(os.tmpdir(), 'l4wasm-wb-'));
  const m = await Machine.boot({ mounts: [{ host: dir, guest: '/d' }], writeBehind });
  try {
    return await fn(m, dir);
  } finally {
    await m.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('write-behind of a decoupled program\'s host writes', () => {
  it('queues them, and the host file holds them all once the program has ended', async () => {
    await withMachine(async (m) => {
      // The thread starts with the first ring; until it runs, a program makes its writes itself
      // (on a loaded machine that took 600 of the 2048 below).
      await m.spawn(wasm, { args: ['write_behind', 'write', '/d/warm', '1'], decouple: true }).wait();
      for (let i = 0; i < 500 && !writeBehindReady(); i++) await tick(10);
    });
    const before = writeBehindStats.queued;
    await withMachine(async (m, dir) => {
      const r = await m.spawn(wasm, { args: ['write_behind', 'write', '/d/f', String(PAGES)], decouple: true }).wait();
      expect(r.stdout + r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(checkPages(readFileSync(join(dir, 'f')), PAGES)).toBe('ok');
    });
    // Most of the 4096 writes were queued (the first, on each descriptor, lends the file).
    expect(writeBehindStats.queued - before).toBeGreaterThan(PAGES);
  });

  for (const reader of ['multiplexed', 'decoupled'] as const) {
    it(`a ${reader} reader that learns of them through a record lock reads them all`, async () => {
      await withMachine(async (m, dir) => {
        const w = m.spawn(wasm, { args: ['write_behind', 'write', '/d/f', String(PAGES), 'hold'], decouple: true });
        for (let i = 0; i < 500 && !existsSync(join(dir, 'f')); i++) await tick(2);
        const r = await m.spawn(wasm, { args: ['write_behind', 'read', '/d/f', String(PAGES)], decouple: reader === 'decoupled' }).wait();
        expect(r.stdout).toBe(`ok ${PAGES}\n`);
        w.kill('SIGKILL');
        expect((await w.wait()).signal).toBe('SIGKILL');
      });
    });
  }

  it('a program killed right after its writes leaves them all on the host', async () => {
    await withMachine(async (m, dir) => {
      const w = m.spawn(wasm, { args: ['write_behind', 'write', '/d/f', String(PAGES), 'hold'], decouple: true });
      const r = m.spawn(wasm, { args: ['write_behind', 'read', '/d/f', '0'], decouple: true });
      for (let i = 0; i < 500 && !existsSync(join(dir, 'f')); i++) await tick(2);
      // The reader returns once the writer holds its lock: the writes are all made (or queued).
      expect((await r.wait()).stdout).toBe('ok 0\n');
      w.kill('SIGKILL');
      await w.wait();
      expect(checkPages(readFileSync(join(dir, 'f')), PAGES)).toBe('ok');
    });
  });

  it('a write too large to queue comes after the queued ones before it, and before those after it', async () => {
    for (const writeBehind of [true, false]) {
      await withMachine(async (m, dir) => {
        const r = await m.spawn(wasm, { args: ['write_behind', 'order', '/d/o'], decouple: true }).wait();
        expect(r.stdout).toBe('ok\n');
        const data = readFileSync(join(dir, 'o'));
        expect(data.length).toBe(50000 + (1 << 20));
        expect(data.subarray(49900, 50000).toString()).toBe(String.fromCharCode(97 + (499 % 26)).repeat(100));
        expect(data.subarray(50000, 60000).toString()).toBe('Z'.repeat(10000));
        expect(data.subarray(60000, 61000).toString()).toBe([...'0123456789'].map((c) => c.repeat(100)).join(''));
      }, writeBehind);
    }
  });
});
