// l4posix, process family (sysroot/src/spawn.c, exec.c, fork.c, wait.c, proc.c): posix_spawn, the
// exec family, fork, waitpid, process groups and sessions. Each call unmarshals, asks the process's
// backend (src/guest/process_control.ts) and marshals; failures are -errno.
import { Errno } from '../errno.js';
import type { GuestMemory } from './abi.js';
import type { L4posixContext } from './l4posix.js';

/** One file action of posix_spawn, as the C side passes it: three words. */
export interface SpawnAction {
  /** 1 close(fd), 2 dup2(fd, newfd) (opens are done by the parent and become dup2s). */
  kind: number;
  fd: number;
  newfd: number;
}
export const enum SpawnActionKind { Close = 1, Dup2 = 2 }

/** posix_spawnattr flags (musl's values). */
export const enum SpawnFlags { RESETIDS = 1, SETPGROUP = 2, SETSIGDEF = 4, SETSIGMASK = 8, SETSID = 0x80 }

export interface SpawnRequest {
  path: string;
  /** PATH to search when `path` has no slash (posix_spawnp); undefined for posix_spawn. */
  search?: string;
  argv: string[];
  envp: string[];
  actions: SpawnAction[];
  flags: number;
  pgroup: number;
  sigmask: [number, number];
  sigdefault: [number, number];
  /** The parent's working directory (wasi-libc keeps it in the program). */
  cwd: string;
}

/** What a process offers the process calls. */
export interface ProcBackend {
  /** The new child's pid, -errno, or SUSPEND (the program is being loaded). */
  spawn(req: SpawnRequest): number;
  /** fork: the child's pid, 0 in the child, -errno, or SUSPEND (the caller unwinds to be copied). */
  fork(): number;
  /** execve: throws ProcessExec once the program is ready; else -errno or SUSPEND. */
  exec(req: SpawnRequest): number;
  /** fexecve: exec of the program open as descriptor `fd` (the request's path is unused). */
  fexec(fd: number, req: SpawnRequest): number;
  /** waitpid: { pid, status }, 0 (WNOHANG, none yet), -errno, or SUSPEND. */
  waitpid(pid: number, options: number): { pid: number; status: number } | number;
  /**
   * What reaped children used: the last one reaped (which 0: its pid, 0 for none) or all of them
   * with theirs (1: pid 0). CPU time in ns, peak memory in KiB.
   */
  childUsage(which: number): { pid: number; cpuNs: number; maxrssKiB: number };
  /** waitid on the children that idtype/id name: { pid, uid, code, status }, 0 (WNOHANG), -errno, or SUSPEND. */
  waitid(idtype: number, id: number, options: number): { pid: number; uid: number; code: number; status: number } | number;
  setpgid(pid: number, pgid: number): number;
  getpgid(pid: number): number;
  setsid(): number;
  getsid(pid: number): number;
}

function backend(c: L4posixContext): ProcBackend | undefined {
  return c.procs;
}

/*
 * struct __l4posix_spawn_req (sysroot/src/spawn.c), 52 bytes:
 *   0 path, 4 search, 8 argv, 12 envp, 16 actions (3 ints each), 20 nactions, 24 flags,
 *   28 pgroup, 32 sigmask[2], 40 sigdefault[2], 48 cwd
 */
const REQ_SIZE = 52;
const MAX_ACTIONS = 4096;
/** Linux's MAX_ARG_STRLEN: the longest argument or environment string, its NUL included. */
const MAX_ARG_STRLEN = 32 * 4096;
/**
 * ARG_MAX as Linux has it with the default 8 MiB stack (a quarter of it): the bytes of argv's and
 * envp's strings, NULs and pointers included. Counted before any string is made, so that
 * arguments aliasing one long string cannot make the host build gigabytes of them.
 */
const ARG_MAX = 2 * 1024 * 1024;
const POINTER_BYTES = 8;

/**
 * The length of the NUL-terminated string at `ptr` (without the NUL), at most `max`: -EFAULT
 * when it runs out of memory first, -E2BIG when it is longer.
 */
