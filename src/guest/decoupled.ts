// A decoupled program (the lecture's decoupled thread): its code runs unchanged in a worker thread
// of its own, on its own core, and its calls are forwarded to the vCPU entry — this object, run by
// the process's thread when the kernel schedules it. A forwarded call is served by the same
// import implementation a multiplexed call uses; a call that must wait makes the process's
// thread wait in the kernel, and runs again from the start when it is woken, exactly as a
// multiplexed call does.
//
// Noticing a call: while nothing else is ready on the vCPU, the thread polls the channel for a
// while after each reply (a syscall-heavy program's next call is caught within nanoseconds, no
// wake-up on either side); otherwise it waits on the process's IRQ, which the worker triggers in the
// shared kernel when it finds the vCPU not polling. No core burns while nothing is forwarded.
import { SYSCALLS } from '../libc/syscalls/index.js';
import { Errno } from '../errno.js';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { ProcessExec, ProcessExit, SUSPEND } from '../libc/context.js';
import {
  ARG_SLOT, CHANNEL_BYTES, DEFER_INTS, DEFER_SLOT, FDSTAT_FDS, FDSTAT_HIGH, FDSTAT_HIGH_FDS_SLOT, FDSTAT_INTS, FDSTAT_SLOT, HANDLER_INTS, I64, LENT_DEV_SLOT, LENT_FDS, LENT_INO_SLOT, LENT_OFFSET_SLOT, LENT_SLOT, LOCK_SLOT, LentAccess, LockRight, MAX_ARGS, MAX_HANDLERS, Op,
  FSIZE_SLOT, OpenedAs, OFFSET_ACCESS, Polling, RESULT_SLOT, SLEPT_SLOT, Slot, STARTED_SLOT, State, UNWIND, fdstatAt, fdstatWord, lentEntry, lockEntry, type DecoupledWorkerData, type DecoupledWorkerMessage,
} from './decouple_channel.js';
import type { LentHostFile } from '../vfs/hostfs.js';
import { OutputRing } from './output_ring.js';
import { ABSOLUTE, isLendablePrefix, LentDirTable, type LendableDir } from './dir_lending.js';
import { Whence, type OpenFile } from '../vfs/types.js';
import { giveHostFile } from '../vfs/host_files.js';
import { pendingOpenRecords, readOpenRecord, type OpenRecord } from './open_lending.js';
import { newWriteBehindRing, waitForWriteBehind, type WriteBehindRing } from './write_behind.js';
import { PreopenTable, type EncodedList } from './startup_lending.js';
import { FAULT_IMPORT, PREEMPT_IMPORT } from './asyncify.js';
import { MEMORY_LIMIT_EXPORT } from './instrument.js';
import {
  Boundary, DELIVER_EXPORT, LoadError, START_FUNCTION_MS, trapOutcome, type CallHooks, type HandlerCall, type ImportTable, type ProgramImage, type RunOutcome,
} from './program.js';
import { instantiationError } from './trap.js';

/** The earlier of two deadlines, either of which may be missing. */
function earliest(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  return a === undefined ? b : b === undefined || a < b ? a : b;
}

/** The calls a decoupled program answers on its own core (the table's coreLocal). */
const CORE_LOCAL_CALLS = SYSCALLS.filter((s) => s.coreLocal).map((s) => `${s.module}.${s.name}`);
/** Of those, the ones a traced or server-routed program forwards all the same (the vCPU sees each): its identity. */
const IDENTITY_CALLS = new Set(SYSCALLS.filter((s) => s.coreLocal && s.family === 'identity').map((s) => `${s.module}.${s.name}`));

/** What a decoupled image carries besides the usual: the module rewritten to a shared memory. */
export interface DecoupledImage {
  module: WebAssembly.Module;
  initial: number;
  maximum: number;
  imports: DecoupledWorkerData['imports'];
  /** The module has a start function: its instantiation runs program code (bounded as on the vCPU). */
  startFunction?: boolean;
  /** Its first global's initial value (wasm_binary.ts firstGlobalI32): the stack's top, as linked. */
  stackTop?: number;
}

/** How long the worker spins for a reply before it sleeps in Atomics.wait (ns), at most. */
const SPIN_NS = 200_000;

/**
 * How long the vCPU, with nothing else to run, polls the channel after a reply (ms), at most: longer
 * than a worker takes to wake from Atomics.wait (tens of µs), so a program whose call had to sleep
 * is caught again at its next call. A poll that catches the next call doubles the window, one that
 * does not halves it (down to MIN_POLL_MS): a program that computes long between calls, or cores
 * too busy to run both sides at once, cost the vCPU little.
 */
const VCPU_POLL_MS = 0.25;
const MIN_POLL_MS = 0.02;
const PROBE_EVERY = 32;

/**
 * How soon after a poll that missed the program's next call is still expected (ms): longer than an
 * fsync between two forwarded calls usually takes. Until then the idle vCPU sleeps on its wake
 * word (a futex wake-up when the worker rings), not through the event loop (Atomics.waitAsync:
 * an event-loop turn on top, which had cost each call after an fsync tens of µs more).
 */
const EXPECT_CALL_MS = 2;

/** stdin, stdout, stderr. */
const STDIO = [0, 1, 2] as const;

/** The vCPU side of a decoupled program: what a process runs in place of a ProgramInstance. */
export interface DecoupledHost {
  /** Blocks the process's thread until its IRQ fires or the deadline passes; SUSPEND or -errno. */
  wait(spec: { deadlineNs?: bigint }): number;
  /** Wakes the process's thread. */
  wake(): void;
  /** The machine's monotonic clock (ns). */
  monotonicNs(): bigint;
  /** No other thread is ready on this CPU: the vCPU may poll for the next forwarded call. */
  idle(): boolean;
  /** The thread is likely to be woken from another CPU within `ms`: an idle CPU waits for that without the event loop. */
  expectWake?(ms: number): void;
  /** The soft RLIMIT_FSIZE in bytes (Infinity: none): lent writes stay below it. Absent: no limit. */
  fileSizeLimit?(): number;
  /** The process's wake IRQ in the shared kernel: how the worker rings. */
  readonly ring: DecoupledWorkerData['ring'];
  /** Pages the program's memory may grow to: its RLIMIT_AS, and what the machine has left. */
  memoryCapPages(): number;
  /** When (monotonic ns) the process's CPU time is to be looked at next (RLIMIT_CPU), if ever. */
  cpuCheckNs(): bigint | undefined;
  /** The worker's thread (Linux thread id) started running the program, and when it stops. */
  threadStarted?(tid: number): void;
  threadEnded?(tid: number): void;
  /**
   * The host file behind `fd` when the worker may use it for `access` (LentAccess: positioned
   * reads or writes, reads at the file offset, sync, fstat) on its own core with the same outcome
   * as the forwarded call; else undefined. Absent: nothing is ever lent.
   */
  lendableFile?(fd: number, access: LentAccess): LentHostFile | undefined;
  /** Record locks the worker may take on its own core (absent: every fcntl is forwarded). */
  locks?: LockLending;
  /**
   * What fd_fdstat_get answers for `fd` (the entry: the same object while the descriptor names
   * it), when no other descriptor or process shares its description (only this program's calls
   * can change the answer then); else undefined. Absent: the worker forwards every fd_fdstat_get.
   */
  fdstatOf?(fd: number): Fdstat | undefined;
  /**
   * The console output `fd` writes to, when the worker may put the program's writes to it into
   * its output ring (output_ring.ts); else undefined. Absent: every fd_write is forwarded.
   */
  lendableOutput?(fd: number): LentOutput | undefined;
  /**
   * What the worker may use to stat names under `prefix` (isLendablePrefix) relative to directory
   * `dirfd` itself (dir_lending.ts); else undefined. Absent: no directory is ever lent.
   */
  lendableDir?(dirfd: number, prefix: string): LendableDir | undefined;
  /** The process's mount tree's generation (Vfs.generation), which lent directories are checked against. */
  readonly mountGeneration?: Int32Array;
  /** What lets the worker open files in lent mount roots itself (open_lending.ts); absent: it never does. */
  readonly opens?: OpenLending;
  /** Whether the worker's writes to lent host files go through the write-behind thread (write_behind.ts). */
  readonly writeBehind?: boolean;
  /**
   * What the worker answers as the program starts (startup_lending.ts): its arguments and
   * environment (each string with its NUL), and the preopens of its descriptor table, whose
   * version moves at every change of the table. Absent: those calls are forwarded.
   */
  readonly startup?: {
    readonly args: EncodedList;
    readonly env: EncodedList;
    tableVersion(): number;
    preopens(): { fd: number; name: Uint8Array }[];
  };
}

