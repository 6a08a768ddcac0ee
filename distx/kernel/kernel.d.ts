import { KErr, ThreadState, TaskState } from './abi.js';
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
export declare class KernelError extends Error {
    readonly code: KErr;
    constructor(code: KErr, op: string);
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
/**
 * build/kernel.wasm of this package: src/kernel/ and dist/kernel/ are both two levels down; a
 * bundle placed in build/ itself (bench, test workers) finds it next to itself.
 */
export declare function kernelWasmUrl(): URL;
export declare class Kernel {
    static readonly ROOT_FACTORY_CAP: Cap;
    static readonly ROOT_TASK_CAP: Cap;
    readonly memory: WebAssembly.Memory;
    readonly module: WebAssembly.Module;
    /** The CPU this instance enters the kernel from. */
    readonly cpu: CpuId;
    readonly ncpus: number;
    readonly rootTask: TaskId;
    readonly rootFactory: FactoryId;
    private readonly k;
    private readonly bytes;
    private readonly u32;
    private readonly i32;
    private readonly f64;
    /** performance.now() + clockOffsetMs = ms on the kernel clock (0 at boot). */
    private readonly clockOffsetMs;
    /** Creates the shared memory, boots the kernel in it; this instance is CPU 0. */
    static boot(options?: BootOptions): Promise<Kernel>;
    /** Another CPU (typically in a worker thread) entering the same kernel. */
    static attach(memory: WebAssembly.Memory, module: WebAssembly.Module, cpu: CpuId): Kernel;
    private constructor();
    /**
     * Monotonic kernel clock in µs since boot, the same time base on every CPU: performance.now()
     * plus this CPU's offset to the KIP's clock base (the cost is that of performance.now()).
     */
    nowUs(): number;
    /** The kernel clock as of the last kernel entry that read it (scheduling, timeouts): one load. */
    coarseNowUs(): number;
    createTask(task: TaskId, fcap: Cap, slot: Cap, capSlots?: number): KResult;
    createThread(task: TaskId, fcap: Cap, slot: Cap, taskCap: Cap, prio?: number, cpu?: CpuId): KResult;
    createGate(task: TaskId, fcap: Cap, slot: Cap, threadCap: Cap, label: number): KResult;
    createIrq(task: TaskId, fcap: Cap, slot: Cap): KResult;
    createFactory(task: TaskId, fcap: Cap, slot: Cap, quota: number): KResult;
    private rootCreate;
    newTask(opts?: {
        capSlots?: number;
        factory?: Cap;
    }): KRef<TaskId>;
    /** A thread of `task` (default: the root task), inactive until start(). */
    newThread(opts?: {
        task?: KRef<TaskId>;
        prio?: number;
        cpu?: CpuId;
        factory?: Cap;
    }): KRef<ThreadId>;
    newGate(thread?: KRef<ThreadId>, label?: number, factory?: Cap): KRef<GateId>;
    newIrq(factory?: Cap): KRef<IrqId>;
    newFactory(quota: number, factory?: Cap): KRef<FactoryId>;
    /** Handle of the object in `cap` of `task`. */
    lookup(task: TaskId, cap: Cap): KResult;
    /** ObjType | Rights << 8 of a slot. */
    capInfo(task: TaskId, cap: Cap): KResult;
    /** Copies a capability to an empty slot of `dst` with rights & `rights`; the copy derives from the source. */
    map(src: TaskId, srcCap: Cap, dst: TaskId, dstCap: Cap, rights?: number): KResult;
    /** Revokes every capability derived from the slot (recursively); with `self` also the slot. */
    unmap(task: TaskId, cap: Cap, self?: boolean): KResult;
    /** Removes a capability and all derived from it; the object dies with its last capability. */
    deleteCap(task: TaskId, cap: Cap): KResult;
    findFreeCap(task: TaskId, from?: number): KResult;
    start(t: ThreadId): KResult;
    setPriority(t: ThreadId, prio: number): KResult;
    bindCpu(t: ThreadId, cpu: CpuId): KResult;
    setQuantum(t: ThreadId, us: number): KResult;
    /** Capability slots, in the thread's own task, of its exception handler and pager. */
    setHandlers(t: ThreadId, excHandler: Cap, pager?: Cap): KResult;
    /** ex_regs cancel: a blocked IPC or sleep of `t` ends with -KErr.Canceled. */
    cancel(t: ThreadId): KResult;
    yield(t: ThreadId): KResult;
    kill(t: ThreadId): KResult;
    /** Kernel address of a live object, or 0. */
    private objAddr;
    private thr;
    threadState(t: ThreadId): ThreadState;
    /**
     * CPU of the thread that blocked `t` is waiting for (its send partner, or the server whose reply
     * it awaits); -1 if none. A racy read, for deciding whether spinning is worthwhile.
     */
    partnerCpu(t: ThreadId): number;
    threadCpu(t: ThreadId): CpuId;
    private u8;
    /** µs the thread has run (including the current dispatch if it runs now). */
    cpuTimeUs(t: ThreadId): number;
    /** µs left of the thread's time slice (negative: used up; the host should let others run). */
    sliceLeftUs(t: ThreadId): number;
    private runningForUs;
    /**
     * Should the thread running on `cpu` give up the CPU at its next opportunity: its time slice is
     * used up, or a thread of higher priority is ready there? (Memory reads only.)
     */
    shouldYield(cpu?: CpuId): boolean;
    /** Result of the thread's last operation: 0, a negated KErr, -KErr.WouldBlock while blocked. */
    result(t: ThreadId): number;
    /** Tag of the last message the thread received. */
    tag(t: ThreadId): number;
    /** Gate or IRQ label of the last message the thread received. */
    label(t: ThreadId): number;
    /** Handle of the thread that sent the last message (0 for IRQs). */
    sender(t: ThreadId): ThreadId;
    mr(t: ThreadId, i: number): number;
    setMr(t: ThreadId, i: number, v: number): void;
    /** A live view of the thread's 64 message registers. */
    mrs(t: ThreadId): Uint32Array;
    /** A live view of the thread's 16 buffer registers (BR[0] = n, BR[1..n] = receive slots). */
    brs(t: ThreadId): Uint32Array;
    /** Names the slots of `t`'s task where received capabilities go. */
    setReceiveSlots(t: ThreadId, slots: readonly Cap[]): void;
    writeMrs(t: ThreadId, words: ArrayLike<number>): void;
    /** Resume action and argument the exception handler's reply set. */
    resumeAction(t: ThreadId): number;
    resumeArg(t: ThreadId): number;
    /**
     * A copy of the thread's whole UTCB (registers and the results of its last operation): a host
     * thread that must make another kernel operation before it re-reads the outcome of a blocked
     * one (a job-control stop waits for SIGCONT) keeps it here and puts it back with restoreUtcb.
     */
    saveUtcb(t: ThreadId): Uint32Array;
    restoreUtcb(t: ThreadId, saved: Uint32Array): void;
    send(t: ThreadId, cap: Cap, tag: number, timeout?: number): KResult;
    /** Call: send, then wait for the reply. > 0: handle of the receiver that became ready on t's CPU. */
    call(t: ThreadId, cap: Cap, tag: number, timeout?: number): KResult;
    /** Receive from anyone (cap 0) or only from the thread, gate or IRQ in `cap`. */
    receive(t: ThreadId, cap?: Cap, timeout?: number): KResult;
    /** Reply to `caller` (default: t's last caller); never blocks, may come later (deferred reply). */
    reply(t: ThreadId, tag: number, caller?: ThreadId): KResult;
    replyAndWait(t: ThreadId, tag: number, timeout?: number): KResult;
    /** Blocks for `us` µs; the result once ready is -KErr.Timeout (slept) or -KErr.Canceled. */
    sleep(t: ThreadId, us: number): KResult;
    bindGate(gate: GateId, t: ThreadId, label: number): KResult;
    attachIrq(irq: IrqId, t: ThreadId, label: number): KResult;
    detachIrq(irq: IrqId): KResult;
    triggerIrq(irq: IrqId): KResult;
    triggerIrqCap(task: TaskId, cap: Cap): KResult;
    /**
     * Reports a trap of running thread `t`. Returns like call (handler handle > 0, -WouldBlock)
     * or -KErr.Terminated when there is no handler and the task was terminated.
     */
    raiseException(t: ThreadId, kind: number, pc: number, addr: number): KResult;
    taskState(task: TaskId): TaskState;
    /** The exception that terminated the task, if that is how it ended. */
    taskException(task: TaskId): TaskException | undefined;
    factoryUsage(f: FactoryId): {
        used: number;
        limit: number;
    };
    /** Is the handle a live (not yet freed) object? */
    exists(h: ObjectId): boolean;
    /** Next thread to run on `cpu` (0: idle). See assembly/scheduler.ts for the policy. */
    schedule(cpu?: CpuId): ThreadId;
    /** Absolute kernel time (µs) of the earliest timeout on `cpu`, or -1. */
    nextTimeout(cpu?: CpuId): number;
    /** No thread can ever run again unless something outside the kernel wakes one. */
    quiescent(): boolean;
    /** The host loop of `cpu` ends: it no longer counts as running a thread. */
    releaseCpu(cpu?: CpuId): KResult;
    /** Threads ready on `cpu` (memory read, no kernel entry). */
    readyCount(cpu?: CpuId): number;
    /** Handle of the thread `cpu` dispatched last (0: idle). */
    current(cpu?: CpuId): ThreadId;
    /** Index (Int32Array) of `cpu`'s wake word: bumped whenever a thread becomes ready there. */
    wakeWordIndex(cpu: CpuId): number;
    sleepingWordIndex(cpu: CpuId): number;
    stopWordIndex(cpu: CpuId): number;
    /** The shared memory as Int32Array, for Atomics on the words above. */
    get words(): Int32Array;
    /** Asks the loop of `cpu` to end after its current host thread returns (from any thread). */
    requestStop(cpu: CpuId): void;
    /** Makes `cpu`'s idle loop look at the kernel again (from any thread). */
    wakeCpu(cpu: CpuId): void;
    private cpuBlock;
    /** Attaches a dataspace range; returns the address or a negated KErr. */
    attach(task: TaskId, o: AttachOptions): KResult;
    /** Detaches [addr, addr + size); returns the number of regions touched or a negated KErr. */
    detach(task: TaskId, addr: number, size: number): KResult;
    lookupRegion(task: TaskId, addr: number): RegionInfo | undefined;
    /** Dataspace ids whose last region went away since the last call; each id is reported once. */
    takeReleasedDataspaces(): number[];
    dataspaceRefs(id: number): number;
}
