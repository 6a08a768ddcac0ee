// Typed binding of kernel.wasm: boots the shared kernel memory, attaches further CPUs to it, and
// wraps every kernel entry. Objects are named by handles (ThreadId, TaskId, ...) and capability
// slots (Cap); raw kernel addresses stay inside this file. UTCB registers and results are read
// straight from the shared memory, without a kernel entry.
//
// Blocking: an operation of thread t that cannot complete returns -KErr.WouldBlock. The host
// thread then returns from run(); when the kernel makes t ready again (message, reply, IRQ,
// timeout, cancel) the CPU loop calls run() again and result(t) holds the outcome (0 or a negated
// KErr), with tag(t), label(t), sender(t) and mr(t, i) for a received message.
// Waiting for an IRQ with a timeout: receive(t, irqCap, us) -> 0 (pending triggers: count in MR0,
// IRQ label in label(t)) or -WouldBlock, then result(t) is 0 (IRQ), -Timeout or -Canceled.
// Sleeping: sleep(t, us) -> -WouldBlock, then result(t) is -Timeout (slept) or -Canceled.
import { existsSync, readFile } from 'node:fs';
import { join } from 'node:path';
// The module's performance, not the global getter's: the global's brand check costs ~7 ns per clock read.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ABI_EXPORTS, KErr, KIP_MAGIC, Layout, MR_COUNT, BR_COUNT, ObjType, ThreadState, TaskState, RmFlags, Timeout } from './abi.js';

export * from './abi.js';

/** Handle of a kernel object (any kind). */
export type ObjectId = number;
export type ThreadId = number;
export type TaskId = number;
export type GateId = number;
export type IrqId = number;
export type FactoryId = number;
/** A capability slot index in some task's capability space. */
export type Cap = number;
export type CpuId = number;
/** Result of a kernel call: >= 0 success (a handle, count, address), < 0 a negated KErr. */
export type KResult = number;

/** An object the root task created: its handle and the root task's capability to it. */
export interface KRef<T extends number = ObjectId> {
  readonly id: T;
  readonly cap: Cap;
}

/** Words of a UTCB, from MR[0] to the exception handler's resume argument. */
const UTCB_WORDS = (Layout.UTCB_EXC_ARG + 4 - Layout.UTCB_MR) >> 2;

export class KernelError extends Error {
  constructor(readonly code: KErr, op: string) {
    super(`${op}: kernel error ${KErr[code] ?? code}`);
  }
}

export interface BootOptions {
  /** CPUs the kernel schedules (the boot CPU is 0). Default 2. */
  cpus?: number;
  /** Pages (64 KiB) of shared kernel memory. Default 256 (16 MiB). */
  memoryPages?: number;
  /** A compiled kernel.wasm (default: build/kernel.wasm of this package). */
  module?: WebAssembly.Module;
}

export interface RegionInfo {
  start: number;
  size: number;
  ds: number;
  offset: number;
  flags: number;
}

export interface AttachOptions {
  /** Fixed address (ignored with search). */
  addr?: number;
  size: number;
  /** Dataspace id (src/l4re/dataspace.ts Dataspace.id). */
  ds: number;
  offset?: number;
  /** Search a free range in [lo, hi) instead of using addr. */
  search?: boolean;
  readOnly?: boolean;
  lo?: number;
  hi?: number;
  align?: number;
}

export interface TaskException {
  kind: number;
  pc: number;
  addr: number;
  thread: ThreadId;
}

