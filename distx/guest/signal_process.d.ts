import type { Restart } from '../libc/restart.js';
import { type Kernel, type KRef, type TaskId, type ThreadId } from '../kernel/kernel.js';
import { type Cpu } from '../kernel/cpu.js';
import { type WaitSpec } from '../libc/context.js';
import { GuestMemory } from '../libc/abi.js';
import type { Identity } from '../libc/l4posix.js';
import type { ItimerValue, PosixTimerSpec, SignalBackend } from '../libc/l4posix_signal.js';
import { Boundary, type CallHooks, type HandlerCall, type RunOutcome } from './program.js';
import { SignalState, type SigInfo } from './signal_state.js';
import { SignalThread } from './signal_thread.js';
/** How a process ended (process.ts ExitStatus). */
export interface EndStatus {
    code: number;
    signal?: number;
    trap?: {
        message: string;
        func?: string;
    };
}
/** What the signal machinery needs of its process (src/guest/process.ts implements it). */
export interface SignalOwner {
    readonly kernel: Kernel;
    readonly cpu: Cpu;
    readonly task: KRef<TaskId>;
    readonly thread: KRef<ThreadId>;
    readonly identity: Identity;
    /** The program's memory (once the program is loaded). */
    readonly memory: WebAssembly.Memory;
    /** The state a suspended call keeps across its re-executions (SyscallContext.restart). */
    restart: Restart | undefined;
    /** The program thread is running on the CPU now (its import is on the stack). */
    readonly onCpu: boolean;
    /** Makes the program thread runnable if it waits in a blocking call. */
    wake(): void;
    /** Ends the process from outside (it is not running). */
    terminate(signal: number): void;
    /** Ends the process with `status`. */
    finish(status: EndStatus): void;
    /** Blocks the program thread in the kernel until `spec` is met (returns SUSPEND). */
    wait(spec: WaitSpec): number;
    /** Another process on the machine, by pid. */
    findProcess(pid: number): SignalTarget | undefined;
    /** Every process on the machine (zombies included). */
    processes(): Iterable<SignalTarget>;
}
/** Another process, as kill sees it. */
export interface SignalTarget {
    readonly signals: ProcessSignals;
    readonly identity: Identity;
    /** It has ended (a zombie): signals to it are accepted and dropped. */
    readonly ended: boolean;
}
export declare class ProcessSignals implements CallHooks, SignalBackend {
    private readonly owner;
    readonly state: SignalState;
    /** E: the exception and timer handler thread. */
    readonly handler: SignalThread;
    countdown: number;
    suspendForbidden: number;
    private readonly slice;
    private restartRequested;
    private fault?;
    private readonly guest;
    /** The POSIX timers (timer_create); their deadlines are E's, but for the CPU-time ones. */
    private readonly timers;
    /** The process's CPU time (ns), known once a CPU-time timer is made. */
    private cpuClock?;
    constructor(owner: SignalOwner);
    /** The process ended. */
    close(): void;
    /** exec: the POSIX timers are deleted (ITIMER_REAL stays, as on Linux). */
    execed(): void;
    /** The program's memory, refreshed. */
    mem(): GuestMemory;
    /** The program thread is dispatched (start of its run on the CPU). */
    dispatched(): void;
    /** Sends `sig` to this process (kill from anywhere; the timer). */
    send(sig: number, info: SigInfo): number;
    lookNow(): void;
    boundary(canYield: boolean): Boundary;
    /** A request to E that makes it handle its expired timer now (on the IPC fast path). */
    private pokeTimer;
    takeSignal(): HandlerCall | undefined;
    signalReturned(call: HandlerCall): void;
    takeRestart(): boolean;
    callCompleted(): void;
    /**
     * A blocking call is about to wait: a signal to handle interrupts it instead. Returns -EINTR,
     * SUSPEND (the call runs again after the handler: SA_RESTART on a call that restarts), or
     * undefined (wait). Calls with a timeout or several files, polls and sleeps never restart, as on
     * Linux.
     */
    interruptWait(spec: WaitSpec): number | undefined;
    /** The program trapped: the kernel reflects it to E, whose reply decides (see faultHandlerToRun). */
    reflectTrap(outcome: Extract<RunOutcome, {
        kind: 'trapped';
    }>, handlesSignals: boolean): void;
    /** When T runs after E answered a fault: the handler to run (E said RunHandler), else the process ends. */
    faultHandlerToRun(): HandlerCall | undefined;
    /** The fault is fatal (no handler, or its handler returned: the instruction would fault again). */
    dieOfFault(): void;
    kill(pid: number, sig: number): number;
    /** prctl(PR_SET_PDEATHSIG): sent when the parent ends; not inherited by fork, kept across exec (Linux). */
    parentDeathSignal: number;
    /**
     * sigqueue (code SI_QUEUE) and the library's own notifications (SI_ASYNCIO, ...): `sig` with
     * `value` to process `pid`. Only a process's own signals may claim another negative code or
     * SI_TKILL (Linux: EPERM); a pid that names no one process is ESRCH.
     */
    queue(pid: number, sig: number, code: number, value: number): number;
    raise(sig: number): number;
    /**
     * A signal the process sent itself (raise, kill, sigqueue) stopped it: the call gives up the CPU
     * and completes with 0 once SIGCONT continues the process (raise(SIGSTOP) returns then, as on
     * Linux). It is re-run then, its restart state saying it is done; a decoupled program's worker
     * waits for the reply meanwhile. A call inside a handler that cannot suspend stops at a later call.
     */
    private stopInCall;
    sigsuspend(lo: number, hi: number, keepMask: boolean): number;
    restoreMaskAfterHandlers(lo: number, hi: number): void;
    itimer(set: ItimerValue | undefined, old: ItimerValue): number;
    timerCreate(clock: number, notify: number, signo: number, value: number | undefined, cpuClock: () => number): number;
    timerClock(id: number): number;
    timerSet(id: number, set: PosixTimerSpec, old: PosixTimerSpec): number;
    timerGet(id: number, cur: PosixTimerSpec): number;
    timerOverrun(id: number): number;
    timerDelete(id: number): number;
    /**
     * A request to E about timer `key` (Set with `set`, Get, Delete); the old [remaining, interval]
     * in `old`. 0, -errno or SUSPEND (E was not waiting: the call runs again and reads E's reply).
     */
    private timerRequest;
}
