import { type CommandDef } from './args.js';
export declare const USAGE = "usage: l4wasm <command> [options] [arguments]\n\ncommands:\n  run [options] PROGRAM [ARGS...]   run a wasm32-wasip1 program (a .c file is compiled first, cached)\n  cc [clang arguments]              compile C for wasm32-wasip1 with the l4wasm sysroot\n  bench syscalls|kernel|preempt     measure syscall paths, kernel paths, the cost of preemption\n  bench fwq|mpi-fwq                 measure noise (FWQ, MPI-FWQ): multiplexed, decoupled, native\n  bench prepare                     preparation time and memory against module size; start times\n  help [command]                    show help for l4wasm or a command\n\noptions:\n  -h, --help                        show this help ('l4wasm <command> --help' for a command's)\n      --version                     print l4wasm's version\n\nexamples:\n  l4wasm run hello.c one two\n  l4wasm run --dir .:/src:ro --env HOME examples/ls.c /src\n  l4wasm cc -O2 prog.c -o prog.wasm\n";
export declare const CC_HELP = "usage: l4wasm cc [--quiet] [--] [clang arguments]\n\nRuns clang for wasm32-wasip1 (from @yowasp/clang) with l4wasm's headers before wasi-libc's and\nlinks sysroot/lib/libl4posix.a, so that signals, mmap, fork/exec, pipes and termios behave as\nPOSIX says. Every argument goes to clang; to see clang's own help: l4wasm cc -- --help.\n\noptions (only before clang's arguments):\n  -h, --help     show this help\n  -q, --quiet    no progress line while the toolchain loads (shown only on a terminal)\n";
export declare const BENCH_KERNEL_COMMAND: CommandDef;
export declare const BENCH_PREEMPT_COMMAND: CommandDef;
/** This package's version (package.json). */
export declare function version(): string;
/** The end of a command: with L4WASM_PHASES set, where its start time went; returns `status`. */
export declare function finish(status: number): number;
/** Runs the command line `argv` (without node and the script); resolves to the exit status. */
export declare function main(argv: string[]): Promise<number>;
