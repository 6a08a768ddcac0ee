// l4wasm bench syscalls: builds bench/syscalls.c for wasm (l4wasm cc) and natively (the machine's
// cc, if any), runs it on each syscall path and each runtime it is compared with, and reports the
// figures: a table on the terminal, <out>/syscalls.json and <out>/syscalls.svg.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../toolchain/cc.js';
import { cacheDir, compileCached, CompileError } from '../toolchain/compile_cache.js';
import { argError, helpText, lastString, parseCommand, type CommandDef } from './args.js';
import { WASI_FUNCTIONS } from '../libc/wasi.js';
import { L4POSIX_FUNCTIONS } from '../libc/l4posix.js';
import {
  MOUNTS, WASM_UTIL_CLOCK, measureFloor, runL4wasm, runNative, runWasiShim, runWasmUtil, type Cell, type Cells, type L4wasmVariant,
  type RunSetup,
} from './bench_runners.js';
import { childPasses, NODE_WASI_GROW, runChild, type ChildRuntime } from './bench_child.js';
import { formatStrace, straceCounts, STRACE_OPS, type StraceResult } from './bench_strace.js';
import {
  COLUMNS, ONE_PASS_OPS, OPS, computeGoals, computeTracing, formatFindings, formatNs, formatSvg, formatTable,
  type BenchResult, type ColumnKey,
} from './bench_report.js';

export const SOURCE = join(PACKAGE_ROOT, 'bench', 'syscalls.c');

export interface BenchOptions {
  quick: boolean;
  /** The columns to run (default: all). */
  paths: readonly ColumnKey[];
  /** Directory for syscalls.json and syscalls.svg. */
  out: string;
  /** Only these operations (default: all). */
  only?: readonly string[];
  /** Progress and diagnostics (default: stderr). */
  log?: (text: string) => void;
  /** -h/--help was given. */
  help?: boolean;
  /** Count host system calls per guest call under strace instead of timing (bench_strace.ts). */
  strace?: boolean;
  /** --path/--paths was given (--strace then counts those runtimes, else l4wasm and node:wasi). */
  pathsGiven?: boolean;
}

const PATH_NAMES: readonly string[] = COLUMNS.map((c) => c.key);

/** Operations measured on tmpfs only until each was measured on every mount: the old names still work. */
const RENAMED: Record<string, string> = { open_close: 'open_close_tmpfs', stat: 'stat_tmpfs' };

/** `l4wasm bench syscalls`'s options: one row per flag (args.ts). */
export const BENCH_SYSCALLS_COMMAND: CommandDef = {
  name: 'bench syscalls',
  operands: '',
  operandMode: 'none',
  description: `Times each kind of call on each path (local, server IPC, traced, forwarded from a
decoupled program), each file operation on tmpfs, a host mount and ROM, next to node:wasi,
browser_wasi_shim, @tybys/wasm-util and the same C compiled natively. Writes OUT/syscalls.json
and OUT/syscalls.svg.`,
  options: {
    quick: { type: 'boolean', help: 'fewer iterations (a rough figure in seconds)' },
    path: { type: 'string', value: 'P,...', help: `only these columns: ${PATH_NAMES.join(',')}` },
    paths: { type: 'string', value: 'P,...', help: 'the same as --path' },
    only: { type: 'string', value: 'OP,...', help: 'only these operations (names as in syscalls.json)' },
    out: { type: 'string', value: 'DIR', help: 'where the results go (default: ./bench)' },
    strace: { type: 'boolean', help: `count host system calls per guest call (strace -f -c) instead of timing: l4wasm local
and node:wasi (or the --path columns), the host-mount file operations (or --only); OUT/syscalls-strace.json` },
  },
};

