// What describes one system call: the single place that says what a call takes, what it returns
// and how it may travel. Every path derives from these descriptions: the local imports
// (syscall_edge.ts), the server path's stub and dispatcher, the tracer's decoding, the list of
// imports the loader accepts, which imports are call boundaries (asyncify's import list) and what
// a decoupled core answers itself.

/** The import modules l4wasm provides. */
export const WASI = 'wasi_snapshot_preview1';
export const L4POSIX = 'l4posix';
export type ImportModule = typeof WASI | typeof L4POSIX;

/** The families the calls are grouped in, one table each (src/libc/syscalls/<family>.ts). */
export type Family = 'fs' | 'time' | 'mem' | 'signal' | 'proc' | 'sys' | 'identity' | 'l4';

/**
 * What a parameter is, which is also how the tracer shows it. A pair kind (path, iovs, ciovs,
 * buf, pathout) is followed by its length (`len`); `out*` and the struct kinds are written by the
 * call; `i64`/`ns` arrive as BigInt.
 */
export type ParamKind =
  | 'fd' | 'int' | 'ptr' | 'len' | 'i64' | 'ns'
  | 'path' | 'pathout' | 'ciovs' | 'iovs' | 'buf'
  | 'out32' | 'out64' | 'outfd' | 'filestat' | 'fdstat' | 'prestat'
  | 'lookup' | 'oflags' | 'fdflags' | 'rights' | 'whence' | 'advice' | 'fst' | 'clock' | 'signal'
  | 'subs' | 'events' | 'riflags' | 'siflags' | 'sdflags';

export interface Param {
  readonly name: string;
  readonly kind: ParamKind;
}

/**
 * How the implementation's result becomes the ABI's: `errno` (WASI: 0 or the positive errno),
 * `value` (l4posix: a value >= 0 or -errno, as libl4posix's `l4posix_ret` expects). Both
 * implementations return 0 / value, -errno or SUSPEND.
 */
export type ResultConvention = 'errno' | 'value';

/** An implementation: the per-process state first (WasiState or the l4posix context), then the ABI arguments. */
export type SyscallImpl = (state: any, ...args: any[]) => number;

export interface SyscallSpec {
  readonly module: ImportModule;
  readonly name: string;
  readonly family: Family;
  readonly params: readonly Param[];
  readonly result: ResultConvention;
  /**
   * A call boundary: the call may return SUSPEND (wait, yield the CPU, move the program), and
   * preemption and blocking signal handlers may happen on its return, so asyncify instruments
   * its callers. False only for calls that always complete at once and are cheap enough that
   * instrumenting every caller would show (the clock, getpid, ...).
   */
  readonly suspends: boolean;
  /**
   * On the server path the call stays in the caller's backend instead of going by IPC: it ends
   * the caller, suspends it with state of its own, or changes the caller itself.
   */
  readonly callerOnly: boolean;
  /** A decoupled program answers it on its own core (no forwarding to the vCPU). */
  readonly coreLocal: boolean;
  /**
   * A POSIX cancellation point that may complete without waiting (read, write, open, close, ...):
   * a thread with a cancel pending and enabled ends here before the call acts (a wait in any call
   * is a cancellation point of its own: SyscallContext.wait).
   */
  readonly cancelPoint: boolean;
  /** It returns an i32 (every call but proc_exit, which never returns). */
  readonly returns: boolean;
  readonly impl: SyscallImpl;
}

/** The parameter kinds that are i64 in the import's signature (BigInt in JavaScript); the rest are i32. */
export function isWideKind(kind: ParamKind): boolean {
  return kind === 'i64' || kind === 'ns' || kind === 'rights';
}

/** A call's wasm signature, as its table entry gives it: value types 0x7f (i32) and 0x7e (i64); result 0 for none. */
export function wasmSignature(spec: SyscallSpec): { params: number[]; result: number } {
  return { params: spec.params.map((p) => (isWideKind(p.kind) ? 0x7e : 0x7f)), result: spec.returns ? 0x7f : 0 };
}

/** What a table entry says besides its parameters; the defaults fit most calls. */
export interface SpecOptions {
  /** Default true (see SyscallSpec.suspends). */
  suspends?: boolean;
  /** WASI default false; l4posix default true: only calls marked `callerOnly: false` are routed. */
  callerOnly?: boolean;
  coreLocal?: boolean;
  /** Default false (see SyscallSpec.cancelPoint). */
  cancelPoint?: boolean;
  /** Default true: the call returns an i32. */
  returns?: boolean;
}

/** One entry of a family table: the parameters as "name:kind" words, and the options. */
export type SpecEntry = readonly [params: string, options?: SpecOptions];

function parseParams(call: string, text: string): Param[] {
  if (text.trim() === '') return [];
  return text.trim().split(/\s+/).map((word) => {
    const [name, kind] = word.split(':');
    if (!name || !kind) throw new Error(`syscall table: ${call}: parameter "${word}" is not name:kind`);
    return { name, kind: kind as ParamKind };
  });
}

/**
 * One family's table joined with its implementations. Every described call must have an
 * implementation with one argument per parameter (after the state), and every implementation a
 * description: a call exists once, described and implemented, or not at all.
 */
export function family(
  fam: Family, module: ImportModule,
  impls: Readonly<Record<string, SyscallImpl>>, entries: Readonly<Record<string, SpecEntry>>,
): SyscallSpec[] {
  for (const name of Object.keys(impls)) {
    if (!(name in entries)) throw new Error(`syscall table: ${module}.${name} is implemented but not described`);
  }
  return Object.entries(entries).map(([name, [paramText, o = {}]]) => {
    const impl = impls[name];
    if (impl === undefined) throw new Error(`syscall table: ${module}.${name} is described but not implemented`);
    const params = parseParams(name, paramText);
    if (impl.length !== params.length + 1) {
      throw new Error(`syscall table: ${module}.${name} takes ${impl.length - 1} arguments, described with ${params.length}`);
    }
    return {
      module, name, family: fam, params,
      result: module === WASI ? 'errno' : 'value',
      suspends: o.suspends ?? true,
      callerOnly: o.callerOnly ?? module === L4POSIX,
      coreLocal: o.coreLocal ?? false,
      cancelPoint: o.cancelPoint ?? false,
      returns: o.returns ?? true,
      impl,
    };
  });
}
