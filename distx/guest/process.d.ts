import { type Cap, type KRef, type TaskId, type ThreadId } from '../kernel/kernel.js';
import type { Cpu, HostThread } from '../kernel/cpu.js';
import type { Kernel } from '../kernel/kernel.js';
import { type FileCreation, type SyscallContext, type WaitSpec } from '../libc/context.js';
import { FdTable, type Preopen } from '../libc/fdtable.js';
import { type Identity } from '../libc/l4posix.js';
import { AddressSpace } from '../libc/address_space.js';
import { type Limit } from '../libc/posix_state.js';
import type { HostFileBudget } from '../vfs/host_files.js';
import { KipTime, type RealtimeOffset } from '../libc/time.js';
import { RootTaskClient } from '../l4re/root_client.js';
import type { RootTask } from '../l4re/root_task.js';
import { type OpenFile, type Vfs } from '../vfs/types.js';
import { type ImportTable, type ProgramImage } from './program.js';
import { ProcessSignals } from './signal_process.js';
import { ProcessControl, type ControlHost, type PendingImage } from './process_control.js';
import type { Restart } from '../libc/restart.js';
import type { L4Namespace } from '../l4re/l4_namespace.js';
import type { L4Port } from '../libc/l4_port.js';
/** How a process ended. */
export interface ExitStatus {
    /** Exit code; for a signal death 128 + signal, as a shell reports it. */
    code: number;
    /** The (Linux-numbered) signal that ended it. */
    signal?: number;
    /** The trap that ended it: what trapped and in which function. */
    trap?: {
        message: string;
        func?: string;
    };
    /**
     * Why the machine ended it, in one line, when the program did not end itself: a host error
     * (code 125), a program that failed to start (code 126), a limit the machine enforces.
     */
    error?: string;
    /** The limit the machine ended it for: its wall-clock time, its CPU time (RLIMIT_CPU). */
    limit?: 'time' | 'cpu';
}
/** The machine's memory limit and what its processes' memories take of it (bytes). */
export interface MemoryBudget {
    readonly limit: number;
    used: number;
}
/** Exit code of a process the host failed (an exception inside l4wasm, reported with `error`). */
export declare const HOST_ERROR_EXIT = 125;
/** Exit code of a process whose program could not be loaded or started. */
export declare const LOAD_ERROR_EXIT = 126;
/** An exception inside l4wasm that a process's call or run met, as the machine reports it. */
export interface InternalErrorReport {
    pid?: number;
    program?: string;
    /** The call, server or loop it happened in. */
    where: string;
    error: unknown;
    /** It ended the process (else the call failed with EIO and the program went on). */
    fatal: boolean;
}
/** What a process needs of its machine. */
export interface ProcessHost {
    readonly kernel: Kernel;
    readonly cpu: Cpu;
    readonly vfs: Vfs;
    readonly rootTask: RootTask;
    /** The root task's gate, as a capability slot of the root task (mapped into each process). */
    readonly rootGate: Cap;
    readonly realtime: RealtimeOffset;
    /** The machine's host name (uname, gethostname). */
    readonly hostname?: string | undefined;
    processExited(p: Process): void;
    /** The processes by pid, zombies included (kill reaches them). */
    readonly running?: ReadonlyMap<number, Process>;
    /** The process table and program loading: without them the process calls are ENOSYS. */
    readonly control?: ControlHost;
    /** Told about exceptions inside l4wasm (default: a process warning). */
    reportInternalError?(report: InternalErrorReport): void;
    /** The machine's memory limit, shared by its processes (none: only RLIMIT_AS bounds each). */
    readonly memory?: MemoryBudget;
    /** The machine's L4 namespace (the L4 API from C); without it those calls fail. */
    readonly l4?: L4Namespace;
    /** A decoupled program's thread started or stopped (the machine may give it a core of its own). */
    decoupledThreadStarted?(p: Process, tid: number): void;
    decoupledThreadEnded?(tid: number): void;
    /** A decoupled program's worker was let go (exit, exec, recouple): another may follow soon. */
    decoupledProgramEnded?(): void;
    /** The machine's budget of open host files (its host mounts count their opens in it). */
    readonly hostFiles?: HostFileBudget;
    /** Whether a decoupled program's lent host writes go through the write-behind thread (MachineOptions.writeBehind). */
    readonly writeBehind?: boolean;
}
export interface ProcessOptions {
    pid: number;
    ppid: number;
    args: readonly string[];
    env: readonly string[];
    /** Standard input, output and error of a new descriptor table (with preopens). */
    stdio?: [OpenFile, OpenFile, OpenFile];
    /** Guest paths preopened after "/" (the extra mounts). */
    preopens?: readonly (string | Preopen)[];
    /** Whether "/" is preopened first (default true); see MachineOptions.rootPreopen. */
    rootPreopen?: boolean;
    /** An inherited descriptor table instead (spawn, exec): taken over as it is. */
    fds?: FdTable;
    /** The working directory it starts in (default "/"). */
    cwd?: string;
    /** Process group and session (default: its own pid, a session leader). */
    pgid?: number;
    sid?: number;
    /**
     * Resource limits it starts with, by RLIMIT_* (the machine's defaults, or its parent's):
     * RLIMIT_AS bounds its memory (memory.grow and mmap fail with ENOMEM), RLIMIT_CPU its CPU time
     * (SIGXCPU at the soft limit and each second after, SIGKILL at the hard one).
     */
    limits?: Partial<Record<number, Limit>>;
    /** fork: the process this one copies (it has unwound at its fork call). */
    forkOf?: Process;
    /** The blocked signals it starts with, and the signals it ignores (inherited). */
    sigmask?: [number, number];
    ignored?: readonly number[];
    uid?: number;
    gid?: number;
    /** The file-creation mask it starts with (its parent's; default 022). */
    umask?: number;
    /**
     * Rewrites the program's import table before it is instantiated: how tracing and the other
     * syscall paths (IPC to a server instead of the local backend) wrap the same calls.
     */
    wrapImports?: (imports: ImportTable, process: Process) => ImportTable;
    /**
     * The wrapper its children (fork, spawn) get, and theirs in turn: the machine's and its spawn's
     * (a traced program's children are traced, as strace -f), not the embedder's extra imports.
     * Default: wrapImports.
     */
    childWrapImports?: (imports: ImportTable, process: Process) => ImportTable;
}
/**
 * Whose path rules a program's WASI calls follow: 'posix' for a program linked with libl4posix
 * (`l4wasm cc` links it into every program: it imports the l4posix module or exports
 * __l4posix_cwd_init), else 'wasi' — a plain wasip1 binary written for WASI's sandbox, which
 * expects paths to stay beneath their directory descriptor (tests/programs/DIFFERENCES.md).
 */
