// What a backend call sees of the process it serves. The syscall layer (wasi.ts and friends) is
// written against this interface; src/guest/ implements it for real processes, tests may fake it.
import type { OpenFile, Vfs } from '../vfs/types.js';
import type { FdTable } from './fdtable.js';
import type { Restart } from './restart.js';

/**
 * Returned by a call that has to wait. The import wrapper suspends the program (asyncify unwind),
 * and once the kernel makes the thread ready again it re-executes the same call from the start:
 * calls must therefore check whether they can complete before they change any state.
 */
export const SUSPEND = -0x5eed;

/** What a suspended call waits for: the first of these to happen makes the thread ready. */
export interface WaitSpec {
  /** Files whose readiness is awaited (for read or write). */
  files?: { file: OpenFile; events: 'read' | 'write' }[];
  /** Other events (a child ended, a program finished loading): each wakes the waiter once. */
  sources?: { subscribe(wake: () => void): () => void }[];
  /** Absolute deadline on the monotonic clock (ns). */
  deadlineNs?: bigint;
}

/** The time backend: the kernel's KIP clock plus the offset that clock_settime moves. */
export interface TimeBackend {
  monotonicNs(): bigint;
  realtimeNs(): bigint;
  /** CPU time of the process and of its thread (ns). */
  processCpuNs(): bigint;
  threadCpuNs(): bigint;
  /** Stores clock `id`'s value as the ABI's u64 at `ptr` (checked); false for an unknown clock. */
  store(id: number, view: DataView, ptr: number): boolean;
}

/** Thrown (and only thrown) to end the program: proc_exit or a fatal signal. */
export class ProcessExit extends Error {
  constructor(readonly code: number, readonly signal?: number) {
    super(signal === undefined ? `exit ${code}` : `signal ${signal}`);
  }
}

/**
 * Thrown (and only thrown) by exec once the new program is ready: the process drops the old
 * program's stack and instance and starts `program` in its place.
 */
export class ProcessExec extends Error {
  constructor(readonly program: unknown) {
    super('exec');
  }
}

/** A process's file-creation state: umask(2), and the mode its next create asks for (l4posix create_mode). */
export interface FileCreation {
  /** Bits cleared from every mode a create asks for (default 022; inherited by fork, spawn and exec). */
  umask: number;
  /** The mode argument of the open/mkdir under way, consumed by the next path_open or path_create_directory. */
  nextMode: number | undefined;
}

/** The umask a process starts with when nothing is inherited. */
export const DEFAULT_UMASK = 0o022;

const fallbackCreation = new WeakMap<object, FileCreation>();

/** The file-creation state of `ctx` (contexts without their own get one kept here). */
export function fileCreation(ctx: SyscallContext): FileCreation {
  if (ctx.files !== undefined) return ctx.files;
  let f = fallbackCreation.get(ctx);
  if (f === undefined) fallbackCreation.set(ctx, (f = { umask: DEFAULT_UMASK, nextMode: undefined }));
  return f;
}

/**
 * The mode a create by `ctx` gets: the mode its program asked for (else `dflt`, what WASI's
 * calls imply: 0666 for files, 0777 for directories) with the umask cleared. Consumes the asked mode.
 */
export function createMode(ctx: SyscallContext, dflt: number): number {
  const f = fileCreation(ctx);
  const m = f.nextMode ?? dflt;
  f.nextMode = undefined;
  return m & ~f.umask & 0o7777;
}

export interface SyscallContext {
  /** The program's memory; re-read its buffer after every call that may grow it. */
  readonly memory: WebAssembly.Memory;
  readonly args: readonly string[];
  readonly env: readonly string[];
  readonly vfs: Vfs;
  /** The process's descriptor table (shared with the l4posix imports; cloned on fork). */
  readonly fds: FdTable;
  readonly clock: TimeBackend;
  /**
   * Whose path rules the WASI path calls follow: 'posix' (default; a program linked with
   * libl4posix) resolves paths in the one guest tree as openat() does, 'wasi' (a plain wasip1
   * program) keeps them beneath the directory descriptor (see tests/programs/DIFFERENCES.md).
   */
  readonly personality?: 'posix' | 'wasi';
  /** umask and the pending create mode; absent: umask 022 kept per context (see fileCreation). */
  readonly files?: FileCreation;
  /** What a suspended call keeps across its re-executions (restart.ts); undefined between calls. */
  restart: Restart | undefined;
  /** Ask to be suspended until `spec` is met; the call returns what this returns (SUSPEND). */
  wait(spec: WaitSpec): number;
  /** Fill `buf` with cryptographically strong random bytes. */
  random(buf: Uint8Array): void;
  /** proc_raise: deliver a signal to the calling process; returns 0 or -errno. */
  raise(signal: number): number;
  /** Optional: a write found a pipe without readers (the process gets SIGPIPE). */
  brokenPipe?(): void;
  /** Optional: the soft RLIMIT_FSIZE in bytes (Infinity: none; absent: no limit is kept). */
  fileSizeLimit?(): number;
  /** Optional: a write or truncate would take a file past RLIMIT_FSIZE (the process gets SIGXFSZ). */
  fileTooLarge?(): void;
  /** sched_yield: let others run (the wrapper may suspend). */

  yield(): number;
  /**
   * Optional: the calling thread has a cancel pending and enabled (pthread_cancel, deferred): a
   * cancellation point that need not wait returns EINTR without acting, and the thread ends as
   * the call returns.
   */
  cancelDue?(): boolean;
  /**
   * Optional: the program wrote into its null page since its last call (a program built by
   * l4wasm cc, abi.ts NULL_GUARD): SIGSEGV is raised (or the process ends of it) and the call
   * does not act: 0 when nothing was written, else what the call returns instead (SUSPEND: it
   * runs after the handler; `suspends`: the call may). Wasm has no unmapped page at 0, so the
   * write is found at the next call.
   */
  nullPageWritten?(suspends: boolean): number;
  /**
   * Optional: told about an exception a call raised that was not ProcessExit (a bug in a back end
   * or in the layer). The program sees EIO (EFAULT for a RangeError) either way.
   */
  onInternalError?(call: string, error: unknown): void;
}
