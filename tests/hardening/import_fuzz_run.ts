// Runs the import fuzzer's module on a machine: spawns it with the script, watches each call
// through a wrapper of its imports, kills a program whose call waits for good and starts it
// again after that call, and collects what must never happen: an exception that leaves an import
// or is reported as internal, a result outside the call's convention, a canary or script
// changed, a trap, a host error status, an exception that reaches Node.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { errnoName } from '../../src/errno.js';
import { ProcessExec, ProcessExit, SUSPEND } from '../../src/libc/context.js';
import type { ImportTable } from '../../src/guest/program.js';
import type { Process } from '../../src/guest/process.js';
import { CANARY_B, CTRL_PROGRESS, CTRL_SIGNALS, EXIT_CANARY, EXIT_DONE, EXIT_SCRIPT } from './import_fuzz_layout.js';
import { fuzzModule } from './import_fuzz_module.js';
import { makeScript, type Arg, type Call } from './import_fuzz_script.js';

export interface ImportFuzzOptions {
  seed: number;
  calls: number;
  decouple: boolean;
  /** A call that has not returned after this long is taken to wait for good (ms). */
  stuckMs?: number;
  /**
   * No wrapper around the imports: the program runs with the import table as l4wasm makes it (a
   * decoupled one then answers lent host files on its own core). Progress is read from its memory
   * instead; results and coverage are not seen.
   */
  unwatched?: boolean;
  /** Self-test: at this call the wrapper itself writes a byte of the canary (a host bug's write). */
  corruptAt?: number;
  /** A normal program the machine must still run correctly afterwards, and its expected stdout. */
  after?: { program: string; stdout: string };
}

export interface ImportFuzzResult {
  failures: string[];
  /** Calls made, by "module.name" (those the host saw: all but a decoupled program's own). */
  perImport: Map<string, number>;
  made: number;
  runs: number;
  stuck: number;
  /** Results by "module.name", then by result value (WASI: errno; l4posix: the value or -errno). */
  results: Map<string, Map<number, number>>;
  /** Signal handlers the program ran (through its trampolines), as far as its calls showed. */
  handlers: number;
  /** How runs ended other than by finishing, by a short description. */
  ends: Map<string, number>;
  ms: number;
}

const SIGKILL = 9;
/** Shows the prelude's calls and their results (for debugging the fuzzer). */
const TRACE = process.env.L4WASM_IMPORT_FUZZ_TRACE !== undefined;

/** The sizes of what a call writes through a result pointer of each kind. */
const OUT_SIZE: Partial<Record<string, number>> = { out32: 4, out64: 8, outfd: 4, filestat: 64, fdstat: 24, prestat: 8, events: 4 };

/** A result pointer that is out of bounds whatever the memory's size. */
function outOfBounds(kind: string, a: Arg): boolean {
  const size = OUT_SIZE[kind];
  if (size === undefined) return false;
  return a.fromEnd ? a.value < BigInt(size) : BigInt.asUintN(32, a.value) > 0x7ffffff0n;
}

function errnoText(r: number, wasi: boolean): string {
  const e = wasi ? r : -r;
  return e > 0 && e < 77 ? `${r} (${errnoName(-e)})` : String(r);
}

function describe(c: Call | undefined, i: number): string {
  if (c === undefined) return `call #${i}`;
  const args = c.args.map((a) => (a.fromEnd ? `end-${a.value}` : `0x${BigInt.asUintN(64, a.value).toString(16)}`));
  return `#${i} ${c.spec.module}.${c.spec.name}(${args.join(', ')})`;
}

