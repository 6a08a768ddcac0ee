// `l4wasm bench syscalls --strace`: how many host system calls one guest call costs. Each runtime runs
// bench/syscalls.c in a child process under `strace -f -c` (every thread of the Node process counted),
// twice, with two different numbers of calls (the program's --count: a fixed warm-up, then exactly N
// calls); the difference divided by the difference of N is the count per call, start-up and exit
// cancelling out. Writes OUT/syscalls-strace.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild, type ChildRuntime } from './bench_child.js';
import { OPS } from './bench_report.js';

/** The host-mount operations issue 15 asks about (the default). */
export const STRACE_OPS: readonly string[] = ['open_close_hostfs', 'stat_hostfs', 'read_hostfs_4k', 'write_hostfs_64'];

/** One operation on one runtime, per guest call: the host system calls the call itself makes, and
 * the background of the process (GC and worker threads, the event loop, memory management), which
 * follows time more than calls and is noisy (it can even come out negative). */
export type StraceCount = {
  perCall: number; bySyscall: Record<string, number>;
  background: number; backgroundBySyscall: Record<string, number>;
} | { na: string };

/** System calls counted as the process's background, not the guest call's. */
export const BACKGROUND = new Set(['futex', 'epoll_pwait', 'epoll_wait', 'mprotect', 'madvise', 'brk', 'mmap', 'munmap',
  'sched_yield', 'nanosleep', 'clock_nanosleep', 'getrusage']);

export interface StraceResult {
  date: string;
  /** The two numbers of calls the runs made. */
  calls: [number, number];
  strace: string;
  /** Per runtime, per operation. */
  counts: Partial<Record<ChildRuntime, Record<string, StraceCount>>>;
}

/** Totals by system call name from `strace -c`'s table. */
export function parseStraceSummary(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    // % time  seconds  usecs/call  calls  [errors]  syscall
    const m = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$/.exec(line);
    if (m && m[2] !== 'total') out[m[2]!] = (out[m[2]!] ?? 0) + Number(m[1]);
  }
  return out;
}

/** strace's version line, or why it cannot count here (not installed, or ptrace not permitted). */
export function straceVersion(): string | { why: string } {
  const v = spawnSync('strace', ['-V'], { encoding: 'utf8' });
  if (v.status !== 0) return { why: 'strace is not installed (it counts the host system calls; apt-get install strace)' };
  const t = spawnSync('strace', ['-f', '-c', '-o', '/dev/null', '--', process.execPath, '-e', '0'], { encoding: 'utf8' });
  if (t.status !== 0) return { why: `strace cannot trace here: ${(t.stderr || `exit ${t.status}`).trim().split('\n')[0]}` };
  return v.stdout.split('\n')[0]!.trim();
}

/** Counts per guest call for each runtime and operation. */
export async function straceCounts(wasm: string, o: {
  runtimes: readonly ChildRuntime[]; ops: readonly string[]; quick: boolean; log: (t: string) => void;
}): Promise<StraceResult> {
  const strace = straceVersion();
  if (typeof strace !== 'string') throw new Error(strace.why);
  const calls: [number, number] = o.quick ? [200, 1200] : [1000, 6000];
  const dir = mkdtempSync(join(tmpdir(), 'l4wasm-strace-'));
  const counts: StraceResult['counts'] = {};
  try {
    for (const runtime of o.runtimes) {
      const row: Record<string, StraceCount> = {};
      for (const op of o.ops) {
        const totals: Record<string, number>[] = [];
        let na: string | undefined;
        for (const count of calls) {
          const file = join(dir, `${runtime}-${op}-${count}.txt`);
          const r = await runChild(runtime, wasm, { quick: true, only: [op], count }, ['strace', '-f', '-c', '-o', file, '--']);
          const cell = r.cells[op];
          if (cell !== undefined && 'na' in cell) { na = cell.na; break; }
          if (r.code !== 0) { na = `the run ${r.signal !== null ? `was killed by ${r.signal}` : `exited with ${r.code}`}: ${r.stderr.trim().split('\n').pop() ?? ''}`; break; }
          totals.push(parseStraceSummary(readFileSync(file, 'utf8')));
        }
        row[op] = na !== undefined ? { na } : perCall(totals[0]!, totals[1]!, calls[1] - calls[0]);
        o.log(`  ${runtime.padEnd(10)} ${op.padEnd(18)} ${describeCount(row[op]!)}\n`);
      }
      counts[runtime] = row;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { date: new Date().toISOString(), calls, strace, counts };
}

function perCall(a: Record<string, number>, b: Record<string, number>, n: number): StraceCount {
  const c = { perCall: 0, bySyscall: {} as Record<string, number>, background: 0, backgroundBySyscall: {} as Record<string, number> };
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = ((b[name] ?? 0) - (a[name] ?? 0)) / n;
    const bg = BACKGROUND.has(name);
    if (bg) c.background += d; else c.perCall += d;
    // Below 0.02 per call is noise (a timer, a GC) more than the call.
    if (Math.abs(d) >= 0.02) (bg ? c.backgroundBySyscall : c.bySyscall)[name] = round2(d);
  }
  c.perCall = round2(c.perCall);
  c.background = round2(c.background);
  return c;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100 + 0; // + 0: no -0
}

const list = (o: Record<string, number>) => Object.entries(o).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v}`).join(', ');

/** "5.00 (statx 3, openat 1, close 1); background 0.07 (futex 0.07)" or "n/a (why)". */
export function describeCount(c: StraceCount): string {
  if ('na' in c) return `n/a (${c.na})`;
  const direct = Object.keys(c.bySyscall).length > 0 ? ` (${list(c.bySyscall)})` : '';
  const bg = Object.keys(c.backgroundBySyscall).length > 0 ? ` (${list(c.backgroundBySyscall)})` : '';
  return `${c.perCall.toFixed(2)}${direct}; background ${c.background.toFixed(2)}${bg}`;
}

const RUNTIME_LABELS: Record<ChildRuntime, string> = {
  l4wasm: 'l4wasm (local path)', 'node-wasi': 'node:wasi', 'wasi-shim': 'browser_wasi_shim', 'wasm-util': 'wasm-util',
};

/** The terminal report: one line per operation and runtime. */
export function formatStrace(r: StraceResult): string {
  const label = (op: string) => OPS.find((x) => x.key === op)?.label ?? op;
  let out = `host system calls per guest call (strace -f -c on the whole Node process, ${r.calls[1] - r.calls[0]} calls; ${r.date.slice(0, 10)}, ${r.strace})\n`;
  const ops = [...new Set(Object.values(r.counts).flatMap((row) => Object.keys(row)))];
  for (const op of ops) {
    out += `${label(op)}\n`;
    for (const [runtime, row] of Object.entries(r.counts) as [ChildRuntime, Record<string, StraceCount>][]) {
      if (row[op] !== undefined) out += `  ${RUNTIME_LABELS[runtime].padEnd(22)} ${describeCount(row[op]!)}\n`;
    }
  }
  return out;
}
