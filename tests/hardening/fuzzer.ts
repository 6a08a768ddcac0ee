// The syscall fuzzer: every WASI and l4posix import called with random arguments from inside a
// live process (tests/hardening/fixtures/fuzz_host.c), seeded, so a failure can be replayed. The
// host program calls one import in a loop; the fuzzer's wrapper of it makes a batch of random
// calls of the process's real imports instead, in the process's own context, and when one of
// them must wait, the program suspends there as it would in that call (and the same call runs
// again when it resumes). A program that ends (exit, a fatal signal, a trap) is replaced by a new
// one; one that waits for good (pause, a pipe it holds both ends of) is killed after a moment.
// Anything that leaves an import other than the program's own end, and every internal error the
// machine reports, is a failure.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine, type GuestProcess } from '../../src/index.js';
import { ProcessExec, ProcessExit, SUSPEND } from '../../src/libc/context.js';
import { WASI_FUNCTIONS } from '../../src/libc/wasi.js';
import { L4POSIX_FUNCTIONS } from '../../src/libc/l4posix.js';
import type { ImportTable } from '../../src/guest/program.js';
import type { Process } from '../../src/guest/process.js';
import { rng } from './import_fuzz_script.js';

export interface FuzzOptions {
  /** The compiled fuzz_host.c. */
  host: string;
  seed: number;
  /** Stop after this many calls. */
  calls: number;
  /** Calls per batch (one call of the host program). */
  batch?: number;
  /** Processes fuzzed at the same time. */
  parallel?: number;
}

export interface FuzzResult {
  calls: number;
  /** Calls per import, by "module.name". */
  perImport: Map<string, number>;
  /** Host exceptions (what left an import, internal errors reported), with the call that caused it. */
  failures: string[];
  processes: number;
  /** Processes killed because they waited for good. */
  stuck: number;
  /** How often a suspended call ran again (resumed), by "module.name". */
  resumes: Map<string, number>;
  ms: number;
}

/** The parameters that are 64-bit (BigInt) in each import, by "module.name"; the rest are i32. */
const I64: Record<string, number[]> = {
  'wasi_snapshot_preview1.clock_time_get': [1],
  'wasi_snapshot_preview1.fd_advise': [1, 2],
  'wasi_snapshot_preview1.fd_allocate': [1, 2],
  'wasi_snapshot_preview1.fd_fdstat_set_rights': [1, 2],
  'wasi_snapshot_preview1.fd_filestat_set_size': [1],
  'wasi_snapshot_preview1.fd_filestat_set_times': [1, 2],
  'wasi_snapshot_preview1.fd_pread': [3],
  'wasi_snapshot_preview1.fd_pwrite': [3],
  'wasi_snapshot_preview1.fd_readdir': [3],
  'wasi_snapshot_preview1.fd_seek': [1],
  'wasi_snapshot_preview1.path_filestat_set_times': [4, 5],
  'wasi_snapshot_preview1.path_open': [5, 6],
  'l4posix.mmap': [5],
  'l4posix.clock_settime': [1],
  'l4posix.sem_wait': [2],
  'l4posix.semop': [3],
  'l4posix.futex_wait': [3],
  'l4posix.mq_send': [4],
  'l4posix.mq_receive': [4],
};

const PATHS = ['/', '/tmp', '/tmp/f', '/tmp/d', '/tmp/d/', '/tmp/l', '.', '..', '../..', '/dev/null', '/dev/tty',
  '/dev/zero', '/dev/fd/0', '/rom', '/rom/notes', '/data', '/data/f', '/data/sub', '/data/../..', '/bin/fuzz',
  'f', 'd/e', '', '/tmp/' + 'x'.repeat(300), '/' + 'a/'.repeat(50), 'caf\u00e9', '/tmp/\u0001\u00ff'];
const SPECIAL32 = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 19, 64, 255, 256, 1024, 4096, 65535, 65536,
  0x7fffffff, -1, -2, -4096, 0x80000000 | 0, 0xfffffff0 | 0];
const SPECIAL64 = [0n, 1n, -1n, 2n, 4096n, 1n << 31n, 1n << 32n, (1n << 63n) - 1n, -(1n << 63n), 1_000_000_000n];

