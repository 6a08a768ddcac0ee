// A guest process: one kernel task with one thread, running a program on the vCPU. It is the
// program's syscall context (what the backends see) and the thread's host thread (what the CPU
// loop runs). Blocking calls wait in the kernel: an IPC receive on the thread's IRQ, with the
// call's timeout; files that may become ready trigger that IRQ. Signals (src/guest/signal_*.ts)
// are delivered at the program's calls into the host and interrupt its blocking calls; its traps
// are reflected to the process's exception handler thread.
import { KErr, Rights, Timeout, type Cap, type KRef, type TaskId, type ThreadId, type IrqId } from '../kernel/kernel.js';
import type { Usage } from './process_table.js';
import type { Cpu, HostThread } from '../kernel/cpu.js';
import type { Kernel } from '../kernel/kernel.js';
import { DEFAULT_UMASK, ProcessExit, SUSPEND, type FileCreation, type SyscallContext, type WaitSpec } from '../libc/context.js';
import { Errno, errnoName } from '../errno.js';
import { FdTable, rightsFor, type Preopen } from '../libc/fdtable.js';
import { createL4posixImports, type Identity } from '../libc/l4posix.js';
import { AddressSpace, SPACE_END } from '../libc/address_space.js';
import { FILE_DATA_CALLS, syncAtCalls } from '../libc/shared_mappings.js';
import { RLIM_INFINITY, RLIMIT_COUNT, Rlimit } from '../libc/posix_abi.js';
import { sysvProcessEnded } from '../libc/l4posix_sysv.js';
import { existingPosixState, type Limit } from '../libc/posix_state.js';
import { FAULT_IMPORT, PREEMPT_IMPORT, RESERVED_PAGES } from './asyncify.js';
import { DecoupledProgram, type DecoupledHost, type LockLending, type OpenLending } from './decoupled.js';
import type { HostFileBudget } from '../vfs/host_files.js';
import { lockableFile } from '../libc/l4posix_lock.js';
import { lockKey, recordLocksOf } from '../vfs/record_locks.js';
import { LentAccess, OFFSET_ACCESS } from './decouple_channel.js';
import { FdFlags, GuestMemory, NULL_GUARD, NULL_WATCH, Rights as FdRights, USER_END_EXPORT, abiFileType } from '../libc/abi.js';
import { StringList } from '../libc/wasi_state.js';
import { lendableHostFile, type LentHostFile } from '../vfs/hostfs.js';
import { ABSOLUTE, lendableDir } from './dir_lending.js';
import { KipTime, type RealtimeOffset } from '../libc/time.js';
import { createWasiImports } from '../libc/wasi.js';
import { isCallBoundary } from '../libc/syscalls/index.js';
import { RootTaskClient } from '../l4re/root_client.js';
import type { RootTask } from '../l4re/root_task.js';
import { FileType, type OpenFile, type Vfs } from '../vfs/types.js';
import { ConsoleOutput } from '../vfs/console.js';
import { LoadError, ProgramInstance, type ImportTable, type ProgramImage, type RunOutcome } from './program.js';
import { ProcessSignals } from './signal_process.js';
import { NSIG, Sig, SiCode, SigHow, linuxSignal } from './signals.js';
import { Disposition } from './signal_state.js';
import { ProcessControl, type ControlHost, type ExecProgram, type PendingImage } from './process_control.js';
import type { Restart } from '../libc/restart.js';
import { randomFillSync } from 'node:crypto';
import type { L4Namespace } from '../l4re/l4_namespace.js';
import type { L4Port } from '../libc/l4_port.js';
import { guestL4Port } from './l4_guest.js';
import { ThreadGroup } from './green_threads.js';
import type { ThreadBackend } from '../libc/l4posix_thread.js';

/** How a process ended. */
export interface ExitStatus {
  /** Exit code; for a signal death 128 + signal, as a shell reports it. */
  code: number;
  /** The (Linux-numbered) signal that ended it. */
  signal?: number;
  /** The trap that ended it: what trapped and in which function. */
  trap?: { message: string; func?: string };
  /**
   * Why the machine ended it, in one line, when the program did not end itself: a host error
   * (code 125), a program that failed to start (code 126), a limit the machine enforces.
   */
  error?: string;
  /** The limit the machine ended it for: its wall-clock time, its CPU time (RLIMIT_CPU). */
  limit?: 'time' | 'cpu';
}

/** The machine's memory limit and what its processes' memories take of it (bytes). */
export interface MemoryBudget {
  readonly limit: number;
  used: number;
}

/** Exit code of a process the host failed (an exception inside l4wasm, reported with `error`). */
export const HOST_ERROR_EXIT = 125;
/** Exit code of a process whose program could not be loaded or started. */
export const LOAD_ERROR_EXIT = 126;

/**
 * What a decoupled program's worker takes of the host besides the program's memory (its V8
 * isolate and heap, its thread: ~10 MiB each measured with 20 idle ones), counted against the
 * machine's memoryLimit with the memory: a machine runs no more workers than its limit has room for.
 */
const WORKER_BYTES = 8 * 2 ** 20;

/** An exception inside l4wasm that a process's call or run met, as the machine reports it. */
export interface InternalErrorReport {
  pid?: number;
  program?: string;
  /** The call, server or loop it happened in. */
  where: string;
  error: unknown;
  /** It ended the process (else the call failed with EIO and the program went on). */
  fatal: boolean;
}

/** What a process needs of its machine. */
export interface ProcessHost {
  readonly kernel: Kernel;
  readonly cpu: Cpu;
  readonly vfs: Vfs;
  readonly rootTask: RootTask;
  /** The root task's gate, as a capability slot of the root task (mapped into each process). */
  readonly rootGate: Cap;
  readonly realtime: RealtimeOffset;
  /** The machine's host name (uname, gethostname). */
  readonly hostname?: string | undefined;
  processExited(p: Process): void;
  /** The processes by pid, zombies included (kill reaches them). */
  readonly running?: ReadonlyMap<number, Process>;
  /** The process table and program loading: without them the process calls are ENOSYS. */
  readonly control?: ControlHost;
  /** Told about exceptions inside l4wasm (default: a process warning). */
  reportInternalError?(report: InternalErrorReport): void;
  /** The machine's memory limit, shared by its processes (none: only RLIMIT_AS bounds each). */
  readonly memory?: MemoryBudget;
  /** The machine's L4 namespace (the L4 API from C); without it those calls fail. */
  readonly l4?: L4Namespace;
  /** A decoupled program's thread started or stopped (the machine may give it a core of its own). */
  decoupledThreadStarted?(p: Process, tid: number): void;
  decoupledThreadEnded?(tid: number): void;
  /** A decoupled program's worker was let go (exit, exec, recouple): another may follow soon. */
  decoupledProgramEnded?(): void;
  /** The machine's budget of open host files (its host mounts count their opens in it). */
  readonly hostFiles?: HostFileBudget;
  /** Whether a decoupled program's lent host writes go through the write-behind thread (MachineOptions.writeBehind). */
  readonly writeBehind?: boolean;
}

