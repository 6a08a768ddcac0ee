// l4wasm run: boot a machine with the requested mounts and ROM modules, run one program on it
// with the host's stdin/stdout/stderr as its console, and exit with the program's status.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from './cc.js';
import { usage } from './main.js';
import { compileCached, CompileError } from './compile_cache.js';
import { Machine, type MountOption, type RomOption } from '../guest/machine.js';
import { LoadError } from '../guest/program.js';
import { callWrappers, defaultCallOptions, parseCallOption, type CallOptions } from './trace_args.js';

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
}

/** Parses `run`'s arguments; a string is the problem to report with the usage line. */
export function parseRunArgs(argv: string[]): RunArgs | string {
  const out: RunArgs = { mounts: [], env: {}, roms: [], program: '', args: [], calls: defaultCallOptions(), bins: [] };
  let i = 0;
  const value = (flag: string): string | undefined => {
    const a = argv[i]!;
    if (a.startsWith(flag + '=')) return a.slice(flag.length + 1);
    return argv[++i];
  };
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-')) break;
    const used = parseCallOption(argv, i, out.calls);
    if (typeof used === 'string') return used;
    if (used > 0) { i += used - 1; continue; }
    const flag = a.split('=')[0]!;
    const v = value(flag);
    if (v === undefined) return `${flag} needs a value`;
    switch (flag) {
      case '--dir': {
        const parts = v.split(':');
        const readOnly = parts.length > 1 && parts[parts.length - 1] === 'ro';
        if (readOnly) parts.pop();
        if (parts.length > 2 || parts[0] === '') return `--dir ${v}: expected HOST[:GUEST][:ro]`;
        const host = resolve(parts[0]!);
        if (!existsSync(host)) return `--dir ${v}: no such host directory ${host}`;
        const guest = parts[1] ?? host;
        if (!guest.startsWith('/')) return `--dir ${v}: the guest path must be absolute`;
        out.mounts.push({ host, guest, readOnly });
        break;
      }
      case '--env': {
        const eq = v.indexOf('=');
        if (eq <= 0) return `--env ${v}: expected K=V`;
        out.env[v.slice(0, eq)] = v.slice(eq + 1);
        break;
      }
      case '--rom': {
        const colon = v.lastIndexOf(':');
        const path = colon > 0 ? v.slice(0, colon) : v;
        if (!existsSync(path)) return `--rom ${v}: no such file ${path}`;
        out.roms.push({ path: resolve(path), name: colon > 0 ? v.slice(colon + 1) : basename(path) });
        break;
      }
      case '--bin': {
        if (!existsSync(v) || !statSync(v).isDirectory()) return `--bin ${v}: no such host directory`;
        out.bins.push(resolve(v));
        break;
      }
      default:
        return `unknown option ${flag}`;
    }
  }
  if (i >= argv.length) return 'run needs a program (prog.wasm or prog.c)';
  out.program = argv[i]!;
  out.args = argv.slice(i + 1);
  return out;
}

/**
 * The programs a run installs as /bin/NAME, so that a shell or posix_spawnp finds them: every
 * NAME.wasm of each --bin directory (a NAME.c without a NAME.wasm is compiled, cached), or without
 * --bin the NAME.wasm files beside the program; for l4wasm's own example shell (examples/sh), the
 * examples it uses as commands (compiled when needed, cached).
 */
/** The examples the example shell gets as commands. */
const SHELL_COMMANDS = ['cat', 'wc', 'ls', 'hello', 'romread', 'sh'];

async function binPrograms(parsed: RunArgs, log: (t: string) => void): Promise<Record<string, string>> {
  const own = resolve(PACKAGE_ROOT, 'examples');
  const dirs = parsed.bins.length > 0 ? parsed.bins.map((d) => ({ dir: d, compile: true }))
    : [{ dir: dirname(resolve(parsed.program)), compile: dirname(resolve(parsed.program)) === own && /^sh\.(c|wasm)$/.test(basename(parsed.program)) }];
  const out: Record<string, string> = {};
  for (const { dir, compile } of dirs) {
    const files = readdirSync(dir);
    for (const f of files) {
      if (f.endsWith('.wasm')) out[`/bin/${f.slice(0, -5)}`] = join(dir, f);
    }
    if (!compile) continue;
    for (const f of files) {
      const name = f.slice(0, -2);
      if (!f.endsWith('.c') || out[`/bin/${name}`] !== undefined) continue;
      if (dir === own && !SHELL_COMMANDS.includes(name)) continue;
      out[`/bin/${name}`] = await compileCached(join(dir, f), ['-O2'], log);
    }
  }
  return out;
}

export async function runCommand(argv: string[]): Promise<number> {
  const parsed = parseRunArgs(argv);
  if (typeof parsed === 'string') return usage(parsed);
  const log = (t: string) => process.stderr.write(t);
  let wasm = parsed.program;
  if (!existsSync(wasm)) { log(`l4wasm: ${wasm}: no such file\n`); return 127; }
  if (wasm.endsWith('.c')) {
    try { wasm = await compileCached(wasm, ['-O2'], log); } catch (e) {
      if (e instanceof CompileError) { log(e.diagnostics); log(`l4wasm: ${e.source}: compilation failed\n`); return 1; }
      throw e;
    }
  }
  let programs: Record<string, string>;
  try { programs = await binPrograms(parsed, log); } catch (e) {
    if (e instanceof CompileError) { log(e.diagnostics); log(`l4wasm: ${e.source}: compilation failed\n`); return 1; }
    throw e;
  }
  const machine = await Machine.boot({ mounts: parsed.mounts, roms: parsed.roms, onProgress: log, programs });
  let calls: ReturnType<typeof callWrappers>;
  try { calls = callWrappers(machine, parsed.calls); } catch (e) {
    log(`l4wasm: --trace-file ${parsed.calls.traceFile}: ${(e as Error).message}\n`);
    await machine.shutdown();
    return 2;
  }
  const proc = machine.spawn(wasm, {
    wrapImports: calls.wrap,
    args: [basename(parsed.program), ...parsed.args],
    env: parsed.env,
    stdio: 'inherit',
    stdin: 'inherit',
    name: parsed.program,
  });
  try {
    const status = await proc.exit;
    await calls.trace?.finish();
    if (status.trap) {
      log(`l4wasm: ${parsed.program}: trap: ${status.trap.message}${status.trap.func ? ` in ${status.trap.func}` : ''}\n`);
    }
    if (status.signal !== undefined) return 128 + status.signal;
    return status.code;
  } catch (e) {
    if (e instanceof LoadError) { log(`l4wasm: ${e.message}\n`); return 126; }
    throw e;
  } finally {
    calls.trace?.sink.close();
    await machine.shutdown();
  }
}
