import { Kernel } from '../kernel/kernel.js';
import type { KRef, ThreadId } from '../kernel/kernel.js';
import type { Cpu, HostThread } from '../kernel/cpu.js';
import { Registry } from './registry.js';
export interface ServerLoopOptions {
    /** Requests handled per run() before the loop yields the CPU. Default 64. */
    budget?: number;
}
export declare class ServerLoop implements HostThread {
    readonly kernel: Kernel;
    readonly registry: Registry;
    /** Servers answer at once: a caller on the same CPU may run this loop directly (fast path). */
    readonly direct = true;
    readonly thread: ThreadId;
    private readonly msg;
    private readonly budget;
    /** Blocked in a receive: its result is in the UTCB when run() is called again. */
    private waiting;
    constructor(kernel: Kernel, registry: Registry, options?: ServerLoopOptions);
    /**
     * Creates a server thread in the root task on `cpu`, its registry and loop, registers the loop
     * with the CPU and starts the thread.
     */
    static start(kernel: Kernel, cpu: Cpu, options?: ServerLoopOptions & {
        prio?: number;
    }): ServerLoop;
    static forThread(kernel: Kernel, thread: KRef<ThreadId>, options?: ServerLoopOptions): ServerLoop;
    run(): void;
}