export interface ProcessOptions {
  pid: number;
  ppid: number;
  /** The guest path of its program, when it has one (/proc/PID/exe). */
  exe?: string;
  args: readonly string[];
  env: readonly string[];
  /** Standard input, output and error of a new descriptor table (with preopens). */
  stdio?: [OpenFile, OpenFile, OpenFile];
  /** Guest paths preopened after "/" (the extra mounts). */
  preopens?: readonly (string | Preopen)[];
  /** Whether "/" is preopened first (default true); see MachineOptions.rootPreopen. */
  rootPreopen?: boolean;
  /** An inherited descriptor table instead (spawn, exec): taken over as it is. */
  fds?: FdTable;
  /** The working directory it starts in (default "/"). */
  cwd?: string;
  /** Process group and session (default: its own pid, a session leader). */
  pgid?: number;
  sid?: number;
  /**
   * Resource limits it starts with, by RLIMIT_* (the machine's defaults, or its parent's):
   * RLIMIT_AS bounds its memory (memory.grow and mmap fail with ENOMEM), RLIMIT_CPU its CPU time
   * (SIGXCPU at the soft limit and each second after, SIGKILL at the hard one).
   */
  limits?: Partial<Record<number, Limit>>;
  /** fork: the process this one copies (it has unwound at its fork call). */
  forkOf?: Process;
  /** The blocked signals it starts with, and the signals it ignores (inherited). */
  sigmask?: [number, number];
  ignored?: readonly number[];
  uid?: number;
  gid?: number;
  /** The file-creation mask it starts with (its parent's; default 022). */
  umask?: number;
  /**
   * Rewrites the program's import table before it is instantiated: how tracing and the other
   * syscall paths (IPC to a server instead of the local backend) wrap the same calls.
   */
  wrapImports?: (imports: ImportTable, process: Process) => ImportTable;
  /**
   * The wrapper its children (fork, spawn) get, and theirs in turn: the machine's and its spawn's
   * (a traced program's children are traced, as strace -f), not the embedder's extra imports.
   * Default: wrapImports.
   */
  childWrapImports?: (imports: ImportTable, process: Process) => ImportTable;
}

/** Why a new process could not open its preopened directories, as an error with the errno's code. */
function preopenError(name: string, errno: number): NodeJS.ErrnoException {
  const why = errno === -Errno.ENFILE ? 'too many host files are open on the machine (its hostFileLimit)'
    : errno === -Errno.EMFILE ? 'its descriptor table is full' : errnoName(errno);
  const e: NodeJS.ErrnoException = new Error(`${name}: cannot open its preopened directories: ${why}`);
  e.code = errnoName(errno);
  e.errno = errno;
  return e;
}

function mib(bytes: number): string { return `${Math.round(bytes / 1048576)} MiB`; }

/** Capability slots in a process's task. */
const enum Slot { RootTask = 8, WakeIrq = 11 }
/** Priorities of a program's thread: multiplexed, decoupled (below the servers' 150). */
const PROGRAM_PRIO = 100;
const DECOUPLED_PRIO = 120;
/** The label the thread's IRQ delivers (the wake-up of a blocked call). */
const WAKE_LABEL = 0x77616b65;

const personalities = new WeakMap<WebAssembly.Module, 'posix' | 'wasi'>();

/**
 * Whose path rules a program's WASI calls follow: 'posix' for a program linked with libl4posix
 * (`l4wasm cc` links it into every program: it imports the l4posix module or exports
 * __l4posix_cwd_init), else 'wasi' — a plain wasip1 binary written for WASI's sandbox, which
 * expects paths to stay beneath their directory descriptor (tests/programs/DIFFERENCES.md).
 */
export function personalityOf(module: WebAssembly.Module): 'posix' | 'wasi' {
  let p = personalities.get(module);
  if (p === undefined) {
    personalities.set(module, (p = personalityFrom(WebAssembly.Module.imports(module), WebAssembly.Module.exports(module))));
  }
  return p;
}

const linkedHere = new WeakMap<WebAssembly.Module, boolean>();

/**
 * The module was linked by l4wasm cc (it exports sysroot/crt/user_end.c's marker): its memory's
 * layout is known (the stack first, its far end at address 0: abi.ts NULL_GUARD).
 */
export function linkedByL4wasmCc(module: WebAssembly.Module): boolean {
  let v = linkedHere.get(module);
  if (v === undefined) linkedHere.set(module, (v = WebAssembly.Module.exports(module).some((e) => e.name === USER_END_EXPORT)));
  return v;
}

/** personalityOf's rule, on a module's imports and exports (from the binary: wasm_binary.ts moduleInterface). */
export function personalityFrom(imports: readonly { module: string; name: string }[], exports: readonly { name: string }[]): 'posix' | 'wasi' {
  // l4posix.preempt and l4posix.fault are what preparation adds to every program: not the program's own.
  const posix = imports.some((i) => i.module === 'l4posix' && `l4posix.${i.name}` !== PREEMPT_IMPORT && `l4posix.${i.name}` !== FAULT_IMPORT) ||
    exports.some((e) => e.name === '__l4posix_cwd_init');
  return posix ? 'posix' : 'wasi';
}


/** A prepared program's shared memory, with its data written once (see instrument.ts). */
export function sharedMemoryOf(image: ProgramImage): WebAssembly.Memory | undefined {
  const s = image.sharedMemory;
  if (s === undefined) return undefined;
  const memory = new WebAssembly.Memory({ initial: s.initial, maximum: s.maximum, shared: true });
  const u8 = new Uint8Array(memory.buffer);
  for (const d of s.data) u8.set(d.bytes, d.offset);
  return memory;
}

export class Process implements SyscallContext, HostThread {
  readonly pid: number;
  /** Replaced by exec. */
  args: readonly string[];
  /** The guest path of the program it runs (/proc/PID/exe); replaced by exec. */
  exe: string | undefined;
  /** When it started: monotonic ns of the machine's clock (/proc/PID/stat). */
  readonly startNs: bigint;
  /** Its memory now (bytes): what the program's wasm memory has grown to (it never shrinks); 0 once ended. */
  get memoryBytes(): number { return this.instance?.memory.buffer.byteLength ?? 0; }
  env: readonly string[];
  readonly vfs: Vfs;
  readonly fds: FdTable;
  readonly clock: KipTime;
  /** The working directory it started in (wasi-libc keeps the current one in the program). */
  readonly initialCwd: string;
  /** Its working directory as its libc last said (l4posix chdir): /proc/PID/cwd. */
  cwd: string;
  /** The process calls (spawn, exec, fork, wait, groups), when the machine has a process table. */
  readonly procs?: ProcessControl;
  /** A stop signal not yet reported to the parent's waitpid(WUNTRACED). */
  stopSignal = 0;
  /** Continued by SIGCONT after a stop, not yet reported to the parent's waitpid(WCONTINUED). */
  continued = false;
  readonly identity: Identity;
  /** The path rules of the program it runs now (exec may change them). */
  get personality(): 'posix' | 'wasi' { return personalityOf(this.image.module); }
  /** umask and the mode of a create under way (kept across exec, inherited by children). */
  readonly files: FileCreation;
  /** Resolves when the process has ended. */
  readonly exit: Promise<ExitStatus>;
  restart: Restart<PendingImage> | undefined;
  readonly direct = false;

