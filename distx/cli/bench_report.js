const OPS = [
  { key: "empty_call", label: "empty host call" },
  { key: "clock_gettime", label: "clock_gettime" },
  { key: "clock_getres", label: "clock_getres" },
  { key: "getpid", label: "getpid" },
  { key: "fcntl_getfl", label: "fcntl(F_GETFL) tmpfs fd" },
  { key: "write_devnull_64", label: "write 64 B /dev/null" },
  { key: "write_tmpfs_64", label: "pwrite 64 B tmpfs" },
  { key: "write_hostfs_64", label: "pwrite 64 B hostfs" },
  { key: "read_tmpfs_4k", label: "read 4 KiB tmpfs" },
  { key: "read_hostfs_4k", label: "read 4 KiB hostfs" },
  { key: "read_rom_4k", label: "read 4 KiB ROM" },
  { key: "open_close_tmpfs", label: "open+close tmpfs" },
  { key: "open_close_hostfs", label: "open+close hostfs" },
  { key: "open_close_rom", label: "open+close ROM" },
  { key: "stat_tmpfs", label: "stat tmpfs" },
  { key: "stat_hostfs", label: "stat hostfs" },
  { key: "stat_rom", label: "stat ROM" },
  { key: "mmap_munmap_64k", label: "mmap+munmap 64 KiB" },
  { key: "signal_roundtrip", label: "signal round trip" },
  { key: "pipe_64", label: "pipe write+read 64 B" },
  { key: "ipc_roundtrip", label: "IPC call+reply" },
  { key: "ipc_c", label: "IPC call+reply from C" },
  { key: "grow_64k", label: "malloc 64 KiB (grow)" }
];
const ONE_PASS_OPS = ["grow_64k"];
const COLUMNS = [
  { key: "native", label: "native", color: "#4d4d4d" },
  { key: "floor", label: "bare wasm\u2192JS", color: "#b3b3b3" },
  { key: "local", label: "l4wasm local", color: "#1f77b4" },
  { key: "server", label: "l4wasm server", color: "#6baed6" },
  { key: "traced", label: "l4wasm traced", color: "#9ecae1" },
  { key: "forwarded", label: "l4wasm forwarded", color: "#2ca02c" },
  { key: "node-wasi", label: "node:wasi", color: "#d62728" },
  { key: "wasi-shim", label: "browser_wasi_shim", color: "#ff9896" },
  { key: "wasm-util", label: "wasm-util", color: "#ff7f0e" }
];
const ISSUE15_VS_NODE_WASI = ["fcntl_getfl", "write_hostfs_64", "read_hostfs_4k", "open_close_hostfs", "stat_hostfs", "grow_64k"];
const ISSUE15_LIMITS = [
  ["open_close_tmpfs", 1e3],
  ["open_close_rom", 1e3],
  ["stat_tmpfs", 800],
  ["stat_rom", 800],
  ["read_tmpfs_4k", 250],
  ["read_rom_4k", 250],
  ["clock_gettime", 40],
  ["clock_getres", 15]
];
const LOCAL_ANSWERED = ["empty_call", "getpid", "clock_gettime"];
function median(cell) {
  return cell !== void 0 && "median" in cell ? cell.median : void 0;
}
function computeGoals(results) {
  const floor = median(results.floor?.empty_call);
  const localVsEmptyCall = {};
  for (const op of LOCAL_ANSWERED) {
    const v = median(results.local?.[op]);
    if (v !== void 0 && floor !== void 0) localVsEmptyCall[op] = round(v / floor);
  }
  const localVsNodeWasi = {};
  for (const { key } of OPS) {
    const l = median(results.local?.[key]);
    const n = median(results["node-wasi"]?.[key]);
    if (l !== void 0 && n !== void 0) localVsNodeWasi[key] = round(l / n);
  }
  const forwarded = median(results.forwarded?.empty_call);
  const issue15 = [];
  for (const op of ISSUE15_VS_NODE_WASI) {
    const value = median(results.local?.[op]);
    const limit = median(results["node-wasi"]?.[op]);
    issue15.push(check(op, "node-wasi", value, limit));
  }
  for (const [op, ns] of ISSUE15_LIMITS) issue15.push(check(op, "ns", median(results.local?.[op]), ns));
  return {
    localVsEmptyCall,
    localWithin1_5xOfEmptyCall: Object.keys(localVsEmptyCall).length > 0 && Object.values(localVsEmptyCall).every((r) => r <= 1.5),
    localVsNodeWasi,
    localFasterThanNodeWasiEverywhere: Object.keys(localVsNodeWasi).length > 0 && Object.values(localVsNodeWasi).every((r) => r < 1),
    ...forwarded === void 0 ? {} : { forwardedEmptyCallNs: round(forwarded), forwardedWithin1Us: forwarded <= 1e3 },
    issue15
  };
}
function check(op, against, value, limit) {
  const c = { op, against };
  if (limit !== void 0) c.limit = round(limit);
  if (value !== void 0) c.value = round(value);
  if (value !== void 0 && limit !== void 0) c.met = value <= limit;
  return c;
}
function computeTracing(results) {
  const local = results.local;
  const untraced = results["local-untraced"];
  if (local === void 0 || untraced === void 0) return void 0;
  const offRatio = {};
  const onRatio = {};
  for (const { key } of OPS) {
    const l = median(local[key]);
    const u = median(untraced[key]);
    const t = median(results.traced?.[key]);
    if (l !== void 0 && u !== void 0) offRatio[key] = round(l / u);
    if (l !== void 0 && t !== void 0) onRatio[key] = round(t / l);
  }
  return { offRatio, onRatio };
}
function round(x) {
  return Math.round(x * 1e3) / 1e3;
}
function formatNs(ns) {
  if (ns < 100) return ns.toFixed(1);
  return Math.round(ns).toLocaleString("en-US");
}
function formatRatio(r) {
  if (r === void 0) return "";
  return r < 10 ? `${r.toFixed(2)}x` : `${Math.round(r)}x`;
}
function formatTable(r) {
  const cols = COLUMNS.filter((c) => r.results[c.key] !== void 0);
  const notes = [];
  const note = (why) => {
    let i = notes.indexOf(why);
    if (i < 0) {
      notes.push(why);
      i = notes.length - 1;
    }
    return `n/a[${i + 1}]`;
  };
  const header = ["operation (ns/op)", ...cols.map((c) => c.label), "local/native", "local/node:wasi"];
  const rows = [];
  for (const { key, label } of r.ops) {
    if (!cols.some((c) => r.results[c.key]?.[key] !== void 0)) continue;
    const row = [label];
    for (const c of cols) {
      const cell = r.results[c.key]?.[key];
      if (c.key === "floor" && key !== "empty_call") row.push("");
      else if (cell === void 0) row.push("-");
      else if ("na" in cell) row.push(note(cell.na));
      else row.push(formatNs(cell.median));
    }
    const l = median(r.results.local?.[key]);
    const nat = median(r.results.native?.[key]);
    const nw = median(r.results["node-wasi"]?.[key]);
    row.push(formatRatio(l !== void 0 && nat !== void 0 ? l / nat : void 0));
    row.push(formatRatio(l !== void 0 && nw !== void 0 ? l / nw : void 0));
    rows.push(row);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (row) => row.map((c, i) => i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])).join("  ").trimEnd();
  let out = `${fmt(header)}
${widths.map((w) => "-".repeat(w)).join("  ")}
`;
  for (const row of rows) out += `${fmt(row)}
`;
  if (notes.length > 0) out += "\n" + notes.map((n, i) => `[${i + 1}] ${n}`).join("\n") + "\n";
  return out + formatMounts(r, cols);
}
function formatFindings(r) {
  const g = r.goals;
  let out = "";
  const list = (o) => Object.entries(o).map(([k, v]) => `${k} ${formatRatio(v)}`).join(", ");
  if (Object.keys(g.localVsEmptyCall).length > 0) {
    out += `goal: local path within 1.5x of the empty host call: ${g.localWithin1_5xOfEmptyCall ? "met" : "missed"} (${list(g.localVsEmptyCall)})
`;
  }
  if (Object.keys(g.localVsNodeWasi).length > 0) {
    const slower = Object.entries(g.localVsNodeWasi).filter(([, v]) => v >= 1);
    out += `goal: local path faster than node:wasi on every operation both have: ${g.localFasterThanNodeWasiEverywhere ? "met" : `missed on ${slower.map(([k, v]) => `${k} (${formatRatio(v)})`).join(", ")}`}
`;
  }
  if (g.forwardedEmptyCallNs !== void 0) {
    out += `goal: a forwarded call's round trip \u2264 1 \xB5s (empty call, back to back): ${g.forwardedWithin1Us ? "met" : "missed"} (${formatNs(g.forwardedEmptyCallNs)} ns; it needs the worker and the vCPU on a core each at once: load average ${r.machine.loadAverage[0]} on ${r.machine.cores} cores)
`;
  }
  if (g.issue15.some((c) => c.value !== void 0)) out += formatIssue15(r);
  if (r.tracing !== void 0) {
    const off = Object.values(r.tracing.offRatio);
    const on = Object.values(r.tracing.onRatio);
    if (off.length > 0) {
      const s = [...off].sort((a, b) => a - b);
      out += `tracing off (no wrapper installed) vs. a machine that never traces: median ${formatRatio(s[s.length >> 1])}, range ${formatRatio(s[0])}\u2013${formatRatio(s[s.length - 1])} over ${s.length} operations
`;
    }
    if (on.length > 0) {
      const s = [...on].sort((a, b) => a - b);
      out += `tracing on (--trace, lines formatted and discarded): median ${formatRatio(s[s.length >> 1])} of the local path
`;
    }
  }
  return out;
}
function formatIssue15(r) {
  const label = (op) => OPS.find((o) => o.key === op)?.label ?? op;
  let out = "goals of issue 15 (l4wasm local):\n";
  for (const c of r.goals.issue15) {
    const value = c.value;
    if (value === void 0) continue;
    const what = c.against === "ns" ? `${label(c.op)} \u2264 ${formatNs(c.limit)} ns` : `${label(c.op)} \u2264 ${columnLabel(c.against)}`;
    const state = c.met === void 0 ? "not judged" : c.met ? "met" : "missed";
    const figures = c.against === "ns" ? ` (${formatNs(value)} ns)` : c.limit === void 0 ? ` (${formatNs(value)} ns; ${columnLabel(c.against)} not measured)` : ` (${formatNs(value)} vs ${formatNs(c.limit)} ns, ${formatRatio(value / c.limit)})`;
    out += `  ${state.padEnd(10)} ${what}${figures}
`;
  }
  return out;
}
function columnLabel(key) {
  return COLUMNS.find((c) => c.key === key)?.label ?? key;
}
function formatMounts(r, cols) {
  let out = "";
  if (r.mounts !== void 0) {
    const shown = /* @__PURE__ */ new Set();
    for (const c of cols) {
      const key = c.key in r.mounts ? c.key : c.key === "floor" ? void 0 : "l4wasm";
      if (key === void 0 || shown.has(key) || r.mounts[key] === void 0) continue;
      shown.add(key);
      const m = r.mounts[key];
      out += `${key === "l4wasm" ? "l4wasm (every path)" : c.label}: tmpfs = ${m.tmpfs}; hostfs = ${m.hostfs}; ROM = ${m.rom}
`;
    }
  }
  for (const c of cols) {
    const n = r.columnNotes?.[c.key];
    if (n !== void 0) out += `${c.label}: ${n}
`;
  }
  const once = r.ops.filter((o) => ONE_PASS_OPS.includes(o.key)).map((o) => o.label);
  if (once.length > 0) {
    const reps = cols.map((c) => r.results[c.key]?.[ONE_PASS_OPS[0]]).filter((c) => c !== void 0 && "reps" in c).map((c) => c.reps);
    out += `${once.join(", ")}: one pass of 1,024 blocks to 64 MiB per process (memory never shrinks), ns per block; ${Math.max(1, ...reps) > 1 ? `the median of ${Math.max(...reps)} processes for native, l4wasm local and the anchors, one for the other l4wasm paths` : "one process per column"}: noisier than the rest
`;
  }
  return out === "" ? "" : `
${out}`;
}
function esc(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
const SVG_MOUNTS = "tmpfs: l4wasm its own, browser_wasi_shim its memory fs, native, node:wasi and wasm-util a host directory in /dev/shm; hostfs: a host directory on disk; ROM: l4wasm boot module; malloc 64 KiB (grow): one pass per process";
function formatSvg(r) {
  const cols = COLUMNS.filter((c) => r.results[c.key] !== void 0);
  const bar = 9;
  const gap = 18;
  const groupW = cols.length * bar + gap;
  const left = 70;
  const top = 86;
  const plotH = 380;
  const bottom = 120;
  const width = left + r.ops.length * groupW + 110;
  const height = top + plotH + bottom;
  const values = [];
  for (const c of cols) for (const cell of Object.values(r.results[c.key])) if ("median" in cell) values.push(cell.min, cell.max);
  const lo = Math.pow(10, Math.floor(Math.log10(Math.max(0.1, Math.min(...values, 1)))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...values, 10))));
  const y = (ns) => top + plotH - (Math.log10(Math.max(ns, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * plotH;
  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${left}" y="22" font-size="16" font-weight="bold">l4wasm bench syscalls: ns per operation (log scale; lower is better)</text>`);
  parts.push(`<text x="${left}" y="40" fill="#555">${esc(`${r.machine.cpuModel}, ${r.machine.cores} cores, Node ${r.machine.node}, ${r.date.slice(0, 10)}${r.quick ? ", quick run" : ""}; whiskers: min\u2013max of the reps; n/a: the runtime lacks the operation`)}</text>`);
  parts.push(`<text x="${left}" y="56" fill="#555">${esc(SVG_MOUNTS)}</text>`);
  let lx = left;
  for (const c of cols) {
    parts.push(`<rect x="${lx}" y="64" width="12" height="12" fill="${c.color}"/><text x="${lx + 16}" y="74">${esc(c.label)}</text>`);
    lx += 24 + c.label.length * 7;
  }
  for (let d = lo; d <= hi * 1.0001; d *= 10) {
    const yy = y(d).toFixed(1);
    parts.push(`<line x1="${left}" x2="${width - 20}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
    const label = d >= 1e3 ? `${d / 1e3} \xB5s` : `${d} ns`;
    parts.push(`<text x="${left - 6}" y="${Number(yy) + 4}" text-anchor="end" fill="#333">${label}</text>`);
  }
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333"/>`);
  r.ops.forEach(({ key, label }, g) => {
    const gx = left + g * groupW + gap / 2;
    cols.forEach((c, i) => {
      const cell = r.results[c.key]?.[key];
      const x = gx + i * bar;
      if (cell === void 0) return;
      if (!("median" in cell)) {
        parts.push(`<text transform="translate(${x + bar - 3},${top + plotH - 3}) rotate(-90)" font-size="8" fill="#999">n/a<title>${esc(`${label}, ${c.label}: ${cell.na}`)}</title></text>`);
        return;
      }
      const yt = y(cell.median);
      parts.push(`<rect x="${x}" y="${yt.toFixed(1)}" width="${bar - 1}" height="${(top + plotH - yt).toFixed(1)}" fill="${c.color}"><title>${esc(`${label}, ${c.label}: ${formatNs(cell.median)} ns (min ${formatNs(cell.min)}, max ${formatNs(cell.max)})`)}</title></rect>`);
      const cx = x + (bar - 1) / 2;
      parts.push(`<line x1="${cx}" x2="${cx}" y1="${y(cell.max).toFixed(1)}" y2="${y(cell.min).toFixed(1)}" stroke="#000" stroke-width="1"/>`);
    });
    const lxg = gx + cols.length * bar / 2;
    parts.push(`<text transform="translate(${lxg},${top + plotH + 12}) rotate(35)" fill="#333">${esc(label)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}
export {
  COLUMNS,
  ONE_PASS_OPS,
  OPS,
  computeGoals,
  computeTracing,
  formatFindings,
  formatNs,
  formatSvg,
  formatTable,
  median
};