function cLength(m: GuestMemory, ptr: number, max: number): number {
  if (ptr === 0 || !m.ok(ptr, 1)) return -Errno.EFAULT;
  const u8 = m.u8;
  const end = Math.min(u8.length, ptr + max + 1);
  const nul = u8.subarray(ptr, end).indexOf(0);
  if (nul >= 0) return nul;
  return end === u8.length ? -Errno.EFAULT : -Errno.E2BIG;
}

function decode(m: GuestMemory, ptr: number, len: number): string {
  return Buffer.from(m.u8.buffer, m.u8.byteOffset + ptr, len).toString('utf8');
}

/** The longest path, search path or directory read (the path calls say ENAMETOOLONG, not this). */
const MAX_STRING = 1 << 20;

/** A NUL-terminated string at `ptr`; undefined when it runs out of memory or is too long. */
function cString(m: GuestMemory, ptr: number): string | undefined {
  const n = cLength(m, ptr, MAX_STRING);
  return n < 0 ? undefined : decode(m, ptr, n);
}

/**
 * A NULL-terminated array of strings (argv, envp), counted against `budget.left` (ARG_MAX in
 * all): -E2BIG past a string's or the total's limit, -EFAULT for a pointer out of memory.
 */
function cStrings(m: GuestMemory, ptr: number, budget: { left: number }): string[] | number {
  const out: string[] = [];
  for (let i = 0; ; i++) {
    if (!m.ok(ptr + i * 4, 4)) return -Errno.EFAULT;
    const p = m.view.getUint32(ptr + i * 4, true);
    if (p === 0) return out;
    const n = cLength(m, p, MAX_ARG_STRLEN - 1);
    if (n < 0) return n;
    budget.left -= n + 1 + POINTER_BYTES;
    if (budget.left < 0) return -Errno.E2BIG;
    out.push(decode(m, p, n));
  }
}

/** Reads the request; -EFAULT / -EINVAL when it is malformed. */
function readRequest(m: GuestMemory, ptr: number): SpawnRequest | number {
  if (!m.ok(ptr, REQ_SIZE)) return -Errno.EFAULT;
  const v = m.view;
  const w = (o: number) => v.getUint32(ptr + o, true);
  const path = cString(m, w(0));
  if (path === undefined) return -Errno.EFAULT;
  const search = w(4) === 0 ? undefined : cString(m, w(4));
  if (w(4) !== 0 && search === undefined) return -Errno.EFAULT;
  const budget = { left: ARG_MAX };
  const argv = w(8) === 0 ? [] : cStrings(m, w(8), budget);
  if (typeof argv === 'number') return argv;
  const envp = w(12) === 0 ? [] : cStrings(m, w(12), budget);
  if (typeof envp === 'number') return envp;
  const n = w(20);
  if (n > MAX_ACTIONS) return -Errno.EINVAL;
  if (n > 0 && !m.ok(w(16), n * 12)) return -Errno.EFAULT;
  const actions: SpawnAction[] = [];
  for (let i = 0; i < n; i++) {
    const a = w(16) + i * 12;
    actions.push({ kind: v.getInt32(a, true), fd: v.getInt32(a + 4, true), newfd: v.getInt32(a + 8, true) });
  }
  const cwd = w(48) === 0 ? '/' : cString(m, w(48));
  if (cwd === undefined) return -Errno.EFAULT;
  return {
    path, search, argv, envp, actions, flags: w(24), pgroup: v.getInt32(ptr + 28, true),
    sigmask: [v.getInt32(ptr + 32, true), v.getInt32(ptr + 36, true)],
    sigdefault: [v.getInt32(ptr + 40, true), v.getInt32(ptr + 44, true)], cwd,
  };
}

function mem(c: L4posixContext): GuestMemory {
  return (c as L4posixContext & { signals?: { mem(): GuestMemory } }).signals!.mem();
}

