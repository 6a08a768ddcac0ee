// Decoupled programs as POSIX processes: signals reach them at their next forwarded call or as a
// blocking wait returns; they spawn, exec, wait and use pipes; their calls show in --trace marked
// forwarded; the machine's limits hold for them (memory growth, CPU time with the worker's time,
// wall-clock timeout), and whatever ends them leaves no worker thread behind.
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { memorySink, TraceSession } from '../../src/guest/trace.js';

const MiB = 1 << 20;
const ROOT = join(import.meta.dirname, '..', '..');
const wasm: Record<string, string> = {};
beforeAll(async () => {
  wasm.forward = await compileCached(join(import.meta.dirname, 'fixtures', 'forward.c'));
  wasm.signals = await compileCached(join(import.meta.dirname, 'fixtures', 'decoupled_signals.c'), ['-O2', '-mllvm', '-wasm-enable-sjlj', '-lsetjmp']);
  for (const name of ['memhog', 'cpuhog']) wasm[name] = await compileCached(join(ROOT, 'tests', 'hardening', 'fixtures', `${name}.c`));
  wasm.sh = join(ROOT, 'build', 'sh.wasm');
  for (const name of ['cat', 'wc']) wasm[name] = await compileCached(join(ROOT, 'examples', `${name}.c`));
}, 240_000);

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !cond() && Date.now() < end;) await tick(5);
}

/** The OS threads of this process (Linux): a worker that is gone has left. */
function threads(): number { return readdirSync('/proc/self/task').length; }

/** The thread count once the workers of earlier tests have gone (unchanged for 100 ms). */
async function settledThreads(): Promise<number> {
  for (let n = threads(), i = 0; i < 100; i++) {
    await tick(100);
    const m = threads();
    if (m === n) return n;
    n = m;
  }
  return threads();
}

async function threadsBackTo(n: number): Promise<number> {
  for (let i = 0; i < 200 && threads() > n; i++) await tick(20);
  return threads();
}

describe('signals reach a decoupled program', () => {
  it('at its next forwarded call, while it computes', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(wasm.forward!, { args: ['forward', 'sigcall'], decouple: true });
      await until(() => p.stdout.includes('ready\n'));
      p.kill(10);
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('ready\nhandler ran for signal 10 after a call\n');
    } finally {
      await m.shutdown();
    }
  });

  it('as a blocking wait returns: the handler runs, read fails with EINTR', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(wasm.forward!, { args: ['forward', 'sigread'], decouple: true, stdin: 'pipe' });
      await until(() => p.stdout.includes('ready\n'));
      await tick(50); // it is in read(0) now, waiting
      p.kill(10);
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('ready\nread: -1 EINTR, handler ran for signal 10\n');
    } finally {
      await m.shutdown();
    }
  });

  it('a handler may siglongjmp out of a call that waits, again and again', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(wasm.signals!, { args: ['decoupled_signals', 'jump'], decouple: true, stdin: 'pipe' });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('jumped out of the waiting read with 14\n'.repeat(3));
    } finally {
      await m.shutdown();
    }
  });

  it('SA_RESTART: the handler runs, then the interrupted read waits again', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(wasm.signals!, { args: ['decoupled_signals', 'restart'], decouple: true, stdin: 'pipe' });
      await until(() => p.stdout.includes('reading'));
      await tick(200); // the timer (30 ms) has interrupted the read by now
      p.write('x');
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('reading\nhandler ran 1 time(s), read 1 byte\n');
    } finally {
      await m.shutdown();
    }
  });

  it('a signal that came while it computed runs its handler before the next call, which then waits', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(wasm.signals!, { args: ['decoupled_signals', 'late'], decouple: true, stdin: 'pipe' });
      await until(() => p.stdout.includes('ready\n'));
      p.kill(10);
      await until(() => p.stdout.includes('handler'));
      await tick(100); // it waits in read now
      expect(p.stdout).toBe('ready\nhandler ran\n');
      p.write('x');
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('ready\nhandler ran\nread 1 byte\n');
    } finally {
      await m.shutdown();
    }
  });

  it('a fatal one ends it while it computes without any call', async () => {
    const m = await Machine.boot();
    try {
      const p = m.spawn(wasm.forward!, { args: ['forward', 'spin'], decouple: true });
      await tick(100);
      p.kill(15);
      expect(await p.exit).toEqual({ code: 143, signal: 15 });
    } finally {
      await m.shutdown();
    }
  });
});

