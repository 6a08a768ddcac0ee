// l4wasm bench fwq and l4wasm bench mpi-fwq: the lecture's noise benchmarks.
//
// bench fwq runs examples/fwq.c (identical ~50 µs work quanta, each timed) four ways in one go:
// multiplexed alone on the vCPU; multiplexed beside a noisy neighbour (another guest process that
// computes and calls the host); decoupled (its own worker thread) beside the same neighbour; and
// native (gcc -O2), when a C compiler is found. It prints a table and writes OUT/fwq.json and
// OUT/fwq.svg (each variant's per-iteration times, like the lecture's noise plots).
//
// It also compares a compute loop decoupled with the same module bare under node:wasi: fwq alone,
// both ways, with the work fixed to the loop count node:wasi calibrated (the best of two runs each).
//
// bench mpi-fwq runs examples/mpi-fwq.c (R ranks alternating work and a pipe barrier) for rank
// counts 1, 2, 4 with multiplexed ranks, decoupled ranks and native processes, and writes
// OUT/mpi-fwq.json and OUT/mpi-fwq.svg (time to completion against rank count).
//
// Noise is measured over the median, never the minimum: CPU frequency steps of a few percent make
// the minimum unreliable on the VMs this runs on.
import { spawn as spawnHost, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../toolchain/cc.js';
import { cacheDir, compileCached, CompileError } from '../toolchain/compile_cache.js';
import { argError, helpText, lastString, parseCommand, type CommandDef } from './args.js';
import { Machine, type GuestProcess } from '../guest/machine.js';

export const FWQ_SOURCE = join(PACKAGE_ROOT, 'examples', 'fwq.c');
export const MPI_FWQ_SOURCE = join(PACKAGE_ROOT, 'examples', 'mpi-fwq.c');

type Log = (text: string) => void;
const stderrLog: Log = (t) => { process.stderr.write(t); };

// ---- what fwq prints ---------------------------------------------------------------------------

/** One FWQ run's statistics, as examples/fwq.c prints them (times in µs). */
export interface FwqStats {
  iterations: number;
  warmup: number;
  workUs: number;
  loops: number;
  minUs: number;
  medianUs: number;
  p99Us: number;
  p999Us: number;
  maxUs: number;
  meanUs: number;
  /** (mean - median) / median, in percent. */
  meanExtraPct: number;
  above1_1x: number;
  above2x: number;
  /** Every iteration's time (ns), when fwq ran with -s. */
  samplesNs?: number[];
}

/** Parses fwq's output; throws naming the line that is missing. */
export function parseFwqOutput(text: string): FwqStats {
  const num = (re: RegExp, what: string): number => {
    const m = re.exec(text);
    if (m === null) throw new Error(`fwq's output has no ${what} line:\n${text.slice(0, 400)}`);
    return Number(m[1]);
  };
  const head = /^fwq: (\d+) iterations of ([\d.]+) us work \((\d+) loops, \w+\), (\d+) warm-up$/m.exec(text);
  if (head === null) throw new Error(`fwq's output has no header line:\n${text.slice(0, 400)}`);
  const stats: FwqStats = {
    iterations: Number(head[1]),
    workUs: Number(head[2]),
    loops: Number(head[3]),
    warmup: Number(head[4]),
    minUs: num(/^min:\s+([\d.]+) us$/m, 'min'),
    medianUs: num(/^median:\s+([\d.]+) us$/m, 'median'),
    p99Us: num(/^p99:\s+([\d.]+) us$/m, 'p99'),
    p999Us: num(/^p99\.9:\s+([\d.]+) us$/m, 'p99.9'),
    maxUs: num(/^max:\s+([\d.]+) us$/m, 'max'),
    meanUs: num(/^mean:\s+([\d.]+) us$/m, 'mean'),
    meanExtraPct: num(/^mean extra over median: (-?[\d.]+) %$/m, 'mean extra'),
    above1_1x: num(/^above 1\.1x median: (\d+)/m, 'above 1.1x'),
    above2x: num(/^above 2x median: (\d+)/m, 'above 2x'),
  };
  const s = /^samples \(ns\):((?: \d+)*)$/m.exec(text);
  if (s !== null) stats.samplesNs = s[1]!.trim().split(' ').filter(Boolean).map(Number);
  return stats;
}

/** What mpi-fwq prints (times in seconds). */
export interface MpiFwqStats {
  ranks: number;
  iterations: number;
  workUs: number;
  startupS: number;
  completionS: number;
  idealS: number;
  extraPct: number;
}

export function parseMpiFwqOutput(text: string): MpiFwqStats {
  const head = /^mpi-fwq: (\d+) ranks, (\d+) iterations of ([\d.]+) us work/m.exec(text);
  const num = (re: RegExp, what: string): number => {
    const m = re.exec(text);
    if (m === null) throw new Error(`mpi-fwq's output has no ${what} line:\n${text.slice(0, 400)}`);
    return Number(m[1]);
  };
  if (head === null) throw new Error(`mpi-fwq's output has no header line:\n${text.slice(0, 400)}`);
  return {
    ranks: Number(head[1]),
    iterations: Number(head[2]),
    workUs: Number(head[3]),
    startupS: num(/^start-up: ([\d.]+) s$/m, 'start-up'),
    completionS: num(/^time to completion: ([\d.]+) s$/m, 'time to completion'),
    idealS: num(/^ideal: ([\d.]+) s$/m, 'ideal'),
    extraPct: num(/^extra over ideal: (-?[\d.]+) %$/m, 'extra over ideal'),
  };
}

// ---- options -----------------------------------------------------------------------------------

export interface FwqOptions {
  quick: boolean;
  /** Directory for fwq.json and fwq.svg. */
  out: string;
  /** Measured iterations per variant (default 40000, --quick 2000). */
  iterations?: number;
  /** Keep every sample in fwq.json (it is large); the SVG always has them. */
  samples?: boolean;
  log?: Log;
  help?: boolean;
}

export interface MpiFwqOptions {
  quick: boolean;
  out: string;
  /** Rank counts (default 1, 2, 4). */
  ranks?: number[];
  /** Iterations of work + barrier (default 500, --quick 40). */
  iterations?: number;
  /** Work per iteration in µs (default 1000, --quick 200). */
  workUs?: number;
  log?: Log;
  help?: boolean;
}

export const BENCH_FWQ_COMMAND: CommandDef = {
  name: 'bench fwq',
  operands: '',
  operandMode: 'none',
  description: `Fixed Work Quantum noise benchmark (examples/fwq.c): identical ~50 µs work quanta, each
timed, run multiplexed alone, multiplexed beside a noisy neighbour, decoupled beside the same
neighbour, and native. Noise is reported over the median. Writes OUT/fwq.json and OUT/fwq.svg.`,
  options: {
    quick: { type: 'boolean', help: 'few iterations (seconds in all; for tests)' },
    iterations: { type: 'string', value: 'N', help: 'measured iterations per variant (default 40000)' },
    samples: { type: 'boolean', help: 'keep every per-iteration time in fwq.json' },
    out: { type: 'string', value: 'DIR', help: 'where the results go (default: ./bench)' },
  },
};

export const BENCH_MPI_FWQ_COMMAND: CommandDef = {
  name: 'bench mpi-fwq',
  operands: '',
  operandMode: 'none',
  description: `MPI-FWQ (examples/mpi-fwq.c): R ranks alternate identical work and a global barrier over
pipes; time to completion against rank count, for multiplexed ranks, decoupled ranks and native
processes. Writes OUT/mpi-fwq.json and OUT/mpi-fwq.svg.`,
  options: {
    quick: { type: 'boolean', help: 'few, short iterations (for tests)' },
    ranks: { type: 'string', value: 'R,...', help: 'rank counts (default 1,2,4)' },
    iterations: { type: 'string', value: 'N', help: 'iterations of work + barrier (default 500)' },
    work: { type: 'string', value: 'US', help: 'work per iteration in µs (default 1000)' },
    out: { type: 'string', value: 'DIR', help: 'where the results go (default: ./bench)' },
  },
};

function positiveInt(v: string | undefined, flag: string): number | string | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : `--${flag} ${v}: expected a positive whole number`;
}

