// The options of `l4wasm run` that choose how calls travel and whether they are traced:
// --trace[=summary], --trace-file F, --syscalls local|server. They become the import wrappers of
// the spawned program; with neither tracing nor the server path no wrapper is installed.
import type { ImportTable } from '../guest/program.js';
import type { Process } from '../guest/process.js';
import { TraceSession, fileSink, stderrSink } from '../guest/trace.js';
import { serverPathWrapper, type PosixServerHost } from '../guest/posix_server.js';
import { lastString, type OptionTable, type OptionValues } from './args.js';

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

/** The rows these options add to a command's option table (args.ts). */
export const CALL_OPTIONS = {
  trace: {
    type: 'string', bare: 'lines', value: 'summary',
    help: 'print each call the program makes (strace-like) to stderr;\n=summary: a table of calls at exit',
  },
  'trace-file': { type: 'string', value: 'FILE', help: 'write the trace to FILE (implies --trace)' },
  syscalls: { type: 'string', value: 'local|server', help: 'local (default), or server: every call goes to the POSIX server by kernel IPC' },
} satisfies OptionTable;

/** The call options from parsed values; a string is the problem to report. */
export function callOptionsFrom(values: OptionValues): CallOptions | string {
  const out = defaultCallOptions();
  const trace = lastString(values.trace);
  if (trace !== undefined) {
    if (trace === 'summary') out.trace = 'summary';
    else if (trace === 'lines' || trace === 'full') out.trace = 'lines';
    else return `--trace=${trace}: expected --trace or --trace=summary`;
  }
  const file = lastString(values['trace-file']);
  if (file !== undefined) {
    out.traceFile = file;
    out.trace ??= 'lines';
  }
  const sys = lastString(values.syscalls);
  if (sys !== undefined) {
    if (sys !== 'local' && sys !== 'server') return `--syscalls ${sys}: expected local or server`;
    out.syscalls = sys;
  }
  return out;
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
