// The syscall fuzzer as a test (issue 10, section 4): seeded, at least 100,000 calls of every
// WASI and l4posix import with random arguments against live processes, and no host exception.
// `npm run test:fuzz` makes many more (L4WASM_FUZZ_CALLS, L4WASM_FUZZ_SEED).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { WASI_FUNCTIONS } from '../../src/libc/wasi.js';
import { L4POSIX_FUNCTIONS } from '../../src/libc/l4posix.js';
import { fuzz } from './fuzzer.js';

const CALLS = Number(process.env.L4WASM_FUZZ_CALLS ?? 100_000);
const SEED = Number(process.env.L4WASM_FUZZ_SEED ?? 1);

describe('syscall fuzzer', () => {
  it(`${CALLS} random calls of every import (seed ${SEED}): no host exception, the machine survives`, async () => {
    const host = await compileCached(join(import.meta.dirname, 'fixtures', 'fuzz_host.c'));
    const r = await fuzz({ host, seed: SEED, calls: CALLS });
    console.log(`fuzz: ${r.calls} calls in ${(r.ms / 1000).toFixed(1)} s, ${r.processes} processes (${r.stuck} killed waiting), ` +
      `${r.perImport.size} imports, fewest calls ${Math.min(...r.perImport.values())}`);
    const top = [...r.resumes].sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(`fuzz: most resumed: ${top.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(r.failures.slice(0, 5)).toEqual([]);
    expect(r.calls).toBeGreaterThanOrEqual(CALLS);
    const all = [...WASI_FUNCTIONS.map((n) => `wasi_snapshot_preview1.${n}`), ...L4POSIX_FUNCTIONS.map((n) => `l4posix.${n}`)];
    const missing = all.filter((k) => (r.perImport.get(k) ?? 0) === 0);
    expect(missing).toEqual([]);
  }, 600_000);
});
