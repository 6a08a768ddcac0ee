import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../toolchain/cc.js";
import { compileCached } from "../toolchain/compile_cache.js";
import { Machine } from "../guest/machine.js";
import { msgTag, ThreadState } from "../kernel/kernel.js";
const BENCH_L4_COMMAND = {
  name: "bench l4",
  operands: "",
  operandMode: "none",
  description: "Round trips and bulk throughput through the proxy driver's shared ring (guest <-> native L4\ntask), a pipe between guest processes, and kernel IPC from C. Writes OUT/l4.json and OUT/l4.svg.",
  options: {
    quick: { type: "boolean", help: "fewer iterations (a rough figure in seconds)" },
    out: { type: "string", value: "DIR", help: "where l4.json and l4.svg go (default: ./bench)" }
  }
};
const CASES = [
  { key: "ipc_task", label: "IPC call+reply, C guest -> C task", unit: "ns", args: (q) => ["ipc", q ? "500" : "5000"] },
  { key: "ipc_ts", label: "IPC call+reply, C guest -> TypeScript server", unit: "ns", args: (q) => ["ipc", q ? "500" : "5000", "echo-ts"] },
  { key: "ipc_task_core", label: "IPC call+reply, C guest -> C task on its own core", unit: "ns", args: (q) => ["ipc", q ? "200" : "1000", "echo-core"] },
  { key: "ring_ping", label: "64 B round trip, proxy ring (guest <-> task)", unit: "ns", args: (q) => ["ring-ping", q ? "300" : "3000"] },
  { key: "ring_ping_core", label: "64 B round trip, proxy ring, task on its own core", unit: "ns", args: (q) => ["ring-ping", q ? "200" : "1000", "/dev/l4shm/ring-core"] },
  { key: "pipe_ping", label: "64 B round trip, pipes (guest <-> guest)", unit: "ns", args: (q) => ["pipe-ping", q ? "300" : "3000"] },
  { key: "ring_bulk", label: "bulk, proxy ring (guest -> task)", unit: "MB/s", args: (q) => ["ring-bulk", q ? "8" : "64"] },
  { key: "ring_bulk_core", label: "bulk, proxy ring, task on its own core", unit: "MB/s", args: (q) => ["ring-bulk", q ? "8" : "32", "/dev/l4shm/ring-core"] },
  { key: "pipe_bulk", label: "bulk, pipe (guest -> guest)", unit: "MB/s", args: (q) => ["pipe-bulk", q ? "8" : "64"] }
];
async function benchL4(out, options) {
  const log = options.log ?? ((t) => process.stderr.write(t));
  const wasm = await compileCached(join(PACKAGE_ROOT, "bench", "l4.c"), ["-O2"]);
  const m = await Machine.boot();
  const rows = [];
  try {
    m.l4.channel("echo");
    m.l4.serve("echo-ts", { dispatch: (msg) => msgTag(0, msg.words) });
    m.l4.proxy("ring", 36864);
    m.l4.channel("echo-core");
    m.l4.proxy("ring-core", 36864);
    const tasks = [
      await m.startTask(wasm, { args: ["l4", "echo-server"], caps: { echo: { object: "echo", server: true } } }),
      await m.startTask(wasm, { args: ["l4", "ring-server"], caps: { ring: { object: "ring", server: true } } }),
      // The same servers on cores of their own: their code in workers, their calls forwarded.
      await m.startTask(wasm, { decouple: true, args: ["l4", "echo-server"], caps: { echo: { object: "echo-core", server: true } } }),
      await m.startTask(wasm, { decouple: true, args: ["l4", "ring-server"], caps: { ring: { object: "ring-core", server: true } } })
    ];
    const ready = (t, i) => t.ended || t.serving && (i >= 2 || m.kernel.threadState(t.thread.id) === ThreadState.BlockedOnReceive);
    for (let i = 0; i < 2e3 && !tasks.every(ready); i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const reps = options.quick ? 3 : 5;
    for (const c of CASES) {
      const runs = [];
      for (let i = 0; i < reps; i++) {
        const p = m.spawn(wasm, { args: ["l4", ...c.args(options.quick)] });
        const status = await p.exit;
        const line = /^RESULT \S+ ([\d.]+) /m.exec(p.stdout);
        if (status.code !== 0 || line === null) throw new Error(`bench l4 ${c.key}: ${p.stdout}${p.stderr}`);
        runs.push(Number(line[1]));
      }
      const sorted = [...runs].sort((a, b) => a - b);
      rows.push({ key: c.key, label: c.label, unit: c.unit, median: sorted[Math.floor(sorted.length / 2)], runs });
      log(`  ${c.label.padEnd(48)} ${fmt(rows[rows.length - 1])}
`);
    }
    for (const t of tasks) if (t.ended) throw new Error(`bench l4: task ended: ${t.log}`);
  } finally {
    await m.shutdown();
  }
  const result = {
    date: (/* @__PURE__ */ new Date()).toISOString(),
    machine: { cpuModel: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, node: process.version, loadAverage: os.loadavg().slice(0, 2) },
    quick: options.quick,
    setup: "guest processes on the vCPU; native tasks on the vCPU or on their own core (their code in a worker, their calls forwarded to the vCPU); the ring window is published/refreshed at each doorbell and notification (copies, not zero-copy)",
    results: rows
  };
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "l4.json"), JSON.stringify(result, null, 2) + "\n");
  writeFileSync(join(out, "l4.svg"), svg(rows));
  return join(out, "l4.json");
}
function fmt(r) {
  return r.unit === "ns" ? `${(r.median / 1e3).toFixed(1)} \xB5s` : `${r.median.toFixed(0)} MB/s`;
}
function svg(rows) {
  const W = 760, barH = 22, gap = 8, left = 330;
  let y = 30;
  const parts = [];
  for (const [unit, title] of [["ns", "round trip (\xB5s, less is better)"], ["MB/s", "throughput (MB/s, more is better)"]]) {
    const group = rows.filter((r) => r.unit === unit);
    const max = Math.max(...group.map((r) => r.median), 1);
    parts.push(`<text x="10" y="${y}" font-weight="bold">${title}</text>`);
    y += 12;
    for (const r of group) {
      const w = Math.max(1, r.median / max * (W - left - 90));
      parts.push(`<text x="10" y="${y + 15}">${escape(r.label)}</text>`);
      parts.push(`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${r.key.startsWith("ring") ? "#3b7dd8" : r.key.startsWith("pipe") ? "#999" : "#5aa05a"}"/>`);
      parts.push(`<text x="${(left + w + 6).toFixed(1)}" y="${y + 15}">${fmt(r)}</text>`);
      y += barH + gap;
    }
    y += 20;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
${parts.join("\n")}
</svg>
`;
}
function escape(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
export {
  BENCH_L4_COMMAND,
  benchL4
};
