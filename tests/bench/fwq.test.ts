// FWQ and MPI-FWQ: fwq prints its statistics (and its samples) for a small N, multiplexed and
// decoupled; mpi-fwq's ranks (posix_spawn of itself, pipe barrier) complete and report, both ways;
// `l4wasm bench fwq` and `bench mpi-fwq` write their JSON and SVG. Shapes only, never figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import {
  FWQ_SOURCE, FWQ_VARIANTS, MPI_FWQ_SOURCE, benchFwq, benchMpiFwq, formatFwqTable, formatMpiFwqTable,
  parseFwqArgs, parseFwqOutput, parseMpiFwqArgs, parseMpiFwqOutput, type FwqResult, type MpiFwqResult,
} from '../../src/cli/bench_fwq.js';

let fwq: string;
let mpi: string;
let out: string;

beforeAll(async () => {
  fwq = await compileCached(FWQ_SOURCE);
  mpi = await compileCached(MPI_FWQ_SOURCE);
  out = mkdtempSync(join(tmpdir(), 'l4wasm-fwq-test-'));
}, 240_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

const STAT_LINES = [
  /^fwq: 300 iterations of 20\.0 us work \(\d+ loops, calibrated\), 100 warm-up$/m,
  /^min: +[\d.]+ us$/m, /^median: +[\d.]+ us$/m, /^p99: +[\d.]+ us$/m, /^p99\.9: +[\d.]+ us$/m,
  /^max: +[\d.]+ us$/m, /^mean: +[\d.]+ us$/m, /^mean extra over median: -?[\d.]+ %$/m,
  /^above 1\.1x median: \d+ \([\d.]+ %\)$/m, /^above 2x median: \d+ \([\d.]+ %\)$/m,
];

describe('examples/fwq.c', () => {
  for (const decouple of [false, true]) {
    it(`prints the statistics and every sample (${decouple ? 'decoupled' : 'multiplexed'})`, async () => {
      const m = await Machine.boot();
      try {
        const p = m.spawn(fwq, { args: ['fwq', '-n', '300', '-t', '20', '-s'], decouple });
        expect(await p.exit).toEqual({ code: 0 });
        for (const re of STAT_LINES) expect(p.stdout).toMatch(re);
        const s = parseFwqOutput(p.stdout);
        expect(s.iterations).toBe(300);
        expect(s.samplesNs).toHaveLength(300);
        expect(s.samplesNs!.every((x) => x > 0)).toBe(true);
        expect(s.minUs).toBeLessThanOrEqual(s.medianUs);
        expect(s.medianUs).toBeLessThanOrEqual(s.p99Us);
        expect(s.p99Us).toBeLessThanOrEqual(s.p999Us);
        expect(s.p999Us).toBeLessThanOrEqual(s.maxUs);
        expect(s.above2x).toBeLessThanOrEqual(s.above1_1x);
        // The samples are what the statistics are of.
        const sorted = [...s.samplesNs!].sort((a, b) => a - b);
        expect(sorted[0]! / 1000).toBeCloseTo(s.minUs, 2);
        expect(sorted[299]! / 1000).toBeCloseTo(s.maxUs, 2);
      } finally {
        await m.shutdown();
      }
    });
  }

  it('without -s prints no samples', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(fwq, { args: ['fwq', '-n', '300', '-t', '20'] });
      expect(await p.exit).toEqual({ code: 0 });
      expect(parseFwqOutput(p.stdout).samplesNs).toBeUndefined();
    } finally {
      await m.shutdown();
    }
  });
});

