// Bounded resources, with the errors POSIX gives (issue 10, section 3): long sleeps, the process
// limit under concurrent spawns, output backpressure, host descriptors, memory, CPU time.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l4wasm.js');
const here = join(import.meta.dirname, 'fixtures');
const wasm: Record<string, string> = {};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !cond() && Date.now() < end;) await tick(5);
}

beforeAll(async () => {
  for (const name of ['long_sleep', 'writer', 'openmany', 'memhog', 'memhog_decoupled', 'cpuhog', 'memtop']) wasm[name] = await compileCached(join(here, `${name}.c`));
  wasm.hello = await compileCached(join(ROOT, 'examples', 'hello.c'));
  wasm.echo_lines = await compileCached(join(ROOT, 'tests', 'guest', 'fixtures', 'echo_lines.c'));
});

describe('long sleeps', () => {
  it('a 30-day sleep arms no timer beyond 2^31 ms: no TimeoutOverflowWarning, no busy CPU loop', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => { warnings.push(`${w.name}: ${w.message}`); };
    process.on('warning', onWarning);
    try {
      const m = await Machine.boot();
      const p = m.spawn(wasm.long_sleep!);
      await until(() => p.stdout === 'sleeping\n');
      await tick(100);
      // Asleep, the CPU loop looks at the kernel's next timeout only when woken: a timer that
      // fires at once would have it look hundreds of times a second.
      let looks = 0;
      const nextTimeout = m.kernel.nextTimeout.bind(m.kernel);
      m.kernel.nextTimeout = (cpu) => { looks++; return nextTimeout(cpu); };
      await tick(500);
      m.kernel.nextTimeout = nextTimeout;
      expect(warnings.filter((w) => /TimeoutOverflow/.test(w))).toEqual([]);
      expect(looks).toBeLessThan(5);
      p.kill(15);
      expect(await p.exit).toEqual({ code: 143, signal: 15 });
      await m.shutdown();
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('the process limit', () => {
  it('holds for concurrent API spawns: exactly `limit` run, the rest fail at once with EAGAIN', async () => {
    const m = await Machine.boot({ processLimit: 20 });
    const started = [];
    const refused: NodeJS.ErrnoException[] = [];
    for (let i = 0; i < 60; i++) {
      try { started.push(m.spawn(wasm.echo_lines!, { stdin: 'pipe' })); } catch (e) { refused.push(e as NodeJS.ErrnoException); }
    }
    expect(started.length).toBe(20);
    expect(refused.length).toBe(40);
    for (const e of refused) {
      expect(e.code).toBe('EAGAIN');
      expect(e.message).toMatch(/process limit \(20\)/);
    }
    await until(() => m.table.liveCount === 20);
    expect(m.table.liveCount).toBe(20);
    // One ends: exactly one more may start.
    started[0]!.end();
    await started[0]!.exit;
    const again = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
    expect(() => m.spawn(wasm.echo_lines!, { stdin: 'pipe' })).toThrow(/process limit/);
    for (const p of [...started.slice(1), again]) p.end();
    for (const p of [...started.slice(1), again]) expect((await p.exit).code).toBe(0);
    // A spawn that fails to load gives its place back.
    const bad = m.spawn(new Uint8Array([1, 2, 3]), { name: 'bad.wasm' });
    await expect(bad.exit).rejects.toThrow(/not a valid WebAssembly module/);
    const many = Array.from({ length: 20 }, () => m.spawn(wasm.hello!));
    for (const p of many) expect((await p.exit).code).toBe(0);
    await m.shutdown();
  });

  it('a limit beyond what the kernel can hold gives EAGAIN, never a raw kernel error', async () => {
    // Memory enough for 1,200 processes (8 MiB of linked stack each, counted though untouched):
    // the kernel's room is what runs out.
    const m = await Machine.boot({ processLimit: 100_000, memoryLimit: 16 * 2 ** 30 });
    const procs = [];
    const refused: NodeJS.ErrnoException[] = [];
    for (let i = 0; i < 1200; i++) {
      const p = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
      procs.push(p);
      p.exit.catch((e: NodeJS.ErrnoException) => { refused.push(e); });
    }
    await until(() => m.table.liveCount + refused.length === 1200, 60_000);
    for (const e of refused) {
      expect(e.code).toBe('EAGAIN');
      expect(e.message).not.toMatch(/kernel error/);
    }
    await m.shutdown();
    for (const p of procs) await p.exit.catch(() => {});
  });
});

/** A field of /proc/PID/status in kB (Linux), or 0. */
function procStatusKb(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

describe('output to a host pipe', () => {
  it('has backpressure: the writer waits while nobody reads, and the host buffers little', async () => {
    const MIB = 512;
    const child = spawn(process.execPath, [BIN, 'run', wasm.writer!, String(MIB)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let dots = 0;
    let errText = '';
    child.stderr.on('data', (b: Buffer) => { const t = b.toString(); dots += t.split('#').length - 1; errText += t.replace(/#/g, ''); });
    child.stdout.pause();
    let peakKb = 0;
    const sampler = setInterval(() => { peakKb = Math.max(peakKb, procStatusKb(child.pid!, 'VmRSS')); }, 20);
    try {
      await until(() => dots >= 1, 30_000);
      await tick(1000);
      // Nobody reads: the pipe and the stream's buffer hold a few MiB at most, the writer waits.
      const stalled = dots;
      expect(stalled, errText).toBeLessThanOrEqual(4);
      let bytes = 0;
      child.stdout.on('data', (b: Buffer) => { bytes += b.length; });
      child.stdout.resume();
      expect(await exited, errText).toBe(0);
      expect(bytes).toBe(MIB << 20);
      expect(dots).toBe(MIB);
      // 512 MiB went through; the host held a small part of it at any time (what it holds beyond
      // Node and the machine is garbage not yet collected, which does not grow with the output).
      expect(peakKb / 1024).toBeLessThan(450);
    } finally {
      clearInterval(sampler);
      child.kill();
    }
  });
});

describe('host descriptors', () => {
  it('per process: RLIMIT_NOFILE (EMFILE); per machine: hostFileLimit (ENFILE); all given back at exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-fds-'));
    writeFileSync(join(dir, 'f'), 'x');
    try {
      const m = await Machine.boot({ mounts: [{ host: dir, guest: '/data' }], hostFileLimit: 100 });
      // The process's own table: 3 stdio + 37 = 40 (its 2 preopens moved to 1023 and 1022 at start,
      // before it lowered the limit: its descriptors are 3..39, as on Linux).
      const a = m.spawn(wasm.openmany!, { args: ['openmany', '/data/f', '40'] });
      expect((await a.exit).code).toBe(0);
      expect(a.stdout).toBe('opened 37: EMFILE\n');
      expect(m.hostFiles.used).toBe(0);
      // Two that hold theirs: the machine's 100 are shared, the second gets what is left.
      const b = m.spawn(wasm.openmany!, { args: ['openmany', '/data/f', '70', 'hold'], stdin: 'pipe' });
      await until(() => b.stdout !== '');
      expect(b.stdout).toBe('opened 67: EMFILE\n');
      const c = m.spawn(wasm.openmany!, { args: ['openmany', '/data/f', '0', 'hold'], stdin: 'pipe' });
      await until(() => c.stdout !== '');
      // Each holds its preopened directories too (/ is tmpfs, /data the host's): 100 = 67 + 31 + 2.
      expect(c.stdout).toBe('opened 31: ENFILE\n');
      expect(m.hostFiles.used).toBe(100);
      // A new process cannot open its preopened host directory now: refused in one line, with ENFILE.
      const d = m.spawn(wasm.openmany!, { args: ['openmany', '/data/f'] });
      await expect(d.exit).rejects.toMatchObject({ code: 'ENFILE', message: expect.stringMatching(/cannot open its preopened directories: too many host files/) });
      b.end();
      c.end();
      await Promise.all([b.exit, c.exit]);
      expect(m.hostFiles.used).toBe(0);
      await m.shutdown();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('memory', () => {
  const MiB = 1 << 20;

  it('per process: RLIMIT_AS bounds malloc (memory.grow) and mmap with ENOMEM, also after setrlimit', async () => {
    const m = await Machine.boot({ processMemoryLimit: 64 * MiB, memoryLimit: 1024 * MiB });
    const a = m.spawn(wasm.memhog!, { args: ['memhog', 'malloc', '4'] });
    expect((await a.exit).code).toBe(0);
    const [limitLine, gotLine] = a.stdout.trim().split('\n');
    expect(limitLine).toBe('RLIMIT_AS 64 MiB');
    const got = Number(/^got (\d+) MiB, then ENOMEM$/.exec(gotLine!)?.[1]);
    expect(got).toBeGreaterThanOrEqual(48);
    expect(got).toBeLessThan(64);
    const b = m.spawn(wasm.memhog!, { args: ['memhog', 'mmap', '4'] });
    expect((await b.exit).code).toBe(0);
    expect(b.stdout).toMatch(/^RLIMIT_AS 64 MiB\ngot (5\d|4[89]|6[0-3]) MiB, then ENOMEM\n$/);
    // The program lowers its own limit.
    const c = m.spawn(wasm.memhog!, { args: ['memhog', 'malloc', '1', '16'] });
    expect((await c.exit).code).toBe(0);
    expect(c.stdout).toMatch(/^RLIMIT_AS 16 MiB\ngot 1[0-5] MiB, then ENOMEM\n$/);
    expect(m.memory.used).toBe(0);
    await m.shutdown();
  });

  it('a program that moved to its own core (l4_decouple) is bounded by the RLIMIT_AS it sets there', async () => {
    const m = await Machine.boot({ memoryLimit: 1024 * MiB });
    const p = m.spawn(wasm.memhog_decoupled!, { args: ['memhog_decoupled', '16'] });
    expect((await p.exit).code).toBe(0);
    expect(p.stdout).toMatch(/^got 1[0-5] MiB, then NULL\n$/);
    expect(m.memory.used).toBe(0);
    await m.shutdown();
  });

  it('per machine: processes share memoryLimit; a grow beyond fails with ENOMEM', async () => {
    const m = await Machine.boot({ memoryLimit: 96 * MiB });
    expect(m.memory.limit).toBe(96 * MiB);
    // One at a time, each holding what it got: the first takes all the machine has, the others
    // start in what it left (each process's memory, its 8 MiB linked stack included, counts).
    const hogs = [];
    for (let i = 0; i < 3; i++) {
      const h = m.spawn(wasm.memhog!, { args: ['memhog', 'malloc', '2', '0', 'hold'], stdin: 'pipe' });
      hogs.push(h);
      let settled = false;
      h.exit.then(() => { settled = true; }, () => { settled = true; });
      await until(() => /got/.test(h.stdout) || settled, 20_000);
    }
    expect(hogs[0]!.stdout).toMatch(/^RLIMIT_AS unlimited\ngot \d+ MiB, then ENOMEM\n$/);
    const first = Number(/got (\d+)/.exec(hogs[0]!.stdout)![1]);
    expect(first).toBeLessThanOrEqual(96 - 8);
    expect(first).toBeGreaterThanOrEqual(96 - 16);
    for (const h of hogs.slice(1)) await expect(h.exit).rejects.toMatchObject({ code: 'ENOMEM' });
    expect(m.memory.used).toBeLessThanOrEqual(96 * MiB);
    hogs[0]!.end();
    expect((await hogs[0]!.exit).code).toBe(0);
    expect(m.memory.used).toBe(0);
    const again = m.spawn(wasm.memhog!, { args: ['memhog', 'malloc', '8'] });
    expect((await again.exit).code).toBe(0);
    expect(again.stdout).toMatch(/got (8[0-8]|7\d) MiB, then ENOMEM/);
    await m.shutdown();
  });

  it('a program that takes its memory up to 4 GiB goes on: its threads switch through the save area at the top', async () => {
    // Memory grown, not touched: the host backs none of it. At 4 GiB the save area's top wrapped to 0.
    const m = await Machine.boot({ memoryLimit: 6 * 2 ** 30 });
    const p = m.spawn(wasm.memtop!, { args: ['memtop'] });
    expect(await p.exit).toEqual({ code: 0 });
    expect(p.stdout).toMatch(/^grew 40[89]\d MiB, then ENOMEM; the thread read its byte\ntop of memory near 4 GiB\n$/);
    await m.shutdown();
  }, 60_000);

  it('a spawn the machine has no memory left for fails with ENOMEM', async () => {
    const m = await Machine.boot({ memoryLimit: 64 * 1024 });
    const p = m.spawn(wasm.memhog!, { args: ['memhog'] });
    await expect(p.exit).rejects.toMatchObject({ code: 'ENOMEM', message: expect.stringMatching(/memory limit \(0 MiB\) leaves no room for its/) });
    expect(m.table.usedCount).toBe(0);
    await m.shutdown();
  });

  it("counts a decoupled program's worker against memoryLimit: spawns past room for one fail with ENOMEM, and all of it is given back", async () => {
    const m = await Machine.boot({ memoryLimit: 40 * MiB });
    const ps = Array.from({ length: 8 }, () => m.spawn(wasm.long_sleep!, { decouple: true }));
    const outcomes = await Promise.all(ps.map((p) => Promise.race([
      until(() => p.stdout === 'sleeping\n').then(() => 'running'),
      p.exit.then(() => 'exited', (e: NodeJS.ErrnoException) => e.code),
    ])));
    const running = outcomes.filter((o) => o === 'running').length;
    // Each takes its worker's 8 MiB and its memory (a few pages): four fit in 40 MiB, no more.
    expect(running).toBeGreaterThanOrEqual(1);
    expect(running).toBeLessThanOrEqual(4);
    expect(outcomes.filter((o) => o === 'ENOMEM').length).toBe(8 - running);
    expect(m.memory.used).toBeLessThanOrEqual(m.memory.limit);
    for (const p of ps) p.kill('SIGKILL');
    await Promise.all(ps.map((p) => p.exit.catch(() => undefined)));
    expect(m.memory.used).toBe(0);
    await m.shutdown();
  });

  it('protects the host by default: the machine takes at most half its memory and 4 GiB', async () => {
    const m = await Machine.boot();
    expect(m.memory.limit).toBeLessThanOrEqual(4 * 1024 * MiB);
    expect(m.memory.limit).toBeLessThanOrEqual(totalmem() / 2);
    const p = m.spawn(wasm.memhog!, { args: ['memhog', 'malloc', '4095'] });
    expect((await p.exit).code).toBe(0);
    expect(p.stdout).toBe('RLIMIT_AS unlimited\ngot 0 MiB, then ENOMEM\n');
    await m.shutdown();
  });
});

describe('time', () => {
  it('RLIMIT_CPU (cpuLimit): SIGXCPU at the soft limit; a program that catches it is killed at the hard one', async () => {
    const m = await Machine.boot({ cpuLimit: 1 });
    const t0 = performance.now();
    const p = m.spawn(wasm.cpuhog!);
    expect(await p.exit).toEqual({ code: 128 + 24, signal: 24 });
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(1000);
    const q = m.spawn(wasm.cpuhog!, { args: ['cpuhog', 'catch'] });
    const status = await q.exit;
    expect(q.stdout).toBe('computing\ncaught SIGXCPU\n');
    expect(status).toEqual({ code: 137, signal: 9, error: 'CPU time limit exceeded (2 s)', limit: 'cpu' });
    await m.shutdown();
  });

  it('RLIMIT_CPU set by the program itself, and inherited by nobody else', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.cpuhog!, { args: ['cpuhog', 'no', '1'] });
    expect(await p.exit).toEqual({ code: 128 + 24, signal: 24 });
    await m.shutdown();
  });

  it('a wall-clock timeout kills the program and says so', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.long_sleep!, { timeout: 300 });
    expect(await p.exit).toEqual({ code: 137, signal: 9, error: 'timed out after 0.3 s', limit: 'time' });
    const q = m.spawn(wasm.hello!, { timeout: 60_000 });
    expect(await q.exit).toEqual({ code: 0 });
    await m.shutdown();
  });
});
