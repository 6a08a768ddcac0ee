import { PassThrough, Writable } from 'node:stream';
import { Cpu } from '../kernel/cpu.js';
import { Kernel, type Cap } from '../kernel/kernel.js';
import { RealtimeOffset } from '../libc/time.js';
import { RootTask } from '../l4re/root_task.js';
import { L4Namespace } from '../l4re/l4_namespace.js';
import { L4Task, type TaskOptions } from './l4_task.js';
import { ConsoleInput, HostFileBudget, type ConsoleFiles, type MountTree } from '../vfs/index.js';
import { LoadError, type ExecutionMode } from './program.js';
import type { PrepareProgress } from './asyncify.js';
import { Process, type ExitStatus, type InternalErrorReport, type MemoryBudget, type ProcessHost, type ProcessOptions } from './process.js';
import { ProcessTable } from './process_table.js';
import type { ChildSpec, ControlHost, PendingImage } from './process_control.js';
import { MachineFs, type EmbedderImports, type SignalName } from './node_api.js';
export interface MountOption {
    /** A host directory. */
    host: string;
    /** Where it appears in the guest (absolute). */
    guest: string;
    readOnly?: boolean;
    /**
     * The name WASI programs see its preopen announced under (fd_prestat_dir_name); default: `guest`.
     * A relative name ("fs-tests.dir", as the wasi-testsuite's runner passes) is how a program
     * whose working directory is '/' names it.
     */
    preopenName?: string;
}
/** A boot module: shown read-only as /rom/<name>. */
export type RomOption = {
    name: string;
    data: Uint8Array | string;
} | {
    name?: string;
    path: string;
};
export interface MachineOptions {
    /** Host directories to mount (also WASI preopens). Nothing else of the host is visible but its zone data (`zoneinfo`). */
    mounts?: MountOption[];
    /**
     * Whether programs get the guest root "/" as their first WASI preopen (default true). false:
     * only the mounts are preopened, as WASI runtimes preopen only the directories they are given
     * (a program started with none has no descriptor 3 and no path to open).
     */
    rootPreopen?: boolean;
    roms?: RomOption[];
    /** Environment every program starts with (spawn's env adds to it). */
    env?: Record<string, string>;
    /** Where the machine console (/dev/tty) writes; default: nowhere. */
    console?: (bytes: Uint8Array) => void;
    /** Wraps every program's import table (spawn's wrapImports applies after this one). */
    wrapImports?: ProcessOptions['wrapImports'];
    /** The machine's host name, as uname and gethostname report it (default "l4wasm"). */
    hostname?: string;
    /** Long work (a first asyncify transform) reports here. */
    onProgress?: (text: string) => void;
    /**
     * Gives each decoupled program's worker thread a core of its own, and the rest of this process
     * (the vCPU, V8's and libuv's threads) the cores left (Linux, with util-linux's taskset; core 0
     * stays the vCPU's, so a machine with N cores isolates up to N-1 programs). Default false: the
     * host's scheduler places every thread. Where it cannot, one line on onProgress says why.
     */
    isolateCores?: boolean;
    /**
     * Programs installed into the guest tree at boot, by guest path (e.g. '/bin/cat'): a host path
     * or the module's bytes. posix_spawn and exec load programs from the guest tree.
     */
    programs?: Record<string, string | Uint8Array>;
    /**
     * Host program files about to be spawned (as spawn(path) in the machine's mode): those whose
     * prepared modules the cache holds are read and compiled while the machine boots.
     */
    preload?: readonly string[];
    /**
     * The program at /bin/sh, which system() and popen() run as `sh -c command`: a host path or the
     * module's bytes, or false for none. Default: l4wasm's shell (examples/sh.c, built into
     * build/sh.wasm), unless `programs` has a '/bin/sh' or a host directory holds the guest's /bin
     * (its own sh, if any, is then the shell).
     */
    shell?: string | Uint8Array | false;
    /** At most this many live processes (default 256); spawn and fork beyond fail with EAGAIN. */
    processLimit?: number;
    /**
     * How programs run: 'auto' (default) multiplexes them on the vCPU and decouples those whose
     * preparation is over budget or fails; 'multiplexed' or 'decoupled' for all.
     */
    mode?: ExecutionMode;
    /** Code size (bytes) above which 'auto' decouples instead of preparing (default 1 MiB). */
    prepareBudgetBytes?: number;
    /** Time (ms) a preparation may take; past it 'auto' stops it and decouples (default 20 s). */
    prepareTimeBudget?: number;
    /** Memory (bytes) a preparation may take; past it 'auto' stops it and decouples (default 1 GiB). */
    prepareMemoryBudget?: number;
    /**
     * Default true: 'auto' runs a pure WASI program (no l4posix imports) that is not prepared yet
     * decoupled at once, and prepares it for its next runs in a background process of its own
     * (lowest priority, one at a time, outliving this process). False: its first run waits for
     * the preparation and runs multiplexed.
     */
    prepareInBackground?: boolean;
    /** Told as an uncached preparation enters each phase, with the elapsed time and the module's size. */
    onPrepareProgress?: (progress: PrepareProgress & {
        program: string;
    }) => void;
    /**
     * Told about every exception inside l4wasm that a program's activity met (a back end, a server,
     * an import wrapper), once per distinct error: the call failed with EIO, or (`fatal`) its
     * process ended with status 125. Default: a process warning.
     */
    onInternalError?: (report: InternalErrorReport) => void;
    /**
     * At most this many files of host mounts open at once, machine-wide (each holds a descriptor of
     * the Node process); opens beyond fail with ENFILE. Default: half the Node process's own
     * descriptor limit, at most 4096. Each process also has RLIMIT_NOFILE (1024; EMFILE).
     */
    hostFileLimit?: number;
    /**
     * Whether a decoupled program's writes to host files it writes on its own core are made by the
     * write-behind thread (write_behind_ring.ts: its call returns once the bytes are copied; every
     * other call of any program waits for them). Default true; false: each such write is made before
     * its call returns (the error of a failed write then comes from the write, not a later fsync or close).
     */
    writeBehind?: boolean;
    /**
     * Bytes of memory all the machine's programs may take together (their linear memories and
     * mmaps, and 8 MiB for each decoupled program's worker); a memory.grow, malloc or mmap beyond
     * fails with ENOMEM, a spawn with ENOMEM. Default:
     * half the host's memory, at most 4 GiB.
     */
    memoryLimit?: number;
    /**
     * Each process's RLIMIT_AS (bytes; a program may lower its own). Default: unlimited, which for
     * a wasm32 program means its 4 GiB address space, within what memoryLimit leaves.
     */
    processMemoryLimit?: number;
    /**
     * Each process's RLIMIT_CPU in seconds of CPU time: SIGXCPU at that many seconds (and every
     * second after), SIGKILL one second later. Default: none.
     */
    cpuLimit?: number;
    /**
     * Time-zone data shown read-only at /usr/share/zoneinfo (TZ=Europe/Berlin reads it): a host
     * directory of TZif files, or false for none. Default: the host's /usr/share/zoneinfo when it
     * exists and the guest tree has nothing of the host there already.
     */
    zoneinfo?: string | false;
}
/** The machine's memory limit unless set: half the host's memory, at most 4 GiB. */
export declare function defaultMemoryLimit(): number;
export interface SpawnOptions {
    /**
     * argv, including argv[0]. Default: for a program given by host path, /bin/NAME (NAME: its file
     * name without .wasm), where the machine installs it unless another program is there already,
     * so that execv(argv[0]) starts it again; otherwise the file name.
     */
    args?: string[];
    env?: Record<string, string>;
    /**
     * Standard input: its whole contents; 'pipe' to feed it with p.write() and p.end(); 'inherit'
     * for the host's stdin. Default: empty.
     */
    stdin?: string | Uint8Array | 'pipe' | 'inherit';
    /** 'pipe' (default) collects output in p.stdout/p.stderr and streams; 'inherit' writes to the host's. */
    stdio?: 'pipe' | 'inherit';
    /**
     * With stdio 'pipe': the most bytes kept of stdout, and of stderr (as child_process.exec's
     * maxBuffer). A program that writes more is killed (SIGKILL, `error` says so); what it wrote up
     * to the limit is kept, and later writes (its children's) fail with EPIPE. Default 64 MiB.
     * Infinity keeps everything (a program that streams for good then takes the host's memory, and
     * p.stdout throws past V8's longest string, 512 MiB).
     */
    maxBuffer?: number;
    /** Name used in messages (default: the path). */
    name?: string;
    /** Wraps this program's import table (tracing, other syscall paths); see ProcessOptions. */
    wrapImports?: ProcessOptions['wrapImports'];
    /** Called once the program is loaded (prepared, instantiated), just before it first runs. */
    onStart?: () => void;
    /**
     * Wall-clock limit in milliseconds from its start: then it is killed (SIGKILL; its status has
     * limit 'time' and says so in `error`). Default: none.
     */
    timeout?: number;
    /**
     * Run the program decoupled: its original code in a worker thread of its own (its own core),
     * its calls forwarded to the vCPU. No preparation; fork is not available (ENOSYS).
     */
    decouple?: boolean;
    /**
     * The program's working directory in the guest tree (default '/'); it must exist. Programs
     * built with l4wasm cc enter it before main; every program finds it in PWD.
     */
    cwd?: string;
    /**
     * Functions of the embedder the program may import, by module and name (synchronous; they
     * take and return numbers, and reach the program's memory through p.memory). They add to, or
     * replace, what l4wasm provides. Not with `decouple`.
     */
    imports?: EmbedderImports;
}
/** What GuestProcess.wait() resolves with. */
export interface WaitResult {
    /** The exit status (128 + the signal's number when a signal ended it, as a shell shows it). */
    code: number;
    /** The signal that ended it ('SIGTERM'), or null when it exited. */
    signal: string | null;
    /** What it wrote (with stdio 'pipe'). */
    stdout: string;
    stderr: string;
}
/** A program started with Machine.spawn. */
export declare class GuestProcess {
    readonly pid: number;
    readonly input: ConsoleInput;
    /** Resolves with the exit status; rejects with LoadError when the program cannot be loaded. */
    readonly exit: Promise<ExitStatus>;
    readonly stdoutStream: PassThrough;
    readonly stderrStream: PassThrough;
    private readonly out;
    private readonly err;
    /** Bytes kept of stdout and stderr ([1], [2]); collect() keeps at most maxBuffer of each. */
    private readonly kept;
    /** The kernel-side process once loaded. */
    process?: Process;
    private readonly pendingSignals;
    constructor(pid: number, input: ConsoleInput, run: (p: GuestProcess) => Promise<ExitStatus>);
    /** Everything the program wrote to stdout so far (with stdio 'pipe'). */
    get stdout(): string;
    get stderr(): string;
    /** Feeds the program's standard input; end() closes it. */
    write(data: string | Uint8Array): void;
    end(): void;
    private stdinStream?;
    /** The program's standard input as a writable stream (spawn with stdin: 'pipe'); end() closes it. */
    get stdin(): Writable;
    /**
     * Resolves once the program has ended, with its status and everything it wrote, as
     * child_process users expect; rejects with LoadError when it could not be loaded.
     */
    wait(): Promise<WaitResult>;
    /** The program's linear memory while it runs (for the embedder's imports); undefined before and after. */
    get memory(): WebAssembly.Memory | undefined;
    /**
     * Sends the program a signal (SIGKILL by default), as kill(2) would; a handler may catch it.
     * A signal sent while the program is still loading is delivered as soon as it exists.
     */
    kill(signal?: number | SignalName | (string & {})): void;
}
export declare class Machine implements ProcessHost, ControlHost {
    readonly kernel: Kernel;
    readonly rootTask: RootTask;
    private readonly options;
    /** Program images by way of running and content (the spawns of host files and bytes). */
    private readonly loader;
    /** Aborted at shutdown: stops the preparations still running in their workers. */
    private readonly preparations;
    readonly cpu: Cpu;
    readonly vfs: MountTree;
    /** The host directories mounted for this machine (MachineOptions.mounts): closed at shutdown. */
    private readonly hostMounts;
    /** What the machine's tmpfs mounts hold together, within memoryLimit. */
    private readonly tmpfsBudget;
    readonly realtime: RealtimeOffset;
    readonly rootGate: Cap;
    /** The machine console behind /dev/tty: feed console.input, its output goes to options.console. */
    readonly console: ConsoleFiles;
    /** Every process, zombies included; the machine is init (it reaps its own children and orphans). */
    readonly table: ProcessTable<Process>;
    /** The machine's memory limit and what its processes' memories take of it. */
    readonly memory: MemoryBudget;
    /** The resource limits a process spawned through the API starts with (RLIMIT_AS, RLIMIT_CPU). */
    private readonly defaultLimits;
    /** The host descriptors the machine's host mounts hold (see MachineOptions.hostFileLimit). */
    readonly hostFiles: HostFileBudget;
    readonly writeBehind: boolean;
    /** Program images by content hash: every spawn of the same program shares its module. */
    private readonly images;
    private loop?;
    private shuttingDown;
    /** isolateCores: which threads have cores of their own (made at the first decoupled program). */
    private pinning;
    private pinningNoticed;
    private readonly serverThread;
    /** Ends a spawn that has not started yet (shutdown). */
    private readonly starting;
    /** The internal errors reported so far (each distinct one is reported once). */
    private readonly reported;
    /** Named channels, IRQs and shared dataspaces for the L4 API (l4re_env_get_cap). */
    readonly l4: L4Namespace;
    /** The native L4 tasks running beside the guest. */
    private readonly tasks;
    private constructor();
    /** The machine offers the process calls (spawn, wait, groups) to its programs. */
    get control(): ControlHost;
    /** Boots the kernel, the root task with the boot modules, and the file systems. */
    static boot(options?: MachineOptions): Promise<Machine>;
    private static bootWith;
    /**
     * Makes a program spawned from a host file reachable in the guest tree at /bin/NAME, so that
     * its argv[0] names it: installed there when nothing is, kept when the same program is there
     * already. Returns that path, or undefined when /bin/NAME holds another program, /bin is not
     * the machine's memory (a host directory), or the file cannot be read (the load reports that).
     */
    private installSpawned;
    /** Whether the guest file at `path` holds exactly `bytes`. */
    private sameFile;
    /** `programs` and the shell at /bin/sh (MachineOptions.shell). */
    private withShell;
    /**
     * Programs given at boot live in memory, never in a host directory: a directory they go to that
     * a host mount (or any file system but tmpfs) holds gets a tmpfs of its own mounted over it,
     * e.g. /bin over a host directory mounted at '/' (whose own bin/ it then hides).
     */
    private programsInMemory;
    /**
     * Installs the host file `hostPath` at `path` as install does, but reads it only when the guest
     * first reads (or executes) it: a run's program is loaded from its head and the preparation
     * cache, and copying its tens of MB into memory cost more than the rest of its start. The
     * guest then sees the host file as it is at that first read. A file that cannot be read (then)
     * reads as empty; one that is not a regular file (a pipe) is read now.
     */
    private installFile;
    /** The tmpfs that holds guest path `path` and the path inside it, when a tmpfs holds it. */
    private tmpfsAt;
    /** Writes a program into the guest tree (creating its directories), executable. */
    install(path: string, bytes: Uint8Array): void;
    get hostname(): string | undefined;
    /**
     * A decoupled program's worker is running. The next one's is booted soon (see
     * decoupledProgramEnded): a program that ends within the ~40 ms a worker takes to boot here would
     * otherwise leave the next spawn waiting for it. Not at once: programs started together (a
     * pipeline) would boot it while their own workers boot, on the same cores. isolateCores: the
     * thread gets a core of its own, if one is left.
     */
    decoupledThreadStarted(p: Process, tid: number): void;
    decoupledThreadEnded(tid: number): void;
    /**
     * A worker is booted for the next decoupled program as one ends: a machine that has run one is
     * likely to run another (a shell's loop, a build), and Node's start of a worker (~25 ms here)
     * then overlaps what comes between instead of delaying that program's start. Unused, it ends
     * after a few seconds, or with the machine.
     */
    decoupledProgramEnded(): void;
    /**
     * The guest file tree for embedding, node:fs/promises style (readFile, writeFile, readdir, stat,
     * mkdir, rm...; errors carry `code`): write files before spawning, read results after. The
     * errno-returning synchronous tree is `vfs`.
     */
    get fs(): MachineFs;
    private machineFs?;
    /** Loads a program (a path on the host, or its bytes) and starts it as a new process. */
    spawn(program: string | Uint8Array, options?: SpawnOptions): GuestProcess;
    /** Starts the CPU loop if it is not running (it ends when nothing can run any more). */
    private ensureLoop;
    /**
     * An exception inside l4wasm, met by a program's activity: reported once per distinct error
     * (a back end that fails on every call must not flood the host's output).
     */
    reportInternalError(report: InternalErrorReport): void;
    /** A host thread threw (the CPU killed its thread): the process it belongs to ends, nothing else. */
    private hostThreadFailed;
    /** The CPU loop itself failed: no process can run on; each ends with an error status. */
    private loopFailed;
    processExited(p: Process): void;
    /** Processes by pid (zombies included until reaped). */
    get running(): ReadonlyMap<number, Process>;
    prepareImage(bytes: Uint8Array, name: string): PendingImage;
    startChild(parent: Process, spec: ChildSpec): number;
    forkChild(parent: Process): number;
    /**
     * Starts a native L4 task beside the guest: `program` (a C program using only the L4 API) with
     * the capabilities `options.caps` names from the machine's L4 namespace (see src/guest/l4_task.ts);
     * with `decouple` its code runs on a core of its own, its calls forwarded to the vCPU.
     */
    startTask(program: string | Uint8Array, options?: TaskOptions & {
        name?: string;
        decouple?: boolean;
    }): Promise<L4Task>;
    /** Ends every process (SIGKILL) and task, and stops the CPU. */
    shutdown(): Promise<void>;
}
export { LoadError };