export function parseFwqArgs(argv: readonly string[]): FwqOptions | string {
  const p = parseCommand(BENCH_FWQ_COMMAND, argv);
  if (p.kind === 'error') return p.message;
  const o: FwqOptions = { quick: false, out: 'bench' };
  if (p.kind === 'help') return { ...o, help: true };
  o.quick = p.values.quick === true;
  o.samples = p.values.samples === true;
  const n = positiveInt(lastString(p.values.iterations), 'iterations');
  if (typeof n === 'string') return n;
  if (n !== undefined) o.iterations = n;
  o.out = lastString(p.values.out) ?? o.out;
  return o;
}

export function parseMpiFwqArgs(argv: readonly string[]): MpiFwqOptions | string {
  const p = parseCommand(BENCH_MPI_FWQ_COMMAND, argv);
  if (p.kind === 'error') return p.message;
  const o: MpiFwqOptions = { quick: false, out: 'bench' };
  if (p.kind === 'help') return { ...o, help: true };
  o.quick = p.values.quick === true;
  const n = positiveInt(lastString(p.values.iterations), 'iterations');
  if (typeof n === 'string') return n;
  if (n !== undefined) o.iterations = n;
  const w = lastString(p.values.work);
  if (w !== undefined) {
    if (!(Number(w) > 0)) return `--work ${w}: expected a positive number of µs`;
    o.workUs = Number(w);
  }
  const r = lastString(p.values.ranks);
  if (r !== undefined) {
    const list = r.split(',').map((x) => Number(x.trim()));
    if (list.length === 0 || list.some((x) => !Number.isInteger(x) || x < 1 || x > 64)) return `--ranks ${r}: expected rank counts from 1 to 64, e.g. 1,2,4`;
    o.ranks = list;
  }
  o.out = lastString(p.values.out) ?? o.out;
  return o;
}

// ---- running -----------------------------------------------------------------------------------

