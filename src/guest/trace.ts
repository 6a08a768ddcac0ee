// The tracer: a wrapper around a process's import table (never prints inside the syscalls) that
// writes one line per call, like strace, or counts the calls for a summary table at exit.
// A suspended call is re-executed from the start once the program resumes: it is traced as the one
// call it is, timed from its first entry to its completion and marked "(blocked)".
// Tracing off installs no wrapper at all: the program calls the backend's functions directly.
// The children of a traced program (fork, spawn) are traced too, as strace -f does: once a
// session traces more than one process, each line starts with its pid.
import { closeSync, openSync, writeSync } from 'node:fs';
import { ProcessExit, SUSPEND } from '../libc/context.js';
import { WASI, WASI_SPECS } from '../libc/syscalls/index.js';
import type { ImportTable } from './program.js';
import type { ExitStatus } from './process.js';
import { pathOf } from './trace_path.js';
import {
  TraceMemory, formatDuration, formatL4posixCall, formatL4posixResult, formatWasiArgs,
  formatWasiOutputs, formatWasiResult, linuxSignalName,
} from './trace_format.js';

/** Where trace text goes. */
export interface TraceSink {
  write(text: string): void;
  /** Writes out anything buffered (called at each process exit and at the end). */
  flush(): void;
  close(): void;
}

/** The program's view of tracing, for the parts of the guest that report events of their own. */
export interface Tracer {
  /** A line of its own for something that is not a call: a signal delivered, an exception reflected. */
  event(text: string): void;
}

/** What the tracer needs of a process (src/guest/process.ts's Process has all of it). */
export interface TracedProcess {
  readonly pid: number;
  readonly memory: WebAssembly.Memory;
  readonly exit: Promise<ExitStatus>;
  /** Its program runs decoupled now: every call it makes reaches the import forwarded. */
  readonly decoupled?: boolean;
}

export interface TraceOptions {
  /** 'lines' (default): one line per call; 'summary': a table of counts and times at exit. */
  mode?: 'lines' | 'summary';
  /** Default: stderr. */
  sink?: TraceSink;
}

/** Per call name: completed calls, failed ones, and their total time. */
export interface CallStats {
  calls: number;
  errors: number;
  totalMs: number;
}

const tracers = new WeakMap<object, Tracer>();

/**
 * The tracer of a process, if it is traced (keyed by the Process object). Signal delivery and
 * exception reflection call `tracerOf(process)?.event(...)`; untraced processes cost one lookup.
 */
export function tracerOf(process: object): Tracer | undefined {
  return tracers.get(process);
}

/** Trace text to the host's stderr, written at once so that it interleaves with the program's output. */
export function stderrSink(): TraceSink {
  return { write: (t) => { process.stderr.write(t); }, flush() {}, close() {} };
}

/** Trace text to a file, buffered (64 KiB) and written synchronously. */
export function fileSink(path: string): TraceSink {
  const fd = openSync(path, 'w');
  let buf: string[] = [];
  let size = 0;
  const flush = () => {
    if (buf.length === 0) return;
    writeSync(fd, buf.join(''));
    buf = [];
    size = 0;
  };
  return {
    write(t) { buf.push(t); size += t.length; if (size >= 65536) flush(); },
    flush,
    close() { flush(); closeSync(fd); },
  };
}

/** Trace text collected in memory (tests, the benchmark). */
export function memorySink(): TraceSink & { text(): string } {
  const parts: string[] = [];
  return { write: (t) => { parts.push(t); }, flush() {}, close() {}, text: () => parts.join('') };
}

/** A sink that drops everything (the benchmark's cost of tracing without the cost of output). */
export function nullSink(): TraceSink {
  return { write() {}, flush() {}, close() {} };
}

/** A call that suspended, waiting to be re-executed. */
interface Pending {
  key: string;
  start: number;
  args: string;
}

/**
 * One tracing session (an `l4wasm run --trace`): its sink and mode, the statistics of every process
 * it traced, and `wrapImports`, the wrapper to pass to a machine or spawn.
 */
export class TraceSession {
  readonly mode: 'lines' | 'summary';
  readonly sink: TraceSink;
  readonly stats = new Map<string, CallStats>();
  private processes = 0;
  private readonly exits: Promise<void>[] = [];

  constructor(options: TraceOptions = {}) {
    this.mode = options.mode ?? 'lines';
    // Children outlive the traced program now and then (killed at shutdown): nothing is written
    // once the sink is closed.
    const inner = options.sink ?? stderrSink();
    let closed = false;
    this.sink = {
      write: (t) => { if (!closed) inner.write(t); },
      flush: () => { if (!closed) inner.flush(); },
      close: () => { if (!closed) { closed = true; inner.close(); } },
    };
  }

  /** The import wrapper (MachineOptions/SpawnOptions.wrapImports). */
  readonly wrapImports = (imports: ImportTable, process: TracedProcess): ImportTable => {
    this.processes++;
    const t = new ProcessTracer(this, process);
    tracers.set(process, t);
    this.exits.push(process.exit.then((s) => t.exited(s), () => {}));
    const out: ImportTable = {};
    for (const [mod, fns] of Object.entries(imports)) {
      out[mod] = {};
      for (const [name, fn] of Object.entries(fns)) out[mod]![name] = t.wrap(mod, name, fn);
    }
    return out;
  };

  /** More than one process traced: lines name their pid. */
  get multiple(): boolean { return this.processes > 1; }

  /** Counts one completed call. */
  count(key: string, failed: boolean, ms: number): void {
    let s = this.stats.get(key);
    if (s === undefined) this.stats.set(key, (s = { calls: 0, errors: 0, totalMs: 0 }));
    s.calls++;
    if (failed) s.errors++;
    s.totalMs += ms;
  }

