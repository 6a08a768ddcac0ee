// The process calls of one process (the backend of src/libc/l4posix_proc.ts): posix_spawn and exec
// of a program found in the VFS, fork, waitpid on the machine's process table, process groups and
// sessions.
import type { PendingLoad } from '../libc/restart.js';
import { ProcessExec, SUSPEND } from '../libc/context.js';
import { Errno } from '../errno.js';
import type { FdTable } from '../libc/fdtable.js';
import { SpawnActionKind, SpawnFlags, type ProcBackend, type SpawnRequest } from '../libc/l4posix_proc.js';
import { AccessMode, FileType, type Credentials, type OpenFile, type Vfs } from '../vfs/types.js';
import { modeAllows } from '../vfs/mount_tree.js';
import type { ProgramImage } from './program.js';
import type { ProcessTable, WaitidResult } from './process_table.js';
import { IdType } from '../libc/l4posix_waitid.js';
import { personalityOf, type Process } from './process.js';
import { Disposition } from './signal_state.js';
import { NSIG } from './signals.js';

/** A program image being prepared (read, asyncified): settles once. */
export interface PendingImage extends PendingLoad {
  readonly promise: Promise<unknown>;
  /** Set once settled. */
  image?: ProgramImage;
  /** Set once settled with a failure (not a WebAssembly command: ENOEXEC). */
  failed?: boolean;
}

/** What exec replaces the program with. */
export interface ExecProgram {
  image: ProgramImage;
  /** The guest path it was found at (/proc/PID/exe). */
  path: string;
  args: string[];
  env: string[];
}

/** A child to create: everything it inherits, already decided. */
export interface ChildSpec {
  image: ProgramImage;
  /** The guest path it was found at (/proc/PID/exe). */
  path: string;
  args: string[];
  env: string[];
  fds: FdTable;
  cwd: string;
  pgid: number | undefined;
  newSession: boolean;
  sigmask: [number, number];
  ignored: number[];
}

/** What the process calls need of the machine (machine.ts). */
export interface ControlHost {
  readonly table: ProcessTable<Process>;
  /** The image of a program's bytes (cached by content). */
  prepareImage(bytes: Uint8Array, name: string): PendingImage;
  /** Creates and starts the child (its pid from the table); returns its pid or -errno. */
  startChild(parent: Process, spec: ChildSpec): number;
  /** Creates and starts a copy of `parent`, which has unwound at fork; its pid or -errno. */
  forkChild(parent: Process): number;
}

const DEFAULT_PATH = '/bin:/usr/bin';
/** Programs larger than this are refused with ENOEXEC. */
const MAX_PROGRAM = 256 << 20;

/** Joins a relative guest path to a directory. */
function absolute(cwd: string, path: string): string {
  if (path.startsWith('/')) return path;
  return (cwd.endsWith('/') ? cwd : cwd + '/') + path;
}

/**
 * The bytes of the regular file at `path` that `who` may execute, or -errno: EACCES for a
 * directory or special file, and for a file without execute permission for `who` (as access(X_OK)
 * answers it: root needs one x bit; POSIX and Linux: EACCES).
 */
export function readProgram(vfs: Vfs, path: string, who: Credentials): Uint8Array | number {
  const st = vfs.stat(path);
  if (typeof st === 'number') return st;
  if (st.type !== FileType.RegularFile) return -Errno.EACCES;
  const x = vfs.access(path, AccessMode.X, true, who);
  if (x < 0) return x;
  if (st.size > MAX_PROGRAM) return -Errno.ENOEXEC;
  const f = vfs.open(path, { read: true, write: false });
  if (typeof f === 'number') return f;
  try {
    return readWhole(f, Number(st.size));
  } finally {
    f.close();
  }
}

/** The bytes of an open regular file `who` may execute (fexecve), read from its start without moving its offset. */
function readOpenProgram(f: OpenFile, who: Credentials): Uint8Array | number {
  const st = f.stat();
  if (typeof st === 'number') return st;
  if (st.type !== FileType.RegularFile) return -Errno.EACCES;
  if (!modeAllows(st.mode, st.type, AccessMode.X, who)) return -Errno.EACCES;
  if (st.size > MAX_PROGRAM) return -Errno.ENOEXEC;
  return readWhole(f, Number(st.size));
}