/** Parses the command's arguments; a string is the problem to report. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | string {
  const o: BenchOptions = { quick: false, paths: [...PATH_NAMES] as ColumnKey[], out: 'bench' };
  const p = parseCommand(BENCH_SYSCALLS_COMMAND, argv);
  if (p.kind === 'error') return p.message;
  if (p.kind === 'help') return { ...o, help: true };
  const v = p.values;
  o.quick = v.quick === true;
  for (const flag of ['path', 'paths'] as const) {
    const value = lastString(v[flag]);
    if (value === undefined) continue;
    const list = value.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.find((x) => !PATH_NAMES.includes(x));
    if (bad !== undefined || list.length === 0) return `--${flag} ${bad ?? value}: expected some of ${PATH_NAMES.join(',')}`;
    o.paths = list as ColumnKey[];
    o.pathsGiven = true;
  }
  o.strace = v.strace === true;
  const out = lastString(v.out);
  if (out !== undefined) o.out = out;
  const only = lastString(v.only);
  if (only !== undefined) {
    const list = only.split(',').map((k) => RENAMED[k] ?? k);
    const bad = list.find((k) => !OPS.some((op) => op.key === k));
    if (bad !== undefined) return `--only ${bad}: expected some of ${OPS.map((op) => op.key).join(',')}`;
    o.only = list;
  }
  return o;
}

export async function benchSyscallsCommand(argv: string[]): Promise<number> {
  const o = parseBenchArgs(argv);
  if (typeof o === 'string') return argError('bench syscalls', o);
  if (o.help) { process.stdout.write(helpText(BENCH_SYSCALLS_COMMAND)); return 0; }
  try {
    if (o.strace) {
      const r = await benchStrace(o);
      process.stdout.write(`\n${formatStrace(r)}\nwrote ${join(o.out, 'syscalls-strace.json')}\n`);
      return 0;
    }
    const r = await benchSyscalls(o);
    process.stdout.write(`\n${formatTable(r)}\n${formatFindings(r)}`);
    process.stdout.write(`\nwrote ${join(o.out, 'syscalls.json')} and ${join(o.out, 'syscalls.svg')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof CompileError) {
      process.stderr.write(`${e.diagnostics}l4wasm: ${e.source}: the benchmark program did not compile\n`);
      return 1;
    }
    process.stderr.write(`l4wasm bench syscalls: ${(e as Error).message}\n`);
    return 1;
  }
}

/** Runs the benchmark; writes the JSON and the SVG into options.out. */
export async function benchSyscalls(o: BenchOptions): Promise<BenchResult> {
  const log = o.log ?? ((t: string) => { process.stderr.write(t); });
  const started = performance.now();
  const loadBefore = os.loadavg()[0]!;
  if (loadBefore > os.cpus().length / 2) {
    log(`note: the machine is busy (load average ${loadBefore.toFixed(1)} on ${os.cpus().length} cores): the figures will be noisy\n`);
  }
  const want = new Set(o.paths);
  const wasmColumns = (['local', 'server', 'traced', 'forwarded', 'node-wasi', 'wasi-shim', 'wasm-util'] as const).filter((c) => want.has(c));

  const build: Record<string, string> = {};
  let wasm: string | undefined;
  if (wasmColumns.length > 0) {
    log('building bench/syscalls.c with l4wasm cc\n');
    const b = await buildWasm(log);
    wasm = b.wasm;
    Object.assign(build, b.features);
  }
  let native: string | undefined;
  let nativeWhy: string | undefined;
  if (want.has('native')) {
    const n = buildNative(log);
    if (typeof n === 'string') native = n;
    else nativeWhy = n.why;
    build.native = native !== undefined ? 'built' : `not built: ${nativeWhy}`;
  }

  const results: BenchResult['results'] = {};
  const columnNotes: Partial<Record<ColumnKey, string>> = {};
  const run = async (key: ColumnKey | 'local-untraced', label: string, fn: (setup: RunSetup) => Promise<Cells> | Cells) => {
    log(`${label}:\n`);
    const setup: RunSetup = {
      quick: o.quick,
      only: o.only,
      onCell: (op, cell) => log(`  ${op.padEnd(18)} ${describe(cell)}\n`),
    };
    try {
      results[key] = await fn(setup);
    } catch (e) {
      // A runtime that cannot run the program at all (not installed, failed) gets a reason in
      // every cell; the others are still measured.
      const why = (e as Error).message.split('\n')[0]!;
      log(`  failed: ${(e as Error).message}\n`);
      results[key] = Object.fromEntries(OPS.map(({ key: op }) => [op, { na: `the run failed: ${why}` }]));
    }
  };

  // Memory growth is one pass per process: `passes` processes (machines, for l4wasm) make its reps.
  const passes = o.quick ? 1 : 3;
  const selected = o.only ?? OPS.map((op) => op.key);
  const onePass = selected.filter((k) => ONE_PASS_OPS.includes(k));
  const logCell = (name: string, cell: Cell) => log(`  ${name.padEnd(18)} ${describe(cell)}\n`);
  /** The one-pass figures of the local path's rounds, kept apart from best(). */
  const passesOf = new Map<ColumnKey, Record<string, Cell[]>>();
  /** Runs the one-pass operations again until a column has `passes` of them, and combines them. */
  const morePasses = async (key: ColumnKey, label: string, done: number, fn: (setup: RunSetup) => Promise<Cells> | Cells) => {
    if (onePass.length === 0 || done >= passes || results[key] === undefined) return;
    const got: Record<string, Cell[]> = Object.fromEntries(onePass.map((op) => [op, (passesOf.get(key)?.[op] ?? [results[key]![op]]).filter((c): c is Cell => c !== undefined)]));
    for (let pass = done; pass < passes; pass++) {
      log(`${label}, ${onePass.join(', ')}: pass ${pass + 1}/${passes} in a fresh process\n`);
      const cells = await fn({ quick: o.quick, only: onePass, onCell: logCell });
      for (const op of onePass) if (cells[op] !== undefined) got[op]!.push(cells[op]!);
    }
    for (const op of onePass) results[key]![op] = combinePasses(got[op]!);
  };

  if (want.has('floor')) {
    await run('floor', 'bare wasm→JS import call (the floor)', (s) => {
      const cell = measureFloor(s);
      s.onCell?.('empty_call', cell);
      return { empty_call: cell };
    });
  }
  if (want.has('native')) {
    if (native !== undefined) {
      await run('native', `native (${native})`, (s) => runNative(native!, s));
      await morePasses('native', 'native', 1, (s) => runNative(native!, s));
    }
    else results.native = Object.fromEntries(OPS.map(({ key }) => [key, { na: `no native build: ${nativeWhy}` }]));
  }
  if (wasm !== undefined) {
    const l4 = (variant: L4wasmVariant) => (s: RunSetup) => runL4wasm(wasm!, variant, s, log);
    if (want.has('local') || want.has('server') || want.has('traced')) {
      // The first l4wasm run pays for compiling the backend's JavaScript; no column should.
      log('l4wasm: warming up (a quick run, not reported)\n');
      await runL4wasm(wasm, 'local', { quick: true, only: o.only }, log);
    }
    // The local path and the trace-off check alternate (untraced, local, ..., untraced, local),
    // and each keeps its better run per operation, so neither gains from running later.
    const rounds = o.quick ? 1 : 2;
    const untracedRuns: Cells[] = [];
    const localRuns: Cells[] = [];
    for (let round = 0; round < rounds && want.has('local'); round++) {
      await run('local-untraced', `l4wasm, local path on a machine that never traces (trace-off check, run ${round + 1}/${rounds})`, l4('local-untraced'));
      untracedRuns.push(results['local-untraced']!);
      await run('local', `l4wasm, local path, as \`l4wasm run\` sets it up (run ${round + 1}/${rounds})`, l4('local'));
      localRuns.push(results.local!);
    }
    passesOf.set('local', Object.fromEntries(onePass.map((op) => [op, localRuns.map((r) => r[op]).filter((c): c is Cell => c !== undefined)])));
    if (localRuns.length > 0) {
      results.local = best(localRuns);
      results['local-untraced'] = best(untracedRuns);
      await morePasses('local', 'l4wasm, local path', localRuns.length, l4('local'));
    }
    if (want.has('server')) await run('server', 'l4wasm, server path (kernel IPC to the POSIX server)', l4('server'));
    if (want.has('traced')) await run('traced', 'l4wasm, local path traced (--trace, output discarded)', l4('traced'));
    if (want.has('forwarded')) await run('forwarded', 'l4wasm, decoupled: calls forwarded from a worker to the vCPU (getpid after the first and clock_gettime are answered on the worker)', l4('forwarded'));
    // The JS anchors run in this process (node:wasi in one of its own), except the one-pass operations: each pass in a child process
    // of its own (memory growth can crash node:wasi, and leaves the memory grown for what follows).
    const anchor = async (key: ChildRuntime & ColumnKey, label: string, fn: (setup: RunSetup) => Promise<Cells>) => {
      const here = selected.filter((k) => !ONE_PASS_OPS.includes(k));
      if (here.length > 0) await run(key, label, (s) => fn({ ...s, only: here }));
      const cells: Cells = results[key] ?? {};
      for (const op of onePass) {
        log(`${label}, ${op}: ${passes} pass${passes > 1 ? 'es' : ''}, each in a process of its own:\n`);
        const { got, deaths } = await childPasses(key, wasm!, op, passes, { quick: o.quick, onCell: logCell }, log);
        if (deaths.length > 0) {
          const note = `${deaths.length} of ${passes} processes for ${op}: ${[...new Set(deaths)].join('; ')}${key === 'node-wasi' ? NODE_WASI_GROW : ''}`;
          columnNotes[key] = [columnNotes[key], note].filter(Boolean).join('; ');
        }
        cells[op] = combinePasses(got);
      }
      results[key] = cells;
    };
    // node:wasi in a process of its own: its fast calls can corrupt the heap of a process that holds
    // much external memory (nodejs/node#46777), as this one does once l4wasm machines ran in it; the
    // V8 abort that follows would end this process (a test worker, under vitest) with it.
    const nodeWasiApart = async (s: RunSetup): Promise<Cells> => {
      const c = await runChild('node-wasi', wasm!, s);
      if (c.code === 0 && c.signal === null) return c.cells;
      const died = c.signal !== null ? `was killed by ${c.signal}` : `exited with ${c.code}`;
      log(`  node:wasi's process ${died}\n${c.stderr.split('\n').slice(0, 3).join('\n')}\n`);
      for (const op of s.only ?? OPS.map((x) => x.key)) c.cells[op] ??= { na: `node:wasi's process ${died} before it printed a figure` };
      return c.cells;
    };
    if (want.has('node-wasi')) await anchor('node-wasi', 'node:wasi', nodeWasiApart);
    if (want.has('wasi-shim')) await anchor('wasi-shim', '@bjorn3/browser_wasi_shim', (s) => runWasiShim(wasm!, s));
    if (want.has('wasm-util')) {
      columnNotes['wasm-util'] = WASM_UTIL_CLOCK;
      await anchor('wasm-util', "@tybys/wasm-util (Node's fs)", (s) => runWasmUtil(wasm!, s));
    }
  }

  const cpus = os.cpus();
  const result: BenchResult = {
    date: new Date().toISOString(),
    machine: {
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      cores: cpus.length,
      node: process.version,
      platform: os.platform(),
      arch: os.arch(),
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: [Math.round(loadBefore * 100) / 100, Math.round(os.loadavg()[0]! * 100) / 100],
    },
    quick: o.quick,
    build,
    units: 'ns/op',
    ops: OPS,
    results,
    goals: computeGoals(results),
    mounts: MOUNTS,
    ...(Object.keys(columnNotes).length > 0 ? { columnNotes } : {}),
    tracing: computeTracing(results),
  };
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, 'syscalls.json'), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(o.out, 'syscalls.svg'), formatSvg(result));
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