  readonly host: ProcessHost;
  readonly kernel: Kernel;
  readonly task: KRef<TaskId>;
  readonly thread: KRef<ThreadId>;
  private readonly irq: KRef<IrqId>;
  /** The root task, reached by IPC from this process's thread (memory for the region map). */
  readonly root: RootTaskClient;
  /** The region manager of the program's memory: heap accounting and mmap. */
  readonly addressSpace: AddressSpace;
  /** Signal state, the exception/timer handler thread E, the program's call boundaries. */
  readonly signals: ProcessSignals;
  /** The program thread's run() is on the stack (its calls into the host happen now). */
  onCpu = false;
  /** Its POSIX threads, green threads on its kernel thread, from its first pthread_create on. */
  threadGroup: ThreadGroup | undefined;
  private instance?: ProgramInstance | DecoupledProgram;
  private resolveExit!: (s: ExitStatus) => void;
  private subscriptions: (() => void)[] = [];
  private readonly notify = () => { this.kernel.triggerIrq(this.irq.id); this.host.cpu.wake(); };
  private cpuNs = 0;
  /** What it used, set when it ends (its parent's wait4 and RUSAGE_CHILDREN report it). */
  finalUsage: Usage | undefined;
  /** What its reaped children used (the process table adds to it). */
  childUsage: Usage | undefined;
  lastReaped: { pid: number; usage: Usage } | undefined;
  private runningSince = -1;
  /** The thread's UTCB as a stop found it (waitUntilContinued), put back when it continues. */
  private stoppedUtcb?: Uint32Array;
  private status?: ExitStatus;

  private readonly wrapImports: ProcessOptions['wrapImports'];
  /** What its children's imports are wrapped with (see ProcessOptions.childWrapImports). */
  readonly childWrapImports: ProcessOptions['wrapImports'];
  /** The limits it started with (getrlimit reports them until the program changes them). */
  readonly initialLimits: Partial<Record<number, Limit>>;
  /** The bytes of its memory the machine's budget counts. */
  private memoryCounted = 0;
  /** RLIMIT_CPU: the CPU time (s) at which the next SIGXCPU is due. */
  private nextXcpu = 0;

  constructor(host: ProcessHost, public image: ProgramImage, options: ProcessOptions) {
    this.host = host;
    this.kernel = host.kernel;
    this.pid = options.pid;
    this.args = options.args;
    this.exe = options.exe;
    this.env = options.env;
    this.vfs = host.vfs;
    this.identity = {
      pid: options.pid, ppid: options.ppid, pgid: options.pgid ?? options.pid, sid: options.sid ?? options.pid,
      uid: options.uid ?? 0, euid: options.uid ?? 0, gid: options.gid ?? 0, egid: options.gid ?? 0,
    };
    this.files = { umask: (options.umask ?? DEFAULT_UMASK) & 0o777, nextMode: undefined };
    this.clock = new KipTime(host.kernel, host.realtime, () => this.cpuTimeNs());
    this.startNs = this.clock.monotonicNs();
    this.exit = new Promise((resolve) => { this.resolveExit = resolve; });

    this.initialCwd = options.cwd ?? '/';
    this.cwd = this.initialCwd;
    if (options.fds !== undefined) {
      this.fds = options.fds;
    } else {
      this.fds = new FdTable();
      if (options.stdio === undefined) throw new Error(`${image.name}: a process needs stdio or a descriptor table`);
      this.fds.setupStdio(...options.stdio);
      const pre = this.fds.addPreopens(this.vfs, options.preopens, options.rootPreopen ?? true);
      if (pre < 0) throw preopenError(image.name, pre);
    }

    const k = this.kernel;
    this.task = k.newTask();
    this.thread = k.newThread({ task: this.task, prio: PROGRAM_PRIO });
    this.irq = k.newIrq();
    k.attachIrq(this.irq.id, this.thread.id, WAKE_LABEL);
    // Blocking calls wait for this IRQ only: messages and IRQs of the program's own L4 use stay queued.
    k.map(k.rootTask, this.irq.cap, this.task.id, Slot.WakeIrq, Rights.R);
    k.map(k.rootTask, host.rootGate, this.task.id, Slot.RootTask, Rights.W);
    this.root = new RootTaskClient(host.cpu, this.thread.id, Slot.RootTask);
    this.addressSpace = new AddressSpace(k, this.task.id, this.root, host.rootTask, () => this.instance?.memory);
    this.initialLimits = options.limits ?? {};
    const as = this.initialLimits[Rlimit.AS];
    if (as !== undefined && as.cur < BigInt(SPACE_END)) this.addressSpace.limit = Number(as.cur);
    this.addressSpace.onLimit = () => this.applyMemoryLimit();
    this.addressSpace.headroom = () => this.memoryHeadroom();

    this.signals = new ProcessSignals(this);
    for (const sig of options.ignored ?? []) this.signals.state.setAction(sig, { kind: Disposition.Ignore, handler: 0, flags: 0, maskLo: 0, maskHi: 0 });
    if (options.sigmask) this.signals.state.setMask(SigHow.SETMASK, options.sigmask[0], options.sigmask[1]);
    this.signals.state.onStopped = (sig) => {
      this.stopSignal = sig;
      this.continued = false;
      // A decoupled program's worker stops answering calls itself: the next one waits here.
      if (this.instance instanceof DecoupledProgram) this.instance.stop();
      this.host.control?.table.stopped(this, sig);
    };
    // SIGTSTP/SIGTTIN/SIGTTOU to an orphaned group are discarded; a process without a table has no parent.
    this.signals.state.orphaned = () => this.host.control?.table.orphanedGroup(this) ?? true;
    this.signals.state.onContinued = () => {
      this.stopSignal = 0; // a stop not yet reported is superseded, as on Linux
      this.continued = true;
      this.host.control?.table.stopped(this, Sig.CONT);
    };
    if (host.control !== undefined) this.procs = new ProcessControl(this, host.control);

    this.wrapImports = options.wrapImports;
    this.childWrapImports = options.childWrapImports ?? options.wrapImports;
    try {
      this.instance = this.instantiate(image);
      if (options.forkOf !== undefined) this.adoptFork(options.forkOf);
      this.countMemory();
    } catch (e) {
      // Nothing of it may stay behind in the kernel: spawns that fail must not use it up. A
      // decoupled program's worker, started with it (no room left for it, say), ends too.
      if (this.instance instanceof DecoupledProgram) this.instance.dispose();
      this.signals.close();
      this.addressSpace.release();
      k.kill(this.thread.id);
      k.deleteCap(k.rootTask, this.irq.cap);
      k.deleteCap(k.rootTask, this.thread.cap);
      k.deleteCap(k.rootTask, this.task.cap);
      throw e;
    }
    host.cpu.register(this.thread.id, this);
    k.start(this.thread.id);
  }

  /**
   * The program's imports: a decoupled program's keep its shared mappings coherent at every call,
   * a multiplexed one's at the calls on a file's bytes (its turns on the vCPU do the rest).
   */
  private importTable(decoupled = false): ImportTable {
    const own: ImportTable = {
      wasi_snapshot_preview1: createWasiImports(this),
      l4posix: createL4posixImports(this),
    };
    return syncAtCalls(this.wrapImports ? this.wrapImports(own, this) : own, this.addressSpace, decoupled ? undefined : FILE_DATA_CALLS);
  }

