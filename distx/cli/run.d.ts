import { Sig } from '../guest/signals.js';
import { type CommandDef } from './args.js';
import { type MountOption, type RomOption } from '../guest/machine.js';
import { type CallOptions } from './trace_args.js';
import { type L4RunConfig } from './run_l4.js';
export interface RunArgs {
    mounts: MountOption[];
    env: Record<string, string>;
    roms: RomOption[];
    program: string;
    args: string[];
    /** Tracing and the syscall path (--trace[=summary], --trace-file, --syscalls). */
    calls: CallOptions;
    /** Directories whose programs are installed as /bin/NAME (--bin); default: the program's own. */
    bins: string[];
    /** --quiet: no progress lines. */
    quiet: boolean;
    /** --decouple: run the program in a worker thread of its own, its calls forwarded. */
    decouple?: boolean;
    /** --isolate: decoupled programs get cores of their own (MachineOptions.isolateCores). */
    isolate?: true;
    /** --no-root-preopen: WASI preopens are the --dir directories only, not "/" first. */
    noRootPreopen?: true;
    /** -h/--help was given: print the help, run nothing. */
    help?: true;
    /** --timeout: wall-clock seconds before the program is killed (exit 124). */
    timeout?: number;
    /** --cpu-limit: RLIMIT_CPU in seconds (SIGXCPU, then SIGKILL a second later). */
    cpuLimit?: number;
    /** --memory-limit: bytes all the machine's programs may take together. */
    memoryLimit?: number;
    /** --progress: a line per preparation step even when stderr is not a terminal. */
    progress?: true;
    /** --prepare-time: seconds a preparation may take before the program runs decoupled instead. */
    prepareTime?: number;
    /** --prepare-memory: bytes a preparation may take before the program runs decoupled instead. */
    prepareMemory?: number;
    /** --prepare-first: a pure WASI program's first run waits for its preparation (not decoupled meanwhile). */
    prepareFirst?: true;
    /** --task, --cap, --irq, --shm: native L4 tasks and their namespace (run_l4.ts). */
    l4?: L4RunConfig;
}
/** `l4wasm run`'s options: one row per flag (args.ts parses and documents them). */
export declare const RUN_COMMAND: CommandDef;
/** Parses `run`'s arguments; a string is the problem to report. */
export declare function parseRunArgs(argv: readonly string[]): RunArgs | string;
/**
 * Host signals that reach the foreground program, with their (Linux) numbers. SIGCONT continues a
 * program that stopped itself (raise(SIGSTOP)): `kill -CONT` of l4wasm, as of the program on Linux.
 * SIGTSTP is not among them: Ctrl-Z stops l4wasm itself, the program with it.
 */
export declare const FORWARDED_SIGNALS: {
    readonly SIGHUP: Sig.HUP;
    readonly SIGINT: Sig.INT;
    readonly SIGQUIT: Sig.QUIT;
    readonly SIGUSR1: Sig.USR1;
    readonly SIGUSR2: Sig.USR2;
    readonly SIGTERM: Sig.TERM;
    readonly SIGWINCH: Sig.WINCH;
    readonly SIGCONT: Sig.CONT;
};
export declare function runCommand(argv: string[]): Promise<number>;