describe('processes and pipes from a decoupled program', () => {
  it('posix_spawn with its output into a pipe, then waitpid', async () => {
    const m = await Machine.boot({ programs: { '/bin/forward': wasm.forward! } });
    try {
      const p = m.spawn(wasm.forward!, { args: ['forward', 'spawn'], decouple: true });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('child reaped: said "0 1 2 ", exit 0\n');
    } finally {
      await m.shutdown();
    }
  });

  it('exec replaces it (same pid, a fresh worker) and the new program runs to its end', async () => {
    const before = await settledThreads();
    const m = await Machine.boot({ programs: { '/bin/forward': wasm.forward! } });
    try {
      const p = m.spawn(wasm.forward!, { args: ['forward', 'exec'], decouple: true });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('before exec\n0\n1\n');
    } finally {
      await m.shutdown();
    }
    expect(await threadsBackTo(before)).toBeLessThanOrEqual(before);
  });

  it('a shell pipeline with every process decoupled: spawn, pipes, wait', async () => {
    const m = await Machine.boot({
      mode: 'decoupled',
      programs: { '/bin/sh': wasm.sh!, '/bin/cat': wasm.cat!, '/bin/wc': wasm.wc! },
      roms: [{ name: 'x', data: 'one\ntwo\nthree\n' }],
    });
    try {
      const p = m.spawn(wasm.sh!, { args: ['sh', '-c', 'cat /rom/x | cat | wc -l; echo a b | wc -w; false; echo $?'] });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe('3\n2\n1\n');
      expect(m.table.liveCount).toBe(0);
    } finally {
      await m.shutdown();
    }
  });
});

describe('the vCPU serves forwarded calls while it multiplexes', () => {
  it('a decoupled program\'s calls are served beside a multiplexed program that computes', async () => {
    const m = await Machine.boot();
    try {
      const busy = m.spawn(wasm.forward!, { args: ['forward', 'spin'] });
      await tick(100);
      const t0 = performance.now();
      const p = m.spawn(wasm.forward!, { args: ['forward', 'lines', '1000'], decouple: true });
      expect(await p.exit).toEqual({ code: 0 });
      expect(p.stdout).toBe(Array.from({ length: 1000 }, (_, i) => `${i}\n`).join(''));
      // Not one time slice (10 ms) of the computing program per call.
      expect(performance.now() - t0).toBeLessThan(8000);
      busy.kill(9);
      await busy.exit;
    } finally {
      await m.shutdown();
    }
  });
});

describe('--trace of a decoupled program', () => {
  it('shows each forwarded call as the multiplexed call\'s line, marked forwarded', async () => {
    const lines: Record<string, string[]> = {};
    for (const decouple of [false, true]) {
      const sink = memorySink();
      const trace = new TraceSession({ sink });
      const m = await Machine.boot();
      try {
        const p = m.spawn(wasm.forward!, { args: ['forward', 'lines', '2'], decouple, wrapImports: trace.wrapImports });
        expect(await p.exit).toEqual({ code: 0 });
        await trace.finish();
      } finally {
        await m.shutdown();
      }
      lines[String(decouple)] = sink.text().split('\n').filter((l) => l.startsWith('fd_write('));
    }
    const [plain, forwarded] = [lines.false!, lines.true!];
    expect(forwarded).toHaveLength(2);
    for (const l of forwarded) expect(l).toMatch(/^fd_write\(fd=1, iovs=\[2 "\d\\n"\]\) = 0 → nwritten=2 {2}<[\d.]+\S*s forwarded>$/);
    // The same line but for the duration and the path.
    const strip = (l: string) => l.replace(/ {2}<.*>$/, '');
    expect(forwarded.map(strip)).toEqual(plain.map(strip));
    expect(plain[0]).toMatch(/ local>$/);
  });
});

