// A decoupled program must see what the same program sees multiplexed (and on Linux): signal
// delivery order, and its hostile exports refused alike.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import binaryen from 'binaryen';
import { LoadError, Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

const here = join(import.meta.dirname, 'fixtures');
let reraise: Uint8Array;
let spawnStatus: Uint8Array;
let lentHostile: Uint8Array;

beforeAll(async () => {
  reraise = readFileSync(await compileCached(join(here, 'signal_reraise.c')));
  spawnStatus = readFileSync(await compileCached(join(here, 'spawn_status.c')));
  lentHostile = readFileSync(await compileCached(join(here, 'lent_hostile.c')));
});

describe('signals, decoupled as multiplexed', () => {
  it('a signal a handler raises for itself runs as that handler returns, before the program goes on', async () => {
    const m = await Machine.boot({ mode: 'multiplexed' });
    try {
      for (const decouple of [false, true]) {
        const p = m.spawn(reraise, { decouple, stdio: 'pipe' });
        expect(await p.exit, `decouple ${decouple}`).toEqual({ code: 0 });
        // Linux prints the same.
        expect(p.stdout, `decouple ${decouple}`).toBe('after raise 3\nblocked 0, unblocked 3\n');
      }
    } finally {
      await m.shutdown();
    }
  }, 60_000);
});

function threads(): number { return readdirSync('/proc/self/task').length; }

/** A module whose start function runs `body` (it cannot be preempted there on the vCPU). */
function withStart(body: string): Uint8Array {
  const m = binaryen.parseText(`(module
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (import "l4posix" "pause" (func $pause (result i32)))
    (memory (export "memory") 1) (func $s ${body}) (start $s)
    (func (export "_start") (call $exit (i32.const 3))))`);
  try { return m.emitBinary(); } finally { m.dispose(); }
}

describe('a start function, decoupled as multiplexed', () => {
  it('that waits, or loops for good: the one-line LoadError of the vCPU, and no worker thread stays', async () => {
    const before = threads();
    const m = await Machine.boot({ mode: 'multiplexed' });
    try {
      for (const decouple of [false, true]) {
        for (const [body, message] of [['(drop (call $pause))', 'a call waited in the start function'], ['(loop $l (br $l))', 'the start function ran for more than 5 s']]) {
          const p = m.spawn(withStart(body), { name: 'start.wasm', decouple, stdio: 'pipe', timeout: 30_000 });
          const e = await p.exit.then((s) => s, (x: unknown) => x);
          expect(e, `${body} decouple ${decouple}`).toBeInstanceOf(LoadError);
          expect((e as Error).message).toMatch(/^start\.wasm: its start function trapped: [^\n]*$/);
          expect((e as Error).message).toContain(message);
        }
      }
      expect(await m.spawn(withStart('(nop)'), { decouple: true }).exit).toEqual({ code: 3 });
    } finally {
      await m.shutdown();
    }
    for (let i = 0; i < 200 && threads() > before; i++) await new Promise((r) => setTimeout(r, 10));
    expect(threads()).toBeLessThanOrEqual(before);
  }, 60_000);
});

describe('a guest spawning a module that cannot be instantiated', () => {
  it('posix_spawn fails with ENOEXEC on a machine that runs programs decoupled too (the worker instantiates it later)', async () => {
    const elementsOut = binaryen.parseText(`(module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
      (memory (export "memory") 1) (table 1 funcref) (func $f) (elem (i32.const 5) $f) (func (export "_start") (call $exit (i32.const 3))))`);
    const bad = elementsOut.emitBinary();
    elementsOut.dispose();
    for (const mode of ['multiplexed', 'decoupled'] as const) {
      const m = await Machine.boot({ mode, programs: { '/bin/bad': bad } });
      try {
        const p = m.spawn(spawnStatus, { args: ['spawn_status', '/bin/bad'], stdio: 'pipe' });
        expect(await p.exit, mode).toEqual({ code: 0 });
        expect(p.stdout, mode).toBe('spawn /bin/bad: Exec format error\n');
      } finally {
        await m.shutdown();
      }
    }
  }, 60_000);
});

describe('hostile calls on host files a decoupled program answers on its own core', () => {
  it('give the results, errnos and file contents of the same program multiplexed', async () => {
    const runs: { out: string; file: string }[] = [];
    for (const decouple of [false, true]) {
      const dir = mkdtempSync(join(tmpdir(), 'l4wasm-lent-'));
      try {
        writeFileSync(join(dir, 'f'), 'abcdefghijklmnopqrstuvwxyz0123456789\n');
        const m = await Machine.boot({ mode: 'multiplexed', mounts: [{ host: dir, guest: '/data' }] });
        try {
          const p = m.spawn(lentHostile, { args: ['lent_hostile', '/data/f'], decouple, stdio: 'pipe' });
          expect(await p.exit, `decouple ${decouple}: ${p.stderr}`).toEqual({ code: 0 });
          runs.push({ out: p.stdout, file: readFileSync(join(dir, 'f'), 'latin1') });
        } finally {
          await m.shutdown();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(runs[0]!.out).toContain('pread iov at end-4           21');
    expect(runs[1]!.out).toBe(runs[0]!.out);
    expect(runs[1]!.file).toBe(runs[0]!.file);
  }, 60_000);
});
