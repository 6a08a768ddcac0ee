import { closeSync, openSync, writeSync } from "node:fs";
import { ProcessExit, SUSPEND } from "../libc/context.js";
import { WASI, WASI_SPECS } from "../libc/syscalls/index.js";
import { pathOf } from "./trace_path.js";
import {
  TraceMemory,
  formatDuration,
  formatL4posixCall,
  formatL4posixResult,
  formatWasiArgs,
  formatWasiOutputs,
  formatWasiResult,
  linuxSignalName
} from "./trace_format.js";
const tracers = /* @__PURE__ */ new WeakMap();
function tracerOf(process2) {
  return tracers.get(process2);
}
function stderrSink() {
  return { write: (t) => {
    process.stderr.write(t);
  }, flush() {
  }, close() {
  } };
}
function fileSink(path) {
  const fd = openSync(path, "w");
  let buf = [];
  let size = 0;
  const flush = () => {
    if (buf.length === 0) return;
    writeSync(fd, buf.join(""));
    buf = [];
    size = 0;
  };
  return {
    write(t) {
      buf.push(t);
      size += t.length;
      if (size >= 65536) flush();
    },
    flush,
    close() {
      flush();
      closeSync(fd);
    }
  };
}
function memorySink() {
  const parts = [];
  return { write: (t) => {
    parts.push(t);
  }, flush() {
  }, close() {
  }, text: () => parts.join("") };
}
function nullSink() {
  return { write() {
  }, flush() {
  }, close() {
  } };
}
class TraceSession {
  mode;
  sink;
  stats = /* @__PURE__ */ new Map();
  processes = 0;
  exits = [];
  constructor(options = {}) {
    this.mode = options.mode ?? "lines";
    const inner = options.sink ?? stderrSink();
    let closed = false;
    this.sink = {
      write: (t) => {
        if (!closed) inner.write(t);
      },
      flush: () => {
        if (!closed) inner.flush();
      },
      close: () => {
        if (!closed) {
          closed = true;
          inner.close();
        }
      }
    };
  }
  /** The import wrapper (MachineOptions/SpawnOptions.wrapImports). */
  wrapImports = (imports, process2) => {
    this.processes++;
    const t = new ProcessTracer(this, process2);
    tracers.set(process2, t);
    this.exits.push(process2.exit.then((s) => t.exited(s), () => {
    }));
    const out = {};
    for (const [mod, fns] of Object.entries(imports)) {
      out[mod] = {};
      for (const [name, fn] of Object.entries(fns)) out[mod][name] = t.wrap(mod, name, fn);
    }
    return out;
  };
  /** More than one process traced: lines name their pid. */
  get multiple() {
    return this.processes > 1;
  }
  /** Counts one completed call. */
  count(key, failed, ms) {
    let s = this.stats.get(key);
    if (s === void 0) this.stats.set(key, s = { calls: 0, errors: 0, totalMs: 0 });
    s.calls++;
    if (failed) s.errors++;
    s.totalMs += ms;
  }
  /**
   * Waits for the traced processes' exit lines, prints the summary (summary mode), flushes. A
   * child still running (an orphan the machine will end) is not waited for beyond `graceMs`.
   */
  async finish(graceMs = 100) {
    let timer;
    const grace = new Promise((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.all(this.exits), grace]);
    clearTimeout(timer);
    if (this.mode === "summary") this.sink.write(formatSummary(this.stats));
    this.sink.flush();
  }
}
function formatSummary(stats) {
  const rows = [...stats.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs || a[0].localeCompare(b[0]));
  const total = rows.reduce((n, [, s]) => n + s.totalMs, 0);
  const calls = rows.reduce((n, [, s]) => n + s.calls, 0);
  const errors = rows.reduce((n, [, s]) => n + s.errors, 0);
  const line = "------ ----------- ----------- --------- --------- ------------------------\n";
  const row = (pct, us, per, c, e, name) => `${pct.padStart(6)} ${us.padStart(11)} ${per.padStart(11)} ${c.padStart(9)} ${e.padStart(9)} ${name}
`;
  let out = row("% time", "total \xB5s", "\xB5s/call", "calls", "errors", "call") + line;
  for (const [name, s] of rows) {
    out += row(
      total > 0 ? (100 * s.totalMs / total).toFixed(2) : "0.00",
      (s.totalMs * 1e3).toFixed(1),
      (s.totalMs * 1e3 / s.calls).toFixed(2),
      String(s.calls),
      s.errors > 0 ? String(s.errors) : "",
      name
    );
  }
  out += line + row("100.00", (total * 1e3).toFixed(1), calls > 0 ? (total * 1e3 / calls).toFixed(2) : "", String(calls), String(errors), "total");
  return out;
}
class ProcessTracer {
  constructor(session, process2) {
    this.session = session;
    this.process = process2;
    this.lines = session.mode === "lines";
  }
  session;
  process;
  pending;
  lines;
  prefix() {
    return this.session.multiple ? `[pid ${this.process.pid}] ` : "";
  }
  event(text) {
    if (this.lines) this.session.sink.write(`${this.prefix()}--- ${text} ---
`);
  }
  exited(s) {
    if (!this.lines) return;
    let what;
    if (s.trap) what = `trapped: ${s.trap.message}${s.trap.func ? ` in ${s.trap.func}` : ""}`;
    else if (s.signal !== void 0) what = `killed by ${linuxSignalName(s.signal)}`;
    else what = `exited with ${s.code}`;
    this.session.sink.write(`${this.prefix()}+++ ${what} +++
`);
    this.session.sink.flush();
  }
  memory() {
    let m;
    try {
      m = this.process.memory;
    } catch {
      m = void 0;
    }
    return new TraceMemory(m);
  }
  /** The traced version of one import. */
  wrap(mod, name, fn) {
    const wasi = mod === WASI && WASI_SPECS.has(name);
    const key = wasi ? name : `${mod}.${name}`;
    const path = pathOf(fn);
    const session = this.session;
    const isExit = wasi && name === "proc_exit";
    const argsText = (a) => {
      try {
        return wasi ? formatWasiArgs(name, this.memory(), a) : formatL4posixCall(a);
      } catch (e) {
        return `(cannot decode: ${e?.message ?? e})`;
      }
    };
    const outputs = (a) => {
      try {
        return formatWasiOutputs(name, this.memory(), a);
      } catch {
        return "";
      }
    };
    return (...a) => {
      let start;
      let blocked = false;
      let args = "";
      const p = this.pending;
      if (p !== void 0 && p.key === key) {
        this.pending = void 0;
        start = p.start;
        args = p.args;
        blocked = true;
      } else {
        start = performance.now();
        if (this.lines) args = argsText(a);
      }
      if (isExit) {
        session.count(key, false, 0);
        if (this.lines) session.sink.write(`${this.prefix()}${name}(${args}) = ?
`);
        return fn(...a);
      }
      let r;
      try {
        r = fn(...a);
      } catch (e) {
        session.count(key, false, performance.now() - start);
        if (this.lines) session.sink.write(`${this.prefix()}${name}(${args}) = ?${e instanceof ProcessExit ? "" : ` (${e?.message ?? e})`}
`);
        throw e;
      }
      if (r === SUSPEND) {
        this.pending = { key, start, args };
        return r;
      }
      const ms = performance.now() - start;
      const failed = wasi ? r !== 0 : typeof r === "number" && r < 0;
      session.count(key, failed, ms);
      if (this.lines) {
        let text;
        if (wasi) {
          const outs = r === 0 ? outputs(a) : "";
          text = `${name}(${args}) = ${formatWasiResult(r)}${outs ? ` \u2192 ${outs}` : ""}`;
        } else {
          text = `${key}(${args}) = ${typeof r === "number" ? formatL4posixResult(r) : String(r)}`;
        }
        const via = this.process.decoupled === true ? "forwarded" : path;
        session.sink.write(`${this.prefix()}${text}  <${formatDuration(ms)} ${via}>${blocked ? " (blocked)" : ""}
`);
      }
      return r;
    };
  }
}
export {
  TraceSession,
  fileSink,
  formatSummary,
  memorySink,
  nullSink,
  stderrSink,
  tracerOf
};