interface KernelExports {
  kernelInit(ncpus: number, clockBase: number): number;
  kernelAttachCpu(cpu: number): number;
  createTask(task: number, fcap: number, slot: number, capSlots: number): number;
  createThread(task: number, fcap: number, slot: number, taskCap: number, prio: number, cpu: number): number;
  createGate(task: number, fcap: number, slot: number, threadCap: number, label: number): number;
  createIrq(task: number, fcap: number, slot: number): number;
  createFactory(task: number, fcap: number, slot: number, quota: number): number;
  capLookup(task: number, idx: number): number;
  capInfo(task: number, idx: number): number;
  capMap(src: number, srcIdx: number, dst: number, dstIdx: number, mask: number): number;
  capUnmap(task: number, idx: number, flags: number): number;
  capFindFree(task: number, from: number): number;
  threadStart(th: number): number;
  threadSetPriority(th: number, prio: number): number;
  threadBindCpu(th: number, cpu: number): number;
  threadSetQuantum(th: number, us: number): number;
  threadSetHandlers(th: number, excCap: number, pagerCap: number): number;
  threadExRegs(th: number, flags: number): number;
  threadYield(th: number): number;
  threadKill(th: number): number;
  gateBind(gate: number, th: number, label: number): number;
  irqAttach(irq: number, th: number, label: number): number;
  irqTrigger(irq: number): number;
  irqTriggerCap(task: number, cap: number): number;
  ipcSend(th: number, cap: number, tag: number, timeout: number): number;
  ipcCall(th: number, cap: number, tag: number, timeout: number): number;
  ipcReceive(th: number, cap: number, timeout: number): number;
  ipcReply(th: number, caller: number, tag: number): number;
  ipcReplyAndWait(th: number, tag: number, timeout: number): number;
  ipcSleep(th: number, timeout: number): number;
  raiseException(th: number, kind: number, pc: number, addr: number): number;
  schedule(cpu: number): number;
  nextTimeout(cpu: number): number;
  quiescent(): number;
  releaseCpu(cpu: number): number;
  rmAttach(task: number, addr: number, size: number, ds: number, offset: number, flags: number,
           lo: number, hi: number, align: number): number;
  rmDetach(task: number, addr: number, size: number): number;
  rmLookup(task: number, addr: number): number;
  dsTakeReleased(): number;
  dsRefCount(id: number): number;
}

let defaultModule: Promise<WebAssembly.Module> | undefined;

/**
 * build/kernel.wasm of this package: src/kernel/ and dist/kernel/ are both two levels down; a
 * bundle placed in build/ itself (bench, test workers) finds it next to itself.
 */
export function kernelWasmUrl(): URL {
  const primary = new URL('../../build/kernel.wasm', import.meta.url);
  for (const candidate of [primary, new URL('./kernel.wasm', import.meta.url), new URL('../kernel.wasm', import.meta.url)]) {
    if (existsSync(candidate)) return candidate;
  }
  return primary;
}

function loadDefaultModule(): Promise<WebAssembly.Module> {
  // node:fs's callback read: node:fs/promises would be one more module for every start to load.
  defaultModule ??= new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => readFile(kernelWasmUrl(), (e, b) => (e ? reject(e) : resolve(new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.length))))).then(
    (bytes) => WebAssembly.compile(bytes),
    (e: NodeJS.ErrnoException) => {
      const root = fileURLToPath(new URL('../../', import.meta.url));
      const checkout = existsSync(join(root, 'assembly'));
      throw new Error(`${fileURLToPath(kernelWasmUrl())} is missing from the l4wasm package (${e.code}): ` + (checkout
        ? `build it with \`npm run build:kernel\` (or \`npm run build\`) in ${root}`
        : 'the installed package is incomplete; reinstall it (npm install l4wasm, or from git with its dev dependencies so that `prepare` builds it)'));
    });
  return defaultModule;
}

/** The process-wide monotonic clock in ms: the same time base in every worker thread. */
function sharedClockMs(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}

/** sharedClockMs() - performance.now() of this thread, measured tightly. */
function performanceOffsetMs(): number {
  performance.now(); // the first use loads perf_hooks, which takes about a millisecond
  let best = Infinity;
  let offset = 0;
  for (let i = 0; i < 5; i++) {
    const p1 = performance.now();
    const h = sharedClockMs();
    const p2 = performance.now();
    if (p2 - p1 < best) { best = p2 - p1; offset = h - (p1 + p2) / 2; }
  }
  return offset;
}

