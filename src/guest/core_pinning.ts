// Dedicated cores for decoupled programs (Machine option `isolateCores`, `l4wasm run --isolate`).
// A decoupled program's worker thread is pinned to a core of its own, and every other thread of
// this process (the vCPU, V8's helper threads, libuv's pool, other workers) to the cores left, so
// the noise of the guest's own activity stays off the program's core, as L4Re keeps it off a
// decoupled thread's. Threads started later inherit their creator's set, which excludes the
// isolated cores. Linux pins with sched_setaffinity, which Node does not expose: util-linux's
// `taskset` does it per thread. Other processes of the host can still run on the core; only
// cpusets (isolcpus) keep them off, and those are the host's to set.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';


export class CorePinning {
  /** Isolated threads and their cores. */
  private readonly cores = new Map<number, number>();
  /** Why pinning is not possible here, once found out. */
  private unavailable: string | undefined;
  /** The cores this process may use (its affinity when pinning began); the first is the vCPU's. */
  private readonly allowed: number[];

  constructor(allowed: number[] | number = allowedCores(), private readonly run = runTaskset) {
    this.allowed = typeof allowed === 'number' ? Array.from({ length: allowed }, (_, i) => i) : allowed;
  }

  /**
   * Gives thread `tid` (a Linux thread id in this process) a core of its own: never core 0, which
   * the vCPU keeps. Returns the core, or why not (every core but the vCPU's is taken, or the host
   * cannot pin).
   */
  isolate(tid: number): number | string {
    if (this.unavailable !== undefined) return this.unavailable;
    const used = new Set(this.cores.values());
    const core = this.allowed.slice(1).find((c) => !used.has(c));
    if (core === undefined) return `no core left for it (${this.allowed.length} cores: the vCPU's and ${this.cores.size} isolated)`;
    try {
      // The rest of the process first (all its threads, this one too), then this one alone.
      this.run(['-a', '-p', '-c', this.others(core), String(process.pid)]);
      for (const [t, c] of this.cores) this.run(['-p', '-c', String(c), String(t)]);
      this.run(['-p', '-c', String(core), String(tid)]);
    } catch (e) {
      this.unavailable = `cannot pin threads here (${(e as Error).message.split('\n')[0]})`;
      return this.unavailable;
    }
    this.cores.set(tid, core);
    return core;
  }

  /** Thread `tid` ended or left its core: the others may use it again. */
  release(tid: number): void {
    if (!this.cores.delete(tid)) return;
    try {
      this.run(['-a', '-p', '-c', this.others(), String(process.pid)]);
      for (const [t, c] of this.cores) this.run(['-p', '-c', String(c), String(t)]);
    } catch { /* the process ends, or pinning stopped working: nothing is lost */ }
  }

  /** The cores not isolated (besides `extra`), as taskset's list. */
  private others(extra?: number): string {
    const taken = new Set(this.cores.values());
    if (extra !== undefined) taken.add(extra);
    return this.allowed.filter((c) => !taken.has(c)).join(',');
  }
}

/** The cores this process may run on (Linux: Cpus_allowed_list), else 0..n-1. */
function allowedCores(): number[] {
  try {
    const list = /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync('/proc/self/status', 'latin1'))?.[1];
    if (list !== undefined) {
      const cores: number[] = [];
      for (const part of list.split(',')) {
        const [lo, hi] = part.split('-').map(Number);
        for (let c = lo!; c <= (hi ?? lo!); c++) cores.push(c);
      }
      if (cores.length > 0 && cores.every(Number.isInteger)) return cores;
    }
  } catch { /* not Linux */ }
  return Array.from({ length: availableParallelism() }, (_, i) => i);
}

function runTaskset(args: string[]): void {
  // node:child_process, loaded at the first pinning: it (with net and dgram) cost every start ~5 ms.
  const { execFileSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  execFileSync('taskset', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 5000 });
}
