export type SyscallPath = 'local' | 'server' | 'forwarded';
/** Marks `fn` as an import that takes `path`; returns `fn`. */
export declare function markPath<F extends Function>(fn: F, path: SyscallPath): F;
/** The path an import takes: what its wrapper marked, else local. */
export declare function pathOf(fn: Function): SyscallPath;
