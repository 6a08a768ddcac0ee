import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { argError, helpText, parseCommand } from "./args.js";
import { PACKAGE_ROOT } from "../toolchain/cc.js";
import { phasesLine } from "../guest/start_phases.js";
const USAGE = `usage: l4wasm <command> [options] [arguments]

commands:
  run [options] PROGRAM [ARGS...]   run a wasm32-wasip1 program (a .c file is compiled first, cached)
  cc [clang arguments]              compile C for wasm32-wasip1 with the l4wasm sysroot
  bench syscalls|kernel|preempt     measure syscall paths, kernel paths, the cost of preemption
  bench fwq|mpi-fwq                 measure noise (FWQ, MPI-FWQ): multiplexed, decoupled, native
  bench prepare                     preparation time and memory against module size; start times
  help [command]                    show help for l4wasm or a command

options:
  -h, --help                        show this help ('l4wasm <command> --help' for a command's)
      --version                     print l4wasm's version

examples:
  l4wasm run hello.c one two
  l4wasm run --dir .:/src:ro --env HOME examples/ls.c /src
  l4wasm cc -O2 prog.c -o prog.wasm
`;
const CC_HELP = `usage: l4wasm cc [--quiet] [--] [clang arguments]

Runs clang for wasm32-wasip1 (from @yowasp/clang) with l4wasm's headers before wasi-libc's and
links sysroot/lib/libl4posix.a, so that signals, mmap, fork/exec, pipes and termios behave as
POSIX says. Every argument goes to clang; to see clang's own help: l4wasm cc -- --help.

options (only before clang's arguments):
  -h, --help     show this help
  -q, --quiet    no progress line while the toolchain loads (shown only on a terminal)
`;
const BENCH_HELP = `usage: l4wasm bench <what> [options]

  syscalls   every call on each path (local, server IPC, traced) next to node:wasi,
             browser_wasi_shim and native code: OUT/syscalls.json and OUT/syscalls.svg
  kernel     kernel IPC (same CPU, across CPUs), capability lookup, region attach/detach:
             OUT/kernel.json
  preempt    a compute-bound program bare under node:wasi and preemptible on l4wasm:
             OUT/preempt.json
  fwq        noise: identical ~50 \xB5s work quanta multiplexed, beside a noisy neighbour,
             decoupled, native: OUT/fwq.json and OUT/fwq.svg
  mpi-fwq    work + barrier over R ranks, multiplexed, decoupled, native:
             OUT/mpi-fwq.json and OUT/mpi-fwq.svg
  prepare    preparation time and peak memory against module size (examples, flite, yosys,
             clang), first and cached runs next to node:wasi: OUT/prepare.json and OUT/prepare.svg
  l4         L4 from C: round trip and bulk through the proxy ring (guest <-> native task)
             vs pipes, kernel IPC to a task and to a TypeScript server: OUT/l4.json, OUT/l4.svg

OUT is --out DIR, default ./bench in the current directory. 'l4wasm bench <what> --help' for options.
`;
const BENCH_KERNEL_COMMAND = {
  name: "bench kernel",
  operands: "",
  operandMode: "none",
  description: "Measures kernel paths: IPC round trips on one CPU and across CPUs (worker threads),\ncapability lookup, region attach + detach, an empty kernel entry. Writes OUT/kernel.json.",
  options: {
    quick: { type: "boolean", help: "fewer iterations (a rough figure in a second)" },
    out: { type: "string", value: "DIR", help: "where kernel.json goes (default: ./bench)" }
  }
};
const BENCH_PREEMPT_COMMAND = {
  name: "bench preempt",
  operands: "",
  operandMode: "none",
  description: "Runs a compute-bound C program bare under node:wasi and on l4wasm (loops instrumented,\nasyncified) and reports the ratio. Writes OUT/preempt.json.",
  options: {
    runs: { type: "string", value: "N", help: "runs of each (default 5)" },
    out: { type: "string", value: "DIR", help: "where preempt.json goes (default: ./bench)" }
  }
};
function version() {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")).version;
}
function finish(status) {
  const phases = phasesLine();
  if (phases !== void 0) process.stderr.write(phases);
  return status;
}
async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case "cc":
      return ccCommand(rest);
    case "run": {
      const { runCommand } = await import("./run.js");
      return runCommand(rest);
    }
    case "bench":
      return benchCommand(rest);
    case "help":
      return helpCommand(rest);
    case "-h":
    case "--help":
      process.stdout.write(USAGE);
      return 0;
    case "--version":
    case "-V":
      process.stdout.write(`l4wasm ${version()}
`);
      return 0;
    case void 0:
      return argError("", "no command given (run, cc, bench or help)");
    default:
      if (command.startsWith("-")) return argError("", `unknown option '${command.split("=")[0]}'`);
      return argError("", `unknown command '${command}'`);
  }
}
async function ccCommand(argv) {
  let quiet = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") {
      process.stdout.write(CC_HELP);
      return 0;
    }
    if (a === "-q" || a === "--quiet") {
      quiet = true;
      continue;
    }
    if (a === "--") {
      i++;
    }
    break;
  }
  const args = argv.slice(i);
  if (args.length === 0) return argError("cc", "cc needs clang arguments, e.g. l4wasm cc hello.c -o hello.wasm");
  const { cc } = await import("../toolchain/cc.js");
  const { Progress } = await import("./progress.js");
  const progress = new Progress({ quiet: quiet || process.stderr.isTTY !== true });
  return (await cc(args, { onToolchainLoad: (label, startedAt) => progress.start(label, startedAt) })).status;
}
const BENCHES = ["syscalls", "kernel", "preempt", "l4", "fwq", "mpi-fwq", "prepare"];
function benchOut(opts) {
  for (let i = 0; i < opts.length && opts[i] !== "--"; i++) {
    if (opts[i] === "--out") return opts[i + 1];
    if (opts[i].startsWith("--out=")) return opts[i].slice("--out=".length);
  }
  return void 0;
}
async function benchCommand(argv) {
  const [what, ...opts] = argv;
  const out = BENCHES.includes(what ?? "") && !opts.includes("--help") && !opts.includes("-h") ? benchOut(opts) : void 0;
  if (out !== void 0) {
    try {
      mkdirSync(out, { recursive: true });
    } catch (e) {
      return argError(`bench ${what}`, `--out ${out}: cannot make the results directory: ${e.code ?? e.message}`);
    }
  }
  switch (what) {
    case "syscalls": {
      const { benchSyscallsCommand } = await import("./bench.js");
      return benchSyscallsCommand(opts);
    }
    case "kernel": {
      const p = parseCommand(BENCH_KERNEL_COMMAND, opts);
      if (p.kind === "error") return argError("bench kernel", p.message);
      if (p.kind === "help") {
        process.stdout.write(helpText(BENCH_KERNEL_COMMAND));
        return 0;
      }
      const { benchKernel } = await import("./bench_kernel.js");
      const out2 = await benchKernel(typeof p.values.out === "string" ? p.values.out : "bench", { quick: p.values.quick === true });
      process.stdout.write(`wrote ${out2}
`);
      return 0;
    }
    case "preempt": {
      const p = parseCommand(BENCH_PREEMPT_COMMAND, opts);
      if (p.kind === "error") return argError("bench preempt", p.message);
      if (p.kind === "help") {
        process.stdout.write(helpText(BENCH_PREEMPT_COMMAND));
        return 0;
      }
      const runs = p.values.runs === void 0 ? 5 : Number(p.values.runs);
      if (!Number.isInteger(runs) || runs < 1) return argError("bench preempt", `--runs ${String(p.values.runs)}: expected a positive whole number`);
      const out2 = typeof p.values.out === "string" ? p.values.out : "bench";
      const { benchPreempt } = await import("./bench_preempt.js");
      process.stdout.write(`${JSON.stringify(await benchPreempt(runs, out2), null, 2)}
wrote ${join(out2, "preempt.json")}
`);
      return 0;
    }
    case "l4": {
      const { BENCH_L4_COMMAND, benchL4 } = await import("./bench_l4.js");
      const p = parseCommand(BENCH_L4_COMMAND, opts);
      if (p.kind === "error") return argError("bench l4", p.message);
      if (p.kind === "help") {
        process.stdout.write(helpText(BENCH_L4_COMMAND));
        return 0;
      }
      const out2 = await benchL4(typeof p.values.out === "string" ? p.values.out : "bench", { quick: p.values.quick === true });
      process.stdout.write(`wrote ${out2}
`);
      return 0;
    }
    case "fwq":
    case "mpi-fwq": {
      const { benchFwqCommand, benchMpiFwqCommand } = await import("./bench_fwq.js");
      return what === "fwq" ? benchFwqCommand(opts) : benchMpiFwqCommand(opts);
    }
    case "prepare": {
      const { benchPrepareCommand } = await import("./bench_prepare.js");
      return benchPrepareCommand(opts);
    }
    case "-h":
    case "--help":
      process.stdout.write(BENCH_HELP);
      return 0;
    case void 0:
      return argError("bench", "bench needs what to measure: syscalls, kernel, preempt, l4, fwq, mpi-fwq or prepare");
    default:
      return argError("bench", `unknown benchmark '${what}' (syscalls, kernel, preempt, l4, fwq, mpi-fwq or prepare)`);
  }
}
async function helpCommand(argv) {
  const topic = argv.join(" ");
  switch (topic) {
    case "":
      process.stdout.write(USAGE);
      return 0;
    case "run": {
      const { RUN_COMMAND } = await import("./run.js");
      process.stdout.write(helpText(RUN_COMMAND));
      return 0;
    }
    case "cc":
      process.stdout.write(CC_HELP);
      return 0;
    case "bench":
      process.stdout.write(BENCH_HELP);
      return 0;
    case "bench syscalls": {
      const { BENCH_SYSCALLS_COMMAND } = await import("./bench.js");
      process.stdout.write(helpText(BENCH_SYSCALLS_COMMAND));
      return 0;
    }
    case "bench kernel":
      process.stdout.write(helpText(BENCH_KERNEL_COMMAND));
      return 0;
    case "bench preempt":
      process.stdout.write(helpText(BENCH_PREEMPT_COMMAND));
      return 0;
    case "bench prepare": {
      const { BENCH_PREPARE_COMMAND } = await import("./bench_prepare.js");
      process.stdout.write(helpText(BENCH_PREPARE_COMMAND));
      return 0;
    }
    case "bench fwq":
    case "bench mpi-fwq": {
      const { BENCH_FWQ_COMMAND, BENCH_MPI_FWQ_COMMAND } = await import("./bench_fwq.js");
      process.stdout.write(helpText(topic === "bench fwq" ? BENCH_FWQ_COMMAND : BENCH_MPI_FWQ_COMMAND));
      return 0;
    }
    default:
      return argError("help", `no help on '${topic}'`);
  }
}
export {
  BENCH_KERNEL_COMMAND,
  BENCH_PREEMPT_COMMAND,
  CC_HELP,
  USAGE,
  finish,
  main,
  version
};