describe('limits of a decoupled program', () => {
  it('RLIMIT_AS (processMemoryLimit): memory.grow in the worker fails past it, malloc says ENOMEM', async () => {
    const m = await Machine.boot({ processMemoryLimit: 64 * MiB, memoryLimit: 1024 * MiB });
    try {
      const p = m.spawn(wasm.memhog!, { args: ['memhog', 'malloc', '4'], decouple: true });
      expect((await p.exit).code).toBe(0);
      const [limitLine, gotLine] = p.stdout.trim().split('\n');
      expect(limitLine).toBe('RLIMIT_AS 64 MiB');
      const got = Number(/^got (\d+) MiB, then ENOMEM$/.exec(gotLine!)?.[1]);
      expect(got).toBeGreaterThanOrEqual(48);
      expect(got).toBeLessThan(64);
      expect(m.memory.used).toBe(0);
    } finally {
      await m.shutdown();
    }
  });

  it('the machine\'s memoryLimit: a decoupled program grows no further than the machine has left', async () => {
    const m = await Machine.boot({ memoryLimit: 96 * MiB });
    try {
      const p = m.spawn(wasm.memhog!, { args: ['memhog', 'malloc', '2'], decouple: true });
      expect((await p.exit).code).toBe(0);
      const got = Number(/got (\d+) MiB, then ENOMEM/.exec(p.stdout)?.[1]);
      // What its worker (8 MiB) and its linked stack (8 MiB) leave.
      expect(got).toBeGreaterThanOrEqual(72);
      expect(got).toBeLessThanOrEqual(96 - 16);
    } finally {
      await m.shutdown();
    }
  });

  it('RLIMIT_CPU counts the worker\'s CPU time: SIGXCPU ends a program that computes without a call', async () => {
    const before = await settledThreads();
    const m = await Machine.boot({ cpuLimit: 1 });
    try {
      const t0 = performance.now();
      const p = m.spawn(wasm.cpuhog!, { decouple: true });
      expect(await p.exit).toEqual({ code: 128 + 24, signal: 24 });
      const ms = performance.now() - t0;
      expect(ms).toBeGreaterThanOrEqual(1000);
      expect(ms).toBeLessThan(20_000);
      // It catches SIGXCPU, but never makes a call to take it at: the hard limit ends it.
      const q = m.spawn(wasm.cpuhog!, { args: ['cpuhog', 'catch'], decouple: true });
      expect(await q.exit).toEqual({ code: 137, signal: 9, error: 'CPU time limit exceeded (2 s)', limit: 'cpu' });
    } finally {
      await m.shutdown();
    }
    expect(await threadsBackTo(before)).toBeLessThanOrEqual(before);
  });

  it('a wall-clock timeout kills it mid-call or computing, and no worker thread stays', async () => {
    const before = await settledThreads();
    const m = await Machine.boot();
    try {
      // Long enough for both to start on a loaded machine (the blocked one says 'ready' first).
      const computing = m.spawn(wasm.forward!, { args: ['forward', 'spin'], decouple: true, timeout: 1000 });
      const blocked = m.spawn(wasm.forward!, { args: ['forward', 'sigread'], decouple: true, stdin: 'pipe', timeout: 1000 });
      const status = { code: 137, signal: 9, error: 'timed out after 1 s', limit: 'time' };
      expect(await computing.exit).toEqual(status);
      expect(await blocked.exit).toEqual(status);
      expect(blocked.stdout).toBe('ready\n');
    } finally {
      await m.shutdown();
    }
    expect(await threadsBackTo(before)).toBeLessThanOrEqual(before);
  });

  it('a machine shut down under decoupled programs mid-call leaves no worker thread', async () => {
    const before = await settledThreads();
    const m = await Machine.boot();
    const ps = [
      m.spawn(wasm.forward!, { args: ['forward', 'sigread'], decouple: true, stdin: 'pipe' }),
      m.spawn(wasm.forward!, { args: ['forward', 'lines', '100000000'], decouple: true }),
    ];
    await until(() => ps[0]!.stdout.includes('ready\n') && ps[1]!.stdout.length > 100);
    expect(threads()).toBeGreaterThanOrEqual(before + 2);
    await m.shutdown();
    for (const p of ps) expect((await p.exit).signal).toBe(9);
    expect(await threadsBackTo(before)).toBeLessThanOrEqual(before);
  });
});

describe('the vCPU while a decoupled program needs nothing of it', () => {
  /** CPU time (ms) of this process's main thread, the vCPU (Linux). */
  const vcpuMs = () => Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'latin1').split(' ')[0]) / 1e6;

  it('burns no core while the program computes or waits in a blocking call', async () => {
    const m = await Machine.boot();
    try {
      const busyShare = async () => {
        const t0 = performance.now();
        const c0 = vcpuMs();
        await tick(1000);
        return (vcpuMs() - c0) / (performance.now() - t0);
      };
      const spin = m.spawn(wasm.forward!, { args: ['forward', 'spin'], decouple: true });
      await tick(300);
      const computing = await busyShare();
      spin.kill(9);
      await spin.exit;
      const reader = m.spawn(wasm.forward!, { args: ['forward', 'sigread'], decouple: true, stdin: 'pipe' });
      await until(() => reader.stdout.includes('ready\n'));
      await tick(300);
      const waiting = await busyShare();
      reader.kill(10);
      expect(await reader.exit).toEqual({ code: 0 });
      console.log(`vCPU busy: ${(computing * 100).toFixed(1)} % beside a computing decoupled program, ${(waiting * 100).toFixed(1)} % beside one waiting in read`);
      expect(computing).toBeLessThan(0.1);
      expect(waiting).toBeLessThan(0.1);
    } finally {
      await m.shutdown();
    }
  });

  it('waits out timeouts shorter than Node\'s timers without spinning (a program sleeping 1 ms at a time)', async () => {
    const m = await Machine.boot();
    try {
      const shares: number[] = [];
      for (const decouple of [false, true]) {
        // `signal` sleeps 1 ms at a time until SIGUSR1 comes.
        const p = m.spawn(wasm.forward!, { args: ['forward', 'signal'], decouple });
        await tick(300);
        const t0 = performance.now();
        const c0 = vcpuMs();
        await tick(1000);
        shares.push((vcpuMs() - c0) / (performance.now() - t0));
        p.kill(10);
        expect(await p.exit).toEqual({ code: 0 });
      }
      console.log(`vCPU busy beside a program sleeping 1 ms at a time: ${shares.map((s) => `${(s * 100).toFixed(1)} %`).join(' multiplexed, ')} decoupled`);
      // Spinning through the sub-timer remainder of each sleep kept it 40-95 % busy.
      for (const share of shares) expect(share).toBeLessThan(0.3);
    } finally {
      await m.shutdown();
    }
  });
});
