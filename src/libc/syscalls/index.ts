// Every system call l4wasm provides, from the family tables: the one list that the import
// objects, the server path, the tracer, the loader and the decoupled core are derived from.
import { L4POSIX, WASI, wasmSignature, type ImportModule, type SyscallSpec } from './spec.js';
import { fsCalls } from './fs.js';
import { timeCalls } from './time.js';
import { memCalls } from './mem.js';
import { signalFamily } from './signal.js';
import { procFamily } from './proc.js';
import { sysFamily } from './sys.js';
import { identityFamily } from './identity.js';
import { l4Family } from './l4.js';
import { procCalls as wasiProc } from '../wasi_proc.js';
import { sysCalls } from '../l4posix_sys.js';

export * from './spec.js';

/** Every call, WASI's in the order the families list them, then l4posix's. */
export const SYSCALLS: readonly SyscallSpec[] = [
  ...fsCalls, ...timeCalls, ...memCalls, ...signalFamily, ...procFamily, ...sysFamily, ...identityFamily, ...l4Family,
];

function byName(module: ImportModule): ReadonlyMap<string, SyscallSpec> {
  const m = new Map<string, SyscallSpec>();
  for (const s of SYSCALLS) {
    if (s.module !== module) continue;
    if (m.has(s.name)) throw new Error(`syscall table: ${module}.${s.name} is described twice`);
    m.set(s.name, s);
  }
  return m;
}

export const WASI_SPECS = byName(WASI);
export const L4POSIX_SPECS = byName(L4POSIX);

// The implementation modules that more than one family draws from: each of their calls must be
// described somewhere (a family table checks only the calls it is given).
for (const [module, impls] of [[WASI, wasiProc], [L4POSIX, sysCalls]] as const) {
  for (const name of Object.keys(impls)) {
    if (!(module === WASI ? WASI_SPECS : L4POSIX_SPECS).has(name)) throw new Error(`syscall table: ${module}.${name} is implemented but not described`);
  }
}

/** The description of import `module`.`name`, if l4wasm provides it. */
export function syscallSpec(module: string, name: string): SyscallSpec | undefined {
  return module === WASI ? WASI_SPECS.get(name) : module === L4POSIX ? L4POSIX_SPECS.get(name) : undefined;
}

/** The wasm signature l4wasm provides import `module`.`name` with (see wasmSignature), if it provides it. */
export function providedSignature(module: string, name: string): { params: number[]; result: number } | undefined {
  const spec = syscallSpec(module, name);
  return spec === undefined ? undefined : wasmSignature(spec);
}

/** The imports l4wasm provides, by module (the loader checks a program's imports against these). */
export const PROVIDED_IMPORTS: Readonly<Record<ImportModule, ReadonlySet<string>>> = {
  [WASI]: new Set(WASI_SPECS.keys()),
  [L4POSIX]: new Set(L4POSIX_SPECS.keys()),
};

/**
 * Whether a program may suspend in import `module`.`name` (asyncify instruments its callers):
 * every described call not marked `suspends: false`, and any import l4wasm does not describe
 * (the host provides it; it may do anything).
 */
export function isCallBoundary(module: string, name: string): boolean {
  return syscallSpec(module, name)?.suspends ?? true;
}
