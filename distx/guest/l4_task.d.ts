import type { Cpu, HostThread } from '../kernel/cpu.js';
import { type Kernel, type KRef, type TaskId, type ThreadId } from '../kernel/kernel.js';
import { L4Port } from '../libc/l4_port.js';
import type { L4CallContext } from '../libc/l4posix_l4.js';
import type { Restart } from '../libc/restart.js';
import type { RootTask } from '../l4re/root_task.js';
import { type L4Namespace } from '../l4re/l4_namespace.js';
import { type ProgramImage } from './program.js';
/** How a task ended. */
export interface TaskStatus {
    code: number;
    /** The trap that ended it. */
    trap?: string;
    /** Why the machine ended it (killed, a host error). */
    error?: string;
}
/** A capability the task gets: the namespace object's name, and whether it serves that channel. */
export type TaskCap = string | {
    readonly object: string;
    readonly server?: boolean;
};
export interface TaskOptions {
    args?: readonly string[];
    /** Its capabilities by the name it looks them up with (l4re_env_get_cap). */
    caps?: Readonly<Record<string, TaskCap>>;
    /** Its log output, as it comes (the task's stdout and stderr, in order). */
    onLog?: (bytes: Uint8Array) => void;
}
/** What a task needs of its machine. */
export interface TaskHost {
    readonly kernel: Kernel;
    readonly cpu: Cpu;
    readonly rootTask: RootTask;
    readonly rootGate: number;
    readonly l4: L4Namespace;
}
export declare class L4Task implements HostThread, L4CallContext {
    private readonly host;
    private readonly options;
    readonly name: string;
    readonly exit: Promise<TaskStatus>;
    /** Everything it logged so far. */
    log: string;
    /** Set once the program has bound a gate or IRQ to its thread (it serves). */
    serving: boolean;
    restart: Restart | undefined;
    readonly l4: L4Port;
    readonly task: KRef<TaskId>;
    readonly thread: KRef<ThreadId>;
    private readonly kernel;
    private readonly instance;
    /** A decoupled task's thread waits for this IRQ while a forwarded call waits. */
    private readonly wakeIrq;
    private subscriptions;
    private readonly addressSpace;
    private readonly sink;
    private resolveExit;
    private status?;
    private readonly decoder;
    constructor(host: TaskHost, image: ProgramImage, options?: TaskOptions);
    get memory(): WebAssembly.Memory;
    get reservedTop(): number;
    get ended(): boolean;
    run(): void;
    /** Ends the task from outside: its thread dies, its partners' IPC ends with an error. */
    kill(why?: string): void;
    private finish;
    private release;
    private logged;
    /** What a decoupled task's program needs of its thread on the vCPU (decoupled.ts). */
    private decoupledHost;
    private hooks;
    /** The import table: the l4 family, what starting and printing need, ENOSYS for the rest. */
    private imports;
    /** The loops' preemption check: gives up the CPU at the end of the time slice. */
    private preempt;
    private view;
    private ok;
    /** Sends bytes to the log capability: 0 or -errno. */
    private writeLog;
    private wasi;
}
