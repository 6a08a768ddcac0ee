import type { Worker } from 'node:worker_threads';
import { LentAccess, type DecoupledWorkerData } from './decouple_channel.js';
import type { LentHostFile } from '../vfs/hostfs.js';
import { type LendableDir } from './dir_lending.js';
import { type OpenFile } from '../vfs/types.js';
import { type EncodedList } from './startup_lending.js';
import { type CallHooks, type ImportTable, type ProgramImage, type RunOutcome } from './program.js';
/** What a decoupled image carries besides the usual: the module rewritten to a shared memory. */
export interface DecoupledImage {
    module: WebAssembly.Module;
    initial: number;
    maximum: number;
    imports: DecoupledWorkerData['imports'];
    /** The module has a start function: its instantiation runs program code (bounded as on the vCPU). */
    startFunction?: boolean;
}
/** The vCPU side of a decoupled program: what a process runs in place of a ProgramInstance. */
export interface DecoupledHost {
    /** Blocks the process's thread until its IRQ fires or the deadline passes; SUSPEND or -errno. */
    wait(spec: {
        deadlineNs?: bigint;
    }): number;
    /** Wakes the process's thread. */
    wake(): void;
    /** The machine's monotonic clock (ns). */
    monotonicNs(): bigint;
    /** No other thread is ready on this CPU: the vCPU may poll for the next forwarded call. */
    idle(): boolean;
    /** The thread is likely to be woken from another CPU within `ms`: an idle CPU waits for that without the event loop. */
    expectWake?(ms: number): void;
    /** The process's wake IRQ in the shared kernel: how the worker rings. */
    readonly ring: DecoupledWorkerData['ring'];
    /** Pages the program's memory may grow to: its RLIMIT_AS, and what the machine has left. */
    memoryCapPages(): number;
    /** When (monotonic ns) the process's CPU time is to be looked at next (RLIMIT_CPU), if ever. */
    cpuCheckNs(): bigint | undefined;
    /** The worker's thread (Linux thread id) started running the program, and when it stops. */
    threadStarted?(tid: number): void;
    threadEnded?(tid: number): void;
    /**
     * The host file behind `fd` when the worker may use it for `access` (LentAccess: positioned
     * reads or writes, reads at the file offset, sync, fstat) on its own core with the same outcome
     * as the forwarded call; else undefined. Absent: nothing is ever lent.
     */
    lendableFile?(fd: number, access: LentAccess): LentHostFile | undefined;
    /** Record locks the worker may take on its own core (absent: every fcntl is forwarded). */
    locks?: LockLending;
    /**
     * What fd_fdstat_get answers for `fd` (the entry: the same object while the descriptor names
     * it), when no other descriptor or process shares its description (only this program's calls
     * can change the answer then); else undefined. Absent: the worker forwards every fd_fdstat_get.
     */
    fdstatOf?(fd: number): Fdstat | undefined;
    /**
     * The console output `fd` writes to, when the worker may put the program's writes to it into
     * its output ring (output_ring.ts); else undefined. Absent: every fd_write is forwarded.
     */
    lendableOutput?(fd: number): LentOutput | undefined;
    /**
     * What the worker may use to stat names under `prefix` (isLendablePrefix) relative to directory
     * `dirfd` itself (dir_lending.ts); else undefined. Absent: no directory is ever lent.
     */
    lendableDir?(dirfd: number, prefix: string): LendableDir | undefined;
    /** The process's mount tree's generation (Vfs.generation), which lent directories are checked against. */
    readonly mountGeneration?: Int32Array;
    /** What lets the worker open files in lent mount roots itself (open_lending.ts); absent: it never does. */
    readonly opens?: OpenLending;
    /** Whether the worker's writes to lent host files go through the write-behind thread (write_behind.ts). */
    readonly writeBehind?: boolean;
    /**
     * What the worker answers as the program starts (startup_lending.ts): its arguments and
     * environment (each string with its NUL), and the preopens of its descriptor table, whose
     * version moves at every change of the table. Absent: those calls are forwarded.
     */
    readonly startup?: {
        readonly args: EncodedList;
        readonly env: EncodedList;
        tableVersion(): number;
        preopens(): {
            fd: number;
            name: Uint8Array;
        }[];
    };
}
/** The process's side of the worker's own opens (open_lending.ts). */
export interface OpenLending {
    /** The machine's host-file budget (HostFileBudget.shared), in which the worker takes a place per file. */
    readonly budget: SharedArrayBuffer;
    /** Which of descriptors 0..63 are free (two 32-bit masks), the umask, the pending create mode (-1: none). */
    state(): {
        free: [number, number];
        umask: number;
        nextMode: number;
    };
    /**
     * Puts the worker's open file `file` at descriptor `fd`, as path_open through directory `dirfd`
     * would have (its rights from the directory's; `path`: a directory's guest path). False if it
     * cannot be: the descriptor is taken or the directory gone (the worker and the vCPU disagree).
     */
    adopt(fd: number, dirfd: number, file: OpenFile, read: boolean, write: boolean, path: string | undefined): boolean;
}
/** A console output a decoupled program's ring drains into. */
export interface LentOutput {
    /** Writes bytes the program was already told are written; the sink's -errno or the length. */
    writeAccepted(bytes: Uint8Array): number;
    /** The host side is full: more writes must wait, so they are forwarded again. */
    full(): boolean;
}
/**
 * An fd_fdstat_get answer (abi.ts Fdstat's fields) and the descriptor entry it is of; `closable`:
 * its close may be deferred (decouple_channel.ts DEFER_SLOT): a regular file or directory on which
 * the process holds no record locks, so that nobody else sees the close before its next call.
 */
