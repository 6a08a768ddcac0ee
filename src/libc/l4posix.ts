// The l4posix import module: what programs compiled with l4wasm cc reach beyond WASI
// (through sysroot/src/*.c). This part answers process identity from the process manager.

/** The process identity the guest keeps for each process. */
export interface Identity {
  readonly pid: number;
  readonly ppid: number;
  readonly uid: number;
  readonly euid: number;
  readonly gid: number;
  readonly egid: number;
}

/** Every l4posix function, by name (the loader checks programs' imports against this). */
export const L4POSIX_FUNCTIONS = ['getpid', 'getppid', 'getuid', 'getgid'] as const;

export function createL4posixImports(identity: () => Identity): Record<string, (...a: number[]) => number> {
  return {
    getpid: () => identity().pid,
    getppid: () => identity().ppid,
    getuid: (effective: number) => (effective ? identity().euid : identity().uid),
    getgid: (effective: number) => (effective ? identity().egid : identity().gid),
  };
}