/** Resolves with the process's exit; kills it (SIGKILL) after `ms`. */
async function exitWithin(p: GuestProcess, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { p.kill(); reject(new Error(`${what} took longer than ${ms / 1000} s and was killed`)); }, ms);
  });
  try {
    const st = await Promise.race([p.exit, timeout]);
    if (st.code !== 0) throw new Error(`${what} exited with status ${st.code}${st.signal ? ` (signal ${st.signal})` : ''}: ${p.stderr.trim().split('\n')[0] ?? ''}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once the process has written something to stdout (it is running). */
function firstOutput(p: GuestProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    p.stdoutStream.once('data', () => resolve());
    p.exit.then((st) => reject(new Error(`the neighbour exited early (status ${st.code}): ${p.stderr.trim()}`)), reject);
  });
}

/** The host's C compiler, tried in this order; the binary (cached by content hash) or why not. */
export function buildNative(source: string, log: Log): { bin: string; compiler: string } | { why: string } {
  const compilers = [process.env.CC, 'gcc', 'cc', 'clang'].filter((c): c is string => !!c);
  for (const compiler of compilers) {
    const version = spawnSync(compiler, ['--version'], { encoding: 'utf8' });
    if (version.error !== undefined || version.status !== 0) continue;
    const h = createHash('sha256').update(compiler).update(version.stdout).update(readFileSync(source));
    const name = source.split('/').pop()!.replace(/\.c$/, '');
    const bin = join(cacheDir(), `native-${name}-${h.digest('hex').slice(0, 16)}`);
    if (existsSync(bin)) return { bin, compiler };
    log(`compiling ${name}.c natively with ${compiler} -O2\n`);
    const tmp = `${bin}.${process.pid}.tmp`;
    const r = spawnSync(compiler, ['-O2', '-o', tmp, source], { encoding: 'utf8' });
    if (r.status !== 0) return { why: `${compiler} -O2 failed: ${(r.stderr || '').split('\n')[0]}` };
    renameSync(tmp, bin);
    return { bin, compiler };
  }
  return { why: 'no C compiler found (gcc, cc, clang or $CC)' };
}

/** Runs a native binary; its stdout (throws on failure or after `ms`). */
function runNativeBin(bin: string, args: string[], ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnHost(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`${bin} ${signal ? `was killed (${signal})` : `exited with status ${code}`}: ${Buffer.concat(err).toString('utf8').trim()}`));
    });
  });
}

function machineInfo(loadBefore: number): FwqResult['machine'] {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: os.platform(),
    arch: os.arch(),
    loadAverage: [Math.round(loadBefore * 100) / 100, Math.round(os.loadavg()[0]! * 100) / 100],
  };
}

function noteLoad(log: Log): number {
  const load = os.loadavg()[0]!;
  if (load > os.cpus().length / 2) {
    log(`note: the machine is busy (load average ${load.toFixed(1)} on ${os.cpus().length} cores): the figures will be noisy\n`);
  }
  return load;
}

// ---- bench fwq -----------------------------------------------------------------------------------

export const FWQ_VARIANTS = [
  { key: 'multiplexed', label: 'multiplexed, alone', color: '#1f77b4' },
  { key: 'multiplexed-neighbour', label: 'multiplexed + neighbour', color: '#d62728' },
  { key: 'decoupled-neighbour', label: 'decoupled + neighbour', color: '#2ca02c' },
  { key: 'isolated-neighbour', label: 'decoupled + neighbour, own core (--isolate)', color: '#bcbd22' },
  { key: 'native', label: 'native', color: '#4d4d4d' },
  { key: 'node-wasi', label: 'node:wasi, alone (the same module, bare)', color: '#9467bd' },
  { key: 'decoupled', label: 'decoupled, alone (node:wasi\'s loop count)', color: '#17becf' },
] as const;

export type FwqVariantKey = (typeof FWQ_VARIANTS)[number]['key'];

export type FwqVariantResult =
  | { stats: FwqStats; wallS: number; outliers: [number, number][] }
  | { na: string };

export interface FwqResult {
  date: string;
  machine: {
    cpuModel: string; cores: number; node: string; platform: string; arch: string;
    /** 1-minute load average when the run started and when it ended. */
    loadAverage: [number, number];
  };
  quick: boolean;
  iterations: number;
  workUs: number;
  native: string;
  results: Record<FwqVariantKey, FwqVariantResult>;
  goals: FwqGoals;
  notes: string[];
}

export interface FwqGoals {
  /** Decoupled beside the neighbour: mean extra over the median (%); goal ≤ 1. */
  decoupledMeanExtraPct?: number;
  decoupledMeanExtraWithin1Pct?: boolean;
  /** Decoupled p99/median over native's p99/median; goal ≤ 1.1. */
  decoupledP99VsNative?: number;
  decoupledP99Within1_1xOfNative?: boolean;
  /** Multiplexed beside the neighbour over decoupled beside it, mean extra; goal ≥ 10. */
  multiplexedVsDecoupledMeanExtra?: number;
  decoupled10xQuieterThanMultiplexed?: boolean;
  /** The same two for the decoupled program on a core of its own (isolateCores). */
  isolatedMeanExtraPct?: number;
  isolatedMeanExtraWithin1Pct?: boolean;
  isolatedP99VsNative?: number;
  isolatedP99Within1_1xOfNative?: boolean;
  /** The same compute loop decoupled over bare under node:wasi, median per iteration; goal ≤ 1.05. */
  decoupledVsNodeWasi?: number;
  decoupledWithin1_05xOfNodeWasi?: boolean;
}

/** Iterations above 2x the median (index, µs), at most `cap` of them: what the plot's spikes are. */
function outliersOf(stats: FwqStats, cap = 100): [number, number][] {
  const out: [number, number][] = [];
  const s = stats.samplesNs ?? [];
  const limit = 2 * stats.medianUs * 1000;
  for (let i = 0; i < s.length && out.length < cap; i++) if (s[i]! > limit) out.push([i, Math.round(s[i]!) / 1000]);
  return out;
}

export async function benchFwq(o: FwqOptions): Promise<FwqResult> {
  const log = o.log ?? stderrLog;
  const started = performance.now();
  const loadBefore = noteLoad(log);
  const n = o.iterations ?? (o.quick ? 2000 : 40000);
  const workUs = 50;
  const args = ['fwq', '-n', String(n), '-t', String(workUs), '-s'];
  // Generous: the variant beside the neighbour gets about half the vCPU.
  const limitMs = 60_000 + n * workUs * 0.001 * 20;

  const wasm = await compileCached(FWQ_SOURCE, ['-O2'], log);
  const native = buildNative(FWQ_SOURCE, log);
  const results = {} as Record<FwqVariantKey, FwqVariantResult>;
  const record = (key: FwqVariantKey, stdout: string, wallS: number) => {
    const stats = parseFwqOutput(stdout);
    results[key] = { stats, wallS: Math.round(wallS * 1000) / 1000, outliers: outliersOf(stats) };
    log(`  ${describe(stats)}\n`);
  };
  const variant = async (key: FwqVariantKey, fn: () => Promise<void>) => {
    log(`${FWQ_VARIANTS.find((v) => v.key === key)!.label}:\n`);
    try {
      await fn();
    } catch (e) {
      const why = (e as Error).message.split('\n')[0]!;
      log(`  failed: ${(e as Error).message}\n`);
      results[key] = { na: `the run failed: ${why}` };
    }
  };

  const boot = () => Machine.boot({ onProgress: log });
  // Preparation (asyncify, cached by content hash) and the first compile of the backend's code
  // happen here, before anything is measured.
  {
    const m = await boot();
    try {
      log('warming up (preparing fwq for the multiplexed mode; not reported)\n');
      await exitWithin(m.spawn(wasm, { args: ['fwq', '-n', '200', '-w', '0', '-t', '20'] }), 600_000, 'fwq (warm-up)');
    } finally {
      await m.shutdown();
    }
  }

  await variant('multiplexed', async () => {
    const m = await boot();
    try {
      const t0 = performance.now();
      const p = m.spawn(wasm, { args });
      await exitWithin(p, limitMs, 'fwq');
      record('multiplexed', p.stdout, (performance.now() - t0) / 1000);
    } finally {
      await m.shutdown();
    }
  });

  for (const key of ['multiplexed-neighbour', 'decoupled-neighbour', 'isolated-neighbour'] as const) {
    await variant(key, async () => {
      const m = key === 'isolated-neighbour' ? await Machine.boot({ onProgress: log, isolateCores: true }) : await boot();
      try {
        // The neighbour: multiplexed on the vCPU, computing ~1 ms at a time and calling the host.
        const nb = m.spawn(wasm, { args: ['fwq', '--neighbour', String(Math.ceil(limitMs / 1000) + 60)], name: 'fwq --neighbour' });
        await firstOutput(nb);
        const t0 = performance.now();
        const p = m.spawn(wasm, { args, decouple: key !== 'multiplexed-neighbour' });
        try {
          await exitWithin(p, limitMs, 'fwq');
        } finally {
          nb.kill();
          await nb.exit.catch(() => undefined);
        }
        record(key, p.stdout, (performance.now() - t0) / 1000);
      } finally {
        await m.shutdown();
      }
    });
  }

  // A compute loop decoupled against the same module under node:wasi (no neighbour): node:wasi
  // calibrates the work, both then run that many loops; each keeps its better run of two.
  {
    let loops = 0;
    const best = new Map<FwqVariantKey, { stdout: string; wallS: number; median: number }>();
    const keep = (key: FwqVariantKey, stdout: string, wallS: number) => {
      const median = parseFwqOutput(stdout).medianUs;
      const prev = best.get(key);
      if (prev === undefined || median < prev.median) best.set(key, { stdout, wallS, median });
    };
    for (let round = 0; round < 2; round++) {
      await variant('node-wasi', async () => {
        const t0 = performance.now();
        const out = await runFwqNodeWasi(wasm, loops > 0 ? ['fwq', '-n', String(n), '-l', String(loops), '-s'] : args);
        if (loops === 0) loops = parseFwqOutput(out).loops;
        keep('node-wasi', out, (performance.now() - t0) / 1000);
        log(`  ${describe(parseFwqOutput(out))}\n`);
      });
      if (loops === 0) break;
      await variant('decoupled', async () => {
        const m = await boot();
        try {
          const t0 = performance.now();
          const p = m.spawn(wasm, { args: ['fwq', '-n', String(n), '-l', String(loops), '-s'], decouple: true });
          await exitWithin(p, limitMs, 'fwq');
          keep('decoupled', p.stdout, (performance.now() - t0) / 1000);
          log(`  ${describe(parseFwqOutput(p.stdout))}\n`);
        } finally {
          await m.shutdown();
        }
      });
    }
    for (const [key, b] of best) {
      const stats = parseFwqOutput(b.stdout);
      results[key] = { stats, wallS: Math.round(b.wallS * 1000) / 1000, outliers: outliersOf(stats) };
    }
  }

  if ('bin' in native) {
    await variant('native', async () => {
      const t0 = performance.now();
      const out = await runNativeBin(native.bin, args.slice(1), limitMs);
      record('native', out, (performance.now() - t0) / 1000);
    });
  } else {
    log(`native: n/a (${native.why})\n`);
    results.native = { na: native.why };
  }

  const result: FwqResult = {
    date: new Date().toISOString(),
    machine: machineInfo(loadBefore),
    quick: o.quick,
    iterations: n,
    workUs,
    native: 'bin' in native ? `${native.compiler} -O2` : `n/a: ${native.why}`,
    results,
    goals: fwqGoals(results),
    notes: [
      'times in µs per iteration; noise is measured over the median (CPU frequency steps make the minimum unreliable)',
      'each variant calibrates its work to about 50 µs at its own start',
      'neighbour: another guest process, multiplexed on the vCPU, computing ~1 ms at a time and calling the host (write /dev/null, stat, getppid)',
      `a decoupled program is isolated only while a core is spare: this machine has ${os.cpus().length} cores, the vCPU (main thread) takes one`,
    ],
  };
  mkdirSync(o.out, { recursive: true });
  const json = o.samples ? result : stripSamples(result);
  writeFileSync(join(o.out, 'fwq.json'), compactJson(json));
  writeFileSync(join(o.out, 'fwq.svg'), formatFwqSvg(result));
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

/**
 * fwq under node:wasi, bare (its l4posix imports answer ENOSYS), in a Node process of its own (as
 * a user runs it; node:wasi can corrupt the heap of a process that holds much external memory,
 * nodejs/node#46777, as this one does once l4wasm machines ran in it): its standard output.
 */
async function runFwqNodeWasi(wasm: string, args: string[]): Promise<string> {
  const child = spawnHost(process.execPath, ['--no-warnings', '--input-type=module', '-e', FWQ_NODE_WASI], {
    env: { ...process.env, FWQ_ARGV: JSON.stringify([wasm, ...args]) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '', stderr = '';
  child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, sig) => resolve([c, sig]));
  });
  if (code !== 0) throw new Error(`fwq under node:wasi ${signal !== null ? `was killed by ${signal}` : `exited with ${code}`}: ${stderr.trim().split('\n').slice(0, 3).join(' ')}`);
  return stdout;
}

/** The child of runFwqNodeWasi: the program's stdout and stderr are the process's. */
const FWQ_NODE_WASI = `
  import { readFileSync } from 'node:fs';
  import { WASI } from 'node:wasi';
  const [wasm, ...args] = JSON.parse(process.env.FWQ_ARGV);
  const module = new WebAssembly.Module(readFileSync(wasm));
  const wasi = new WASI({ version: 'preview1', args, env: {}, returnOnExit: true, stdout: 1, stderr: 2 });
  const l4posix = {};
  for (const i of WebAssembly.Module.imports(module)) if (i.module === 'l4posix' && i.kind === 'function') l4posix[i.name] = () => -52;
  process.exitCode = wasi.start(new WebAssembly.Instance(module, { ...wasi.getImportObject(), l4posix }));`;

/** JSON, indented, with arrays of numbers kept on one line ([iteration, µs] pairs, samples). */
function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, xs: string) => `[${xs.split(/,\s+/).join(', ')}]`) + '\n';
}

function stripSamples(r: FwqResult): FwqResult {
  const results = {} as FwqResult['results'];
  for (const [k, v] of Object.entries(r.results) as [FwqVariantKey, FwqVariantResult][]) {
    if ('stats' in v) {
      const { samplesNs: _drop, ...stats } = v.stats;
      results[k] = { ...v, stats };
    } else {
      results[k] = v;
    }
  }
  return { ...r, results };
}

export function fwqGoals(results: Partial<Record<FwqVariantKey, FwqVariantResult>>): FwqGoals {
  const stats = (k: FwqVariantKey) => { const v = results[k]; return v !== undefined && 'stats' in v ? v.stats : undefined; };
  const dec = stats('decoupled-neighbour');
  const mux = stats('multiplexed-neighbour');
  const nat = stats('native');
  const g: FwqGoals = {};
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  if (dec !== undefined) {
    g.decoupledMeanExtraPct = dec.meanExtraPct;
    g.decoupledMeanExtraWithin1Pct = dec.meanExtraPct <= 1;
    if (nat !== undefined) {
      g.decoupledP99VsNative = r3((dec.p99Us / dec.medianUs) / (nat.p99Us / nat.medianUs));
      g.decoupledP99Within1_1xOfNative = g.decoupledP99VsNative <= 1.1;
    }
    if (mux !== undefined) {
      g.multiplexedVsDecoupledMeanExtra = r3(mux.meanExtraPct / Math.max(dec.meanExtraPct, 1e-3));
      g.decoupled10xQuieterThanMultiplexed = g.multiplexedVsDecoupledMeanExtra >= 10;
    }
  }
  const own = stats('isolated-neighbour');
  if (own !== undefined) {
    g.isolatedMeanExtraPct = own.meanExtraPct;
    g.isolatedMeanExtraWithin1Pct = own.meanExtraPct <= 1;
    if (nat !== undefined) {
      g.isolatedP99VsNative = r3((own.p99Us / own.medianUs) / (nat.p99Us / nat.medianUs));
      g.isolatedP99Within1_1xOfNative = g.isolatedP99VsNative <= 1.1;
    }
  }
  const alone = stats('decoupled');
  const bare = stats('node-wasi');
  if (alone !== undefined && bare !== undefined && alone.loops === bare.loops) {
    g.decoupledVsNodeWasi = r3(alone.medianUs / bare.medianUs);
    g.decoupledWithin1_05xOfNodeWasi = g.decoupledVsNodeWasi <= 1.05;
  }
  return g;
}

function fmtUs(us: number): string {
  if (us >= 10000) return `${(us / 1000).toFixed(1)} ms`;
  if (us >= 1000) return `${(us / 1000).toFixed(2)} ms`;
  return `${us.toFixed(1)} µs`;
}

function describe(s: FwqStats): string {
  return `median ${fmtUs(s.medianUs)}, p99 ${fmtUs(s.p99Us)}, max ${fmtUs(s.maxUs)}, mean extra ${s.meanExtraPct.toFixed(2)} %, ${s.above2x} above 2x`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

export function formatFwqTable(r: FwqResult): string {
  const header = ['variant', 'median', 'min', 'p99', 'p99.9', 'max', 'mean extra', '>1.1x', '>2x', 'wall'];
  const rows = FWQ_VARIANTS.map(({ key, label }) => {
    const v = r.results[key];
    if (v === undefined) return [label, 'not run', '', '', '', '', '', '', '', ''];
    if ('na' in v) return [label, `n/a: ${v.na}`.slice(0, 60), '', '', '', '', '', '', '', ''];
    const s = v.stats;
    return [label, fmtUs(s.medianUs), fmtUs(s.minUs), fmtUs(s.p99Us), fmtUs(s.p999Us), fmtUs(s.maxUs),
      `${s.meanExtraPct.toFixed(2)} %`, String(s.above1_1x), String(s.above2x), `${v.wallS.toFixed(2)} s`];
  });
  const g = r.goals;
  const goal = (what: string, value: string | undefined, ok: boolean | undefined) =>
    value === undefined ? `  ${what}: n/a\n` : `  ${what}: ${value} ${ok ? '(met)' : '(not met)'}\n`;
  return `FWQ: ${r.iterations} iterations of ~${r.workUs} µs per variant; ${r.machine.cores} cores, load ${r.machine.loadAverage[0]} → ${r.machine.loadAverage[1]}\n`
    + table(header, rows)
    + 'goals:\n'
    + goal('decoupled mean extra over median ≤ 1 %', g.decoupledMeanExtraPct?.toFixed(2) + (g.decoupledMeanExtraPct === undefined ? '' : ' %'), g.decoupledMeanExtraWithin1Pct)
    + goal('decoupled p99/median ≤ 1.1x native\'s', g.decoupledP99VsNative === undefined ? undefined : `${g.decoupledP99VsNative}x`, g.decoupledP99Within1_1xOfNative)
    + goal('on its own core: mean extra over median ≤ 1 %', g.isolatedMeanExtraPct?.toFixed(2) + (g.isolatedMeanExtraPct === undefined ? '' : ' %'), g.isolatedMeanExtraWithin1Pct)
    + goal('on its own core: p99/median ≤ 1.1x native\'s', g.isolatedP99VsNative === undefined ? undefined : `${g.isolatedP99VsNative}x`, g.isolatedP99Within1_1xOfNative)
    + goal('multiplexed+neighbour mean extra ≥ 10x decoupled\'s', g.multiplexedVsDecoupledMeanExtra === undefined ? undefined : `${g.multiplexedVsDecoupledMeanExtra}x`, g.decoupled10xQuieterThanMultiplexed)
    + goal('compute loop decoupled ≤ 1.05x node:wasi (median per iteration)', g.decoupledVsNodeWasi === undefined ? undefined : `${g.decoupledVsNodeWasi}x`, g.decoupledWithin1_05xOfNodeWasi);
}

// ---- SVG ---------------------------------------------------------------------------------------

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** 1-2-5 steps between lo and hi (for a log axis). */
function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let d = Math.pow(10, Math.floor(Math.log10(lo))); d <= hi; d *= 10) {
    for (const m of [1, 2, 5]) if (d * m >= lo && d * m <= hi) out.push(d * m);
  }
  return out;
}

/**
 * The noise plot: one panel per variant, iteration on x, its time on a log y axis shared by all
 * panels; each pixel column is a line from the least to the greatest time of the iterations it
 * covers (so every spike shows), the median a dashed line.
 */
export function formatFwqSvg(r: FwqResult): string {
  const left = 78, right = 24, top = 58, panelH = 150, gap = 46, plotW = 900;
  const width = left + plotW + right;
  const height = top + FWQ_VARIANTS.length * (panelH + gap) + 10;
  const all: number[] = [];
  for (const v of Object.values(r.results)) {
    if ('stats' in v && v.stats.samplesNs !== undefined && v.stats.samplesNs.length > 0) {
      all.push(v.stats.minUs, v.stats.maxUs);
    }
  }
  const lo = all.length > 0 ? Math.min(...all) * 0.8 : 10;
  const hi = all.length > 0 ? Math.max(...all) * 1.25 : 100;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${left}" y="22" font-size="16" font-weight="bold">l4wasm bench fwq: time of each ~${r.workUs} µs work quantum (log scale)</text>`);
  parts.push(`<text x="${left}" y="40" fill="#555">${esc(`${r.machine.cpuModel}, ${r.machine.cores} cores, Node ${r.machine.node}, load ${r.machine.loadAverage[0]}, ${r.date.slice(0, 10)}${r.quick ? ', quick run' : ''}; ${r.iterations} iterations per variant; dashed: median`)}</text>`);
  FWQ_VARIANTS.forEach(({ key, label, color }, i) => {
    const y0 = top + i * (panelH + gap) + 18;
    const v = r.results[key];
    const y = (us: number) => y0 + panelH - (Math.log(Math.max(us, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) * panelH;
    let title = label;
    if (v !== undefined && 'stats' in v) {
      const s = v.stats;
      title += ` — median ${fmtUs(s.medianUs)}, p99 ${fmtUs(s.p99Us)}, max ${fmtUs(s.maxUs)}, mean extra over median ${s.meanExtraPct.toFixed(2)} %, ${s.above2x} above 2×`;
    } else if (v !== undefined) {
      title += ` — n/a: ${v.na}`;
    }
    parts.push(`<text x="${left}" y="${y0 - 6}" font-weight="bold" fill="${color}">${esc(title)}</text>`);
    parts.push(`<rect x="${left}" y="${y0}" width="${plotW}" height="${panelH}" fill="none" stroke="#999"/>`);
    for (const t of logTicks(lo, hi)) {
      const yy = y(t).toFixed(1);
      parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${yy}" y2="${yy}" stroke="#eee"/>`);
      parts.push(`<text x="${left - 6}" y="${Number(yy) + 4}" text-anchor="end" fill="#333">${esc(fmtUs(t).replace('.0 ', ' ').replace('.00 ', ' '))}</text>`);
    }
    if (v === undefined || !('stats' in v) || v.stats.samplesNs === undefined || v.stats.samplesNs.length === 0) {
      parts.push(`<text x="${left + plotW / 2}" y="${y0 + panelH / 2}" text-anchor="middle" fill="#999">${v !== undefined && 'na' in v ? 'n/a' : 'no samples'}</text>`);
      return;
    }
    const s = v.stats.samplesNs;
    const cols = Math.min(plotW, s.length);
    let d = '';
    for (let c = 0; c < cols; c++) {
      const a = Math.floor((c * s.length) / cols);
      const b = Math.max(a + 1, Math.floor(((c + 1) * s.length) / cols));
      let mn = Infinity, mx = -Infinity;
      for (let k = a; k < b; k++) { const x = s[k]!; if (x < mn) mn = x; if (x > mx) mx = x; }
      const x = (left + ((c + 0.5) * plotW) / cols).toFixed(1);
      const y1 = y(mn / 1000), y2 = y(mx / 1000);
      d += `M${x} ${(y1 + 0.5).toFixed(1)}V${(Math.min(y2, y1 - 0.5) - 0.5).toFixed(1)}`;
    }
    parts.push(`<path d="${d}" stroke="${color}" stroke-width="${Math.max(1, plotW / cols).toFixed(2)}" fill="none"/>`);
    const ym = y(v.stats.medianUs).toFixed(1);
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${ym}" y2="${ym}" stroke="#000" stroke-dasharray="4 3" stroke-width="0.8"/>`);
    // x axis: iteration numbers.
    for (let k = 0; k <= 4; k++) {
      const it = Math.round((k * s.length) / 4);
      const x = left + (k * plotW) / 4;
      parts.push(`<text x="${x}" y="${y0 + panelH + 14}" text-anchor="${k === 0 ? 'start' : k === 4 ? 'end' : 'middle'}" fill="#555">${it}</text>`);
    }
  });
  parts.push(`<text x="${left + plotW / 2}" y="${height - 4}" text-anchor="middle" fill="#555">iteration</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

export async function benchFwqCommand(argv: string[]): Promise<number> {
  const o = parseFwqArgs(argv);
  if (typeof o === 'string') return argError('bench fwq', o);
  if (o.help) { process.stdout.write(helpText(BENCH_FWQ_COMMAND)); return 0; }
  try {
    const r = await benchFwq(o);
    process.stdout.write(`\n${formatFwqTable(r)}\nwrote ${join(o.out, 'fwq.json')} and ${join(o.out, 'fwq.svg')}\n`);
    return 0;
  } catch (e) {
    return reportFailure('bench fwq', e);
  }
}

function reportFailure(command: string, e: unknown): number {
  if (e instanceof CompileError) {
    process.stderr.write(`${e.diagnostics}l4wasm: ${e.source}: the benchmark program did not compile\n`);
  } else {
    process.stderr.write(`l4wasm ${command}: ${(e as Error).message}\n`);
  }
  return 1;
}

// ---- bench mpi-fwq -------------------------------------------------------------------------------

export const MPI_MODES = [
  { key: 'multiplexed', label: 'multiplexed ranks', color: '#d62728' },
  { key: 'decoupled', label: 'decoupled ranks', color: '#2ca02c' },
  { key: 'native', label: 'native processes', color: '#4d4d4d' },
] as const;

export type MpiModeKey = (typeof MPI_MODES)[number]['key'];

export type MpiCell = MpiFwqStats | { na: string };

export interface MpiFwqResult {
  date: string;
  machine: FwqResult['machine'];
  quick: boolean;
  iterations: number;
  workUs: number;
  ranks: number[];
  native: string;
  /** Per mode, per rank count (as a string key). */
  results: Record<MpiModeKey, Record<string, MpiCell>>;
  notes: string[];
}

export async function benchMpiFwq(o: MpiFwqOptions): Promise<MpiFwqResult> {
  const log = o.log ?? stderrLog;
  const started = performance.now();
  const loadBefore = noteLoad(log);
  const ranks = o.ranks ?? [1, 2, 4];
  const iterations = o.iterations ?? (o.quick ? 40 : 500);
  const workUs = o.workUs ?? (o.quick ? 200 : 1000);
  const args = (r: number) => ['-r', String(r), '-i', String(iterations), '-t', String(workUs)];
  const limitMs = 120_000 + Math.max(...ranks) * iterations * workUs * 0.001 * 20;
  const wasm = await compileCached(MPI_FWQ_SOURCE, ['-O2'], log);
  const native = buildNative(MPI_FWQ_SOURCE, log);
  const results: MpiFwqResult['results'] = { multiplexed: {}, decoupled: {}, native: {} };
  const self = '/bin/mpi-fwq';

  const cell = async (mode: MpiModeKey, r: number, fn: () => Promise<string>) => {
    log(`${MPI_MODES.find((m) => m.key === mode)!.label}, ${r} rank${r === 1 ? '' : 's'}: `);
    try {
      const s = parseMpiFwqOutput(await fn());
      results[mode][String(r)] = s;
      log(`${s.completionS.toFixed(3)} s (ideal ${s.idealS.toFixed(3)} s, +${s.extraPct.toFixed(1)} %)\n`);
    } catch (e) {
      log(`failed: ${(e as Error).message}\n`);
      results[mode][String(r)] = { na: `the run failed: ${(e as Error).message.split('\n')[0]}` };
    }
  };

  for (const mode of ['multiplexed', 'decoupled'] as const) {
    // Every rank runs the way the machine runs programs: rank 0 spawns the others from /bin.
    const m = await Machine.boot({ mode, programs: { [self]: wasm }, onProgress: log });
    try {
      if (mode === 'multiplexed') {
        log('warming up (preparing mpi-fwq for the multiplexed mode; not reported)\n');
        await exitWithin(m.spawn(wasm, { args: [self, '-r', '2', '-i', '2', '-t', '10'] }), 600_000, 'mpi-fwq (warm-up)');
      }
      for (const r of ranks) {
        await cell(mode, r, async () => {
          const p = m.spawn(wasm, { args: [self, ...args(r)], decouple: mode === 'decoupled' });
          await exitWithin(p, limitMs, 'mpi-fwq');
          return p.stdout;
        });
      }
    } finally {
      await m.shutdown();
    }
  }
  for (const r of ranks) {
    if ('bin' in native) await cell('native', r, () => runNativeBin(native.bin, args(r), limitMs));
    else results.native[String(r)] = { na: native.why };
  }

  const result: MpiFwqResult = {
    date: new Date().toISOString(),
    machine: machineInfo(loadBefore),
    quick: o.quick,
    iterations,
    workUs,
    ranks,
    native: 'bin' in native ? `${native.compiler} -O2` : `n/a: ${native.why}`,
    results,
    notes: [
      'time to completion: from a start barrier (every rank up) to the last barrier; ideal = iterations x the median work of rank 0',
      'barrier: each rank writes a byte to a shared pipe and blocks reading a release byte from its own pipe; rank 0 collects and releases',
      'multiplexed ranks share the vCPU (main thread): their work runs one after another',
      `decoupled ranks each have a worker thread; this machine has ${os.cpus().length} cores, so ranks beyond the spare cores share them`,
    ],
  };
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, 'mpi-fwq.json'), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(o.out, 'mpi-fwq.svg'), formatMpiFwqSvg(result));
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

export function formatMpiFwqTable(r: MpiFwqResult): string {
  const header = ['ranks', 'ideal', ...MPI_MODES.map((m) => m.label)];
  const rows = r.ranks.map((n) => {
    const ideal = r.iterations * r.workUs / 1e6;
    return [String(n), `${ideal.toFixed(3)} s`, ...MPI_MODES.map((m) => {
      const c = r.results[m.key][String(n)];
      if (c === undefined) return 'not run';
      if ('na' in c) return 'n/a';
      return `${c.completionS.toFixed(3)} s (+${c.extraPct.toFixed(0)} %)`;
    })];
  });
  const nas = MPI_MODES.flatMap((m) => r.ranks.map((n) => [m, n, r.results[m.key][String(n)]] as const))
    .filter(([, , c]) => c !== undefined && 'na' in c)
    .map(([m, n, c]) => `  ${m.label}, ${n} ranks: ${(c as { na: string }).na}\n`);
  return `MPI-FWQ: ${r.iterations} iterations of ${r.workUs} µs work + barrier; time to completion (extra over ideal); ${r.machine.cores} cores, load ${r.machine.loadAverage[0]} → ${r.machine.loadAverage[1]}\n`
    + table(header, rows) + (nas.length > 0 ? `n/a:\n${nas.join('')}` : '');
}

/** Time to completion against rank count, one line per mode, the ideal dashed. */
export function formatMpiFwqSvg(r: MpiFwqResult): string {
  const left = 78, right = 210, top = 60, plotW = 520, plotH = 320, bottom = 50;
  const width = left + plotW + right;
  const height = top + plotH + bottom;
  const ideal = r.iterations * r.workUs / 1e6;
  const values: number[] = [ideal];
  for (const m of MPI_MODES) for (const c of Object.values(r.results[m.key])) if (!('na' in c)) values.push(c.completionS);
  const hiRaw = Math.max(...values) * 1.1;
  const step = niceStep(hiRaw / 5);
  const hi = Math.ceil(hiRaw / step) * step;
  const ranks = [...r.ranks].sort((a, b) => a - b);
  const xr = (n: number) => left + (ranks.length === 1 ? plotW / 2 : (ranks.indexOf(n) * plotW) / (ranks.length - 1));
  const y = (s: number) => top + plotH - (s / hi) * plotH;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${left}" y="22" font-size="16" font-weight="bold">l4wasm bench mpi-fwq: time to completion against rank count</text>`);
  parts.push(`<text x="${left}" y="40" fill="#555">${esc(`${r.iterations} iterations of ${r.workUs} µs work + barrier; ${r.machine.cores} cores, load ${r.machine.loadAverage[0]}, ${r.date.slice(0, 10)}${r.quick ? ', quick run' : ''}`)}</text>`);
  for (let t = 0; t <= hi + 1e-9; t += step) {
    const yy = y(t).toFixed(1);
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${yy}" y2="${yy}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 6}" y="${Number(yy) + 4}" text-anchor="end" fill="#333">${Number(t.toPrecision(6))} s</text>`);
  }
  parts.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  for (const n of ranks) parts.push(`<text x="${xr(n)}" y="${top + plotH + 16}" text-anchor="middle" fill="#333">${n}</text>`);
  parts.push(`<text x="${left + plotW / 2}" y="${top + plotH + 36}" text-anchor="middle" fill="#555">ranks</text>`);
  const yi = y(ideal).toFixed(1);
  parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${yi}" y2="${yi}" stroke="#000" stroke-dasharray="5 4"/>`);
  let ly = top + 10;
  parts.push(`<line x1="${left + plotW + 14}" x2="${left + plotW + 36}" y1="${ly}" y2="${ly}" stroke="#000" stroke-dasharray="5 4"/><text x="${left + plotW + 42}" y="${ly + 4}">ideal (work only)</text>`);
  for (const m of MPI_MODES) {
    const pts = ranks.map((n) => [n, r.results[m.key][String(n)]] as const).filter((p): p is readonly [number, MpiFwqStats] => p[1] !== undefined && !('na' in p[1]));
    ly += 20;
    parts.push(`<line x1="${left + plotW + 14}" x2="${left + plotW + 36}" y1="${ly}" y2="${ly}" stroke="${m.color}" stroke-width="2"/><text x="${left + plotW + 42}" y="${ly + 4}">${esc(m.label + (pts.length === 0 ? ' (n/a)' : ''))}</text>`);
    if (pts.length === 0) continue;
    parts.push(`<polyline points="${pts.map(([n, c]) => `${xr(n).toFixed(1)},${y(c.completionS).toFixed(1)}`).join(' ')}" fill="none" stroke="${m.color}" stroke-width="2"/>`);
    for (const [n, c] of pts) {
      parts.push(`<circle cx="${xr(n).toFixed(1)}" cy="${y(c.completionS).toFixed(1)}" r="3.5" fill="${m.color}"><title>${esc(`${m.label}, ${n} ranks: ${c.completionS.toFixed(3)} s (+${c.extraPct.toFixed(1)} % over ideal)`)}</title></circle>`);
    }
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function niceStep(x: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

export async function benchMpiFwqCommand(argv: string[]): Promise<number> {
  const o = parseMpiFwqArgs(argv);
  if (typeof o === 'string') return argError('bench mpi-fwq', o);
  if (o.help) { process.stdout.write(helpText(BENCH_MPI_FWQ_COMMAND)); return 0; }
  try {
    const r = await benchMpiFwq(o);
    process.stdout.write(`\n${formatMpiFwqTable(r)}\nwrote ${join(o.out, 'mpi-fwq.json')} and ${join(o.out, 'mpi-fwq.svg')}\n`);
    return 0;
  } catch (e) {
    return reportFailure('bench mpi-fwq', e);
  }
}