/** The process's side of the worker's own opens (open_lending.ts). */
export interface OpenLending {
  /** The machine's host-file budget (HostFileBudget.shared), in which the worker takes a place per file. */
  readonly budget: SharedArrayBuffer;
  /** Which of descriptors 0..63 are free (two 32-bit masks), the umask, the pending create mode (-1: none). */
  state(): { free: [number, number]; umask: number; nextMode: number };
  /**
   * Puts the worker's open file `file` at descriptor `fd`, as path_open through directory `dirfd`
   * would have (its rights from the directory's; `path`: a directory's guest path). False if it
   * cannot be: the descriptor is taken or the directory gone (the worker and the vCPU disagree).
   */
  adopt(fd: number, dirfd: number, file: OpenFile, read: boolean, write: boolean, path: string | undefined): boolean;
}

/** A console output a decoupled program's ring drains into. */
export interface LentOutput {
  /** Writes bytes the program was already told are written; the sink's -errno or the length. */
  writeAccepted(bytes: Uint8Array): number;
  /** The host side is full: more writes must wait, so they are forwarded again. */
  full(): boolean;
}

/**
 * An fd_fdstat_get answer (abi.ts Fdstat's fields) and the descriptor entry it is of; `closable`:
 * its close may be deferred (decouple_channel.ts DEFER_SLOT): a regular file or directory on which
 * the process holds no record locks, so that nobody else sees the close before its next call.
 */
export interface Fdstat { entry: object; fileType: number; flags: number; base: number; inheriting: number; closable: boolean }

/** The process's side of lending record locks to its worker (record_locks.ts share/unshare). */
export interface LockLending {
  /** The machine's lock pool (lock_slots.ts). */
  readonly pool: SharedArrayBuffer;
  /** The process's pid: the owner of the locks. */
  readonly owner: number;
  /** `fd`'s file (the same object while the descriptor names it), lock key and the lock types its rights allow; undefined: not lendable now. */
  lockableFile(fd: number): { file: object; key: string; read: boolean; write: boolean } | undefined;
  /** The file's locks move to (or stay in) a pool slot for one more lend: the slot, or undefined. */
  share(key: string): number | undefined;
  /** Ends one lend (the worker no longer uses the slot for it). */
  unshare(key: string): void;
}

/** A file's record locks lent to the worker for one descriptor. */
interface LentLock { file: object; key: string; rights: number }

/** fcntl's record-lock commands (F_GETLK, F_SETLK, F_SETLKW): a success lends the descriptor's locks. */
const LOCK_CMDS = new Set([5, 6, 7]);

/** The calls after whose success a host file is lent to the worker, by import name: for what (LentAccess bits). */
const STREAM_LENDS = LentAccess.Stream | LentAccess.StreamWrite | LentAccess.Seek;
const LENDING_CALLS: Record<string, number> = {
  'wasi_snapshot_preview1.fd_pread': LentAccess.Read,
  'wasi_snapshot_preview1.fd_pwrite': LentAccess.Write,
  // A program that reads, writes or seeks at the file offset does more of it: the offset moves to the worker.
  'wasi_snapshot_preview1.fd_read': STREAM_LENDS,
  'wasi_snapshot_preview1.fd_write': STREAM_LENDS,
  'wasi_snapshot_preview1.fd_seek': STREAM_LENDS,
  'wasi_snapshot_preview1.fd_tell': STREAM_LENDS,
  'l4posix.fstat': LentAccess.Stat,
  'wasi_snapshot_preview1.fd_filestat_get': LentAccess.FileStat,
};

/** How long ending a program waits for its worker's I/O on a lent file to finish (ms), at most. */
const LOCAL_IO_END_MS = 1000;

/** Host files lent to decoupled programs' workers, machine-wide: for tests and `npm run bench:sqlite`. */
export const lentStats = {
  lends: 0, withdrawals: 0, localCalls: 0,
  /** Workers that ended but have not given their lent files back and been counted yet. */
  ending: 0,
};

/** The call after whose success the new descriptor's host file is lent (its last parameter points to the descriptor). */
const OPENING_CALL = 'wasi_snapshot_preview1.path_open';
const OPEN_LENDS = [LentAccess.Read, LentAccess.Write, LentAccess.Stream, LentAccess.StreamWrite, LentAccess.Seek, LentAccess.Stat, LentAccess.FileStat] as const;
/** Each LentAccess bit, for lending a mask of them one by one. */
const ACCESS_BITS = [LentAccess.Read, LentAccess.Write, LentAccess.Stream, LentAccess.StreamWrite, LentAccess.Seek, LentAccess.Stat, LentAccess.FileStat] as const;

/** The accesses a lent file is checked for after each forwarded call (Stream is taken back before it). */
const CHECKED_ACCESS = [LentAccess.Read, LentAccess.Write, LentAccess.Sync, LentAccess.DataSync, LentAccess.Stat, LentAccess.FileStat] as const;

/** A host file lent to the worker for one descriptor. */
interface Lent {
  file: LentHostFile;
  access: number;
}

/** The function imports of a prepared module, typed from the original's signatures. */
function preparedImports(image: ProgramImage): DecoupledImage['imports'] {
  return WebAssembly.Module.imports(image.module).filter((i) => i.kind === 'function').map((i) => {
    const key = `${i.module}.${i.name}`;
    const sig = image.signatures?.get(key);
    if (sig !== undefined) return { module: i.module, name: i.name, params: sig.paramTypes, result: sig.resultType };
    if (key === PREEMPT_IMPORT) return { module: i.module, name: i.name, params: [], result: 0x7f };
    if (key === FAULT_IMPORT) return { module: i.module, name: i.name, params: [0x7f], result: 0x7f };
    throw new LoadError(`${image.name}: cannot read the type of import ${key}`);
  });
}

