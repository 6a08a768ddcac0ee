// A pure WASI program's first run does not wait for its preparation: it runs decoupled at once
// (one line says so) while a detached process prepares it into the cache, and its next run
// starts prepared, multiplexed. One preparation runs in the background at a time (a lock file
// with its pid; a dead holder's lock is taken over); a program importing l4posix is still
// prepared before it runs; a background preparation over its time budget is remembered.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { backgroundLock } from '../../src/guest/background_prepare.js';
import { useEmptyCache } from '../helpers/empty_cache.js';

let hello = '';
let spin = '';

beforeAll(async () => {
  hello = await compileCached(join(import.meta.dirname, '..', '..', 'examples', 'hello.c'));
  spin = await compileCached(join(import.meta.dirname, 'fixtures', 'spin.c'));
}, 240_000);
const cacheDir = useEmptyCache('l4wasm-background-prepare-');

/** hello with a custom section of its own: another module, not in the cache. */
function variant(tag: string): Uint8Array {
  return new Uint8Array([...readFileSync(hello), 0, 1 + tag.length, tag.length, ...Buffer.from(tag)]);
}

async function run(program: string | Uint8Array, options: Parameters<typeof Machine.boot>[0] = {}, args = ['hello', 'x']) {
  const notes: string[] = [];
  const phases: string[] = [];
  const m = await Machine.boot({ prepareInBackground: true, ...options, onProgress: (t) => notes.push(t), onPrepareProgress: (p) => phases.push(p.phase) });
  try {
    const p = m.spawn(program, { args, name: 'prog.wasm' });
    const status = await p.exit;
    return { status, stdout: p.stdout, notes, phases, decoupled: p.process?.image.decoupled !== undefined };
  } finally {
    await m.shutdown();
  }
}

const EXPECTED = 'Hello from l4wasm!\nargv[1] = x\n';
const prepared = () => readdirSync(cacheDir()).filter((f) => f.endsWith('.async.wasm'));

/** Waits until no preparation runs in the background (its lock is gone). */
async function backgroundDone(): Promise<void> {
  const until = Date.now() + 90_000;
  while (existsSync(backgroundLock())) {
    if (Date.now() > until) throw new Error('the background preparation did not end');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('preparation in the background', () => {
  it('a new pure WASI program runs decoupled at once; the next run starts prepared', async () => {
    const first = await run(hello);
    expect(first.status).toEqual({ code: 0 });
    expect(first.stdout).toBe(EXPECTED);
    expect(first.decoupled).toBe(true);
    expect(first.phases).toEqual([]); // nothing prepared in this process
    expect(first.notes).toEqual(['l4wasm: preparing prog.wasm in the background for its next runs (this run is decoupled)\n']);
    await backgroundDone();
    expect(prepared()).toHaveLength(1);
    // The module handed over was removed once read.
    expect(readdirSync(cacheDir()).filter((f) => f.endsWith('.input.wasm') || f.endsWith('.tmp'))).toEqual([]);
    const next = await run(hello);
    expect(next.stdout).toBe(EXPECTED);
    expect(next.decoupled).toBe(false);
    expect(next.notes).toEqual([]);
    expect(next.phases).toEqual([]);
  }, 120_000);

  it('in one machine: spawned again while it is prepared, it says nothing more; once prepared, spawns run it multiplexed', async () => {
    const notes: string[] = [];
    const m = await Machine.boot({ prepareInBackground: true, onProgress: (t) => notes.push(t) });
    const spawn = async () => {
      const p = m.spawn(variant('l4-machine'), { args: ['hello', 'x'], name: 'prog.wasm' });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe(EXPECTED);
      return p.process!.image.decoupled !== undefined;
    };
    try {
      expect(await spawn()).toBe(true);
      await spawn(); // decoupled still, or prepared already: either way no second line
      expect(notes).toEqual(['l4wasm: preparing prog.wasm in the background for its next runs (this run is decoupled)\n']);
      await backgroundDone();
      expect(await spawn()).toBe(false);
    } finally {
      await m.shutdown();
    }
  }, 120_000);

  it('one preparation at a time: while another holds the lock, a new program is left for a later run', async () => {
    writeFileSync(backgroundLock(), `${process.pid} another`); // a live holder, preparing another module
    const before = prepared();
    try {
      const r = await run(variant('l4-later'));
      expect(r.stdout).toBe(EXPECTED);
      expect(r.decoupled).toBe(true);
      expect(r.notes).toEqual(['l4wasm: preparing prog.wasm on a later run (another program is being prepared in the background; this run is decoupled)\n']);
      expect(readFileSync(backgroundLock(), 'utf8')).toBe(`${process.pid} another`);
      expect(readdirSync(cacheDir()).filter((f) => f.endsWith('.input.wasm'))).toEqual([]);
    } finally {
      writeFileSync(backgroundLock(), '');
    }
    // A lock whose holder is gone (a process that exited) is taken over.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(backgroundLock(), String(dead));
    const again = await run(variant('l4-later'));
    expect(again.notes.join('')).toMatch(/preparing prog\.wasm in the background/);
    await backgroundDone();
    expect(prepared()).toHaveLength(before.length + 1);
    expect((await run(variant('l4-later'))).decoupled).toBe(false);
  }, 120_000);

  it('a program that imports l4posix is prepared before it runs, multiplexed', async () => {
    const r = await run(spin, {}, ['spin', 'alarm']);
    expect(r.status).toEqual({ code: 0 });
    expect(r.decoupled).toBe(false);
    expect(r.phases).toContain('asyncify');
    expect(r.notes.filter((n) => /running decoupled/.test(n))).toEqual([]);
  }, 120_000);

  it('a background preparation over its time budget is remembered: later runs do not start another', async () => {
    const program = variant('l4-slow');
    const first = await run(program, { prepareTimeBudget: 1 });
    expect(first.stdout).toBe(EXPECTED);
    expect(first.notes.join('')).toMatch(/preparing prog\.wasm in the background/);
    await backgroundDone();
    const again = await run(program, { prepareTimeBudget: 1 });
    expect(again.stdout).toBe(EXPECTED);
    expect(again.decoupled).toBe(true);
    expect(again.notes).toEqual([
      expect.stringMatching(/running decoupled \(preparation takes longer than its 0\.0 s budget, as the last time\)\n$/),
    ]);
    expect(existsSync(backgroundLock())).toBe(false);
  }, 120_000);
});