  /**
   * The host file behind `fd`, for a decoupled program's reads, writes or syncs on its own core
   * (DecoupledHost.lendableFile): a host mount's regular file, open for that access, whose calls
   * need nothing else of the vCPU. Never when the process has shared mappings (kept coherent at
   * its calls) or an O_SYNC/O_DSYNC/O_RSYNC descriptor (a sync after each write).
   */
  private lendableFile(fd: number, access: LentAccess): LentHostFile | undefined {
    if (this.addressSpace.hasShared) return undefined;
    // fstat (Stat) answers on any open descriptor, whatever its rights.
    const rights = access === LentAccess.Write ? FdRights.FD_WRITE | FdRights.FD_SEEK
      : access === LentAccess.Read ? FdRights.FD_READ | FdRights.FD_SEEK
      : access === LentAccess.Stream ? FdRights.FD_READ
      : access === LentAccess.StreamWrite ? FdRights.FD_WRITE
      : access === LentAccess.Seek ? FdRights.FD_SEEK | FdRights.FD_TELL
      : access === LentAccess.FileStat ? FdRights.FD_FILESTAT_GET
      : access === LentAccess.Stat ? 0 : access === LentAccess.Sync ? FdRights.FD_SYNC : FdRights.FD_DATASYNC;
    const e = this.fds.getFile(fd, rights);
    if (typeof e === 'number' || (e.desc.flags & (FdFlags.SYNC | FdFlags.DSYNC | FdFlags.RSYNC)) !== 0) return undefined;
    // An O_APPEND description's writes append (as Linux's): only the vCPU's path knows that.
    if ((access === LentAccess.Write || access === LentAccess.StreamWrite) && (e.desc.flags & FdFlags.APPEND) !== 0) return undefined;
    // Stream reads and writes and seeks move the offset of the description: only one no other descriptor shares.
    if ((access & OFFSET_ACCESS) !== 0 && e.desc.refs !== 1) return undefined;
    const f = lendableHostFile(e.desc.file);
    if (f === undefined) return undefined;
    const writes = access === LentAccess.Write || access === LentAccess.StreamWrite;
    const reads = access === LentAccess.Read || access === LentAccess.Stream;
    if (writes ? !f.hostWritable : reads && !f.hostReadable) return undefined;
    return f;
  }

  /**
   * Record locks for a decoupled program's worker to take itself (DecoupledHost.locks). Never while
   * the process has shared mappings: they are kept coherent at its forwarded calls, and locks order
   * their use (SQLite's WAL index).
   */
  private lockLending(): LockLending {
    const table = recordLocksOf(this.vfs);
    const owner = this.identity.pid;
    return {
      pool: table.slots().buffer,
      owner,
      lockableFile: (fd) => (this.addressSpace.hasShared ? undefined : lockableFile(this, fd)),
      share: (key) => table.share(key, owner),
      unshare: (key) => table.unshare(key, owner),
    };
  }

  /**
   * What lets a decoupled program's worker open files in lent host mount roots (open_lending.ts):
   * the machine's host-file budget, what the descriptor table and the create mode are now, and the
   * adoption of what the worker opened, placed as wasi_path.ts openAt places an open file.
   */
  private openLending(): OpenLending | undefined {
    const budget = this.host.hostFiles?.shared;
    if (budget === undefined) return undefined;
    return {
      budget,
      state: () => ({ free: [this.fds.freeBits(0), this.fds.freeBits(32)], umask: this.files.umask, nextMode: this.files.nextMode ?? -1 }),
      adopt: (fd, dirfd, file, read, write, path) => {
        const dir = this.fds.getDir(dirfd, FdRights.PATH_OPEN);
        if (typeof dir === 'number') return false;
        const isDir = file.type === FileType.Directory;
        return this.fds.insertAt(fd, file, {
          rightsBase: rightsFor(file, read, write) & dir.rightsInheriting,
          rightsInheriting: isDir ? dir.rightsInheriting : 0,
          flags: 0,
          path: isDir ? path : undefined,
          name: path,
        });
      },
    };
  }

  /** What a decoupled program needs of its process's thread (decoupled.ts). */
  private decoupledHost(): DecoupledHost {
    const k = this.kernel;
    // A traced or server-routed process sees every call on the vCPU: nothing is lent to its worker.
    const lending = this.wrapImports === undefined ? {
      lendableFile: (fd: number, access: LentAccess) => this.lendableFile(fd, access),
      // A console output: the worker puts the program's writes to it into its output ring, which the vCPU drains in order.
      lendableOutput: (fd: number) => {
        const e = this.fds.getFile(fd, FdRights.FD_WRITE);
        return typeof e !== 'number' && e.desc.file instanceof ConsoleOutput ? e.desc.file : undefined;
      },
      locks: this.lockLending(),
      // A name in a host mount's root: the worker stats it there (dir_lending.ts), as lendableFile, never with shared mappings.
      lendableDir: (dirfd: number, prefix: string) => {
        if (this.addressSpace.hasShared) return undefined;
        if (dirfd === ABSOLUTE) return lendableDir(this.vfs, undefined, prefix);
        const e = this.fds.getDir(dirfd, 0);
        if (typeof e === 'number') return undefined;
        const rights = e.rightsBase;
        return lendableDir(this.vfs, {
          path: e.desc.path!, unlink: (rights & FdRights.PATH_UNLINK_FILE) !== 0,
          valid: () => !this.addressSpace.hasShared && this.fds.get(dirfd) === e && e.rightsBase === rights,
        }, prefix);
      },
      mountGeneration: this.vfs.generation,
      opens: this.openLending(),
      writeBehind: this.host.writeBehind === true,
      startup: {
        args: new StringList(this.args),
        env: new StringList(this.env),
        tableVersion: () => this.fds.version,
        preopens: () => this.fds.preopens().map((p) => ({ fd: p.fd, name: GuestMemory.encode(p.name) })),
      },
      fdstatOf: (fd: number) => {
        // As lendableFile: a process with shared mappings is kept coherent at each of its calls.
        const e = this.addressSpace.hasShared ? undefined : this.fds.get(fd);
        if (e === undefined || e.desc.refs !== 1) return undefined;
        // Closing a regular file or directory without locks of this process on it is seen by no one else at once.
        const file = e.desc.file;
        const key = file.type === FileType.RegularFile || file.type === FileType.Directory ? lockKey(file) : undefined;
        const closable = key !== undefined && !recordLocksOf(this.vfs).mayHold(key, this.identity.pid);
        return { entry: e, fileType: abiFileType(file.type), flags: e.desc.flags, base: e.rightsBase, inheriting: e.rightsInheriting, closable };
      },
    } : {};
    return {
      ...lending,
      threadStarted: (tid) => this.host.decoupledThreadStarted?.(this, tid),
      threadEnded: (tid) => this.host.decoupledThreadEnded?.(tid),
      wait: (spec) => this.wait(spec),
      wake: () => this.wake(),
      fileSizeLimit: () => this.fileSizeLimit(),
      monotonicNs: () => this.clock.monotonicNs(),
      // The running thread stays in its CPU's ready queue: alone means a count of one.
      idle: () => k.readyCount(this.cpu.id) <= 1,
      expectWake: (ms) => this.cpu.expectWake(ms),
      ring: { memory: k.memory, module: k.module, cpu: this.cpu.id, irq: this.irq.id },
      // As applyMemoryLimit: RLIMIT_AS (the save area and the linked stack not counted), no more than the machine has left.
      // A worker about to start is not counted yet: what it takes (WORKER_BYTES) is not the memory's.
      memoryCapPages: () => Math.min(this.addressSpace.sizeAllowed,
        (this.instance?.memory.buffer.byteLength ?? 0) + this.memoryHeadroom() - (this.instance instanceof DecoupledProgram ? 0 : WORKER_BYTES)) / 65536,
      cpuCheckNs: () => {
        const l = (existingPosixState(this)?.limits ?? this.initialLimits)[Rlimit.CPU];
        if (l === undefined) return undefined;
        // The next CPU time (s) at which checkCpuLimit acts: SIGXCPU at the soft limit, the end at the hard one.
        const soft = l.cur === RLIM_INFINITY ? Infinity : Math.max(Number(l.cur), this.nextXcpu);
        const hard = l.max === RLIM_INFINITY ? Infinity : Number(l.max);
        // No limit: no need to read the CPU time (for a decoupled program, a read of /proc).
        if (Math.min(soft, hard) === Infinity) return undefined;
        const dueNs = Math.min(soft, hard) * 1e9 - this.cpuNow();
        // The worker and the vCPU together use CPU time at most twice as fast as the clock runs.
        return this.clock.monotonicNs() + BigInt(Math.max(1e6, Math.ceil(dueNs / 2)));
      },
    };
  }

