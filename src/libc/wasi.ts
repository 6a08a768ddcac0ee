// wasi_snapshot_preview1 for one process: the table of calls (one module per family) and the edge
// that turns their 0 / -errno / SUSPEND into the ABI's result and keeps exceptions from the host.
import { Errno } from './errno.js';
import { ProcessExit, SUSPEND, type SyscallContext } from './context.js';
import { WasiState, type WasiImpl } from './wasi_state.js';
import { procCalls } from './wasi_proc.js';
import { clockCalls } from './wasi_clock.js';
import { fdCalls } from './wasi_fd.js';
import { pathCalls } from './wasi_path.js';
import { pollCalls } from './wasi_poll.js';
import { sockCalls } from './wasi_sock.js';

/**
 * Every wasi_snapshot_preview1 function with the names of its parameters (the spec's), in the
 * spec's order. A tracer wraps the imports by these names; the parameter names label its output.
 */
export const WASI_PARAMS = {
  args_get: ['argv', 'argv_buf'],
  args_sizes_get: ['argc', 'argv_buf_size'],
  environ_get: ['environ', 'environ_buf'],
  environ_sizes_get: ['environc', 'environ_buf_size'],
  clock_res_get: ['id', 'resolution'],
  clock_time_get: ['id', 'precision', 'time'],
  fd_advise: ['fd', 'offset', 'len', 'advice'],
  fd_allocate: ['fd', 'offset', 'len'],
  fd_close: ['fd'],
  fd_datasync: ['fd'],
  fd_fdstat_get: ['fd', 'stat'],
  fd_fdstat_set_flags: ['fd', 'flags'],
  fd_fdstat_set_rights: ['fd', 'fs_rights_base', 'fs_rights_inheriting'],
  fd_filestat_get: ['fd', 'buf'],
  fd_filestat_set_size: ['fd', 'size'],
  fd_filestat_set_times: ['fd', 'atim', 'mtim', 'fst_flags'],
  fd_pread: ['fd', 'iovs', 'iovs_len', 'offset', 'nread'],
  fd_prestat_get: ['fd', 'buf'],
  fd_prestat_dir_name: ['fd', 'path', 'path_len'],
  fd_pwrite: ['fd', 'iovs', 'iovs_len', 'offset', 'nwritten'],
  fd_read: ['fd', 'iovs', 'iovs_len', 'nread'],
  fd_readdir: ['fd', 'buf', 'buf_len', 'cookie', 'bufused'],
  fd_renumber: ['fd', 'to'],
  fd_seek: ['fd', 'offset', 'whence', 'newoffset'],
  fd_sync: ['fd'],
  fd_tell: ['fd', 'offset'],
  fd_write: ['fd', 'iovs', 'iovs_len', 'nwritten'],
  path_create_directory: ['fd', 'path', 'path_len'],
  path_filestat_get: ['fd', 'flags', 'path', 'path_len', 'buf'],
  path_filestat_set_times: ['fd', 'flags', 'path', 'path_len', 'atim', 'mtim', 'fst_flags'],
  path_link: ['old_fd', 'old_flags', 'old_path', 'old_path_len', 'new_fd', 'new_path', 'new_path_len'],
  path_open: ['fd', 'dirflags', 'path', 'path_len', 'oflags', 'fs_rights_base', 'fs_rights_inheriting',
    'fdflags', 'opened_fd'],
  path_readlink: ['fd', 'path', 'path_len', 'buf', 'buf_len', 'bufused'],
  path_remove_directory: ['fd', 'path', 'path_len'],
  path_rename: ['fd', 'old_path', 'old_path_len', 'new_fd', 'new_path', 'new_path_len'],
  path_symlink: ['old_path', 'old_path_len', 'fd', 'new_path', 'new_path_len'],
  path_unlink_file: ['fd', 'path', 'path_len'],
  poll_oneoff: ['in', 'out', 'nsubscriptions', 'nevents'],
  proc_exit: ['rval'],
  proc_raise: ['sig'],
  sched_yield: [],
  random_get: ['buf', 'buf_len'],
  sock_accept: ['fd', 'flags', 'result_fd'],
  sock_recv: ['fd', 'ri_data', 'ri_data_len', 'ri_flags', 'ro_datalen', 'ro_flags'],
  sock_send: ['fd', 'si_data', 'si_data_len', 'si_flags', 'so_datalen'],
  sock_shutdown: ['fd', 'how'],
} as const satisfies Record<string, readonly string[]>;

