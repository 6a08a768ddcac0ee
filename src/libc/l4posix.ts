// The l4posix import module: what programs compiled with l4wasm cc reach beyond WASI (through
// sysroot/src/*.c). One table per family (l4posix_*.ts); each call gets the process's context.
import type { SyscallContext, TimeBackend } from './context.js';
import type { AddressSpace } from './address_space.js';
import type { ThreadBackend } from './l4posix_thread.js';
import type { SignalBackend } from './l4posix_signal.js';
import type { ProcBackend } from './l4posix_proc.js';
import type { L4Port } from './l4_port.js';
import { L4POSIX_SPECS } from './syscalls/index.js';
import { bindImports } from './syscall_edge.js';

/** The process identity the guest keeps for each process. */
export interface Identity {
  readonly pid: number;
  /** Changes when the parent ends (the orphan goes to init). */
  ppid: number;
  /** Process group and session (setpgid, setsid). */
  pgid: number;
  sid: number;
  readonly uid: number;
  readonly euid: number;
  readonly gid: number;
  readonly egid: number;
}

/** What l4posix calls see of their process: the WASI context plus what WASI lacks. */
export interface L4posixContext extends SyscallContext {
  readonly identity: Identity;
  /** The time backend with the machine's real-time offset, which clock_settime moves. */
  readonly clock: TimeBackend & { setRealtimeNs(ns: bigint): void };
  /** The region manager of the program's memory (mmap family); without it those calls are ENOSYS. */
  readonly addressSpace?: AddressSpace;
  /** The machine's host name (uname, gethostname); "l4wasm" when not given. */
  readonly hostname?: string;
  /** The kernel, for the number of CPUs (sysconf). */
  readonly kernel?: { readonly ncpus: number };
  /** Resource limits it starts with, by RLIMIT_* (the rest are Linux's defaults). */
  readonly initialLimits?: Readonly<Partial<Record<number, { cur: bigint; max: bigint }>>>;
  /** The root task, for the memory it can hand out (sysconf _SC_PHYS_PAGES, _SC_AVPHYS_PAGES). */
  readonly host?: { readonly rootTask: { readonly memoryLimit: number; readonly allocated: number } };
  /** The signal backend (sigaction, kill, timers, ...); without it those calls are ENOSYS. */
  readonly signals?: SignalBackend;
  /** The process backend (spawn, fork, exec, waitpid, groups); without it those calls are ENOSYS. */
  readonly procs?: ProcBackend;
  /** The program's L4 side (the l4 family: IPC, IRQs, dataspaces); without it those calls fail. */
  readonly l4?: L4Port;
  /** POSIX threads (the thread family); without it pthread_create fails with EAGAIN. */
  readonly threads?: ThreadBackend | undefined;
  /** l4_decouple: move the program to a worker (SUSPEND while it moves; 0 when it runs there). */
  decouple?(): number;
  /** l4_recouple: move a decoupled program back onto the vCPU. */
  recouple?(): number;
  /** chdir: the program's libc entered `path` (absolute, canonical): what /proc/PID/cwd shows. */
  workingDirectory?(path: string): void;
}

/** Every l4posix function name (the loader checks programs' imports against this). */
export const L4POSIX_FUNCTIONS: readonly string[] = [...L4POSIX_SPECS.keys()];

/** The l4posix imports of one process: each call bound to its context (syscall_edge.ts). */
export function createL4posixImports(ctx: L4posixContext): Record<string, (...a: any[]) => number> {
  return bindImports(L4POSIX_SPECS.values(), ctx, ctx);
}
