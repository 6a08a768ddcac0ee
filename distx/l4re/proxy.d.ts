import { type Kernel, type KRef, type ThreadId } from '../kernel/kernel.js';
import type { Cpu, HostThread } from '../kernel/cpu.js';
import type { Dataspace } from './dataspace.js';
export declare class Proxy {
    private readonly kernel;
    private readonly cpu;
    readonly name: string;
    readonly ds: Dataspace;
    readonly req: KRef;
    readonly notify: KRef;
    /** Notifications the task has sent so far (IRQ triggers, as counted by the kernel). */
    notifications: number;
    /** The serving task ended: the guest side fails with EPIPE. */
    serverGone: boolean;
    private server?;
    private openers;
    private readonly waiters;
    constructor(kernel: Kernel, cpu: Cpu, name: string, ds: Dataspace, req: KRef, notify: KRef);
    /** A task that serves this proxy started; `ended` settles when it ends. */
    served(thread: ThreadId, ended: Promise<unknown>): void;
    /** write() on the device: rings the task. 0, or -EPIPE when the task has ended. */
    ring(): number;
    /** The proxy thread received notify triggers. */
    notified(count: number): void;
    subscribe(wake: () => void): () => void;
    opened(): void;
    /** A guest descriptor closed; the last one hangs up on the task. */
    closed(): void;
}
/** The machine's proxy thread: receives every proxy's notify IRQ (its label: the proxy's index). */
export declare class ProxyThread implements HostThread {
    private readonly kernel;
    private readonly proxies;
    private readonly thread;
    private waiting;
    constructor(kernel: Kernel, cpu: Cpu);
    add(p: Proxy): void;
    run(): void;
}