/** --strace: the host system calls per guest call; writes OUT/syscalls-strace.json. */
export async function benchStrace(o: BenchOptions): Promise<StraceResult> {
  const log = o.log ?? ((t: string) => { process.stderr.write(t); });
  const byColumn: Partial<Record<ColumnKey, ChildRuntime>> = { local: 'l4wasm', 'node-wasi': 'node-wasi', 'wasm-util': 'wasm-util', 'wasi-shim': 'wasi-shim' };
  const runtimes = o.pathsGiven === true
    ? o.paths.map((p) => byColumn[p]).filter((r): r is ChildRuntime => r !== undefined)
    : (['l4wasm', 'node-wasi'] as const);
  if (runtimes.length === 0) throw new Error(`--strace counts some of ${Object.keys(byColumn).join(',')}`);
  log('building bench/syscalls.c with l4wasm cc\n');
  const { wasm } = await buildWasm(log);
  log(`counting host system calls (strace -f -c)${o.quick ? ', quick' : ''}:\n`);
  const r = await straceCounts(wasm, { runtimes, ops: o.only ?? STRACE_OPS, quick: o.quick, log });
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, 'syscalls-strace.json'), JSON.stringify(r, null, 2) + '\n');
  return r;
}

/** One-pass figures of several processes as one cell: the median of the passes, their range, reps = passes. */
export function combinePasses(cells: readonly Cell[]): Cell {
  const figures = cells.filter((c): c is Extract<Cell, { median: number }> => 'median' in c);
  if (figures.length === 0) return cells[0] ?? { na: 'no pass gave a figure' };
  const m = figures.map((c) => c.median).sort((a, b) => a - b);
  return {
    median: m.length % 2 === 1 ? m[m.length >> 1]! : (m[m.length / 2 - 1]! + m[m.length / 2]!) / 2,
    min: Math.min(...figures.map((c) => c.min)),
    max: Math.max(...figures.map((c) => c.max)),
    reps: figures.reduce((n, c) => n + c.reps, 0),
    iterations: figures[0]!.iterations,
  };
}

