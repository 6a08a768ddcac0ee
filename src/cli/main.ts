// The l4wasm command line: run, cc, bench, trace.
import { cc } from './cc.js';

export const USAGE = `usage: l4wasm <command> [options]

commands:
  run [--dir HOST[:GUEST][:ro]] [--env K=V] [--rom FILE[:NAME]] [--] prog.wasm|prog.c [args...]
                      run a wasm32-wasip1 program (a .c file is compiled first, cached)
  cc [clang args]     compile C for wasm32-wasip1 with the l4wasm sysroot
  bench kernel        measure kernel IPC, capability and region-map paths
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
