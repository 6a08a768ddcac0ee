// The import fuzzer (tests/hardening/import_fuzz_*.ts): a hand-built module that imports every
// call of the syscall table makes them with hostile arguments from a seeded script, multiplexed
// and decoupled. No host exception, no write outside the arguments, no path out of its mount, and
// the machine runs a normal program afterwards. More: L4WASM_IMPORT_FUZZ_CALLS, _SEED.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { FUZZED } from './import_fuzz_layout.js';
import { NEVER } from './import_fuzz_script.js';
import { importFuzz, type ImportFuzzResult } from './import_fuzz_run.js';

const CALLS = Number(process.env.L4WASM_IMPORT_FUZZ_CALLS ?? 6000);
const SEED = Number(process.env.L4WASM_IMPORT_FUZZ_SEED ?? 20261206);
const ROOT = join(import.meta.dirname, '..', '..');
let hello = '';

beforeAll(async () => {
  hello = await compileCached(join(ROOT, 'examples', 'hello.c'));
});

function report(mode: string, r: ImportFuzzResult, seed = SEED): void {
  const ends = [...r.ends].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`import fuzz (${mode}, seed ${seed}): ${r.made} calls seen in ${(r.ms / 1000).toFixed(1)} s, ${r.runs} runs, ` +
    `${r.stuck} waits killed, ${r.handlers} signal handlers run; ends: ${ends}`);
  if (process.env.L4WASM_IMPORT_FUZZ_VERBOSE) {
    for (const [k, m] of [...r.results].sort()) console.log(`  ${k}: ${[...m].sort((a, b) => b[1] - a[1]).map(([v, n]) => `${v}:${n}`).join(' ')}`);
  }
}

describe('import fuzzer', () => {
  it('notices a write outside the arguments (its own self-test)', async () => {
    const r = await importFuzz({ seed: 1, calls: 300, decouple: false, corruptAt: 250 });
    expect(r.failures, r.failures.join('\n')).toHaveLength(1);
    expect(r.failures[0]).toMatch(/^memory outside the arguments changed \(canary\) after #250 /);
  });

  for (const decouple of [false, true]) {
    const mode = decouple ? 'decoupled' : 'multiplexed';
    it(`${CALLS} hostile calls of every import, ${mode} (seed ${SEED})`, async () => {
      const r = await importFuzz({ seed: SEED, calls: CALLS, decouple, after: { program: hello, stdout: 'Hello from l4wasm!\n' } });
      report(mode, r);
      expect(r.failures).toEqual([]);
      // Every call but those never made was seen (a decoupled program answers some on its own core).
      const missing = FUZZED.filter((s) => !(decouple && (s.coreLocal || s.name === 'preempt')))
        .map((s) => `${s.module}.${s.name}`).filter((k) => !NEVER.has(k) && (r.perImport.get(k) ?? 0) === 0);
      if (CALLS >= 6000) expect(missing).toEqual([]);
    }, 120_000);

    // As embedders run it: no wrapper around the imports (a decoupled program then reads and
    // writes lent host files on its own core).
    it(`${Math.round(CALLS / 3)} hostile calls, unwatched, ${mode} (seed ${SEED + 1})`, async () => {
      const r = await importFuzz({ seed: SEED + 1, calls: Math.round(CALLS / 3), decouple, unwatched: true, after: { program: hello, stdout: 'Hello from l4wasm!\n' } });
      report(`${mode}, unwatched`, r, SEED + 1);
      expect(r.failures).toEqual([]);
    }, 120_000);
  }
});
