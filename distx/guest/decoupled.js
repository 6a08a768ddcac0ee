import { SYSCALLS } from "../libc/syscalls/index.js";
import { Errno } from "../errno.js";
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { ProcessExec, ProcessExit, SUSPEND } from "../libc/context.js";
import {
  ARG_SLOT,
  CHANNEL_BYTES,
  DEFER_INTS,
  DEFER_SLOT,
  FDSTAT_FDS,
  FDSTAT_HIGH,
  FDSTAT_HIGH_FDS_SLOT,
  FDSTAT_INTS,
  FDSTAT_SLOT,
  HANDLER_INTS,
  I64,
  LENT_DEV_SLOT,
  LENT_FDS,
  LENT_INO_SLOT,
  LENT_OFFSET_SLOT,
  LENT_SLOT,
  LOCK_SLOT,
  LentAccess,
  LockRight,
  MAX_ARGS,
  MAX_HANDLERS,
  Op,
  OpenedAs,
  OFFSET_ACCESS,
  Polling,
  RESULT_SLOT,
  SLEPT_SLOT,
  Slot,
  STARTED_SLOT,
  State,
  UNWIND,
  fdstatAt,
  fdstatWord,
  lentEntry,
  lockEntry
} from "./decouple_channel.js";
import { OutputRing } from "./output_ring.js";
import { ABSOLUTE, isLendablePrefix, LentDirTable } from "./dir_lending.js";
import { Whence } from "../vfs/types.js";
import { giveHostFile } from "../vfs/host_files.js";
import { pendingOpenRecords, readOpenRecord } from "./open_lending.js";
import { newWriteBehindRing, waitForWriteBehind } from "./write_behind.js";
import { PreopenTable } from "./startup_lending.js";
import { PREEMPT_IMPORT } from "./asyncify.js";
import { MEMORY_LIMIT_EXPORT } from "./instrument.js";
import {
  Boundary,
  DELIVER_EXPORT,
  LoadError,
  START_FUNCTION_MS,
  trapOutcome
} from "./program.js";
import { instantiationError } from "./trap.js";
function earliest(a, b) {
  return a === void 0 ? b : b === void 0 || a < b ? a : b;
}
const CORE_LOCAL_CALLS = SYSCALLS.filter((s) => s.coreLocal).map((s) => `${s.module}.${s.name}`);
const IDENTITY_CALLS = new Set(SYSCALLS.filter((s) => s.coreLocal && s.family === "identity").map((s) => `${s.module}.${s.name}`));
const SPIN_NS = 2e5;
const VCPU_POLL_MS = 0.25;
const MIN_POLL_MS = 0.02;
const PROBE_EVERY = 32;
const EXPECT_CALL_MS = 2;
const STDIO = [0, 1, 2];
const LOCK_CMDS = /* @__PURE__ */ new Set([5, 6, 7]);
const STREAM_LENDS = LentAccess.Stream | LentAccess.StreamWrite | LentAccess.Seek;
const LENDING_CALLS = {
  "wasi_snapshot_preview1.fd_pread": LentAccess.Read,
  "wasi_snapshot_preview1.fd_pwrite": LentAccess.Write,
  // A program that reads, writes or seeks at the file offset does more of it: the offset moves to the worker.
  "wasi_snapshot_preview1.fd_read": STREAM_LENDS,
  "wasi_snapshot_preview1.fd_write": STREAM_LENDS,
  "wasi_snapshot_preview1.fd_seek": STREAM_LENDS,
  "wasi_snapshot_preview1.fd_tell": STREAM_LENDS,
  "l4posix.fstat": LentAccess.Stat,
  "wasi_snapshot_preview1.fd_filestat_get": LentAccess.FileStat
};
const LOCAL_IO_END_MS = 1e3;
const lentStats = {
  lends: 0,
  withdrawals: 0,
  localCalls: 0,
  /** Workers that ended but have not given their lent files back and been counted yet. */
  ending: 0
};
const OPENING_CALL = "wasi_snapshot_preview1.path_open";
const OPEN_LENDS = [LentAccess.Read, LentAccess.Write, LentAccess.Stream, LentAccess.StreamWrite, LentAccess.Seek, LentAccess.Stat, LentAccess.FileStat];
const ACCESS_BITS = [LentAccess.Read, LentAccess.Write, LentAccess.Stream, LentAccess.StreamWrite, LentAccess.Seek, LentAccess.Stat, LentAccess.FileStat];
const CHECKED_ACCESS = [LentAccess.Read, LentAccess.Write, LentAccess.Sync, LentAccess.DataSync, LentAccess.Stat, LentAccess.FileStat];
function preparedImports(image) {
  return WebAssembly.Module.imports(image.module).filter((i) => i.kind === "function").map((i) => {
    const key = `${i.module}.${i.name}`;
    const sig = image.signatures?.get(key);
    if (sig !== void 0) return { module: i.module, name: i.name, params: sig.paramTypes, result: sig.resultType };
    if (key === PREEMPT_IMPORT) return { module: i.module, name: i.name, params: [], result: 127 };
    throw new LoadError(`${image.name}: cannot read the type of import ${key}`);
  });
}
function workerEntry() {
  const here = new URL("./decoupled_worker.js", import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL("../../dist/guest/decoupled_worker.js", import.meta.url);
}
const WORKER_OPTIONS = { trackUnmanagedFds: false };
let spare;
const booted = /* @__PURE__ */ new WeakSet();
function newWorker(options) {
  const w = new (workerClass())(workerEntry(), { ...WORKER_OPTIONS, ...options });
  w.on("message", (m) => {
    if (m.type === "booted") booted.add(w);
  });
  return w;
}
function endWorker(w) {
  if (booted.has(w)) return w.terminate();
  return new Promise((resolve) => {
    const end = () => {
      void w.terminate().then(resolve, () => resolve(1));
    };
    w.on("message", (m) => {
      if (m.type === "booted") end();
    });
    w.once("error", end);
    w.once("exit", () => resolve(0));
  });
}
const SPARE_MS = 5e3;
function workerClass() {
  return createRequire(import.meta.url)("node:worker_threads").Worker;
}
function prewarmDecoupledWorker() {
  if (spare !== void 0) return;
  const w = newWorker({});
  spare = w;
  w.unref();
  w.on("error", () => dropSpare(w));
  setTimeout(() => dropSpare(w), SPARE_MS).unref();
}
function dropSpare(only) {
  const w = spare;
  if (w === void 0 || only !== void 0 && w !== only) return;
  spare = void 0;
  void endWorker(w);
}
function startWorker(data) {
  const w = spare;
  spare = void 0;
  if (w === void 0) return newWorker({ workerData: data });
  w.postMessage(data);
  return w;
}
class DecoupledProgram {
  /**
   * `adopt`: the program is a prepared one that unwound on the vCPU at l4_decouple, on the shared
   * memory given; otherwise it is a decoupled image, started here from the beginning.
   */
  constructor(image, imports, host, hooks, adopt) {
    this.image = image;
    this.host = host;
    this.hooks = hooks;
    let d;
    if (adopt !== void 0) {
      d = { module: image.module, initial: 0, maximum: 0, imports: preparedImports(image) };
      this.memory = adopt.memory;
    } else {
      if (image.decoupled === void 0) throw new LoadError(`${image.name}: not a decoupled image`);
      d = image.decoupled;
      const maximum = Math.max(d.initial, Math.min(d.maximum, Math.floor(host.memoryCapPages())));
      this.memory = new WebAssembly.Memory({ initial: d.initial, maximum, shared: true });
    }
    this.prepared = adopt !== void 0;
    this.imports = d.imports;
    const channel = new SharedArrayBuffer(CHANNEL_BYTES);
    this.output = host.lendableOutput !== void 0 ? new OutputRing() : void 0;
    this.dirs = host.lendableDir !== void 0 && host.mountGeneration !== void 0 ? new LentDirTable() : void 0;
    this.openLending = this.dirs !== void 0 && host.fdstatOf !== void 0 ? host.opens : void 0;
    this.preopens = host.startup !== void 0 ? new PreopenTable() : void 0;
    this.writeBehind = host.lendableFile !== void 0 && host.writeBehind === true ? newWriteBehindRing() : void 0;
    this.i32 = new Int32Array(channel);
    this.f64 = new Float64Array(channel);
    this.i64 = new BigInt64Array(channel);
    this.table = d.imports.map((imp) => {
      const fn = imports[imp.module]?.[imp.name];
      if (fn === void 0) throw new LoadError(`${image.name}: unknown import ${imp.module}.${imp.name}`);
      if (imp.params.length > MAX_ARGS) throw new LoadError(`${image.name}: ${imp.module}.${imp.name} has too many parameters to forward`);
      return fn;
    });
    if (adopt !== void 0) this.i32[Slot.MemoryLimit] = capPages(host);
    else if (d.startFunction === true) this.i32[Slot.Instantiating] = 1;
    const data = {
      module: d.module,
      memory: this.memory,
      channel,
      imports: d.imports,
      coreLocal: host.lendableFile !== void 0 ? CORE_LOCAL_CALLS : CORE_LOCAL_CALLS.filter((c) => !IDENTITY_CALLS.has(c)),
      monotonicBaseNs: process.hrtime.bigint() - host.monotonicNs(),
      spinNs: SPIN_NS,
      lockSlots: host.locks?.pool,
      defer: host.fdstatOf !== void 0,
      ring: host.ring,
      ...this.output !== void 0 ? { outputRing: this.output.buffer } : {},
      ...this.dirs !== void 0 ? { lentDirs: this.dirs.buffer, mountGeneration: host.mountGeneration } : {},
      ...this.openLending !== void 0 ? { hostFiles: this.openLending.budget } : {},
      ...host.startup !== void 0 ? { startup: { args: host.startup.args, env: host.startup.env, preopens: this.preopens.buffer } } : {},
      ...this.writeBehind !== void 0 ? { writeBehind: { control: this.writeBehind.control, ring: this.writeBehind.ring } } : {},
      adopt: adopt && {
        globals: adopt.globals,
        reserveBytes: adopt.reserveBytes,
        memoryLimit: { name: MEMORY_LIMIT_EXPORT, pages: capPages(host) }
      }
    };
    this.lends = d.imports.map((imp) => host.lendableFile !== void 0 ? LENDING_CALLS[`${imp.module}.${imp.name}`] ?? 0 : 0);
    this.opens = d.imports.map((imp) => host.lendableFile !== void 0 && `${imp.module}.${imp.name}` === OPENING_CALL);
    this.lockCalls = d.imports.map((imp) => host.locks !== void 0 && imp.module === "l4posix" && imp.name === "fcntl");
    if (host.locks !== void 0) this.i32[Slot.LockOwner] = host.locks.owner;
    this.fdstatCalls = d.imports.map((imp) => host.fdstatOf !== void 0 && imp.module === "wasi_snapshot_preview1" && imp.name === "fd_fdstat_get");
    this.writeCalls = d.imports.map((imp) => this.output !== void 0 && imp.module === "wasi_snapshot_preview1" && imp.name === "fd_write");
    this.dirCalls = d.imports.map((imp) => this.dirs === void 0 ? 0 : imp.module === "l4posix" && imp.name === "statat" ? 1 : imp.module === "wasi_snapshot_preview1" && imp.name === "path_unlink_file" ? 2 : imp.module === "wasi_snapshot_preview1" && imp.name === "path_open" && this.openLending !== void 0 ? 3 : imp.module === "wasi_snapshot_preview1" && imp.name === "path_filestat_get" ? 4 : 0);
    this.publishOpenState();
    this.publishPreopens();
    if (host.fdstatOf !== void 0) for (const fd of STDIO) this.keepFdstat(fd);
    if (this.output !== void 0) {
      for (const fd of STDIO) if (fd !== 0) this.lendOutput(fd);
    }
    this.worker = startWorker(data);
    this.worker.on("message", (m) => {
      if (m.type === "booted") return;
      if (m.type === "thread") {
        this.threadPath = m.path;
        if (!this.disposed) this.host.threadStarted?.(threadId(m.path));
        return;
      }
      this.workerEnded = true;
      try {
        if (m.type === "returned") this.outcome = { kind: "exited", code: 0 };
        else if (m.type === "recouple") this.outcome = { kind: "recouple", globals: m.globals };
        else this.outcome = trapOutcome(m.message, m.stack, image, m.stackExhausted === true);
        if (m.type === "trapped" && m.instantiation !== void 0) this.failure = instantiationError(image.name, m.instantiation);
      } catch (e) {
        this.outcome ??= { kind: "trapped", message: m.type === "trapped" ? m.message : m.type };
        this.failure = e;
      }
      this.host.wake();
    });
    this.worker.on("error", (e) => {
      this.outcome = { kind: "trapped", message: `decoupled worker failed: ${e.message}` };
      this.host.wake();
    });
    this.worker.unref();
  }
  image;
  host;
  hooks;
  memory;
  handlesSignals = false;
  canFork = false;
  worker;
  i32;
  f64;
  i64;
  table;
  handlerCalls = [];
  /** Handlers sent with the last reply, by signal, until the worker reports them returned. */
  running = [];
  outcome;
  disposed = false;
  /** The worker's thread in /proc ("<pid>/task/<tid>"), once it has said. */
  threadPath;
  /** The worker's CPU time when last read (ns): what it was when it ended, once it has. */
  workerNs = 0;
  /** The last call was answered with a boundary that gave up the CPU: run() returns. */
  yielded = false;
  /** ms the vCPU spent polling since last asked (not the program's CPU time). */
  pollMs = 0;
  /** The current poll window (ms), and how many polls missed. */
  pollWindowMs = VCPU_POLL_MS;
  missed = 0;
  /** Per import index: the access a successful call of it lends its descriptor's host file for (0: none). */
  lends;
  /** Per import index: a successful call of it opens a descriptor whose file may be lent at once. */
  opens;
  /** Host files lent to the worker, by descriptor (the channel's lent table mirrors it). */
  lent = /* @__PURE__ */ new Map();
  /** How many of them are lent for OFFSET_ACCESS (their offsets in the channel). */
  streams = 0;
  /** Per import index: it is fcntl, whose record-lock commands lend the descriptor's locks. */
  lockCalls;
  /** Record locks lent to the worker, by descriptor (the channel's lock table mirrors it). */
  lentLocks = /* @__PURE__ */ new Map();
  /** Per import index: it is fd_fdstat_get, whose answer the worker keeps. */
  fdstatCalls;
  /** fd_fdstat_get answers the worker keeps, by descriptor (the channel holds them). */
  fdstats = /* @__PURE__ */ new Map();
  /** The program's writes to lent console outputs, made on its core; absent when nothing may be lent. */
  output;
  /** Per import index: it is fd_write, whose success on a console output lends the descriptor. */
  writeCalls;
  /**
   * Console outputs of the descriptors the worker writes to through the ring, and whether it still
   * may (the ring's lent bits mirror that). Kept while not lent too: records of it may be in the ring.
   */
  outputs = /* @__PURE__ */ new Map();
  /** Directories lent to the worker for its stat calls (dir_lending.ts); absent when none may be. */
  dirs;
  /**
   * Per import index: it is l4posix statat (1), path_unlink_file (2), path_open (3) or
   * path_filestat_get (4), whose path's directory may be lent.
   */
  dirCalls;
  /** The worker may open files in lent mount roots itself (open_lending.ts). */
  openLending;
  /** The preopens the worker answers fd_prestat_* from (startup_lending.ts); absent: it forwards them. */
  preopens;
  /** The ring the worker queues its lent host writes in (write_behind.ts). */
  writeBehind;
  /** The worker reported the program's end (returned, trapped, unwound to recouple). */
  workerEnded = false;
  /** The program moved here from the vCPU (l4_decouple) and can move back (l4_recouple). */
  prepared;
  recoupling = false;
  imports;
  /**
   * What run() throws: a LoadError (its module could not be instantiated in the worker), or a host
   * exception met while the worker's report was read.
   */
  failure;
  /**
   * While the worker instantiates a module with a start function: the ms that function has left,
   * counted from when the worker began (as a multiplexed one's from its instantiation); before
   * the worker runs, the whole time, to look again then. A loop there would keep the program from
   * ever starting: past it, the load fails, as on the vCPU.
   */
  startTimeLeftMs() {
    if (Atomics.load(this.i32, Slot.Instantiating) === 0) return void 0;
    const started = this.f64[STARTED_SLOT];
    return started === 0 ? START_FUNCTION_MS : started + START_FUNCTION_MS - (performance.timeOrigin + performance.now());
  }
  /** Serves forwarded calls until the program must wait, ends, or the CPU is to be given up. */
  run() {
    this.yielded = false;
    Atomics.store(this.i32, Slot.Polling, Polling.Spinning);
    try {
      for (; ; ) {
        if (this.failure !== void 0) throw this.failure;
        if ((this.startTimeLeftMs() ?? 1) <= 0) {
          throw new LoadError(`${this.image.name}: its start function trapped: the start function ran for more than ${START_FUNCTION_MS / 1e3} s`);
        }
        if (this.outcome !== void 0) return this.outcome;
        if (this.output?.pending() === true) this.drainOutput();
        if (Atomics.load(this.i32, Slot.State) === State.Request) {
          if (this.serve() === SUSPEND || this.yielded) return { kind: "suspended" };
          continue;
        }
        this.takeSignals();
        if (this.handlerCalls.length === 0 && this.host.idle() && this.poll()) continue;
        Atomics.store(this.i32, Slot.Polling, Polling.Off);
        if (Atomics.load(this.i32, Slot.State) === State.Request || this.outcome !== void 0) {
          Atomics.store(this.i32, Slot.Polling, Polling.Spinning);
          continue;
        }
        this.host.expectWake?.(EXPECT_CALL_MS);
        const startLeft = this.startTimeLeftMs();
        const startDeadline = startLeft === void 0 ? void 0 : this.host.monotonicNs() + BigInt(Math.ceil(startLeft * 1e6));
        const r = this.host.wait({ deadlineNs: earliest(this.host.cpuCheckNs(), startDeadline) });
        if (r === SUSPEND) return { kind: "suspended" };
        Atomics.store(this.i32, Slot.Polling, Polling.Spinning);
      }
    } catch (e) {
      if (e instanceof ProcessExit) return { kind: "exited", code: e.code, signal: e.signal };
      if (e instanceof ProcessExec) return { kind: "exec", program: e.program };
      throw e;
    } finally {
      Atomics.store(this.i32, Slot.Polling, Polling.Off);
    }
  }
  /**
   * The next call of a syscall-heavy program comes within microseconds: catch it here, without a
   * wake-up on either side. Gives up when the time is over or another thread wants the vCPU.
   */
  poll() {
    const start = performance.now();
    const until = start + this.pollWindowMs;
    try {
      for (let n = 1; ; n++) {
        if (Atomics.load(this.i32, Slot.State) === State.Request) {
          this.pollWindowMs = Math.min(VCPU_POLL_MS, this.pollWindowMs * 2);
          return true;
        }
        if ((n & 127) === 0) {
          if (this.outcome !== void 0) return true;
          if (!this.host.idle()) return false;
          if (performance.now() > until) {
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
  get pollingMs() {
    return this.pollMs;
  }
  /** ms the vCPU spent polling for this program since the last call (not the program's CPU time). */
  takePollMs() {
    const ms = this.pollMs;
    this.pollMs = 0;
    return ms;
  }
  schedstat;
  schedstatBuf = Buffer.alloc(128);
  /** CPU time (ns) the worker thread has used: from /proc where there is one, else its time awake. */
  workerCpuNs() {
    if (this.disposed) return this.workerNs;
    if (this.threadPath !== void 0) {
      try {
        this.schedstat ??= openSync(`/proc/${this.threadPath}/schedstat`, "r");
        const n = readSync(this.schedstat, this.schedstatBuf, 0, this.schedstatBuf.length, 0);
        this.workerNs = Math.max(this.workerNs, Number(this.schedstatBuf.toString("latin1", 0, n).split(" ")[0]));
        return this.workerNs;
      } catch {
      }
      return this.workerNs;
    }
    const started = this.f64[STARTED_SLOT];
    if (started === 0) return 0;
    this.workerNs = Math.max(this.workerNs, (performance.timeOrigin + performance.now() - started - this.f64[SLEPT_SLOT]) * 1e6);
    return this.workerNs;
  }
  /** One forwarded call: SUSPEND when it must wait (it runs again once woken). */
  serve() {
    const index = this.i32[Slot.Call];
    if (this.output?.pending() === true) this.drainOutput();
    if (this.i32[DEFER_SLOT] > 0) this.makeDeferred();
    if (index === Op.Returned) {
      this.workerEnded = true;
      throw new ProcessExit(0);
    }
    if (index === Op.SignalReturn) {
      const sig = this.f64[ARG_SLOT];
      let at = this.running.length - 1;
      while (at >= 0 && this.running[at].sig !== sig) at--;
      if (at >= 0) this.hooks.signalReturned(this.running.splice(at, 1)[0]);
      if (this.f64[ARG_SLOT + 1] === 0) {
        this.takeSignals();
        this.reply();
      } else {
        this.reply(void 0, false, false);
      }
      return 0;
    }
    if (this.handlerCalls.length > 0) {
      this.reply(void 0, true);
      return 0;
    }
    const imp = this.imports[index];
    const fn = this.table[index];
    if (imp === void 0 || fn === void 0) throw new Error(`decoupled program called unknown import ${index}`);
    const args = imp.params.map((t, k) => t === I64 ? this.i64[ARG_SLOT + k] : this.f64[ARG_SLOT + k]);
    const streams = this.streams > 0 ? this.reclaimStreams() : void 0;
    const r = fn(...args);
    if (this.lent.size > 0) this.checkLent();
    if (this.lentLocks.size > 0) this.checkLentLocks();
    if (this.fdstats.size > 0) this.checkFdstats();
    if (this.outputs.size > 0) this.checkOutputs();
    if (this.dirs !== void 0 && this.dirs.size > 0) this.dirs.check();
    const dirCall = this.dirCalls[index];
    if (dirCall !== 0 && (Number(r) >= 0 || r === -Errno.ENOENT)) {
      const at = dirCall >= 3 ? 2 : 1;
      this.lendDir(args[0], args[at], args[at + 1], dirCall === 2);
      if (dirCall >= 3 && this.host.fdstatOf !== void 0 && !this.fdstats.has(args[0])) this.keepFdstat(args[0]);
    }
    if (r === 0 && this.fdstatCalls[index]) this.keepFdstat(args[0]);
    if (r === 0 && this.writeCalls[index]) this.lendOutput(args[0]);
    if (r === 0 && this.lockCalls[index] && LOCK_CMDS.has(args[1])) this.lendLocks(args[0]);
    if (streams !== void 0 && r !== SUSPEND) for (const [fd, bits] of streams) this.lendAll(fd, bits);
    if (r === 0 && this.lends[index] !== 0) this.lendAll(args[0], this.lends[index]);
    else if (r === 0 && this.opens[index]) this.lendOpened(args[imp.params.length - 1]);
    if (r === SUSPEND && Atomics.load(this.i32, Slot.Instantiating) !== 0) {
      this.failure = new LoadError(`${this.image.name}: its start function trapped: a call waited in the start function, where nothing can wait`);
      return 0;
    }
    if (r === SUSPEND) {
      if (!this.hooks.takeRestart()) return SUSPEND;
      this.takeSignals();
      this.reply(void 0, true);
      return 0;
    }
    this.hooks.callCompleted();
    if (--this.hooks.countdown <= 0 && this.hooks.boundary(true) === Boundary.Yield) this.yielded = true;
    if (imp.result === I64) this.i64[RESULT_SLOT] = BigInt(r);
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
  setMemoryLimit(pages) {
    if (this.prepared) this.i32[Slot.MemoryLimit] = Math.max(0, Math.min(65536, Math.floor(pages)));
  }
  /**
   * After a stat or unlink of the path at (ptr, len) on `dirfd` that found its name or found none:
   * the directory holding the name is lent (for unlinking too after an unlink), if it is the root
   * of a host mount (dir_lending.ts).
   */
  lendDir(dirfd, ptr, len, unlink) {
    const at = ptr >>> 0, n = len >>> 0;
    const bytes = new Uint8Array(this.memory.buffer);
    if (n === 0 || at + n > bytes.length) return;
    let slash = -1;
    for (let i = n - 1; i >= 0; i--) {
      if (bytes[at + i] === 47) {
        slash = i;
        break;
      }
    }
    const prefix = Buffer.from(bytes.buffer, at, slash + 1).toString("latin1");
    const key = bytes[at] === 47 && !unlink ? ABSOLUTE : dirfd;
    if (!isLendablePrefix(prefix) || this.dirs.has(key, prefix, unlink)) return;
    const lent = this.host.lendableDir(key, prefix);
    if (lent !== void 0) this.dirs.lend(key, prefix, lent);
  }
  /** lend for each LentAccess bit of `bits`. */
  lendAll(fd, bits) {
    for (const access of ACCESS_BITS) if ((bits & access) !== 0) this.lend(fd, access);
  }
  /** After a call that succeeded on `fd`: its host file is lent for `access` if it may be. */
  lend(fd, access) {
    if (fd < 0 || fd >= LENT_FDS) return;
    const file = this.host.lendableFile(fd, access);
    if (file === void 0) return;
    const had = this.lent.get(fd);
    if (had !== void 0 && had.file !== file) this.withdraw(fd, had);
    const l = had?.file === file ? had : { file, access: 0 };
    if (l !== had) {
      file.pin();
      this.lent.set(fd, l);
      lentStats.lends++;
    }
    if ((access & OFFSET_ACCESS) !== 0 && (l.access & OFFSET_ACCESS) === 0) {
      const offset = file.seek(0, Whence.Cur);
      if (offset < 0) return;
      this.f64[LENT_OFFSET_SLOT + fd] = offset;
      this.streams++;
    }
    l.access |= access;
    if ((l.access & LentAccess.Sync) === 0 && this.host.lendableFile(fd, LentAccess.Sync) === file) l.access |= LentAccess.Sync;
    if ((l.access & LentAccess.DataSync) === 0 && this.host.lendableFile(fd, LentAccess.DataSync) === file) l.access |= LentAccess.DataSync;
    if ((l.access & LentAccess.Stat) === 0 && this.host.lendableFile(fd, LentAccess.Stat) === file) l.access |= LentAccess.Stat;
    if ((l.access & (LentAccess.Stat | LentAccess.FileStat)) !== 0) this.i64[LENT_DEV_SLOT + fd] = file.dev;
    if (this.writeBehind !== void 0) this.f64[LENT_INO_SLOT + fd] = file.ino;
    Atomics.store(this.i32, LENT_SLOT + fd, lentEntry(file.hostFd, l.access));
  }
  /** After a successful open: the new descriptor (at `resultPtr`) is lent for what it may be, saving each access its first forwarded call. */
  lendOpened(resultPtr) {
    const at = resultPtr >>> 0;
    if (at + 4 > this.memory.buffer.byteLength) return;
    const fd = new DataView(this.memory.buffer).getUint32(at, true);
    for (const access of OPEN_LENDS) this.lend(fd, access);
    if (this.host.fdstatOf !== void 0) this.keepFdstat(fd);
  }
  /**
   * Takes the file offsets lent for OFFSET_ACCESS back into their files (a forwarded call may use
   * them); returns their descriptors and what they were lent for.
   */
  reclaimStreams() {
    const fds = [];
    for (const [fd, l] of this.lent) {
      const bits = l.access & OFFSET_ACCESS;
      if (bits === 0) continue;
      l.file.seek(this.f64[LENT_OFFSET_SLOT + fd], Whence.Set);
      this.streams--;
      fds.push([fd, bits]);
      l.access &= ~OFFSET_ACCESS;
      if (l.access === 0) this.withdraw(fd, l);
      else Atomics.store(this.i32, LENT_SLOT + fd, lentEntry(l.file.hostFd, l.access));
    }
    return fds;
  }
  /** Withdraws every lent file that its descriptor no longer names, or no longer may be lent. */
  checkLent() {
    for (const [fd, l] of this.lent) {
      for (const access of CHECKED_ACCESS) {
        if ((l.access & access) !== 0 && this.host.lendableFile(fd, access) !== l.file) {
          this.withdraw(fd, l);
          break;
        }
      }
    }
  }
  withdraw(fd, l) {
    if ((l.access & OFFSET_ACCESS) !== 0) {
      l.file.seek(this.f64[LENT_OFFSET_SLOT + fd], Whence.Set);
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
  adoptOpened(at) {
    const rec = readOpenRecord(this.i32, at);
    this.i32[at] = 0;
    const lent = this.dirs.at(rec.entry)?.lent;
    const file = lent?.opens?.adopt(rec.hostFd, (rec.as & OpenedAs.Directory) !== 0, (rec.as & OpenedAs.Read) !== 0, (rec.as & OpenedAs.Write) !== 0);
    if (file === void 0 || !this.openLending.adopt(
      rec.fd,
      rec.dirfd,
      file,
      (rec.as & OpenedAs.Read) !== 0,
      (rec.as & OpenedAs.Write) !== 0,
      (rec.as & OpenedAs.Directory) !== 0 ? lent.path : void 0
    )) {
      if (file !== void 0) file.close();
      else this.closeRecorded(rec);
      throw new Error(`decoupled program: the file its core opened as descriptor ${rec.fd} could not be taken over`);
    }
    for (const access of OPEN_LENDS) this.lend(rec.fd, access);
    this.keepFdstat(rec.fd);
  }
  /** A host descriptor the worker opened that no file took over: closed, its place in the budget given back. */
  closeRecorded(rec) {
    waitForWriteBehind();
    try {
      closeSync(rec.hostFd);
    } catch {
    }
    giveHostFile(this.openLending.budget);
  }
  /** The preopens the worker answers fd_prestat_* from (startup_lending.ts), published again when the table changed. */
  publishPreopens() {
    const startup = this.host.startup;
    if (startup !== void 0) this.preopens.update(startup.tableVersion(), () => startup.preopens());
  }
  /** What the worker's own opens need to know as of this reply (open_lending.ts): free descriptors, umask, pending mode. */
  publishOpenState() {
    if (this.openLending === void 0) return;
    const st = this.openLending.state();
    this.i32[Slot.FreeFds] = st.free[0];
    this.i32[Slot.FreeFds + 1] = st.free[1];
    this.i32[Slot.Umask] = st.umask;
    this.i32[Slot.NextMode] = st.nextMode;
  }
  /** The calls the worker deferred (decouple_channel.ts DEFER_SLOT), in order; their results were known (0). */
  makeDeferred() {
    const n = this.i32[DEFER_SLOT];
    for (let k = 0; k < n; k++) {
      const at = DEFER_SLOT + 1 + k * DEFER_INTS;
      const index = this.i32[at];
      if (index === Op.Adopt) {
        this.adoptOpened(this.i32[at + 1]);
        continue;
      }
      const imp = this.imports[index], fn = this.table[index];
      if (imp === void 0 || fn === void 0) continue;
      fn(...imp.params.map((_, p) => this.i32[at + 1 + p]));
    }
    this.i32[DEFER_SLOT] = 0;
  }
  /** After fd_fdstat_get succeeded on `fd`: the worker answers the next ones itself while the answer holds. */
  keepFdstat(fd) {
    if (fd < 0) return;
    const st = this.host.fdstatOf(fd);
    if (st === void 0) return;
    if (fd >= FDSTAT_FDS && fdstatAt(this.i32, fd) < 0) {
      const k = this.i32.subarray(FDSTAT_HIGH_FDS_SLOT, FDSTAT_HIGH_FDS_SLOT + FDSTAT_HIGH).indexOf(0);
      if (k < 0) return;
      this.i32[FDSTAT_HIGH_FDS_SLOT + k] = fd + 1;
    }
    this.fdstats.set(fd, st);
    this.writeFdstat(fd, st);
  }
  writeFdstat(fd, st) {
    const at = fdstatAt(this.i32, fd);
    if (at < 0) return;
    if (st === void 0 && fd >= FDSTAT_FDS) {
      Atomics.store(this.i32, at, 0);
      this.i32[FDSTAT_HIGH_FDS_SLOT + (at - FDSTAT_SLOT) / FDSTAT_INTS - FDSTAT_FDS] = 0;
      return;
    }
    if (st !== void 0) {
      this.i32[at + 1] = st.base;
      this.i32[at + 2] = st.inheriting;
      this.i32[at + 3] = st.closable ? 1 : 0;
    }
    Atomics.store(this.i32, at, st === void 0 ? 0 : fdstatWord(st.fileType, st.flags));
  }
  /** The kept answers follow whatever the last call changed (flags, rights, the descriptor itself, a description now shared). */
  checkFdstats() {
    for (const [fd, kept] of this.fdstats) {
      const st = this.host.fdstatOf(fd);
      if (st !== void 0 && st.entry === kept.entry && st.fileType === kept.fileType && st.flags === kept.flags && st.base === kept.base && st.inheriting === kept.inheriting && st.closable === kept.closable) continue;
      if (st === void 0) this.fdstats.delete(fd);
      else this.fdstats.set(fd, st);
      this.writeFdstat(fd, st);
    }
  }
  /** After a record-lock call that succeeded on `fd`: the worker takes the file's locks itself from now on, if it may. */
  lendLocks(fd) {
    const locks = this.host.locks;
    if (fd < 0 || fd >= LENT_FDS || this.lentLocks.has(fd)) return;
    const f = locks.lockableFile(fd);
    if (f === void 0) return;
    const slot = locks.share(f.key);
    if (slot === void 0) return;
    const rights = (f.read ? LockRight.Read : 0) | (f.write ? LockRight.Write : 0);
    this.lentLocks.set(fd, { file: f.file, key: f.key, rights });
    Atomics.store(this.i32, LOCK_SLOT + fd, lockEntry(slot, rights));
  }
  /** Withdraws the locks of every descriptor that no longer names its file with the same rights, or may no longer lend them. */
  checkLentLocks() {
    for (const [fd, l] of this.lentLocks) {
      const f = this.host.locks.lockableFile(fd);
      if (f?.file !== l.file || ((f.read ? LockRight.Read : 0) | (f.write ? LockRight.Write : 0)) !== l.rights) this.withdrawLocks(fd, l);
    }
  }
  withdrawLocks(fd, l) {
    Atomics.store(this.i32, LOCK_SLOT + fd, 0);
    this.lentLocks.delete(fd);
    this.host.locks.unshare(l.key);
  }
  /** After a write that succeeded on `fd`: the worker puts the next ones into the output ring, if it may. */
  lendOutput(fd) {
    if (this.outputs.get(fd)?.lent === true) return;
    const out = this.host.lendableOutput(fd);
    if (out === void 0 || out.full()) return;
    this.outputs.set(fd, { out, lent: true });
    this.output.setLent(fd, true);
  }
  /** After a forwarded call (the ring is empty then): forgets every descriptor that no longer names its console output. */
  checkOutputs() {
    for (const [fd, o] of this.outputs) {
      if (this.host.lendableOutput(fd) === o.out) continue;
      this.output.setLent(fd, false);
      this.outputs.delete(fd);
    }
  }
  /**
   * Writes what the ring holds to the consoles, in order. A console that fails (its reader went
   * away) or fills up is no longer lent: the program's next write to it is forwarded, and gets the
   * error or waits, as a write of the vCPU's would (what the worker put in the ring meanwhile is
   * written at the next drain).
   */
  drainOutput() {
    this.output.drain((fd, bytes) => {
      const target = this.outputs.get(fd);
      if (target === void 0) return;
      if (target.out.writeAccepted(bytes) >= 0 && !target.out.full()) return;
      for (const [other, o] of this.outputs) {
        if (o.out !== target.out || !o.lent) continue;
        o.lent = false;
        this.output.setLent(other, false);
      }
    });
  }
  /**
   * The process was stopped (job control): the worker forwards every call it would answer itself
   * from now on, and the vCPU serves none until the process continues, so the program stops at
   * its next call of any kind (a loop without calls cannot be paused in a worker). The reply
   * after it continues lets the worker answer them again.
   */
  stop() {
    Atomics.store(this.i32, Slot.Pending, 1);
  }
  /** l4_recouple: the reply to the current call makes the worker unwind the program. */
  recouple() {
    this.recoupling = true;
  }
  /** The module exports libl4posix's trampoline, through which the worker runs handlers. */
  delivers;
  /** Takes the deliverable signals: a fatal one ends the program (throws), handlers wait for the reply. */
  takeSignals() {
    for (let c = this.hooks.takeSignal(); c !== void 0; c = this.hooks.takeSignal()) {
      this.delivers ??= WebAssembly.Module.exports(this.image.module).some((e) => e.name === DELIVER_EXPORT && e.kind === "function");
      if (!this.delivers) throw new ProcessExit(128 + c.sig, c.sig);
      this.handlerCalls.push(c);
    }
    if (this.handlerCalls.length > 0) Atomics.store(this.i32, Slot.Pending, 1);
  }
  reply(unwind, again = false, handlers = true) {
    const n = unwind !== void 0 || !handlers ? 0 : Math.min(this.handlerCalls.length, MAX_HANDLERS);
    for (let h = 0; h < n; h++) {
      const c = this.handlerCalls.shift();
      this.running.push(c);
      if (this.running.length > 64) this.running.shift();
      this.i32.set([c.sig, c.handler, c.flags, c.code, c.pid, c.uid, c.addr, c.value], Slot.HandlerArgs + h * HANDLER_INTS);
    }
    this.i32[Slot.Handlers] = unwind ?? n;
    this.i32[Slot.Again] = again ? 1 : 0;
    this.publishOpenState();
    this.publishPreopens();
    if (this.handlerCalls.length === 0) this.i32[Slot.Pending] = 0;
    Atomics.store(this.i32, Slot.State, State.Reply);
    if (Atomics.load(this.i32, Slot.Sleeping) !== 0) Atomics.notify(this.i32, Slot.State);
  }
  adoptFork() {
    throw new LoadError(`${this.image.name}: a decoupled program cannot be forked`);
  }
  enterFaultHandler() {
  }
  /** Stops the worker (exit, kill, shutdown): a waiting worker is told to end, then terminated. */
  dispose() {
    if (this.disposed) return;
    if (this.threadPath !== void 0) this.host.threadEnded?.(threadId(this.threadPath));
    this.workerCpuNs();
    this.disposed = true;
    if (this.schedstat !== void 0) closeSync(this.schedstat);
    this.schedstat = void 0;
    Atomics.store(this.i32, Slot.State, State.Exit);
    Atomics.notify(this.i32, Slot.State);
    for (let waited = 0; Atomics.load(this.i32, Slot.LocalBusy) !== 0 && waited < LOCAL_IO_END_MS; waited += 0.05) {
      Atomics.wait(this.i32, Slot.LocalBusy, 1, 0.05);
    }
    this.writeBehind?.release();
    if (this.output?.pending() === true) this.drainOutput();
    lentStats.ending++;
    const closeRecorded = () => {
      if (this.openLending !== void 0) for (const rec of pendingOpenRecords(this.i32)) this.closeRecorded(rec);
    };
    const ended = this.workerEnded;
    if (ended) closeRecorded();
    const withdrawAll = () => {
      if (!ended) closeRecorded();
      for (const [fd, l] of this.lent) this.withdraw(fd, l);
      for (const [fd, l] of this.lentLocks) this.withdrawLocks(fd, l);
      lentStats.localCalls += this.i32[Slot.LocalIo];
      lentStats.ending--;
    };
    void endWorker(this.worker).then(withdrawAll, withdrawAll);
  }
}
function capPages(host) {
  return Math.max(0, Math.min(65536, Math.floor(host.memoryCapPages())));
}
function threadId(path) {
  return Number(path.slice(path.lastIndexOf("/") + 1));
}
export {
  DecoupledProgram,
  dropSpare,
  lentStats,
  prewarmDecoupledWorker
};