  private instantiate(image: ProgramImage): ProgramInstance | DecoupledProgram {
    // A decoupled program's memory is made with its limit: its stack is known before (from the binary).
    const linked = (top: number | undefined) => { this.addressSpace.linkedStack = linkedByL4wasmCc(image.module) && top !== undefined && top > 0 ? top : 0; };
    linked(image.decoupled?.stackTop);
    const inst = this.instantiateImage(image);
    if (inst instanceof ProgramInstance) linked(inst.stackTop);
    return inst;
  }

  private instantiateImage(image: ProgramImage): ProgramInstance | DecoupledProgram {
    if (image.decoupled !== undefined) {
      // Its original code runs in a worker: no save area to hide, the memory is the program's.
      this.addressSpace.reservedTop = 0;
      this.setDecoupledPriority(true);
      return new DecoupledProgram(image, this.importTable(true), this.decoupledHost(), this.signals);
    }
    const imports = this.importTable();
    this.addressSpace.reservedTop = RESERVED_PAGES * 65536; // asyncify's save area
    this.setDecoupledPriority(false);
    return new ProgramInstance(image, imports, isCallBoundary, sharedMemoryOf(image), this.signals);
  }

  /**
   * A decoupled program's thread only serves its forwarded calls: above the multiplexed programs,
   * so that a call is served within a look of theirs (~50 µs), not after their time slice.
   */
  private setDecoupledPriority(decoupled: boolean): void {
    this.kernel.setPriority(this.thread.id, decoupled ? DECOUPLED_PRIO : PROGRAM_PRIO);
  }

  // ---- l4_decouple / l4_recouple: the program moves between the vCPU and a core of its own ----

  decouple(): number {
    if (this.instance instanceof DecoupledProgram) return 0; // already there (the call was forwarded)
    if (this.image.sharedMemory === undefined) return -Errno.ENOTSUP;
    if (this.signals.suspendForbidden > 0) return -Errno.EAGAIN;
    if ((this.threadGroup?.count ?? 1) > 1) return -Errno.ENOTSUP; // its threads share the vCPU's instance
    // The program unwinds at this call; run() then hands its state to a worker, where it rewinds.
    this.restart = { kind: 'decouple' };
    this.kernel.yield(this.thread.id);
    return SUSPEND;
  }

  recouple(): number {
    const inst = this.instance;
    if (!(inst instanceof DecoupledProgram)) return 0; // on the vCPU (or back there: the call re-ran)
    if (!inst.prepared) return -Errno.ENOTSUP; // started decoupled: its code was never prepared
    inst.recouple();
    return 0;
  }

  /** The prepared program unwound at l4_decouple: it continues in a worker on the same memory. */
  private moveToWorker(): void {
    const inst = this.instance;
    if (!(inst instanceof ProgramInstance)) return;
    this.restart = undefined;
    this.setDecoupledPriority(true);
    this.instance = new DecoupledProgram(this.image, this.importTable(true), this.decoupledHost(), this.signals,
      { memory: inst.memory, globals: inst.exportedGlobals(), reserveBytes: this.addressSpace.reservedTop });
    this.kernel.yield(this.thread.id);
  }

  /** The decoupled program unwound in its worker at l4_recouple: it continues on the vCPU. */
  private moveToVcpu(globals: Record<string, number | bigint>): void {
    const inst = this.instance;
    if (!(inst instanceof DecoupledProgram)) return;
    const memory = inst.memory;
    this.disposeWorker(inst);
    this.setDecoupledPriority(false);
    const next = new ProgramInstance(this.image, this.importTable(), isCallBoundary, memory, this.signals);
    next.adoptSuspended(globals);
    this.instance = next;
    this.kernel.yield(this.thread.id);
  }

  /** fork, in the child: the parent's program, signal actions and mask; fork returns 0 here. */
  private adoptFork(parent: Process): void {
    if (parent.instance === undefined) throw new Error('fork of a process that has ended');
    if (!(parent.instance instanceof ProgramInstance) || !(this.instance instanceof ProgramInstance)) {
      throw new LoadError('fork of a decoupled program'); // canFork is false: fork said ENOSYS before
    }
    this.instance.adoptFork(parent.instance, linkedByL4wasmCc(this.image.module));
    this.addressSpace.inheritShared(parent.addressSpace);
    const from = parent.signals.state;
    const to = this.signals.state;
    for (let sig = 1; sig < NSIG; sig++) {
      const a = from.action(sig);
      if (a.kind !== Disposition.Default) to.setAction(sig, a);
    }
    to.setMask(SigHow.SETMASK, from.blockedLo, from.blockedHi);
    this.restart = { kind: 'fork-result', pid: 0 };
  }

  /** Bytes at the top of the program's memory that are the runtime's (GuestMemory's bounds). */
  get reservedTop(): number { return this.addressSpace.reservedTop; }

  /** Bytes from address 0 no call may be given a pointer into: l4wasm cc's programs' null page (abi.ts NULL_GUARD). */
  get nullGuard(): number { return linkedByL4wasmCc(this.image.module) ? NULL_GUARD : 0; }

  /** The instance the null page is watched for, and its first words (undefined: not watched, not linked by l4wasm cc). */
  private nullWatched: ProgramInstance | DecoupledProgram | undefined;
  private nullWords: Int32Array | undefined;

  /**
   * A write through a null pointer (at most NULL_WATCH bytes past it) since the program's last
   * call: the page goes back to zeros, as the write never happened on Linux, and SIGSEGV is
   * delivered as the fault would have been: without a handler that catches it the process ends of
   * it; with one, the handler runs before the call acts (a call that can suspend runs after it, if
   * it returns; another is EFAULT). 0 when nothing was written, else what the call returns.
   * Reads through a null pointer give zeros.
   */
  nullPageWritten(suspends: boolean): number {
    // Decided once per program (every call passes here): a module built elsewhere is not watched.
    const inst = this.instance;
    if (inst === undefined) return 0;
    if (inst !== this.nullWatched) {
      this.nullWatched = inst;
      this.nullWords = this.nullGuard === 0 ? undefined : new Int32Array(inst.memory.buffer, 0, NULL_WATCH / 4);
    }
    let w = this.nullWords;
    if (w === undefined) return 0;
    // A grown memory detached the view's buffer (a shared one's stays valid).
    if (w.length === 0) w = this.nullWords = new Int32Array(inst.memory.buffer, 0, NULL_WATCH / 4);
    let dirty = 0;
    for (let i = 0; i < w.length; i++) dirty |= w[i]!;
    if (dirty === 0) return 0;
    w.fill(0);
    if (!this.signals.catchesFault(Sig.SEGV)) throw new ProcessExit(128 + Sig.SEGV, Sig.SEGV);
    this.signals.sendToRunning(Sig.SEGV, { code: SiCode.SEGV_MAPERR, pid: 0, uid: 0, addr: 0, value: 0 });
    return suspends && this.image.decoupled === undefined && this.signals.runHandlersFirst() ? SUSPEND : -Errno.EFAULT;
  }

  /** The program can be copied by fork (its module exports its globals). */
  get canFork(): boolean { return this.instance?.canFork ?? false; }

