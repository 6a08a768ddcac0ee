// A decoupled program's pread/pwrite on host files are answered on its own core once the vCPU has
// lent it the file (guest/decoupled.ts): the data is the same as through the vCPU, a descriptor
// closed, reused or replaced by dup2 names its new file at once, bad pointers are EFAULT, fstat
// answers as stat does through the vCPU (also a directory's, whose fsync is answered there too), signals
// still arrive in a loop that only calls pwrite, nothing is lent to a traced program, and every
// lent host descriptor is given back (closed) whatever ends the program.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { lentStats } from '../../src/guest/decoupled.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { memorySink, TraceSession } from '../../src/guest/trace.js';

let wasm = '';
beforeAll(async () => {
  wasm = await compileCached(join(import.meta.dirname, 'fixtures', 'lent_io.c'));
}, 240_000);

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Host descriptors of this Node process. */
const hostFds = () => readdirSync('/proc/self/fd').length;

async function run(mode: string, options: { trace?: boolean; files?: Record<string, string>; multiplexed?: boolean } = {}) {
  const dir = mkdtempSync(join(os.tmpdir(), 'l4wasm-lent-'));
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), text, 'latin1');
  const trace = options.trace ? new TraceSession({ sink: memorySink() }) : undefined;
  const m = await Machine.boot({ mounts: [{ host: dir, guest: '/d' }], ...(trace ? { wrapImports: trace.wrapImports } : {}) });
  const before = { ...lentStats };
  try {
    const r = await m.spawn(wasm, { args: ['lent_io', '/d', mode], decouple: options.multiplexed !== true }).wait();
    await m.shutdown();
    for (let i = 0; i < 200 && lentStats.ending > 0; i++) await tick(10); // the worker's end gives the lent descriptors back
    const delta = { lends: lentStats.lends - before.lends, withdrawals: lentStats.withdrawals - before.withdrawals, localCalls: lentStats.localCalls - before.localCalls };
    const files: Record<string, string> = {};
    for (const name of readdirSync(dir)) files[name] = readFileSync(join(dir, name), 'latin1');
    return { ...r, delta, file: (name: string) => files[name] };
  } finally {
    await m.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('host files lent to a decoupled program', () => {
  it('reads and writes at positions on its own core, with the data and errors of the forwarded calls', async () => {
    const r = await run('data');
    expect(r.stdout).toBe('ok\n');
    expect(r.code).toBe(0);
    let want = '';
    for (let i = 0; i < 1000; i++) want += `rec${String(i).padStart(5, '0')}|`;
    expect(r.file('a.bin')).toBe(want);
    // The first call on each descriptor goes to the vCPU, which lends the file; most are local.
    expect(r.delta.lends).toBeGreaterThanOrEqual(2);
    expect(r.delta.localCalls).toBeGreaterThan(990);
    expect(r.delta.withdrawals).toBe(r.delta.lends);
  });

  it('an O_APPEND descriptor\'s pwrite appends, as Linux\'s: not lent for writing, also after F_SETFL', async () => {
    const r = await run('append');
    expect(r.stdout).toBe('ok\n');
    expect(r.file('a.bin')).toBe('abcd'.repeat(4));
    expect(r.file('b.bin')).toBe('wxyz'.repeat(4));
  });

  it('a descriptor closed and reused, or replaced by dup2, names its new file at once', async () => {
    const r = await run('reuse');
    expect(r.stdout).toBe('ok\n');
    expect(r.file('a.bin')).toBe('AAAAaaaa');
    expect(r.file('b.bin')).toBe('BBBBbbbb');
    expect(r.delta.withdrawals).toBe(r.delta.lends);
  });

  it('reads at the file offset on its own core; lseek, dup and stdio see the offset it moved', async () => {
    // Records "%05d|" of their own position: the fixture checks what it finds at 50004.
    let text = '';
    while (text.length < 100_002) text += String(text.length).padStart(5, '0') + '|';
    text = text.slice(0, 100_002);
    const hash = (t: string) => { let h = 0; for (let i = 0; i < t.length; i++) h = (Math.imul(h, 31) + t.charCodeAt(i)) >>> 0; return h; };
    const r = await run('stream', { files: { 'a.bin': text } });
    expect(r.stdout).toBe(`first 20000 sum ${hash(text.slice(0, 20000))}; all ${text.length} sum ${hash(text)}\nok\n`);
    expect(r.code).toBe(0);
    // 20 reads of 1000 bytes and stdio's 100 or so: most answered in the worker.
    expect(r.delta.localCalls).toBeGreaterThan(60);
    expect(r.delta.withdrawals).toBe(r.delta.lends);
  });

  it('writes and seeks at the file offset on its own core, as the vCPU writes and seeks', async () => {
    const multiplexed = await run('writes', { multiplexed: true });
    const decoupled = await run('writes');
    expect(multiplexed.code).toBe(0);
    expect(multiplexed.stdout).toContain('SEEK_END +1000 (hole): 5780\nwrite 2: 2\nsize 5782');
    expect(multiplexed.stdout).toContain('SEEK_SET -1: -1 Invalid argument');
    expect(multiplexed.stdout).toContain('dup write: 2, fd at 5784');
    expect(multiplexed.stdout).toContain('lines 1000');
    expect(decoupled.stdout).toBe(multiplexed.stdout);
    expect(decoupled.file('b.bin')).toBe(multiplexed.file('b.bin'));
    // 40 writes, the seeks and tells, stdio's writes and reads: most answered in the worker (16 without).
    expect(decoupled.delta.localCalls).toBeGreaterThan(60);
    expect(decoupled.delta.withdrawals).toBe(decoupled.delta.lends);
  });

  it('fstat of a lent file, and getpid/getuid/getgid after the first, are answered on its own core with the vCPU\'s answers', async () => {
    const r = await run('stat');
    expect(r.stdout).toBe('ok\n');
    expect(r.code).toBe(0);
    // 50 pwrites and 50 fstats, and 250 identity calls whose answers are not counted as I/O.
    expect(r.delta.localCalls).toBeGreaterThanOrEqual(100);
    expect(r.delta.withdrawals).toBe(r.delta.lends);
    const traced = await run('stat', { trace: true });
    expect(traced.stdout).toBe('ok\n');
    expect(traced.delta.localCalls).toBe(0);
  });

  it('fsync and fstat of a host directory are answered on its own core, as the vCPU answers them', async () => {
    const r = await run('dir');
    expect(r.stdout).toBe('ok\n');
    expect(r.code).toBe(0);
    // Per open: two fsyncs and an fstat; the descriptor given back at its close.
    expect(r.delta.localCalls).toBeGreaterThanOrEqual(60);
    expect(r.delta.withdrawals).toBe(r.delta.lends);
  });

  it('fd_fdstat_get (F_GETFL) is answered on its own core and follows F_SETFL, a dup\'s F_SETFL, close and reuse', async () => {
    const r = await run('fdstat');
    expect(r.stdout).toBe('ok\n');
    expect(r.code).toBe(0);
    // The 20 F_GETFLs after the first (and opens' own fd_fdstat_get of their directory).
    expect(r.delta.localCalls).toBeGreaterThanOrEqual(19);
    const traced = await run('fdstat', { trace: true });
    expect(traced.stdout).toBe('ok\n');
    expect(traced.delta.localCalls).toBe(0);
  });

  it('a close deferred to the next forwarded call behaves as one made at once', async () => {
    const r = await run('close');
    expect(r.stdout).toBe('ok\n');
    expect(r.code).toBe(0);
    expect(r.file('a.bin')).toBe('a'.repeat(20));
    expect(r.file('b.bin')).toBe('b'.repeat(20));
    expect(r.delta.withdrawals).toBe(r.delta.lends);
    const traced = await run('close', { trace: true });
    expect(traced.stdout).toBe('ok\n');
  });

  it('a loop that only calls pwrite still runs its signal handler', async () => {
    const r = await run('signals');
    expect(r.stdout).toBe('ok\n');
    expect(r.delta.localCalls).toBeGreaterThan(1000);
  }, 30_000);

  it('nothing is lent to a traced program: every call is seen', async () => {
    const r = await run('data', { trace: true });
    expect(r.stdout).toBe('ok\n');
    expect(r.delta.lends).toBe(0);
    expect(r.delta.localCalls).toBe(0);
  });

  it('a program killed while it writes leaves no host descriptor open', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'l4wasm-lent-'));
    const m = await Machine.boot({ mounts: [{ host: dir, guest: '/d' }] });
    try {
      const fds = hostFds();
      const before = { ...lentStats };
      const p = m.spawn(wasm, { args: ['lent_io', '/d', 'forever'], decouple: true });
      for (let i = 0; i < 500 && !p.stdout.includes('writing\n'); i++) await tick(10);
      for (let i = 0; i < 500 && lentStats.lends === before.lends; i++) await tick(10);
      expect(lentStats.lends).toBe(before.lends + 1);
      p.kill(9);
      await p.exit;
      for (let i = 0; i < 200 && lentStats.withdrawals < lentStats.lends; i++) await tick(10);
      expect(lentStats.withdrawals - before.withdrawals).toBe(1);
      // Counted once the machine is gone: the worker it keeps booted for its next decoupled program has descriptors of its own.
      await m.shutdown();
      for (let i = 0; i < 200 && hostFds() > fds; i++) await tick(10);
      expect(hostFds()).toBeLessThanOrEqual(fds);
    } finally {
      await m.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
