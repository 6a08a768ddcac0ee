import type { Restart } from '../libc/restart.js';
import { type Cap, type Kernel } from '../kernel/kernel.js';
import type { Cpu } from '../kernel/cpu.js';
import { type SyscallContext, type WaitSpec } from '../libc/context.js';
import { WasiState } from '../libc/wasi_state.js';
import type { Message, ServerObject } from '../l4re/registry.js';
import type { ImportTable } from './program.js';
import type { Process } from './process.js';
/** What the server needs of its machine. */
export interface PosixServerHost {
    readonly kernel: Kernel;
    readonly cpu: Cpu;
}
/**
 * The client's context as the server sees it: the process's own state and memory, except that a
 * call that has to wait only records what it waits for; the client waits in its own thread.
 */
declare class ClientContext implements SyscallContext {
    private readonly p;
    waitingFor: WaitSpec | undefined;
    constructor(p: Process);
    get memory(): WebAssembly.Memory;
    get reservedTop(): number;
    get args(): readonly string[];
    get env(): readonly string[];
    get vfs(): import("../vfs/types.js").Vfs;
    get fds(): import("../libc/fdtable.js").FdTable;
    get clock(): import("../libc/time.js").KipTime;
    get files(): import("../libc/context.js").FileCreation;
    get personality(): "posix" | "wasi";
    get restart(): Restart | undefined;
    set restart(v: Restart | undefined);
    wait(spec: WaitSpec): number;
    random(buf: Uint8Array): void;
    raise(signal: number): number;
    brokenPipe(): void;
    yield(): number;
    onInternalError(call: string, error: unknown): void;
}
/** One client process's session: the server object behind the gate mapped into its task. */
declare class PosixSession implements ServerObject {
    readonly process: Process;
    readonly state: WasiState;
    readonly ctx: ClientContext;
    /** The routed calls by index in SYSCALLS, each bound to the client's state (undefined: not routed). */
    private readonly calls;
    private readonly args;
    constructor(process: Process);
    dispatch(msg: Message): number;
}
/** The POSIX server of one machine: a server thread on the machine's CPU and its sessions. */
export declare class PosixServer {
    readonly host: PosixServerHost;
    private static readonly servers;
    private readonly loop;
    private constructor();
    /** The machine's POSIX server, started on first use. */
    static of(host: PosixServerHost): PosixServer;
    /**
     * Opens a session for `process`: a gate to it mapped into the process's task. Returns the
     * capability slot there. The session ends (its gate is revoked) when the process exits.
     */
    connect(process: Process): {
        session: PosixSession;
        cap: Cap;
    };
}
export interface ServerPathOptions {
    /** Route calls through the server (default). False: only connect (bench_ipc's channel). */
    route?: boolean;
}
/**
 * The wrapImports for the server path of `machine`: each process connects to the machine's POSIX
 * server and its calls (all but those the table marks callerOnly) go there by IPC.
 */
export declare function serverPathWrapper(machine: PosixServerHost, options?: ServerPathOptions): (imports: ImportTable, process: Process) => ImportTable;
export {};