  /** fork, in the parent: unwind the program, so that its whole state is in memory to be copied. */
  unwindForFork(): number {
    if (this.signals.suspendForbidden > 0) return -Errno.EAGAIN;
    this.restart = { kind: 'fork-pending' };
    this.kernel.yield(this.thread.id);
    return SUSPEND;
  }

  /**
   * exec: the new program replaces the old one in this process (same pid, task and thread). Kept:
   * descriptors without FD_CLOEXEC, ignored signals, the mask, pending signals, ITIMER_REAL. Handled
   * signals go back to their default; POSIX timers are deleted.
   */
  private exec(p: ExecProgram): void {
    this.fds.closeOnExec();
    if (personalityOf(p.image.module) === 'wasi') this.fds.lowerPreopens();
    this.signals.execed();
    const st = this.signals.state;
    for (let sig = 1; sig < NSIG; sig++) {
      if (st.action(sig).kind === Disposition.Handler) st.setAction(sig, { kind: Disposition.Default, handler: 0, flags: 0, maskLo: 0, maskHi: 0 });
    }
    this.addressSpace.reset();
    this.args = p.args;
    this.exe = p.path;
    this.env = p.env;
    this.image = p.image;
    this.restart = undefined;
    // exec ends every thread but the caller, which runs the new program.
    this.threadGroup?.dispose();
    this.threadGroup = undefined;
    if (this.instance instanceof DecoupledProgram) this.disposeWorker(this.instance);
    this.instance = undefined;
    this.execed = true;
    try {
      this.instance = this.instantiate(p.image);
      this.syncMemory();
    } catch (e) {
      // Past the point of no return: the process ends as Linux ends one whose exec failed late.
      this.finish({ code: 128 + Sig.KILL, signal: Sig.KILL, trap: { message: `exec ${p.image.name}: ${(e as Error).message}` } });
      return;
    }
    this.kernel.yield(this.thread.id);
  }

  get memory(): WebAssembly.Memory {
    if (this.instance === undefined) throw new RangeError('no memory yet');
    return this.instance.memory;
  }

  get hostname(): string | undefined { return this.host.hostname; }

  /** Its program runs in a worker of its own; its calls are forwarded (the tracer marks them). */
  get decoupled(): boolean { return this.instance instanceof DecoupledProgram; }
  private l4Port?: L4Port;
  /** The process's L4 side (the l4 family), made on its first L4 call. */
  get l4(): L4Port | undefined {
    if (this.l4Port === undefined && this.host.l4 !== undefined) this.l4Port = guestL4Port(this, this.host.l4);
    return this.l4Port;
  }

  get ended(): boolean { return this.status !== undefined; }

  /** How it ended, once it has (a zombie until its parent reaps it). */
  get exitStatus(): ExitStatus | undefined { return this.status; }

  /** Stopped by a stop signal's default action: it does not run until SIGCONT (see run()). */
  get stopped(): boolean { return this.signals.state.stopped; }

  get cpu(): Cpu { return this.host.cpu; }

  // ---- the host thread ----

  run(): void {
    if (this.instance === undefined) return;
    for (const cancel of this.subscriptions) cancel();
    this.subscriptions = [];
    if (this.signals.state.stopped) { this.waitUntilContinued(); return; }
    if (this.stoppedUtcb !== undefined) {
      this.kernel.restoreUtcb(this.thread.id, this.stoppedUtcb);
      this.stoppedUtcb = undefined;
    }
    // After a trap, E's reply decides: run the fault signal's handler (or the process has ended).
    const handler = this.signals.faultHandlerToRun();
    if (this.instance === undefined) return;
    if (handler !== undefined) this.instance.enterFaultHandler(handler);
    // A threaded program: a thread whose wait ended goes on, or the process waits on.
    else if (this.threadGroup !== undefined && !this.threadGroup.prepareRun()) { this.threadGroup.waitForAny(); return; }
    this.applyMemoryLimit();
    this.runningSince = performance.now();
    this.signals.dispatched();
    this.onCpu = true;
    // MAP_SHARED file mappings: coherent with the other processes' at each turn on the vCPU.
    const multiplexed = this.instance instanceof ProgramInstance;
    if (multiplexed) this.addressSpace.refreshShared();
    let outcome: RunOutcome;
    try {
      outcome = this.instance.run();
    } finally {
      if (multiplexed) this.addressSpace.publishShared();
      this.onCpu = false;
      // The vCPU's polling for a decoupled program's next call is not the program's CPU time.
      const polled = this.instance instanceof DecoupledProgram ? this.instance.takePollMs() : 0;
      this.cpuNs += (performance.now() - this.runningSince - polled) * 1e6;
      this.runningSince = -1;
      this.syncMemory();
    }
    switch (outcome.kind) {
      case 'suspended':
        this.checkCpuLimit();
        if (this.status !== undefined) return;
        if (this.restart?.kind === 'decouple') { this.moveToWorker(); return; }
        // The program unwound at fork: copy it now; fork returns the child's pid once it rewinds.
        if (this.restart?.kind === 'fork-pending') this.restart = { kind: 'fork-result', pid: this.host.control?.forkChild(this) ?? -Errno.ENOSYS };
        this.threadGroup?.afterSuspend();
        return;
      case 'exited':
        this.finish(outcome.signal === undefined
          ? { code: outcome.code }
          : { code: 128 + outcome.signal, signal: outcome.signal });
        return;
      case 'trapped':
        this.signals.reflectTrap(outcome, this.instance.handlesSignals);
        return;
      case 'exec':
        this.exec(outcome.program as ExecProgram);
        return;
      case 'recouple':
        this.moveToVcpu(outcome.globals);
        return;
      case 'handler-returned':
        // Returning from a fault's handler would execute the faulting instruction again.
        this.signals.dieOfFault();
        return;
    }
  }

  /**
   * A stopped process's thread waits in the kernel for its wake-up IRQ until SIGCONT: its program
   * (multiplexed or decoupled: a decoupled program's forwarded calls are then not served) does not
   * run, and its blocking call does not complete. Wake-ups meanwhile (files, signals that stay
   * pending, the call's timeout) are taken and dropped: the call looks again once it runs.
   */
  private waitUntilContinued(): void {
    const k = this.kernel;
    const t = this.thread.id;
    // The outcome of the operation the thread was blocked in (an IPC reply the call reads when it
    // runs again) is in its UTCB, which these waits overwrite: kept until the process continues.
    this.stoppedUtcb ??= k.saveUtcb(t);
    // A pending IRQ is taken at once (the thread stays ready); the next receive blocks.
    for (let i = 0; i < 3; i++) if (k.receive(t, Slot.WakeIrq, Timeout.Never) === -KErr.WouldBlock) return;
  }

  /** Sends a signal to the process (as kill(2) from outside; SIGKILL ends it at once). */
  kill(signal: number): void {
    if (this.status !== undefined) return;
    this.signals.send(signal, { code: SiCode.USER, pid: 0, uid: 0, addr: 0, value: 0 });
  }

  /**
   * Ends the process from outside (machine shutdown, SIGKILL): the status reports `signal`, and
   * `why` a limit the machine enforced.
   */
  terminate(signal: number, why?: { error: string; limit?: ExitStatus['limit'] }): void {
    if (this.status !== undefined) return;
    this.finish({ code: 128 + signal, signal, ...why });
  }

