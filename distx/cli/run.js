import { Sig } from "../guest/signals.js";
import { existsSync, readdirSync, statSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { basename, dirname, join, resolve } from "node:path";
import { PACKAGE_ROOT } from "../toolchain/cc.js";
import { allStrings, argError, helpText, lastString, parseCommand } from "./args.js";
import { compileCached, CompileError } from "../toolchain/compile_cache.js";
import { Progress } from "./progress.js";
import { Machine } from "../guest/machine.js";
import { LoadError } from "../guest/program.js";
import { personalityFrom } from "../guest/process.js";
import { moduleInterface } from "../guest/wasm_binary.js";
import { readProgramHead } from "../guest/program_file.js";
import { CALL_OPTIONS, callOptionsFrom, callWrappers, defaultCallOptions } from "./trace_args.js";
import { L4_OPTIONS, parseL4Args, startL4 } from "./run_l4.js";
import { phase } from "../guest/start_phases.js";
const RUN_COMMAND = {
  name: "run",
  operands: "[--] PROGRAM [ARGS...]",
  operandMode: "rest",
  description: `Runs a wasm32-wasip1 program (PROGRAM.wasm, or PROGRAM.c compiled first and cached) on a
fresh machine, with the host's stdin, stdout and stderr as its console, and exits with its
status. Options end at PROGRAM: what follows is the program's own arguments.`,
  options: {
    dir: {
      type: "string",
      multiple: true,
      value: "HOST[:GUEST][:ro]",
      help: "mount a host directory at GUEST (default: the same path), read-only with :ro;\na relative GUEST is mounted at /GUEST and its WASI preopen named GUEST"
    },
    env: { type: "string", multiple: true, value: "NAME[=VALUE]", help: "set an environment variable; NAME alone passes the host's value\n(TZ is the host's unless set here, for programs built with l4wasm cc)" },
    rom: { type: "string", multiple: true, value: "FILE[:NAME]", help: "add FILE as a boot module, read-only at /rom/NAME" },
    bin: {
      type: "string",
      multiple: true,
      value: "DIR",
      help: "install DIR's programs (NAME.wasm, NAME.c compiled) as /bin/NAME for spawn/exec\n(PROGRAM itself is always /bin/NAME)"
    },
    ...CALL_OPTIONS,
    ...L4_OPTIONS,
    quiet: { type: "boolean", short: "q", help: "no progress lines (compiling, preparing)" },
    progress: { type: "boolean", help: "a line per preparation step (read, instrument, asyncify, write) even when\nstderr is not a terminal (on a terminal the live line shows them)" },
    "prepare-time": {
      type: "string",
      value: "SECONDS",
      help: "time preparing a program for the multiplexed mode may take (default 20); past it,\nor past --prepare-memory, it runs decoupled (one line says so)"
    },
    "prepare-memory": { type: "string", value: "SIZE", help: "memory preparing a program may take (default 1G)" },
    "prepare-first": {
      type: "boolean",
      help: "a pure WASI program not prepared yet waits for its preparation and runs multiplexed\n(default: it runs decoupled at once and is prepared in the background for its next runs)"
    },
    "no-root-preopen": {
      type: "boolean",
      help: 'WASI preopens are the --dir directories only (as WASI runtimes give them), not the guest\nroot "/" first'
    },
    decouple: {
      type: "boolean",
      help: "run the program decoupled: its own code unprepared, in a worker thread (its own core),\nits calls forwarded to the vCPU; no fork"
    },
    isolate: {
      type: "boolean",
      help: "give decoupled programs cores of their own: l4wasm's other threads keep off them\n(Linux, taskset; core 0 stays the vCPU's)"
    },
    timeout: { type: "string", value: "SECONDS", help: "kill the program after this much wall-clock time (exit 124, as timeout(1))" },
    "cpu-limit": {
      type: "string",
      value: "SECONDS",
      help: "RLIMIT_CPU of its processes: SIGXCPU after this much CPU time, SIGKILL a second later"
    },
    "memory-limit": {
      type: "string",
      value: "SIZE",
      help: "memory all its processes may take together (e.g. 512M, 2G; default: half the host's\nmemory, at most 4G); malloc, mmap and spawn beyond fail with ENOMEM"
    }
  }
};
function mb(bytes) {
  return bytes < 1048576 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}
function seconds(flag, text) {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n <= 0) return `--${flag} ${text}: expected a number of seconds > 0`;
  return n;
}
function size(flag, text) {
  const m = /^(\d+(?:\.\d+)?)([kmg]?)i?b?$/i.exec(text.trim());
  if (!m) return `--${flag} ${text}: expected a size such as 512M or 2G`;
  const bytes = Math.floor(Number(m[1]) * 1024 ** " kmg".indexOf((m[2] || " ").toLowerCase()));
  if (bytes < 65536) return `--${flag} ${text}: at least 64K (one wasm page)`;
  return bytes;
}
function withHostTz(wasm, env) {
  const tz = process.env.TZ;
  if (tz === void 0 || env.TZ !== void 0) return env;
  let posix;
  try {
    const file = readProgramHead(wasm);
    const { imports, exports } = moduleInterface("head" in file ? file.head : file.bytes);
    posix = personalityFrom(imports, exports) === "posix";
  } catch {
    posix = true;
  }
  return posix ? { TZ: tz, ...env } : env;
}
function parseRunArgs(argv) {
  const p = parseCommand(RUN_COMMAND, argv);
  const out = { mounts: [], env: {}, roms: [], program: "", args: [], calls: defaultCallOptions(), bins: [], quiet: false };
  if (p.kind === "error") return p.message;
  if (p.kind === "help") return { ...out, help: true };
  const v = p.values;
  for (const d of allStrings(v.dir)) {
    const parts = d.split(":");
    const readOnly = parts.length > 1 && parts[parts.length - 1] === "ro";
    if (readOnly) parts.pop();
    if (parts.length > 2 || parts[0] === "") return `--dir ${d}: expected HOST[:GUEST][:ro]`;
    const host = resolve(parts[0]);
    if (!existsSync(host)) return `--dir ${d}: no such host directory ${host}`;
    if (!statSync(host).isDirectory()) return `--dir ${d}: ${host} is not a directory`;
    const guest = parts[1] ?? host;
    if (guest.startsWith("/")) {
      out.mounts.push({ host, guest, readOnly });
      continue;
    }
    const name = guest.split("/").filter((c) => c !== "" && c !== ".");
    if (name.length === 0 || name.includes("..")) return `--dir ${d}: the guest path must name a directory beneath /`;
    out.mounts.push({ host, guest: "/" + name.join("/"), readOnly, preopenName: guest });
  }
  for (const e of allStrings(v.env)) {
    const eq = e.indexOf("=");
    if (eq === 0) return `--env ${e}: expected NAME=VALUE or NAME`;
    if (eq > 0) {
      out.env[e.slice(0, eq)] = e.slice(eq + 1);
      continue;
    }
    const host = process.env[e];
    if (host !== void 0) out.env[e] = host;
  }
  for (const r of allStrings(v.rom)) {
    const colon = r.lastIndexOf(":");
    const path = colon > 0 ? r.slice(0, colon) : r;
    if (!existsSync(path)) return `--rom ${r}: no such file ${path}`;
    out.roms.push({ path: resolve(path), name: colon > 0 ? r.slice(colon + 1) : basename(path) });
  }
  for (const b of allStrings(v.bin)) {
    if (!existsSync(b) || !statSync(b).isDirectory()) return `--bin ${b}: no such host directory`;
    out.bins.push(resolve(b));
  }
  const calls = callOptionsFrom(v);
  if (typeof calls === "string") return calls;
  out.calls = calls;
  out.quiet = v.quiet === true;
  if (v.decouple === true) out.decouple = true;
  if (v["no-root-preopen"] === true) out.noRootPreopen = true;
  if (v.isolate === true) out.isolate = true;
  if (v.progress === true) out.progress = true;
  if (v["prepare-first"] === true) out.prepareFirst = true;
  const l4 = parseL4Args(v);
  if (typeof l4 === "string") return l4;
  if (l4.tasks.length > 0) out.l4 = l4;
  for (const [flag, parse, key] of [
    ["timeout", seconds, "timeout"],
    ["cpu-limit", seconds, "cpuLimit"],
    ["memory-limit", size, "memoryLimit"],
    ["prepare-time", seconds, "prepareTime"],
    ["prepare-memory", size, "prepareMemory"]
  ]) {
    const text = lastString(v[flag]);
    if (text === void 0) continue;
    const n = parse(flag, text);
    if (typeof n === "string") return n;
    out[key] = n;
  }
  if (p.operands.length === 0) return "missing PROGRAM (a .wasm or .c file to run)";
  out.program = p.operands[0];
  out.args = p.operands.slice(1);
  return out;
}
const SHELL_COMMANDS = ["cat", "wc", "ls", "hello", "romread", "sh"];
async function binPrograms(parsed, log) {
  const own = resolve(PACKAGE_ROOT, "examples");
  const exampleShell = dirname(resolve(parsed.program)) === own && /^sh\.(c|wasm)$/.test(basename(parsed.program));
  const dirs = parsed.bins.length > 0 ? parsed.bins.map((d) => ({ dir: d, compile: true })) : exampleShell ? [{ dir: own, compile: true }] : [];
  const out = {};
  for (const { dir, compile } of dirs) {
    const files = readdirSync(dir);
    for (const f of files) {
      if (f.endsWith(".wasm") && isFile(join(dir, f))) out[`/bin/${f.slice(0, -5)}`] = join(dir, f);
    }
    if (!compile) continue;
    for (const f of files) {
      const name = f.slice(0, -2);
      if (!f.endsWith(".c") || out[`/bin/${name}`] !== void 0 || !isFile(join(dir, f))) continue;
      if (dir === own && !SHELL_COMMANDS.includes(name)) continue;
      out[`/bin/${name}`] = await compileCached(join(dir, f), ["-O2"], log);
    }
  }
  return out;
}
function buildFailed(e, log) {
  log(e.diagnostics);
  log(`l4wasm: ${e.source}: compilation failed (clang exit ${e.status}): cannot run it
`);
  return 126;
}
function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
const FORWARDED_SIGNALS = {
  SIGHUP: Sig.HUP,
  SIGINT: Sig.INT,
  SIGQUIT: Sig.QUIT,
  SIGUSR1: Sig.USR1,
  SIGUSR2: Sig.USR2,
  SIGTERM: Sig.TERM,
  SIGWINCH: Sig.WINCH,
  SIGCONT: Sig.CONT
};
function forwardHostSignals(machine, proc, progress) {
  const handlers = [];
  for (const [name, sig] of Object.entries(FORWARDED_SIGNALS)) {
    const handler = () => {
      const gp = proc();
      const p = gp?.process;
      if (gp === void 0 || p === void 0) {
        if (sig === FORWARDED_SIGNALS.SIGWINCH || sig === FORWARDED_SIGNALS.SIGCONT) return;
        progress.finish("interrupted");
        process.exit(128 + sig);
      }
      if (sig === FORWARDED_SIGNALS.SIGINT && p.signals.state.isPending(sig)) {
        p.terminate(sig);
        return;
      }
      const group = p.identity.pgid;
      const members = [...machine()?.running.values() ?? []].filter((q) => !q.ended && q.identity.pgid === group);
      for (const q of members.length > 0 ? members : [p]) q.kill(sig);
    };
    process.on(name, handler);
    handlers.push([name, handler]);
  }
  return () => {
    for (const [name, h] of handlers) process.off(name, h);
  };
}
const WASM_TIERING_BUDGET = 18e6;
async function runCommand(argv) {
  phase("loaded");
  setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
  const parsed = parseRunArgs(argv);
  if (typeof parsed === "string") return argError("run", parsed);
  if (parsed.help) {
    process.stdout.write(helpText(RUN_COMMAND));
    return 0;
  }
  const log = (t) => process.stderr.write(t);
  const progress = new Progress({ quiet: parsed.quiet, steps: parsed.progress === true });
  let machine;
  let proc;
  const unforward = forwardHostSignals(() => machine, () => proc, progress);
  try {
    return await run(parsed, log, progress, (m) => {
      machine = m;
    }, (p) => {
      proc = p;
    });
  } finally {
    unforward();
    progress.finish();
  }
}
async function run(parsed, log, progress, setMachine, setProc) {
  let wasm = parsed.program;
  if (!existsSync(wasm)) {
    log(`l4wasm: ${wasm}: no such file
`);
    return 127;
  }
  if (statSync(wasm).isDirectory()) {
    log(`l4wasm: ${wasm}: is a directory
`);
    return 126;
  }
  if (wasm.endsWith(".c")) {
    try {
      wasm = await compileCached(wasm, ["-O2"], progress);
    } catch (e) {
      if (e instanceof CompileError) return buildFailed(e, log);
      throw e;
    }
  }
  let programs;
  try {
    programs = await binPrograms(parsed, progress);
  } catch (e) {
    if (e instanceof CompileError) return buildFailed(e, log);
    throw e;
  }
  const self = `/bin/${basename(parsed.program).replace(/\.(wasm|c)$/, "")}`;
  programs[self] = wasm;
  let started = false;
  let task;
  const onProgress = (text) => {
    const line = text.replace(/^l4wasm: /, "").replace(/\n$/, "");
    const isProgress = /^(preparing|compiling|instrumenting|transforming)\b/.test(line) && !/ in the background/.test(line);
    if (!started && isProgress) {
      task?.end();
      task = progress.start(line);
      return;
    }
    if ((isProgress || / in the background/.test(line)) && parsed.quiet) return;
    if (/running decoupled/.test(line)) {
      task?.end("stopped");
      task = void 0;
    }
    progress.note(text);
  };
  const onPrepareProgress = (p) => {
    if (started) return;
    task?.update?.(`preparing ${p.program} (${mb(p.moduleBytes)}, ${mb(p.codeBytes)} of code): ${p.phase}`);
  };
  let machine;
  try {
    machine = await Machine.boot({
      mounts: parsed.mounts,
      roms: parsed.roms,
      onProgress,
      onPrepareProgress,
      programs,
      // Read and compiled while the machine boots, when cached (a decoupled run loads it its own way).
      preload: parsed.decouple === true ? [] : [wasm],
      rootPreopen: parsed.noRootPreopen !== true,
      isolateCores: parsed.isolate === true,
      prepareTimeBudget: parsed.prepareTime === void 0 ? void 0 : parsed.prepareTime * 1e3,
      prepareMemoryBudget: parsed.prepareMemory,
      ...parsed.prepareFirst === true ? { prepareInBackground: false } : {},
      memoryLimit: parsed.memoryLimit,
      cpuLimit: parsed.cpuLimit,
      // A host error that failed a call is one line (once); one that ended the program is the
      // status line below.
      onInternalError: (r) => {
        if (!r.fatal) log(`l4wasm: ${r.program ?? parsed.program}: internal error in ${r.where} (the call failed with EIO): ${r.error?.message ?? r.error}
`);
      }
    });
  } catch (e) {
    log(`l4wasm: ${e.message}
`);
    return 1;
  }
  setMachine(machine);
  let calls;
  try {
    calls = callWrappers(machine, parsed.calls);
  } catch (e) {
    log(`l4wasm: --trace-file ${parsed.calls.traceFile}: ${e.message}
`);
    await machine.shutdown();
    return 2;
  }
  if (parsed.l4 !== void 0) {
    const tasks = await startL4(machine, parsed.l4, log, (f) => compileCached(f, ["-O2"], progress));
    if (typeof tasks === "string") {
      log(`l4wasm: ${tasks}
`);
      await machine.shutdown();
      return 126;
    }
  }
  const proc = machine.spawn(wasm, {
    wrapImports: calls.wrap,
    args: [self, ...parsed.args],
    env: withHostTz(wasm, parsed.env),
    stdio: "inherit",
    stdin: "inherit",
    name: parsed.program,
    decouple: parsed.decouple,
    timeout: parsed.timeout === void 0 ? void 0 : parsed.timeout * 1e3,
    onStart: () => {
      phase("start");
      started = true;
      task?.end();
      task = void 0;
    }
  });
  setProc(proc);
  try {
    const status = await proc.exit;
    phase("exit");
    await calls.trace?.finish();
    if (status.trap) {
      log(`l4wasm: ${parsed.program}: trap: ${status.trap.message}${status.trap.func ? ` in ${status.trap.func}` : ""}
`);
    }
    if (status.error !== void 0) log(`l4wasm: ${parsed.program}: ${status.error}
`);
    if (status.limit === "time") return 124;
    if (status.signal !== void 0) return 128 + status.signal;
    return status.code;
  } catch (e) {
    task?.end("failed");
    if (e instanceof LoadError) {
      log(`l4wasm: ${e.message}
`);
      return 126;
    }
    if (typeof e.code === "string") {
      log(`l4wasm: ${e.message}
`);
      return 126;
    }
    throw e;
  } finally {
    calls.trace?.sink.close();
    await machine.shutdown();
    phase("shutdown");
  }
}
export {
  FORWARDED_SIGNALS,
  RUN_COMMAND,
  parseRunArgs,
  runCommand
};
