// A plain wasip1 program (wasi-libc alone, as any wasip1 binary is built) decoupled on a host
// mount: its path_filestat_get of names in the mount's root, fd_filestat_get, and fd_read,
// fd_write, fd_seek and fd_tell at the file offset are answered on its own core
// (guest/decoupled_worker.ts) with the answers the vCPU gives multiplexed.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { lentStats } from '../../src/guest/decoupled.js';
import { buildPlain } from '../helpers/plain_wasi.js';

let wasm = '';
beforeAll(async () => {
  wasm = await buildPlain('tests/guest/fixtures/plain_stats.c');
}, 240_000);

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(decouple: boolean) {
  const dir = mkdtempSync(join(os.tmpdir(), 'l4wasm-plain-io-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'f'), 'hello');
  symlinkSync('f', join(dir, 'link'));
  symlinkSync('nowhere', join(dir, 'dangling'));
  const m = await Machine.boot({ mounts: [{ host: dir, guest: '/d' }], rootPreopen: false });
  const before = lentStats.localCalls;
  try {
    const r = await m.spawn(wasm, { args: ['plain_stats', '/d'], decouple }).wait();
    await m.shutdown();
    for (let i = 0; i < 200 && lentStats.ending > 0; i++) await tick(10);
    return { ...r, localCalls: lentStats.localCalls - before, out: readFileSync(join(dir, 'out'), 'latin1') };
  } finally {
    await m.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a plain wasip1 program decoupled on a host mount', () => {
  it('stats, reads, writes and seeks on its own core with the answers of the vCPU', async () => {
    const multiplexed = await run(false);
    const decoupled = await run(true);
    expect(multiplexed.code).toBe(0);
    expect(multiplexed.stdout).toContain('stat link: file size 5 nlink 1\nlstat link: link');
    expect(multiplexed.stdout).toContain('stat missing: No such file or directory');
    expect(multiplexed.stdout).toContain('wrote 14950, at 14950, end 14950\nread 4 \'pppp\'');
    expect(decoupled.stdout).toBe(multiplexed.stdout);
    expect(decoupled.out).toBe(multiplexed.out);
    // 20 rounds of 14 stats, 100 writes, 100 fstats: most on the program's core.
    expect(decoupled.localCalls).toBeGreaterThan(300);
  });
});
