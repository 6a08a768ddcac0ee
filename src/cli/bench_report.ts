// What `l4wasm bench syscalls` shows and writes: the terminal table (ns/op, ratios to native and to
// node:wasi), the goals and the cost of tracing, bench/syscalls.json, and a grouped bar chart on a
// log scale as SVG (written here, no plotting library).
import type { Cell, Cells } from './bench_runners.js';

/** The operations, in the program's order, with the labels people read. */
export const OPS: readonly { key: string; label: string }[] = [
  { key: 'empty_call', label: 'empty host call' },
  { key: 'clock_gettime', label: 'clock_gettime' },
  { key: 'clock_getres', label: 'clock_getres' },
  { key: 'getpid', label: 'getpid' },
  { key: 'fcntl_getfl', label: 'fcntl(F_GETFL) tmpfs fd' },
  { key: 'write_devnull_64', label: 'write 64 B /dev/null' },
  { key: 'write_tmpfs_64', label: 'pwrite 64 B tmpfs' },
  { key: 'write_hostfs_64', label: 'pwrite 64 B hostfs' },
  { key: 'read_tmpfs_4k', label: 'read 4 KiB tmpfs' },
  { key: 'read_hostfs_4k', label: 'read 4 KiB hostfs' },
  { key: 'read_rom_4k', label: 'read 4 KiB ROM' },
  { key: 'open_close_tmpfs', label: 'open+close tmpfs' },
  { key: 'open_close_hostfs', label: 'open+close hostfs' },
  { key: 'open_close_rom', label: 'open+close ROM' },
  { key: 'stat_tmpfs', label: 'stat tmpfs' },
  { key: 'stat_hostfs', label: 'stat hostfs' },
  { key: 'stat_rom', label: 'stat ROM' },
  { key: 'mmap_munmap_64k', label: 'mmap+munmap 64 KiB' },
  { key: 'signal_roundtrip', label: 'signal round trip' },
  { key: 'pipe_64', label: 'pipe write+read 64 B' },
  { key: 'ipc_roundtrip', label: 'IPC call+reply' },
  { key: 'ipc_c', label: 'IPC call+reply from C' },
  { key: 'grow_64k', label: 'malloc 64 KiB (grow)' },
];

/** Operations measured in one pass per process (reps 1): memory only grows. */
export const ONE_PASS_OPS: readonly string[] = ['grow_64k'];

/** The columns: each runtime or path, in the order shown. */
export const COLUMNS = [
  { key: 'native', label: 'native', color: '#4d4d4d' },
  { key: 'floor', label: 'bare wasm→JS', color: '#b3b3b3' },
  { key: 'local', label: 'l4wasm local', color: '#1f77b4' },
  { key: 'server', label: 'l4wasm server', color: '#6baed6' },
  { key: 'traced', label: 'l4wasm traced', color: '#9ecae1' },
  { key: 'forwarded', label: 'l4wasm forwarded', color: '#2ca02c' },
  { key: 'node-wasi', label: 'node:wasi', color: '#d62728' },
  { key: 'wasi-shim', label: 'browser_wasi_shim', color: '#ff9896' },
  { key: 'wasm-util', label: 'wasm-util', color: '#ff7f0e' },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];

/** Every figure of a run. */
export interface BenchResult {
  date: string;
  machine: {
    cpuModel: string; cores: number; node: string; platform: string; arch: string; memoryGiB: number;
    /** 1-minute load average when the run started and when it ended (other work skews the figures). */
    loadAverage: [number, number];
  };
  quick: boolean;
  /** Which optional parts of the program were built for wasm (and why not). */
  build: Record<string, string>;
  units: 'ns/op';
  ops: readonly { key: string; label: string }[];
  /** Per column, per operation. */
  results: Partial<Record<ColumnKey | 'local-untraced', Cells>>;
  goals: Goals;
  /** What each runtime's tmpfs, hostfs and ROM rows stand on (MOUNTS of bench_runners). */
  mounts?: Record<string, { tmpfs: string; hostfs: string; rom: string }>;
  /** Further notes on how a column was measured, by column. */
  columnNotes?: Partial<Record<ColumnKey, string>>;
  /** Tracing off: the local path as `l4wasm run` sets it up, against a machine that never traces. */
  tracing?: TracingCost;
}