export interface Fdstat {
    entry: object;
    fileType: number;
    flags: number;
    base: number;
    inheriting: number;
    closable: boolean;
}
/** The process's side of lending record locks to its worker (record_locks.ts share/unshare). */
export interface LockLending {
    /** The machine's lock pool (lock_slots.ts). */
    readonly pool: SharedArrayBuffer;
    /** The process's pid: the owner of the locks. */
    readonly owner: number;
    /** `fd`'s file (the same object while the descriptor names it), lock key and the lock types its rights allow; undefined: not lendable now. */
    lockableFile(fd: number): {
        file: object;
        key: string;
        read: boolean;
        write: boolean;
    } | undefined;
    /** The file's locks move to (or stay in) a pool slot for one more lend: the slot, or undefined. */
    share(key: string): number | undefined;
    /** Ends one lend (the worker no longer uses the slot for it). */
    unshare(key: string): void;
}
/** Host files lent to decoupled programs' workers, machine-wide: for tests and `npm run bench:sqlite`. */
export declare const lentStats: {
    lends: number;
    withdrawals: number;
    localCalls: number;
    /** Workers that ended but have not given their lent files back and been counted yet. */
    ending: number;
};
/**
 * Starts the worker of a decoupled program about to be loaded, so that Node's start of a worker
 * and of its modules (tens of ms) overlaps the compile of the program instead of following it.
 */