function workerEntry(): URL {
  const here = new URL('./decoupled_worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // Running from src/ (tests): the built worker in dist/.
  return new URL('../../dist/guest/decoupled_worker.js', import.meta.url);
}

/**
 * Node closes, when a worker ends, the descriptors it opened and did not close (trackUnmanagedFds).
 * Those a decoupled program's worker opens (open_lending.ts) are the vCPU's once it has adopted
 * them: closed again at the worker's end, the number could by then name another file.
 */
const WORKER_OPTIONS = {
  trackUnmanagedFds: false,
  // The program's wasm frames live on this thread's native stack: 64 MiB (Node's default is 4)
  // lets recursion go as deep as Linux's 8 MiB C stack allows. Pages are backed as they are used.
  resourceLimits: { stackSizeMb: 64 },
} as const;

/** A worker started ahead of its program (prewarmDecoupledWorker), until one takes it. */
let spare: Worker | undefined;

/** Workers that have said their modules are loaded ('booted'). */
const booted = new WeakSet<Worker>();

/** Starts a decoupled program's worker and notes when it has booted. */
function newWorker(options: object): Worker {
  const w = new (workerClass())(workerEntry(), { ...WORKER_OPTIONS, ...options });
  w.on('message', (m: DecoupledWorkerMessage) => { if (m.type === 'booted') booted.add(w); });
  return w;
}

/**
 * Ends a worker, once it has booted: Node leaves the files its module loader has open at a
 * terminate (a worker ended while it boots held a dozen descriptors of dist/ for good).
 */
function endWorker(w: Worker): Promise<number> {
  if (booted.has(w)) return w.terminate();
  return new Promise((resolve) => {
    const end = () => { void w.terminate().then(resolve, () => resolve(1)); };
    w.on('message', (m: DecoupledWorkerMessage) => { if (m.type === 'booted') end(); });
    // One that fails to boot (an error) or has exited meanwhile ends anyway.
    w.once('error', end);
    w.once('exit', () => resolve(0));
  });
}

/** How long a worker started ahead waits to be taken before it is ended (ms). */
const SPARE_MS = 5000;

/** node:worker_threads, loaded with the first decoupled program: a multiplexed start needs none (~1.5 ms). */
function workerClass(): typeof Worker {
  return (createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads')).Worker;
}

/**
 * Starts the worker of a decoupled program about to be loaded, so that Node's start of a worker
 * and of its modules (tens of ms) overlaps the compile of the program instead of following it.
 */
export function prewarmDecoupledWorker(): void {
  if (spare !== undefined) return;
  const w = newWorker({});
  spare = w;
  w.unref();
  w.on('error', () => dropSpare(w));
  setTimeout(() => dropSpare(w), SPARE_MS).unref();
}

/** Ends the worker started ahead (`only` that one, if given) when no program took it. */
export function dropSpare(only?: Worker): void {
  const w = spare;
  if (w === undefined || (only !== undefined && w !== only)) return;
  spare = undefined;
  void endWorker(w);
}

/** A worker for the program of `data`: the one started ahead, if any, else a new one. */
function startWorker(data: DecoupledWorkerData): Worker {
  const w = spare;
  spare = undefined;
  if (w === undefined) return newWorker({ workerData: data });
  w.postMessage(data);
  return w;
}

export class DecoupledProgram {
  readonly memory: WebAssembly.Memory;
  readonly handlesSignals = false;
  readonly canFork = false;
  private readonly worker: Worker;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly i64: BigInt64Array;
  private readonly table: ((...a: any[]) => any)[];
  private readonly handlerCalls: HandlerCall[] = [];
  /** Handlers sent with the last reply, by signal, until the worker reports them returned. */
  private readonly running: HandlerCall[] = [];
  private outcome: RunOutcome | undefined;
  private disposed = false;
  /** The worker's thread in /proc ("<pid>/task/<tid>"), once it has said. */
  private threadPath: string | undefined;
  /** The worker's CPU time when last read (ns): what it was when it ended, once it has. */
  private workerNs = 0;
  /** The last call was answered with a boundary that gave up the CPU: run() returns. */
  private yielded = false;
  /** ms the vCPU spent polling since last asked (not the program's CPU time). */
  private pollMs = 0;
  /** The current poll window (ms), and how many polls missed. */
  private pollWindowMs = VCPU_POLL_MS;
  private missed = 0;
  /** Per import index: the access a successful call of it lends its descriptor's host file for (0: none). */
  private readonly lends: number[];
  /** Per import index: a successful call of it opens a descriptor whose file may be lent at once. */
  private readonly opens: boolean[];
  /** Host files lent to the worker, by descriptor (the channel's lent table mirrors it). */
  private readonly lent = new Map<number, Lent>();
  /** How many of them are lent for OFFSET_ACCESS (their offsets in the channel). */
  private streams = 0;
  /** Per import index: it is fcntl, whose record-lock commands lend the descriptor's locks. */
  private readonly lockCalls: boolean[];
  /** Record locks lent to the worker, by descriptor (the channel's lock table mirrors it). */
  private readonly lentLocks = new Map<number, LentLock>();
  /** Per import index: it is fd_fdstat_get, whose answer the worker keeps. */
  private readonly fdstatCalls: boolean[];
  /** fd_fdstat_get answers the worker keeps, by descriptor (the channel holds them). */
  private readonly fdstats = new Map<number, Fdstat>();
  /** The program's writes to lent console outputs, made on its core; absent when nothing may be lent. */
  private readonly output: OutputRing | undefined;
  /** Per import index: it is fd_write, whose success on a console output lends the descriptor. */
  private readonly writeCalls: boolean[];
  /**
   * Console outputs of the descriptors the worker writes to through the ring, and whether it still
   * may (the ring's lent bits mirror that). Kept while not lent too: records of it may be in the ring.
   */
  private readonly outputs = new Map<number, { out: LentOutput; lent: boolean }>();

  /** Directories lent to the worker for its stat calls (dir_lending.ts); absent when none may be. */
  private readonly dirs: LentDirTable | undefined;
  /**
   * Per import index: it is l4posix statat (1), path_unlink_file (2), path_open (3) or
   * path_filestat_get (4), whose path's directory may be lent.
   */
  private readonly dirCalls: number[];
  /** The worker may open files in lent mount roots itself (open_lending.ts). */
  private readonly openLending: OpenLending | undefined;
  /** The preopens the worker answers fd_prestat_* from (startup_lending.ts); absent: it forwards them. */
  private readonly preopens: PreopenTable | undefined;
  /** The ring the worker queues its lent host writes in (write_behind.ts). */
  private readonly writeBehind: WriteBehindRing | undefined;

  /** The worker reported the program's end (returned, trapped, unwound to recouple). */
  private workerEnded = false;

  /** The program moved here from the vCPU (l4_decouple) and can move back (l4_recouple). */
  readonly prepared: boolean;
  private recoupling = false;
  private readonly imports: DecoupledImage['imports'];

  /**
   * `adopt`: the program is a prepared one that unwound on the vCPU at l4_decouple, on the shared
   * memory given; otherwise it is a decoupled image, started here from the beginning.
   */
  constructor(readonly image: ProgramImage, imports: ImportTable, private readonly host: DecoupledHost, private readonly hooks: CallHooks,
    adopt?: { memory: WebAssembly.Memory; globals: Record<string, number | bigint>; reserveBytes: number }) {
    let d: DecoupledImage;
    if (adopt !== undefined) {
      d = { module: image.module, initial: 0, maximum: 0, imports: preparedImports(image) };
      this.memory = adopt.memory;
    } else {
      if (image.decoupled === undefined) throw new LoadError(`${image.name}: not a decoupled image`);
      d = image.decoupled;
      // memory.grow of the original code fails at the memory's maximum: that is where the limits go.
      const maximum = Math.max(d.initial, Math.min(d.maximum, Math.floor(host.memoryCapPages())));
      this.memory = new WebAssembly.Memory({ initial: d.initial, maximum, shared: true });
    }
    this.prepared = adopt !== undefined;
    this.imports = d.imports;
    const channel = new SharedArrayBuffer(CHANNEL_BYTES);
    this.output = host.lendableOutput !== undefined ? new OutputRing() : undefined;
    this.dirs = host.lendableDir !== undefined && host.mountGeneration !== undefined ? new LentDirTable() : undefined;
    this.openLending = this.dirs !== undefined && host.fdstatOf !== undefined ? host.opens : undefined;
    this.preopens = host.startup !== undefined ? new PreopenTable() : undefined;
    this.writeBehind = host.lendableFile !== undefined && host.writeBehind === true ? newWriteBehindRing() : undefined;
    this.i32 = new Int32Array(channel);
    this.f64 = new Float64Array(channel);
    this.i64 = new BigInt64Array(channel);
    this.f64[FSIZE_SLOT] = host.fileSizeLimit?.() ?? Infinity;
    this.table = d.imports.map((imp) => {
      const fn = imports[imp.module]?.[imp.name];
      if (fn === undefined) throw new LoadError(`${image.name}: unknown import ${imp.module}.${imp.name}`);
      if (imp.params.length > MAX_ARGS) throw new LoadError(`${image.name}: ${imp.module}.${imp.name} has too many parameters to forward`);
      return fn;
    });
    // A prepared program's memory.grow is bounded by a global in the worker: its value travels in the channel.
    if (adopt !== undefined) this.i32[Slot.MemoryLimit] = capPages(host);
    // Cleared by the worker once the module is instantiated (an adopted program's start function ran on the vCPU).
    else if (d.startFunction === true) this.i32[Slot.Instantiating] = 1;
    const data: DecoupledWorkerData = {
      module: d.module,
      memory: this.memory,
      channel,
      imports: d.imports,
      coreLocal: host.lendableFile !== undefined ? CORE_LOCAL_CALLS : CORE_LOCAL_CALLS.filter((c) => !IDENTITY_CALLS.has(c)),
      monotonicBaseNs: process.hrtime.bigint() - host.monotonicNs(),
      spinNs: SPIN_NS,
      lockSlots: host.locks?.pool,
      defer: host.fdstatOf !== undefined,
      ring: host.ring,
      ...(this.output !== undefined ? { outputRing: this.output.buffer } : {}),
      ...(this.dirs !== undefined ? { lentDirs: this.dirs.buffer, mountGeneration: host.mountGeneration } : {}),
      ...(this.openLending !== undefined ? { hostFiles: this.openLending.budget } : {}),
      ...(host.startup !== undefined ? { startup: { args: host.startup.args, env: host.startup.env, preopens: this.preopens!.buffer } } : {}),
      ...(this.writeBehind !== undefined ? { writeBehind: { control: this.writeBehind.control, ring: this.writeBehind.ring } } : {}),
      adopt: adopt && {
        globals: adopt.globals,
        reserveBytes: adopt.reserveBytes,
        memoryLimit: { name: MEMORY_LIMIT_EXPORT, pages: capPages(host) },
      },
    };
    this.lends = d.imports.map((imp) => (host.lendableFile !== undefined ? LENDING_CALLS[`${imp.module}.${imp.name}`] ?? 0 : 0));
    this.opens = d.imports.map((imp) => host.lendableFile !== undefined && `${imp.module}.${imp.name}` === OPENING_CALL);
    this.lockCalls = d.imports.map((imp) => host.locks !== undefined && imp.module === 'l4posix' && imp.name === 'fcntl');
    if (host.locks !== undefined) this.i32[Slot.LockOwner] = host.locks.owner;
    this.fdstatCalls = d.imports.map((imp) => host.fdstatOf !== undefined && imp.module === 'wasi_snapshot_preview1' && imp.name === 'fd_fdstat_get');
    this.writeCalls = d.imports.map((imp) => this.output !== undefined && imp.module === 'wasi_snapshot_preview1' && imp.name === 'fd_write');
    this.dirCalls = d.imports.map((imp) => (this.dirs === undefined ? 0 : imp.module === 'l4posix' && imp.name === 'statat' ? 1
      : imp.module === 'wasi_snapshot_preview1' && imp.name === 'path_unlink_file' ? 2
      : imp.module === 'wasi_snapshot_preview1' && imp.name === 'path_open' && this.openLending !== undefined ? 3
      : imp.module === 'wasi_snapshot_preview1' && imp.name === 'path_filestat_get' ? 4 : 0));
    this.publishOpenState();
    this.publishPreopens();
    // What a program looks at first (isatty, its first line of output) is answered on its core from the start.
    if (host.fdstatOf !== undefined) for (const fd of STDIO) this.keepFdstat(fd);
    if (this.output !== undefined) for (const fd of STDIO) if (fd !== 0) this.lendOutput(fd);
    this.worker = startWorker(data);
    this.worker.on('message', (m: DecoupledWorkerMessage) => {
      if (m.type === 'booted') return;
      if (m.type === 'thread') {
        this.threadPath = m.path;
        if (!this.disposed) this.host.threadStarted?.(threadId(m.path));
        return;
      }
      // The program ran to its end, or out of it: the worker runs none of its code any more.
      this.workerEnded = true;
      try {
        if (m.type === 'returned') this.outcome = { kind: 'exited', code: 0 };
        else if (m.type === 'recouple') this.outcome = { kind: 'recouple', globals: m.globals };
        else this.outcome = trapOutcome(m.message, m.stack, image, m.stackExhausted === true);
        // Instantiation failed (a start function, a segment out of bounds): the load fails, as on the vCPU.
        if (m.type === 'trapped' && m.instantiation !== undefined) this.failure = instantiationError(image.name, m.instantiation);
      } catch (e) {
        // Nothing thrown here may reach the event loop: run() fails the process with it (reported once).
        this.outcome ??= { kind: 'trapped', message: m.type === 'trapped' ? m.message : m.type };
        this.failure = e;
      }
      this.host.wake();
    });
    this.worker.on('error', (e) => {
      this.outcome = { kind: 'trapped', message: `decoupled worker failed: ${e.message}` };
      this.host.wake();
    });
    this.worker.unref();
  }

  /**
   * What run() throws: a LoadError (its module could not be instantiated in the worker), or a host
   * exception met while the worker's report was read.
   */
  private failure?: unknown;

  /**
   * While the worker instantiates a module with a start function: the ms that function has left,
   * counted from when the worker began (as a multiplexed one's from its instantiation); before
   * the worker runs, the whole time, to look again then. A loop there would keep the program from
   * ever starting: past it, the load fails, as on the vCPU.
   */
  private startTimeLeftMs(): number | undefined {
    if (Atomics.load(this.i32, Slot.Instantiating) === 0) return undefined;
    const started = this.f64[STARTED_SLOT]!;
    return started === 0 ? START_FUNCTION_MS : started + START_FUNCTION_MS - (performance.timeOrigin + performance.now());
  }

  /** Serves forwarded calls until the program must wait, ends, or the CPU is to be given up. */
  run(): RunOutcome {
    this.yielded = false;
    Atomics.store(this.i32, Slot.Polling, Polling.Spinning);
    try {
      for (;;) {
        if (this.failure !== undefined) throw this.failure;
        if ((this.startTimeLeftMs() ?? 1) <= 0) {
          throw new LoadError(`${this.image.name}: its start function trapped: the start function ran for more than ${START_FUNCTION_MS / 1000} s`);
        }
        if (this.outcome !== undefined) return this.outcome;
        if (this.output?.pending() === true) this.drainOutput();
        if (Atomics.load(this.i32, Slot.State) === State.Request) {
          if (this.serve() === SUSPEND || this.yielded) return { kind: 'suspended' };
          continue;
        }
        this.takeSignals();
        if (this.handlerCalls.length === 0 && this.host.idle() && this.poll()) continue;
        // Not polling from here on; a call that came meanwhile is served, later ones ring.
        Atomics.store(this.i32, Slot.Polling, Polling.Off);
        if (Atomics.load(this.i32, Slot.State) === State.Request || this.outcome !== undefined) {
          Atomics.store(this.i32, Slot.Polling, Polling.Spinning);
          continue;
        }
        // The next call comes soon after the program's I/O on a lent file (an fsync takes a
        // millisecond or two): the vCPU, if idle, waits for it on its wake word.
        this.host.expectWake?.(EXPECT_CALL_MS);
        const startLeft = this.startTimeLeftMs();
        const startDeadline = startLeft === undefined ? undefined : this.host.monotonicNs() + BigInt(Math.ceil(startLeft * 1e6));
        const r = this.host.wait({ deadlineNs: earliest(this.host.cpuCheckNs(), startDeadline) });
        if (r === SUSPEND) return { kind: 'suspended' };
        Atomics.store(this.i32, Slot.Polling, Polling.Spinning);
      }
    } catch (e) {
      if (e instanceof ProcessExit) return { kind: 'exited', code: e.code, signal: e.signal };
      if (e instanceof ProcessExec) return { kind: 'exec', program: e.program };
      throw e;
    } finally {
      Atomics.store(this.i32, Slot.Polling, Polling.Off);
    }
  }

  /**
   * The next call of a syscall-heavy program comes within microseconds: catch it here, without a
   * wake-up on either side. Gives up when the time is over or another thread wants the vCPU.
   */
  private poll(): boolean {
    const start = performance.now();
    const until = start + this.pollWindowMs;
    try {
      for (let n = 1; ; n++) {
        if (Atomics.load(this.i32, Slot.State) === State.Request) {
          this.pollWindowMs = Math.min(VCPU_POLL_MS, this.pollWindowMs * 2);
          return true;
        }
        if ((n & 127) === 0) {
          if (this.outcome !== undefined) return true;
          if (!this.host.idle()) return false;
          if (performance.now() > until) {
            // Every PROBE_EVERY misses the full window once more: cores that were too busy to run
            // both sides may be free again (a worker waking from its futex takes tens of µs).
            this.pollWindowMs = ++this.missed % PROBE_EVERY === 0 ? VCPU_POLL_MS : Math.max(MIN_POLL_MS, this.pollWindowMs / 2);
            return false;
          }
        }
      }
    } finally {
      this.pollMs += performance.now() - start;
    }
  }

  /** ms the vCPU has spent polling since takePollMs last took them (the current run's so far). */
  get pollingMs(): number { return this.pollMs; }

  /** ms the vCPU spent polling for this program since the last call (not the program's CPU time). */
  takePollMs(): number {
    const ms = this.pollMs;
    this.pollMs = 0;
    return ms;
  }

  private schedstat: number | undefined;
  private readonly schedstatBuf = Buffer.alloc(128);

  /** CPU time (ns) the worker thread has used: from /proc where there is one, else its time awake. */
  workerCpuNs(): number {
    if (this.disposed) return this.workerNs;
    if (this.threadPath !== undefined) {
      try {
        // Kept open and read from 0: an open per look costs ~6 µs (getrusage, RLIMIT_CPU look often).
        this.schedstat ??= openSync(`/proc/${this.threadPath}/schedstat`, 'r');
        const n = readSync(this.schedstat, this.schedstatBuf, 0, this.schedstatBuf.length, 0);
        // Never backwards (before the worker said which thread it is, its time awake counted).
        this.workerNs = Math.max(this.workerNs, Number(this.schedstatBuf.toString('latin1', 0, n).split(' ')[0]));
        return this.workerNs;
      } catch { /* the thread has just ended: its last figure stands */ }
      return this.workerNs;
    }
    const started = this.f64[STARTED_SLOT]!;
    if (started === 0) return 0;
    this.workerNs = Math.max(this.workerNs, (performance.timeOrigin + performance.now() - started - this.f64[SLEPT_SLOT]!) * 1e6);
    return this.workerNs;
  }

  /** One forwarded call: SUSPEND when it must wait (it runs again once woken). */
  private serve(): unknown {
    const index = this.i32[Slot.Call]!;
    // What the program wrote before this call reaches its console first.
    if (this.output?.pending() === true) this.drainOutput();
    if (this.i32[DEFER_SLOT]! > 0) this.makeDeferred();
    if (index === Op.Returned) {
      // The program's code has ended there: the worker only waits for its end now.
      this.workerEnded = true;
      throw new ProcessExit(0);
    }
    if (index === Op.SignalReturn) {
      const sig = this.f64[ARG_SLOT]!;
      // Handlers nest: the innermost of that signal returned (one left by siglongjmp stays behind).
      let at = this.running.length - 1;
      while (at >= 0 && this.running[at]!.sig !== sig) at--;
      if (at >= 0) this.hooks.signalReturned(this.running.splice(at, 1)[0]!);
      // What its return unblocked runs now, as at Linux's sigreturn, once the worker has run the
      // handlers it was given (one may siglongjmp: what came with it would be lost); left for the
      // next call, the program would run on before it.
      if (this.f64[ARG_SLOT + 1] === 0) {
        this.takeSignals();
        this.reply();
      } else {
        this.reply(undefined, false, false);
      }
      return 0;
    }
    if (this.handlerCalls.length > 0) {
      // Signals taken while the program computed: their handlers run first, then this call.
      this.reply(undefined, true);
      return 0;
    }
    const imp = this.imports[index];
    const fn = this.table[index];
    if (imp === undefined || fn === undefined) throw new Error(`decoupled program called unknown import ${index}`);
    const args = imp.params.map((t, k) => (t === I64 ? this.i64[ARG_SLOT + k] : this.f64[ARG_SLOT + k]));
    // The offsets the worker moved are the files' again before any call can look at them.
    const streams = this.streams > 0 ? this.reclaimStreams() : undefined;
    const r = fn(...args);
    // Whatever the call changed (a descriptor closed or replaced, its flags, a shared mapping),
    // the worker sees only files still lendable once it has the reply.
    if (this.lent.size > 0) this.checkLent();
    if (this.lentLocks.size > 0) this.checkLentLocks();
    if (this.fdstats.size > 0) this.checkFdstats();
    if (this.outputs.size > 0) this.checkOutputs();
    if (this.dirs !== undefined && this.dirs.size > 0) this.dirs.check();
    const dirCall = this.dirCalls[index]!;
    if (dirCall !== 0 && (Number(r) >= 0 || r === -Errno.ENOENT)) {
      // path_open's and path_filestat_get's path follows their lookup flags.
      const at = dirCall >= 3 ? 2 : 1;
      this.lendDir(args[0] as number, args[at] as number, args[at + 1] as number, dirCall === 2);
      // The worker checks the directory's rights for these in its kept fdstat (a plain WASI
      // program's stat never asks for it).
      if (dirCall >= 3 && this.host.fdstatOf !== undefined && !this.fdstats.has(args[0] as number)) this.keepFdstat(args[0] as number);
    }
    if (r === 0 && this.fdstatCalls[index]!) this.keepFdstat(args[0] as number);
    if (r === 0 && this.writeCalls[index]!) this.lendOutput(args[0] as number);
    if (r === 0 && this.lockCalls[index]! && LOCK_CMDS.has(args[1] as number)) this.lendLocks(args[0] as number);
    // Offsets go back to the worker as the call left them (else the next read of a script read
    // through stdio is forwarded after each forwarded call, only to be lent again).
    if (streams !== undefined && r !== SUSPEND) for (const [fd, bits] of streams) this.lendAll(fd, bits);
    if (r === 0 && this.lends[index]! !== 0) this.lendAll(args[0] as number, this.lends[index]!);
    else if (r === 0 && this.opens[index]!) this.lendOpened(args[imp.params.length - 1] as number);
    if (r === SUSPEND && Atomics.load(this.i32, Slot.Instantiating) !== 0) {
      // As on the vCPU, where nothing can suspend inside `new WebAssembly.Instance`.
      this.failure = new LoadError(`${this.image.name}: its start function trapped: a call waited in the start function, where nothing can wait`);
      return 0;
    }
    if (r === SUSPEND) {
      if (!this.hooks.takeRestart()) return SUSPEND;
      // Interrupted by a signal whose handler restarts the call (SA_RESTART): the handlers run
      // in the worker, which then makes the call again.
      this.takeSignals();
      this.reply(undefined, true);
      return 0;
    }
    this.hooks.callCompleted();
    // The same boundary as a multiplexed call's: E's timers, the end of the slice.
    if (--this.hooks.countdown <= 0 && this.hooks.boundary(true) === Boundary.Yield) this.yielded = true;
    if (imp.result === I64) this.i64[RESULT_SLOT] = BigInt(r as bigint);
    else if (imp.result !== 0) this.f64[RESULT_SLOT] = Number(r);
    if (this.recoupling) {
      this.reply(UNWIND);
      return r;
    }
    this.takeSignals();
    this.reply();
    return r;
  }

  /**
   * RLIMIT_AS changed, or the machine's memory left did: a prepared program's memory.grow gets the
   * new bound when its current call returns (the original module's bound is its memory's maximum,
   * fixed when it started).
   */
  setMemoryLimit(pages: number): void {
    if (this.prepared) this.i32[Slot.MemoryLimit] = Math.max(0, Math.min(65536, Math.floor(pages)));
  }

  /**
   * After a stat or unlink of the path at (ptr, len) on `dirfd` that found its name or found none:
   * the directory holding the name is lent (for unlinking too after an unlink), if it is the root
   * of a host mount (dir_lending.ts).
   */
  private lendDir(dirfd: number, ptr: number, len: number, unlink: boolean): void {
    const at = ptr >>> 0, n = len >>> 0;
    const bytes = new Uint8Array(this.memory.buffer);
    if (n === 0 || at + n > bytes.length) return;
    let slash = -1;
    for (let i = n - 1; i >= 0; i--) {
      if (bytes[at + i] === 0x2f) {
        slash = i;
        break;
      }
    }
    const prefix = Buffer.from(bytes.buffer, at, slash + 1).toString('latin1');
    // An absolute path names the same file whatever the descriptor (a stat does not look at it).
    const key = bytes[at] === 0x2f && !unlink ? ABSOLUTE : dirfd;
    if (!isLendablePrefix(prefix) || this.dirs!.has(key, prefix, unlink)) return;
    const lent = this.host.lendableDir!(key, prefix);
    if (lent !== undefined) this.dirs!.lend(key, prefix, lent);
  }

  /** lend for each LentAccess bit of `bits`. */
  private lendAll(fd: number, bits: number): void {
    for (const access of ACCESS_BITS) if ((bits & access) !== 0) this.lend(fd, access);
  }

  /** After a call that succeeded on `fd`: its host file is lent for `access` if it may be. */
  private lend(fd: number, access: number): void {
    if (fd < 0 || fd >= LENT_FDS) return;
    const file = this.host.lendableFile!(fd, access);
    if (file === undefined) return;
    const had = this.lent.get(fd);
    if (had !== undefined && had.file !== file) this.withdraw(fd, had);
    const l = had?.file === file ? had : { file, access: 0 };
    if (l !== had) {
      file.pin();
      this.lent.set(fd, l);
      lentStats.lends++;
    }
    if ((access & OFFSET_ACCESS) !== 0 && (l.access & OFFSET_ACCESS) === 0) {
      // The description's offset moves into the channel: the worker's until the next forwarded call.
      const offset = file.seek(0, Whence.Cur);
      if (offset < 0) return;
      this.f64[LENT_OFFSET_SLOT + fd] = offset;
      this.streams++;
    }
    l.access |= access;
    // A file lent anyway syncs and stats on the worker's core too, where the descriptor may.
    if ((l.access & LentAccess.Sync) === 0 && this.host.lendableFile!(fd, LentAccess.Sync) === file) l.access |= LentAccess.Sync;
    if ((l.access & LentAccess.DataSync) === 0 && this.host.lendableFile!(fd, LentAccess.DataSync) === file) l.access |= LentAccess.DataSync;
    if ((l.access & LentAccess.Stat) === 0 && this.host.lendableFile!(fd, LentAccess.Stat) === file) l.access |= LentAccess.Stat;
    if ((l.access & (LentAccess.Stat | LentAccess.FileStat)) !== 0) this.i64[LENT_DEV_SLOT + fd] = file.dev;
    if (this.writeBehind !== undefined) this.f64[LENT_INO_SLOT + fd] = file.ino;
    Atomics.store(this.i32, LENT_SLOT + fd, lentEntry(file.hostFd, l.access));
  }

  /** After a successful open: the new descriptor (at `resultPtr`) is lent for what it may be, saving each access its first forwarded call. */
  private lendOpened(resultPtr: number): void {
    const at = resultPtr >>> 0;
    if (at + 4 > this.memory.buffer.byteLength) return;
    const fd = new DataView(this.memory.buffer).getUint32(at, true);
    for (const access of OPEN_LENDS) this.lend(fd, access);
    // Its fdstat too: the worker answers it, and knows the descriptor open (fcntl F_SETFD deferred).
    if (this.host.fdstatOf !== undefined) this.keepFdstat(fd);
  }

  /**
   * Takes the file offsets lent for OFFSET_ACCESS back into their files (a forwarded call may use
   * them); returns their descriptors and what they were lent for.
   */
  private reclaimStreams(): [number, number][] {
    const fds: [number, number][] = [];
    for (const [fd, l] of this.lent) {
      const bits = l.access & OFFSET_ACCESS;
      if (bits === 0) continue;
      l.file.seek(this.f64[LENT_OFFSET_SLOT + fd]!, Whence.Set);
      this.streams--;
      fds.push([fd, bits]);
      l.access &= ~OFFSET_ACCESS;
      if (l.access === 0) this.withdraw(fd, l);
      else Atomics.store(this.i32, LENT_SLOT + fd, lentEntry(l.file.hostFd, l.access));
    }
    return fds;
  }

  /** Withdraws every lent file that its descriptor no longer names, or no longer may be lent. */
  private checkLent(): void {
    for (const [fd, l] of this.lent) {
      for (const access of CHECKED_ACCESS) {
        if ((l.access & access) !== 0 && this.host.lendableFile!(fd, access) !== l.file) {
          this.withdraw(fd, l);
          break;
        }
      }
    }
  }

  private withdraw(fd: number, l: Lent): void {
    if ((l.access & OFFSET_ACCESS) !== 0) {
      l.file.seek(this.f64[LENT_OFFSET_SLOT + fd]!, Whence.Set);
      this.streams--;
    }
    Atomics.store(this.i32, LENT_SLOT + fd, 0);
    this.lent.delete(fd);
    l.file.unpin();
    lentStats.withdrawals++;
  }

  /**
   * Op.Adopt: the file the worker opened in a lent mount root (open_lending.ts, the record at
   * `at`) becomes the process's at the descriptor the program was given, and stays lent as a file
   * opened here would be. A disagreement about the descriptor table would be a bug of this
   * protocol: the host file is closed and the program ended with an internal error.
   */
  private adoptOpened(at: number): void {
    const rec = readOpenRecord(this.i32, at);
    this.i32[at] = 0;
    const lent = this.dirs!.at(rec.entry)?.lent;
    const file = lent?.opens?.adopt(rec.hostFd, (rec.as & OpenedAs.Directory) !== 0, (rec.as & OpenedAs.Read) !== 0, (rec.as & OpenedAs.Write) !== 0);
    if (file === undefined || !this.openLending!.adopt(rec.fd, rec.dirfd, file, (rec.as & OpenedAs.Read) !== 0, (rec.as & OpenedAs.Write) !== 0,
      (rec.as & OpenedAs.Directory) !== 0 ? lent!.path : undefined)) {
      if (file !== undefined) file.close(); else this.closeRecorded(rec);
      throw new Error(`decoupled program: the file its core opened as descriptor ${rec.fd} could not be taken over`);
    }
    for (const access of OPEN_LENDS) this.lend(rec.fd, access);
    this.keepFdstat(rec.fd);
  }

  /** A host descriptor the worker opened that no file took over: closed, its place in the budget given back. */
  private closeRecorded(rec: OpenRecord): void {
    // Its number may come to name another file: no queued write to it may be left.
    waitForWriteBehind();
    try { closeSync(rec.hostFd); } catch { /* already gone */ }
    giveHostFile(this.openLending!.budget);
  }

  /** The preopens the worker answers fd_prestat_* from (startup_lending.ts), published again when the table changed. */
  private publishPreopens(): void {
    const startup = this.host.startup;
    if (startup !== undefined) this.preopens!.update(startup.tableVersion(), () => startup.preopens());
  }

  /** What the worker's own opens need to know as of this reply (open_lending.ts): free descriptors, umask, pending mode. */
  private publishOpenState(): void {
    if (this.openLending === undefined) return;
    const st = this.openLending.state();
    this.i32[Slot.FreeFds] = st.free[0];
    this.i32[Slot.FreeFds + 1] = st.free[1];
    this.i32[Slot.Umask] = st.umask;
    this.i32[Slot.NextMode] = st.nextMode;
  }

  /** The calls the worker deferred (decouple_channel.ts DEFER_SLOT), in order; their results were known (0). */
  private makeDeferred(): void {
    const n = this.i32[DEFER_SLOT]!;
    for (let k = 0; k < n; k++) {
      const at = DEFER_SLOT + 1 + k * DEFER_INTS;
      const index = this.i32[at]!;
      if (index === Op.Adopt) {
        this.adoptOpened(this.i32[at + 1]!);
        continue;
      }
      const imp = this.imports[index], fn = this.table[index];
      if (imp === undefined || fn === undefined) continue;
      fn(...imp.params.map((_, p) => this.i32[at + 1 + p]!));
    }
    this.i32[DEFER_SLOT] = 0;
  }

  /** After fd_fdstat_get succeeded on `fd`: the worker answers the next ones itself while the answer holds. */
  private keepFdstat(fd: number): void {
    if (fd < 0) return;
    const st = this.host.fdstatOf!(fd);
    if (st === undefined) return;
    if (fd >= FDSTAT_FDS && fdstatAt(this.i32, fd) < 0) {
      // A place among the high ones, if one is free.
      const k = this.i32.subarray(FDSTAT_HIGH_FDS_SLOT, FDSTAT_HIGH_FDS_SLOT + FDSTAT_HIGH).indexOf(0);
      if (k < 0) return;
      this.i32[FDSTAT_HIGH_FDS_SLOT + k] = fd + 1;
    }
    this.fdstats.set(fd, st);
    this.writeFdstat(fd, st);
  }

  private writeFdstat(fd: number, st: Fdstat | undefined): void {
    const at = fdstatAt(this.i32, fd);
    if (at < 0) return;
    if (st === undefined && fd >= FDSTAT_FDS) {
      // Its place is free again (the worker looks it up by the descriptor, so it is emptied first).
      Atomics.store(this.i32, at, 0);
      this.i32[FDSTAT_HIGH_FDS_SLOT + (at - FDSTAT_SLOT) / FDSTAT_INTS - FDSTAT_FDS] = 0;
      return;
    }
    if (st !== undefined) {
      this.i32[at + 1] = st.base;
      this.i32[at + 2] = st.inheriting;
      this.i32[at + 3] = st.closable ? 1 : 0;
    }
    Atomics.store(this.i32, at, st === undefined ? 0 : fdstatWord(st.fileType, st.flags));
  }

  /** The kept answers follow whatever the last call changed (flags, rights, the descriptor itself, a description now shared). */
  private checkFdstats(): void {
    for (const [fd, kept] of this.fdstats) {
      const st = this.host.fdstatOf!(fd);
      if (st !== undefined && st.entry === kept.entry && st.fileType === kept.fileType && st.flags === kept.flags &&
          st.base === kept.base && st.inheriting === kept.inheriting && st.closable === kept.closable) continue;
      if (st === undefined) this.fdstats.delete(fd); else this.fdstats.set(fd, st);
      this.writeFdstat(fd, st);
    }
  }

  /** After a record-lock call that succeeded on `fd`: the worker takes the file's locks itself from now on, if it may. */
  private lendLocks(fd: number): void {
    const locks = this.host.locks!;
    if (fd < 0 || fd >= LENT_FDS || this.lentLocks.has(fd)) return;
    const f = locks.lockableFile(fd);
    if (f === undefined) return;
    const slot = locks.share(f.key);
    if (slot === undefined) return;
    const rights = (f.read ? LockRight.Read : 0) | (f.write ? LockRight.Write : 0);
    this.lentLocks.set(fd, { file: f.file, key: f.key, rights });
    Atomics.store(this.i32, LOCK_SLOT + fd, lockEntry(slot, rights));
  }

  /** Withdraws the locks of every descriptor that no longer names its file with the same rights, or may no longer lend them. */
  private checkLentLocks(): void {
    for (const [fd, l] of this.lentLocks) {
      const f = this.host.locks!.lockableFile(fd);
      if (f?.file !== l.file || ((f.read ? LockRight.Read : 0) | (f.write ? LockRight.Write : 0)) !== l.rights) this.withdrawLocks(fd, l);
    }
  }

  private withdrawLocks(fd: number, l: LentLock): void {
    Atomics.store(this.i32, LOCK_SLOT + fd, 0);
    this.lentLocks.delete(fd);
    this.host.locks!.unshare(l.key);
  }

  /** After a write that succeeded on `fd`: the worker puts the next ones into the output ring, if it may. */
  private lendOutput(fd: number): void {
    if (this.outputs.get(fd)?.lent === true) return;
    const out = this.host.lendableOutput!(fd);
    if (out === undefined || out.full()) return;
    this.outputs.set(fd, { out, lent: true });
    this.output!.setLent(fd, true);
  }

  /** After a forwarded call (the ring is empty then): forgets every descriptor that no longer names its console output. */
  private checkOutputs(): void {
    for (const [fd, o] of this.outputs) {
      if (this.host.lendableOutput!(fd) === o.out) continue;
      this.output!.setLent(fd, false);
      this.outputs.delete(fd);
    }
  }

  /**
   * Writes what the ring holds to the consoles, in order. A console that fails (its reader went
   * away) or fills up is no longer lent: the program's next write to it is forwarded, and gets the
   * error or waits, as a write of the vCPU's would (what the worker put in the ring meanwhile is
   * written at the next drain).
   */
  private drainOutput(): void {
    this.output!.drain((fd, bytes) => {
      const target = this.outputs.get(fd);
      if (target === undefined) return;
      if (target.out.writeAccepted(bytes) >= 0 && !target.out.full()) return;
      for (const [other, o] of this.outputs) {
        if (o.out !== target.out || !o.lent) continue;
        o.lent = false;
        this.output!.setLent(other, false);
      }
    });
  }

  /**
   * The process was stopped (job control): the worker forwards every call it would answer itself
   * from now on, and the vCPU serves none until the process continues, so the program stops at
   * its next call of any kind (a loop without calls cannot be paused in a worker). The reply
   * after it continues lets the worker answer them again.
   */
  stop(): void {
    Atomics.store(this.i32, Slot.Pending, 1);
  }

  /** l4_recouple: the reply to the current call makes the worker unwind the program. */
  recouple(): void { this.recoupling = true; }

  /** The module exports libl4posix's trampoline, through which the worker runs handlers. */
  private delivers?: boolean;

  /** Takes the deliverable signals: a fatal one ends the program (throws), handlers wait for the reply. */
  private takeSignals(): void {
    for (let c = this.hooks.takeSignal(); c !== undefined; c = this.hooks.takeSignal()) {
      this.delivers ??= WebAssembly.Module.exports(this.image.module).some((e) => e.name === DELIVER_EXPORT && e.kind === 'function');
      // A handler set through l4posix.sigaction by a module with no trampoline cannot run: the
      // signal ends the program, as multiplexed (the worker would skip it, and the signal be lost).
      if (!this.delivers) throw new ProcessExit(128 + c.sig, c.sig);
      this.handlerCalls.push(c);
    }
    if (this.handlerCalls.length > 0) Atomics.store(this.i32, Slot.Pending, 1);
  }

  private reply(unwind?: typeof UNWIND, again = false, handlers = true): void {
    const n = unwind !== undefined || !handlers ? 0 : Math.min(this.handlerCalls.length, MAX_HANDLERS);
    for (let h = 0; h < n; h++) {
      const c = this.handlerCalls.shift()!;
      this.running.push(c);
      if (this.running.length > 64) this.running.shift(); // left by siglongjmp: never reported back
      this.i32.set([c.sig, c.handler, c.flags, c.code, c.pid, c.uid, c.addr, c.value], Slot.HandlerArgs + h * HANDLER_INTS);
    }
    this.i32[Slot.Handlers] = unwind ?? n;
    this.i32[Slot.Again] = again ? 1 : 0;
    this.publishOpenState();
    this.publishPreopens();
    this.f64[FSIZE_SLOT] = this.host.fileSizeLimit?.() ?? Infinity;
    if (this.handlerCalls.length === 0) this.i32[Slot.Pending] = 0;
    Atomics.store(this.i32, Slot.State, State.Reply);
    if (Atomics.load(this.i32, Slot.Sleeping) !== 0) Atomics.notify(this.i32, Slot.State);
  }

  adoptFork(): void { throw new LoadError(`${this.image.name}: a decoupled program cannot be forked`); }

  enterFaultHandler(): void { /* handlesSignals is false: traps end the program */ }

  /** Stops the worker (exit, kill, shutdown): a waiting worker is told to end, then terminated. */
  dispose(): void {
    if (this.disposed) return;
    if (this.threadPath !== undefined) this.host.threadEnded?.(threadId(this.threadPath));
    this.workerCpuNs();
    this.disposed = true;
    if (this.schedstat !== undefined) closeSync(this.schedstat);
    this.schedstat = undefined;
    Atomics.store(this.i32, Slot.State, State.Exit);
    Atomics.notify(this.i32, Slot.State);
    // Local work under way ends before the program is reported gone and its worker terminated: I/O
    // on a lent file (a killed writer's last pwrite must not land after another process took its
    // lock), a lock slot held, or a kernel entry (the IRQ of a forwarded call: terminated inside
    // the kernel, the worker would leave the kernel's lock held, and the vCPU would wait for it
    // forever). None starts after Exit. Bounded: a worker that died inside (out of memory) never
    // clears the flag.
    for (let waited = 0; Atomics.load(this.i32, Slot.LocalBusy) !== 0 && waited < LOCAL_IO_END_MS; waited += 0.05) {
      Atomics.wait(this.i32, Slot.LocalBusy, 1, 0.05);
    }
    // Its queued host writes are made before anything else sees it gone (another process may take
    // its locks next); none is queued after Exit.
    this.writeBehind?.release();
    // What it wrote last reaches its console before it is reported gone.
    if (this.output?.pending() === true) this.drainOutput();
    // Lent descriptors stay open until the worker can no longer use them.
    lentStats.ending++;
    // Files the worker opened that were never taken over: nobody else will close them. At once if
    // the program has ended there; else once the worker has (one still running past
    // LOCAL_IO_END_MS could be closing one of them itself).
    const closeRecorded = () => {
      if (this.openLending !== undefined) for (const rec of pendingOpenRecords(this.i32)) this.closeRecorded(rec);
    };
    const ended = this.workerEnded;
    if (ended) closeRecorded();
    const withdrawAll = () => {
      if (!ended) closeRecorded();
      for (const [fd, l] of this.lent) this.withdraw(fd, l);
      for (const [fd, l] of this.lentLocks) this.withdrawLocks(fd, l);
      lentStats.localCalls += this.i32[Slot.LocalIo]!;
      lentStats.ending--;
    };
    void endWorker(this.worker).then(withdrawAll, withdrawAll);
  }
}

/** The pages the program's memory may grow to now, as a limit global holds it. */
function capPages(host: DecoupledHost): number {
  return Math.max(0, Math.min(65536, Math.floor(host.memoryCapPages())));
}

/** The thread id in a /proc/thread-self link ("<pid>/task/<tid>"). */
function threadId(path: string): number {
  return Number(path.slice(path.lastIndexOf('/') + 1));
}
