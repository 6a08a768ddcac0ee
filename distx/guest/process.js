import { KErr, Rights, Timeout } from "../kernel/kernel.js";
import { DEFAULT_UMASK, SUSPEND } from "../libc/context.js";
import { Errno, errnoName } from "../errno.js";
import { FdTable, rightsFor } from "../libc/fdtable.js";
import { createL4posixImports } from "../libc/l4posix.js";
import { AddressSpace, SPACE_END } from "../libc/address_space.js";
import { syncAtCalls } from "../libc/shared_mappings.js";
import { RLIM_INFINITY, Rlimit } from "../libc/posix_abi.js";
import { existingPosixState } from "../libc/posix_state.js";
import { PREEMPT_IMPORT, RESERVED_PAGES } from "./asyncify.js";
import { DecoupledProgram } from "./decoupled.js";
import { lockableFile } from "../libc/l4posix_lock.js";
import { lockKey, recordLocksOf } from "../vfs/record_locks.js";
import { LentAccess, OFFSET_ACCESS } from "./decouple_channel.js";
import { FdFlags, GuestMemory, Rights as FdRights, abiFileType } from "../libc/abi.js";
import { StringList } from "../libc/wasi_state.js";
import { lendableHostFile } from "../vfs/hostfs.js";
import { ABSOLUTE, lendableDir } from "./dir_lending.js";
import { KipTime } from "../libc/time.js";
import { createWasiImports } from "../libc/wasi.js";
import { isCallBoundary } from "../libc/syscalls/index.js";
import { RootTaskClient } from "../l4re/root_client.js";
import { FileType } from "../vfs/types.js";
import { ConsoleOutput } from "../vfs/console.js";
import { LoadError, ProgramInstance } from "./program.js";
import { ProcessSignals } from "./signal_process.js";
import { NSIG, Sig, SiCode, SigHow, linuxSignal } from "./signals.js";
import { Disposition } from "./signal_state.js";
import { ProcessControl } from "./process_control.js";
import { randomFillSync } from "node:crypto";
import { guestL4Port } from "./l4_guest.js";
const HOST_ERROR_EXIT = 125;
const LOAD_ERROR_EXIT = 126;
const WORKER_BYTES = 8 * 2 ** 20;
function preopenError(name, errno) {
  const why = errno === -Errno.ENFILE ? "too many host files are open on the machine (its hostFileLimit)" : errno === -Errno.EMFILE ? "its descriptor table is full" : errnoName(errno);
  const e = new Error(`${name}: cannot open its preopened directories: ${why}`);
  e.code = errnoName(errno);
  e.errno = errno;
  return e;
}
function mib(bytes) {
  return `${Math.round(bytes / 1048576)} MiB`;
}
var Slot = /* @__PURE__ */ ((Slot2) => {
  Slot2[Slot2["RootTask"] = 8] = "RootTask";
  Slot2[Slot2["WakeIrq"] = 11] = "WakeIrq";
  return Slot2;
})(Slot || {});
const PROGRAM_PRIO = 100;
const DECOUPLED_PRIO = 120;
const WAKE_LABEL = 2002873189;
const personalities = /* @__PURE__ */ new WeakMap();
function personalityOf(module) {
  let p = personalities.get(module);
  if (p === void 0) {
    personalities.set(module, p = personalityFrom(WebAssembly.Module.imports(module), WebAssembly.Module.exports(module)));
  }
  return p;
}
function personalityFrom(imports, exports) {
  const posix = imports.some((i) => i.module === "l4posix" && `l4posix.${i.name}` !== PREEMPT_IMPORT) || exports.some((e) => e.name === "__l4posix_cwd_init");
  return posix ? "posix" : "wasi";
}
function sharedMemoryOf(image) {
  const s = image.sharedMemory;
  if (s === void 0) return void 0;
  const memory = new WebAssembly.Memory({ initial: s.initial, maximum: s.maximum, shared: true });
  const u8 = new Uint8Array(memory.buffer);
  for (const d of s.data) u8.set(d.bytes, d.offset);
  return memory;
}
class Process {
  constructor(host, image, options) {
    this.image = image;
    this.host = host;
    this.kernel = host.kernel;
    this.pid = options.pid;
    this.args = options.args;
    this.env = options.env;
    this.vfs = host.vfs;
    this.identity = {
      pid: options.pid,
      ppid: options.ppid,
      pgid: options.pgid ?? options.pid,
      sid: options.sid ?? options.pid,
      uid: options.uid ?? 0,
      euid: options.uid ?? 0,
      gid: options.gid ?? 0,
      egid: options.gid ?? 0
    };
    this.files = { umask: (options.umask ?? DEFAULT_UMASK) & 511, nextMode: void 0 };
    this.clock = new KipTime(host.kernel, host.realtime, () => this.cpuTimeNs());
    this.exit = new Promise((resolve) => {
      this.resolveExit = resolve;
    });
    this.initialCwd = options.cwd ?? "/";
    if (options.fds !== void 0) {
      this.fds = options.fds;
    } else {
      this.fds = new FdTable();
      if (options.stdio === void 0) throw new Error(`${image.name}: a process needs stdio or a descriptor table`);
      this.fds.setupStdio(...options.stdio);
      const pre = this.fds.addPreopens(this.vfs, options.preopens, options.rootPreopen ?? true);
      if (pre < 0) throw preopenError(image.name, pre);
    }
    const k = this.kernel;
    this.task = k.newTask();
    this.thread = k.newThread({ task: this.task, prio: PROGRAM_PRIO });
    this.irq = k.newIrq();
    k.attachIrq(this.irq.id, this.thread.id, WAKE_LABEL);
    k.map(k.rootTask, this.irq.cap, this.task.id, 11 /* WakeIrq */, Rights.R);
    k.map(k.rootTask, host.rootGate, this.task.id, 8 /* RootTask */, Rights.W);
    this.root = new RootTaskClient(host.cpu, this.thread.id, 8 /* RootTask */);
    this.addressSpace = new AddressSpace(k, this.task.id, this.root, host.rootTask, () => this.instance?.memory);
    this.initialLimits = options.limits ?? {};
    const as = this.initialLimits[Rlimit.AS];
    if (as !== void 0 && as.cur < BigInt(SPACE_END)) this.addressSpace.limit = Number(as.cur);
    this.addressSpace.onLimit = () => this.applyMemoryLimit();
    this.addressSpace.headroom = () => this.memoryHeadroom();
    this.signals = new ProcessSignals(this);
    for (const sig of options.ignored ?? []) this.signals.state.setAction(sig, { kind: Disposition.Ignore, handler: 0, flags: 0, maskLo: 0, maskHi: 0 });
    if (options.sigmask) this.signals.state.setMask(SigHow.SETMASK, options.sigmask[0], options.sigmask[1]);
    this.signals.state.onStopped = (sig) => {
      this.stopSignal = sig;
      this.continued = false;
      if (this.instance instanceof DecoupledProgram) this.instance.stop();
      this.host.control?.table.stopped(this, sig);
    };
    this.signals.state.orphaned = () => this.host.control?.table.orphanedGroup(this) ?? true;
    this.signals.state.onContinued = () => {
      this.stopSignal = 0;
      this.continued = true;
      this.host.control?.table.stopped(this, Sig.CONT);
    };
    if (host.control !== void 0) this.procs = new ProcessControl(this, host.control);
    this.wrapImports = options.wrapImports;
    this.childWrapImports = options.childWrapImports ?? options.wrapImports;
    try {
      this.instance = this.instantiate(image);
      if (options.forkOf !== void 0) this.adoptFork(options.forkOf);
      this.countMemory();
    } catch (e) {
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
  image;
  pid;
  /** Replaced by exec. */
  args;
  env;
  vfs;
  fds;
  clock;
  /** The working directory it started in (wasi-libc keeps the current one in the program). */
  initialCwd;
  /** The process calls (spawn, exec, fork, wait, groups), when the machine has a process table. */
  procs;
  /** A stop signal not yet reported to the parent's waitpid(WUNTRACED). */
  stopSignal = 0;
  /** Continued by SIGCONT after a stop, not yet reported to the parent's waitpid(WCONTINUED). */
  continued = false;
  identity;
  /** The path rules of the program it runs now (exec may change them). */
  get personality() {
    return personalityOf(this.image.module);
  }
  /** umask and the mode of a create under way (kept across exec, inherited by children). */
  files;
  /** Resolves when the process has ended. */
  exit;
  restart;
  direct = false;
  host;
  kernel;
  task;
  thread;
  irq;
  /** The root task, reached by IPC from this process's thread (memory for the region map). */
  root;
  /** The region manager of the program's memory: heap accounting and mmap. */
  addressSpace;
  /** Signal state, the exception/timer handler thread E, the program's call boundaries. */
  signals;
  /** The program thread's run() is on the stack (its calls into the host happen now). */
  onCpu = false;
  instance;
  resolveExit;
  subscriptions = [];
  notify = () => {
    this.kernel.triggerIrq(this.irq.id);
    this.host.cpu.wake();
  };
  cpuNs = 0;
  runningSince = -1;
  /** The thread's UTCB as a stop found it (waitUntilContinued), put back when it continues. */
  stoppedUtcb;
  status;
  wrapImports;
  /** What its children's imports are wrapped with (see ProcessOptions.childWrapImports). */
  childWrapImports;
  /** The limits it started with (getrlimit reports them until the program changes them). */
  initialLimits;
  /** The bytes of its memory the machine's budget counts. */
  memoryCounted = 0;
  /** RLIMIT_CPU: the CPU time (s) at which the next SIGXCPU is due. */
  nextXcpu = 0;
  importTable() {
    const imports = {
      wasi_snapshot_preview1: createWasiImports(this),
      l4posix: createL4posixImports(this)
    };
    return this.wrapImports ? this.wrapImports(imports, this) : imports;
  }
  /**
   * The host file behind `fd`, for a decoupled program's reads, writes or syncs on its own core
   * (DecoupledHost.lendableFile): a host mount's regular file, open for that access, whose calls
   * need nothing else of the vCPU. Never when the process has shared mappings (kept coherent at
   * its calls) or an O_SYNC/O_DSYNC/O_RSYNC descriptor (a sync after each write).
   */
  lendableFile(fd, access) {
    if (this.addressSpace.hasShared) return void 0;
    const rights = access === LentAccess.Write ? FdRights.FD_WRITE | FdRights.FD_SEEK : access === LentAccess.Read ? FdRights.FD_READ | FdRights.FD_SEEK : access === LentAccess.Stream ? FdRights.FD_READ : access === LentAccess.StreamWrite ? FdRights.FD_WRITE : access === LentAccess.Seek ? FdRights.FD_SEEK | FdRights.FD_TELL : access === LentAccess.FileStat ? FdRights.FD_FILESTAT_GET : access === LentAccess.Stat ? 0 : access === LentAccess.Sync ? FdRights.FD_SYNC : FdRights.FD_DATASYNC;
    const e = this.fds.getFile(fd, rights);
    if (typeof e === "number" || (e.desc.flags & (FdFlags.SYNC | FdFlags.DSYNC | FdFlags.RSYNC)) !== 0) return void 0;
    if ((access === LentAccess.Write || access === LentAccess.StreamWrite) && (e.desc.flags & FdFlags.APPEND) !== 0) return void 0;
    if ((access & OFFSET_ACCESS) !== 0 && e.desc.refs !== 1) return void 0;
    const f = lendableHostFile(e.desc.file);
    if (f === void 0) return void 0;
    const writes = access === LentAccess.Write || access === LentAccess.StreamWrite;
    const reads = access === LentAccess.Read || access === LentAccess.Stream;
    if (writes ? !f.hostWritable : reads && !f.hostReadable) return void 0;
    return f;
  }
  /**
   * Record locks for a decoupled program's worker to take itself (DecoupledHost.locks). Never while
   * the process has shared mappings: they are kept coherent at its forwarded calls, and locks order
   * their use (SQLite's WAL index).
   */
  lockLending() {
    const table = recordLocksOf(this.vfs);
    const owner = this.identity.pid;
    return {
      pool: table.slots().buffer,
      owner,
      lockableFile: (fd) => this.addressSpace.hasShared ? void 0 : lockableFile(this, fd),
      share: (key) => table.share(key, owner),
      unshare: (key) => table.unshare(key, owner)
    };
  }
  /**
   * What lets a decoupled program's worker open files in lent host mount roots (open_lending.ts):
   * the machine's host-file budget, what the descriptor table and the create mode are now, and the
   * adoption of what the worker opened, placed as wasi_path.ts openAt places an open file.
   */
  openLending() {
    const budget = this.host.hostFiles?.shared;
    if (budget === void 0) return void 0;
    return {
      budget,
      state: () => ({ free: [this.fds.freeBits(0), this.fds.freeBits(32)], umask: this.files.umask, nextMode: this.files.nextMode ?? -1 }),
      adopt: (fd, dirfd, file, read, write, path) => {
        const dir = this.fds.getDir(dirfd, FdRights.PATH_OPEN);
        if (typeof dir === "number") return false;
        const isDir = file.type === FileType.Directory;
        return this.fds.insertAt(fd, file, {
          rightsBase: rightsFor(file, read, write) & dir.rightsInheriting,
          rightsInheriting: isDir ? dir.rightsInheriting : 0,
          flags: 0,
          path: isDir ? path : void 0
        });
      }
    };
  }
  /** What a decoupled program needs of its process's thread (decoupled.ts). */
  decoupledHost() {
    const k = this.kernel;
    const lending = this.wrapImports === void 0 ? {
      lendableFile: (fd, access) => this.lendableFile(fd, access),
      // A console output: the worker puts the program's writes to it into its output ring, which the vCPU drains in order.
      lendableOutput: (fd) => {
        const e = this.fds.getFile(fd, FdRights.FD_WRITE);
        return typeof e !== "number" && e.desc.file instanceof ConsoleOutput ? e.desc.file : void 0;
      },
      locks: this.lockLending(),
      // A name in a host mount's root: the worker stats it there (dir_lending.ts), as lendableFile, never with shared mappings.
      lendableDir: (dirfd, prefix) => {
        if (this.addressSpace.hasShared) return void 0;
        if (dirfd === ABSOLUTE) return lendableDir(this.vfs, void 0, prefix);
        const e = this.fds.getDir(dirfd, 0);
        if (typeof e === "number") return void 0;
        const rights = e.rightsBase;
        return lendableDir(this.vfs, {
          path: e.desc.path,
          unlink: (rights & FdRights.PATH_UNLINK_FILE) !== 0,
          valid: () => !this.addressSpace.hasShared && this.fds.get(dirfd) === e && e.rightsBase === rights
        }, prefix);
      },
      mountGeneration: this.vfs.generation,
      opens: this.openLending(),
      writeBehind: this.host.writeBehind === true,
      startup: {
        args: new StringList(this.args),
        env: new StringList(this.env),
        tableVersion: () => this.fds.version,
        preopens: () => this.fds.preopens().map((p) => ({ fd: p.fd, name: GuestMemory.encode(p.name) }))
      },
      fdstatOf: (fd) => {
        const e = this.addressSpace.hasShared ? void 0 : this.fds.get(fd);
        if (e === void 0 || e.desc.refs !== 1) return void 0;
        const file = e.desc.file;
        const key = file.type === FileType.RegularFile || file.type === FileType.Directory ? lockKey(file) : void 0;
        const closable = key !== void 0 && !recordLocksOf(this.vfs).mayHold(key, this.identity.pid);
        return { entry: e, fileType: abiFileType(file.type), flags: e.desc.flags, base: e.rightsBase, inheriting: e.rightsInheriting, closable };
      }
    } : {};
    return {
      ...lending,
      threadStarted: (tid) => this.host.decoupledThreadStarted?.(this, tid),
      threadEnded: (tid) => this.host.decoupledThreadEnded?.(tid),
      wait: (spec) => this.wait(spec),
      wake: () => this.wake(),
      monotonicNs: () => this.clock.monotonicNs(),
      // The running thread stays in its CPU's ready queue: alone means a count of one.
      idle: () => k.readyCount(this.cpu.id) <= 1,
      expectWake: (ms) => this.cpu.expectWake(ms),
      ring: { memory: k.memory, module: k.module, cpu: this.cpu.id, irq: this.irq.id },
      // As applyMemoryLimit: RLIMIT_AS (the save area not counted), no more than the machine has left.
      memoryCapPages: () => Math.min(
        this.addressSpace.limit + this.addressSpace.reservedTop,
        (this.instance?.memory.buffer.byteLength ?? 0) + this.memoryHeadroom()
      ) / 65536,
      cpuCheckNs: () => {
        const l = (existingPosixState(this)?.limits ?? this.initialLimits)[Rlimit.CPU];
        if (l === void 0) return void 0;
        const soft = l.cur === RLIM_INFINITY ? Infinity : Math.max(Number(l.cur), this.nextXcpu);
        const hard = l.max === RLIM_INFINITY ? Infinity : Number(l.max);
        if (Math.min(soft, hard) === Infinity) return void 0;
        const dueNs = Math.min(soft, hard) * 1e9 - this.cpuNow();
        return this.clock.monotonicNs() + BigInt(Math.max(1e6, Math.ceil(dueNs / 2)));
      }
    };
  }
  instantiate(image) {
    const imports = this.importTable();
    if (image.decoupled !== void 0) {
      this.addressSpace.reservedTop = 0;
      this.setDecoupledPriority(true);
      return new DecoupledProgram(image, syncAtCalls(imports, this.addressSpace), this.decoupledHost(), this.signals);
    }
    this.addressSpace.reservedTop = RESERVED_PAGES * 65536;
    this.setDecoupledPriority(false);
    return new ProgramInstance(image, imports, isCallBoundary, sharedMemoryOf(image), this.signals);
  }
  /**
   * A decoupled program's thread only serves its forwarded calls: above the multiplexed programs,
   * so that a call is served within a look of theirs (~50 µs), not after their time slice.
   */
  setDecoupledPriority(decoupled) {
    this.kernel.setPriority(this.thread.id, decoupled ? DECOUPLED_PRIO : PROGRAM_PRIO);
  }
  // ---- l4_decouple / l4_recouple: the program moves between the vCPU and a core of its own ----
  decouple() {
    if (this.instance instanceof DecoupledProgram) return 0;
    if (this.image.sharedMemory === void 0) return -Errno.ENOTSUP;
    if (this.signals.suspendForbidden > 0) return -Errno.EAGAIN;
    this.restart = { kind: "decouple" };
    this.kernel.yield(this.thread.id);
    return SUSPEND;
  }
  recouple() {
    const inst = this.instance;
    if (!(inst instanceof DecoupledProgram)) return 0;
    if (!inst.prepared) return -Errno.ENOTSUP;
    inst.recouple();
    return 0;
  }
  /** The prepared program unwound at l4_decouple: it continues in a worker on the same memory. */
  moveToWorker() {
    const inst = this.instance;
    if (!(inst instanceof ProgramInstance)) return;
    this.restart = void 0;
    this.setDecoupledPriority(true);
    this.instance = new DecoupledProgram(
      this.image,
      syncAtCalls(this.importTable(), this.addressSpace),
      this.decoupledHost(),
      this.signals,
      { memory: inst.memory, globals: inst.exportedGlobals(), reserveBytes: this.addressSpace.reservedTop }
    );
    this.kernel.yield(this.thread.id);
  }
  /** The decoupled program unwound in its worker at l4_recouple: it continues on the vCPU. */
  moveToVcpu(globals) {
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
  adoptFork(parent) {
    if (parent.instance === void 0) throw new Error("fork of a process that has ended");
    if (!(parent.instance instanceof ProgramInstance) || !(this.instance instanceof ProgramInstance)) {
      throw new LoadError("fork of a decoupled program");
    }
    this.instance.adoptFork(parent.instance);
    this.addressSpace.inheritShared(parent.addressSpace);
    const from = parent.signals.state;
    const to = this.signals.state;
    for (let sig = 1; sig < NSIG; sig++) {
      const a = from.action(sig);
      if (a.kind !== Disposition.Default) to.setAction(sig, a);
    }
    to.setMask(SigHow.SETMASK, from.blockedLo, from.blockedHi);
    this.restart = { kind: "fork-result", pid: 0 };
  }
  /** Bytes at the top of the program's memory that are the runtime's (GuestMemory's bounds). */
  get reservedTop() {
    return this.addressSpace.reservedTop;
  }
  /** The program can be copied by fork (its module exports its globals). */
  get canFork() {
    return this.instance?.canFork ?? false;
  }
  /** fork, in the parent: unwind the program, so that its whole state is in memory to be copied. */
  unwindForFork() {
    if (this.signals.suspendForbidden > 0) return -Errno.EAGAIN;
    this.restart = { kind: "fork-pending" };
    this.kernel.yield(this.thread.id);
    return SUSPEND;
  }
  /**
   * exec: the new program replaces the old one in this process (same pid, task and thread). Kept:
   * descriptors without FD_CLOEXEC, ignored signals, the mask, pending signals, ITIMER_REAL. Handled
   * signals go back to their default; POSIX timers are deleted.
   */
  exec(p) {
    this.fds.closeOnExec();
    if (personalityOf(p.image.module) === "wasi") this.fds.lowerPreopens();
    this.signals.execed();
    const st = this.signals.state;
    for (let sig = 1; sig < NSIG; sig++) {
      if (st.action(sig).kind === Disposition.Handler) st.setAction(sig, { kind: Disposition.Default, handler: 0, flags: 0, maskLo: 0, maskHi: 0 });
    }
    this.addressSpace.reset();
    this.args = p.args;
    this.env = p.env;
    this.image = p.image;
    this.restart = void 0;
    if (this.instance instanceof DecoupledProgram) this.disposeWorker(this.instance);
    this.instance = void 0;
    this.execed = true;
    try {
      this.instance = this.instantiate(p.image);
      this.syncMemory();
    } catch (e) {
      this.finish({ code: 128 + Sig.KILL, signal: Sig.KILL, trap: { message: `exec ${p.image.name}: ${e.message}` } });
      return;
    }
    this.kernel.yield(this.thread.id);
  }
  get memory() {
    if (this.instance === void 0) throw new RangeError("no memory yet");
    return this.instance.memory;
  }
  get hostname() {
    return this.host.hostname;
  }
  /** Its program runs in a worker of its own; its calls are forwarded (the tracer marks them). */
  get decoupled() {
    return this.instance instanceof DecoupledProgram;
  }
  l4Port;
  /** The process's L4 side (the l4 family), made on its first L4 call. */
  get l4() {
    if (this.l4Port === void 0 && this.host.l4 !== void 0) this.l4Port = guestL4Port(this, this.host.l4);
    return this.l4Port;
  }
  get ended() {
    return this.status !== void 0;
  }
  /** How it ended, once it has (a zombie until its parent reaps it). */
  get exitStatus() {
    return this.status;
  }
  /** Stopped by a stop signal's default action: it does not run until SIGCONT (see run()). */
  get stopped() {
    return this.signals.state.stopped;
  }
  get cpu() {
    return this.host.cpu;
  }
  // ---- the host thread ----
  run() {
    if (this.instance === void 0) return;
    for (const cancel of this.subscriptions) cancel();
    this.subscriptions = [];
    if (this.signals.state.stopped) {
      this.waitUntilContinued();
      return;
    }
    if (this.stoppedUtcb !== void 0) {
      this.kernel.restoreUtcb(this.thread.id, this.stoppedUtcb);
      this.stoppedUtcb = void 0;
    }
    const handler = this.signals.faultHandlerToRun();
    if (this.instance === void 0) return;
    if (handler !== void 0) this.instance.enterFaultHandler(handler);
    this.applyMemoryLimit();
    this.runningSince = performance.now();
    this.signals.dispatched();
    this.onCpu = true;
    const multiplexed = this.instance instanceof ProgramInstance;
    if (multiplexed) this.addressSpace.refreshShared();
    let outcome;
    try {
      outcome = this.instance.run();
    } finally {
      if (multiplexed) this.addressSpace.publishShared();
      this.onCpu = false;
      const polled = this.instance instanceof DecoupledProgram ? this.instance.takePollMs() : 0;
      this.cpuNs += (performance.now() - this.runningSince - polled) * 1e6;
      this.runningSince = -1;
      this.syncMemory();
    }
    switch (outcome.kind) {
      case "suspended":
        this.checkCpuLimit();
        if (this.status !== void 0) return;
        if (this.restart?.kind === "decouple") {
          this.moveToWorker();
          return;
        }
        if (this.restart?.kind === "fork-pending") this.restart = { kind: "fork-result", pid: this.host.control?.forkChild(this) ?? -Errno.ENOSYS };
        return;
      case "exited":
        this.finish(outcome.signal === void 0 ? { code: outcome.code } : { code: 128 + outcome.signal, signal: outcome.signal });
        return;
      case "trapped":
        this.signals.reflectTrap(outcome, this.instance.handlesSignals);
        return;
      case "exec":
        this.exec(outcome.program);
        return;
      case "recouple":
        this.moveToVcpu(outcome.globals);
        return;
      case "handler-returned":
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
  waitUntilContinued() {
    const k = this.kernel;
    const t = this.thread.id;
    this.stoppedUtcb ??= k.saveUtcb(t);
    for (let i = 0; i < 3; i++) if (k.receive(t, 11 /* WakeIrq */, Timeout.Never) === -KErr.WouldBlock) return;
  }
  /** Sends a signal to the process (as kill(2) from outside; SIGKILL ends it at once). */
  kill(signal) {
    if (this.status !== void 0) return;
    this.signals.send(signal, { code: SiCode.USER, pid: 0, uid: 0, addr: 0, value: 0 });
  }
  /**
   * Ends the process from outside (machine shutdown, SIGKILL): the status reports `signal`, and
   * `why` a limit the machine enforced.
   */
  terminate(signal, why) {
    if (this.status !== void 0) return;
    this.finish({ code: 128 + signal, signal, ...why });
  }
  /** The resource limits a child (spawn, fork) inherits: RLIMIT_AS and RLIMIT_CPU as they are now. */
  inheritedLimits() {
    const now = existingPosixState(this)?.limits;
    const out = {};
    for (const r of [Rlimit.AS, Rlimit.CPU]) {
      const l = now?.[r] ?? this.initialLimits[r];
      if (l !== void 0) out[r] = { cur: l.cur, max: l.max };
    }
    return out;
  }
  /**
   * Makes the program thread runnable if it waits in a blocking call (a signal arrived). An L4
   * IPC it blocks in is canceled (it returns L4_IPC_RECANCELED/SECANCELED), as L4Linux's signal
   * delivery cancels a blocked IPC.
   */
  wake() {
    if (this.status !== void 0) return;
    if (this.restart?.kind === "l4-ipc") this.kernel.cancel(this.thread.id);
    this.notify();
  }
  findProcess(pid) {
    return this.host.running?.get(pid);
  }
  processes() {
    return this.host.running?.values() ?? [this];
  }
  /** What ended the process when the host failed it (see fail). */
  failure;
  /** The program came by exec: a LoadError of its start ends the process by SIGKILL (see fail). */
  execed = false;
  /**
   * The host failed this process (an exception escaped its run, its handler thread or a call's
   * wrapper): it ends with a status that says so, and nothing else on the machine is touched.
   * A LoadError (its program could not start) ends it with 126, anything else with 125.
   */
  fail(error) {
    if (this.status !== void 0) return;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof LoadError && this.execed) {
      this.finish({ code: 128 + Sig.KILL, signal: Sig.KILL, trap: { message: `exec ${this.image.name}: ${message}` } });
      return;
    }
    this.failure = error;
    if (error instanceof LoadError) this.finish({ code: LOAD_ERROR_EXIT, error: message });
    else this.finish({ code: HOST_ERROR_EXIT, error: `l4wasm internal error: ${message}` });
  }
  /** Ends the process with `status` (its exit, a fatal signal). */
  finish(status) {
    if (this.status !== void 0) return;
    this.status = status;
    this.signals.close();
    for (const cancel of this.subscriptions) cancel();
    this.subscriptions = [];
    if (this.instance instanceof DecoupledProgram) this.disposeWorker(this.instance);
    this.instance = void 0;
    this.fds.closeAll();
    this.releaseMemory();
    this.l4Port?.release();
    if (this.host.memory !== void 0) this.host.memory.used -= this.memoryCounted;
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
  accountMemory() {
    this.addressSpace.account();
  }
  /** The regions of the task's region map that describe the program's memory. */
  memoryRegions() {
    return this.addressSpace.heapRegions();
  }
  releaseMemory() {
    this.addressSpace.release();
  }
  /** What the machine's memory limit counts of this process: its memory, and a decoupled program's worker. */
  countedBytes() {
    return (this.instance?.memory.buffer.byteLength ?? 0) + (this.instance instanceof DecoupledProgram ? WORKER_BYTES : 0);
  }
  /** A new process's memory joins the machine's count, or the spawn fails with ENOMEM. */
  countMemory() {
    const budget = this.host.memory;
    const bytes = this.countedBytes();
    if (budget === void 0) return;
    if (budget.used + bytes > budget.limit) {
      const e = new Error(
        `${this.image.name}: the machine's memory limit (${mib(budget.limit)}) leaves no room for its ${mib(bytes)}`
      );
      e.code = "ENOMEM";
      e.errno = -Errno.ENOMEM;
      throw e;
    }
    budget.used += bytes;
    this.memoryCounted = bytes;
  }
  /** The machine's count follows the memory (grown while it ran, or replaced by exec). */
  syncMemory() {
    const budget = this.host.memory;
    if (budget === void 0) return;
    const bytes = this.countedBytes();
    budget.used += bytes - this.memoryCounted;
    this.memoryCounted = bytes;
  }
  /** Bytes the machine's memory limit lets this process still grow by (Infinity: no limit). */
  memoryHeadroom() {
    const budget = this.host.memory;
    if (budget === void 0) return Infinity;
    const grown = this.countedBytes() - this.memoryCounted;
    return Math.max(0, budget.limit - budget.used - grown);
  }
  /**
   * Hands the program's memory.grow its limit: RLIMIT_AS (the save area not counted), and no more
   * than the machine has left. Set whenever it is dispatched and when RLIMIT_AS changes.
   */
  applyMemoryLimit() {
    const inst = this.instance;
    if (!(inst instanceof ProgramInstance) && !(inst instanceof DecoupledProgram)) return;
    const now = inst.memory.buffer.byteLength;
    const bytes = Math.min(this.addressSpace.limit + this.addressSpace.reservedTop, now + this.memoryHeadroom());
    inst.setMemoryLimit(bytes / 65536);
  }
  /** RLIMIT_CPU: SIGXCPU at the soft limit and every second after it, the end at the hard one. */
  checkCpuLimit() {
    const l = (existingPosixState(this)?.limits ?? this.initialLimits)[Rlimit.CPU];
    if (l === void 0 || l.cur === RLIM_INFINITY && l.max === RLIM_INFINITY) return;
    const sec = this.cpuNow() / 1e9;
    if (l.max !== RLIM_INFINITY && sec >= Number(l.max)) {
      this.finish({ code: 128 + Sig.KILL, signal: Sig.KILL, error: `CPU time limit exceeded (${l.max} s)`, limit: "cpu" });
      return;
    }
    if (l.cur !== RLIM_INFINITY && sec >= Number(l.cur) && sec >= this.nextXcpu) {
      this.nextXcpu = Math.floor(sec) + 1;
      this.signals.send(Sig.XCPU, { code: SiCode.KERNEL, pid: 0, uid: 0, addr: 0, value: 0 });
    }
  }
  cpuTimeNs() {
    return BigInt(Math.floor(this.cpuNow()));
  }
  /** CPU time (ns): its runs on the vCPU, and the worker thread's while it runs decoupled. */
  cpuNow() {
    const decoupled = this.instance instanceof DecoupledProgram ? this.instance : void 0;
    const live = this.runningSince >= 0 ? (performance.now() - this.runningSince - (decoupled?.pollingMs ?? 0)) * 1e6 : 0;
    return this.cpuNs + live + (decoupled?.workerCpuNs() ?? 0);
  }
  /** A decoupled program's worker ends (exit, exec, recouple): its CPU time stays the process's. */
  disposeWorker(inst) {
    inst.dispose();
    this.cpuNs += inst.workerCpuNs();
    this.host.decoupledProgramEnded?.();
  }
  // ---- the syscall context ----
  wait(spec) {
    if (this.signals.suspendForbidden > 0) return -Errno.EINTR;
    const interrupted = this.signals.interruptWait(spec);
    if (interrupted !== void 0) return interrupted;
    this.accountMemory();
    for (const { file } of spec.files ?? []) this.subscriptions.push(file.subscribe(this.notify));
    for (const source of spec.sources ?? []) this.subscriptions.push(source.subscribe(this.notify));
    let timeout = Timeout.Never;
    let deadlineNs = spec.deadlineNs;
    for (const { file } of spec.files ?? []) {
      const at = file.readyAtNs?.();
      if (at !== void 0 && (deadlineNs === void 0 || at < deadlineNs)) deadlineNs = at;
    }
    if (deadlineNs !== void 0) {
      const remaining = deadlineNs - this.clock.monotonicNs();
      timeout = remaining <= 0n ? Timeout.Poll : Math.max(1, Math.ceil(Number(remaining) / 1e3));
    }
    const r = this.kernel.receive(this.thread.id, 11 /* WakeIrq */, timeout);
    if (r !== -KErr.WouldBlock) this.kernel.yield(this.thread.id);
    return SUSPEND;
  }
  yield() {
    if (this.restart?.kind === "yielded" || this.signals.suspendForbidden > 0) return 0;
    this.restart = { kind: "yielded" };
    this.accountMemory();
    this.kernel.yield(this.thread.id);
    return SUSPEND;
  }
  random(buf) {
    randomFillSync(buf);
  }
  brokenPipe() {
    this.signals.send(Sig.PIPE, { code: SiCode.KERNEL, pid: 0, uid: 0, addr: 0, value: 0 });
  }
  /** proc_raise: the signal is delivered as the call returns. */
  raise(wasiSignal) {
    const sig = linuxSignal(wasiSignal);
    if (sig === void 0) return -Errno.EINVAL;
    return this.signals.raise(sig);
  }
  onInternalError(call, error) {
    const report = { pid: this.pid, program: this.image.name, where: call, error, fatal: false };
    if (this.host.reportInternalError !== void 0) this.host.reportInternalError(report);
    else process.emitWarning(`l4wasm: ${this.image.name}: internal error in ${call}: ${error?.stack ?? error}`);
  }
}
export {
  HOST_ERROR_EXIT,
  LOAD_ERROR_EXIT,
  Process,
  personalityFrom,
  personalityOf,
  sharedMemoryOf
};
