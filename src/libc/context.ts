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

export interface SyscallContext {
  /** The program's memory; re-read its buffer after every call that may grow it. */
  readonly memory: WebAssembly.Memory;
  readonly args: readonly string[];
  readonly env: readonly string[];
  readonly vfs: Vfs;
  /** The process's descriptor table (shared with the l4posix imports; cloned on fork). */
  readonly fds: FdTable;
  readonly clock: TimeBackend;
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
  /** sched_yield: let others run (the wrapper may suspend). */

  yield(): number;
  /**
   * Optional: told about an exception a call raised that was not ProcessExit (a bug in a back end
   * or in the layer). The program sees EIO (EFAULT for a RangeError) either way.
   */
  onInternalError?(call: string, error: unknown): void;
}
