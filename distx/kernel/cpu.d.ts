import type { Kernel, ThreadId, CpuId, Cap } from './kernel.js';
export interface HostThread {
    /** Runs the thread until it blocks, yields or ends; returns to let the CPU run others. */
    run(): void;
    /**
     * May run synchronously inside another thread's call on this CPU (the IPC fast path hands the
     * CPU straight to it and back). True for servers; false for threads that suspend a stack.
     */
    readonly direct?: boolean;
}
export interface CpuOptions {
    /** How long an idle CPU spins on its wake word before it sleeps. Default 50 µs. */
    spinUs?: number;
    /** The async loop yields to the Node event loop after running this long. Default 4 ms. */
    sliceMs?: number;
    /** A host thread threw: called with the error; the thread is killed. Default: the loop rethrows. */
    onError?: (thread: ThreadId, error: unknown) => void;
}
export declare class Cpu {
    readonly kernel: Kernel;
    readonly id: CpuId;
    private readonly entries;
    private readonly spinMs;
    private readonly sliceMs;
    private readonly onError?;
    private holds;
    private running;
    /** performance.now() until which a wake-up from another CPU is expected (expectWake). */
    private wakeExpectedBy;
    private readonly wakeIdx;
    private readonly sleepIdx;
    private readonly stopIdx;
    constructor(kernel: Kernel, options?: CpuOptions, id?: CpuId);
    /** Runs `host` whenever the kernel schedules thread `t` on this CPU. */
    register(t: ThreadId, host: HostThread): void;
    unregister(t: ThreadId): void;
    /** The thread whose run() is executing on this CPU (innermost on the fast path), or 0. */
    get current(): ThreadId;
    /**
     * Keeps the loop alive while the kernel looks quiescent, for as long as something outside the
     * kernel may still wake a thread (console input that triggers an IRQ, a host timer).
     * Returns the release function.
     */
    hold(): () => void;
    /**
     * A thread here expects to be made ready from another CPU within `ms` (a decoupled program's
     * next call): until then the idle loop sleeps on the wake word, a futex wake-up away, before
     * it waits through the event loop (Atomics.waitAsync, an event-loop turn more per wake-up).
     */
    expectWake(ms: number): void;
    /** Makes the idle loop look at the kernel again (after triggering an IRQ, from any thread). */
    wake(): void;
    /** Asks the loop to end after the current host thread returns (from any thread). */
    stop(): void;
    /**
     * IPC fast path: `client` (running on this CPU) calls the gate or thread in `cap`, with `words`
     * written to its MRs first. If the receiver was waiting and is a direct host thread here, it
     * runs at once ("hands the CPU to the server and back"); if the receiver is on another CPU and
     * nothing else is ready here, the reply is awaited spinning for up to spinUs. 0: the reply is in
     * the client's UTCB. -KErr.WouldBlock: the client is blocked in the kernel; its host thread must
     * suspend and read kernel.result(client) when it runs again (or abandon the call with
     * kernel.cancel(client)). Other negative values: the call failed (a negated KErr).
     */
    call(client: ThreadId, cap: Cap, tag: number, words?: ArrayLike<number>, timeout?: number): number;
    /** One scheduling step: runs the next thread if any. False when idle. */
    step(): boolean;
    /** Runs until stopped or until no thread can ever run again (quiescent, nothing held). */
    run(): Promise<void>;
    /** The loop for a worker thread: blocks the thread while idle (Atomics.wait). */
    runBlocking(): void;
    private dispatch;
    private runEntry;
    /** Spins, returns true if the wake word moved. */
    private spin;
    /** Milliseconds until the next kernel timeout of this CPU (Infinity: none). */
    private msToTimeout;
    /** Waits for a wake or the next timeout; true if the event loop ran meanwhile. */
    private idleAsync;
    /** Blocks the thread on the wake word for up to `ms`; true if the word moved. */
    private block;
    private idleBlocking;
}
/** -KErr.WouldBlock, the result of an operation that blocked. */
export declare const WOULD_BLOCK: number;