export const procCalls = {
  /** posix_spawn(req, pidp): 0 and the child's pid in *pidp, or -errno. */
  spawn(c: L4posixContext, reqPtr: number, pidPtr: number): number {
    const b = backend(c);
    if (b === undefined) return -Errno.ENOSYS;
    reqPtr >>>= 0; pidPtr >>>= 0;
    const m = mem(c);
    if (pidPtr !== 0 && !m.ok(pidPtr, 4)) return -Errno.EFAULT;
    const req = readRequest(m, reqPtr);
    if (typeof req === 'number') return req;
    const pid = b.spawn(req);
    if (pid < 0) return pid;
    if (pidPtr !== 0) mem(c).view.setInt32(pidPtr, pid, true);
    return 0;
  },

  /** fork() and vfork(), which is fork here. */
  fork(c: L4posixContext): number {
    const b = backend(c);
    return b === undefined ? -Errno.ENOSYS : b.fork();
  },

  /** execve(req): does not return when it succeeds. */
  exec(c: L4posixContext, reqPtr: number): number {
    const b = backend(c);
    if (b === undefined) return -Errno.ENOSYS;
    const req = readRequest(mem(c), reqPtr >>> 0);
    if (typeof req === 'number') return req;
    return b.exec(req);
  },

  /** fexecve(fd, req): exec of the file open as `fd`; does not return when it succeeds. */
  fexec(c: L4posixContext, fd: number, reqPtr: number): number {
    const b = backend(c);
    if (b === undefined) return -Errno.ENOSYS;
    const req = readRequest(mem(c), reqPtr >>> 0);
    if (typeof req === 'number') return req;
    return b.fexec(fd, req);
  },

  /** waitpid(pid, status, options): the child's pid (status at `statusPtr`), 0, or -errno. */
  waitpid(c: L4posixContext, pid: number, statusPtr: number, options: number): number {
    const b = backend(c);
    if (b === undefined) return -Errno.ENOSYS;
    statusPtr >>>= 0;
    if (statusPtr !== 0 && !mem(c).ok(statusPtr, 4)) return -Errno.EFAULT;
    if ((options & ~(1 | 2 | 8)) !== 0) return -Errno.EINVAL;
    const r = b.waitpid(pid | 0, options);
    if (typeof r === 'number') return r;
    if (statusPtr !== 0) mem(c).view.setInt32(statusPtr, r.status, true);
    return r.pid;
  },

  /**
   * child_usage(which, buf): three i64 words at buf, the pid (0: all children, or none reaped), the
   * CPU time in ns and the peak memory in KiB, of the last child reaped (which 0) or of all reaped
   * children and theirs (1). wait4's rusage and getrusage(RUSAGE_CHILDREN). -EFAULT, -EINVAL.
   */
  child_usage(c: L4posixContext, which: number, buf: number): number {
    const b = backend(c);
    if (b === undefined) return -Errno.ENOSYS;
    if (which !== 0 && which !== 1) return -Errno.EINVAL;
    buf >>>= 0;
    const m = mem(c);
    if (!m.ok(buf, 24)) return -Errno.EFAULT;
    const u = b.childUsage(which);
    [u.pid, u.cpuNs, u.maxrssKiB].forEach((v, i) => m.view.setBigInt64(buf + i * 8, BigInt(Math.floor(v)), true));
    return 0;
  },

  setpgid(c: L4posixContext, pid: number, pgid: number): number {
    const b = backend(c);
    return b === undefined ? -Errno.ENOSYS : b.setpgid(pid | 0, pgid | 0);
  },
  getpgid(c: L4posixContext, pid: number): number {
    const b = backend(c);
    return b === undefined ? -Errno.ENOSYS : b.getpgid(pid | 0);
  },
  setsid(c: L4posixContext): number {
    const b = backend(c);
    return b === undefined ? -Errno.ENOSYS : b.setsid();
  },
  getsid(c: L4posixContext, pid: number): number {
    const b = backend(c);
    return b === undefined ? -Errno.ENOSYS : b.getsid(pid | 0);
  },
};