export type WasiName = keyof typeof WASI_PARAMS;

/** The names of all wasi_snapshot_preview1 functions. */
export const WASI_FUNCTIONS = Object.keys(WASI_PARAMS) as readonly WasiName[];

/**
 * The calls that can return SUSPEND (they wait through ctx.wait or ctx.yield): the imports the
 * runner must make suspendable. Every other call always completes at once.
 */
export const WASI_SUSPENDING: readonly WasiName[] = [
  'fd_read', 'fd_write', 'fd_pread', 'fd_pwrite', 'poll_oneoff', 'sched_yield',
];

/**
 * The implementations, by name: (state, ...ABI arguments) -> 0 | -errno | SUSPEND. Every entry
 * path (local imports here, a server or a forwarded call later) runs these same functions.
 */
export const WASI_CALLS: Record<WasiName, WasiImpl> = {
  ...procCalls, ...clockCalls, ...fdCalls, ...pathCalls, ...pollCalls, ...sockCalls,
};

/** The ABI result of an implementation's result: the positive errno, 0, or SUSPEND unchanged. */
function toAbi(r: number): number {
  return r >= 0 ? 0 : r === SUSPEND ? SUSPEND : -r;
}

/**
 * The import for one call: a plain function of the program's arguments (fixed arity, no rest
 * parameters, so the hot path allocates nothing) returning the ABI errno. Only ProcessExit leaves it.
 */
function edge(name: WasiName, impl: WasiImpl, s: WasiState): (...a: any[]) => number {
  const fail = (e: unknown): number => {
    if (e instanceof ProcessExit) throw e;
    s.ctx.onInternalError?.(name, e);
    return e instanceof RangeError ? Errno.EFAULT : Errno.EIO;
  };
  const arity: number = WASI_PARAMS[name].length;
  switch (arity) {
    case 0: return () => {
      try { return toAbi(impl(s)); } catch (e) { return fail(e); }
    };
    case 1: return (a: any) => {
      try { return toAbi(impl(s, a)); } catch (e) { return fail(e); }
    };
    case 2: return (a: any, b: any) => {
      try { return toAbi(impl(s, a, b)); } catch (e) { return fail(e); }
    };
    case 3: return (a: any, b: any, c: any) => {
      try { return toAbi(impl(s, a, b, c)); } catch (e) { return fail(e); }
    };
    case 4: return (a: any, b: any, c: any, d: any) => {
      try { return toAbi(impl(s, a, b, c, d)); } catch (e) { return fail(e); }
    };
    case 5: return (a: any, b: any, c: any, d: any, e1: any) => {
      try { return toAbi(impl(s, a, b, c, d, e1)); } catch (e) { return fail(e); }
    };
    case 6: return (a: any, b: any, c: any, d: any, e1: any, f: any) => {
      try { return toAbi(impl(s, a, b, c, d, e1, f)); } catch (e) { return fail(e); }
    };
    case 7: return (a: any, b: any, c: any, d: any, e1: any, f: any, g: any) => {
      try { return toAbi(impl(s, a, b, c, d, e1, f, g)); } catch (e) { return fail(e); }
    };
    case 8: return (a: any, b: any, c: any, d: any, e1: any, f: any, g: any, h: any) => {
      try { return toAbi(impl(s, a, b, c, d, e1, f, g, h)); } catch (e) { return fail(e); }
    };
    case 9: return (a: any, b: any, c: any, d: any, e1: any, f: any, g: any, h: any, i: any) => {
      try { return toAbi(impl(s, a, b, c, d, e1, f, g, h, i)); } catch (e) { return fail(e); }
    };
    default: throw new Error(`wasi: no edge for ${name} with ${arity} parameters`);
  }
}

/** The wasi_snapshot_preview1 import object for the process `ctx` describes. */
export function createWasiImports(ctx: SyscallContext): Record<string, (...a: any[]) => number> {
  const s = new WasiState(ctx);
  const imports: Record<string, (...a: any[]) => number> = {};
  for (const name of WASI_FUNCTIONS) imports[name] = edge(name, WASI_CALLS[name], s);
  return imports;
}
