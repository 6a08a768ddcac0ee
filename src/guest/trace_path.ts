// Which path an import takes (answered in the caller's backend, sent to a server by IPC, forwarded
// from a decoupled core): a wrapper that reroutes a call marks its function, the tracer reads the mark.
export type SyscallPath = 'local' | 'server' | 'forwarded';

const paths = new WeakMap<Function, SyscallPath>();

/** Marks `fn` as an import that takes `path`; returns `fn`. */
export function markPath<F extends Function>(fn: F, path: SyscallPath): F {
  paths.set(fn, path);
  return fn;
}

/** The path an import takes: what its wrapper marked, else local. */
export function pathOf(fn: Function): SyscallPath {
  return paths.get(fn) ?? 'local';
}
