// A machine: the kernel, the boot CPU's loop, the root task and its server loop, the VFS, and the
// guest processes multiplexed on the CPU. This is what the CLI and the Node API drive.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { basename, posix as posixPath, resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { Cpu } from '../kernel/cpu.js';
import { Kernel, KernelError, KErr, type Cap } from '../kernel/kernel.js';
import { RealtimeOffset } from '../libc/time.js';
import { PROVIDED_IMPORTS } from '../libc/syscalls/index.js';
import { RootTask } from '../l4re/root_task.js';
import { ServerLoop } from '../l4re/server_loop.js';
import { L4Namespace } from '../l4re/l4_namespace.js';
import { L4ShmFs } from '../vfs/l4shm.js';
import { L4Task, type TaskOptions } from './l4_task.js';
import { ConsoleInput, ConsoleOutput, createDefaultTree, HostFileBudget, TmpFs, type ConsoleFiles, type MountTree, type TmpFsBudget } from '../vfs/index.js';
import { hostClosesSettled } from '../vfs/hostfs.js';
import type { FileSystem, Vfs } from '../vfs/types.js';
import { WaitQueue } from '../wait_queue.js';
import { LoadError, type ExecutionMode, type ProgramImage } from './program.js';
import { IMAGE_CACHE, ImageLoader } from './image_loader.js';
import type { PrepareProgress } from './asyncify.js';
import {
  Process, type ExitStatus, type InternalErrorReport, type MemoryBudget, type ProcessHost, type ProcessOptions,
} from './process.js';
import { ProcessTable } from './process_table.js';
import { procSource } from './proc_source.js';
import { ProcFs } from '../vfs/procfs.js';
import { mountZoneinfo } from './zoneinfo.js';
import { phase } from './start_phases.js';
import { dropSpare, prewarmDecoupledWorker } from './decoupled.js';
import { readProgramFile, type ProgramFile } from './program_file.js';
import { builtinShell } from './shell.js';
import { builtinCoreutils } from './coreutils.js';
import type { ChildSpec, ControlHost, PendingImage } from './process_control.js';
import { createHash } from 'node:crypto';
import { NSIG, SIGKILL } from './signals.js';
import { Errno, errnoName } from '../errno.js';
import { CorePinning } from './core_pinning.js';
import { FileType } from '../vfs/types.js';
import {
  MachineFs, checkEmbedderImports, providedWith, signalName, signalNumber, withEmbedderImports,
  type EmbedderImports, type SignalName,
} from './node_api.js';
import { Rlimit } from '../libc/posix_abi.js';
import type { Limit } from '../libc/posix_state.js';
import { signalfdsForChild } from '../libc/l4posix_signalfd.js';

export interface MountOption {
  /** A host directory. */
  host: string;
  /** Where it appears in the guest (absolute). */
  guest: string;
  readOnly?: boolean;
  /**
   * The name WASI programs see its preopen announced under (fd_prestat_dir_name); default: `guest`.
   * A relative name ("fs-tests.dir", as the wasi-testsuite's runner passes) is how a program
   * whose working directory is '/' names it.
   */
  preopenName?: string;
}

/** A boot module: shown read-only as /rom/<name>. */
export type RomOption = { name: string; data: Uint8Array | string } | { name?: string; path: string };

export interface MachineOptions {
  /** Host directories to mount (also WASI preopens). Nothing else of the host is visible but its zone data (`zoneinfo`). */
  mounts?: MountOption[];
  /**
   * Whether programs get the guest root "/" as their first WASI preopen (default true). false:
   * only the mounts are preopened, as WASI runtimes preopen only the directories they are given
   * (a program started with none has no descriptor 3 and no path to open).
   */
  rootPreopen?: boolean;
  roms?: RomOption[];
  /** Environment every program starts with (spawn's env adds to it). */
  env?: Record<string, string>;
  /** Where the machine console (/dev/tty) writes; default: nowhere. */
  console?: (bytes: Uint8Array) => void;
  /** Wraps every program's import table (spawn's wrapImports applies after this one). */
  wrapImports?: ProcessOptions['wrapImports'];
  /** The machine's host name, as uname and gethostname report it (default "l4wasm"). */
  hostname?: string;
  /** Long work (a first asyncify transform) reports here. */
  onProgress?: (text: string) => void;
  /**
   * Gives each decoupled program's worker thread a core of its own, and the rest of this process
   * (the vCPU, V8's and libuv's threads) the cores left (Linux, with util-linux's taskset; core 0
   * stays the vCPU's, so a machine with N cores isolates up to N-1 programs). Default false: the
   * host's scheduler places every thread. Where it cannot, one line on onProgress says why.
   */
  isolateCores?: boolean;
  /**
   * Programs installed into the guest tree at boot, by guest path (e.g. '/bin/cat'): a host path
   * or the module's bytes. posix_spawn and exec load programs from the guest tree.
   */
  programs?: Record<string, string | Uint8Array>;
  /**
   * Host program files about to be spawned (as spawn(path) in the machine's mode): those whose
   * prepared modules the cache holds are read and compiled while the machine boots.
   */
  preload?: readonly string[];
  /**
   * The program at /bin/sh, which system() and popen() run as `sh -c command`: a host path or the
   * module's bytes, or false for none. Default: l4wasm's shell (examples/sh/, built into
   * build/sh.wasm), unless `programs` has a '/bin/sh' or a host directory holds the guest's /bin
   * (its own sh, if any, is then the shell).
   */
  shell?: string | Uint8Array | false;
  /**
   * The guest's utilities (l4wasm's coreutils: ls, cat, sort, grep, ...; build/coreutils.json
   * lists them) at /bin/NAME, where the shell installs: default true; false for none. A program
   * `programs` gives at the same path wins.
   */
  coreutils?: boolean;
  /** At most this many live processes (default 256); spawn and fork beyond fail with EAGAIN. */
  processLimit?: number;
  /**
   * How programs run: 'auto' (default) multiplexes them on the vCPU and decouples those whose
   * preparation is over budget or fails; 'multiplexed' or 'decoupled' for all.
   */
  mode?: ExecutionMode;
  /** Code size (bytes) above which 'auto' decouples instead of preparing (default 1 MiB). */
  prepareBudgetBytes?: number;
  /** Time (ms) a preparation may take; past it 'auto' stops it and decouples (default 20 s). */
  prepareTimeBudget?: number;
  /** Memory (bytes) a preparation may take; past it 'auto' stops it and decouples (default 1 GiB). */
  prepareMemoryBudget?: number;
  /**
   * Default true: 'auto' runs a pure WASI program (no l4posix imports) that is not prepared yet
   * decoupled at once, and prepares it for its next runs in a background process of its own
   * (lowest priority, one at a time, outliving this process). False: its first run waits for
   * the preparation and runs multiplexed.
   */
  prepareInBackground?: boolean;
  /** Told as an uncached preparation enters each phase, with the elapsed time and the module's size. */
  onPrepareProgress?: (progress: PrepareProgress & { program: string }) => void;
  /**
   * Told about every exception inside l4wasm that a program's activity met (a back end, a server,
   * an import wrapper), once per distinct error: the call failed with EIO, or (`fatal`) its
   * process ended with status 125. Default: a process warning.
   */
  onInternalError?: (report: InternalErrorReport) => void;
  /**
   * At most this many files of host mounts open at once, machine-wide (each holds a descriptor of
   * the Node process); opens beyond fail with ENFILE. Default: half the Node process's own
   * descriptor limit, at most 4096. Each process also has RLIMIT_NOFILE (1024; EMFILE).
   */
  hostFileLimit?: number;
  /**
   * Whether a decoupled program's writes to host files it writes on its own core are made by the
   * write-behind thread (write_behind_ring.ts: its call returns once the bytes are copied; every
   * other call of any program waits for them). Default true; false: each such write is made before
   * its call returns (the error of a failed write then comes from the write, not a later fsync or close).
   */
  writeBehind?: boolean;
  /**
   * Bytes of memory all the machine's programs may take together (their linear memories and
   * mmaps, and 8 MiB for each decoupled program's worker); a memory.grow, malloc or mmap beyond
   * fails with ENOMEM, a spawn with ENOMEM. Default:
   * half the host's memory, at most 4 GiB.
   */
  memoryLimit?: number;
  /**
   * Each process's RLIMIT_AS (bytes; a program may lower its own). Default: unlimited, which for
   * a wasm32 program means its 4 GiB address space, within what memoryLimit leaves.
   */
  processMemoryLimit?: number;
  /**
   * Each process's RLIMIT_CPU in seconds of CPU time: SIGXCPU at that many seconds (and every
   * second after), SIGKILL one second later. Default: none.
   */
  cpuLimit?: number;
  /**
   * Time-zone data shown read-only at /usr/share/zoneinfo (TZ=Europe/Berlin reads it): a host
   * directory of TZif files, or false for none. Default: the host's /usr/share/zoneinfo when it
   * exists and the guest tree has nothing of the host there already.
   */
  zoneinfo?: string | false;
}