describe('examples/mpi-fwq.c', () => {
  for (const [mode, ranks] of [['multiplexed', 3], ['decoupled', 2], ['decoupled', 3]] as const) {
    it(`${ranks} ${mode} ranks complete and report`, async () => {
      const m = await Machine.boot({ mode, programs: { '/bin/mpi-fwq': mpi } });
      try {
        const p = m.spawn(mpi, { args: ['/bin/mpi-fwq', '-r', String(ranks), '-i', '20', '-t', '100'], decouple: mode === 'decoupled' });
        expect(await p.exit).toEqual({ code: 0 });
        expect(p.stderr).toBe('');
        const s = parseMpiFwqOutput(p.stdout);
        expect(s.ranks).toBe(ranks);
        expect(s.iterations).toBe(20);
        // 20 iterations of ~100 µs each cannot take less than most of 2 ms.
        expect(s.completionS).toBeGreaterThan(0.0015);
        expect(s.idealS).toBeGreaterThan(0);
      } finally {
        await m.shutdown();
      }
    });
  }

  it('a rank that is gone ends the run with a message, not a hang', async () => {
    const m = await Machine.boot({ programs: { '/bin/mpi-fwq': mpi } });
    try {
      // Rank 1 is started by a name the machine has no program for.
      const p = m.spawn(mpi, { args: ['/bin/nowhere', '-r', '2', '-i', '5', '-t', '50'] });
      const st = await p.exit;
      expect(st.code).not.toBe(0);
      expect(p.stderr).toMatch(/mpi-fwq: (cannot start rank 1|barrier: a rank is gone)/);
    } finally {
      await m.shutdown();
    }
  });
});

describe('l4wasm bench fwq / mpi-fwq', () => {
  it('parse their options', () => {
    expect(parseFwqArgs(['--quick', '--out', 'x', '--iterations', '100'])).toMatchObject({ quick: true, out: 'x', iterations: 100 });
    expect(parseFwqArgs(['--iterations', '0'])).toMatch(/positive whole number/);
    expect(parseFwqArgs(['--bogus'])).toMatch(/unknown option '--bogus'/);
    expect(parseMpiFwqArgs(['--ranks', '1,3', '--work', '50'])).toMatchObject({ ranks: [1, 3], workUs: 50, out: 'bench' });
    expect(parseMpiFwqArgs(['--ranks', '1,x'])).toMatch(/--ranks 1,x/);
  });

  let fr: FwqResult;
  it('bench fwq runs every variant and writes fwq.json and fwq.svg', async () => {
    const log: string[] = [];
    fr = await benchFwq({ quick: true, iterations: 400, out, log: (t) => log.push(t) });
    for (const { key } of FWQ_VARIANTS) {
      const v = fr.results[key];
      expect(v, key).toBeDefined();
      if ('na' in v) {
        expect(key, `${key}: ${v.na}\n${log.join('')}`).toBe('native'); // only native may be missing
      } else {
        expect(v.stats.iterations).toBe(400);
        expect(v.stats.medianUs).toBeGreaterThan(0);
      }
    }
    const json = JSON.parse(readFileSync(join(out, 'fwq.json'), 'utf8')) as FwqResult;
    expect(json.iterations).toBe(400);
    expect(Object.keys(json.results).sort()).toEqual(FWQ_VARIANTS.map((v) => v.key).sort());
    const svg = readFileSync(join(out, 'fwq.svg'), 'utf8');
    expect(svg).toMatch(/^<svg /);
    for (const { label } of FWQ_VARIANTS) expect(svg).toContain(label);
    expect(formatFwqTable(fr)).toMatch(/decoupled \+ neighbour/);
    // The compute-loop comparison ran the same loop count both ways.
    const [bare, alone] = [fr.results['node-wasi'], fr.results.decoupled];
    expect(bare && 'stats' in bare && alone && 'stats' in alone && alone.stats.loops === bare.stats.loops).toBe(true);
    expect(fr.goals.decoupledVsNodeWasi).toBeGreaterThan(0);
    expect(formatFwqTable(fr)).toMatch(/compute loop decoupled ≤ 1\.05x node:wasi \(median per iteration\): [\d.]+x/);
  }, 180_000);

  let mr: MpiFwqResult;
  it('bench mpi-fwq runs each rank count both ways and writes mpi-fwq.json and mpi-fwq.svg', async () => {
    mr = await benchMpiFwq({ quick: true, ranks: [1, 2], iterations: 10, workUs: 100, out, log: () => {} });
    for (const mode of ['multiplexed', 'decoupled'] as const) {
      for (const r of [1, 2]) {
        const c = mr.results[mode][String(r)];
        expect(c && 'completionS' in c ? c.ranks : c, `${mode} ${r}`).toBe(r);
      }
    }
    expect(existsSync(join(out, 'mpi-fwq.json'))).toBe(true);
    expect(readFileSync(join(out, 'mpi-fwq.svg'), 'utf8')).toContain('decoupled ranks');
    expect(formatMpiFwqTable(mr)).toMatch(/^2 /m);
  }, 180_000);
});