/** All of `f` from position 0 (pread), `size` its expected size; -ENOEXEC past MAX_PROGRAM. */
function readWhole(f: OpenFile, size: number): Uint8Array | number {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const b = new Uint8Array(Math.max(65536, size - total + 1));
    const n = f.pread(b, total);
    if (n < 0) return n;
    if (n === 0) break;
    chunks.push(b.subarray(0, n));
    total += n;
    if (total > MAX_PROGRAM) return -Errno.ENOEXEC;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** A program found: its guest path, its bytes, and the name the caller gave it (as execve was given it). */
export interface FoundProgram {
  path: string;
  bytes: Uint8Array;
  name: string;
  /** The argument vector to run it with, when it differs from the caller's (an interpreter's). */
  argv?: string[];
}

/**
 * The program posix_spawn (search undefined) or posix_spawnp runs: its path and bytes, or -errno.
 * spawnp tries each PATH directory in turn, as execvp does: ENOENT moves on, EACCES is remembered.
 */
export function findProgram(vfs: Vfs, cwd: string, path: string, search: string | undefined, who: Credentials): FoundProgram | number {
  if (path === '') return -Errno.ENOENT;
  if (search === undefined || path.includes('/')) {
    const p = absolute(cwd, path);
    const bytes = readProgram(vfs, p, who);
    return typeof bytes === 'number' ? bytes : { path: p, bytes, name: path };
  }
  let err = -Errno.ENOENT;
  for (const dir of (search === '' ? DEFAULT_PATH : search).split(':')) {
    const name = `${dir === '' ? '.' : dir}/${path}`;
    const p = absolute(cwd, name);
    const bytes = readProgram(vfs, p, who);
    if (typeof bytes !== 'number') return { path: p, bytes, name };
    if (bytes === -Errno.EACCES) err = bytes;
    else if (bytes !== -Errno.ENOENT && bytes !== -Errno.ENOTDIR) return bytes;
  }
  return err;
}

/** Linux's limit of the "#!" line (BINPRM_BUF_SIZE) and of interpreters that are scripts themselves. */
const INTERPRETER_LINE = 256;
const INTERPRETER_DEPTH = 4;
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

function isSpaceOrTab(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * A script's interpreter, as Linux's binfmt_script reads the "#!" line: the interpreter's path up
 * to the first blank, and at most one argument (the rest of the line, blanks trimmed at both
 * ends). undefined when the file does not start with "#!"; -ENOEXEC for a line with no
 * interpreter, or one cut off by the 256-byte limit inside the interpreter's name.
 */
function interpreterLine(bytes: Uint8Array): { interpreter: string; arg?: string } | number | undefined {
  if (bytes[0] !== 0x23 || bytes[1] !== 0x21) return undefined;
  const head = bytes.subarray(0, INTERPRETER_LINE);
  let end = head.indexOf(0x0a);
  const truncated = end < 0;
  if (truncated) end = head.length;
  let line = head.subarray(2, end);
  const nul = line.indexOf(0);
  if (nul >= 0) line = line.subarray(0, nul);
  let i = 0;
  while (isSpaceOrTab(line[i])) i++;
  let j = i;
  while (j < line.length && !isSpaceOrTab(line[j])) j++;
  if (j === i) return -Errno.ENOEXEC;
  if (truncated && j === line.length) return -Errno.ENOEXEC;
  const interpreter = Buffer.from(line.subarray(i, j)).toString('latin1');
  let a = j;
  while (isSpaceOrTab(line[a])) a++;
  let b = line.length;
  while (b > a && isSpaceOrTab(line[b - 1])) b--;
  return a < b ? { interpreter, arg: Buffer.from(line.subarray(a, b)).toString('latin1') } : { interpreter };
}

/**
 * The program that really runs `found` with `argv`: `found` itself, or for a script ("#!") its
 * interpreter with the interpreter's argument and the script's name before argv[1..] (Linux's
 * binfmt_script; an interpreter may itself be a script, a few levels deep: ELOOP past them). With
 * `shellFallback` (execvp, execlp, execvpe), a file that is neither WebAssembly nor a script runs
 * under /bin/sh, as glibc's execvp does for a file execve refused with ENOEXEC.
 */
export function resolveInterpreter(vfs: Vfs, cwd: string, found: FoundProgram, argv: string[], who: Credentials, shellFallback: boolean): FoundProgram | number {
  let cur = found;
  let args = argv;
  for (let depth = 0; ; depth++) {
    const line = interpreterLine(cur.bytes);
    if (typeof line === 'number') return line;
    if (line === undefined) {
      const wasm = WASM_MAGIC.every((b, k) => cur.bytes[k] === b);
      if (wasm || !shellFallback || depth > 0) return args === argv ? cur : { ...cur, argv: args };
      const bytes = readProgram(vfs, '/bin/sh', who);
      if (typeof bytes === 'number') return -Errno.ENOEXEC;
      return { path: '/bin/sh', bytes, name: '/bin/sh', argv: ['/bin/sh', cur.name, ...args.slice(1)] };
    }
    if (depth >= INTERPRETER_DEPTH) return -Errno.ELOOP;
    const p = absolute(cwd, line.interpreter);
    const bytes = readProgram(vfs, p, who);
    if (typeof bytes === 'number') return bytes;
    args = [line.interpreter, ...(line.arg === undefined ? [] : [line.arg]), cur.name, ...args.slice(1)];
    cur = { path: p, bytes, name: line.interpreter };
  }
}

/** The variable that carries the working directory to a new program linked with libl4posix. */
const CWD_VARIABLE = 'L4WASM_CWD';

/**
 * The environment a new program starts with: wasi-libc keeps the working directory in the program,
 * so a program linked with libl4posix is given it in L4WASM_CWD, which its cwd.c enters and then
 * removes before main. Its environ is then exactly the envp it was given, as on Linux (PWD was set
 * here before, so a child exec'd with an explicit envp saw a PWD it was not given). Another
 * program gets the envp alone (it has no working directory of its own to enter).
 */
function startEnv(image: ProgramImage, env: string[], cwd: string): string[] {
  if (personalityOf(image.module) !== 'posix') return env;
  return [...env.filter((e) => !e.startsWith(`${CWD_VARIABLE}=`)), `${CWD_VARIABLE}=${cwd}`];
}

function sigBit(sig: number, lo: number, hi: number): boolean {
  return ((sig <= 32 ? lo : hi) & (1 << ((sig - 1) & 31))) !== 0;
}

export class ProcessControl implements ProcBackend {
  constructor(private readonly self: Process, private readonly host: ControlHost) {}

  spawn(req: SpawnRequest): number {
    if (this.self.restart?.kind !== 'load' && this.host.table.usedCount >= this.host.table.limit) return -Errno.EAGAIN;
    const image = this.image(req);
    return typeof image === 'number' ? image : this.startChild(image.image, image.path, { ...req, argv: image.argv });
  }

  fork(): number {
    const o = this.self;
    if (o.restart?.kind === 'fork-result') return o.restart.pid;
    if (!o.canFork) return -Errno.ENOSYS;
    if (this.host.table.usedCount >= this.host.table.limit) return -Errno.EAGAIN;
    return o.unwindForFork();
  }

  exec(req: SpawnRequest): number {
    const found = this.image(req, undefined, req.search !== undefined);
    if (typeof found === 'number') return found;
    const { image, path, argv } = found;
    throw new ProcessExec({ image, path, args: argv, env: startEnv(image, req.envp, req.cwd) } satisfies ExecProgram);
  }

  fexec(fd: number, req: SpawnRequest): number {
    const found = this.image(req, fd);
    if (typeof found === 'number') return found;
    const { image, path, argv } = found;
    throw new ProcessExec({ image, path, args: argv, env: startEnv(image, req.envp, req.cwd) } satisfies ExecProgram);
  }

  /**
   * The program of a spawn or exec (of the file open as `fd`, for fexecve): its image, path and
   * argument vector (a script's interpreter takes the script's place), -errno, or SUSPEND while it
   * is prepared. `shellFallback`: execvp's /bin/sh for a file that is not a program.
   */
  private image(req: SpawnRequest, fd?: number, shellFallback = false): { image: ProgramImage; path: string; argv: string[] } | number {
    const o = this.self;
    let pending: PendingImage;
    let path: string;
    let argv: string[];
    if (o.restart?.kind === 'load') {
      pending = o.restart.pending;
      path = o.restart.path;
      argv = o.restart.argv ?? req.argv;
    } else {
      // Execute permission is the effective ids' (Linux: the file system ids, which follow them).
      const who = { uid: o.identity.euid, gid: o.identity.egid };
      const given = fd === undefined ? findProgram(o.vfs, req.cwd, req.path, req.search, who) : this.openProgram(fd, who);
      if (typeof given === 'number') return given;
      const found = resolveInterpreter(o.vfs, req.cwd, given, req.argv, who, shellFallback);
      if (typeof found === 'number') return found;
      pending = this.host.prepareImage(found.bytes, found.path);
      path = found.path;
      argv = found.argv ?? req.argv;
    }
    if (pending.failed) return -Errno.ENOEXEC;
    if (pending.image !== undefined) return { image: pending.image, path, argv };
    o.restart = { kind: 'load', pending, path, argv };
    const source = {
      subscribe(wake: () => void) {
        let live = true;
        void pending.promise.finally(() => { if (live) wake(); });
        return () => { live = false; };
      },
    };
    return o.wait({ sources: [source] });
  }

  /** The program open as descriptor `fd`: its bytes and the path it was opened by (else /dev/fd/N, as Linux names it). */
  private openProgram(fd: number, who: Credentials): FoundProgram | number {
    const e = this.self.fds.getFile(fd, 0);
    if (typeof e === 'number') return e;
    const bytes = readOpenProgram(e.desc.file, who);
    // A script run by fexecve is named /dev/fd/N to its interpreter, as on Linux.
    return typeof bytes === 'number' ? bytes : { path: e.desc.path ?? `/dev/fd/${fd}`, bytes, name: `/dev/fd/${fd}` };
  }

  private startChild(image: ProgramImage, path: string, req: SpawnRequest): number {
    const o = this.self;
    // The child's descriptors: all of the parent's, then the file actions in order, then close-on-exec.
    const fds = o.fds.clone();
    for (const a of req.actions) {
      let r = 0;
      if (a.kind === SpawnActionKind.Close) {
        fds.close(a.fd); // closing a descriptor that is not open is not an error (as glibc)
      } else if (a.kind === SpawnActionKind.Dup2) {
        if (a.fd === a.newfd) {
          const e = fds.get(a.fd);
          if (e === undefined) r = -Errno.EBADF; else e.cloexec = false;
        } else {
          r = fds.dup2(a.fd, a.newfd);
        }
      } else {
        r = -Errno.EINVAL;
      }
      if (r < 0) {
        fds.closeAll();
        return r;
      }
    }
    fds.closeOnExec();
    // A plain wasip1 program finds its preopens only from 3 upwards (FdTable.lowerPreopens).
    if (personalityOf(image.module) === 'wasi') fds.lowerPreopens();

    const st = o.signals.state;
    const sigmask: [number, number] = (req.flags & SpawnFlags.SETSIGMASK) !== 0 ? req.sigmask : [st.blockedLo, st.blockedHi];
    const ignored: number[] = [];
    for (let sig = 1; sig < NSIG; sig++) {
      if (st.action(sig).kind !== Disposition.Ignore) continue;
      if ((req.flags & SpawnFlags.SETSIGDEF) !== 0 && sigBit(sig, req.sigdefault[0], req.sigdefault[1])) continue;
      ignored.push(sig);
    }
    let pgid: number | undefined;
    if ((req.flags & SpawnFlags.SETPGROUP) !== 0) {
      if (req.pgroup < 0) { fds.closeAll(); return -Errno.EINVAL; }
      if (req.pgroup !== 0 && this.host.table.group(req.pgroup).every((p) => p.identity.sid !== o.identity.sid)) {
        fds.closeAll();
        return -Errno.EPERM;
      }
      pgid = req.pgroup;
    }
    const pid = this.host.startChild(o, {
      image, path, args: req.argv, env: startEnv(image, req.envp, req.cwd), fds, cwd: req.cwd, pgid,
      newSession: (req.flags & SpawnFlags.SETSID) !== 0, sigmask, ignored,
    });
    if (pid < 0) fds.closeAll();
    return pid;
  }

  waitpid(pid: number, options: number): { pid: number; status: number } | number {
    const o = this.self;
    const table = this.host.table;
    const r = table.wait(o, pid, options);
    if (r !== undefined) return r;
    return o.wait({ sources: [{ subscribe: (wake) => table.subscribeChildren(o, wake) }] }) === SUSPEND ? SUSPEND : -Errno.EINTR;
  }

  childUsage(which: number): { pid: number; cpuNs: number; maxrssKiB: number } {
    const o = this.self;
    if (which === 0) {
      const r = o.lastReaped;
      return r === undefined ? { pid: 0, cpuNs: 0, maxrssKiB: 0 } : { pid: r.pid, ...r.usage };
    }
    return { pid: 0, cpuNs: o.childUsage?.cpuNs ?? 0, maxrssKiB: o.childUsage?.maxrssKiB ?? 0 };
  }

  waitid(idtype: number, id: number, options: number): WaitidResult | number {
    const o = this.self;
    const table = this.host.table;
    // P_ALL, P_PID, P_PGID (0: the caller's group, as Linux since 5.4).
    const match = idtype === IdType.All ? () => true
      : idtype === IdType.Pid ? (c: { pid: number }) => c.pid === id
      : (c: { identity: { pgid: number } }) => c.identity.pgid === (id === 0 ? o.identity.pgid : id);
    const r = table.waitid(o, match, options);
    if (r !== undefined) return r;
    return o.wait({ sources: [{ subscribe: (wake) => table.subscribeChildren(o, wake) }] }) === SUSPEND ? SUSPEND : -Errno.EINTR;
  }

  setpgid(pid: number, pgid: number): number {
    return this.host.table.setpgid(this.self, pid, pgid);
  }

  getpgid(pid: number): number {
    const p = this.host.table.lookup(this.self, pid);
    return p === undefined ? -Errno.ESRCH : p.identity.pgid;
  }

  setsid(): number {
    return this.host.table.setsid(this.self);
  }

  getsid(pid: number): number {
    const p = this.host.table.lookup(this.self, pid);
    return p === undefined ? -Errno.ESRCH : p.identity.sid;
  }
}
