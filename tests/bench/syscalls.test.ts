// `l4wasm bench syscalls --quick`: the smoke test CI runs. It checks the output's shape (every
// column, every operation, a figure or a reason, the JSON, the SVG, the table), never its numbers;
// and `--strace` on one operation, where strace is installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchStrace, benchSyscalls, parseBenchArgs } from '../../src/cli/bench.js';
import { COLUMNS, ONE_PASS_OPS, OPS, formatFindings, formatTable, type BenchResult } from '../../src/cli/bench_report.js';
import { OutputParser, type Cell } from '../../src/cli/bench_runners.js';
import { formatStrace, parseStraceSummary, straceVersion, type StraceResult } from '../../src/cli/bench_strace.js';

let out: string;
let result: BenchResult;
let seconds: number;
const progress: string[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'l4wasm-bench-test-'));
  const t0 = performance.now();
  result = await benchSyscalls({ quick: true, paths: COLUMNS.map((c) => c.key), out, log: (t) => progress.push(t) });
  seconds = (performance.now() - t0) / 1000;
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

function expectCell(cell: Cell | undefined, where: string, op: string): void {
  expect(cell, where).toBeDefined();
  if ('na' in cell!) {
    expect(cell.na.length, where).toBeGreaterThan(0);
  } else {
    for (const k of ['median', 'min', 'max'] as const) expect(Number.isFinite(cell![k]) && cell![k] > 0, `${where} ${k}`).toBe(true);
    expect(cell!.min).toBeLessThanOrEqual(cell!.median);
    expect(cell!.median).toBeLessThanOrEqual(cell!.max);
    // Memory growth is one pass per process (memory never shrinks); the rest repeat.
    expect(cell!.reps).toBe(ONE_PASS_OPS.includes(op) ? 1 : 5);
    expect(cell!.iterations).toBeGreaterThan(0);
  }
}