export class Kernel {
  static readonly ROOT_FACTORY_CAP: Cap = 1;
  static readonly ROOT_TASK_CAP: Cap = 2;

  readonly memory: WebAssembly.Memory;
  readonly module: WebAssembly.Module;
  /** The CPU this instance enters the kernel from. */
  readonly cpu: CpuId;
  readonly ncpus: number;
  readonly rootTask: TaskId;
  readonly rootFactory: FactoryId;

  private readonly k: KernelExports;
  private readonly bytes: Uint8Array;
  private readonly u32: Uint32Array;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  /** performance.now() + clockOffsetMs = ms on the kernel clock (0 at boot). */
  private readonly clockOffsetMs: number;

  /** Creates the shared memory, boots the kernel in it; this instance is CPU 0. */
  static async boot(options: BootOptions = {}): Promise<Kernel> {
    const cpus = options.cpus ?? 2;
    const pages = options.memoryPages ?? 256;
    const module = options.module ?? await loadDefaultModule();
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    return new Kernel(memory, module, 0, cpus);
  }

  /** Another CPU (typically in a worker thread) entering the same kernel. */
  static attach(memory: WebAssembly.Memory, module: WebAssembly.Module, cpu: CpuId): Kernel {
    return new Kernel(memory, module, cpu);
  }