export interface Goals {
  /** l4wasm local / bare wasm->JS call, for the calls answered in the caller's backend. */
  localVsEmptyCall: Record<string, number>;
  localWithin1_5xOfEmptyCall: boolean;
  /** l4wasm local / node:wasi, for each operation both have. */
  localVsNodeWasi: Record<string, number>;
  localFasterThanNodeWasiEverywhere: boolean;
  /** A forwarded call that does nothing (bench_nop from a decoupled program), ns; goal ≤ 1 µs. */
  forwardedEmptyCallNs?: number;
  forwardedWithin1Us?: boolean;
  /** Issue 15's goals for the local path, each met, missed, or unknown when a figure is missing. */
  issue15: GoalCheck[];
}

/** One goal: l4wasm local's median against a fixed limit or another column's median. */
export interface GoalCheck {
  op: string;
  /** 'ns' for a fixed limit, else the column compared with. */
  against: 'ns' | ColumnKey;
  limit?: number;
  value?: number;
  met?: boolean;
}

/** Issue 15's goals: every host-mount operation and memory growth at or below node:wasi; tmpfs and
 * ROM open+close, stat and pread, and the clock, below fixed limits (ns). */
const ISSUE15_VS_NODE_WASI = ['fcntl_getfl', 'write_hostfs_64', 'read_hostfs_4k', 'open_close_hostfs', 'stat_hostfs', 'grow_64k'];
const ISSUE15_LIMITS: readonly [string, number][] = [
  ['open_close_tmpfs', 1000], ['open_close_rom', 1000],
  ['stat_tmpfs', 800], ['stat_rom', 800],
  ['read_tmpfs_4k', 250], ['read_rom_4k', 250],
  ['clock_gettime', 40], ['clock_getres', 15],
];

export interface TracingCost {
  /** local (trace off) / local-untraced per operation. */
  offRatio: Record<string, number>;
  /** traced / local per operation. */
  onRatio: Record<string, number>;
}

/** Calls answered without real work in the caller's backend: the 1.5x goal applies to these. */
const LOCAL_ANSWERED = ['empty_call', 'getpid', 'clock_gettime'];

export function median(cell: Cell | undefined): number | undefined {
  return cell !== undefined && 'median' in cell ? cell.median : undefined;
}

export function computeGoals(results: BenchResult['results']): Goals {
  const floor = median(results.floor?.empty_call);
  const localVsEmptyCall: Record<string, number> = {};
  for (const op of LOCAL_ANSWERED) {
    const v = median(results.local?.[op]);
    if (v !== undefined && floor !== undefined) localVsEmptyCall[op] = round(v / floor);
  }
  const localVsNodeWasi: Record<string, number> = {};
  for (const { key } of OPS) {
    const l = median(results.local?.[key]);
    const n = median(results['node-wasi']?.[key]);
    if (l !== undefined && n !== undefined) localVsNodeWasi[key] = round(l / n);
  }
  const forwarded = median(results.forwarded?.empty_call);
  const issue15: GoalCheck[] = [];
  for (const op of ISSUE15_VS_NODE_WASI) {
    const value = median(results.local?.[op]);
    const limit = median(results['node-wasi']?.[op]);
    issue15.push(check(op, 'node-wasi', value, limit));
  }
  for (const [op, ns] of ISSUE15_LIMITS) issue15.push(check(op, 'ns', median(results.local?.[op]), ns));
  return {
    localVsEmptyCall,
    localWithin1_5xOfEmptyCall: Object.keys(localVsEmptyCall).length > 0 && Object.values(localVsEmptyCall).every((r) => r <= 1.5),
    localVsNodeWasi,
    localFasterThanNodeWasiEverywhere: Object.keys(localVsNodeWasi).length > 0 && Object.values(localVsNodeWasi).every((r) => r < 1),
    ...(forwarded === undefined ? {} : { forwardedEmptyCallNs: round(forwarded), forwardedWithin1Us: forwarded <= 1000 }),
    issue15,
  };
}