describe('bench syscalls --quick', () => {
  it('has a figure or a reason for every operation of every column', () => {
    for (const c of COLUMNS) {
      const cells = result.results[c.key];
      expect(cells, c.key).toBeDefined();
      if (c.key === 'floor') {
        expectCell(cells!.empty_call, 'floor', 'empty_call');
        expect('median' in cells!.empty_call!).toBe(true);
        continue;
      }
      for (const op of OPS) expectCell(cells![op.key], `${c.key} ${op.key}`, op.key);
    }
    // The trace-off comparison ran too.
    expect(Object.keys(result.results['local-untraced'] ?? {})).toHaveLength(OPS.length);
  });

  it('measures what each runtime has and says what it lacks', () => {
    const has = (col: keyof BenchResult['results'], op: string) => 'median' in result.results[col]![op]!;
    const files = ['write_tmpfs_64', 'write_hostfs_64', 'read_tmpfs_4k', 'read_hostfs_4k', 'read_rom_4k',
      'open_close_tmpfs', 'open_close_hostfs', 'open_close_rom', 'stat_tmpfs', 'stat_hostfs', 'stat_rom'];
    for (const op of ['empty_call', 'clock_gettime', 'clock_getres', 'getpid', 'fcntl_getfl', 'write_devnull_64', ...files, 'ipc_roundtrip', 'grow_64k']) {
      expect(has('local', op), `local ${op}`).toBe(true);
      expect(has('server', op), `server ${op}`).toBe(true);
    }
    // Every file operation on each mount the anchors have; none has a ROM.
    for (const col of ['native', 'node-wasi', 'wasm-util'] as const) {
      for (const op of files) expect(has(col, op), `${col} ${op}`).toBe(!op.endsWith('_rom') && op !== 'read_rom_4k');
      expect(has(col, 'clock_getres'), `${col} clock_getres`).toBe(true);
      expect(has(col, 'fcntl_getfl'), `${col} fcntl_getfl`).toBe(true);
    }
    for (const op of files) expect(has('wasi-shim', op), `wasi-shim ${op}`).toBe(op.includes('tmpfs'));
    expect(has('node-wasi', 'getpid')).toBe(false);
    expect(has('wasm-util', 'getpid')).toBe(false);
    expect(has('node-wasi', 'ipc_roundtrip')).toBe(false);
    expect(has('native', 'grow_64k')).toBe(true);
    expect(has('wasm-util', 'grow_64k')).toBe(true);
  });

  it('writes the JSON with every figure and the machine', () => {
    const json = JSON.parse(readFileSync(join(out, 'syscalls.json'), 'utf8')) as BenchResult;
    expect(json.results).toEqual(result.results);
    expect(typeof json.machine.cpuModel).toBe('string');
    expect(json.machine.cores).toBeGreaterThanOrEqual(1);
    expect(json.machine.node).toBe(process.version);
    expect(Number.isNaN(Date.parse(json.date))).toBe(false);
    expect(json.quick).toBe(true);
    expect(json.ops.map((o) => o.key)).toEqual(OPS.map((o) => o.key));
    expect(typeof json.goals.localWithin1_5xOfEmptyCall).toBe('boolean');
    expect(typeof json.goals.localFasterThanNodeWasiEverywhere).toBe('boolean');
    // Issue 15's goals: each judged with its figures, since every column ran.
    expect(json.goals.issue15.map((g) => g.op)).toEqual(expect.arrayContaining(['open_close_hostfs', 'stat_rom', 'clock_getres', 'grow_64k']));
    for (const g of json.goals.issue15.filter((x) => x.op !== 'grow_64k')) {
      expect(typeof g.met, g.op).toBe('boolean');
      expect(g.value! > 0 && g.limit! > 0, g.op).toBe(true);
    }
    expect(Object.keys(json.mounts ?? {})).toEqual(expect.arrayContaining(['native', 'l4wasm', 'node-wasi', 'wasi-shim', 'wasm-util']));
    expect(json.columnNotes?.['wasm-util']).toMatch(/milliseconds/);
    // Every column ran: the forwarded empty call's round trip is judged against its goal.
    expect(json.goals.forwardedEmptyCallNs).toBeGreaterThan(0);
    expect(typeof json.goals.forwardedWithin1Us).toBe('boolean');
    expect(Object.keys(json.tracing?.offRatio ?? {}).length).toBeGreaterThan(0);
    for (const k of ['mmap', 'signals', 'pipe', 'native']) expect(typeof json.build[k]).toBe('string');
  });

  it('draws a bar per figure in the SVG', () => {
    const svg = readFileSync(join(out, 'syscalls.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const figures = COLUMNS.reduce((n, c) => n + Object.values(result.results[c.key]!).filter((cell) => 'median' in cell).length, 0);
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(figures);
    for (const c of COLUMNS) expect(svg).toContain(`>${c.label.replace('→', '→')}</text>`);
  });

  it('prints a table with a row per operation and ratio columns, and progress while running', () => {
    const table = formatTable(result);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^operation \(ns\/op\)\s+native\s+bare wasm→JS\s+l4wasm local\s+l4wasm server\s+l4wasm traced\s+l4wasm forwarded\s+node:wasi\s+browser_wasi_shim\s+wasm-util\s+local\/native\s+local\/node:wasi$/);
    for (const op of OPS) expect(table).toMatch(new RegExp(`^${op.label.replace(/[+()]/g, '\\$&')}\\s`, 'm'));
    expect(table).toMatch(/^\[1\] /m);
    expect(table).toMatch(/^node:wasi: tmpfs = a host directory in \/dev\/shm/m);
    expect(table).toMatch(/^wasm-util: tmpfs = a host directory in \/dev\/shm/m);
    const findings = formatFindings(result);
    expect(findings).toMatch(/^goal: local path faster than node:wasi/m);
    expect(findings).toMatch(/^goals of issue 15/m);
    expect(findings).toMatch(/^ {2}(met|missed) +open\+close hostfs ≤ node:wasi \([\d.,]+ vs [\d.,]+ ns/m);
    expect(findings).toMatch(/^ {2}(met|missed) +stat ROM ≤ 800 ns \([\d.,]+ ns\)$/m);
    expect(progress.join('')).toMatch(/^l4wasm, local path.*:\n {2}empty_call +[\d.,]+ ns\/op/m);
  });

  it('finishes a quick run in under 45 seconds once the program is built', () => {
    // Building (clang, asyncify) is cached across runs; the measuring itself is what --quick bounds.
    expect(seconds).toBeLessThan(progress.join('').includes('compiling') ? 105 : 45);
  });
});

describe('bench syscalls arguments and output parsing', () => {
  it('parses options', () => {
    expect(parseBenchArgs([])).toMatchObject({ quick: false, out: 'bench' });
    expect(parseBenchArgs(['--quick', '--path', 'local,node-wasi', '--out=x'])).toMatchObject({ quick: true, paths: ['local', 'node-wasi'], out: 'x' });
    expect(parseBenchArgs(['--path', 'warp'])).toMatch(/warp/);
    expect(parseBenchArgs(['--only', 'getpid,stat_rom'])).toMatchObject({ only: ['getpid', 'stat_rom'] });
    // The names from before every mount was measured mean the tmpfs operations.
    expect(parseBenchArgs(['--only', 'open_close,stat'])).toMatchObject({ only: ['open_close_tmpfs', 'stat_tmpfs'] });
    expect(parseBenchArgs(['--only', 'nope'])).toMatch(/nope/);
    expect(parseBenchArgs(['--fast'])).toMatch(/unknown option/);
    expect(parseBenchArgs(['--strace', '--only', 'stat_hostfs'])).toMatchObject({ strace: true, only: ['stat_hostfs'] });
    expect(parseBenchArgs(['--path', 'wasm-util'])).toMatchObject({ paths: ['wasm-util'], pathsGiven: true });
  });

  it('parses the program lines, split anywhere', () => {
    const seen: string[] = [];
    const p = new OutputParser((op) => seen.push(op));
    p.push('# syscalls benchmark: quick\nop getpid 6.5');
    p.push('0 6.1 7.0 5 1000\nna pipe_64 not built: no pipe\nop stat 1200.00 1100.00 1300.00 5 10');
    expect(p.end()).toEqual({
      getpid: { median: 6.5, min: 6.1, max: 7, reps: 5, iterations: 1000 },
      pipe_64: { na: 'not built: no pipe' },
      stat: { median: 1200, min: 1100, max: 1300, reps: 5, iterations: 10 },
    });
    expect(seen).toEqual(['getpid', 'pipe_64', 'stat']);
  });
});

describe('bench syscalls --strace', () => {
  it('reads strace -c tables', () => {
    const text = [
      '% time     seconds  usecs/call     calls    errors syscall',
      '------ ----------- ----------- --------- --------- ----------------',
      ' 41.20    0.004120           2      2001           statx',
      '  3.10    0.000310           1       310        12 futex',
      '------ ----------- ----------- --------- --------- ----------------',
      '100.00    0.010000           2      2311        12 total',
    ].join('\n');
    expect(parseStraceSummary(text)).toEqual({ statx: 2001, futex: 310 });
  });

  let r: StraceResult;
  it.skipIf(typeof straceVersion() !== 'string')('counts the host system calls of one host stat on l4wasm and node:wasi', async () => {
    const out2 = mkdtempSync(join(tmpdir(), 'l4wasm-strace-test-'));
    try {
      r = await benchStrace({ quick: true, strace: true, paths: ['local', 'node-wasi'], pathsGiven: true, only: ['stat_hostfs'], out: out2, log: () => {} });
      const json = JSON.parse(readFileSync(join(out2, 'syscalls-strace.json'), 'utf8')) as StraceResult;
      expect(json.counts).toEqual(r.counts);
    } finally {
      rmSync(out2, { recursive: true, force: true });
    }
    for (const runtime of ['l4wasm', 'node-wasi'] as const) {
      const c = r.counts[runtime]!.stat_hostfs!;
      expect('perCall' in c, runtime).toBe(true);
      if (!('perCall' in c)) continue;
      // A stat of a host file is at least one stat-like call on the host, and not dozens.
      const stats = Object.entries(c.bySyscall).filter(([k]) => /stat/.test(k)).reduce((n, [, v]) => n + v, 0);
      expect(stats, runtime).toBeGreaterThanOrEqual(0.9);
      expect(c.perCall, runtime).toBeLessThan(10);
    }
    expect(formatStrace(r)).toMatch(/^stat hostfs\n {2}l4wasm \(local path\) +[\d.]+ \(.*stat/m);
  }, 120_000);
});