/** The machine's memory limit unless set: half the host's memory, at most 4 GiB. */
export function defaultMemoryLimit(): number {
  return Math.min(4 * 1024 ** 3, Math.floor(totalmem() / 2 / 65536) * 65536);
}

export interface SpawnOptions {
  /**
   * argv, including argv[0]. Default: for a program given by host path, /bin/NAME (NAME: its file
   * name without .wasm), where the machine installs it unless another program is there already,
   * so that execv(argv[0]) starts it again; otherwise the file name.
   */
  args?: string[];
  env?: Record<string, string>;
  /**
   * Standard input: its whole contents; 'pipe' to feed it with p.write() and p.end(); 'inherit'
   * for the host's stdin. Default: empty.
   */
  stdin?: string | Uint8Array | 'pipe' | 'inherit';
  /** 'pipe' (default) collects output in p.stdout/p.stderr and streams; 'inherit' writes to the host's. */
  stdio?: 'pipe' | 'inherit';
  /**
   * With stdio 'pipe': the most bytes kept of stdout, and of stderr (as child_process.exec's
   * maxBuffer). A program that writes more is killed (SIGKILL, `error` says so); what it wrote up
   * to the limit is kept, and later writes (its children's) fail with EPIPE. Default 64 MiB.
   * Infinity keeps everything (a program that streams for good then takes the host's memory, and
   * p.stdout throws past V8's longest string, 512 MiB).
   */
  maxBuffer?: number;
  /** Name used in messages (default: the path). */
  name?: string;
  /** Wraps this program's import table (tracing, other syscall paths); see ProcessOptions. */
  wrapImports?: ProcessOptions['wrapImports'];
  /** Called once the program is loaded (prepared, instantiated), just before it first runs. */
  onStart?: () => void;
  /**
   * Wall-clock limit in milliseconds from its start: then it is killed (SIGKILL; its status has
   * limit 'time' and says so in `error`). Default: none.
   */
  timeout?: number;
  /**
   * Run the program decoupled: its original code in a worker thread of its own (its own core),
   * its calls forwarded to the vCPU. No preparation; fork is not available (ENOSYS).
   */
  decouple?: boolean;
  /**
   * The program's working directory in the guest tree (default '/'); it must exist. Programs
   * built with l4wasm cc enter it before main; every program finds it in PWD.
   */
  cwd?: string;
  /**
   * Functions of the embedder the program may import, by module and name (synchronous; they
   * take and return numbers, and reach the program's memory through p.memory). They add to, or
   * replace, what l4wasm provides. Not with `decouple`.
   */
  imports?: EmbedderImports;
}

/** What GuestProcess.wait() resolves with. */
export interface WaitResult {
  /** The exit status (128 + the signal's number when a signal ended it, as a shell shows it). */
  code: number;
  /** The signal that ended it ('SIGTERM'), or null when it exited. */
  signal: string | null;
  /** What it wrote (with stdio 'pipe'). */
  stdout: string;
  stderr: string;
}

const PROVIDED: Record<string, ReadonlySet<string>> = PROVIDED_IMPORTS;

/** A program started with Machine.spawn. */
export class GuestProcess {
  /** Resolves with the exit status; rejects with LoadError when the program cannot be loaded. */
  readonly exit: Promise<ExitStatus>;
  readonly stdoutStream = new PassThrough();
  readonly stderrStream = new PassThrough();
  private readonly out: Uint8Array[] = [];
  private readonly err: Uint8Array[] = [];
  /** Bytes kept of stdout and stderr ([1], [2]); collect() keeps at most maxBuffer of each. */
  private readonly kept = [0, 0, 0];
  /** @internal Set by spawn (SpawnOptions.maxBuffer). */
  maxBuffer = DEFAULT_MAX_BUFFER;
  /** The kernel-side process once loaded. */
  process?: Process;
  private readonly pendingSignals: number[] = [];

  constructor(readonly pid: number, readonly input: ConsoleInput, run: (p: GuestProcess) => Promise<ExitStatus>) {
    this.exit = run(this).finally(() => {
      this.stdoutStream.end();
      this.stderrStream.end();
    });
    this.exit.catch(() => {}); // the caller sees the rejection through `exit`
  }

  /** Everything the program wrote to stdout so far (with stdio 'pipe'). */
  get stdout(): string { return Buffer.concat(this.out).toString('utf8'); }
  get stderr(): string { return Buffer.concat(this.err).toString('utf8'); }

