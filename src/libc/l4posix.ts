// The l4posix import module: what programs compiled with l4wasm cc reach beyond WASI (through
// sysroot/src/*.c). One table per family (l4posix_*.ts); each call gets the process's context.
import type { SyscallContext } from './context.js';
import { identityCalls } from './l4posix_identity.js';

/** The process identity the guest keeps for each process. */
export interface Identity {
  readonly pid: number;
  readonly ppid: number;
  readonly uid: number;
  readonly euid: number;
  readonly gid: number;
  readonly egid: number;
}

/** What l4posix calls see of their process: the WASI context plus what WASI lacks. */
export interface L4posixContext extends SyscallContext {
  readonly identity: Identity;
}

type L4posixImpl = (ctx: L4posixContext, ...args: any[]) => number;

/** Every l4posix call, by name, from each family's table. */
const CALLS: Record<string, L4posixImpl> = {
  ...identityCalls,
};

/** Every l4posix function name (the loader checks programs' imports against this). */
export const L4POSIX_FUNCTIONS: readonly string[] = Object.keys(CALLS);

/** The l4posix imports of one process. */
export function createL4posixImports(ctx: L4posixContext): Record<string, (...a: any[]) => number> {
  const imports: Record<string, (...a: any[]) => number> = {};
  for (const [name, impl] of Object.entries(CALLS)) imports[name] = (...a: any[]) => impl(ctx, ...a);
  return imports;
}