export async function importFuzz(o: ImportFuzzOptions): Promise<ImportFuzzResult> {
  const started = performance.now();
  const script = makeScript(o.seed, o.calls);
  const wasm = fuzzModule();
  const failures: string[] = [];
  const perImport = new Map<string, number>();
  const ends = new Map<string, number>();
  const results = new Map<string, Map<number, number>>();
  let made = 0, runs = 0, stuck = 0, handlers = 0, handlersRun = 0;
  const fail = (s: string) => { if (failures.length < 50 && !failures.includes(s)) failures.push(s); };

  // The host tree: the mount, and beside it what no path may reach.
  const base = mkdtempSync(join(tmpdir(), 'l4wasm-ifuzz-'));
  const mount = join(base, 'mount');
  const outside = join(base, 'outside');
  mkdirSync(join(mount, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(mount, 'f'), 'host file\n');
  writeFileSync(join(outside, 'secret'), 'secret\n');
  symlinkSync('../outside', join(mount, 'esc'));
  symlinkSync(outside, join(mount, 'abs'));
  const hostFds = () => { try { return readdirSync('/proc/self/fd').length; } catch { return 0; } };
  // What each descriptor names: a leak is reported by what it holds (a file of the mount, a worker's pipe...).
  const fdTargets = () => {
    const out = new Map<string, string>();
    try {
      for (const fd of readdirSync('/proc/self/fd')) {
        try { out.set(fd, readlinkSync(`/proc/self/fd/${fd}`)); } catch { /* closed meanwhile */ }
      }
    } catch { /* no /proc */ }
    return out;
  };
  const fdsBefore = hostFds();
  const targetsBefore = fdTargets();
  const snapshot = () => JSON.stringify([readdirSync(base).sort(), readdirSync(outside).sort(), readFileSync(join(outside, 'secret'), 'utf8')]);
  const before = snapshot();

  // The call being made, as the wrapper saw it enter.
  type Current = { index: number; key: string; since: number; open: boolean; resumed: number };
  let current = undefined as Current | undefined;
  const seen = (): Current | undefined => current;
  let killedFor: number | undefined;
  /** The fuzzed process (its children, spawned by hostile calls, are checked but not followed). */
  let mainPid = -1;

  const wrapImports = (imports: ImportTable, proc: Process): ImportTable => {
    const progress = (): number => {
      try {
        const view = new DataView(proc.memory.buffer);
        handlersRun = Math.max(handlersRun, view.getUint32(CTRL_SIGNALS, true));
        return view.getUint32(CTRL_PROGRESS, true);
      } catch { return -1; }
    };
    const out: ImportTable = {};
    for (const [mod, fns] of Object.entries(imports)) {
      const table: Record<string, (...a: any[]) => any> = {};
      for (const [name, fn] of Object.entries(fns as Record<string, (...a: any[]) => any>)) {
        const key = `${mod}.${name}`;
        const errnoCall = mod === 'wasi_snapshot_preview1';
        table[name] = (...args: unknown[]) => {
          const main = proc.pid === mainPid;
          const index = main ? progress() : -1;
          if (!main) {
            // A child: nothing to follow.
          } else if (current !== undefined && current.open && current.index === index && current.key === key) {
            // The same call again: a suspended call resumed.
            if (++current.resumed === 10_000) fail(`busy wait: ${describe(script.calls[index], index)} resumed 10,000 times`);
          } else {
            current = { index, key, since: performance.now(), open: true, resumed: 0 };
            perImport.set(key, (perImport.get(key) ?? 0) + 1);
            made++;
          }
          let r: unknown;
          if (main && index === o.corruptAt) new Uint8Array(proc.memory.buffer)[CANARY_B + 99]! ^= 1;
          try {
            r = fn(...args);
          } catch (e) {
            if (!(e instanceof ProcessExit || e instanceof ProcessExec || e instanceof WebAssembly.RuntimeError)) {
              fail(`${describe(script.calls[index], index)} threw ${(e as Error)?.stack ?? e}`);
            }
            throw e;
          }
          if (r === SUSPEND) return r;
          if (main) {
            current!.open = false;
            let byValue = results.get(key);
            if (byValue === undefined) results.set(key, (byValue = new Map()));
            const v = typeof r === 'number' && (errnoCall || r <= 0) ? r : 1;
            byValue.set(v, (byValue.get(v) ?? 0) + 1);
          }
          const ok = typeof r === 'number' && Number.isInteger(r) &&
            (errnoCall ? r >= 0 && r <= 76 : r >= -76 && r <= 0xffffffff);
          if (!ok && !(key === 'wasi_snapshot_preview1.proc_exit')) {
            fail(`${describe(script.calls[index], index)} returned ${String(r)}, outside its convention`);
          }
          // Success while the pointer it returns its result through is out of bounds: the
          // result went nowhere (Linux and WASI say EFAULT).
          const c = main ? script.calls[index] : undefined;
          if (TRACE && main && index < script.prelude + 120) console.log(`${describe(c, index)} -> ${String(r)}`);
          // The checks know the answer on the fresh tree of the first run (later runs meet what
          // the hostile calls made of it).
          if (c !== undefined && c.spec.name === name && c.expect !== undefined && typeof r === 'number' && runs === 1) {
            const bad = c.expect === 'fail' ? r === 0 || (!errnoCall && r > 0) : r !== c.expect;
            if (bad) fail(`${describe(c, index)} returned ${errnoText(r, errnoCall)}, not ${c.expect === 'fail' ? 'an error' : errnoText(c.expect, errnoCall)}`);
          }
          if (c !== undefined && c.spec.name === name && r === 0 && c.spec.params.some((p, j) => outOfBounds(p.kind, c.args[j]!))) {
            fail(`${describe(c, index)} succeeded with an out-of-bounds result pointer`);
          }
          return r;
        };
      }
      out[mod] = table;
    }
    return out;
  };

  const m = await Machine.boot({
    mounts: [{ host: mount, guest: '/data' }],
    roms: [{ name: 'notes', data: 'rom notes\n' }],
    processLimit: 64,
    memoryLimit: 1 << 30,
    processMemoryLimit: 256 << 20,
    hostFileLimit: 128,
    mode: o.decouple ? 'decoupled' : 'multiplexed',
    onInternalError: (r) => fail(`internal error in ${r.where}${r.fatal ? ' (fatal)' : ''} during ${current ? describe(script.calls[current.index], current.index) : '?'}: ${(r.error as Error)?.stack ?? r.error}`),
  });
  m.vfs.mkdir('/tmp/d', 0o755);
  const f = m.vfs.open('/tmp/f', { read: true, write: true, create: true });
  if (typeof f !== 'number') { f.write(new TextEncoder().encode('tmp file\n')); f.close(); }
  m.vfs.symlink('/tmp/f', '/tmp/l');
  m.vfs.symlink('/tmp/loop', '/tmp/loop');

  const escaped = (e: unknown) => fail(`escaped to Node: ${(e as Error)?.stack ?? e}`);
  process.on('unhandledRejection', escaped);
  process.on('uncaughtException', escaped);
  const stuckMs = o.stuckMs ?? 150;
  try {
    let start = 0;
    while (start < o.calls && failures.length === 0) {
      runs++;
      handlers += handlersRun;
      handlersRun = 0;
      current = undefined;
      killedFor = undefined;
      const p = m.spawn(wasm, {
        name: 'import_fuzz.wasm', args: ['import_fuzz'], stdin: script.bytes(start), decouple: o.decouple,
        ...(o.unwatched ? {} : { wrapImports }),
      });
      mainPid = p.pid;
      // A call that waits for good (pause, a pipe's read with both ends here) ends the run.
      const watchdog = setInterval(() => {
        if (o.unwatched) {
          // The call in progress, as the program's memory says (while it has one).
          let index = -1;
          try { index = new DataView(p.memory!.buffer).getUint32(CTRL_PROGRESS, true); } catch { return; }
          const c = script.calls[index];
          if (current?.index !== index && c !== undefined) {
            current = { index, key: `${c.spec.module}.${c.spec.name}`, since: performance.now(), open: true, resumed: 0 };
            made++;
          }
        }
        // Moving to a core of its own starts a worker: that takes a while.
        const limit = current?.key === 'l4posix.decouple' ? 5000 : o.unwatched ? stuckMs * 2 : stuckMs;
        if (current?.open && performance.now() - current.since > limit && killedFor === undefined) {
          killedFor = current.index;
          p.kill(SIGKILL);
        }
      }, 10);
      let s: Awaited<typeof p.exit>;
      try {
        s = await p.exit;
      } catch (e) {
        fail(`run from #${start} could not start: ${(e as Error).message}`);
        break;
      } finally {
        clearInterval(watchdog);
      }
      let last = killedFor ?? seen()?.index ?? start;
      // Unwatched, progress is sampled: a quick end may not have been seen past the start.
      if (o.unwatched && last < start) last = start;
      const at = describe(script.calls[last], last);
      if (s.code === EXIT_DONE && s.signal === undefined) break;
      if (killedFor !== undefined && s.signal === SIGKILL) {
        stuck++;
        ends.set(`waited: ${script.calls[last]?.spec.name}`, (ends.get(`waited: ${script.calls[last]?.spec.name}`) ?? 0) + 1);
      } else if (s.code === EXIT_CANARY) {
        fail(`memory outside the arguments changed (canary) after ${at}`);
      } else if (s.code === EXIT_SCRIPT) {
        fail(`the script changed (a write nobody asked for) before call #${(seen()?.index ?? 0) + 1}, last ${at}`);
      } else if (s.trap !== undefined || (s.error !== undefined && s.limit === undefined) || s.signal === undefined) {
        // A limit the program set itself (setrlimit RLIMIT_CPU) may end it; nothing else may.
        fail(`the run ended with ${JSON.stringify(s)} after ${at}`);
      } else {
        const why = `signal ${s.signal}${s.limit ? ` (${s.limit} limit)` : ''}: ${script.calls[last]?.spec.name}`;
        ends.set(why, (ends.get(why) ?? 0) + 1);
      }
      if (last < start) { fail(`no progress from #${start}: ${JSON.stringify(s)} at ${at}`); break; }
      start = last + 1;
    }
    // The machine still runs a normal program correctly.
    if (o.after !== undefined) {
      const h = m.spawn(o.after.program, { args: ['hello'], decouple: o.decouple });
      const s = await h.exit;
      if (s.code !== 0 || h.stdout !== o.after.stdout) fail(`after the fuzz a normal program gave ${JSON.stringify(s)} and ${JSON.stringify(h.stdout)}`);
    }
  } finally {
    await m.shutdown();
    process.off('unhandledRejection', escaped);
    process.off('uncaughtException', escaped);
    if (snapshot() !== before) fail(`the host tree outside the mount changed: ${before} -> ${snapshot()}`);
    // Killed and ended programs give back the host descriptors their files held. Node's worker
    // threads (a preparation's, a decoupled program's spare) give theirs back as they exit, which
    // can be just after the shutdown: looked at again for up to 2 s before it counts as a leak.
    let fdsAfter = hostFds();
    for (let i = 0; i < 40 && fdsAfter > fdsBefore + 8; i++) {
      await new Promise((r) => setTimeout(r, 50));
      fdsAfter = hostFds();
    }
    if (fdsAfter > fdsBefore + 8) {
      const added = [...fdTargets()].filter(([fd, t]) => targetsBefore.get(fd) !== t).map(([, t]) => t);
      fail(`the host holds ${fdsAfter - fdsBefore} more descriptors after the machine shut down: ${added.join(', ')}`);
    }
    rmSync(base, { recursive: true, force: true });
  }
  return { failures, perImport, made, runs, stuck, ends, results, handlers: handlers + handlersRun, ms: performance.now() - started };
}