  private constructor(memory: WebAssembly.Memory, module: WebAssembly.Module, cpu: CpuId, bootCpus?: number) {
    this.memory = memory;
    this.module = module;
    this.cpu = cpu;
    this.bytes = new Uint8Array(memory.buffer);
    this.u32 = new Uint32Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
    const kip = Layout.KIP_BASE;
    if (bootCpus === undefined && this.u32[kip / 4] !== KIP_MAGIC) {
      throw new Error('Kernel.attach: this memory holds no booted kernel (KIP magic missing)');
    }
    // The KIP clock base is the shared clock at boot; this thread's performance.now() maps onto it.
    const base = bootCpus !== undefined ? sharedClockMs() : this.f64[(kip + Layout.KIP_CLOCK_BASE) / 8];
    this.clockOffsetMs = performanceOffsetMs() - base;
    const offset = this.clockOffsetMs;
    const instance = new WebAssembly.Instance(module, {
      env: {
        memory,
        clockUs: () => (performance.now() + offset) * 1000,
        abort: (_msg: number, _file: number, line: number, col: number) => {
          throw new Error(`kernel assertion failed at ${line}:${col}`);
        },
      },
    });
    this.k = instance.exports as unknown as KernelExports;
    for (const [name, value] of Object.entries(ABI_EXPORTS)) {
      const g = (instance.exports as Record<string, WebAssembly.Global>)[name];
      if (g === undefined || g.value !== value) {
        throw new Error(`kernel.wasm ABI mismatch: ${name} is ${g?.value}, binding expects ${value}; rebuild with \`npm run build:kernel\``);
      }
    }
    if (bootCpus !== undefined) {
      const root = this.k.kernelInit(bootCpus, base);
      if (root < 0) throw new KernelError(-root, 'boot');
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
  nowUs(): number {
    return (performance.now() + this.clockOffsetMs) * 1000;
  }

  /** The kernel clock as of the last kernel entry that read it (scheduling, timeouts): one load. */
  coarseNowUs(): number {
    return this.f64[(Layout.KIP_BASE + Layout.KIP_LAST_CLOCK) / 8];
  }

  // ---- object creation, raw: factory capability `fcap` in `task`, new capability to `slot` ----

  createTask(task: TaskId, fcap: Cap, slot: Cap, capSlots = 256): KResult {
    return this.k.createTask(task, fcap, slot, capSlots);
  }
  createThread(task: TaskId, fcap: Cap, slot: Cap, taskCap: Cap, prio = 100, cpu: CpuId = 0): KResult {
    return this.k.createThread(task, fcap, slot, taskCap, prio, cpu);
  }
  createGate(task: TaskId, fcap: Cap, slot: Cap, threadCap: Cap, label: number): KResult {
    return this.k.createGate(task, fcap, slot, threadCap, label >>> 0);
  }
  createIrq(task: TaskId, fcap: Cap, slot: Cap): KResult {
    return this.k.createIrq(task, fcap, slot);
  }
  createFactory(task: TaskId, fcap: Cap, slot: Cap, quota: number): KResult {
    return this.k.createFactory(task, fcap, slot, quota >>> 0);
  }

  // ---- object creation in the root task (throw KernelError on failure) ----

  private rootCreate<T extends number>(op: string, make: (slot: Cap) => KResult): KRef<T> {
    for (;;) {
      const slot = this.k.capFindFree(this.rootTask, 3);
      if (slot < 0) throw new KernelError(-slot, op);
      const id = make(slot);
      // Another CPU may have taken the slot in between: try the next one.
      if (id === -KErr.SlotInUse) continue;
      if (id < 0) throw new KernelError(-id, op);
      return { id: id as T, cap: slot };
    }
  }

  newTask(opts: { capSlots?: number; factory?: Cap } = {}): KRef<TaskId> {
    const f = opts.factory ?? Kernel.ROOT_FACTORY_CAP;
    return this.rootCreate('newTask', (slot) => this.createTask(this.rootTask, f, slot, opts.capSlots ?? 256));
  }
  /** A thread of `task` (default: the root task), inactive until start(). */
  newThread(opts: { task?: KRef<TaskId>; prio?: number; cpu?: CpuId; factory?: Cap } = {}): KRef<ThreadId> {
    const taskCap = opts.task?.cap ?? Kernel.ROOT_TASK_CAP;
    const f = opts.factory ?? Kernel.ROOT_FACTORY_CAP;
    return this.rootCreate('newThread', (slot) =>
      this.createThread(this.rootTask, f, slot, taskCap, opts.prio ?? 100, opts.cpu ?? 0));
  }
  newGate(thread?: KRef<ThreadId>, label = 0, factory: Cap = Kernel.ROOT_FACTORY_CAP): KRef<GateId> {
    return this.rootCreate('newGate', (slot) =>
      this.createGate(this.rootTask, factory, slot, thread?.cap ?? 0, label));
  }
  newIrq(factory: Cap = Kernel.ROOT_FACTORY_CAP): KRef<IrqId> {
    return this.rootCreate('newIrq', (slot) => this.createIrq(this.rootTask, factory, slot));
  }
  newFactory(quota: number, factory: Cap = Kernel.ROOT_FACTORY_CAP): KRef<FactoryId> {
    return this.rootCreate('newFactory', (slot) => this.createFactory(this.rootTask, factory, slot, quota));
  }

  // ---- capabilities ----

  /** Handle of the object in `cap` of `task`. */
  lookup(task: TaskId, cap: Cap): KResult { return this.k.capLookup(task, cap); }
  /** ObjType | Rights << 8 of a slot. */
  capInfo(task: TaskId, cap: Cap): KResult { return this.k.capInfo(task, cap); }
  /** Copies a capability to an empty slot of `dst` with rights & `rights`; the copy derives from the source. */
  map(src: TaskId, srcCap: Cap, dst: TaskId, dstCap: Cap, rights = 7): KResult {
    return this.k.capMap(src, srcCap, dst, dstCap, rights);
  }
  /** Revokes every capability derived from the slot (recursively); with `self` also the slot. */
  unmap(task: TaskId, cap: Cap, self = false): KResult { return this.k.capUnmap(task, cap, self ? 1 : 0); }
  /** Removes a capability and all derived from it; the object dies with its last capability. */
  deleteCap(task: TaskId, cap: Cap): KResult { return this.k.capUnmap(task, cap, 1); }
  findFreeCap(task: TaskId, from = 1): KResult { return this.k.capFindFree(task, from); }

  // ---- threads ----

  start(t: ThreadId): KResult { return this.k.threadStart(t); }
  setPriority(t: ThreadId, prio: number): KResult { return this.k.threadSetPriority(t, prio); }
  bindCpu(t: ThreadId, cpu: CpuId): KResult { return this.k.threadBindCpu(t, cpu); }
  setQuantum(t: ThreadId, us: number): KResult { return this.k.threadSetQuantum(t, us); }
  /** Capability slots, in the thread's own task, of its exception handler and pager. */
  setHandlers(t: ThreadId, excHandler: Cap, pager: Cap = 0): KResult {
    return this.k.threadSetHandlers(t, excHandler, pager);
  }
  /** ex_regs cancel: a blocked IPC or sleep of `t` ends with -KErr.Canceled. */
  cancel(t: ThreadId): KResult { return this.k.threadExRegs(t, 1); }
  yield(t: ThreadId): KResult { return this.k.threadYield(t); }
  kill(t: ThreadId): KResult { return this.k.threadKill(t); }

  /** Kernel address of a live object, or 0. */
  private objAddr(h: number): number {
    const e = (Layout.OBJ_TABLE >> 2) + ((h & Layout.HANDLE_INDEX_MASK) << 1);
    const p = this.u32[e];
    return (p & 1) === 0 && this.u32[e + 1] === h >>> 14 ? p : 0;
  }

  private thr(t: ThreadId): number {
    const p = this.objAddr(t);
    if (p === 0) throw new KernelError(KErr.InvalidHandle, `thread ${t}`);
    return p;
  }

  threadState(t: ThreadId): ThreadState {
    const p = this.objAddr(t);
    return p === 0 ? ThreadState.Dead : this.u8(p + Layout.TH_STATE);
  }
  /**
   * CPU of the thread that blocked `t` is waiting for (its send partner, or the server whose reply
   * it awaits); -1 if none. A racy read, for deciding whether spinning is worthwhile.
   */
  partnerCpu(t: ThreadId): number {
    const p = this.thr(t);
    const state = this.u8(p + Layout.TH_STATE);
    let other = 0;
    if (state === ThreadState.BlockedOnSend) other = this.u32[(p + Layout.TH_PARTNER) >> 2];
    else if (state === ThreadState.BlockedOnReceive) other = this.u32[(p + Layout.TH_WAITOBJ) >> 2];
    if (other < Layout.OBJ_TABLE) return -1; // none, or the sleep marker
    return this.bytes[other] === ObjType.Thread ? this.u8(other + Layout.TH_CPU) : -1;
  }
  threadCpu(t: ThreadId): CpuId {
    return this.u8(this.thr(t) + Layout.TH_CPU);
  }

  private u8(addr: number): number { return this.bytes[addr]; }

  /** µs the thread has run (including the current dispatch if it runs now). */
  cpuTimeUs(t: ThreadId): number {
    const p = this.thr(t);
    return this.f64[(p + Layout.TH_CPUTIME) >> 3] + this.runningForUs(t, p);
  }

  /** µs left of the thread's time slice (negative: used up; the host should let others run). */
  sliceLeftUs(t: ThreadId): number {
    const p = this.thr(t);
    return this.f64[(p + Layout.TH_SLICELEFT) >> 3] - this.runningForUs(t, p);
  }

  private runningForUs(t: ThreadId, p: number): number {
    const c = this.cpuBlock(this.u8(p + Layout.TH_CPU));
    if (this.u32[(c + Layout.CPU_CURRENT) >> 2] !== t) return 0;
    return Math.max(0, this.nowUs() - this.f64[(c + Layout.CPU_DISPATCHAT) >> 3]);
  }

  /**
   * Should the thread running on `cpu` give up the CPU at its next opportunity: its time slice is
   * used up, or a thread of higher priority is ready there? (Memory reads only.)
   */
  shouldYield(cpu: CpuId = this.cpu): boolean {
    const t = this.current(cpu);
    const p = t === 0 ? 0 : this.objAddr(t);
    if (p === 0) return false;
    const prio = this.u8(p + Layout.TH_PRIO);
    const bitmap = (this.cpuBlock(cpu) + Layout.CPU_BITMAP) >> 2;
    for (let w = 7; w >= prio >> 5; w--) {
      let bits = this.u32[bitmap + w];
      if (w === prio >> 5) bits = (bits >>> (prio & 31)) >>> 1;
      if (bits !== 0) return true;
    }
    return this.sliceLeftUs(t) <= 0;
  }

  // ---- UTCB (no kernel entry) ----

  /** Result of the thread's last operation: 0, a negated KErr, -KErr.WouldBlock while blocked. */
  result(t: ThreadId): number { return Atomics.load(this.i32, (this.thr(t) + Layout.UTCB_ERROR) >> 2); }
  /** Tag of the last message the thread received. */
  tag(t: ThreadId): number { return this.i32[(this.thr(t) + Layout.UTCB_TAG) >> 2]; }
  /** Gate or IRQ label of the last message the thread received. */
  label(t: ThreadId): number { return this.u32[(this.thr(t) + Layout.UTCB_LABEL) >> 2]; }
  /** Handle of the thread that sent the last message (0 for IRQs). */
  sender(t: ThreadId): ThreadId { return this.u32[(this.thr(t) + Layout.UTCB_SENDER) >> 2]; }
  mr(t: ThreadId, i: number): number { return this.u32[((this.thr(t) + Layout.UTCB_MR) >> 2) + i]; }
  setMr(t: ThreadId, i: number, v: number): void { this.u32[((this.thr(t) + Layout.UTCB_MR) >> 2) + i] = v; }
  /** A live view of the thread's 64 message registers. */
  mrs(t: ThreadId): Uint32Array {
    return new Uint32Array(this.memory.buffer, this.thr(t) + Layout.UTCB_MR, MR_COUNT);
  }
  /** A live view of the thread's 16 buffer registers (BR[0] = n, BR[1..n] = receive slots). */
  brs(t: ThreadId): Uint32Array {
    return new Uint32Array(this.memory.buffer, this.thr(t) + Layout.UTCB_BR, BR_COUNT);
  }
  /** Names the slots of `t`'s task where received capabilities go. */
  setReceiveSlots(t: ThreadId, slots: readonly Cap[]): void {
    const br = this.brs(t);
    br[0] = slots.length;
    slots.forEach((s, i) => { br[1 + i] = s; });
  }
  writeMrs(t: ThreadId, words: ArrayLike<number>): void {
    const base = (this.thr(t) + Layout.UTCB_MR) >> 2;
    for (let i = 0; i < words.length; i++) this.u32[base + i] = words[i];
  }
  /** Resume action and argument the exception handler's reply set. */
  resumeAction(t: ThreadId): number { return this.u32[(this.thr(t) + Layout.UTCB_EXC_ACTION) >> 2]; }
  resumeArg(t: ThreadId): number { return this.u32[(this.thr(t) + Layout.UTCB_EXC_ARG) >> 2]; }

  /**
   * A copy of the thread's whole UTCB (registers and the results of its last operation): a host
   * thread that must make another kernel operation before it re-reads the outcome of a blocked
   * one (a job-control stop waits for SIGCONT) keeps it here and puts it back with restoreUtcb.
   */
  saveUtcb(t: ThreadId): Uint32Array {
    const base = (this.thr(t) + Layout.UTCB_MR) >> 2;
    return this.u32.slice(base, base + UTCB_WORDS);
  }

  restoreUtcb(t: ThreadId, saved: Uint32Array): void {
    const base = (this.thr(t) + Layout.UTCB_MR) >> 2;
    this.u32.set(saved, base);
    // The result word last, atomically, as the kernel writes it (another CPU may spin on it).
    const err = (this.thr(t) + Layout.UTCB_ERROR) >> 2;
    Atomics.store(this.i32, err, saved[err - base]! | 0);
  }

  // ---- IPC (t is the running thread; caps are slots of its task; timeouts in µs, Timeout.*) ----

  send(t: ThreadId, cap: Cap, tag: number, timeout: number = Timeout.Never): KResult {
    return this.k.ipcSend(t, cap, tag, timeout);
  }
  /** Call: send, then wait for the reply. > 0: handle of the receiver that became ready on t's CPU. */
  call(t: ThreadId, cap: Cap, tag: number, timeout: number = Timeout.Never): KResult {
    return this.k.ipcCall(t, cap, tag, timeout);
  }
  /** Receive from anyone (cap 0) or only from the thread, gate or IRQ in `cap`. */
  receive(t: ThreadId, cap: Cap = 0, timeout: number = Timeout.Never): KResult {
    return this.k.ipcReceive(t, cap, timeout);
  }
  /** Reply to `caller` (default: t's last caller); never blocks, may come later (deferred reply). */
  reply(t: ThreadId, tag: number, caller: ThreadId = 0): KResult { return this.k.ipcReply(t, caller, tag); }
  replyAndWait(t: ThreadId, tag: number, timeout: number = Timeout.Never): KResult {
    return this.k.ipcReplyAndWait(t, tag, timeout);
  }
  /** Blocks for `us` µs; the result once ready is -KErr.Timeout (slept) or -KErr.Canceled. */
  sleep(t: ThreadId, us: number): KResult { return this.k.ipcSleep(t, us); }

  // ---- gates and IRQs ----

  bindGate(gate: GateId, t: ThreadId, label: number): KResult { return this.k.gateBind(gate, t, label >>> 0); }
  attachIrq(irq: IrqId, t: ThreadId, label: number): KResult { return this.k.irqAttach(irq, t, label >>> 0); }
  detachIrq(irq: IrqId): KResult { return this.k.irqAttach(irq, 0, 0); }
  triggerIrq(irq: IrqId): KResult { return this.k.irqTrigger(irq); }
  triggerIrqCap(task: TaskId, cap: Cap): KResult { return this.k.irqTriggerCap(task, cap); }

  // ---- exceptions ----

  /**
   * Reports a trap of running thread `t`. Returns like call (handler handle > 0, -WouldBlock)
   * or -KErr.Terminated when there is no handler and the task was terminated.
   */
  raiseException(t: ThreadId, kind: number, pc: number, addr: number): KResult {
    return this.k.raiseException(t, kind >>> 0, pc >>> 0, addr >>> 0);
  }

  taskState(task: TaskId): TaskState {
    const p = this.objAddr(task);
    return p === 0 ? TaskState.Destroyed : this.u32[(p + Layout.TASK_STATE) >> 2];
  }
  /** The exception that terminated the task, if that is how it ended. */
  taskException(task: TaskId): TaskException | undefined {
    const p = this.objAddr(task);
    if (p === 0 || this.u32[(p + Layout.TASK_STATE) >> 2] !== TaskState.Terminated) return undefined;
    const b = (p + Layout.TASK_EXC) >> 2;
    return { kind: this.u32[b], pc: this.u32[b + 1], addr: this.u32[b + 2], thread: this.u32[b + 3] };
  }

  // ---- factories ----

  factoryUsage(f: FactoryId): { used: number; limit: number } {
    const p = this.objAddr(f);
    if (p === 0) throw new KernelError(KErr.InvalidHandle, `factory ${f}`);
    const b = (p + Layout.FACTORY_LIMIT) >> 2;
    return { limit: this.u32[b], used: this.u32[b + 1] };
  }

  /** Is the handle a live (not yet freed) object? */
  exists(h: ObjectId): boolean { return this.objAddr(h) !== 0; }

  // ---- scheduler ----

  /** Next thread to run on `cpu` (0: idle). See assembly/scheduler.ts for the policy. */
  schedule(cpu: CpuId = this.cpu): ThreadId { return this.k.schedule(cpu); }
  /** Absolute kernel time (µs) of the earliest timeout on `cpu`, or -1. */
  nextTimeout(cpu: CpuId = this.cpu): number { return this.k.nextTimeout(cpu); }
  /** No thread can ever run again unless something outside the kernel wakes one. */
  quiescent(): boolean { return this.k.quiescent() !== 0; }
  /** The host loop of `cpu` ends: it no longer counts as running a thread. */
  releaseCpu(cpu: CpuId = this.cpu): KResult { return this.k.releaseCpu(cpu); }
  /** Threads ready on `cpu` (memory read, no kernel entry). */
  readyCount(cpu: CpuId = this.cpu): number { return this.u32[(this.cpuBlock(cpu) + Layout.CPU_READYCOUNT) >> 2]; }
  /** Handle of the thread `cpu` dispatched last (0: idle). */
  current(cpu: CpuId = this.cpu): ThreadId { return this.u32[(this.cpuBlock(cpu) + Layout.CPU_CURRENT) >> 2]; }

  /** Index (Int32Array) of `cpu`'s wake word: bumped whenever a thread becomes ready there. */
  wakeWordIndex(cpu: CpuId): number { return (this.cpuBlock(cpu) + Layout.CPU_WAKESEQ) >> 2; }
  sleepingWordIndex(cpu: CpuId): number { return (this.cpuBlock(cpu) + Layout.CPU_SLEEPING) >> 2; }
  stopWordIndex(cpu: CpuId): number { return (this.cpuBlock(cpu) + Layout.CPU_STOP) >> 2; }
  /** The shared memory as Int32Array, for Atomics on the words above. */
  get words(): Int32Array { return this.i32; }

  /** Asks the loop of `cpu` to end after its current host thread returns (from any thread). */
  requestStop(cpu: CpuId): void {
    Atomics.store(this.i32, this.stopWordIndex(cpu), 1);
    this.wakeCpu(cpu);
  }

  /** Makes `cpu`'s idle loop look at the kernel again (from any thread). */
  wakeCpu(cpu: CpuId): void {
    const i = this.wakeWordIndex(cpu);
    Atomics.add(this.i32, i, 1);
    Atomics.notify(this.i32, i);
  }

  private cpuBlock(cpu: CpuId): number { return Layout.CPU_BASE + cpu * Layout.CPU_SIZE; }

  // ---- region maps ----

  /** Attaches a dataspace range; returns the address or a negated KErr. */
  attach(task: TaskId, o: AttachOptions): KResult {
    const flags = (o.search ? RmFlags.Search : 0) | (o.readOnly ? RmFlags.ReadOnly : 0);
    return this.k.rmAttach(task, o.addr ?? 0, o.size, o.ds, o.offset ?? 0, flags,
      o.lo ?? 0, o.hi ?? 0x1_0000_0000, o.align ?? 1);
  }
  /** Detaches [addr, addr + size); returns the number of regions touched or a negated KErr. */
  detach(task: TaskId, addr: number, size: number): KResult { return this.k.rmDetach(task, addr, size); }
  lookupRegion(task: TaskId, addr: number): RegionInfo | undefined {
    if (this.k.rmLookup(task, addr) < 0) return undefined;
    const b = (this.cpuBlock(this.cpu) + Layout.CPU_SCRATCH) >> 2;
    const u = this.u32;
    return { start: u[b], size: u[b + 1], ds: u[b + 2], offset: u[b + 3], flags: u[b + 4] };
  }
  /** Dataspace ids whose last region went away since the last call; each id is reported once. */
  takeReleasedDataspaces(): number[] {
    const ids: number[] = [];
    for (let id = this.k.dsTakeReleased(); id !== 0; id = this.k.dsTakeReleased()) ids.push(id >>> 0);
    return ids;
  }
  dataspaceRefs(id: number): number { return this.k.dsRefCount(id); }
}
