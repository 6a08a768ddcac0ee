// A program prepared for the multiplexed mode needs about the stack its original needs: deep
// recursion through a function with a big frame (a loop over a 128-case switch whose cases keep
// values live across calls) runs as deep as under node:wasi, suspended on the way, with the
// output node:wasi gives. Asyncify's unoptimized output (level 0) gave that function 1,343 locals
// and a 5.4 KB baseline frame instead of 64 bytes: it exhausted the stack at depth ~150 of 2,000.
import { beforeAll, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { optimizeLevel, OPTIMIZE_CODE_LIMIT } from '../../src/guest/asyncify.js';
import { SUSPEND } from '../../src/libc/context.js';
import type { ImportTable } from '../../src/guest/program.js';
import type { Process } from '../../src/guest/process.js';

const DEPTH = '2000';

/** Runs `wasm` under node:wasi; returns its stdout. */
function nodeWasi(wasm: string, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'l4wasm-deep-'));
  const outFile = join(dir, 'stdout');
  const fd = openSync(outFile, 'w');
  try {
    const wasi = new WASI({ version: 'preview1', args, stdout: fd, returnOnExit: true });
    const code = wasi.start(new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), wasi.getImportObject() as WebAssembly.Imports));
    if (code !== 0) throw new Error(`node:wasi: exit ${code}`);
    return readFileSync(outFile, 'utf8');
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Makes l4posix.preempt give up the CPU every `every`-th call, so the deep stack unwinds and rewinds. */
function preemptEvery(every: number) {
  return (imports: ImportTable, p: Process): ImportTable => {
    let calls = 0;
    let yielded = false;
    return {
      ...imports,
      l4posix: {
        ...imports.l4posix,
        preempt: () => {
          if (yielded) { yielded = false; return 1; } // the call runs again on resume
          if (++calls % every !== 0) return 1;
          yielded = true;
          p.kernel.yield(p.thread.id);
          return SUSPEND;
        },
      },
    };
  };
}

let deep: string;
beforeAll(async () => {
  deep = await compileCached(join(import.meta.dirname, 'fixtures', 'deep_frames.c'), ['-O2']);
}, 240_000);

describe('stack use of a prepared program', () => {
  it(`recursion ${DEPTH} deep through a big frame, suspended on the way, prints what node:wasi prints`, async () => {
    const expected = nodeWasi(deep, ['deep_frames', DEPTH]);
    expect(expected).toMatch(/depth 0 acc [0-9a-f]{8}\nchecksum [0-9a-f]{8}\n$/);
    const m = await Machine.boot({ mode: 'multiplexed' });
    try {
      const p = m.spawn(deep, { args: ['deep_frames', DEPTH], wrapImports: preemptEvery(5) });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe(expected);
    } finally {
      await m.shutdown();
    }
  });

  it('asyncify\'s optimizing path: up to 2 MiB of code, under a time budget where it fits in half of it', () => {
    expect(optimizeLevel(1_103_586)).toBe(1); // SQLite's shell, forced multiplexed
    expect(optimizeLevel(OPTIMIZE_CODE_LIMIT + 1)).toBe(0);
    expect(optimizeLevel(196_148, 20_000)).toBe(1); // flite in the default mode
    expect(optimizeLevel(1_103_586, 20_000)).toBe(0);
  });
});