  /**
   * Waits for the traced processes' exit lines, prints the summary (summary mode), flushes. A
   * child still running (an orphan the machine will end) is not waited for beyond `graceMs`.
   */
  async finish(graceMs = 100): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs); });
    await Promise.race([Promise.all(this.exits), grace]);
    clearTimeout(timer);
    if (this.mode === 'summary') this.sink.write(formatSummary(this.stats));
    this.sink.flush();
  }
}

/** The table of `--trace=summary`, like strace -c: sorted by total time. */
export function formatSummary(stats: ReadonlyMap<string, CallStats>): string {
  const rows = [...stats.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs || a[0].localeCompare(b[0]));
  const total = rows.reduce((n, [, s]) => n + s.totalMs, 0);
  const calls = rows.reduce((n, [, s]) => n + s.calls, 0);
  const errors = rows.reduce((n, [, s]) => n + s.errors, 0);
  const line = '------ ----------- ----------- --------- --------- ------------------------\n';
  const row = (pct: string, us: string, per: string, c: string, e: string, name: string) =>
    `${pct.padStart(6)} ${us.padStart(11)} ${per.padStart(11)} ${c.padStart(9)} ${e.padStart(9)} ${name}\n`;
  let out = row('% time', 'total µs', 'µs/call', 'calls', 'errors', 'call') + line;
  for (const [name, s] of rows) {
    out += row(total > 0 ? (100 * s.totalMs / total).toFixed(2) : '0.00', (s.totalMs * 1000).toFixed(1),
      (s.totalMs * 1000 / s.calls).toFixed(2), String(s.calls), s.errors > 0 ? String(s.errors) : '', name);
  }
  out += line + row('100.00', (total * 1000).toFixed(1), calls > 0 ? (total * 1000 / calls).toFixed(2) : '', String(calls), String(errors), 'total');
  return out;
}

class ProcessTracer implements Tracer {
  private pending: Pending | undefined;
  private readonly lines: boolean;

  constructor(private readonly session: TraceSession, private readonly process: TracedProcess) {
    this.lines = session.mode === 'lines';
  }

  private prefix(): string {
    return this.session.multiple ? `[pid ${this.process.pid}] ` : '';
  }

  event(text: string): void {
    if (this.lines) this.session.sink.write(`${this.prefix()}--- ${text} ---\n`);
  }

  exited(s: ExitStatus): void {
    if (!this.lines) return;
    let what: string;
    if (s.trap) what = `trapped: ${s.trap.message}${s.trap.func ? ` in ${s.trap.func}` : ''}`;
    else if (s.signal !== undefined) what = `killed by ${linuxSignalName(s.signal)}`;
    else what = `exited with ${s.code}`;
    this.session.sink.write(`${this.prefix()}+++ ${what} +++\n`);
    this.session.sink.flush();
  }

  private memory(): TraceMemory {
    let m: WebAssembly.Memory | undefined;
    try { m = this.process.memory; } catch { m = undefined; }
    return new TraceMemory(m);
  }

  /** The traced version of one import. */
  wrap(mod: string, name: string, fn: (...a: any[]) => any): (...a: any[]) => any {
    const wasi = mod === WASI && WASI_SPECS.has(name);
    const key = wasi ? name : `${mod}.${name}`;
    const path = pathOf(fn);
    const session = this.session;
    const isExit = wasi && name === 'proc_exit';
    const argsText = (a: any[]): string => {
      try {
        return wasi ? formatWasiArgs(name, this.memory(), a) : formatL4posixCall(a);
      } catch (e) {
        return `(cannot decode: ${(e as Error)?.message ?? e})`;
      }
    };
    const outputs = (a: any[]): string => {
      try { return formatWasiOutputs(name, this.memory(), a); } catch { return ''; }
    };

    return (...a: any[]) => {
      let start: number;
      let blocked = false;
      let args = '';
      const p = this.pending;
      if (p !== undefined && p.key === key) {
        // The re-execution of a call that suspended: still the same call.
        this.pending = undefined;
        start = p.start;
        args = p.args;
        blocked = true;
      } else {
        start = performance.now();
        if (this.lines) args = argsText(a);
      }
      if (isExit) {
        session.count(key, false, 0);
        if (this.lines) session.sink.write(`${this.prefix()}${name}(${args}) = ?\n`);
        return fn(...a);
      }
      let r: any;
      try {
        r = fn(...a);
      } catch (e) {
        // Only ProcessExit leaves a call (a fatal proc_raise, a kill): the call never returns.
        session.count(key, false, performance.now() - start);
        if (this.lines) session.sink.write(`${this.prefix()}${name}(${args}) = ?${e instanceof ProcessExit ? '' : ` (${(e as Error)?.message ?? e})`}\n`);
        throw e;
      }
      if (r === SUSPEND) {
        this.pending = { key, start, args };
        return r;
      }
      const ms = performance.now() - start;
      const failed = wasi ? r !== 0 : typeof r === 'number' && r < 0;
      session.count(key, failed, ms);
      if (this.lines) {
        let text: string;
        if (wasi) {
          const outs = r === 0 ? outputs(a) : '';
          text = `${name}(${args}) = ${formatWasiResult(r)}${outs ? ` → ${outs}` : ''}`;
        } else {
          text = `${key}(${args}) = ${typeof r === 'number' ? formatL4posixResult(r) : String(r)}`;
        }
        const via = this.process.decoupled === true ? 'forwarded' : path;
        session.sink.write(`${this.prefix()}${text}  <${formatDuration(ms)} ${via}>${blocked ? ' (blocked)' : ''}\n`);
      }
      return r;
    };
  }
}
