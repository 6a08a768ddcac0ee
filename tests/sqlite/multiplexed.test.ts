// SQLite's shell forced into the multiplexed mode runs the 100,000-row workload on the main
// thread's default stack and prints what native SQLite prints. Prepared at asyncify's level 0 it
// died with "call stack exhausted" in yy_reduce (V8 gave that function a 1.07 MB frame).
// Slow (SQLite's amalgamation compiles for minutes once, its preparation takes tens of seconds
// once; both cached): part of `npm run test:sqlite`, like the rest of tests/sqlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { buildSqlite } from '../../src/cli/sqlite_build.js';
import { runNative, workloadScript } from '../../src/cli/sqlite_workload.js';

const slow = process.env.L4WASM_SUITE === 'slow';
const ROWS = 100_000;

describe.skipIf(!slow)(`SQLite forced multiplexed, ${ROWS} rows`, () => {
  const host = mkdtempSync(join(tmpdir(), 'l4wasm-sqlite-mux-'));
  let wasm: string;
  let native: string;

  beforeAll(async () => {
    wasm = await buildSqlite('l4wasm', (l) => process.stderr.write(l + '\n'));
    const script = workloadScript(ROWS);
    writeFileSync(join(host, 'w.sql'), script);
    native = runNative(join(host, 'native.db'), script);
  }, 900_000);
  afterAll(() => rmSync(host, { recursive: true, force: true }));

  it('runs to the end on the default stack with native SQLite\'s output', async () => {
    const m = await Machine.boot({ mode: 'multiplexed', mounts: [{ host, guest: '/data' }] });
    try {
      const p = m.spawn(wasm, { args: ['sqlite', '/tmp/w.db', '/data/w.sql'] });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe(native);
    } finally {
      await m.shutdown();
    }
  }, 600_000);
});