export declare function prewarmDecoupledWorker(): void;
/** Ends the worker started ahead (`only` that one, if given) when no program took it. */
export declare function dropSpare(only?: Worker): void;
export declare class DecoupledProgram {
    readonly image: ProgramImage;
    private readonly host;
    private readonly hooks;
    readonly memory: WebAssembly.Memory;
    readonly handlesSignals = false;
    readonly canFork = false;
    private readonly worker;
    private readonly i32;
    private readonly f64;
    private readonly i64;
    private readonly table;
    private readonly handlerCalls;
    /** Handlers sent with the last reply, by signal, until the worker reports them returned. */
    private readonly running;
    private outcome;
    private disposed;
    /** The worker's thread in /proc ("<pid>/task/<tid>"), once it has said. */
    private threadPath;
    /** The worker's CPU time when last read (ns): what it was when it ended, once it has. */
    private workerNs;
    /** The last call was answered with a boundary that gave up the CPU: run() returns. */
    private yielded;
    /** ms the vCPU spent polling since last asked (not the program's CPU time). */
    private pollMs;
    /** The current poll window (ms), and how many polls missed. */
    private pollWindowMs;
    private missed;
    /** Per import index: the access a successful call of it lends its descriptor's host file for (0: none). */
    private readonly lends;
    /** Per import index: a successful call of it opens a descriptor whose file may be lent at once. */
    private readonly opens;
    /** Host files lent to the worker, by descriptor (the channel's lent table mirrors it). */
    private readonly lent;
    /** How many of them are lent for OFFSET_ACCESS (their offsets in the channel). */
    private streams;
    /** Per import index: it is fcntl, whose record-lock commands lend the descriptor's locks. */
    private readonly lockCalls;
    /** Record locks lent to the worker, by descriptor (the channel's lock table mirrors it). */
    private readonly lentLocks;
    /** Per import index: it is fd_fdstat_get, whose answer the worker keeps. */
    private readonly fdstatCalls;
    /** fd_fdstat_get answers the worker keeps, by descriptor (the channel holds them). */
    private readonly fdstats;
    /** The program's writes to lent console outputs, made on its core; absent when nothing may be lent. */
    private readonly output;
    /** Per import index: it is fd_write, whose success on a console output lends the descriptor. */
    private readonly writeCalls;
    /**
     * Console outputs of the descriptors the worker writes to through the ring, and whether it still
     * may (the ring's lent bits mirror that). Kept while not lent too: records of it may be in the ring.
     */
    private readonly outputs;
    /** Directories lent to the worker for its stat calls (dir_lending.ts); absent when none may be. */
    private readonly dirs;
    /**
     * Per import index: it is l4posix statat (1), path_unlink_file (2), path_open (3) or
     * path_filestat_get (4), whose path's directory may be lent.
     */
    private readonly dirCalls;
    /** The worker may open files in lent mount roots itself (open_lending.ts). */
    private readonly openLending;
    /** The preopens the worker answers fd_prestat_* from (startup_lending.ts); absent: it forwards them. */
    private readonly preopens;
    /** The ring the worker queues its lent host writes in (write_behind.ts). */
    private readonly writeBehind;
    /** The worker reported the program's end (returned, trapped, unwound to recouple). */
    private workerEnded;
    /** The program moved here from the vCPU (l4_decouple) and can move back (l4_recouple). */
    readonly prepared: boolean;
    private recoupling;
    private readonly imports;
    /**
     * `adopt`: the program is a prepared one that unwound on the vCPU at l4_decouple, on the shared
     * memory given; otherwise it is a decoupled image, started here from the beginning.
     */
    constructor(image: ProgramImage, imports: ImportTable, host: DecoupledHost, hooks: CallHooks, adopt?: {
        memory: WebAssembly.Memory;
        globals: Record<string, number | bigint>;
        reserveBytes: number;
    });
    /**
     * What run() throws: a LoadError (its module could not be instantiated in the worker), or a host
     * exception met while the worker's report was read.
     */
    private failure?;
    /**
     * While the worker instantiates a module with a start function: the ms that function has left,
     * counted from when the worker began (as a multiplexed one's from its instantiation); before
     * the worker runs, the whole time, to look again then. A loop there would keep the program from
     * ever starting: past it, the load fails, as on the vCPU.
     */
    private startTimeLeftMs;
    /** Serves forwarded calls until the program must wait, ends, or the CPU is to be given up. */
    run(): RunOutcome;
    /**
     * The next call of a syscall-heavy program comes within microseconds: catch it here, without a
     * wake-up on either side. Gives up when the time is over or another thread wants the vCPU.
     */
    private poll;
    /** ms the vCPU has spent polling since takePollMs last took them (the current run's so far). */
    get pollingMs(): number;
    /** ms the vCPU spent polling for this program since the last call (not the program's CPU time). */
    takePollMs(): number;
    private schedstat;
    private readonly schedstatBuf;
    /** CPU time (ns) the worker thread has used: from /proc where there is one, else its time awake. */
    workerCpuNs(): number;
    /** One forwarded call: SUSPEND when it must wait (it runs again once woken). */
    private serve;
    /**
     * RLIMIT_AS changed, or the machine's memory left did: a prepared program's memory.grow gets the
     * new bound when its current call returns (the original module's bound is its memory's maximum,
     * fixed when it started).
     */
    setMemoryLimit(pages: number): void;
    /**
     * After a stat or unlink of the path at (ptr, len) on `dirfd` that found its name or found none:
     * the directory holding the name is lent (for unlinking too after an unlink), if it is the root
     * of a host mount (dir_lending.ts).
     */
    private lendDir;
    /** lend for each LentAccess bit of `bits`. */
    private lendAll;
    /** After a call that succeeded on `fd`: its host file is lent for `access` if it may be. */
    private lend;
    /** After a successful open: the new descriptor (at `resultPtr`) is lent for what it may be, saving each access its first forwarded call. */
    private lendOpened;
    /**
     * Takes the file offsets lent for OFFSET_ACCESS back into their files (a forwarded call may use
     * them); returns their descriptors and what they were lent for.
     */
    private reclaimStreams;
    /** Withdraws every lent file that its descriptor no longer names, or no longer may be lent. */
    private checkLent;
    private withdraw;
    /**
     * Op.Adopt: the file the worker opened in a lent mount root (open_lending.ts, the record at
     * `at`) becomes the process's at the descriptor the program was given, and stays lent as a file
     * opened here would be. A disagreement about the descriptor table would be a bug of this
     * protocol: the host file is closed and the program ended with an internal error.
     */
    private adoptOpened;
    /** A host descriptor the worker opened that no file took over: closed, its place in the budget given back. */
    private closeRecorded;
    /** The preopens the worker answers fd_prestat_* from (startup_lending.ts), published again when the table changed. */
    private publishPreopens;
    /** What the worker's own opens need to know as of this reply (open_lending.ts): free descriptors, umask, pending mode. */
    private publishOpenState;
    /** The calls the worker deferred (decouple_channel.ts DEFER_SLOT), in order; their results were known (0). */
    private makeDeferred;
    /** After fd_fdstat_get succeeded on `fd`: the worker answers the next ones itself while the answer holds. */
    private keepFdstat;
    private writeFdstat;
    /** The kept answers follow whatever the last call changed (flags, rights, the descriptor itself, a description now shared). */
    private checkFdstats;
    /** After a record-lock call that succeeded on `fd`: the worker takes the file's locks itself from now on, if it may. */
    private lendLocks;
    /** Withdraws the locks of every descriptor that no longer names its file with the same rights, or may no longer lend them. */
    private checkLentLocks;
    private withdrawLocks;
    /** After a write that succeeded on `fd`: the worker puts the next ones into the output ring, if it may. */
    private lendOutput;
    /** After a forwarded call (the ring is empty then): forgets every descriptor that no longer names its console output. */
    private checkOutputs;
    /**
     * Writes what the ring holds to the consoles, in order. A console that fails (its reader went
     * away) or fills up is no longer lent: the program's next write to it is forwarded, and gets the
     * error or waits, as a write of the vCPU's would (what the worker put in the ring meanwhile is
     * written at the next drain).
     */
    private drainOutput;
    /**
     * The process was stopped (job control): the worker forwards every call it would answer itself
     * from now on, and the vCPU serves none until the process continues, so the program stops at
     * its next call of any kind (a loop without calls cannot be paused in a worker). The reply
     * after it continues lets the worker answer them again.
     */
    stop(): void;
    /** l4_recouple: the reply to the current call makes the worker unwind the program. */
    recouple(): void;
    /** The module exports libl4posix's trampoline, through which the worker runs handlers. */
    private delivers?;
    /** Takes the deliverable signals: a fatal one ends the program (throws), handlers wait for the reply. */
    private takeSignals;
    private reply;
    adoptFork(): void;
    enterFaultHandler(): void;
    /** Stops the worker (exit, kill, shutdown): a waiting worker is told to end, then terminated. */
    dispose(): void;
}