  /**
   * The resource limits a child (spawn, fork) inherits, as they are now: all but RLIMIT_NOFILE,
   * which travels as the size of the descriptor table it copies, and RLIMIT_STACK, which is the
   * size of each program's own stack.
   */
  inheritedLimits(): Partial<Record<number, Limit>> {
    const now = existingPosixState(this)?.limits;
    const out: Partial<Record<number, Limit>> = {};
    for (let r = 0; r < RLIMIT_COUNT; r++) {
      if (r === Rlimit.NOFILE || r === Rlimit.STACK) continue;
      const l = now?.[r] ?? this.initialLimits[r];
      if (l !== undefined) out[r] = { cur: l.cur, max: l.max };
    }
    return out;
  }

  /**
   * Makes the program thread runnable if it waits in a blocking call (a signal arrived). An L4
   * IPC it blocks in is canceled (it returns L4_IPC_RECANCELED/SECANCELED), as L4Linux's signal
   * delivery cancels a blocked IPC.
   */
  wake(): void {
    if (this.status !== undefined) return;
    this.threadGroup?.signalled();
    if (this.restart?.kind === 'l4-ipc') this.kernel.cancel(this.thread.id);
    this.notify();
  }

  findProcess(pid: number): Process | undefined { return this.host.running?.get(pid); }

  processes(): Iterable<Process> { return this.host.running?.values() ?? [this]; }

  /** What ended the process when the host failed it (see fail). */
  failure?: unknown;
  /** The program came by exec: a LoadError of its start ends the process by SIGKILL (see fail). */
  private execed = false;

  /**
   * The host failed this process (an exception escaped its run, its handler thread or a call's
   * wrapper): it ends with a status that says so, and nothing else on the machine is touched.
   * A LoadError (its program could not start) ends it with 126, anything else with 125.
   */
  fail(error: unknown): void {
    if (this.status !== undefined) return;
    const message = error instanceof Error ? error.message : String(error);
    // A decoupled program's worker instantiates it after exec has returned (its start function
    // trapped, say): past the point of no return, as exec's own failure above (no failure of
    // the spawn, which did start its program).
    if (error instanceof LoadError && this.execed) {
      this.finish({ code: 128 + Sig.KILL, signal: Sig.KILL, trap: { message: `exec ${this.image.name}: ${message}` } });
      return;
    }
    this.failure = error;
    if (error instanceof LoadError) this.finish({ code: LOAD_ERROR_EXIT, error: message });
    else this.finish({ code: HOST_ERROR_EXIT, error: `l4wasm internal error: ${message}` });
  }

  /** Ends the process with `status` (its exit, a fatal signal). */
  finish(status: ExitStatus): void {
    if (this.status !== undefined) return;
    this.status = status;
    this.signals.close();
    this.threadGroup?.dispose();
    this.threadGroup = undefined;
    for (const cancel of this.subscriptions) cancel();
    this.subscriptions = [];
    const memoryKiB = (this.instance?.memory.buffer.byteLength ?? 0) / 1024;
    if (this.instance instanceof DecoupledProgram) this.disposeWorker(this.instance);
    this.finalUsage = { cpuNs: this.cpuNow(), maxrssKiB: memoryKiB };
    this.instance = undefined;
    this.fds.closeAll();
    sysvProcessEnded(this);
    this.releaseMemory();
    this.l4Port?.release();
    if (this.host.memory !== undefined) this.host.memory.used -= this.memoryCounted;
    this.memoryCounted = 0;
    const k = this.kernel;
    k.kill(this.thread.id);
    this.host.cpu.unregister(this.thread.id);
    k.deleteCap(k.rootTask, this.irq.cap);
    k.deleteCap(k.rootTask, this.thread.cap);
    k.deleteCap(k.rootTask, this.task.cap);
    this.host.processExited(this);
    this.resolveExit(status);
  }

  // ---- memory backend: the program's linear memory in the task's region map ----

  /**
   * Attaches whatever the program's memory grew by since the last look (an anonymous dataspace
   * each, allocated from the root task by IPC). memory.grow is an instruction, not a call, so the
   * backend looks whenever the program enters a blocking call, while its thread is still running.
   */
  private accountMemory(): void {
    this.addressSpace.account();
  }

  /** The regions of the task's region map that describe the program's memory. */
  memoryRegions(): readonly { start: number; size: number; ds: number }[] { return this.addressSpace.heapRegions(); }

  private releaseMemory(): void {
    this.addressSpace.release();
  }

  /** What the machine's memory limit counts of this process: its memory, and a decoupled program's worker. */
  private countedBytes(): number {
    return (this.instance?.memory.buffer.byteLength ?? 0) + (this.instance instanceof DecoupledProgram ? WORKER_BYTES : 0);
  }

  /** A new process's memory joins the machine's count, or the spawn fails with ENOMEM. */
  private countMemory(): void {
    const budget = this.host.memory;
    const bytes = this.countedBytes();
    if (budget === undefined) return;
    if (budget.used + bytes > budget.limit) {
      const e: NodeJS.ErrnoException = new Error(
        `${this.image.name}: the machine's memory limit (${mib(budget.limit)}) leaves no room for its ${mib(bytes)}`);
      e.code = 'ENOMEM';
      e.errno = -Errno.ENOMEM;
      throw e;
    }
    budget.used += bytes;
    this.memoryCounted = bytes;
  }

  /** The machine's count follows the memory (grown while it ran, or replaced by exec). */
  private syncMemory(): void {
    const budget = this.host.memory;
    if (budget === undefined) return;
    const bytes = this.countedBytes();
    budget.used += bytes - this.memoryCounted;
    this.memoryCounted = bytes;
  }

  /** Bytes the machine's memory limit lets this process still grow by (Infinity: no limit). */
  private memoryHeadroom(): number {
    const budget = this.host.memory;
    if (budget === undefined) return Infinity;
    const grown = this.countedBytes() - this.memoryCounted;
    return Math.max(0, budget.limit - budget.used - grown);
  }

  /**
   * Hands the program's memory.grow its limit: RLIMIT_AS (the save area and linked stack not counted), and no more
   * than the machine has left. Set whenever it is dispatched and when RLIMIT_AS changes.
   */
  private applyMemoryLimit(): void {
    const inst = this.instance;
    if (!(inst instanceof ProgramInstance) && !(inst instanceof DecoupledProgram)) return;
    const now = inst.memory.buffer.byteLength;
    const bytes = Math.min(this.addressSpace.sizeAllowed, now + this.memoryHeadroom());
    inst.setMemoryLimit(bytes / 65536);
  }

  /** RLIMIT_CPU: SIGXCPU at the soft limit and every second after it, the end at the hard one. */
  private checkCpuLimit(): void {
    const l = (existingPosixState(this)?.limits ?? this.initialLimits)[Rlimit.CPU];
    if (l === undefined || (l.cur === RLIM_INFINITY && l.max === RLIM_INFINITY)) return;
    const sec = this.cpuNow() / 1e9;
    if (l.max !== RLIM_INFINITY && sec >= Number(l.max)) {
      this.finish({ code: 128 + Sig.KILL, signal: Sig.KILL, error: `CPU time limit exceeded (${l.max} s)`, limit: 'cpu' });
      return;
    }
    if (l.cur !== RLIM_INFINITY && sec >= Number(l.cur) && sec >= this.nextXcpu) {
      this.nextXcpu = Math.floor(sec) + 1;
      this.signals.send(Sig.XCPU, { code: SiCode.KERNEL, pid: 0, uid: 0, addr: 0, value: 0 });
    }
  }

