// The machine end to end: programs as kernel tasks on the vCPU, suspension at blocking calls,
// traps, load errors, memory accounting in the region map, shutdown.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Machine, LoadError } from '../../src/index.js';
import { ThreadState } from '../../src/kernel/kernel.js';
import { RESERVED_PAGES } from '../../src/guest/asyncify.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

const here = join(import.meta.dirname, 'fixtures');
const wasm: Record<string, string> = {};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (up to 10 s, for loaded CI machines) until `cond` holds. */
async function until(cond: () => boolean): Promise<void> {
  for (const end = Date.now() + 10_000; !cond() && Date.now() < end;) await tick(5);
}

beforeAll(async () => {
  for (const name of ['sleeper', 'trapper', 'echo_lines', 'mapcycle', 'wasi_raise']) wasm[name] = await compileCached(join(here, `${name}.c`));
  wasm.hello = await compileCached(join(import.meta.dirname, '..', '..', 'examples', 'hello.c'));
});

describe('machine', () => {
  it('runs a program with its arguments and reports its exit code', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.hello!, { args: ['hello', 'x', 'y z'] });
    expect(await p.exit).toEqual({ code: 0 });
    expect(p.stdout).toBe('Hello from l4wasm!\nargv[1] = x\nargv[2] = y z\n');
    await m.shutdown();
  });

  it('gives a program empty input by default and its whole input when given', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.echo_lines!);
    expect((await p.exit).code).toBe(0);
    expect(p.stdout).toBe('lines: 0, heap grown: 0 MiB\n');
    const q = m.spawn(wasm.echo_lines!, { stdin: 'a\nb\n' });
    expect((await q.exit).code).toBe(2);
    expect(q.stdout).toBe('1: a\n2: b\nlines: 2, heap grown: 2 MiB\n');
    await m.shutdown();
  });

  it('suspends a program blocked on input; each line is read once it arrives', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
    const seen: string[] = [];
    p.stdoutStream.on('data', (b: Buffer) => seen.push(b.toString()));
    await tick(100);
    expect(seen.join('')).toBe('');
    p.write('first\n');
    await until(() => seen.join('') !== '');
    expect(seen.join('')).toBe('1: first\n');
    p.write('second\nthird\n');
    p.end();
    expect((await p.exit).code).toBe(3);
    expect(p.stdout).toBe('1: first\n2: second\n3: third\nlines: 3, heap grown: 3 MiB\n');
    await m.shutdown();
  });

  it('lets other programs run while one sleeps (the later-started fast one finishes first), and sleeps long enough', async () => {
    const m = await Machine.boot();
    let text = '';
    const slow = m.spawn(wasm.sleeper!, { args: ['sleeper', 'slow', '200', '2'] });
    const fast = m.spawn(wasm.sleeper!, { args: ['sleeper', 'fast', '10', '3'] });
    slow.stdoutStream.on('data', (b: Buffer) => { text += b.toString(); });
    fast.stdoutStream.on('data', (b: Buffer) => { text += b.toString(); });
    await Promise.all([slow.exit, fast.exit]);
    expect(text.trim().split('\n')).toEqual([
      'fast 0 slept enough', 'fast 1 slept enough', 'fast 2 slept enough',
      'slow 0 slept enough', 'slow 1 slept enough',
    ]);
    await m.shutdown();
  });

  it.each([
    ['div', /divide by zero/, 'divide', 8],
    ['unreachable', /unreachable/, 'crash_unreachable', 4],
    ['oob', /out of bounds/, 'read_far', 11],
    ['stack', /out of bounds|call stack/, 'recurse', 11],
  ])('reports a trap (%s) with its message and function, and keeps the machine usable', async (kind, msg, func, sig) => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.trapper!, { args: ['trapper', kind] });
    const status = await p.exit;
    expect(p.stdout).toBe(`before ${kind}\n`);
    // The signal of the equivalent CPU fault (SIGFPE, SIGILL, SIGSEGV), as with the signal runtime.
    expect(status.signal).toBe(sig);
    expect(status.code).toBe(128 + sig);
    expect(status.trap?.message).toMatch(msg);
    expect(status.trap?.func).toBe(func);
    const again = m.spawn(wasm.hello!);
    expect((await again.exit).code).toBe(0);
    await m.shutdown();
  });

  it('refuses a malformed module and an unknown import with one line naming the file', async () => {
    const m = await Machine.boot();
    const bad = m.spawn(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 9]), { name: 'bad.wasm' });
    await expect(bad.exit).rejects.toThrow(LoadError);
    await expect(bad.exit).rejects.toThrow(/^bad\.wasm: not a valid WebAssembly module/);
    // A component (WASI preview 2) and a binary of another version say what they are.
    const component = m.spawn(new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0]), { name: 'cli.wasm' });
    await expect(component.exit).rejects.toThrow(/^cli\.wasm: a WebAssembly component \(the component model, WASI preview 2\), not a core module/);
    const v2 = m.spawn(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), { name: 'v2.wasm' });
    await expect(v2.exit).rejects.toThrow(/^v2\.wasm: WebAssembly binary version 2 \(layer 0\)/);
    // A module importing env.frobnicate: (module (import "env" "frobnicate" (func)) (memory 1) (export "memory" (memory 0)) (func (export "_start")))
    const unknown = new Uint8Array([
      0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 18, 1, 3, 101, 110, 118, 10, 102, 114, 111, 98, 110,
      105, 99, 97, 116, 101, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 7, 19, 2, 6, 109, 101, 109, 111, 114, 121, 2, 0,
      6, 95, 115, 116, 97, 114, 116, 0, 1, 10, 4, 1, 2, 0, 11,
    ]);
    const q = m.spawn(unknown, { name: 'frob.wasm' });
    await expect(q.exit).rejects.toThrow('frob.wasm: unknown import env.frobnicate (function): l4wasm does not provide it');
    await m.shutdown();
  });

  it('accounts the program memory in its task region map and gives it back at exit', async () => {
    const m = await Machine.boot({ mode: 'multiplexed' }); // the save area at the top is the multiplexed mode's
    const p = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
    p.write('x\n');
    await until(() => p.stdout !== '');
    const proc = p.process!;
    // It reads on and blocks in the kernel for the next line, accounting its memory on the way.
    await until(() => m.kernel.threadState(proc.thread.id) === ThreadState.BlockedOnReceive);
    const regions = proc.memoryRegions();
    const total = regions.reduce((a, r) => a + r.size, 0);
    // All of the program's memory; the reserved top (asyncify's save area) is the runtime's.
    expect(total).toBe(proc.memory.buffer.byteLength - proc.reservedTop);
    expect(proc.reservedTop).toBe(RESERVED_PAGES * 65536);
    for (const r of regions) {
      expect(m.kernel.lookupRegion(proc.task.id, r.start)).toMatchObject({ start: r.start, size: r.size, ds: r.ds });
    }
    expect(m.rootTask.allocated).toBeGreaterThanOrEqual(total);
    p.end();
    await p.exit;
    expect(m.rootTask.allocated).toBe(0);
    await m.shutdown();
  });

  it('hands out more dataspaces than a message label could number (40,000 map/unmap cycles)', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.mapcycle!, { args: ['mapcycle', '40000'] });
    expect(await p.exit).toEqual({ code: 0 });
    expect(p.stdout).toBe('40000 cycles ok\n');
    expect(m.rootTask.allocated).toBe(0);
    await m.shutdown();
  });

  it('answers WASI proc_raise by the default actions: ignore, EINVAL, terminate with the signal', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.wasi_raise!);
    expect(await p.exit).toEqual({ code: 128 + 15, signal: 15 });
    expect(p.stdout).toBe('raise CHLD: 0\nraise 99: 28\n');
    await m.shutdown();
  });

  it('delivers a signal sent before the program finished loading', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
    p.kill(15); // loading is asynchronous: the process does not exist yet
    expect(await p.exit).toEqual({ code: 143, signal: 15 });
    await m.shutdown();
  });

  it('kills programs still running at shutdown', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
    await tick(50);
    await m.shutdown();
    expect(await p.exit).toEqual({ code: 137, signal: 9 });
  });
});
