import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../toolchain/cc.js";
import { cacheDir, compileCached, CompileError } from "../toolchain/compile_cache.js";
import { argError, helpText, lastString, parseCommand } from "./args.js";
import { WASI_FUNCTIONS } from "../libc/wasi.js";
import { L4POSIX_FUNCTIONS } from "../libc/l4posix.js";
import {
  MOUNTS,
  WASM_UTIL_CLOCK,
  measureFloor,
  runL4wasm,
  runNative,
  runNodeWasi,
  runWasiShim,
  runWasmUtil
} from "./bench_runners.js";
import { childPasses, NODE_WASI_GROW } from "./bench_child.js";
import { formatStrace, straceCounts, STRACE_OPS } from "./bench_strace.js";
import {
  COLUMNS,
  ONE_PASS_OPS,
  OPS,
  computeGoals,
  computeTracing,
  formatFindings,
  formatNs,
  formatSvg,
  formatTable
} from "./bench_report.js";
const SOURCE = join(PACKAGE_ROOT, "bench", "syscalls.c");
const PATH_NAMES = COLUMNS.map((c) => c.key);
const RENAMED = { open_close: "open_close_tmpfs", stat: "stat_tmpfs" };
const BENCH_SYSCALLS_COMMAND = {
  name: "bench syscalls",
  operands: "",
  operandMode: "none",
  description: `Times each kind of call on each path (local, server IPC, traced, forwarded from a
decoupled program), each file operation on tmpfs, a host mount and ROM, next to node:wasi,
browser_wasi_shim, @tybys/wasm-util and the same C compiled natively. Writes OUT/syscalls.json
and OUT/syscalls.svg.`,
  options: {
    quick: { type: "boolean", help: "fewer iterations (a rough figure in seconds)" },
    path: { type: "string", value: "P,...", help: `only these columns: ${PATH_NAMES.join(",")}` },
    paths: { type: "string", value: "P,...", help: "the same as --path" },
    only: { type: "string", value: "OP,...", help: "only these operations (names as in syscalls.json)" },
    out: { type: "string", value: "DIR", help: "where the results go (default: ./bench)" },
    strace: { type: "boolean", help: `count host system calls per guest call (strace -f -c) instead of timing: l4wasm local
and node:wasi (or the --path columns), the host-mount file operations (or --only); OUT/syscalls-strace.json` }
  }
};
function parseBenchArgs(argv) {
  const o = { quick: false, paths: [...PATH_NAMES], out: "bench" };
  const p = parseCommand(BENCH_SYSCALLS_COMMAND, argv);
  if (p.kind === "error") return p.message;
  if (p.kind === "help") return { ...o, help: true };
  const v = p.values;
  o.quick = v.quick === true;
  for (const flag of ["path", "paths"]) {
    const value = lastString(v[flag]);
    if (value === void 0) continue;
    const list = value.split(",").map((s) => s.trim()).filter(Boolean);
    const bad = list.find((x) => !PATH_NAMES.includes(x));
    if (bad !== void 0 || list.length === 0) return `--${flag} ${bad ?? value}: expected some of ${PATH_NAMES.join(",")}`;
    o.paths = list;
    o.pathsGiven = true;
  }
  o.strace = v.strace === true;
  const out = lastString(v.out);
  if (out !== void 0) o.out = out;
  const only = lastString(v.only);
  if (only !== void 0) {
    const list = only.split(",").map((k) => RENAMED[k] ?? k);
    const bad = list.find((k) => !OPS.some((op) => op.key === k));
    if (bad !== void 0) return `--only ${bad}: expected some of ${OPS.map((op) => op.key).join(",")}`;
    o.only = list;
  }
  return o;
}
async function benchSyscallsCommand(argv) {
  const o = parseBenchArgs(argv);
  if (typeof o === "string") return argError("bench syscalls", o);
  if (o.help) {
    process.stdout.write(helpText(BENCH_SYSCALLS_COMMAND));
    return 0;
  }
  try {
    if (o.strace) {
      const r2 = await benchStrace(o);
      process.stdout.write(`
${formatStrace(r2)}
wrote ${join(o.out, "syscalls-strace.json")}
`);
      return 0;
    }
    const r = await benchSyscalls(o);
    process.stdout.write(`
${formatTable(r)}
${formatFindings(r)}`);
    process.stdout.write(`
wrote ${join(o.out, "syscalls.json")} and ${join(o.out, "syscalls.svg")}
`);
    return 0;
  } catch (e) {
    if (e instanceof CompileError) {
      process.stderr.write(`${e.diagnostics}l4wasm: ${e.source}: the benchmark program did not compile
`);
      return 1;
    }
    process.stderr.write(`l4wasm bench syscalls: ${e.message}
`);
    return 1;
  }
}
async function benchSyscalls(o) {
  const log = o.log ?? ((t) => {
    process.stderr.write(t);
  });
  const started = performance.now();
  const loadBefore = os.loadavg()[0];
  if (loadBefore > os.cpus().length / 2) {
    log(`note: the machine is busy (load average ${loadBefore.toFixed(1)} on ${os.cpus().length} cores): the figures will be noisy
`);
  }
  const want = new Set(o.paths);
  const wasmColumns = ["local", "server", "traced", "forwarded", "node-wasi", "wasi-shim", "wasm-util"].filter((c) => want.has(c));
  const build = {};
  let wasm;
  if (wasmColumns.length > 0) {
    log("building bench/syscalls.c with l4wasm cc\n");
    const b = await buildWasm(log);
    wasm = b.wasm;
    Object.assign(build, b.features);
  }
  let native;
  let nativeWhy;
  if (want.has("native")) {
    const n = buildNative(log);
    if (typeof n === "string") native = n;
    else nativeWhy = n.why;
    build.native = native !== void 0 ? "built" : `not built: ${nativeWhy}`;
  }
  const results = {};
  const columnNotes = {};
  const run = async (key, label, fn) => {
    log(`${label}:
`);
    const setup = {
      quick: o.quick,
      only: o.only,
      onCell: (op, cell) => log(`  ${op.padEnd(18)} ${describe(cell)}
`)
    };
    try {
      results[key] = await fn(setup);
    } catch (e) {
      const why = e.message.split("\n")[0];
      log(`  failed: ${e.message}
`);
      results[key] = Object.fromEntries(OPS.map(({ key: op }) => [op, { na: `the run failed: ${why}` }]));
    }
  };
  const passes = o.quick ? 1 : 3;
  const selected = o.only ?? OPS.map((op) => op.key);
  const onePass = selected.filter((k) => ONE_PASS_OPS.includes(k));
  const logCell = (name, cell) => log(`  ${name.padEnd(18)} ${describe(cell)}
`);
  const passesOf = /* @__PURE__ */ new Map();
  const morePasses = async (key, label, done, fn) => {
    if (onePass.length === 0 || done >= passes || results[key] === void 0) return;
    const got = Object.fromEntries(onePass.map((op) => [op, (passesOf.get(key)?.[op] ?? [results[key][op]]).filter((c) => c !== void 0)]));
    for (let pass = done; pass < passes; pass++) {
      log(`${label}, ${onePass.join(", ")}: pass ${pass + 1}/${passes} in a fresh process
`);
      const cells = await fn({ quick: o.quick, only: onePass, onCell: logCell });
      for (const op of onePass) if (cells[op] !== void 0) got[op].push(cells[op]);
    }
    for (const op of onePass) results[key][op] = combinePasses(got[op]);
  };
  if (want.has("floor")) {
    await run("floor", "bare wasm\u2192JS import call (the floor)", (s) => {
      const cell = measureFloor(s);
      s.onCell?.("empty_call", cell);
      return { empty_call: cell };
    });
  }
  if (want.has("native")) {
    if (native !== void 0) {
      await run("native", `native (${native})`, (s) => runNative(native, s));
      await morePasses("native", "native", 1, (s) => runNative(native, s));
    } else results.native = Object.fromEntries(OPS.map(({ key }) => [key, { na: `no native build: ${nativeWhy}` }]));
  }
  if (wasm !== void 0) {
    const l4 = (variant) => (s) => runL4wasm(wasm, variant, s, log);
    if (want.has("local") || want.has("server") || want.has("traced")) {
      log("l4wasm: warming up (a quick run, not reported)\n");
      await runL4wasm(wasm, "local", { quick: true, only: o.only }, log);
    }
    const rounds = o.quick ? 1 : 2;
    const untracedRuns = [];
    const localRuns = [];
    for (let round = 0; round < rounds && want.has("local"); round++) {
      await run("local-untraced", `l4wasm, local path on a machine that never traces (trace-off check, run ${round + 1}/${rounds})`, l4("local-untraced"));
      untracedRuns.push(results["local-untraced"]);
      await run("local", `l4wasm, local path, as \`l4wasm run\` sets it up (run ${round + 1}/${rounds})`, l4("local"));
      localRuns.push(results.local);
    }
    passesOf.set("local", Object.fromEntries(onePass.map((op) => [op, localRuns.map((r) => r[op]).filter((c) => c !== void 0)])));
    if (localRuns.length > 0) {
      results.local = best(localRuns);
      results["local-untraced"] = best(untracedRuns);
      await morePasses("local", "l4wasm, local path", localRuns.length, l4("local"));
    }
    if (want.has("server")) await run("server", "l4wasm, server path (kernel IPC to the POSIX server)", l4("server"));
    if (want.has("traced")) await run("traced", "l4wasm, local path traced (--trace, output discarded)", l4("traced"));
    if (want.has("forwarded")) await run("forwarded", "l4wasm, decoupled: calls forwarded from a worker to the vCPU (getpid after the first and clock_gettime are answered on the worker)", l4("forwarded"));
    const anchor = async (key, label, fn) => {
      const here = selected.filter((k) => !ONE_PASS_OPS.includes(k));
      if (here.length > 0) await run(key, label, (s) => fn({ ...s, only: here }));
      const cells = results[key] ?? {};
      for (const op of onePass) {
        log(`${label}, ${op}: ${passes} pass${passes > 1 ? "es" : ""}, each in a process of its own:
`);
        const { got, deaths } = await childPasses(key, wasm, op, passes, { quick: o.quick, onCell: logCell }, log);
        if (deaths.length > 0) {
          const note = `${deaths.length} of ${passes} processes for ${op}: ${[...new Set(deaths)].join("; ")}${key === "node-wasi" ? NODE_WASI_GROW : ""}`;
          columnNotes[key] = [columnNotes[key], note].filter(Boolean).join("; ");
        }
        cells[op] = combinePasses(got);
      }
      results[key] = cells;
    };
    if (want.has("node-wasi")) await anchor("node-wasi", "node:wasi", (s) => runNodeWasi(wasm, s));
    if (want.has("wasi-shim")) await anchor("wasi-shim", "@bjorn3/browser_wasi_shim", (s) => runWasiShim(wasm, s));
    if (want.has("wasm-util")) {
      columnNotes["wasm-util"] = WASM_UTIL_CLOCK;
      await anchor("wasm-util", "@tybys/wasm-util (Node's fs)", (s) => runWasmUtil(wasm, s));
    }
  }
  const cpus = os.cpus();
  const result = {
    date: (/* @__PURE__ */ new Date()).toISOString(),
    machine: {
      cpuModel: cpus[0]?.model.trim() ?? "unknown",
      cores: cpus.length,
      node: process.version,
      platform: os.platform(),
      arch: os.arch(),
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: [Math.round(loadBefore * 100) / 100, Math.round(os.loadavg()[0] * 100) / 100]
    },
    quick: o.quick,
    build,
    units: "ns/op",
    ops: OPS,
    results,
    goals: computeGoals(results),
    mounts: MOUNTS,
    ...Object.keys(columnNotes).length > 0 ? { columnNotes } : {},
    tracing: computeTracing(results)
  };
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, "syscalls.json"), JSON.stringify(result, null, 2) + "\n");
  writeFileSync(join(o.out, "syscalls.svg"), formatSvg(result));
  log(`done in ${((performance.now() - started) / 1e3).toFixed(1)} s
`);
  return result;
}
async function benchStrace(o) {
  const log = o.log ?? ((t) => {
    process.stderr.write(t);
  });
  const byColumn = { local: "l4wasm", "node-wasi": "node-wasi", "wasm-util": "wasm-util", "wasi-shim": "wasi-shim" };
  const runtimes = o.pathsGiven === true ? o.paths.map((p) => byColumn[p]).filter((r2) => r2 !== void 0) : ["l4wasm", "node-wasi"];
  if (runtimes.length === 0) throw new Error(`--strace counts some of ${Object.keys(byColumn).join(",")}`);
  log("building bench/syscalls.c with l4wasm cc\n");
  const { wasm } = await buildWasm(log);
  log(`counting host system calls (strace -f -c)${o.quick ? ", quick" : ""}:
`);
  const r = await straceCounts(wasm, { runtimes, ops: o.only ?? STRACE_OPS, quick: o.quick, log });
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, "syscalls-strace.json"), JSON.stringify(r, null, 2) + "\n");
  return r;
}
function combinePasses(cells) {
  const figures = cells.filter((c) => "median" in c);
  if (figures.length === 0) return cells[0] ?? { na: "no pass gave a figure" };
  const m = figures.map((c) => c.median).sort((a, b) => a - b);
  return {
    median: m.length % 2 === 1 ? m[m.length >> 1] : (m[m.length / 2 - 1] + m[m.length / 2]) / 2,
    min: Math.min(...figures.map((c) => c.min)),
    max: Math.max(...figures.map((c) => c.max)),
    reps: figures.reduce((n, c) => n + c.reps, 0),
    iterations: figures[0].iterations
  };
}
function best(runs) {
  const out = {};
  for (const cells of runs) {
    for (const [op, cell] of Object.entries(cells)) {
      const prev = out[op];
      if (prev === void 0 || "median" in cell && (!("median" in prev) || cell.median < prev.median)) out[op] = cell;
    }
  }
  return out;
}
function describe(cell) {
  if ("na" in cell) return `n/a (${cell.na})`;
  return `${formatNs(cell.median)} ns/op (min ${formatNs(cell.min)}, max ${formatNs(cell.max)}, ${cell.reps} reps of ${cell.iterations})`;
}
const FEATURES = [
  { define: "HAVE_MMAP", what: "mmap", header: "sys/mman.h" },
  { define: "HAVE_SIGNALS", what: "signals", header: "signal.h" },
  { define: "HAVE_PIPE", what: "pipe", header: "unistd.h", mentions: "pipe(" }
];
const PROVIDED = /* @__PURE__ */ new Set([
  ...WASI_FUNCTIONS.map((n) => `wasi_snapshot_preview1.${n}`),
  ...L4POSIX_FUNCTIONS.map((n) => `l4posix.${n}`)
]);
async function tryBuild(defines) {
  let wasm;
  try {
    wasm = await compileCached(SOURCE, ["-O2", ...defines.map((d) => `-D${d}=1`)]);
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    const first = e.diagnostics.split("\n").find((l) => /error/.test(l)) ?? `clang exit ${e.status}`;
    return { why: first.replace(/^.*?error: /, "").trim() };
  }
  const missing = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasm))).filter((i) => i.kind === "function" && !PROVIDED.has(`${i.module}.${i.name}`)).map((i) => `${i.module}.${i.name}`);
  return missing.length === 0 ? { wasm } : { why: `l4wasm does not provide ${missing.join(", ")}` };
}
async function buildWasm(log) {
  const include = join(PACKAGE_ROOT, "sysroot", "include");
  const features = {};
  const candidates = FEATURES.filter((f) => {
    const h = join(include, f.header);
    const ok = existsSync(h) && (!("mentions" in f) || readFileSync(h, "utf8").includes(f.mentions));
    if (!ok) features[f.what] = `not built: the l4wasm sysroot has no ${f.header}${"mentions" in f ? ` declaring ${f.mentions.slice(0, -1)}` : ""}`;
    return ok;
  });
  const all = await tryBuild(candidates.map((f) => f.define));
  if ("wasm" in all) {
    for (const f of candidates) features[f.what] = "built";
    return { wasm: all.wasm, features };
  }
  const working = [];
  for (const f of candidates) {
    const one = await tryBuild([f.define]);
    if ("wasm" in one) {
      working.push(f.define);
      features[f.what] = "built";
    } else {
      features[f.what] = `not built: ${one.why}`;
      log(`  ${f.what}: ${features[f.what]}
`);
    }
  }
  const b = await tryBuild(working);
  if (!("wasm" in b)) throw new Error(`bench/syscalls.c does not build for l4wasm: ${b.why}`);
  return { wasm: b.wasm, features };
}
function buildNative(log) {
  const compilers = [process.env.CC, "cc", "gcc", "clang"].filter((c) => !!c);
  for (const compiler of compilers) {
    const version = spawnSync(compiler, ["--version"], { encoding: "utf8" });
    if (version.status !== 0) continue;
    const h = createHash("sha256").update(compiler).update(version.stdout).update(readFileSync(SOURCE));
    const out = join(cacheDir(), `native-syscalls-${h.digest("hex").slice(0, 16)}`);
    if (existsSync(out)) return out;
    log(`compiling bench/syscalls.c natively with ${compiler}
`);
    const tmp = `${out}.${process.pid}.tmp`;
    const r = spawnSync(compiler, ["-O2", "-o", tmp, SOURCE], { encoding: "utf8" });
    if (r.status !== 0) return { why: `${compiler} failed: ${(r.stderr || "").split("\n")[0]}` };
    renameSync(tmp, out);
    return out;
  }
  return { why: "no C compiler found (cc, gcc, clang or $CC)" };
}
export {
  BENCH_SYSCALLS_COMMAND,
  SOURCE,
  benchStrace,
  benchSyscalls,
  benchSyscallsCommand,
  combinePasses,
  parseBenchArgs
};