  /** Feeds the program's standard input; end() closes it. */
  write(data: string | Uint8Array): void { this.input.push(typeof data === 'string' ? Buffer.from(data) : data); }
  end(): void { this.input.end(); }

  private stdinStream?: Writable;
  /** The program's standard input as a writable stream (spawn with stdin: 'pipe'); end() closes it. */
  get stdin(): Writable {
    this.stdinStream ??= new Writable({
      write: (chunk: Buffer, _enc, done) => { this.input.push(chunk); done(); },
      final: (done) => { this.input.end(); done(); },
    });
    return this.stdinStream;
  }

  /**
   * Resolves once the program has ended, with its status and everything it wrote, as
   * child_process users expect; rejects with LoadError when it could not be loaded.
   */
  async wait(): Promise<WaitResult> {
    const s = await this.exit;
    return { code: s.code, signal: s.signal === undefined ? null : signalName(s.signal), stdout: this.stdout, stderr: this.stderr };
  }

  /** The program's linear memory while it runs (for the embedder's imports); undefined before and after. */
  get memory(): WebAssembly.Memory | undefined {
    const p = this.process;
    return p === undefined || p.ended ? undefined : p.memory;
  }

  /**
   * Sends the program a signal (SIGKILL by default), as kill(2) would; a handler may catch it.
   * A signal sent while the program is still loading is delivered as soon as it exists.
   */
  kill(signal: number | SignalName | (string & {}) = SIGKILL): void {
    if (typeof signal === 'string') {
      const n = signalNumber(signal);
      if (n === undefined) throw new RangeError(`kill: ${signal} is not a signal (a name such as 'SIGTERM', or a number 1 to ${NSIG - 1})`);
      signal = n;
    }
    if (typeof signal !== 'number' || !Number.isInteger(signal) || signal < 0 || signal >= NSIG) {
      throw new RangeError(`kill: ${String(signal)} is not a signal (1 to ${NSIG - 1}, or 0 to test nothing)`);
    }
    if (signal === 0) return;
    if (this.process !== undefined) this.process.kill(signal);
    else this.pendingSignals.push(signal);
  }

  /** @internal The process exists now: it gets the signals sent while it was loading. */
  attach(process: Process): void {
    this.process = process;
    for (const sig of this.pendingSignals.splice(0)) process.kill(sig);
  }

  /** @internal */ collect(which: 1 | 2, bytes: Uint8Array): number | void {
    // A child that inherited the output may write after this process ended (and its streams
    // did): that output has no reader any more and is dropped, rather than kept without bound.
    const stream = which === 1 ? this.stdoutStream : this.stderrStream;
    if (stream.writableEnded) return;
    // Kept without bound, a program's endless output would take the host's memory (and p.stdout
    // would throw beyond V8's longest string): past maxBuffer it is killed, as exec() kills.
    const room = this.maxBuffer - this.kept[which]!;
    const fits = bytes.length <= room;
    if (!fits) bytes = bytes.subarray(0, room);
    if (bytes.length > 0) {
      this.kept[which]! += bytes.length;
      (which === 1 ? this.out : this.err).push(bytes);
      stream.write(bytes);
    }
    if (fits) return;
    if (this.overflow === undefined) {
      const error = `its ${which === 1 ? 'stdout' : 'stderr'} exceeded maxBuffer (${this.maxBuffer} bytes)`;
      this.overflow = error;
      // Not inside the write that is running now (a decoupled program's loop would go on with
      // its thread gone): between calls, as a timeout ends it.
      setImmediate(() => this.process?.terminate(SIGKILL, { error }));
    }
    // What did not fit is refused, as by a reader that went away (what fitted is kept).
    return -Errno.EPIPE;
  }

  /** @internal Why the output was cut (maxBuffer), once it was. */
  overflow: string | undefined;
}

/**
 * Writes a program's output to the host's stdout (1) or stderr (2). Once the reader went away
 * (`l4wasm run prog | head -1`) the host stream reports EPIPE; from then on the program's writes
 * fail with EPIPE (and it gets SIGPIPE), as on Linux, and Node prints no unhandled-error trace.
 */
function writeHostOutput(which: 1 | 2, bytes: Uint8Array): number | void {
  const stream = which === 1 ? process.stdout : process.stderr;
  watchHostOutput(stream);
  if (hostOutputErrors.has(stream) || stream.destroyed || stream.writableEnded) {
    return -(hostOutputErrors.get(stream) ?? Errno.EPIPE);
  }
  stream.write(bytes);
}

const hostOutputErrors = new Map<NodeJS.WriteStream, number>();
const watchedHostOutput = new Set<NodeJS.WriteStream>();