/** Runs the fuzzer on a fresh machine; resolves when `calls` calls were made. */
export async function fuzz(options: FuzzOptions): Promise<FuzzResult> {
  const random = rng(options.seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)]!;
  const batch = options.batch ?? 64;
  const failures: string[] = [];
  const perImport = new Map<string, number>();
  const resumes = new Map<string, number>();
  let calls = 0;
  let processes = 0;
  let stuck = 0;
  const started = performance.now();

  const dir = mkdtempSync(join(tmpdir(), 'l4wasm-fuzz-'));
  writeFileSync(join(dir, 'f'), 'host file\n');
  const live = new Map<GuestProcess | Process, { last: number }>();
  const progress = new WeakMap<Process, { last: number }>();

  /** The wrapper that turns the host program's poll_oneoff into a batch of random calls. */
  const wrapImports = (imports: ImportTable, proc: Process): ImportTable => {
    const table: [key: string, fn: (...a: any[]) => any, arity: number][] = [];
    for (const [mod, names] of [['wasi_snapshot_preview1', WASI_FUNCTIONS], ['l4posix', L4POSIX_FUNCTIONS]] as const) {
      for (const name of names) {
        const fn = imports[mod]?.[name];
        if (fn !== undefined) table.push([`${mod}.${name}`, fn, fn.length]);
      }
    }
    const state = { last: performance.now() };
    progress.set(proc, state);
    /** The call that suspended: it runs again when the program resumes. */
    let pending: { key: string; fn: (...a: any[]) => any; args: unknown[]; resumed: number } | undefined;

    const memSize = () => { try { return proc.memory.buffer.byteLength; } catch { return 65536; } };
    /** Fills the scratch buffer: paths at 256-byte slots, iovecs, a subscription or two. */
    const fillScratch = (scratch: number) => {
      let view: DataView;
      try { view = new DataView(proc.memory.buffer); } catch { return; }
      if (scratch + 65536 > view.byteLength) return;
      const enc = new TextEncoder();
      for (let slot = 0; slot < 16; slot++) {
        const bytes = enc.encode(pick(PATHS)).subarray(0, 250);
        new Uint8Array(view.buffer, scratch + slot * 256, bytes.length + 1).set([...bytes, 0]);
      }
      for (let i = 0; i < 8; i++) {
        view.setUint32(scratch + 16384 + i * 8, scratch + 40960 + int(8192), true);
        view.setUint32(scratch + 16384 + i * 8 + 4, pick([0, 1, 16, 100, 4096, 20000]), true);
      }
      // Subscriptions for poll_oneoff: a short clock, or a descriptor.
      for (let i = 0; i < 4; i++) {
        const at = scratch + 20480 + i * 48;
        view.setBigUint64(at, BigInt(i), true);
        view.setUint8(at + 8, int(4));
        view.setUint32(at + 16, int(8), true);
        view.setBigUint64(at + 24, BigInt(int(2_000_000)), true);
        view.setUint16(at + 40, int(2), true);
      }
    };
    const arg32 = (scratch: number): number => {
      const r = random();
      if (r < 0.3) return int(12);
      if (r < 0.45) return scratch + 256 * int(16);
      if (r < 0.55) return scratch + pick([16384, 20480, 32768, 40960, 60000]);
      if (r < 0.6) return (memSize() - pick([0, 1, 4, 8, 16, 4096])) | 0;
      if (r < 0.8) return pick(SPECIAL32);
      if (r < 0.9) return int(300);
      return (random() * 4294967296) | 0;
    };
    const arg64 = (): bigint => {
      const r = random();
      if (r < 0.5) return pick(SPECIAL64);
      if (r < 0.8) return BigInt(int(100000));
      return BigInt.asIntN(64, (BigInt(int(2 ** 32)) << 32n) | BigInt(int(2 ** 32)));
    };

    const call = (key: string, fn: (...a: any[]) => any, args: unknown[]): unknown => {
      try {
        return fn(...args);
      } catch (e) {
        if (e instanceof ProcessExit || e instanceof ProcessExec) throw e;
        failures.push(`${key}(${args.map(String).join(', ')}) threw ${(e as Error)?.stack ?? e}`);
        return -1;
      } finally {
        calls++;
        state.last = performance.now();
      }
    };

    const driver = (scratch: number): number => {
      scratch >>>= 0;
      if (pending !== undefined) {
        resumes.set(pending.key, (resumes.get(pending.key) ?? 0) + 1);
        const r = call(pending.key, pending.fn, pending.args);
        if (r === SUSPEND) {
          // Woken again and again without completing: the host busy-waits for this program.
          if (++pending.resumed === 10_000) {
            failures.push(`busy wait: ${pending.key}(${pending.args.map(String).join(', ')}) was woken 10,000 times without completing`);
            throw new ProcessExit(137, 9);
          }
          return SUSPEND;
        }
        pending = undefined;
        proc.restart = undefined;
      }
      fillScratch(scratch);
      for (let i = 0; i < batch && calls < options.calls; i++) {
        const [key, fn, arity] = pick(table);
        const wide = I64[key] ?? [];
        const args = Array.from({ length: arity }, (_, k) => (wide.includes(k) ? arg64() : arg32(scratch)));
        perImport.set(key, (perImport.get(key) ?? 0) + 1);
        const r = call(key, fn, args);
        if (r === SUSPEND) {
          pending = { key, fn, args, resumed: 0 };
          return SUSPEND;
        }
        proc.restart = undefined; // the call completed: as the import boundary does
      }
      // Done: the program ends itself.
      if (calls >= options.calls) throw new ProcessExit(0);
      return 0;
    };
    return {
      ...imports,
      wasi_snapshot_preview1: { ...imports.wasi_snapshot_preview1, poll_oneoff: (inPtr: number) => driver(inPtr) },
    };
  };

  const m = await Machine.boot({
    mode: 'multiplexed', // the driver is a wrapped import on the vCPU
    mounts: [{ host: dir, guest: '/data' }],
    roms: [{ name: 'notes', data: 'rom notes\n' }],
    programs: { '/bin/fuzz': options.host },
    processLimit: 32,
    memoryLimit: 512 << 20,
    hostFileLimit: 256,
    wrapImports,
    onInternalError: (r) => { failures.push(`internal error in ${r.where}${r.fatal ? ' (fatal)' : ''}: ${(r.error as Error)?.stack ?? r.error}`); },
  });
  m.vfs.mkdir('/tmp/d', 0o755);
  const f = m.vfs.open('/tmp/f', { read: true, write: true, create: true });
  if (typeof f !== 'number') { f.write(new TextEncoder().encode('tmp file\n')); f.close(); }
  m.vfs.symlink('/tmp/f', '/tmp/l');

  const escaped = (e: unknown) => failures.push(`escaped to Node: ${(e as Error)?.stack ?? e}`);
  process.on('unhandledRejection', escaped);
  process.on('uncaughtException', escaped);
  // Processes that wait for good: every process of the machine that has made no call lately.
  const watchdog = setInterval(() => {
    const now = performance.now();
    for (const p of m.running.values()) {
      const s = progress.get(p);
      if (p.ended || s === undefined || now - s.last < 40) continue;
      stuck++;
      s.last = now;
      p.kill(9);
    }
  }, 20);
  try {
    const worker = async (): Promise<void> => {
      while (calls < options.calls) {
        let p: GuestProcess;
        try {
          p = m.spawn(options.host, { name: 'fuzz_host', args: ['fuzz_host'] });
        } catch (e) {
          // The fuzzed processes forked the table full: wait for some to end.
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
          await new Promise((r) => setTimeout(r, 10));
          continue;
        }
        processes++;
        live.set(p, { last: performance.now() });
        await p.exit.catch((e: unknown) => { failures.push(`spawn failed: ${(e as Error)?.message ?? e}`); });
        live.delete(p);
        if (failures.length > 20) return;
      }
    };
    await Promise.all(Array.from({ length: options.parallel ?? 8 }, worker));
  } finally {
    clearInterval(watchdog);
    await m.shutdown();
    process.off('unhandledRejection', escaped);
    process.off('uncaughtException', escaped);
    rmSync(dir, { recursive: true, force: true });
  }
  return { calls, perImport, failures, processes, stuck, resumes, ms: performance.now() - started };
}
