// The tracer: one line per call with decoded arguments, results and the path taken; a blocking call
// traced once and marked; events of their own; the summary's counts; the run command's options.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ThreadState } from '../../src/kernel/kernel.js';
import { Machine } from '../../src/guest/machine.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { TraceSession, memorySink, tracerOf, formatSummary, fileSink } from '../../src/guest/trace.js';
import { escapeBytes, flagNames, rightsNames } from '../../src/guest/trace_format.js';
import { parseRunArgs } from '../../src/cli/run.js';
import { callWrappers } from '../../src/cli/trace_args.js';

let wasm = '';
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  wasm = await compileCached(join(import.meta.dirname, 'fixtures', 'traced.c'));
});

/** Runs the fixture traced; returns the trace text, the exit status and the session. */
async function traced(args: string[], options: { mode?: 'lines' | 'summary'; server?: boolean; stdin?: 'pipe'; feed?: string } = {}) {
  const m = await Machine.boot();
  const sink = memorySink();
  const trace = new TraceSession({ mode: options.mode ?? 'lines', sink });
  const { wrap } = callWrappers(m, { syscalls: options.server ? 'server' : 'local' });
  const p = m.spawn(wasm, {
    args: ['traced', ...args],
    stdin: options.stdin,
    wrapImports: wrap ? (imports, proc) => trace.wrapImports(wrap(imports, proc), proc) : trace.wrapImports,
  });
  if (options.feed !== undefined) {
    // Feed only once the program is blocked in its read (loading may take seconds on a cold cache).
    for (const end = Date.now() + 20_000; Date.now() < end; await tick(5)) {
      const proc = p.process;
      if (proc !== undefined && m.kernel.threadState(proc.thread.id) === ThreadState.BlockedOnReceive) break;
    }
    await tick(60); // the blocked call's traced time must cover this wait
    p.write(options.feed);
    p.end();
  }
  const status = await p.exit;
  await trace.finish();
  await m.shutdown();
  return { text: sink.text(), status, trace, stdout: p.stdout };
}

/** Asserts that each pattern matches a line, in this order. */
function expectInOrder(text: string, patterns: RegExp[]): void {
  const lines = text.split('\n');
  let at = 0;
  for (const p of patterns) {
    const i = lines.findIndex((l, k) => k >= at && p.test(l));
    expect(i, `no line matching ${p} after line ${at}:\n${lines.slice(at).join('\n')}`).toBeGreaterThanOrEqual(0);
    at = i + 1;
  }
}