function watchHostOutput(stream: NodeJS.WriteStream): void {
  if (watchedHostOutput.has(stream)) return;
  watchedHostOutput.add(stream);
  stream.on('error', (e: NodeJS.ErrnoException) => {
    hostOutputErrors.set(stream, e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED' ? Errno.EPIPE : Errno.EIO);
  });
}

/**
 * A program's output to a host stream: its writes wait while the stream holds more than its
 * high-water mark (a pipe to a slow reader), so the host buffers no more than that.
 */
function hostOutput(out: ConsoleOutput, stream: NodeJS.WritableStream | undefined): ConsoleOutput {
  if (stream === undefined) return out;
  const w = stream as NodeJS.WritableStream & { writableNeedDrain?: boolean; destroyed?: boolean; writableEnded?: boolean; errored?: unknown };
  let drained = drainQueues.get(stream);
  if (drained === undefined) {
    const d = { queue: new WaitQueue(), ended: false };
    drained = d;
    drainQueues.set(stream, d);
    // One listener per stream, whatever the number of programs writing to it. Once the stream
    // failed or closed it is never full again: a writer must not wait for a drain that cannot
    // come (it writes, and gets EPIPE). Its own flags are no proof of that: a stdout pipe whose
    // reader went away may still say it needs a drain.
    const wake = () => d.queue.wakeAll();
    const end = () => { d.ended = true; wake(); };
    stream.on('drain', wake).on('close', end).on('error', end);
  }
  const d = drained;
  return out.setBackpressure({
    full: () => !d.ended && w.writableNeedDrain === true && w.destroyed !== true && w.writableEnded !== true && !w.errored,
    onDrain: (wake) => d.queue.add(wake),
  });
}

const drainQueues = new WeakMap<NodeJS.WritableStream, { queue: WaitQueue; ended: boolean }>();

/** The host's stdin as a program's console input, read only once the program asks for input. */
class HostStdin {
  private stopFn?: () => void;

  start(input: ConsoleInput): void {
    if (this.stopFn !== undefined) return;
    // An earlier program read the host's input to its end: this one finds it ended at once.
    if (process.stdin.readableEnded) {
      input.end();
      this.stopFn = () => {};
      return;
    }
    const onData = (b: Buffer) => input.push(b);
    const onEnd = () => input.end();
    process.stdin.on('data', onData).on('end', onEnd);
    process.stdin.resume();
    this.stopFn = () => {
      process.stdin.off('data', onData).off('end', onEnd);
      process.stdin.pause();
      // A paused pipe or terminal still holds the event loop; the program is done with it.
      (process.stdin as { unref?: () => void }).unref?.();
    };
  }

  stop(): void { this.stopFn?.(); }
}

/** How long after a decoupled program starts running the next one's worker is booted (ms). */
const PREWARM_AFTER_START_MS = 100;

export class Machine implements ProcessHost, ControlHost {
  readonly cpu: Cpu;
  readonly vfs: MountTree;
  /** The host directories mounted for this machine (MachineOptions.mounts): closed at shutdown. */
  private readonly hostMounts: FileSystem[] = [];
  /** What the machine's tmpfs mounts hold together, within memoryLimit. */
  private readonly tmpfsBudget: TmpFsBudget;
  readonly realtime: RealtimeOffset;
  readonly rootGate: Cap;
  /** The machine console behind /dev/tty: feed console.input, its output goes to options.console. */
  readonly console: ConsoleFiles;
  /** Every process, zombies included; the machine is init (it reaps its own children and orphans). */
  readonly table: ProcessTable<Process>;
  /** The machine's memory limit and what its processes' memories take of it. */
  readonly memory: MemoryBudget;
  /** The resource limits a process spawned through the API starts with (RLIMIT_AS, RLIMIT_CPU). */
  private readonly defaultLimits: Partial<Record<number, Limit>>;
  /** The host descriptors the machine's host mounts hold (see MachineOptions.hostFileLimit). */
  readonly hostFiles: HostFileBudget;
  readonly writeBehind: boolean;
  /** Program images by content hash: every spawn of the same program shares its module. */
  private readonly images = new Map<string, PendingImage>();
  private loop?: Promise<void>;
  private shuttingDown = false;
  /** isolateCores: which threads have cores of their own (made at the first decoupled program). */
  private pinning: CorePinning | undefined;
  private pinningNoticed = false;
  private readonly serverThread: number;
  /** Ends a spawn that has not started yet (shutdown). */
  private readonly starting = new Set<() => void>();
  /** The internal errors reported so far (each distinct one is reported once). */
  private readonly reported = new Set<string>();
  /** Named channels, IRQs and shared dataspaces for the L4 API (l4re_env_get_cap). */
  readonly l4: L4Namespace;
  /** The native L4 tasks running beside the guest. */
  private readonly tasks = new Set<L4Task>();

  private constructor(
    readonly kernel: Kernel,
    readonly rootTask: RootTask,
    private readonly options: MachineOptions,
    /** Program images by way of running and content (the spawns of host files and bytes). */
    private readonly loader: ImageLoader,
    /** Aborted at shutdown: stops the preparations still running in their workers. */
    private readonly preparations: AbortController,
  ) {
    this.cpu = new Cpu(kernel, { onError: (t, e) => this.hostThreadFailed(t, e) });
    this.realtime = new RealtimeOffset(kernel);
    const server = ServerLoop.start(kernel, this.cpu);
    this.serverThread = server.thread;
    server.registry.onError = (obj, e) => this.reportInternalError({ where: `server ${obj.constructor.name}`, error: e, fatal: false });
    this.rootGate = server.registry.register(rootTask).cap;
    this.console = { input: new ConsoleInput(), output: new ConsoleOutput(options.console ?? (() => {})) };
    this.hostFiles = new HostFileBudget(options.hostFileLimit);
    this.writeBehind = options.writeBehind !== false;
    // The files of its tmpfs mounts live in the host's memory: together within memoryLimit (ENOSPC).
    this.tmpfsBudget = { limit: rootTask.memoryLimit, used: 0 };
    this.vfs = createDefaultTree({
      roms: rootTask.bootModules(), dirs: options.mounts ?? [], console: this.console, hostFiles: this.hostFiles, created: this.hostMounts,
      tmpfsBudget: this.tmpfsBudget,
    });
    if (options.zoneinfo !== false) mountZoneinfo(this.vfs, this.hostFiles, options.zoneinfo);
    // Linux's /proc, unless a directory of the host was mounted there.
    if (!this.vfs.mounts().some((mt) => mt.path === '/proc')) {
      const table = () => this.table.map;
      this.vfs.mount('/proc', new ProcFs(procSource({
        get running() { return table(); }, hostname: options.hostname, cpus: kernel.ncpus,
        uptimeNs: () => BigInt(Math.floor(kernel.nowUs() * 1000)),
        memory: () => ({ total: rootTask.memoryLimit, free: Math.max(0, rootTask.memoryLimit - rootTask.allocated) }),
        mounts: () => this.vfs.mounts(),
        processesCreated: () => this.table.created,
      }), () => this.vfs.mounts()));
    }
    // /dev/l4shm appears with the first proxy (the guest side of the proxy driver).
    this.l4 = new L4Namespace(kernel, rootTask, server.registry, this.cpu,
      () => { this.vfs.mount('/dev/l4shm', new L4ShmFs(this.l4)); });
    this.table = new ProcessTable(options.processLimit);
    this.memory = { limit: rootTask.memoryLimit, used: 0 };
    this.defaultLimits = {};
    if (options.processMemoryLimit !== undefined && options.processMemoryLimit < 2 ** 32) {
      const as = BigInt(Math.max(0, Math.floor(options.processMemoryLimit)));
      this.defaultLimits[Rlimit.AS] = { cur: as, max: as };
    }
    if (options.cpuLimit !== undefined) {
      const sec = BigInt(Math.max(1, Math.ceil(options.cpuLimit)));
      this.defaultLimits[Rlimit.CPU] = { cur: sec, max: sec + 1n };
    }
  }

  /** The machine offers the process calls (spawn, wait, groups) to its programs. */
  get control(): ControlHost { return this; }

  /** Boots the kernel, the root task with the boot modules, and the file systems. */
  static async boot(options: MachineOptions = {}): Promise<Machine> {
    const preparations = new AbortController();
    const loader = new ImageLoader(options, preparations.signal, PROVIDED);
    // Loaded meanwhile: a cached prepared module is compiled on V8's threads while the kernel boots.
    for (const path of options.preload ?? []) loader.preload(path);
    try {
      return await Machine.bootWith(options, loader, preparations);
    } catch (e) {
      preparations.abort();
      throw e;
    }
  }

  private static async bootWith(options: MachineOptions, loader: ImageLoader, preparations: AbortController): Promise<Machine> {
    const kernel = await Kernel.boot();
    phase('kernel');
    const root = new RootTask(options.memoryLimit ?? defaultMemoryLimit());
    for (const rom of options.roms ?? []) {
      if ('path' in rom) {
        let data: Uint8Array;
        try { data = readFileSync(rom.path); } catch (e) {
          throw new Error(`boot module ${rom.path}: ${(e as Error).message}`);
        }
        root.addBootModule(rom.name ?? basename(rom.path), data);
      } else {
        root.addBootModule(rom.name, typeof rom.data === 'string' ? Buffer.from(rom.data) : rom.data);
      }
    }
    phase('roms');
    const m = new Machine(kernel, root, options, loader, preparations);
    phase('tree');
    const programs = m.withSystemPrograms(options.programs ?? {}, options.shell, options.coreutils);
    m.programsInMemory(Object.keys(programs));
    for (const [path, program] of Object.entries(programs)) {
      try {
        if (typeof program === 'string') m.installFile(path, program);
        else m.install(path, program);
      } catch (e) {
        throw new Error(`program ${path}: ${(e as Error).message}`);
      }
    }
    phase('bin');
    return m;
  }

  /**
   * Makes a program spawned from a host file reachable in the guest tree at /bin/NAME, so that
   * its argv[0] names it: installed there when nothing is, kept when the same program is there
   * already. Returns that path, or undefined when /bin/NAME holds another program, /bin is not
   * the machine's memory (a host directory), or the file cannot be read (the load reports that).
   */
  private installSpawned(hostPath: string): string | undefined {
    const path = `/bin/${basename(hostPath).replace(/\.wasm$/, '')}`;
    let file: ProgramFile;
    try { file = readProgramFile(hostPath); } catch { return undefined; }
    const bytes = file.bytes;
    this.loader.keepRead(hostPath, file);
    const st = this.vfs.stat(path);
    if (typeof st !== 'number') return st.type === FileType.RegularFile && st.size === BigInt(bytes.length) && this.sameFile(path, bytes) ? path : undefined;
    const holder = this.vfs.mounts().filter((mt) => mt.path === '/' || mt.path === '/bin').sort((a, b) => b.path.length - a.path.length)[0];
    if (!(holder?.fs instanceof TmpFs)) return undefined;
    try { this.install(path, bytes); } catch { return undefined; }
    return path;
  }

  /** Whether the guest file at `path` holds exactly `bytes`. */
  private sameFile(path: string, bytes: Uint8Array): boolean {
    const f = this.vfs.open(path, { read: true, write: false });
    if (typeof f === 'number') return false;
    try {
      const chunk = new Uint8Array(1 << 16);
      let done = 0;
      for (;;) {
        const n = f.read(chunk);
        if (n < 0) return false;
        if (n === 0) return done === bytes.length;
        if (done + n > bytes.length || Buffer.compare(chunk.subarray(0, n), bytes.subarray(done, done + n)) !== 0) return false;
        done += n;
      }
    } finally {
      f.close();
    }
  }

  /**
   * `programs`, the shell at /bin/sh (MachineOptions.shell) and the utilities at /bin/NAME
   * (MachineOptions.coreutils): l4wasm's own only where /bin is in memory (a host directory's
   * /bin keeps its own programs).
   */
  private withSystemPrograms(programs: Record<string, string | Uint8Array>, shell: MachineOptions['shell'],
    coreutils: MachineOptions['coreutils']): Record<string, string | Uint8Array> {
    const inMemory = Object.keys(programs).some((p) => posixPath.dirname(posixPath.normalize('/' + p)) === '/bin')
      || this.vfs.mounts().filter((mt) => mt.path === '/' || mt.path === '/bin').sort((a, b) => b.path.length - a.path.length)[0]?.fs instanceof TmpFs;
    const out = { ...programs };
    if (shell !== false && out['/bin/sh'] === undefined) {
      const sh = shell ?? (inMemory ? builtinShell() : undefined);
      if (sh !== undefined) out['/bin/sh'] = sh;
    }
    const utilities = coreutils !== false && inMemory ? builtinCoreutils() : undefined;
    // Each name is the same host file, read when first executed: one module, one preparation.
    for (const name of utilities?.commands ?? []) out[`/bin/${name}`] ??= utilities!.wasm;
    return out;
  }

  /**
   * Programs given at boot live in memory, never in a host directory: a directory they go to that
   * a host mount (or any file system but tmpfs) holds gets a tmpfs of its own mounted over it,
   * e.g. /bin over a host directory mounted at '/' (whose own bin/ it then hides).
   */
  private programsInMemory(paths: readonly string[]): void {
    const dirs = new Set(paths.map((p) => posixPath.dirname(posixPath.normalize('/' + p))));
    for (const dir of dirs) {
      const holder = this.vfs.mounts().find((mt) => mt.path === dir || dir.startsWith(mt.path === '/' ? '/' : mt.path + '/'));
      if (holder === undefined || holder.fs instanceof TmpFs) continue;
      if (holder.path === dir) {
        throw new Error(`cannot install programs into ${dir}: ${holder.fs.name} is mounted there, and programs are only installed into memory; choose another directory for them`);
      }
      const r = this.vfs.mount(dir, new TmpFs(undefined, { budget: this.tmpfsBudget }));
      if (r < 0) throw new Error(`cannot mount memory for programs at ${dir} (errno ${-r})`);
    }
  }

  /**
   * Installs the host file `hostPath` at `path` as install does, but reads it only when the guest
   * first reads (or executes) it: a run's program is loaded from its head and the preparation
   * cache, and copying its tens of MB into memory cost more than the rest of its start. The
   * guest then sees the host file as it is at that first read. A file that cannot be read (then)
   * reads as empty; one that is not a regular file (a pipe) is read now.
   */
  private installFile(path: string, hostPath: string): void {
    const abs = resolve(hostPath);
    const st = statSync(abs);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${hostPath}'`), { code: 'EISDIR' });
    accessSync(abs, constants.R_OK);
    const holder = st.isFile() ? this.tmpfsAt(path) : undefined;
    if (holder === undefined) { this.install(path, readFileSync(abs)); return; }
    this.install(path, new Uint8Array(0));
    const r = holder.fs.deferContent(holder.rel, st.size, () => {
      try { return readFileSync(abs); } catch { return new Uint8Array(0); }
    });
    if (r < 0) this.install(path, readFileSync(abs));
  }

  /** The tmpfs that holds guest path `path` and the path inside it, when a tmpfs holds it. */
  private tmpfsAt(path: string): { fs: TmpFs; rel: string[] } | undefined {
    const abs = posixPath.normalize('/' + path);
    const mt = this.vfs.mounts()
      .filter((m) => m.path === '/' || abs === m.path || abs.startsWith(m.path + '/'))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (!(mt?.fs instanceof TmpFs)) return undefined;
    return { fs: mt.fs, rel: abs.slice(mt.path.length).split('/').filter(Boolean) };
  }

  /** Writes a program into the guest tree (creating its directories), executable. */
  install(path: string, bytes: Uint8Array): void {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) this.vfs.mkdir('/' + parts.slice(0, i).join('/'), 0o755);
    const f = this.vfs.open(path, { read: false, write: true, create: true, truncate: true, mode: 0o755 });
    if (typeof f === 'number') throw new Error(`install ${path}: cannot create it (errno ${-f})`);
    // What the host installs is counted in the tmpfs budget (the programs' room shrinks by it),
    // but not refused by it: a machine booted with a small memoryLimit still gets its shell.
    const limit = this.tmpfsBudget.limit;
    this.tmpfsBudget.limit = Infinity;
    try {
      for (let done = 0; done < bytes.length;) {
        const n = f.write(bytes.subarray(done));
        if (n <= 0) throw new Error(`install ${path}: write failed (errno ${-n})`);
        done += n;
      }
    } finally {
      this.tmpfsBudget.limit = limit;
      f.close();
    }
  }

  get hostname(): string | undefined { return this.options.hostname; }

  /**
   * A decoupled program's worker is running. The next one's is booted soon (see
   * decoupledProgramEnded): a program that ends within the ~40 ms a worker takes to boot here would
   * otherwise leave the next spawn waiting for it. Not at once: programs started together (a
   * pipeline) would boot it while their own workers boot, on the same cores. isolateCores: the
   * thread gets a core of its own, if one is left.
   */
  decoupledThreadStarted(p: Process, tid: number): void {
    if (this.shuttingDown) return;
    setTimeout(() => { if (!this.shuttingDown) prewarmDecoupledWorker(); }, PREWARM_AFTER_START_MS).unref();
    if (this.options.isolateCores !== true) return;
    this.pinning ??= new CorePinning();
    const core = this.pinning.isolate(tid);
    if (typeof core === 'string' && !this.pinningNoticed) {
      this.pinningNoticed = true;
      this.options.onProgress?.(`l4wasm: ${p.image.name}: runs decoupled without a core of its own: ${core}\n`);
    }
  }

  decoupledThreadEnded(tid: number): void { this.pinning?.release(tid); }

  /**
   * A worker is booted for the next decoupled program as one ends: a machine that has run one is
   * likely to run another (a shell's loop, a build), and Node's start of a worker (~25 ms here)
   * then overlaps what comes between instead of delaying that program's start. Unused, it ends
   * after a few seconds, or with the machine.
   */
  decoupledProgramEnded(): void {
    if (!this.shuttingDown) prewarmDecoupledWorker();
  }

  /**
   * The guest file tree for embedding, node:fs/promises style (readFile, writeFile, readdir, stat,
   * mkdir, rm...; errors carry `code`): write files before spawning, read results after. The
   * errno-returning synchronous tree is `vfs`.
   */
  get fs(): MachineFs { return (this.machineFs ??= new MachineFs(this.vfs)); }
  private machineFs?: MachineFs;

  /** Loads a program (a path on the host, or its bytes) and starts it as a new process. */
  spawn(program: string | Uint8Array, options: SpawnOptions = {}): GuestProcess {
    if (this.shuttingDown) throw new Error('machine is shut down');
    checkSpawnArguments(program, options);
    const name = options.name ?? (typeof program === 'string' ? program : 'program.wasm');
    checkEmbedderImports(options.imports);
    if (options.imports !== undefined && options.decouple) throw new TypeError('spawn: imports cannot be given to a decoupled program');
    if (options.cwd !== undefined) {
      const st = typeof options.cwd === 'string' && options.cwd.startsWith('/') ? this.vfs.stat(options.cwd) : -Errno.EINVAL;
      if (typeof st === 'number' || st.type !== FileType.Directory) {
        throw Object.assign(new Error(`spawn: cwd ${JSON.stringify(options.cwd)} is not a directory of the guest tree (an absolute guest path)`),
          { code: typeof st === 'number' ? errnoName(st) : 'ENOTDIR' });
      }
    }
    const argv0 = options.args === undefined && typeof program === 'string' ? this.installSpawned(program) : undefined;
    const pid = this.table.allocate();
    if (pid < 0) throw processLimitError(`${name}: the machine's process limit (${this.table.limit}) is reached`);
    // Until it runs, a shutdown ends it here (its program may still be loading).
    let abort!: () => void;
    const aborted = new Promise<undefined>((resolve) => { abort = () => resolve(undefined); });
    this.starting.add(abort);
    const hostStdin = options.stdin === 'inherit' ? new HostStdin() : undefined;
    const input = new ConsoleInput({
      isTerminal: hostStdin !== undefined && process.stdin.isTTY === true,
      onDemand: hostStdin && (() => hostStdin.start(input)),
    });
    return new GuestProcess(pid, input, async (gp) => {
      let image: ProgramImage | undefined;
      try {
        image = await Promise.race([this.loader.loadCached(program, name, options.decouple ? 'decoupled' : undefined, providedWith(PROVIDED, options.imports)), aborted]);
      } catch (e) {
        this.table.cancel(pid);
        throw e;
      } finally {
        this.starting.delete(abort);
      }
      if (image === undefined || this.shuttingDown) {
        this.table.cancel(pid);
        return { code: 128 + SIGKILL, signal: SIGKILL };
      }
      const inherit = options.stdio === 'inherit';
      if (options.maxBuffer !== undefined) gp.maxBuffer = options.maxBuffer;
      const sink = (which: 1 | 2) => (bytes: Uint8Array): number | void => {
        if (inherit) return writeHostOutput(which, bytes);
        return gp.collect(which, bytes);
      };
      if (hostStdin === undefined && options.stdin !== 'pipe') {
        const data = options.stdin as string | Uint8Array | undefined;
        if (data !== undefined) input.push(typeof data === 'string' ? Buffer.from(data) : data);
        input.end();
      }
      const env = { ...(this.options.env ?? {}), ...(options.env ?? {}), ...(options.cwd !== undefined ? { PWD: options.cwd } : {}) };
      const embedder = options.imports;
      let proc: Process;
      try {
        proc = new Process(this, image, {
        pid, ppid: 0, exe: argv0 ?? this.guestProgramPath(options.args?.[0]),
        args: options.args ?? [argv0 ?? basename(name)],
        env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
        stdio: [input,
          hostOutput(new ConsoleOutput(sink(1), { isTerminal: inherit && process.stdout.isTTY === true }), inherit ? process.stdout : undefined),
          hostOutput(new ConsoleOutput(sink(2), { isTerminal: inherit && process.stderr.isTTY === true }), inherit ? process.stderr : undefined)],
        preopens: (this.options.mounts ?? []).map((m) => (m.preopenName === undefined ? m.guest : { path: m.guest, name: m.preopenName })),
        rootPreopen: this.options.rootPreopen ?? true,
        wrapImports: composeWrappers(composeWrappers(embedder && ((t) => withEmbedderImports(t, embedder)), this.options.wrapImports), options.wrapImports),
        childWrapImports: composeWrappers(this.options.wrapImports, options.wrapImports),
        limits: this.defaultLimits,
        ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
        });
      } catch (e) {
        this.table.cancel(pid);
        if (e instanceof KernelError && e.code === KErr.NoSpace) {
          throw processLimitError(`${name}: the kernel has no room for another process (${this.table.liveCount} live)`);
        }
        throw e;
      }
      this.table.add(proc);
      gp.attach(proc);
      options.onStart?.();
      const release = this.cpu.hold();
      this.ensureLoop();
      const timer = options.timeout === undefined ? undefined : setTimeout(() => {
        proc.terminate(SIGKILL, { error: `timed out after ${options.timeout! / 1000} s`, limit: 'time' });
      }, Math.min(options.timeout, 0x7fffffff));
      try {
        const status = await proc.exit;
        // A program that could not start after all (found only as it was about to run).
        if (proc.failure instanceof LoadError) throw proc.failure;
        // Cut off at maxBuffer, it may have died of the EPIPE (SIGPIPE) before the SIGKILL came.
        if (gp.overflow !== undefined && status.error === undefined && status.signal !== undefined) return { ...status, error: gp.overflow };
        return status;
      } finally {
        clearTimeout(timer);
        release();
        hostStdin?.stop();
      }
    });
  }

  /** Starts the CPU loop if it is not running (it ends when nothing can run any more). */
  private ensureLoop(): void {
    if (this.loop !== undefined) { this.cpu.wake(); return; }
    this.loop = this.cpu.run()
      .catch((e: unknown) => this.loopFailed(e))
      .finally(() => { this.loop = undefined; });
  }

  /**
   * An exception inside l4wasm, met by a program's activity: reported once per distinct error
   * (a back end that fails on every call must not flood the host's output).
   */
  reportInternalError(report: InternalErrorReport): void {
    const message = report.error instanceof Error ? report.error.message : String(report.error);
    const key = `${report.fatal}\0${report.where}\0${message}`;
    if (this.reported.has(key)) return;
    // Bounded: errors that differ every time (a path in the message) must not fill the host.
    if (this.reported.size >= MAX_REPORTED) {
      if (this.reported.size > MAX_REPORTED) return;
      report = { where: 'l4wasm', error: new Error(`${MAX_REPORTED} distinct internal errors reported; no more will be`), fatal: false };
    }
    this.reported.add(key);
    if (this.options.onInternalError !== undefined) { this.options.onInternalError(report); return; }
    const who = report.program === undefined ? '' : ` ${report.program}:`;
    process.emitWarning(`l4wasm:${who} internal error in ${report.where}${report.fatal ? ' (the process ended)' : ''}: ${(report.error as Error)?.stack ?? report.error}`);
  }

  /** A host thread threw (the CPU killed its thread): the process it belongs to ends, nothing else. */
  private hostThreadFailed(thread: number, error: unknown): void {
    for (const p of this.table.map.values()) {
      if (p.thread.id !== thread && p.signals.handler.thread.id !== thread) continue;
      if (!(error instanceof LoadError)) this.reportInternalError({ pid: p.pid, program: p.image.name, where: 'its run', error, fatal: true });
      p.fail(error);
      return;
    }
    this.reportInternalError({ where: thread === this.serverThread ? 'the root server' : `host thread ${thread}`, error, fatal: true });
    if (thread === this.serverThread) this.loopFailed(error);
  }

  /** The CPU loop itself failed: no process can run on; each ends with an error status. */
  private loopFailed(error: unknown): void {
    this.reportInternalError({ where: 'the CPU loop', error, fatal: true });
    for (const p of [...this.table.map.values()]) p.fail(error);
  }

  processExited(p: Process): void {
    this.table.exited(p);
  }

  /** Processes by pid (zombies included until reaped). */
  get running(): ReadonlyMap<number, Process> { return this.table.map; }

  prepareImage(bytes: Uint8Array, name: string): PendingImage {
    const key = createHash('sha256').update(bytes).digest('hex');
    let pending = this.images.get(key);
    if (pending === undefined) {
      const p: { promise: Promise<unknown>; image?: ProgramImage; failed?: boolean } = { promise: Promise.resolve() };
      p.promise = this.loader.load(bytes, name).then(
        (image) => { p.image = image; },
        (e) => {
          p.failed = true;
          this.images.delete(key);
          if (!(e instanceof LoadError)) this.options.onProgress?.(`l4wasm: ${name}: ${(e as Error).message}\n`);
        });
      pending = p;
      this.images.set(key, pending);
      // Bounded: a guest that writes and spawns ever new programs must not keep every module.
      while (this.images.size > IMAGE_CACHE) this.images.delete(this.images.keys().next().value!);
    }
    return pending;
  }

  startChild(parent: Process, spec: ChildSpec): number {
    if (this.shuttingDown) return -Errno.EAGAIN;
    const pid = this.table.allocate();
    if (pid < 0) return pid;
    let child: Process;
    try {
      child = new Process(this, spec.image, {
        pid, ppid: parent.pid, exe: spec.path, args: spec.args, env: spec.env, fds: spec.fds, cwd: spec.cwd,
        pgid: spec.newSession ? pid : spec.pgid === undefined ? parent.identity.pgid : spec.pgid === 0 ? pid : spec.pgid,
        sid: spec.newSession ? pid : parent.identity.sid,
        sigmask: spec.sigmask, ignored: spec.ignored, limits: parent.inheritedLimits(),
        wrapImports: parent.childWrapImports, umask: parent.files.umask,
      });
    } catch (e) {
      this.table.cancel(pid);
      if (e instanceof LoadError) return -Errno.ENOEXEC;
      if (e instanceof KernelError && e.code === KErr.NoSpace) return -Errno.EAGAIN;
      return -Errno.ENOMEM;
    }
    this.table.add(child, parent);
    const release = this.cpu.hold();
    void child.exit.finally(release);
    this.ensureLoop();
    return pid;
  }

  forkChild(parent: Process): number {
    if (this.shuttingDown) return -Errno.EAGAIN;
    const pid = this.table.allocate();
    if (pid < 0) return pid;
    const st = parent.signals.state;
    let child: Process;
    const fds = parent.fds.clone();
    try {
      child = new Process(this, parent.image, {
        pid, ppid: parent.pid, exe: parent.exe, args: parent.args, env: parent.env, fds, cwd: parent.cwd,
        pgid: parent.identity.pgid, sid: parent.identity.sid, sigmask: [st.blockedLo, st.blockedHi],
        forkOf: parent, wrapImports: parent.childWrapImports, limits: parent.inheritedLimits(),
        umask: parent.files.umask,
      });
    } catch (e) {
      this.table.cancel(pid);
      fds.closeAll();
      return e instanceof KernelError && e.code === KErr.NoSpace ? -Errno.EAGAIN : -Errno.ENOMEM;
    }
    signalfdsForChild(fds, child.signals);
    this.table.add(child, parent);
    const release = this.cpu.hold();
    void child.exit.finally(release);
    this.ensureLoop();
    return pid;
  }

  /**
   * Starts a native L4 task beside the guest: `program` (a C program using only the L4 API) with
   * the capabilities `options.caps` names from the machine's L4 namespace (see src/guest/l4_task.ts);
   * with `decouple` its code runs on a core of its own, its calls forwarded to the vCPU.
   */
  async startTask(program: string | Uint8Array, options: TaskOptions & { name?: string; decouple?: boolean } = {}): Promise<L4Task> {
    const name = options.name ?? (typeof program === 'string' ? basename(program) : 'task');
    const image = await this.loader.loadCached(program, name, options.decouple ? 'decoupled' : 'multiplexed');
    const task = new L4Task(this, image, { args: [name], ...options });
    this.tasks.add(task);
    const release = this.cpu.hold();
    void task.exit.finally(() => { this.tasks.delete(task); release(); });
    this.ensureLoop();
    return task;
  }

  /** argv[0] when it is the absolute path of a regular file of the guest (the program, as a shell names it: /proc/PID/exe). */
  private guestProgramPath(argv0: string | undefined): string | undefined {
    if (argv0 === undefined || !argv0.startsWith('/')) return undefined;
    const st = this.vfs.stat(argv0);
    return typeof st !== 'number' && st.type === FileType.RegularFile ? argv0 : undefined;
  }

  /** Ends every process (SIGKILL) and task, and stops the CPU. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    this.preparations.abort(); // a preparation in its worker would run on to its end
    dropSpare(); // a decoupled program's worker started ahead for a load that will not run
    for (const abort of [...this.starting]) abort();
    for (const t of [...this.tasks]) t.kill('the machine shut down');
    for (const p of [...this.table.map.values()]) p.terminate(SIGKILL);
    if (this.loop !== undefined) {
      this.cpu.stop();
      await this.loop;
    }
    // Resolved with the host's descriptors of the machine's closed files closed too, and of its
    // host mounts (the zone data's is shared by every machine, and stays).
    await hostClosesSettled();
    for (const fs of this.hostMounts) fs.close?.();
  }
}

/** SpawnOptions.maxBuffer's default (bytes of stdout, and of stderr). */
const DEFAULT_MAX_BUFFER = 64 * 1024 * 1024;
/** The largest maxBuffer: V8's longest string (p.stdout is one). */
const MAX_BUFFER_LIMIT = 0x1fffffe8;

/** The error of a spawn refused for want of a process slot: EAGAIN, as fork and posix_spawn give. */
function processLimitError(message: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(message);
  e.code = 'EAGAIN';
  e.errno = -Errno.EAGAIN;
  return e;
}

/** Spawn's arguments as JavaScript may pass them: anything else is a TypeError that says what is wrong. */
function checkSpawnArguments(program: unknown, options: SpawnOptions): void {
  if (typeof program !== 'string' && !(program instanceof Uint8Array)) {
    throw new TypeError(`spawn: the program must be a path (string) or the module's bytes (Uint8Array), not ${describe(program)}`);
  }
  if (options === null || typeof options !== 'object') throw new TypeError(`spawn: options must be an object, not ${describe(options)}`);
  const { args, env, stdin, stdio } = options;
  if (args !== undefined) {
    if (!Array.isArray(args)) throw new TypeError(`spawn: args must be an array of strings (argv, including argv[0]), not ${describe(args)}`);
    const i = args.findIndex((a) => typeof a !== 'string');
    if (i >= 0) throw new TypeError(`spawn: args[${i}] must be a string, not ${describe(args[i])}`);
    // argv strings end at their NUL: the program would see them cut (Node's spawn refuses them too).
    const nul = args.findIndex((a) => (a as string).includes('\0'));
    if (nul >= 0) throw new TypeError(`spawn: args[${nul}] must be a string without null bytes`);
  }
  if (env !== undefined) {
    if (env === null || typeof env !== 'object' || Array.isArray(env)) {
      throw new TypeError(`spawn: env must be an object of strings ({ NAME: 'value' }), not ${describe(env)}`);
    }
    for (const [k, v] of Object.entries(env)) {
      if (typeof v !== 'string') throw new TypeError(`spawn: env.${k} must be a string, not ${describe(v)}`);
      if (k === '' || k.includes('=') || k.includes('\0')) throw new TypeError(`spawn: env name ${JSON.stringify(k)} is not a valid variable name`);
      if (v.includes('\0')) throw new TypeError(`spawn: env.${k} must be a string without null bytes`);
    }
  }
  if (stdin !== undefined && typeof stdin !== 'string' && !(stdin instanceof Uint8Array)) {
    throw new TypeError(`spawn: stdin must be its contents (string or Uint8Array), 'pipe' (then p.write() and p.end()) or 'inherit', not ${describe(stdin)}`);
  }
  if (stdio !== undefined && stdio !== 'pipe' && stdio !== 'inherit') {
    throw new TypeError(`spawn: stdio must be 'pipe' or 'inherit', not ${describe(stdio)}`);
  }
  const { timeout, maxBuffer } = options;
  if (timeout !== undefined && (typeof timeout !== 'number' || !(timeout > 0))) {
    throw new TypeError(`spawn: timeout must be a number of milliseconds > 0, not ${describe(timeout)}`);
  }
  if (maxBuffer !== undefined && (typeof maxBuffer !== 'number' || !(maxBuffer > 0) || !(maxBuffer <= MAX_BUFFER_LIMIT || maxBuffer === Infinity))) {
    throw new TypeError(`spawn: maxBuffer must be a number of bytes > 0 and at most ${MAX_BUFFER_LIMIT} (what p.stdout can hold), or Infinity, not ${describe(maxBuffer)}`);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `an object (${(v as object).constructor?.name ?? 'Object'})`;
  if (typeof v === 'string') return JSON.stringify(v);
  return `${typeof v} ${String(v)}`;
}

/** Distinct internal errors a machine reports at most. */
const MAX_REPORTED = 1000;

type Wrapper = NonNullable<ProcessOptions['wrapImports']>;

function composeWrappers(first?: Wrapper, second?: Wrapper): Wrapper | undefined {
  if (!first || !second) return first ?? second;
  return (imports, p) => second(first(imports, p), p);
}

export { LoadError };