/** Per operation, the run with the lowest median. */
function best(runs: readonly Cells[]): Cells {
  const out: Cells = {};
  for (const cells of runs) {
    for (const [op, cell] of Object.entries(cells)) {
      const prev = out[op];
      if (prev === undefined || ('median' in cell && (!('median' in prev) || cell.median < prev.median))) out[op] = cell;
    }
  }
  return out;
}

function describe(cell: Cell): string {
  if ('na' in cell) return `n/a (${cell.na})`;
  return `${formatNs(cell.median)} ns/op (min ${formatNs(cell.min)}, max ${formatNs(cell.max)}, ${cell.reps} reps of ${cell.iterations})`;
}

// ---- building the program ---------------------------------------------------------------------------

/** Optional parts of the program: built for wasm when the l4wasm sysroot provides them. */
const FEATURES = [
  { define: 'HAVE_MMAP', what: 'mmap', header: 'sys/mman.h' },
  { define: 'HAVE_SIGNALS', what: 'signals', header: 'signal.h' },
  { define: 'HAVE_PIPE', what: 'pipe', header: 'unistd.h', mentions: 'pipe(' },
] as const;

const PROVIDED = new Set([
  ...WASI_FUNCTIONS.map((n) => `wasi_snapshot_preview1.${n}`),
  ...L4POSIX_FUNCTIONS.map((n) => `l4posix.${n}`),
]);

