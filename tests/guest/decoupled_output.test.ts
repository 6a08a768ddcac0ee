// A decoupled program's writes to its console outputs go into its output ring on its own core
// (guest/output_ring.ts) and reach the console in the program's order: the same bytes as
// multiplexed, stdout and stderr each in order, a large write between small ones, a child's output
// between its parent's, the last bytes before _exit, output while the program computes on (the
// worker rings the vCPU), and a reader that goes away (SIGPIPE at the next write).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { lentStats } from '../../src/guest/decoupled.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

let wasm = '';
beforeAll(async () => {
  wasm = await compileCached(join(import.meta.dirname, 'fixtures', 'output_ring.c'));
}, 240_000);

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(args: string[], mode: 'multiplexed' | 'decoupled') {
  const m = await Machine.boot({ mode, programs: { '/bin/output_ring': wasm } });
  try {
    return await m.spawn(wasm, { args: ['/bin/output_ring', ...args] }).wait();
  } finally {
    await m.shutdown();
  }
}

describe('a decoupled program writes its console output on its own core', () => {
  it('prints what it prints multiplexed, stdout and stderr each in order, with the writes answered on its core', async () => {
    const before = lentStats.localCalls;
    const d = await run(['lines', '3000'], 'decoupled');
    for (let i = 0; i < 200 && lentStats.ending > 0; i++) await tick(10);
    const mux = await run(['lines', '3000'], 'multiplexed');
    expect(d.code).toBe(0);
    expect(d.stdout).toBe(mux.stdout);
    expect(d.stderr).toBe(mux.stderr);
    expect(d.stdout.split('\n')[2999]).toBe('out 2999');
    // All but the first write to each descriptor (which lends it) went into the ring.
    expect(lentStats.localCalls - before).toBeGreaterThanOrEqual(3000 + 429 - 2);
  });

  it('keeps a write larger than a ring record in its place', async () => {
    const d = await run(['big'], 'decoupled');
    expect(d.stdout).toBe(`small 1\n${'b'.repeat(40000)}\nsmall 2\n`);
  });

  it("puts a child's output between its parent's, and its last bytes before _exit", async () => {
    const d = await run(['child'], 'decoupled');
    expect(d.stdout).toBe('parent before\nchild\nparent after, child 7\n');
    const n = await run(['nolf'], 'decoupled');
    expect(n).toMatchObject({ code: 3, stdout: 'no newline' });
  });

  it('shows output at once while the program computes without a call, and keeps it when killed', async () => {
    const m = await Machine.boot({ mode: 'decoupled' });
    try {
      const p = m.spawn(wasm, { args: ['output_ring', 'forever'] });
      for (let i = 0; i < 500 && !p.stdout.includes('ready\n'); i++) await tick(10);
      expect(p.stdout).toBe('ready\n');
      p.kill(9);
      expect((await p.exit).signal).toBe(9);
      expect(p.stdout).toBe('ready\n');
    } finally {
      await m.shutdown();
    }
  });

  it('through the CLI: stdout and stderr into one pipe in program order; a reader gone ends it with SIGPIPE', () => {
    const cli = join(import.meta.dirname, '..', '..', 'bin', 'l4wasm.js');
    const both = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" run -q --decouple "${wasm}" lines 200 2>&1`], { encoding: 'utf8' });
    const want: string[] = [];
    for (let i = 0; i < 200; i++) {
      want.push(`out ${i}`);
      if (i % 7 === 0) want.push(`err ${i}`);
    }
    expect(both.stdout).toBe(want.join('\n') + '\n');
    const cut = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" run -q --decouple "${wasm}" lines 10000000 | head -c 12; echo " \${PIPESTATUS[0]}"`],
      { encoding: 'utf8', timeout: 60_000 });
    expect(cut.stdout).toBe('out 0\nout 1\n 141\n');
  }, 120_000);
});
