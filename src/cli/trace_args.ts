// The options of `l4wasm run` that choose how calls travel and whether they are traced:
// --trace[=summary], --trace-file F, --syscalls local|server. They become the import wrappers of
// the spawned program; with neither tracing nor the server path no wrapper is installed.
import type { ImportTable } from '../guest/program.js';
import type { Process } from '../guest/process.js';
import { TraceSession, fileSink, stderrSink } from '../guest/trace.js';
import { serverPathWrapper, type PosixServerHost } from '../l4re/posix_server.js';

export type Wrapper = (imports: ImportTable, process: Process) => ImportTable;

export interface CallOptions {
  /** undefined: no tracing. */
  trace?: 'lines' | 'summary';
  traceFile?: string;
  syscalls: 'local' | 'server';
}

export function defaultCallOptions(): CallOptions {
  return { syscalls: 'local' };
}

/**
 * Takes one of these options from argv at index i (the value of --trace-file / --syscalls may be
 * the next element). Returns how many elements it used, 0 if argv[i] is not one of them, or the
 * problem to report.
 */
export function parseCallOption(argv: readonly string[], i: number, out: CallOptions): number | string {
  const a = argv[i]!;
  if (a === '--trace') { out.trace = 'lines'; return 1; }
  if (a.startsWith('--trace=')) {
    const v = a.slice('--trace='.length);
    if (v === 'summary') out.trace = 'summary';
    else if (v === 'lines' || v === 'full') out.trace = 'lines';
    else return `--trace=${v}: expected --trace or --trace=summary`;
    return 1;
  }
  for (const flag of ['--trace-file', '--syscalls'] as const) {
    if (a !== flag && !a.startsWith(flag + '=')) continue;
    const joined = a.startsWith(flag + '=');
    const v = joined ? a.slice(flag.length + 1) : argv[i + 1];
    if (v === undefined || v === '') return `${flag} needs a value`;
    if (flag === '--trace-file') {
      out.traceFile = v;
      out.trace ??= 'lines';
    } else if (v === 'local' || v === 'server') {
      out.syscalls = v;
    } else {
      return `--syscalls ${v}: expected local or server`;
    }
    return joined ? 1 : 2;
  }
  return 0;
}

/** The wrappers the options ask for, and the trace session to finish at exit (if tracing). */
export function callWrappers(machine: PosixServerHost, o: CallOptions): { wrap?: Wrapper; trace?: TraceSession } {
  const server = o.syscalls === 'server' ? serverPathWrapper(machine) : undefined;
  const trace = o.trace === undefined ? undefined
    : new TraceSession({ mode: o.trace, sink: o.traceFile !== undefined ? fileSink(o.traceFile) : stderrSink() });
  // The tracer wraps outermost: it times the whole path a call takes and sees which one it took.
  const wrap: Wrapper | undefined = server && trace
    ? (imports, p) => trace.wrapImports(server(imports, p), p)
    : server ?? trace?.wrapImports;
  return { wrap, trace };
}