/** Compiles with `defines`; the wasm path, or why it cannot run on l4wasm. */
async function tryBuild(defines: readonly string[]): Promise<{ wasm: string } | { why: string }> {
  let wasm: string;
  try {
    wasm = await compileCached(SOURCE, ['-O2', ...defines.map((d) => `-D${d}=1`)]);
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    const first = e.diagnostics.split('\n').find((l) => /error/.test(l)) ?? `clang exit ${e.status}`;
    return { why: first.replace(/^.*?error: /, '').trim() };
  }
  const missing = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasm)))
    .filter((i) => i.kind === 'function' && !PROVIDED.has(`${i.module}.${i.name}`))
    .map((i) => `${i.module}.${i.name}`);
  return missing.length === 0 ? { wasm } : { why: `l4wasm does not provide ${missing.join(', ')}` };
}

/**
 * Builds the wasm program with every optional part the sysroot has. The parts whose header exists
 * are tried together; if that fails, each alone, and the program is built with those that work.
 */
async function buildWasm(log: (t: string) => void): Promise<{ wasm: string; features: Record<string, string> }> {
  const include = join(PACKAGE_ROOT, 'sysroot', 'include');
  const features: Record<string, string> = {};
  const candidates = FEATURES.filter((f) => {
    const h = join(include, f.header);
    const ok = existsSync(h) && (!('mentions' in f) || readFileSync(h, 'utf8').includes(f.mentions));
    if (!ok) features[f.what] = `not built: the l4wasm sysroot has no ${f.header}${'mentions' in f ? ` declaring ${f.mentions.slice(0, -1)}` : ''}`;
    return ok;
  });
  const all = await tryBuild(candidates.map((f) => f.define));
  if ('wasm' in all) {
    for (const f of candidates) features[f.what] = 'built';
    return { wasm: all.wasm, features };
  }
  const working: string[] = [];
  for (const f of candidates) {
    const one = await tryBuild([f.define]);
    if ('wasm' in one) { working.push(f.define); features[f.what] = 'built'; } else {
      features[f.what] = `not built: ${one.why}`;
      log(`  ${f.what}: ${features[f.what]}\n`);
    }
  }
  const b = await tryBuild(working);
  if (!('wasm' in b)) throw new Error(`bench/syscalls.c does not build for l4wasm: ${b.why}`);
  return { wasm: b.wasm, features };
}

/** Compiles the program natively with the host's C compiler (cached); the binary or why not. */
function buildNative(log: (t: string) => void): string | { why: string } {
  const compilers = [process.env.CC, 'cc', 'gcc', 'clang'].filter((c): c is string => !!c);
  for (const compiler of compilers) {
    const version = spawnSync(compiler, ['--version'], { encoding: 'utf8' });
    if (version.status !== 0) continue;
    const h = createHash('sha256').update(compiler).update(version.stdout).update(readFileSync(SOURCE));
    const out = join(cacheDir(), `native-syscalls-${h.digest('hex').slice(0, 16)}`);
    if (existsSync(out)) return out;
    log(`compiling bench/syscalls.c natively with ${compiler}\n`);
    const tmp = `${out}.${process.pid}.tmp`;
    const r = spawnSync(compiler, ['-O2', '-o', tmp, SOURCE], { encoding: 'utf8' });
    if (r.status !== 0) return { why: `${compiler} failed: ${(r.stderr || '').split('\n')[0]}` };
    renameSync(tmp, out);
    return out;
  }
  return { why: 'no C compiler found (cc, gcc, clang or $CC)' };
}

