import { existsSync, readFile } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { ABI_EXPORTS, KErr, KIP_MAGIC, Layout, MR_COUNT, BR_COUNT, ObjType, ThreadState, TaskState, RmFlags, Timeout } from "./abi.js";
export * from "./abi.js";
const UTCB_WORDS = Layout.UTCB_EXC_ARG + 4 - Layout.UTCB_MR >> 2;
class KernelError extends Error {
  constructor(code, op) {
    super(`${op}: kernel error ${KErr[code] ?? code}`);
    this.code = code;
  }
  code;
}
let defaultModule;
function kernelWasmUrl() {
  const primary = new URL("../../build/kernel.wasm", import.meta.url);
  for (const candidate of [primary, new URL("./kernel.wasm", import.meta.url), new URL("../kernel.wasm", import.meta.url)]) {
    if (existsSync(candidate)) return candidate;
  }
  return primary;
}
function loadDefaultModule() {
  defaultModule ??= new Promise((resolve, reject) => readFile(kernelWasmUrl(), (e, b) => e ? reject(e) : resolve(new Uint8Array(b.buffer, b.byteOffset, b.length)))).then(
    (bytes) => WebAssembly.compile(bytes),
    (e) => {
      const root = fileURLToPath(new URL("../../", import.meta.url));
      const checkout = existsSync(join(root, "assembly"));
      throw new Error(`${fileURLToPath(kernelWasmUrl())} is missing from the l4wasm package (${e.code}): ` + (checkout ? `build it with \`npm run build:kernel\` (or \`npm run build\`) in ${root}` : "the installed package is incomplete; reinstall it (npm install l4wasm, or from git with its dev dependencies so that `prepare` builds it)"));
    }
  );
  return defaultModule;
}
function sharedClockMs() {
  return Number(process.hrtime.bigint() / 1000n) / 1e3;
}
function performanceOffsetMs() {
  performance.now();
  let best = Infinity;
  let offset = 0;
  for (let i = 0; i < 5; i++) {
    const p1 = performance.now();
    const h = sharedClockMs();
    const p2 = performance.now();
    if (p2 - p1 < best) {
      best = p2 - p1;
      offset = h - (p1 + p2) / 2;
    }
  }
  return offset;
}
class Kernel {
  static ROOT_FACTORY_CAP = 1;
  static ROOT_TASK_CAP = 2;
  memory;
  module;
  /** The CPU this instance enters the kernel from. */
  cpu;
  ncpus;
  rootTask;
  rootFactory;
  k;
  bytes;
  u32;
  i32;
  f64;
  /** performance.now() + clockOffsetMs = ms on the kernel clock (0 at boot). */
  clockOffsetMs;
  /** Creates the shared memory, boots the kernel in it; this instance is CPU 0. */
  static async boot(options = {}) {
    const cpus = options.cpus ?? 2;
    const pages = options.memoryPages ?? 256;
    const module = options.module ?? await loadDefaultModule();
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    return new Kernel(memory, module, 0, cpus);
  }
  /** Another CPU (typically in a worker thread) entering the same kernel. */
  static attach(memory, module, cpu) {
    return new Kernel(memory, module, cpu);
  }
  constructor(memory, module, cpu, bootCpus) {
    this.memory = memory;
    this.module = module;
    this.cpu = cpu;
    this.bytes = new Uint8Array(memory.buffer);
    this.u32 = new Uint32Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
    const kip = Layout.KIP_BASE;
    if (bootCpus === void 0 && this.u32[kip / 4] !== KIP_MAGIC) {
      throw new Error("Kernel.attach: this memory holds no booted kernel (KIP magic missing)");
    }
    const base = bootCpus !== void 0 ? sharedClockMs() : this.f64[(kip + Layout.KIP_CLOCK_BASE) / 8];
    this.clockOffsetMs = performanceOffsetMs() - base;
    const offset = this.clockOffsetMs;
    const instance = new WebAssembly.Instance(module, {
      env: {
        memory,
        clockUs: () => (performance.now() + offset) * 1e3,
        abort: (_msg, _file, line, col) => {
          throw new Error(`kernel assertion failed at ${line}:${col}`);
        }
      }
    });
    this.k = instance.exports;
    for (const [name, value] of Object.entries(ABI_EXPORTS)) {
      const g = instance.exports[name];
      if (g === void 0 || g.value !== value) {
        throw new Error(`kernel.wasm ABI mismatch: ${name} is ${g?.value}, binding expects ${value}; rebuild with \`npm run build:kernel\``);
      }
    }
    if (bootCpus !== void 0) {
      const root = this.k.kernelInit(bootCpus, base);
      if (root < 0) throw new KernelError(-root, "boot");
    }
    this.ncpus = this.u32[(kip + Layout.KIP_NCPUS) / 4];
    this.rootTask = this.u32[(kip + Layout.KIP_ROOT_TASK) / 4];
    this.rootFactory = this.u32[(kip + Layout.KIP_ROOT_FACTORY) / 4];
    if (this.k.kernelAttachCpu(cpu) < 0) throw new Error(`cpu ${cpu} out of range (kernel has ${this.ncpus})`);
  }
  // ---- clock (KIP; no kernel entry) ----
  /**
   * Monotonic kernel clock in µs since boot, the same time base on every CPU: performance.now()
   * plus this CPU's offset to the KIP's clock base (the cost is that of performance.now()).
   */
  nowUs() {
    return (performance.now() + this.clockOffsetMs) * 1e3;
  }
  /** The kernel clock as of the last kernel entry that read it (scheduling, timeouts): one load. */
  coarseNowUs() {
    return this.f64[(Layout.KIP_BASE + Layout.KIP_LAST_CLOCK) / 8];
  }
  // ---- object creation, raw: factory capability `fcap` in `task`, new capability to `slot` ----
  createTask(task, fcap, slot, capSlots = 256) {
    return this.k.createTask(task, fcap, slot, capSlots);
  }
  createThread(task, fcap, slot, taskCap, prio = 100, cpu = 0) {
    return this.k.createThread(task, fcap, slot, taskCap, prio, cpu);
  }
  createGate(task, fcap, slot, threadCap, label) {
    return this.k.createGate(task, fcap, slot, threadCap, label >>> 0);
  }
  createIrq(task, fcap, slot) {
    return this.k.createIrq(task, fcap, slot);
  }
  createFactory(task, fcap, slot, quota) {
    return this.k.createFactory(task, fcap, slot, quota >>> 0);
  }
  // ---- object creation in the root task (throw KernelError on failure) ----
  rootCreate(op, make) {
    for (; ; ) {
      const slot = this.k.capFindFree(this.rootTask, 3);
      if (slot < 0) throw new KernelError(-slot, op);
      const id = make(slot);
      if (id === -KErr.SlotInUse) continue;
      if (id < 0) throw new KernelError(-id, op);
      return { id, cap: slot };
    }
  }
  newTask(opts = {}) {
    const f = opts.factory ?? Kernel.ROOT_FACTORY_CAP;
    return this.rootCreate("newTask", (slot) => this.createTask(this.rootTask, f, slot, opts.capSlots ?? 256));
  }
  /** A thread of `task` (default: the root task), inactive until start(). */
  newThread(opts = {}) {
    const taskCap = opts.task?.cap ?? Kernel.ROOT_TASK_CAP;
    const f = opts.factory ?? Kernel.ROOT_FACTORY_CAP;
    return this.rootCreate("newThread", (slot) => this.createThread(this.rootTask, f, slot, taskCap, opts.prio ?? 100, opts.cpu ?? 0));
  }
  newGate(thread, label = 0, factory = Kernel.ROOT_FACTORY_CAP) {
    return this.rootCreate("newGate", (slot) => this.createGate(this.rootTask, factory, slot, thread?.cap ?? 0, label));
  }
  newIrq(factory = Kernel.ROOT_FACTORY_CAP) {
    return this.rootCreate("newIrq", (slot) => this.createIrq(this.rootTask, factory, slot));
  }
  newFactory(quota, factory = Kernel.ROOT_FACTORY_CAP) {
    return this.rootCreate("newFactory", (slot) => this.createFactory(this.rootTask, factory, slot, quota));
  }
  // ---- capabilities ----
  /** Handle of the object in `cap` of `task`. */
  lookup(task, cap) {
    return this.k.capLookup(task, cap);
  }
  /** ObjType | Rights << 8 of a slot. */
  capInfo(task, cap) {
    return this.k.capInfo(task, cap);
  }
  /** Copies a capability to an empty slot of `dst` with rights & `rights`; the copy derives from the source. */
  map(src, srcCap, dst, dstCap, rights = 7) {
    return this.k.capMap(src, srcCap, dst, dstCap, rights);
  }
  /** Revokes every capability derived from the slot (recursively); with `self` also the slot. */
  unmap(task, cap, self = false) {
    return this.k.capUnmap(task, cap, self ? 1 : 0);
  }
  /** Removes a capability and all derived from it; the object dies with its last capability. */
  deleteCap(task, cap) {
    return this.k.capUnmap(task, cap, 1);
  }
  findFreeCap(task, from = 1) {
    return this.k.capFindFree(task, from);
  }
  // ---- threads ----
  start(t) {
    return this.k.threadStart(t);
  }
  setPriority(t, prio) {
    return this.k.threadSetPriority(t, prio);
  }
  bindCpu(t, cpu) {
    return this.k.threadBindCpu(t, cpu);
  }
  setQuantum(t, us) {
    return this.k.threadSetQuantum(t, us);
  }
  /** Capability slots, in the thread's own task, of its exception handler and pager. */
  setHandlers(t, excHandler, pager = 0) {
    return this.k.threadSetHandlers(t, excHandler, pager);
  }
  /** ex_regs cancel: a blocked IPC or sleep of `t` ends with -KErr.Canceled. */
  cancel(t) {
    return this.k.threadExRegs(t, 1);
  }
  yield(t) {
    return this.k.threadYield(t);
  }
  kill(t) {
    return this.k.threadKill(t);
  }
  /** Kernel address of a live object, or 0. */
  objAddr(h) {
    const e = (Layout.OBJ_TABLE >> 2) + ((h & Layout.HANDLE_INDEX_MASK) << 1);
    const p = this.u32[e];
    return (p & 1) === 0 && this.u32[e + 1] === h >>> 14 ? p : 0;
  }
  thr(t) {
    const p = this.objAddr(t);
    if (p === 0) throw new KernelError(KErr.InvalidHandle, `thread ${t}`);
    return p;
  }
  threadState(t) {
    const p = this.objAddr(t);
    return p === 0 ? ThreadState.Dead : this.u8(p + Layout.TH_STATE);
  }
  /**
   * CPU of the thread that blocked `t` is waiting for (its send partner, or the server whose reply
   * it awaits); -1 if none. A racy read, for deciding whether spinning is worthwhile.
   */
  partnerCpu(t) {
    const p = this.thr(t);
    const state = this.u8(p + Layout.TH_STATE);
    let other = 0;
    if (state === ThreadState.BlockedOnSend) other = this.u32[p + Layout.TH_PARTNER >> 2];
    else if (state === ThreadState.BlockedOnReceive) other = this.u32[p + Layout.TH_WAITOBJ >> 2];
    if (other < Layout.OBJ_TABLE) return -1;
    return this.bytes[other] === ObjType.Thread ? this.u8(other + Layout.TH_CPU) : -1;
  }
  threadCpu(t) {
    return this.u8(this.thr(t) + Layout.TH_CPU);
  }
  u8(addr) {
    return this.bytes[addr];
  }
  /** µs the thread has run (including the current dispatch if it runs now). */
  cpuTimeUs(t) {
    const p = this.thr(t);
    return this.f64[p + Layout.TH_CPUTIME >> 3] + this.runningForUs(t, p);
  }
  /** µs left of the thread's time slice (negative: used up; the host should let others run). */
  sliceLeftUs(t) {
    const p = this.thr(t);
    return this.f64[p + Layout.TH_SLICELEFT >> 3] - this.runningForUs(t, p);
  }
  runningForUs(t, p) {
    const c = this.cpuBlock(this.u8(p + Layout.TH_CPU));
    if (this.u32[c + Layout.CPU_CURRENT >> 2] !== t) return 0;
    return Math.max(0, this.nowUs() - this.f64[c + Layout.CPU_DISPATCHAT >> 3]);
  }
  /**
   * Should the thread running on `cpu` give up the CPU at its next opportunity: its time slice is
   * used up, or a thread of higher priority is ready there? (Memory reads only.)
   */
  shouldYield(cpu = this.cpu) {
    const t = this.current(cpu);
    const p = t === 0 ? 0 : this.objAddr(t);
    if (p === 0) return false;
    const prio = this.u8(p + Layout.TH_PRIO);
    const bitmap = this.cpuBlock(cpu) + Layout.CPU_BITMAP >> 2;
    for (let w = 7; w >= prio >> 5; w--) {
      let bits = this.u32[bitmap + w];
      if (w === prio >> 5) bits = bits >>> (prio & 31) >>> 1;
      if (bits !== 0) return true;
    }
    return this.sliceLeftUs(t) <= 0;
  }
  // ---- UTCB (no kernel entry) ----
  /** Result of the thread's last operation: 0, a negated KErr, -KErr.WouldBlock while blocked. */
  result(t) {
    return Atomics.load(this.i32, this.thr(t) + Layout.UTCB_ERROR >> 2);
  }
  /** Tag of the last message the thread received. */
  tag(t) {
    return this.i32[this.thr(t) + Layout.UTCB_TAG >> 2];
  }
  /** Gate or IRQ label of the last message the thread received. */
  label(t) {
    return this.u32[this.thr(t) + Layout.UTCB_LABEL >> 2];
  }
  /** Handle of the thread that sent the last message (0 for IRQs). */
  sender(t) {
    return this.u32[this.thr(t) + Layout.UTCB_SENDER >> 2];
  }
  mr(t, i) {
    return this.u32[(this.thr(t) + Layout.UTCB_MR >> 2) + i];
  }
  setMr(t, i, v) {
    this.u32[(this.thr(t) + Layout.UTCB_MR >> 2) + i] = v;
  }
  /** A live view of the thread's 64 message registers. */
  mrs(t) {
    return new Uint32Array(this.memory.buffer, this.thr(t) + Layout.UTCB_MR, MR_COUNT);
  }
  /** A live view of the thread's 16 buffer registers (BR[0] = n, BR[1..n] = receive slots). */
  brs(t) {
    return new Uint32Array(this.memory.buffer, this.thr(t) + Layout.UTCB_BR, BR_COUNT);
  }
  /** Names the slots of `t`'s task where received capabilities go. */
  setReceiveSlots(t, slots) {
    const br = this.brs(t);
    br[0] = slots.length;
    slots.forEach((s, i) => {
      br[1 + i] = s;
    });
  }
  writeMrs(t, words) {
    const base = this.thr(t) + Layout.UTCB_MR >> 2;
    for (let i = 0; i < words.length; i++) this.u32[base + i] = words[i];
  }
  /** Resume action and argument the exception handler's reply set. */
  resumeAction(t) {
    return this.u32[this.thr(t) + Layout.UTCB_EXC_ACTION >> 2];
  }
  resumeArg(t) {
    return this.u32[this.thr(t) + Layout.UTCB_EXC_ARG >> 2];
  }
  /**
   * A copy of the thread's whole UTCB (registers and the results of its last operation): a host
   * thread that must make another kernel operation before it re-reads the outcome of a blocked
   * one (a job-control stop waits for SIGCONT) keeps it here and puts it back with restoreUtcb.
   */
  saveUtcb(t) {
    const base = this.thr(t) + Layout.UTCB_MR >> 2;
    return this.u32.slice(base, base + UTCB_WORDS);
  }
  restoreUtcb(t, saved) {
    const base = this.thr(t) + Layout.UTCB_MR >> 2;
    this.u32.set(saved, base);
    const err = this.thr(t) + Layout.UTCB_ERROR >> 2;
    Atomics.store(this.i32, err, saved[err - base] | 0);
  }
  // ---- IPC (t is the running thread; caps are slots of its task; timeouts in µs, Timeout.*) ----
  send(t, cap, tag, timeout = Timeout.Never) {
    return this.k.ipcSend(t, cap, tag, timeout);
  }
  /** Call: send, then wait for the reply. > 0: handle of the receiver that became ready on t's CPU. */
  call(t, cap, tag, timeout = Timeout.Never) {
    return this.k.ipcCall(t, cap, tag, timeout);
  }
  /** Receive from anyone (cap 0) or only from the thread, gate or IRQ in `cap`. */
  receive(t, cap = 0, timeout = Timeout.Never) {
    return this.k.ipcReceive(t, cap, timeout);
  }
  /** Reply to `caller` (default: t's last caller); never blocks, may come later (deferred reply). */
  reply(t, tag, caller = 0) {
    return this.k.ipcReply(t, caller, tag);
  }
  replyAndWait(t, tag, timeout = Timeout.Never) {
    return this.k.ipcReplyAndWait(t, tag, timeout);
  }
  /** Blocks for `us` µs; the result once ready is -KErr.Timeout (slept) or -KErr.Canceled. */
  sleep(t, us) {
    return this.k.ipcSleep(t, us);
  }
  // ---- gates and IRQs ----
  bindGate(gate, t, label) {
    return this.k.gateBind(gate, t, label >>> 0);
  }
  attachIrq(irq, t, label) {
    return this.k.irqAttach(irq, t, label >>> 0);
  }
  detachIrq(irq) {
    return this.k.irqAttach(irq, 0, 0);
  }
  triggerIrq(irq) {
    return this.k.irqTrigger(irq);
  }
  triggerIrqCap(task, cap) {
    return this.k.irqTriggerCap(task, cap);
  }
  // ---- exceptions ----
  /**
   * Reports a trap of running thread `t`. Returns like call (handler handle > 0, -WouldBlock)
   * or -KErr.Terminated when there is no handler and the task was terminated.
   */
  raiseException(t, kind, pc, addr) {
    return this.k.raiseException(t, kind >>> 0, pc >>> 0, addr >>> 0);
  }
  taskState(task) {
    const p = this.objAddr(task);
    return p === 0 ? TaskState.Destroyed : this.u32[p + Layout.TASK_STATE >> 2];
  }
  /** The exception that terminated the task, if that is how it ended. */
  taskException(task) {
    const p = this.objAddr(task);
    if (p === 0 || this.u32[p + Layout.TASK_STATE >> 2] !== TaskState.Terminated) return void 0;
    const b = p + Layout.TASK_EXC >> 2;
    return { kind: this.u32[b], pc: this.u32[b + 1], addr: this.u32[b + 2], thread: this.u32[b + 3] };
  }
  // ---- factories ----
  factoryUsage(f) {
    const p = this.objAddr(f);
    if (p === 0) throw new KernelError(KErr.InvalidHandle, `factory ${f}`);
    const b = p + Layout.FACTORY_LIMIT >> 2;
    return { limit: this.u32[b], used: this.u32[b + 1] };
  }
  /** Is the handle a live (not yet freed) object? */
  exists(h) {
    return this.objAddr(h) !== 0;
  }
  // ---- scheduler ----
  /** Next thread to run on `cpu` (0: idle). See assembly/scheduler.ts for the policy. */
  schedule(cpu = this.cpu) {
    return this.k.schedule(cpu);
  }
  /** Absolute kernel time (µs) of the earliest timeout on `cpu`, or -1. */
  nextTimeout(cpu = this.cpu) {
    return this.k.nextTimeout(cpu);
  }
  /** No thread can ever run again unless something outside the kernel wakes one. */
  quiescent() {
    return this.k.quiescent() !== 0;
  }
  /** The host loop of `cpu` ends: it no longer counts as running a thread. */
  releaseCpu(cpu = this.cpu) {
    return this.k.releaseCpu(cpu);
  }
  /** Threads ready on `cpu` (memory read, no kernel entry). */
  readyCount(cpu = this.cpu) {
    return this.u32[this.cpuBlock(cpu) + Layout.CPU_READYCOUNT >> 2];
  }
  /** Handle of the thread `cpu` dispatched last (0: idle). */
  current(cpu = this.cpu) {
    return this.u32[this.cpuBlock(cpu) + Layout.CPU_CURRENT >> 2];
  }
  /** Index (Int32Array) of `cpu`'s wake word: bumped whenever a thread becomes ready there. */
  wakeWordIndex(cpu) {
    return this.cpuBlock(cpu) + Layout.CPU_WAKESEQ >> 2;
  }
  sleepingWordIndex(cpu) {
    return this.cpuBlock(cpu) + Layout.CPU_SLEEPING >> 2;
  }
  stopWordIndex(cpu) {
    return this.cpuBlock(cpu) + Layout.CPU_STOP >> 2;
  }
  /** The shared memory as Int32Array, for Atomics on the words above. */
  get words() {
    return this.i32;
  }
  /** Asks the loop of `cpu` to end after its current host thread returns (from any thread). */
  requestStop(cpu) {
    Atomics.store(this.i32, this.stopWordIndex(cpu), 1);
    this.wakeCpu(cpu);
  }
  /** Makes `cpu`'s idle loop look at the kernel again (from any thread). */
  wakeCpu(cpu) {
    const i = this.wakeWordIndex(cpu);
    Atomics.add(this.i32, i, 1);
    Atomics.notify(this.i32, i);
  }
  cpuBlock(cpu) {
    return Layout.CPU_BASE + cpu * Layout.CPU_SIZE;
  }
  // ---- region maps ----
  /** Attaches a dataspace range; returns the address or a negated KErr. */
  attach(task, o) {
    const flags = (o.search ? RmFlags.Search : 0) | (o.readOnly ? RmFlags.ReadOnly : 0);
    return this.k.rmAttach(
      task,
      o.addr ?? 0,
      o.size,
      o.ds,
      o.offset ?? 0,
      flags,
      o.lo ?? 0,
      o.hi ?? 4294967296,
      o.align ?? 1
    );
  }
  /** Detaches [addr, addr + size); returns the number of regions touched or a negated KErr. */
  detach(task, addr, size) {
    return this.k.rmDetach(task, addr, size);
  }
  lookupRegion(task, addr) {
    if (this.k.rmLookup(task, addr) < 0) return void 0;
    const b = this.cpuBlock(this.cpu) + Layout.CPU_SCRATCH >> 2;
    const u = this.u32;
    return { start: u[b], size: u[b + 1], ds: u[b + 2], offset: u[b + 3], flags: u[b + 4] };
  }
  /** Dataspace ids whose last region went away since the last call; each id is reported once. */
  takeReleasedDataspaces() {
    const ids = [];
    for (let id = this.k.dsTakeReleased(); id !== 0; id = this.k.dsTakeReleased()) ids.push(id >>> 0);
    return ids;
  }
  dataspaceRefs(id) {
    return this.k.dsRefCount(id);
  }
}
export {
  Kernel,
  KernelError,
  kernelWasmUrl
};