describe('trace lines', () => {
  it('shows each call with decoded arguments, results, timing and path, in order', async () => {
    const { text, status } = await traced(['3']);
    expect(status.code).toBe(7);
    expectInOrder(text, [
      /^fd_prestat_get\(fd=3\) = 0 → \{dir, name_len=1\}  <[\d.]+(µs|ms) local>$/,
      /^fd_prestat_dir_name\(fd=3\) = 0 → path="\/"  </,
      /^path_open\(fd=\d+, dirflags=SYMLINK_FOLLOW, path="tmp\/trace\.txt", oflags=CREAT\|TRUNC, fs_rights_base=ALL&~\(FD_READ\|\S+, fs_rights_inheriting=\S+, fdflags=0\) = 0 → opened_fd=\d+  <.* local>$/,
      /^fd_write\(fd=\d+, iovs=\[6 "hello\\n"\]\) = 0 → nwritten=6  </,
      /^fd_write\(fd=\d+, iovs=\[6 "hello\\n"\]\) = 0 → nwritten=6  </,
      /^fd_write\(fd=\d+, iovs=\[6 "hello\\n"\]\) = 0 → nwritten=6  </,
      /^fd_close\(fd=\d+\) = 0  </,
      /^path_open\(fd=\d+, dirflags=SYMLINK_FOLLOW, path="tmp\/trace\.txt", oflags=0, /,
      /^fd_read\(fd=\d+, iovs=\[256\]\) = 0 → nread=18, "hello\\nhello\\nhello\\n"  </,
      // stat is libl4posix's: one l4posix call returns the metadata with the permission bits
      /^l4posix\.statat\(-2, \d+, 12, 0, \d+\) = -1 ENOENT  </,
      /^l4posix\.getpid\(\) = 1  </,
      /^proc_exit\(rval=7\) = \?$/,
      /^\+\+\+ exited with 7 \+\+\+$/,
    ]);
    expect(text).not.toMatch(/blocked/);
  });

  it('cuts buffers after 32 bytes and escapes what is not printable', () => {
    const bytes = new Uint8Array(40).fill(0x41);
    bytes[0] = 0;
    bytes[1] = 0x22;
    expect(escapeBytes(bytes)).toBe(`"\\x00\\"${'A'.repeat(30)}"...`);
    expect(flagNames(1 | 8, ['CREAT', 'DIRECTORY', 'EXCL', 'TRUNC'])).toBe('CREAT|TRUNC');
    expect(flagNames(0x21, ['A'])).toBe('A|0x20');
    expect(rightsNames(2 | 64)).toBe('FD_READ|FD_WRITE');
    expect(rightsNames((1n << 30n) - 1n)).toBe('ALL');
  });

  it('traces a call that blocked once, timed from its first entry, marked (blocked)', async () => {
    const { text, stdout } = await traced(['1', 'echo'], { stdin: 'pipe', feed: 'typed\n' });
    expect(stdout).toBe('typed\n');
    const reads = text.split('\n').filter((l) => l.startsWith('fd_read(fd=0'));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/^fd_read\(fd=0, iovs=\[256\]\) = 0 → nread=6, "typed\\n"  <[\d.]+ms local> \(blocked\)$/);
    const ms = Number(/<([\d.]+)ms/.exec(reads[0]!)![1]);
    expect(ms).toBeGreaterThanOrEqual(50);
  });

  it('names the server path when calls travel by IPC, with the same results', async () => {
    const { text, status } = await traced(['2'], { server: true });
    expect(status.code).toBe(7);
    expectInOrder(text, [
      /^path_open\(.*path="tmp\/trace\.txt".* = 0 → opened_fd=\d+  <.* server>$/,
      /^fd_write\(fd=\d+, iovs=\[6 "hello\\n"\]\) = 0 → nwritten=6  <.* server>$/,
      /^fd_read\(.*→ nread=12, "hello\\nhello\\n"  <.* server>$/,
      /^l4posix\.statat\(.* = -1 ENOENT  <.* server>$/,
      /^l4posix\.getpid\(\) = 1  <.* server>$/,
      /^proc_exit\(rval=7\) = \?$/,
    ]);
  });

  it('prints events of their own (signals, exceptions) for a traced process only', async () => {
    const m = await Machine.boot();
    const sink = memorySink();
    const trace = new TraceSession({ sink });
    const p = m.spawn(wasm, { args: ['traced', '0'], wrapImports: trace.wrapImports });
    const untraced = m.spawn(wasm, { args: ['traced', '0'] });
    await tick(0);
    while (p.process === undefined || untraced.process === undefined) await tick(5);
    tracerOf(p.process)!.event('SIGUSR1 delivered');
    expect(tracerOf(untraced.process)).toBeUndefined();
    await p.exit;
    await untraced.exit;
    await trace.finish();
    await m.shutdown();
    expect(sink.text()).toMatch(/^--- SIGUSR1 delivered ---$/m);
  });
});

describe('trace summary', () => {
  it('counts the calls the program made', async () => {
    const { text, trace } = await traced(['5'], { mode: 'summary' });
    const row = (name: string) => {
      const line = text.split('\n').find((l) => l.trim().split(/\s+/).at(-1) === name);
      expect(line, `no summary row for ${name}:\n${text}`).toBeDefined();
      const cols = line!.trim().split(/\s+/);
      // % time, total µs, µs/call, calls, [errors], name
      return { calls: Number(cols[3]), errors: cols.length === 6 ? Number(cols[4]) : 0 };
    };
    expect(row('fd_write')).toEqual({ calls: 5, errors: 0 });
    expect(row('path_open')).toEqual({ calls: 2, errors: 0 });
    // Two closes by the program, one of descriptor 3 when libl4posix moves its preopen to the top.
    expect(row('fd_close')).toEqual({ calls: 3, errors: 0 });
    expect(row('fd_read')).toEqual({ calls: 1, errors: 0 });
    expect(row('l4posix.statat')).toEqual({ calls: 1, errors: 1 });
    expect(row('l4posix.getpid')).toEqual({ calls: 1, errors: 0 });
    expect(row('proc_exit')).toEqual({ calls: 1, errors: 0 });
    const total = [...trace.stats.values()].reduce((n, s) => n + s.calls, 0);
    expect(row('total').calls).toBe(total);
    // Summary mode prints no per-call lines.
    expect(text).not.toMatch(/^fd_write\(/m);
    // Sorted by total time.
    const order = text.split('\n').slice(2).filter((l) => /^\s*\d/.test(l)).map((l) => Number(l.trim().split(/\s+/)[1]));
    expect(order.slice(0, -1)).toEqual([...order.slice(0, -1)].sort((a, b) => b - a));
  });

  it('formats an empty table', () => {
    expect(formatSummary(new Map())).toMatch(/total\n$/);
  });
});

describe('run options', () => {
  it('parses --trace, --trace=summary, --trace-file and --syscalls', () => {
    const a = parseRunArgs(['--trace', 'p.wasm', 'x']);
    expect(typeof a !== 'string' && a.calls).toEqual({ trace: 'lines', syscalls: 'local' });
    const b = parseRunArgs(['--trace=summary', '--syscalls', 'server', 'p.wasm']);
    expect(typeof b !== 'string' && b.calls).toEqual({ trace: 'summary', syscalls: 'server' });
    const c = parseRunArgs(['--trace-file=out.txt', 'p.wasm']);
    expect(typeof c !== 'string' && c.calls).toEqual({ trace: 'lines', traceFile: 'out.txt', syscalls: 'local' });
    const d = parseRunArgs(['--trace=summary', '--trace-file', 'o', '--syscalls=local', 'p.wasm', '--trace']);
    expect(typeof d !== 'string' && d).toMatchObject({ calls: { trace: 'summary', traceFile: 'o' }, program: 'p.wasm', args: ['--trace'] });
    expect(parseRunArgs(['--trace=loud', 'p.wasm'])).toMatch(/--trace=loud/);
    expect(parseRunArgs(['--syscalls', 'fast', 'p.wasm'])).toMatch(/local or server/);
    expect(parseRunArgs(['--trace-file'])).toMatch(/needs a value/);
  });

  it('installs no wrapper when tracing is off and calls stay local', async () => {
    const m = await Machine.boot();
    const { wrap, trace } = callWrappers(m, { syscalls: 'local' });
    expect(wrap).toBeUndefined();
    expect(trace).toBeUndefined();
    await m.shutdown();
  });

  it('writes the trace to a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-trace-'));
    try {
      const m = await Machine.boot();
      const { wrap, trace } = callWrappers(m, { syscalls: 'local', trace: 'lines', traceFile: join(dir, 't.txt') });
      const p = m.spawn(wasm, { args: ['traced', '1'], wrapImports: wrap });
      await p.exit;
      await trace!.finish();
      trace!.sink.close();
      await m.shutdown();
      const text = readFileSync(join(dir, 't.txt'), 'utf8');
      expect(text).toMatch(/^fd_write\(fd=\d+, iovs=\[6 "hello\\n"\]\) = 0/m);
      expect(text).toMatch(/\+\+\+ exited with 7 \+\+\+\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("traces a program's children too (strace -f), each line with its pid", async () => {
    const forker = await compileCached(join(import.meta.dirname, 'fixtures', 'forker.c'));
    const m = await Machine.boot();
    const sink = memorySink();
    const trace = new TraceSession({ sink });
    const p = m.spawn(forker, { args: ['forker'], wrapImports: trace.wrapImports });
    const status = await p.exit;
    await trace.finish();
    await m.shutdown();
    const text = sink.text();
    expect(status.code).toBe(0);
    expect(p.stdout).toBe('child 2\nparent 3\n');
    // Each process's lines in its order; how the two interleave is the scheduler's (under load the
    // parent's fork can return before the child has run to its end).
    const of = (pid: number) => text.split('\n').filter((l) => l.startsWith(`[pid ${pid}] `)).join('\n');
    expectInOrder(of(2), [
      /^\[pid 2\] l4posix\.fork\(\) = 0  </,
      /^\[pid 2\] l4posix\.getpid\(\) = 2  </,
      /^\[pid 2\] fd_write\(fd=1, iovs=\[8 "child 2\\n"\]\) = 0/,
      /^\[pid 2\] \+\+\+ exited with 3 \+\+\+$/,
    ]);
    expectInOrder(of(1), [
      /^\[pid 1\] l4posix\.fork\(\) = 2  <.*\(blocked\)$/,
      /^\[pid 1\] l4posix\.waitpid\(2, /,
    ]);
    expect(text).toMatch(/^\[pid 1\] fd_write\(fd=1, iovs=\[9 "parent 3\\n"\]\) = 0/m);
    expect(text).toMatch(/^\[pid 1\] \+\+\+ exited with 0 \+\+\+$/m);
    // Every line after the child appeared names its process.
    const after = text.split('\n').slice(text.split('\n').findIndex((l) => l.startsWith('[pid 2]')));
    for (const l of after) if (l !== '') expect(l).toMatch(/^\[pid [12]\] /);
  });

  it('refuses a trace file it cannot create', () => {
    expect(() => fileSink('/nonexistent-dir/x/t.txt')).toThrow();
  });
});
