// A cached prepared module is compiled without its large data segments, which each instance reads
// from the cache file into its memory (prepared_data.ts): the program computes over its data as
// it does with the engine placing it, small segments stay in the module, and a cache entry
// removed while the image lives still gives its data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { readProgramHead, type ProgramHead } from '../../src/guest/program_file.js';
import { loadProgram } from '../../src/guest/program_load.js';
import { PROVIDED_IMPORTS, isCallBoundary } from '../../src/libc/syscalls/index.js';
import { useEmptyCache } from '../helpers/empty_cache.js';

let prog = '';
let dir = '';

beforeAll(async () => {
  const wasm = await compileCached(join(import.meta.dirname, 'fixtures', 'bigdata.c'));
  dir = mkdtempSync(join(tmpdir(), 'l4wasm-prepared-data-'));
  prog = join(dir, 'bigdata.wasm');
  copyFileSync(wasm, prog);
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cacheDir = useEmptyCache('l4wasm-prepared-data-cache-');

/** What the fixture prints: the checksum of its 16 KiB table, its message, its counter plus one. */
function expected(): string {
  let sum = 0;
  for (let i = 0; i < 16384; i++) sum = (Math.imul(sum, 31) + ((((i * 131 + 7) ^ (i >> 8)) & 0xff))) >>> 0;
  return `${sum} small data, written by the engine 42`;
}

async function output(m: Machine): Promise<string> {
  const p = m.spawn(prog, { args: ['bigdata'] });
  expect(await p.exit).toEqual({ code: 0 });
  return p.stdout.trim();
}

describe('data segments read from the preparation cache', () => {
  it('place the data as instantiation does; the entry removed while its image lives still serves it', async () => {
    await new Promise((r) => setTimeout(r, 2100)); // settled: known by identity, its head read only
    const first = await Machine.boot({ prepareInBackground: false });
    try {
      expect(await output(first)).toBe(expected()); // prepared now, the whole module compiled
    } finally {
      await first.shutdown();
    }
    const head = readProgramHead(prog) as ProgramHead;
    expect(head.head).toBeDefined();
    const image = await loadProgram(head, 'bigdata', PROVIDED_IMPORTS, isCallBoundary);
    // The table's segment (with the message) is read into memory; the small one stays in the module.
    expect(image.data?.segments).toHaveLength(1);
    expect(image.data!.segments[0]!.length).toBeGreaterThanOrEqual(16384);
    const m = await Machine.boot();
    try {
      expect(await output(m)).toBe(expected());
      for (const f of readdirSync(cacheDir())) if (f.endsWith('.async.wasm')) rmSync(join(cacheDir(), f));
      expect(await output(m)).toBe(expected());
    } finally {
      await m.shutdown();
    }
  }, 120_000);
});
