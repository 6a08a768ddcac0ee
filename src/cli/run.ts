// l4wasm run: boot a machine with the requested mounts and ROM modules, run one program on it
// with the host's stdin/stdout/stderr as its console, and exit with the program's status.
import { Sig } from '../guest/signals.js';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { basename, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../toolchain/cc.js';
import { allStrings, argError, helpText, lastString, parseCommand, type CommandDef } from './args.js';
import { compileCached, CompileError, type CompileLog } from '../toolchain/compile_cache.js';
import { Progress, type ProgressTask } from './progress.js';
import { Machine, type GuestProcess, type MountOption, type RomOption } from '../guest/machine.js';
import { LoadError } from '../guest/program.js';
import { personalityFrom } from '../guest/process.js';
import { moduleInterface } from '../guest/wasm_binary.js';
import { readProgramHead } from '../guest/program_file.js';
import type { PrepareProgress } from '../guest/asyncify.js';
import { CALL_OPTIONS, callOptionsFrom, callWrappers, defaultCallOptions, type CallOptions } from './trace_args.js';
import { L4_OPTIONS, parseL4Args, startL4, type L4RunConfig } from './run_l4.js';
import { phase } from '../guest/start_phases.js';

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
export const RUN_COMMAND: CommandDef = {
  name: 'run',
  operands: '[--] PROGRAM [ARGS...]',
  operandMode: 'rest',
  description: `Runs a wasm32-wasip1 program (PROGRAM.wasm, or PROGRAM.c compiled first and cached) on a
fresh machine, with the host's stdin, stdout and stderr as its console, and exits with its
status. Options end at PROGRAM: what follows is the program's own arguments.`,
  options: {
    dir: {
      type: 'string', multiple: true, value: 'HOST[:GUEST][:ro]',
      help: 'mount a host directory at GUEST (default: the same path), read-only with :ro;\na relative GUEST is mounted at /GUEST and its WASI preopen named GUEST',
    },
    env: { type: 'string', multiple: true, value: 'NAME[=VALUE]', help: "set an environment variable; NAME alone passes the host's value\n(TZ is the host's unless set here, for programs built with l4wasm cc)" },
    rom: { type: 'string', multiple: true, value: 'FILE[:NAME]', help: 'add FILE as a boot module, read-only at /rom/NAME' },
    bin: {
      type: 'string', multiple: true, value: 'DIR',
      help: "install DIR's programs (NAME.wasm, NAME.c compiled) as /bin/NAME for spawn/exec\n(PROGRAM itself is always /bin/NAME)",
    },
    ...CALL_OPTIONS,
    ...L4_OPTIONS,
    quiet: { type: 'boolean', short: 'q', help: 'no progress lines (compiling, preparing)' },
    progress: { type: 'boolean', help: 'a line per preparation step (read, instrument, asyncify, write) even when\nstderr is not a terminal (on a terminal the live line shows them)' },
    'prepare-time': {
      type: 'string', value: 'SECONDS',
      help: 'time preparing a program for the multiplexed mode may take (default 20); past it,\nor past --prepare-memory, it runs decoupled (one line says so)',
    },
    'prepare-memory': { type: 'string', value: 'SIZE', help: 'memory preparing a program may take (default 1G)' },
    'prepare-first': {
      type: 'boolean',
      help: 'a pure WASI program not prepared yet waits for its preparation and runs multiplexed\n(default: it runs decoupled at once and is prepared in the background for its next runs)',
    },
    'no-root-preopen': {
      type: 'boolean',
      help: 'WASI preopens are the --dir directories only (as WASI runtimes give them), not the guest\nroot "/" first',
    },
    decouple: {
      type: 'boolean',
      help: 'run the program decoupled: its own code unprepared, in a worker thread (its own core),\nits calls forwarded to the vCPU; no fork',
    },
    isolate: {
      type: 'boolean',
      help: "give decoupled programs cores of their own: l4wasm's other threads keep off them\n(Linux, taskset; core 0 stays the vCPU's)",
    },
    timeout: { type: 'string', value: 'SECONDS', help: 'kill the program after this much wall-clock time (exit 124, as timeout(1))' },
    'cpu-limit': {
      type: 'string', value: 'SECONDS',
      help: 'RLIMIT_CPU of its processes: SIGXCPU after this much CPU time, SIGKILL a second later',
    },
    'memory-limit': {
      type: 'string', value: 'SIZE',
      help: "memory all its processes may take together (e.g. 512M, 2G; default: half the host's\nmemory, at most 4G); malloc, mmap and spawn beyond fail with ENOMEM",
    },
  },
};

function mb(bytes: number): string {
  return bytes < 1048576 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

/** A number of seconds > 0 (fractions allowed), or the problem. */
function seconds(flag: string, text: string): number | string {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) return `--${flag} ${text}: expected a number of seconds > 0`;
  return n;
}

/** A size in bytes: a number with an optional K, M or G (powers of 1024), or the problem. */
function size(flag: string, text: string): number | string {
  const m = /^(\d+(?:\.\d+)?)([kmg]?)i?b?$/i.exec(text.trim());
  if (!m) return `--${flag} ${text}: expected a size such as 512M or 2G`;
  const bytes = Math.floor(Number(m[1]) * 1024 ** ' kmg'.indexOf((m[2] || ' ').toLowerCase()));
  if (bytes < 65536) return `--${flag} ${text}: at least 64K (one wasm page)`;
  return bytes;
}

/**
 * The program's environment: the local time zone follows the user's, as for a native program
 * (the host's TZ unless --env sets one), for a program built for l4wasm, whose C library reads
 * TZ. A plain wasip1 program (wasi-libc knows only UTC) gets exactly the --env variables, as a
 * WASI runtime passes them (the wasi-testsuite counts them).
 */
function withHostTz(wasm: string, env: Record<string, string>): Record<string, string> {
  const tz = process.env.TZ;
  if (tz === undefined || env.TZ !== undefined) return env;
  let posix: boolean;
  try {
    // Its head is enough (the interface comes before the code and data).
    const file = readProgramHead(wasm);
    const { imports, exports } = moduleInterface('head' in file ? file.head : file.bytes);
    posix = personalityFrom(imports, exports) === 'posix';
  } catch {
    posix = true; // not readable as wasm: loading it will say why
  }
  return posix ? { TZ: tz, ...env } : env;
}

/** Parses `run`'s arguments; a string is the problem to report. */
export function parseRunArgs(argv: readonly string[]): RunArgs | string {
  const p = parseCommand(RUN_COMMAND, argv);
  const out: RunArgs = { mounts: [], env: {}, roms: [], program: '', args: [], calls: defaultCallOptions(), bins: [], quiet: false };
  if (p.kind === 'error') return p.message;
  if (p.kind === 'help') return { ...out, help: true };
  const v = p.values;
  for (const d of allStrings(v.dir)) {
    const parts = d.split(':');
    const readOnly = parts.length > 1 && parts[parts.length - 1] === 'ro';
    if (readOnly) parts.pop();
    if (parts.length > 2 || parts[0] === '') return `--dir ${d}: expected HOST[:GUEST][:ro]`;
    const host = resolve(parts[0]!);
    if (!existsSync(host)) return `--dir ${d}: no such host directory ${host}`;
    if (!statSync(host).isDirectory()) return `--dir ${d}: ${host} is not a directory`;
    const guest = parts[1] ?? host;
    if (guest.startsWith('/')) {
      out.mounts.push({ host, guest, readOnly });
      continue;
    }
    // A relative GUEST (the wasi-testsuite's runner names its directories "fs-tests.dir"): mounted
    // beneath the root, where the working directory '/' finds it, its preopen announced as given.
    const name = guest.split('/').filter((c) => c !== '' && c !== '.');
    if (name.length === 0 || name.includes('..')) return `--dir ${d}: the guest path must name a directory beneath /`;
    out.mounts.push({ host, guest: '/' + name.join('/'), readOnly, preopenName: guest });
  }
  for (const e of allStrings(v.env)) {
    const eq = e.indexOf('=');
    if (eq === 0) return `--env ${e}: expected NAME=VALUE or NAME`;
    if (eq > 0) { out.env[e.slice(0, eq)] = e.slice(eq + 1); continue; }
    // NAME alone: the host's value, if it has one (as docker run -e NAME does).
    const host = process.env[e];
    if (host !== undefined) out.env[e] = host;
  }
  for (const r of allStrings(v.rom)) {
    const colon = r.lastIndexOf(':');
    const path = colon > 0 ? r.slice(0, colon) : r;
    if (!existsSync(path)) return `--rom ${r}: no such file ${path}`;
    out.roms.push({ path: resolve(path), name: colon > 0 ? r.slice(colon + 1) : basename(path) });
  }
  for (const b of allStrings(v.bin)) {
    if (!existsSync(b) || !statSync(b).isDirectory()) return `--bin ${b}: no such host directory`;
    out.bins.push(resolve(b));
  }
  const calls = callOptionsFrom(v);
  if (typeof calls === 'string') return calls;
  out.calls = calls;
  out.quiet = v.quiet === true;
  if (v.decouple === true) out.decouple = true;
  if (v['no-root-preopen'] === true) out.noRootPreopen = true;
  if (v.isolate === true) out.isolate = true;
  if (v.progress === true) out.progress = true;
  if (v['prepare-first'] === true) out.prepareFirst = true;
  const l4 = parseL4Args(v);
  if (typeof l4 === 'string') return l4;
  if (l4.tasks.length > 0) out.l4 = l4;
  for (const [flag, parse, key] of [
    ['timeout', seconds, 'timeout'], ['cpu-limit', seconds, 'cpuLimit'], ['memory-limit', size, 'memoryLimit'],
    ['prepare-time', seconds, 'prepareTime'], ['prepare-memory', size, 'prepareMemory'],
  ] as const) {
    const text = lastString(v[flag]);
    if (text === undefined) continue;
    const n = parse(flag, text);
    if (typeof n === 'string') return n;
    out[key] = n;
  }
  if (p.operands.length === 0) return 'missing PROGRAM (a .wasm or .c file to run)';
  out.program = p.operands[0]!;
  out.args = p.operands.slice(1);
  return out;
}

/**
 * The programs a run installs as /bin/NAME, so that a shell or posix_spawnp finds them: every
 * NAME.wasm of each --bin directory (a NAME.c without a NAME.wasm is compiled, cached); for
 * l4wasm's own shell (build/sh.wasm, from examples/sh/), the examples it uses as commands (compiled when
 * needed, cached). Nothing else beside the program: a directory is read only when named, since
 * installing is a copy into memory (a program's directory may hold gigabytes of modules).
 */
/** The examples the example shell gets as commands. */
const SHELL_COMMANDS = ['cat', 'wc', 'ls', 'hello', 'romread'];

async function binPrograms(parsed: RunArgs, log: CompileLog): Promise<Record<string, string>> {
  const own = resolve(PACKAGE_ROOT, 'examples');
  const program = resolve(parsed.program);
  const exampleShell = program === join(own, 'sh.wasm') || program === join(PACKAGE_ROOT, 'build', 'sh.wasm');
  const dirs = parsed.bins.length > 0 ? parsed.bins.map((d) => ({ dir: d, compile: true }))
    : exampleShell ? [{ dir: own, compile: true }] : [];
  const out: Record<string, string> = {};
  for (const { dir, compile } of dirs) {
    const files = readdirSync(dir);
    for (const f of files) {
      // Only files: a directory (or anything else) that happens to be named *.wasm is no program.
      if (f.endsWith('.wasm') && isFile(join(dir, f))) out[`/bin/${f.slice(0, -5)}`] = join(dir, f);
    }
    if (!compile) continue;
    for (const f of files) {
      const name = f.slice(0, -2);
      if (!f.endsWith('.c') || out[`/bin/${name}`] !== undefined || !isFile(join(dir, f))) continue;
      if (dir === own && !SHELL_COMMANDS.includes(name)) continue;
      out[`/bin/${name}`] = await compileCached(join(dir, f), ['-O2'], log);
    }
  }
  return out;
}

/**
 * A .c file that does not compile: clang's diagnostics, one line, and 126, the status of any
 * program that cannot be run (as for a module that is not valid wasm).
 */
function buildFailed(e: CompileError, log: (t: string) => void): number {
  log(e.diagnostics);
  log(`l4wasm: ${e.source}: compilation failed (clang exit ${e.status}): cannot run it\n`);
  return 126;
}

function isFile(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}

/**
 * Host signals that reach the foreground program, with their (Linux) numbers. SIGCONT continues a
 * program that stopped itself (raise(SIGSTOP)): `kill -CONT` of l4wasm, as of the program on Linux.
 * SIGTSTP is not among them: Ctrl-Z stops l4wasm itself, the program with it.
 */
export const FORWARDED_SIGNALS = {
  SIGHUP: Sig.HUP, SIGINT: Sig.INT, SIGQUIT: Sig.QUIT, SIGUSR1: Sig.USR1, SIGUSR2: Sig.USR2, SIGTERM: Sig.TERM,
  SIGWINCH: Sig.WINCH, SIGCONT: Sig.CONT,
} as const satisfies Partial<Record<NodeJS.Signals, number>>;

/**
 * Delivers the host signals sent to this process to the program's process group, as a terminal
 * does for its foreground group. A second SIGINT while the first is still pending (blocked, or
 * the program has not reached a point where it takes signals) ends the program with SIGINT.
 * Before the program runs (while it loads or is prepared), a signal ends l4wasm as that signal's
 * default action would.
 * Returns the function that removes the handlers.
 */
function forwardHostSignals(machine: () => Machine | undefined, proc: () => GuestProcess | undefined,
  progress: Progress): () => void {
  const handlers: [NodeJS.Signals, () => void][] = [];
  for (const [name, sig] of Object.entries(FORWARDED_SIGNALS) as [NodeJS.Signals, number][]) {
    const handler = () => {
      const gp = proc();
      const p = gp?.process;
      // Before the program runs (also while it is being prepared) it has no handlers: the
      // default action ends it, and l4wasm with it, without waiting for the preparation.
      if (gp === undefined || p === undefined) {
        if (sig === FORWARDED_SIGNALS.SIGWINCH || sig === FORWARDED_SIGNALS.SIGCONT) return; // ignored by default
        progress.finish('interrupted');
        process.exit(128 + sig);
      }
      if (sig === FORWARDED_SIGNALS.SIGINT && p.signals.state.isPending(sig)) { p.terminate(sig); return; }
      const group = p.identity.pgid;
      const members = [...(machine()?.running.values() ?? [])].filter((q) => !q.ended && q.identity.pgid === group);
      for (const q of members.length > 0 ? members : [p]) q.kill(sig);
    };
    process.on(name, handler);
    handlers.push([name, handler]);
  }
  return () => { for (const [name, h] of handlers) process.off(name, h); };
}

/**
 * V8 recompiles a wasm function with its optimizing compiler once it has run for a budget (about
 * 1.8 MB of code executed), on background threads that Node waits for when the process exits. A
 * prepared program's functions are several times the original's (asyncify's locals), so a short
 * run paid more for optimizing them than for running them (flite: ~60 ms on the second core
 * during the run, then ~150 ms at exit). Ten times the budget keeps the optimizing compiler for
 * the functions that run long; set before anything is compiled.
 */
const WASM_TIERING_BUDGET = 18_000_000;

export async function runCommand(argv: string[]): Promise<number> {
  phase('loaded');
  setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
  const parsed = parseRunArgs(argv);
  if (typeof parsed === 'string') return argError('run', parsed);
  if (parsed.help) { process.stdout.write(helpText(RUN_COMMAND)); return 0; }
  const log = (t: string) => process.stderr.write(t);
  const progress = new Progress({ quiet: parsed.quiet, steps: parsed.progress === true });
  let machine: Machine | undefined;
  let proc: GuestProcess | undefined;
  const unforward = forwardHostSignals(() => machine, () => proc, progress);
  try {
    return await run(parsed, log, progress, (m) => { machine = m; }, (p) => { proc = p; });
  } finally {
    unforward();
    progress.finish();
  }
}

async function run(parsed: RunArgs, log: (t: string) => void, progress: Progress,
  setMachine: (m: Machine) => void, setProc: (p: GuestProcess) => void): Promise<number> {
  let wasm = parsed.program;
  if (!existsSync(wasm)) { log(`l4wasm: ${wasm}: no such file\n`); return 127; }
  if (statSync(wasm).isDirectory()) { log(`l4wasm: ${wasm}: is a directory\n`); return 126; }
  if (wasm.endsWith('.c')) {
    try { wasm = await compileCached(wasm, ['-O2'], progress); } catch (e) {
      if (e instanceof CompileError) return buildFailed(e, log);
      throw e;
    }
  }
  let programs: Record<string, string>;
  try { programs = await binPrograms(parsed, progress); } catch (e) {
    if (e instanceof CompileError) return buildFailed(e, log);
    throw e;
  }
  // The program itself is /bin/NAME, and that is its argv[0], as a shell gives the path it ran:
  // execv(argv[0]) and posix_spawn(argv[0]) start the same program again.
  const self = `/bin/${basename(parsed.program).replace(/\.(wasm|c)$/, '')}`;
  programs[self] = wasm;
  // Long work before the program starts (preparing it for suspension) is a live progress line;
  // later messages (children being prepared, failures) are lines of their own.
  let started = false;
  let task: ProgressTask | undefined;
  const onProgress = (text: string) => {
    const line = text.replace(/^l4wasm: /, '').replace(/\n$/, '');
    // Work left to the background is a note, not a line that waits for its end.
    const isProgress = /^(preparing|compiling|instrumenting|transforming)\b/.test(line) && !/ in the background/.test(line);
    if (!started && isProgress) { task?.end(); task = progress.start(line); return; }
    if ((isProgress || / in the background/.test(line)) && parsed.quiet) return;
    if (/running decoupled/.test(line)) { task?.end('stopped'); task = undefined; }
    progress.note(text);
  };
  const onPrepareProgress = (p: PrepareProgress & { program: string }) => {
    if (started) return;
    task?.update?.(`preparing ${p.program} (${mb(p.moduleBytes)}, ${mb(p.codeBytes)} of code): ${p.phase}`);
  };
  let machine: Machine;
  try {
    machine = await Machine.boot({
      mounts: parsed.mounts, roms: parsed.roms, onProgress, onPrepareProgress, programs,
      // Read and compiled while the machine boots, when cached (a decoupled run loads it its own way).
      preload: parsed.decouple === true ? [] : [wasm],
      rootPreopen: parsed.noRootPreopen !== true,
      isolateCores: parsed.isolate === true,
      prepareTimeBudget: parsed.prepareTime === undefined ? undefined : parsed.prepareTime * 1000,
      prepareMemoryBudget: parsed.prepareMemory,
      ...(parsed.prepareFirst === true ? { prepareInBackground: false } : {}),
      memoryLimit: parsed.memoryLimit, cpuLimit: parsed.cpuLimit,
      // A host error that failed a call is one line (once); one that ended the program is the
      // status line below.
      onInternalError: (r) => {
        if (!r.fatal) log(`l4wasm: ${r.program ?? parsed.program}: internal error in ${r.where} (the call failed with EIO): ${(r.error as Error)?.message ?? r.error}\n`);
      },
    });
  } catch (e) {
    log(`l4wasm: ${(e as Error).message}\n`);
    return 1;
  }
  setMachine(machine);
  let calls: ReturnType<typeof callWrappers>;
  try { calls = callWrappers(machine, parsed.calls); } catch (e) {
    log(`l4wasm: --trace-file ${parsed.calls.traceFile}: ${(e as Error).message}\n`);
    await machine.shutdown();
    return 2;
  }
  if (parsed.l4 !== undefined) {
    const tasks = await startL4(machine, parsed.l4, log, (f) => compileCached(f, ['-O2'], progress));
    if (typeof tasks === 'string') { log(`l4wasm: ${tasks}\n`); await machine.shutdown(); return 126; }
  }
  const proc = machine.spawn(wasm, {
    wrapImports: calls.wrap,
    args: [self, ...parsed.args],
    env: withHostTz(wasm, parsed.env),
    stdio: 'inherit',
    stdin: 'inherit',
    name: parsed.program,
    decouple: parsed.decouple,
    timeout: parsed.timeout === undefined ? undefined : parsed.timeout * 1000,
    onStart: () => { phase('start'); started = true; task?.end(); task = undefined; },
  });
  setProc(proc);
  try {
    const status = await proc.exit;
    phase('exit');
    await calls.trace?.finish();
    if (status.trap) {
      log(`l4wasm: ${parsed.program}: trap: ${status.trap.message}${status.trap.func ? ` in ${status.trap.func}` : ''}\n`);
    }
    // Ended by the machine (a limit, a host error): one line says why.
    if (status.error !== undefined) log(`l4wasm: ${parsed.program}: ${status.error}\n`);
    if (status.limit === 'time') return 124;
    if (status.signal !== undefined) return 128 + status.signal;
    return status.code;
  } catch (e) {
    task?.end('failed');
    if (e instanceof LoadError) { log(`l4wasm: ${e.message}\n`); return 126; }
    // Refused for want of a resource (ENOMEM, ENFILE, EAGAIN): it could not be started.
    if (typeof (e as NodeJS.ErrnoException).code === 'string') { log(`l4wasm: ${(e as Error).message}\n`); return 126; }
    throw e;
  } finally {
    calls.trace?.sink.close();
    await machine.shutdown();
    phase('shutdown');
  }
}
