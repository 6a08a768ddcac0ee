import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runChild } from "./bench_child.js";
import { OPS } from "./bench_report.js";
const STRACE_OPS = ["open_close_hostfs", "stat_hostfs", "read_hostfs_4k", "write_hostfs_64"];
const BACKGROUND = /* @__PURE__ */ new Set([
  "futex",
  "epoll_pwait",
  "epoll_wait",
  "mprotect",
  "madvise",
  "brk",
  "mmap",
  "munmap",
  "sched_yield",
  "nanosleep",
  "clock_nanosleep",
  "getrusage"
]);
function parseStraceSummary(text) {
  const out = {};
  for (const line of text.split("\n")) {
    const m = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$/.exec(line);
    if (m && m[2] !== "total") out[m[2]] = (out[m[2]] ?? 0) + Number(m[1]);
  }
  return out;
}
function straceVersion() {
  const v = spawnSync("strace", ["-V"], { encoding: "utf8" });
  if (v.status !== 0) return { why: "strace is not installed (it counts the host system calls; apt-get install strace)" };
  const t = spawnSync("strace", ["-f", "-c", "-o", "/dev/null", "--", process.execPath, "-e", "0"], { encoding: "utf8" });
  if (t.status !== 0) return { why: `strace cannot trace here: ${(t.stderr || `exit ${t.status}`).trim().split("\n")[0]}` };
  return v.stdout.split("\n")[0].trim();
}
async function straceCounts(wasm, o) {
  const strace = straceVersion();
  if (typeof strace !== "string") throw new Error(strace.why);
  const calls = o.quick ? [200, 1200] : [1e3, 6e3];
  const dir = mkdtempSync(join(tmpdir(), "l4wasm-strace-"));
  const counts = {};
  try {
    for (const runtime of o.runtimes) {
      const row = {};
      for (const op of o.ops) {
        const totals = [];
        let na;
        for (const count of calls) {
          const file = join(dir, `${runtime}-${op}-${count}.txt`);
          const r = await runChild(runtime, wasm, { quick: true, only: [op], count }, ["strace", "-f", "-c", "-o", file, "--"]);
          const cell = r.cells[op];
          if (cell !== void 0 && "na" in cell) {
            na = cell.na;
            break;
          }
          if (r.code !== 0) {
            na = `the run ${r.signal !== null ? `was killed by ${r.signal}` : `exited with ${r.code}`}: ${r.stderr.trim().split("\n").pop() ?? ""}`;
            break;
          }
          totals.push(parseStraceSummary(readFileSync(file, "utf8")));
        }
        row[op] = na !== void 0 ? { na } : perCall(totals[0], totals[1], calls[1] - calls[0]);
        o.log(`  ${runtime.padEnd(10)} ${op.padEnd(18)} ${describeCount(row[op])}
`);
      }
      counts[runtime] = row;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { date: (/* @__PURE__ */ new Date()).toISOString(), calls, strace, counts };
}
function perCall(a, b, n) {
  const c = { perCall: 0, bySyscall: {}, background: 0, backgroundBySyscall: {} };
  for (const name of /* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = ((b[name] ?? 0) - (a[name] ?? 0)) / n;
    const bg = BACKGROUND.has(name);
    if (bg) c.background += d;
    else c.perCall += d;
    if (Math.abs(d) >= 0.02) (bg ? c.backgroundBySyscall : c.bySyscall)[name] = round2(d);
  }
  c.perCall = round2(c.perCall);
  c.background = round2(c.background);
  return c;
}
function round2(x) {
  return Math.round(x * 100) / 100 + 0;
}
const list = (o) => Object.entries(o).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v}`).join(", ");
function describeCount(c) {
  if ("na" in c) return `n/a (${c.na})`;
  const direct = Object.keys(c.bySyscall).length > 0 ? ` (${list(c.bySyscall)})` : "";
  const bg = Object.keys(c.backgroundBySyscall).length > 0 ? ` (${list(c.backgroundBySyscall)})` : "";
  return `${c.perCall.toFixed(2)}${direct}; background ${c.background.toFixed(2)}${bg}`;
}
const RUNTIME_LABELS = {
  l4wasm: "l4wasm (local path)",
  "node-wasi": "node:wasi",
  "wasi-shim": "browser_wasi_shim",
  "wasm-util": "wasm-util"
};
function formatStrace(r) {
  const label = (op) => OPS.find((x) => x.key === op)?.label ?? op;
  let out = `host system calls per guest call (strace -f -c on the whole Node process, ${r.calls[1] - r.calls[0]} calls; ${r.date.slice(0, 10)}, ${r.strace})
`;
  const ops = [...new Set(Object.values(r.counts).flatMap((row) => Object.keys(row)))];
  for (const op of ops) {
    out += `${label(op)}
`;
    for (const [runtime, row] of Object.entries(r.counts)) {
      if (row[op] !== void 0) out += `  ${RUNTIME_LABELS[runtime].padEnd(22)} ${describeCount(row[op])}
`;
    }
  }
  return out;
}
export {
  BACKGROUND,
  STRACE_OPS,
  describeCount,
  formatStrace,
  parseStraceSummary,
  straceCounts,
  straceVersion
};