function check(op: string, against: GoalCheck['against'], value: number | undefined, limit: number | undefined): GoalCheck {
  const c: GoalCheck = { op, against };
  if (limit !== undefined) c.limit = round(limit);
  if (value !== undefined) c.value = round(value);
  if (value !== undefined && limit !== undefined) c.met = value <= limit;
  return c;
}

export function computeTracing(results: BenchResult['results']): TracingCost | undefined {
  const local = results.local;
  const untraced = results['local-untraced'];
  if (local === undefined || untraced === undefined) return undefined;
  const offRatio: Record<string, number> = {};
  const onRatio: Record<string, number> = {};
  for (const { key } of OPS) {
    const l = median(local[key]);
    const u = median(untraced[key]);
    const t = median(results.traced?.[key]);
    if (l !== undefined && u !== undefined) offRatio[key] = round(l / u);
    if (l !== undefined && t !== undefined) onRatio[key] = round(t / l);
  }
  return { offRatio, onRatio };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** ns as a short figure: 4.1, 52.3, 812, 2,410, 13,200. */
export function formatNs(ns: number): string {
  if (ns < 100) return ns.toFixed(1);
  return Math.round(ns).toLocaleString('en-US');
}

function formatRatio(r: number | undefined): string {
  if (r === undefined) return '';
  return r < 10 ? `${r.toFixed(2)}x` : `${Math.round(r)}x`;
}

/** The terminal table; n/a cells carry a footnote number naming what the runtime lacks. */
export function formatTable(r: BenchResult): string {
  const cols = COLUMNS.filter((c) => r.results[c.key] !== undefined);
  const notes: string[] = [];
  const note = (why: string) => {
    let i = notes.indexOf(why);
    if (i < 0) { notes.push(why); i = notes.length - 1; }
    return `n/a[${i + 1}]`;
  };
  const header = ['operation (ns/op)', ...cols.map((c) => c.label), 'local/native', 'local/node:wasi'];
  const rows: string[][] = [];
  for (const { key, label } of r.ops) {
    if (!cols.some((c) => r.results[c.key]?.[key] !== undefined)) continue;
    const row = [label];
    for (const c of cols) {
      const cell = r.results[c.key]?.[key];
      if (c.key === 'floor' && key !== 'empty_call') row.push('');
      else if (cell === undefined) row.push('-');
      else if ('na' in cell) row.push(note(cell.na));
      else row.push(formatNs(cell.median));
    }
    const l = median(r.results.local?.[key]);
    const nat = median(r.results.native?.[key]);
    const nw = median(r.results['node-wasi']?.[key]);
    row.push(formatRatio(l !== undefined && nat !== undefined ? l / nat : undefined));
    row.push(formatRatio(l !== undefined && nw !== undefined ? l / nw : undefined));
    rows.push(row);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  let out = `${fmt(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`;
  for (const row of rows) out += `${fmt(row)}\n`;
  if (notes.length > 0) out += '\n' + notes.map((n, i) => `[${i + 1}] ${n}`).join('\n') + '\n';
  return out + formatMounts(r, cols);
}

/** The goals and the cost of tracing, as sentences under the table. */
export function formatFindings(r: BenchResult): string {
  const g = r.goals;
  let out = '';
  const list = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${formatRatio(v)}`).join(', ');
  if (Object.keys(g.localVsEmptyCall).length > 0) {
    out += `goal: local path within 1.5x of the empty host call: ${g.localWithin1_5xOfEmptyCall ? 'met' : 'missed'} (${list(g.localVsEmptyCall)})\n`;
  }
  if (Object.keys(g.localVsNodeWasi).length > 0) {
    const slower = Object.entries(g.localVsNodeWasi).filter(([, v]) => v >= 1);
    out += `goal: local path faster than node:wasi on every operation both have: ${g.localFasterThanNodeWasiEverywhere ? 'met' : `missed on ${slower.map(([k, v]) => `${k} (${formatRatio(v)})`).join(', ')}`}\n`;
  }
  if (g.forwardedEmptyCallNs !== undefined) {
    out += `goal: a forwarded call's round trip ≤ 1 µs (empty call, back to back): ${g.forwardedWithin1Us ? 'met' : 'missed'} (${formatNs(g.forwardedEmptyCallNs)} ns; `
      + `it needs the worker and the vCPU on a core each at once: load average ${r.machine.loadAverage[0]} on ${r.machine.cores} cores)\n`;
  }
  if (g.issue15.some((c) => c.value !== undefined)) out += formatIssue15(r);
  if (r.tracing !== undefined) {
    const off = Object.values(r.tracing.offRatio);
    const on = Object.values(r.tracing.onRatio);
    if (off.length > 0) {
      const s = [...off].sort((a, b) => a - b);
      out += `tracing off (no wrapper installed) vs. a machine that never traces: median ${formatRatio(s[s.length >> 1])}, range ${formatRatio(s[0])}–${formatRatio(s[s.length - 1])} over ${s.length} operations\n`;
    }
    if (on.length > 0) {
      const s = [...on].sort((a, b) => a - b);
      out += `tracing on (--trace, lines formatted and discarded): median ${formatRatio(s[s.length >> 1])} of the local path\n`;
    }
  }
  return out;
}

/** Issue 15's goals, one line each: met/missed with both figures. */
function formatIssue15(r: BenchResult): string {
  const label = (op: string) => OPS.find((o) => o.key === op)?.label ?? op;
  let out = 'goals of issue 15 (l4wasm local):\n';
  // A goal whose operation this run did not measure on l4wasm is left out (a run with --only).
  for (const c of r.goals.issue15) {
    const value = c.value;
    if (value === undefined) continue;
    const what = c.against === 'ns' ? `${label(c.op)} ≤ ${formatNs(c.limit!)} ns` : `${label(c.op)} ≤ ${columnLabel(c.against)}`;
    const state = c.met === undefined ? 'not judged' : c.met ? 'met' : 'missed';
    const figures = c.against === 'ns' ? ` (${formatNs(value)} ns)`
      : c.limit === undefined ? ` (${formatNs(value)} ns; ${columnLabel(c.against)} not measured)`
      : ` (${formatNs(value)} vs ${formatNs(c.limit)} ns, ${formatRatio(value / c.limit)})`;
    out += `  ${state.padEnd(10)} ${what}${figures}\n`;
  }
  return out;
}

function columnLabel(key: ColumnKey): string {
  return COLUMNS.find((c) => c.key === key)?.label ?? key;
}

/** The footnote under the table: what "tmpfs", "hostfs" and "ROM" are on each runtime, and the one-pass rows. */
function formatMounts(r: BenchResult, cols: readonly { key: string; label: string }[]): string {
  let out = '';
  if (r.mounts !== undefined) {
    const shown = new Set<string>();
    for (const c of cols) {
      // The l4wasm columns share one entry; the floor has no files.
      const key = c.key in r.mounts ? c.key : c.key === 'floor' ? undefined : 'l4wasm';
      if (key === undefined || shown.has(key) || r.mounts[key] === undefined) continue;
      shown.add(key);
      const m = r.mounts[key]!;
      out += `${key === 'l4wasm' ? 'l4wasm (every path)' : c.label}: tmpfs = ${m.tmpfs}; hostfs = ${m.hostfs}; ROM = ${m.rom}\n`;
    }
  }
  for (const c of cols) {
    const n = r.columnNotes?.[c.key as ColumnKey];
    if (n !== undefined) out += `${c.label}: ${n}\n`;
  }
  const once = r.ops.filter((o) => ONE_PASS_OPS.includes(o.key)).map((o) => o.label);
  if (once.length > 0) {
    const reps = cols.map((c) => r.results[c.key as ColumnKey]?.[ONE_PASS_OPS[0]!]).filter((c): c is Extract<Cell, { reps: number }> => c !== undefined && 'reps' in c).map((c) => c.reps);
    out += `${once.join(', ')}: one pass of 1,024 blocks to 64 MiB per process (memory never shrinks), ns per block; `
      + `${Math.max(1, ...reps) > 1 ? `the median of ${Math.max(...reps)} processes for native, l4wasm local and the anchors, one for the other l4wasm paths` : 'one process per column'}: noisier than the rest\n`;
  }
  return out === '' ? '' : `\n${out}`;
}

// ---- SVG ------------------------------------------------------------------------------------------

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The chart's one-line version of the table's footnote on mounts and the one-pass row. */
const SVG_MOUNTS = 'tmpfs: l4wasm its own, browser_wasi_shim its memory fs, native, node:wasi and wasm-util a host directory in /dev/shm; '
  + 'hostfs: a host directory on disk; ROM: l4wasm boot module; malloc 64 KiB (grow): one pass per process';

/** A grouped bar chart, one group per operation, one bar per column, on a log scale with min–max whiskers. */
export function formatSvg(r: BenchResult): string {
  const cols = COLUMNS.filter((c) => r.results[c.key] !== undefined);
  const bar = 9;
  const gap = 18;
  const groupW = cols.length * bar + gap;
  const left = 70;
  const top = 86;
  const plotH = 380;
  const bottom = 120;
  const width = left + r.ops.length * groupW + 110;
  const height = top + plotH + bottom;
  const values: number[] = [];
  for (const c of cols) for (const cell of Object.values(r.results[c.key]!)) if ('median' in cell) values.push(cell.min, cell.max);
  const lo = Math.pow(10, Math.floor(Math.log10(Math.max(0.1, Math.min(...values, 1)))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...values, 10))));
  const y = (ns: number) => top + plotH - (Math.log10(Math.max(ns, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * plotH;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${left}" y="22" font-size="16" font-weight="bold">l4wasm bench syscalls: ns per operation (log scale; lower is better)</text>`);
  parts.push(`<text x="${left}" y="40" fill="#555">${esc(`${r.machine.cpuModel}, ${r.machine.cores} cores, Node ${r.machine.node}, ${r.date.slice(0, 10)}${r.quick ? ', quick run' : ''}; whiskers: min–max of the reps; n/a: the runtime lacks the operation`)}</text>`);
  parts.push(`<text x="${left}" y="56" fill="#555">${esc(SVG_MOUNTS)}</text>`);
  // Legend.
  let lx = left;
  for (const c of cols) {
    parts.push(`<rect x="${lx}" y="64" width="12" height="12" fill="${c.color}"/><text x="${lx + 16}" y="74">${esc(c.label)}</text>`);
    lx += 24 + c.label.length * 7;
  }
  // Axis and grid: one line per decade.
  for (let d = lo; d <= hi * 1.0001; d *= 10) {
    const yy = y(d).toFixed(1);
    parts.push(`<line x1="${left}" x2="${width - 20}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
    const label = d >= 1000 ? `${d / 1000} µs` : `${d} ns`;
    parts.push(`<text x="${left - 6}" y="${Number(yy) + 4}" text-anchor="end" fill="#333">${label}</text>`);
  }
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333"/>`);
  // Bars.
  r.ops.forEach(({ key, label }, g) => {
    const gx = left + g * groupW + gap / 2;
    cols.forEach((c, i) => {
      const cell = r.results[c.key]?.[key];
      const x = gx + i * bar;
      if (cell === undefined) return;
      if (!('median' in cell)) {
        // What the runtime lacks: a small mark where its bar would stand (the reason is its title).
        parts.push(`<text transform="translate(${x + bar - 3},${top + plotH - 3}) rotate(-90)" font-size="8" fill="#999">n/a<title>${esc(`${label}, ${c.label}: ${cell.na}`)}</title></text>`);
        return;
      }
      const yt = y(cell.median);
      parts.push(`<rect x="${x}" y="${yt.toFixed(1)}" width="${bar - 1}" height="${(top + plotH - yt).toFixed(1)}" fill="${c.color}"><title>${esc(`${label}, ${c.label}: ${formatNs(cell.median)} ns (min ${formatNs(cell.min)}, max ${formatNs(cell.max)})`)}</title></rect>`);
      const cx = x + (bar - 1) / 2;
      parts.push(`<line x1="${cx}" x2="${cx}" y1="${y(cell.max).toFixed(1)}" y2="${y(cell.min).toFixed(1)}" stroke="#000" stroke-width="1"/>`);
    });
    const lxg = gx + (cols.length * bar) / 2;
    parts.push(`<text transform="translate(${lxg},${top + plotH + 12}) rotate(35)" fill="#333">${esc(label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
