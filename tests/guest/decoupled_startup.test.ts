// What a program asks for as it starts, answered on a decoupled program's own core
// (guest/startup_lending.ts): its arguments and environment, and the preopens as descriptors are
// copied, closed (also by a close the core defers) and reused. Every answer, errors and bad
// pointers included, equals the multiplexed run's, and the core answered them itself.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { lentStats } from '../../src/guest/decoupled.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

let wasm = '';
beforeAll(async () => {
  wasm = await compileCached(join(import.meta.dirname, 'fixtures', 'startup_calls.c'));
}, 240_000);

const ARGS = ['startup_calls', 'plain', '', 'two words', 'héllo wörld ✓', '-'.repeat(300)];
const ENV = { EMPTY: '', UNICODE: 'ünï ✓', EQUALS: 'a=b=c', LONG: 'x'.repeat(1000) };

async function run(decouple: boolean) {
  const dirs = [mkdtempSync(join(os.tmpdir(), 'l4wasm-startup-')), mkdtempSync(join(os.tmpdir(), 'l4wasm-startup-'))];
  const m = await Machine.boot({ mounts: [{ host: dirs[0]!, guest: '/d' }, { host: dirs[1]!, guest: '/a/much/longer/mount/point/name', readOnly: true }] });
  const before = lentStats.localCalls;
  try {
    const r = await m.spawn(wasm, { args: ARGS, env: ENV, decouple }).wait();
    await m.shutdown();
    for (let i = 0; i < 200 && lentStats.ending > 0; i++) await new Promise((res) => setTimeout(res, 10));
    return { ...r, localCalls: lentStats.localCalls - before };
  } finally {
    await m.shutdown();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

describe('what a decoupled program asks for as it starts', () => {
  it('gives the arguments, the environment and the preopens the vCPU gives, from its own core', async () => {
    const multiplexed = await run(false);
    const decoupled = await run(true);
    expect(multiplexed.stderr).toBe('');
    expect(multiplexed.code).toBe(0);
    const out = multiplexed.stdout;
    expect(out).toContain("argv[3] = 'two words'\nargv[4] = 'héllo wörld ✓'");
    expect(out).toContain("env 'UNICODE=ünï ✓'");
    expect(out).toContain('args_get, strings into a bad place: 21'); // EFAULT
    expect(out).toContain("prestat 1022: tag 0, name 2 bytes '/d' (0)");
    expect(out).toContain("prestat 1021: tag 0, name 31 bytes '/a/much/longer/mount/point/name' (0); next byte #\n  dir_name with 30 bytes: 37"); // ENAMETOOLONG
    expect(out).toContain('F_DUPFD of 1021: 5\nprestat 5: tag 0');
    expect(out).toContain('fdstat of 5: 0\nprestat 5: errno 8'); // EBADF once closed
    expect(out).toContain('a file at 4\nprestat 4: errno 8');
    expect(out).toMatch(/after closing the first preopen(\n.*)*\nprestat 1021: errno 8\nprestat 1022: tag 0/);
    expect(decoupled.stdout).toBe(out);
    expect(decoupled.code).toBe(0);
    // 100 here; 5 when every one of them was forwarded.
    expect(decoupled.localCalls).toBeGreaterThan(80);
  });
});