  /** CPU time used so far (ns; /proc/PID/stat), or in all once it has ended. */
  get cpuUsedNs(): number { return this.finalUsage?.cpuNs ?? this.cpuNow(); }

  private cpuTimeNs(): bigint {
    return BigInt(Math.floor(this.cpuNow()));
  }

  /** CPU time (ns): its runs on the vCPU, and the worker thread's while it runs decoupled. */
  private cpuNow(): number {
    const decoupled = this.instance instanceof DecoupledProgram ? this.instance : undefined;
    // The current run counts without the vCPU's polling so far, as it will once the run ends
    // (counted now and dropped then, CPU time would go backwards between two getrusage calls).
    const live = this.runningSince >= 0 ? (performance.now() - this.runningSince - (decoupled?.pollingMs ?? 0)) * 1e6 : 0;
    return this.cpuNs + live + (decoupled?.workerCpuNs() ?? 0);
  }

  /** A decoupled program's worker ends (exit, exec, recouple): its CPU time stays the process's. */
  private disposeWorker(inst: DecoupledProgram): void {
    inst.dispose();
    this.cpuNs += inst.workerCpuNs();
    this.host.decoupledProgramEnded?.();
  }

  // ---- POSIX threads (green_threads.ts, the l4posix thread family) ----

  /**
   * pthread_create: a green thread running the C thread `arg` on the stack below `stackTop`; its
   * errno and pthread_self are the words at `errnoAddr` and `selfAddr`. -EAGAIN where a program
   * cannot have threads (decoupled: its code runs in a worker; or not prepared by this l4wasm).
   */
  readonly threads: ThreadBackend = {
    threadCreate: (arg, stackTop, errnoAddr, selfAddr) => {
      const inst = this.instance;
      if (!(inst instanceof ProgramInstance) || !inst.canThread) return -Errno.EAGAIN;
      this.threadGroup ??= new ThreadGroup(this.threadHost(inst), this.pid);
      return this.threadGroup.create(arg, stackTop, errnoAddr, selfAddr);
    },
    threadExit: () => {
      const r = this.threadGroup?.exit() ?? -Errno.ESRCH;
      return r < 0 ? r : SUSPEND;
    },
    futexWait: (addr, expected, value, deadlineNs) =>
      this.threadGroup?.futexWait(addr, expected, value, deadlineNs, () => this.wait({ deadlineNs })),
    futexWake: (addr, count) => this.threadGroup?.futexWake(addr, count) ?? 0,
    threadCancel: (tid) => this.threadGroup?.cancel(tid) ?? -Errno.ESRCH,
  };

  private threadHost(inst: ProgramInstance) {
    const self = this;
    const k = this.kernel;
    return {
      instance: inst,
      get restart() { return self.restart; },
      set restart(r: Restart<PendingImage> | undefined) { self.restart = r; },
      monotonicNs: () => this.clock.monotonicNs(),
      yieldCpu: () => k.yield(this.thread.id),
      notify: this.notify,
      mask: (): [number, number] => [this.signals.state.blockedLo, this.signals.state.blockedHi],
      signals: this.signals.state,
      block: (deadlineNs: bigint | undefined) => this.waitForWake(deadlineNs),
    };
  }

  // ---- the syscall context ----

  wait(spec: WaitSpec): number {
    // Inside a signal handler that runs at a call which cannot suspend: never wait.
    if (this.signals.suspendForbidden > 0) return -Errno.EINTR;
    const interrupted = this.signals.interruptWait(spec);
    if (interrupted !== undefined) return interrupted;
    this.accountMemory();
    const threads = this.threadGroup;
    // pthread_cancel of a thread in a blocking call: the call ends (EINTR) and the thread with it, at the call's boundary.
    if (threads?.cancelDue() === true) {
      this.signals.lookNow();
      return -Errno.EINTR;
    }
    if (threads !== undefined) {
      // Only this thread waits: its subscriptions wake it; the process's other threads run meanwhile.
      for (const { file } of spec.files ?? []) threads.subscribeCurrent((wake) => file.subscribe(wake));
      for (const source of spec.sources ?? []) threads.subscribeCurrent((wake) => source.subscribe(wake));
    } else {
      for (const { file } of spec.files ?? []) this.subscriptions.push(file.subscribe(this.notify));
      for (const source of spec.sources ?? []) this.subscriptions.push(source.subscribe(this.notify));
    }
    let deadlineNs = spec.deadlineNs;
    for (const { file } of spec.files ?? []) {
      // A file that becomes ready on its own (a timerfd) is looked at again when it does.
      const at = file.readyAtNs?.();
      if (at !== undefined && (deadlineNs === undefined || at < deadlineNs)) deadlineNs = at;
    }
    // A thread of several waits alone (the process runs its others); a process waits in the kernel.
    if (threads !== undefined) threads.waiting(deadlineNs);
    else this.waitForWake(deadlineNs);
    return SUSPEND;
  }

  /** The kernel thread waits for its wake-up IRQ until `deadlineNs` (monotonic; undefined: for good). */
  private waitForWake(deadlineNs: bigint | undefined): void {
    let timeout: number = Timeout.Never;
    if (deadlineNs !== undefined) {
      const remaining = deadlineNs - this.clock.monotonicNs();
      timeout = remaining <= 0n ? Timeout.Poll : Math.max(1, Math.ceil(Number(remaining) / 1000));
    }
    // Blocks unless the IRQ is already pending or the timeout is zero; either way the call
    // runs again from the start once the thread is scheduled.
    const r = this.kernel.receive(this.thread.id, Slot.WakeIrq, timeout);
    if (r !== -KErr.WouldBlock) this.kernel.yield(this.thread.id);
  }

  yield(): number {
    if (this.restart?.kind === 'yielded' || this.signals.suspendForbidden > 0) return 0;
    this.restart = { kind: 'yielded' };
    this.accountMemory();
    this.threadGroup?.requestYield();
    this.kernel.yield(this.thread.id);
    return SUSPEND;
  }

  random(buf: Uint8Array): void { randomFillSync(buf); }

  brokenPipe(): void {
    this.signals.sendToRunning(Sig.PIPE, { code: SiCode.KERNEL, pid: 0, uid: 0, addr: 0, value: 0 });
  }

  fileSizeLimit(): number {
    const l = (existingPosixState(this)?.limits ?? this.initialLimits)[Rlimit.FSIZE];
    return l === undefined || l.cur >= RLIM_INFINITY ? Infinity : Number(l.cur);
  }

  fileTooLarge(): void {
    this.signals.sendToRunning(Sig.XFSZ, { code: SiCode.KERNEL, pid: 0, uid: 0, addr: 0, value: 0 });
  }

  workingDirectory(path: string): void {
    this.cwd = path;
  }

  /** proc_raise: the signal is delivered as the call returns. */
  raise(wasiSignal: number): number {
    const sig = linuxSignal(wasiSignal);
    if (sig === undefined) return -Errno.EINVAL;
    return this.signals.raise(sig);
  }

  /** A cancellation point of a thread with a cancel due: the thread ends as the call returns (the boundary runs it). */
  cancelDue(): boolean {
    if (this.threadGroup?.cancelDue() !== true) return false;
    this.signals.lookNow();
    return true;
  }

  onInternalError(call: string, error: unknown): void {
    const report = { pid: this.pid, program: this.image.name, where: call, error, fatal: false };
    if (this.host.reportInternalError !== undefined) this.host.reportInternalError(report);
    else process.emitWarning(`l4wasm: ${this.image.name}: internal error in ${call}: ${(error as Error)?.stack ?? error}`);
  }
}