export declare function personalityOf(module: WebAssembly.Module): 'posix' | 'wasi';
/** personalityOf's rule, on a module's imports and exports (from the binary: wasm_binary.ts moduleInterface). */
export declare function personalityFrom(imports: readonly {
    module: string;
    name: string;
}[], exports: readonly {
    name: string;
}[]): 'posix' | 'wasi';
/** A prepared program's shared memory, with its data written once (see instrument.ts). */
export declare function sharedMemoryOf(image: ProgramImage): WebAssembly.Memory | undefined;
export declare class Process implements SyscallContext, HostThread {
    image: ProgramImage;
    readonly pid: number;
    /** Replaced by exec. */
    args: readonly string[];
    env: readonly string[];
    readonly vfs: Vfs;
    readonly fds: FdTable;
    readonly clock: KipTime;
    /** The working directory it started in (wasi-libc keeps the current one in the program). */
    readonly initialCwd: string;
    /** The process calls (spawn, exec, fork, wait, groups), when the machine has a process table. */
    readonly procs?: ProcessControl;
    /** A stop signal not yet reported to the parent's waitpid(WUNTRACED). */
    stopSignal: number;
    /** Continued by SIGCONT after a stop, not yet reported to the parent's waitpid(WCONTINUED). */
    continued: boolean;
    readonly identity: Identity;
    /** The path rules of the program it runs now (exec may change them). */
    get personality(): 'posix' | 'wasi';
    /** umask and the mode of a create under way (kept across exec, inherited by children). */
    readonly files: FileCreation;
    /** Resolves when the process has ended. */
    readonly exit: Promise<ExitStatus>;
    restart: Restart<PendingImage> | undefined;
    readonly direct = false;
    readonly host: ProcessHost;
    readonly kernel: Kernel;
    readonly task: KRef<TaskId>;
    readonly thread: KRef<ThreadId>;
    private readonly irq;
    /** The root task, reached by IPC from this process's thread (memory for the region map). */
    readonly root: RootTaskClient;
    /** The region manager of the program's memory: heap accounting and mmap. */
    readonly addressSpace: AddressSpace;
    /** Signal state, the exception/timer handler thread E, the program's call boundaries. */
    readonly signals: ProcessSignals;
    /** The program thread's run() is on the stack (its calls into the host happen now). */
    onCpu: boolean;
    private instance?;
    private resolveExit;
    private subscriptions;
    private readonly notify;
    private cpuNs;
    private runningSince;
    /** The thread's UTCB as a stop found it (waitUntilContinued), put back when it continues. */
    private stoppedUtcb?;
    private status?;
    private readonly wrapImports;
    /** What its children's imports are wrapped with (see ProcessOptions.childWrapImports). */
    readonly childWrapImports: ProcessOptions['wrapImports'];
    /** The limits it started with (getrlimit reports them until the program changes them). */
    readonly initialLimits: Partial<Record<number, Limit>>;
    /** The bytes of its memory the machine's budget counts. */
    private memoryCounted;
    /** RLIMIT_CPU: the CPU time (s) at which the next SIGXCPU is due. */
    private nextXcpu;
    constructor(host: ProcessHost, image: ProgramImage, options: ProcessOptions);
    private importTable;
    /**
     * The host file behind `fd`, for a decoupled program's reads, writes or syncs on its own core
     * (DecoupledHost.lendableFile): a host mount's regular file, open for that access, whose calls
     * need nothing else of the vCPU. Never when the process has shared mappings (kept coherent at
     * its calls) or an O_SYNC/O_DSYNC/O_RSYNC descriptor (a sync after each write).
     */
    private lendableFile;
    /**
     * Record locks for a decoupled program's worker to take itself (DecoupledHost.locks). Never while
     * the process has shared mappings: they are kept coherent at its forwarded calls, and locks order
     * their use (SQLite's WAL index).
     */
    private lockLending;
    /**
     * What lets a decoupled program's worker open files in lent host mount roots (open_lending.ts):
     * the machine's host-file budget, what the descriptor table and the create mode are now, and the
     * adoption of what the worker opened, placed as wasi_path.ts openAt places an open file.
     */
    private openLending;
    /** What a decoupled program needs of its process's thread (decoupled.ts). */
    private decoupledHost;
    private instantiate;
    /**
     * A decoupled program's thread only serves its forwarded calls: above the multiplexed programs,
     * so that a call is served within a look of theirs (~50 µs), not after their time slice.
     */
    private setDecoupledPriority;
    decouple(): number;
    recouple(): number;
    /** The prepared program unwound at l4_decouple: it continues in a worker on the same memory. */
    private moveToWorker;
    /** The decoupled program unwound in its worker at l4_recouple: it continues on the vCPU. */
    private moveToVcpu;
    /** fork, in the child: the parent's program, signal actions and mask; fork returns 0 here. */
    private adoptFork;
    /** Bytes at the top of the program's memory that are the runtime's (GuestMemory's bounds). */
    get reservedTop(): number;
    /** The program can be copied by fork (its module exports its globals). */
    get canFork(): boolean;
    /** fork, in the parent: unwind the program, so that its whole state is in memory to be copied. */
    unwindForFork(): number;
    /**
     * exec: the new program replaces the old one in this process (same pid, task and thread). Kept:
     * descriptors without FD_CLOEXEC, ignored signals, the mask, pending signals, ITIMER_REAL. Handled
     * signals go back to their default; POSIX timers are deleted.
     */
    private exec;
    get memory(): WebAssembly.Memory;
    get hostname(): string | undefined;
    /** Its program runs in a worker of its own; its calls are forwarded (the tracer marks them). */
    get decoupled(): boolean;
    private l4Port?;
    /** The process's L4 side (the l4 family), made on its first L4 call. */
    get l4(): L4Port | undefined;
    get ended(): boolean;
    /** How it ended, once it has (a zombie until its parent reaps it). */
    get exitStatus(): ExitStatus | undefined;
    /** Stopped by a stop signal's default action: it does not run until SIGCONT (see run()). */
    get stopped(): boolean;
    get cpu(): Cpu;
    run(): void;
    /**
     * A stopped process's thread waits in the kernel for its wake-up IRQ until SIGCONT: its program
     * (multiplexed or decoupled: a decoupled program's forwarded calls are then not served) does not
     * run, and its blocking call does not complete. Wake-ups meanwhile (files, signals that stay
     * pending, the call's timeout) are taken and dropped: the call looks again once it runs.
     */
    private waitUntilContinued;
    /** Sends a signal to the process (as kill(2) from outside; SIGKILL ends it at once). */
    kill(signal: number): void;
    /**
     * Ends the process from outside (machine shutdown, SIGKILL): the status reports `signal`, and
     * `why` a limit the machine enforced.
     */
    terminate(signal: number, why?: {
        error: string;
        limit?: ExitStatus['limit'];
    }): void;
    /** The resource limits a child (spawn, fork) inherits: RLIMIT_AS and RLIMIT_CPU as they are now. */
    inheritedLimits(): Partial<Record<number, Limit>>;
    /**
     * Makes the program thread runnable if it waits in a blocking call (a signal arrived). An L4
     * IPC it blocks in is canceled (it returns L4_IPC_RECANCELED/SECANCELED), as L4Linux's signal
     * delivery cancels a blocked IPC.
     */
    wake(): void;
    findProcess(pid: number): Process | undefined;
    processes(): Iterable<Process>;
    /** What ended the process when the host failed it (see fail). */
    failure?: unknown;
    /** The program came by exec: a LoadError of its start ends the process by SIGKILL (see fail). */
    private execed;
    /**
     * The host failed this process (an exception escaped its run, its handler thread or a call's
     * wrapper): it ends with a status that says so, and nothing else on the machine is touched.
     * A LoadError (its program could not start) ends it with 126, anything else with 125.
     */
    fail(error: unknown): void;
    /** Ends the process with `status` (its exit, a fatal signal). */
    finish(status: ExitStatus): void;
    /**
     * Attaches whatever the program's memory grew by since the last look (an anonymous dataspace
     * each, allocated from the root task by IPC). memory.grow is an instruction, not a call, so the
     * backend looks whenever the program enters a blocking call, while its thread is still running.
     */
    private accountMemory;
    /** The regions of the task's region map that describe the program's memory. */
    memoryRegions(): readonly {
        start: number;
        size: number;
        ds: number;
    }[];
    private releaseMemory;
    /** What the machine's memory limit counts of this process: its memory, and a decoupled program's worker. */
    private countedBytes;
    /** A new process's memory joins the machine's count, or the spawn fails with ENOMEM. */
    private countMemory;
    /** The machine's count follows the memory (grown while it ran, or replaced by exec). */
    private syncMemory;
    /** Bytes the machine's memory limit lets this process still grow by (Infinity: no limit). */
    private memoryHeadroom;
    /**
     * Hands the program's memory.grow its limit: RLIMIT_AS (the save area not counted), and no more
     * than the machine has left. Set whenever it is dispatched and when RLIMIT_AS changes.
     */
    private applyMemoryLimit;
    /** RLIMIT_CPU: SIGXCPU at the soft limit and every second after it, the end at the hard one. */
    private checkCpuLimit;
    private cpuTimeNs;
    /** CPU time (ns): its runs on the vCPU, and the worker thread's while it runs decoupled. */
    private cpuNow;
    /** A decoupled program's worker ends (exit, exec, recouple): its CPU time stays the process's. */
    private disposeWorker;
    wait(spec: WaitSpec): number;
    yield(): number;
    random(buf: Uint8Array): void;
    brokenPipe(): void;
    /** proc_raise: the signal is delivered as the call returns. */
    raise(wasiSignal: number): number;
    onInternalError(call: string, error: unknown): void;
}
