import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
class CorePinning {
  constructor(allowed = allowedCores(), run = runTaskset) {
    this.run = run;
    this.allowed = typeof allowed === "number" ? Array.from({ length: allowed }, (_, i) => i) : allowed;
  }
  run;
  /** Isolated threads and their cores. */
  cores = /* @__PURE__ */ new Map();
  /** Why pinning is not possible here, once found out. */
  unavailable;
  /** The cores this process may use (its affinity when pinning began); the first is the vCPU's. */
  allowed;
  /**
   * Gives thread `tid` (a Linux thread id in this process) a core of its own: never core 0, which
   * the vCPU keeps. Returns the core, or why not (every core but the vCPU's is taken, or the host
   * cannot pin).
   */
  isolate(tid) {
    if (this.unavailable !== void 0) return this.unavailable;
    const used = new Set(this.cores.values());
    const core = this.allowed.slice(1).find((c) => !used.has(c));
    if (core === void 0) return `no core left for it (${this.allowed.length} cores: the vCPU's and ${this.cores.size} isolated)`;
    try {
      this.run(["-a", "-p", "-c", this.others(core), String(process.pid)]);
      for (const [t, c] of this.cores) this.run(["-p", "-c", String(c), String(t)]);
      this.run(["-p", "-c", String(core), String(tid)]);
    } catch (e) {
      this.unavailable = `cannot pin threads here (${e.message.split("\n")[0]})`;
      return this.unavailable;
    }
    this.cores.set(tid, core);
    return core;
  }
  /** Thread `tid` ended or left its core: the others may use it again. */
  release(tid) {
    if (!this.cores.delete(tid)) return;
    try {
      this.run(["-a", "-p", "-c", this.others(), String(process.pid)]);
      for (const [t, c] of this.cores) this.run(["-p", "-c", String(c), String(t)]);
    } catch {
    }
  }
  /** The cores not isolated (besides `extra`), as taskset's list. */
  others(extra) {
    const taken = new Set(this.cores.values());
    if (extra !== void 0) taken.add(extra);
    return this.allowed.filter((c) => !taken.has(c)).join(",");
  }
}
function allowedCores() {
  try {
    const list = /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync("/proc/self/status", "latin1"))?.[1];
    if (list !== void 0) {
      const cores = [];
      for (const part of list.split(",")) {
        const [lo, hi] = part.split("-").map(Number);
        for (let c = lo; c <= (hi ?? lo); c++) cores.push(c);
      }
      if (cores.length > 0 && cores.every(Number.isInteger)) return cores;
    }
  } catch {
  }
  return Array.from({ length: availableParallelism() }, (_, i) => i);
}
function runTaskset(args) {
  const { execFileSync } = createRequire(import.meta.url)("node:child_process");
  execFileSync("taskset", args, { stdio: ["ignore", "ignore", "pipe"], timeout: 5e3 });
}
export {
  CorePinning
};
