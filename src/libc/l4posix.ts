// The l4posix import module: what programs compiled with l4wasm cc reach beyond WASI (through
// sysroot/src/*.c). One table per family (l4posix_*.ts); each call gets the process's context.
import type { SyscallContext, TimeBackend } from './context.js';
import type { AddressSpace } from './address_space.js';
import { identityCalls } from './l4posix_identity.js';
import { memCalls } from './l4posix_mem.js';
import { descriptorCalls } from './l4posix_fd.js';
import { sysCalls } from './l4posix_sys.js';
import { benchCalls } from './l4posix_bench.js';
import { signalCalls } from './l4posix_signal.js';
import { procCalls } from './l4posix_proc.js';
import { decoupleCalls } from './l4posix_decouple.js';
import { fileModeCalls } from './l4posix_fs.js';
import { guarded } from './posix_state.js';

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
  /** l4_decouple: move the program to a worker (SUSPEND while it moves; 0 when it runs there). */
  decouple?(): number;
  /** l4_recouple: move a decoupled program back onto the vCPU. */
  recouple?(): number;
}

type L4posixImpl = (ctx: L4posixContext, ...args: any[]) => number;

/** Every l4posix call, by name, from each family's table. */
const CALLS: Record<string, L4posixImpl> = {
  ...identityCalls,
  ...benchCalls,
  ...memCalls,
  ...descriptorCalls,
  ...fileModeCalls,
  ...sysCalls,
  ...signalCalls,
  ...guarded(procCalls),
  ...decoupleCalls,
};

/** Every l4posix function name (the loader checks programs' imports against this). */
export const L4POSIX_FUNCTIONS: readonly string[] = Object.keys(CALLS);

/**
 * Per call, a factory of the import that binds it to a process: a function of exactly the call's
 * own parameters (V8's wasm-to-JS call is cheapest when the arity matches and nothing is
 * allocated). Each call gets a factory of its own, compiled once: closures made from one function
 * literal share their type feedback, and a call site shared by every import would see them all
 * (polymorphic, never inlined), which costs more than the empty host call itself.
 */
const BINDERS = new Map<string, (impl: L4posixImpl, ctx: L4posixContext) => (...a: any[]) => number>();

function binder(name: string, arity: number): (impl: L4posixImpl, ctx: L4posixContext) => (...a: any[]) => number {
  let b = BINDERS.get(name);
  if (b === undefined) {
    const params = Array.from({ length: Math.max(0, arity - 1) }, (_, i) => `a${i}`).join(', ');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    b = new Function('impl', 'ctx', `return function l4posix_${name.replace(/\W/g, '_')}(${params}) { return impl(ctx${params ? ', ' + params : ''}); };`) as
      (impl: L4posixImpl, ctx: L4posixContext) => (...a: any[]) => number;
    BINDERS.set(name, b);
  }
  return b;
}

/** The l4posix imports of one process. */
export function createL4posixImports(ctx: L4posixContext): Record<string, (...a: any[]) => number> {
  const imports: Record<string, (...a: any[]) => number> = {};
  for (const [name, impl] of Object.entries(CALLS)) imports[name] = binder(name, impl.length)(impl, ctx);
  return imports;
}
