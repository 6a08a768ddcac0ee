// The l4wasm command line: run, cc, bench, trace.
import { cc } from './cc.js';

export const USAGE = `usage: l4wasm <command> [options]

commands:
  run [--dir HOST[:GUEST][:ro]] [--env K=V] [--rom FILE[:NAME]] [--bin DIR] [--trace[=summary]]
      [--trace-file FILE] [--syscalls local|server] [--] prog.wasm|prog.c [args...]
                      run a wasm32-wasip1 program (a .c file is compiled first, cached);
                      DIR's programs (default: those beside prog) are /bin/NAME for spawn/exec;
                      --trace prints each call it makes (to stderr or FILE), --trace=summary a
                      table at exit; --syscalls server sends its calls to the POSIX server by IPC
  cc [clang args]     compile C for wasm32-wasip1 with the l4wasm sysroot
  bench syscalls [--quick] [--path P,...] [--out DIR]
                      time each kind of call on each path, next to node:wasi, browser_wasi_shim
                      and native code; writes DIR/syscalls.json and DIR/syscalls.svg (DIR: bench)
  bench kernel        measure kernel IPC, capability and region-map paths (npm run bench:kernel)
`;

/** Runs the command line `argv` (without node and the script); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'cc': {
      if (rest.length === 0) return usage('cc needs clang arguments, e.g. l4wasm cc hello.c -o hello.wasm');
      return (await cc(rest)).status;
    }
    case 'run': {
      const { runCommand } = await import('./run.js');
      return runCommand(rest);
    }
    case 'bench': {
      const [what, ...opts] = rest;
      if (what === 'syscalls') {
        const { benchSyscallsCommand } = await import('./bench.js');
        return benchSyscallsCommand(opts);
      }
      if (what === 'kernel') {
        process.stderr.write('l4wasm: the kernel benchmark runs from the source tree: npm run bench:kernel\n');
        return 2;
      }
      return usage(what === undefined ? 'bench needs what to measure: syscalls or kernel' : `unknown benchmark '${what}'`);
    }
    case '-h': case '--help': case 'help':
      process.stdout.write(USAGE);
      return 0;
    default:
      return usage(command === undefined ? 'no command given' : `unknown command '${command}'`);
  }
}

/** Prints the problem and the usage line to stderr; exit status 2 as for any bad arguments. */
export function usage(problem: string): number {
  process.stderr.write(`l4wasm: ${problem}\n${USAGE}`);
  return 2;
}
