// The API under misuse (issue 10, section 4): shutdown while programs load or wait for input, bad
// signals, arguments of the wrong type.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Machine } from '../../src/index.js';
import { ConsoleInput } from '../../src/vfs/console.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';

const ROOT = join(import.meta.dirname, '..', '..');
const wasm: Record<string, string> = {};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !cond() && Date.now() < end;) await tick(5);
}

beforeAll(async () => {
  wasm.hello = await compileCached(join(ROOT, 'examples', 'hello.c'));
  wasm.echo_lines = await compileCached(join(ROOT, 'tests', 'guest', 'fixtures', 'echo_lines.c'));
});

describe('shutdown', () => {
  it('ends processes still loading: they never run, and their exit settles', async () => {
    const m = await Machine.boot();
    const ps = Array.from({ length: 5 }, () => m.spawn(wasm.hello!));
    const piped = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
    await m.shutdown();
    for (const p of ps) expect(await p.exit).toEqual({ code: 137, signal: 9 });
    expect(await piped.exit).toEqual({ code: 137, signal: 9 });
    await tick(200);
    expect(ps.map((p) => p.stdout).join('')).toBe('');
    expect(m.table.liveCount).toBe(0);
  });

  it('ends a process waiting on its pipe stdin, and its exit settles', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
    p.write('one\n');
    await until(() => p.stdout !== '');
    await m.shutdown();
    expect(await p.exit).toEqual({ code: 137, signal: 9 });
    expect(() => m.spawn(wasm.hello!)).toThrow(/shut down/);
  });
});

describe('bad arguments', () => {
  it('p.kill with something that is not a signal: a RangeError naming it; 0 does nothing', async () => {
    const m = await Machine.boot();
    const p = m.spawn(wasm.echo_lines!, { stdin: 'pipe' });
    for (const bad of [65, 999, -1, NaN, 1.5, Infinity]) {
      expect(() => p.kill(bad), String(bad)).toThrow(RangeError);
      expect(() => p.kill(bad), String(bad)).toThrow(new RegExp(`kill: ${String(bad).replace('.', '\\.')} is not a signal`));
    }
    expect(() => p.kill('TERM' as unknown as number)).toThrow(/kill: TERM is not a signal/);
    p.kill(0);
    p.end();
    expect(await p.exit).toEqual({ code: 0 });
    await m.shutdown();
  });

  it('args not an array of strings (or with a NUL), env values not strings, an unknown stdin or stdio: clear TypeErrors', async () => {
    const m = await Machine.boot();
    const cases: [unknown, RegExp][] = [
      [{ args: 'hello x' }, /args must be an array of strings/],
      [{ args: ['hello', 3] }, /args\[1\] must be a string, not number 3/],
      [{ env: { A: 1 } }, /env\.A must be a string, not number 1/],
      [{ env: ['A=1'] }, /env must be an object of strings/],
      [{ env: { 'A=B': 'x' } }, /env name "A=B" is not a valid variable name/],
      [{ args: ['hello', 'x\0y'] }, /args\[1\] must be a string without null bytes/],
      [{ env: { A: 'x\0y' } }, /env\.A must be a string without null bytes/],
      [{ stdin: Readable.from(['x']) }, /stdin must be its contents/],
      [{ stdin: 42 }, /stdin must be its contents .* not number 42/],
      [{ stdio: 'ignore' }, /stdio must be 'pipe' or 'inherit'/],
    ];
    for (const [options, message] of cases) {
      expect(() => m.spawn(wasm.hello!, options as never), JSON.stringify(options)).toThrow(TypeError);
      expect(() => m.spawn(wasm.hello!, options as never), JSON.stringify(options)).toThrow(message);
    }
    expect(() => m.spawn(42 as never)).toThrow(/the program must be a path .* not number 42/);
    // None of them took a process slot.
    expect(m.table.usedCount).toBe(0);
    const ok = m.spawn(wasm.hello!, { args: ['hello', 'a'], env: { A: '1' } });
    expect((await ok.exit).code).toBe(0);
    await m.shutdown();
  });
});

describe('console input', () => {
  it('a source that turns out to have ended already (host stdin read to its end by an earlier program) gives EOF, not a wait', () => {
    const input = new ConsoleInput({ onDemand: () => input.end() });
    expect(input.read(new Uint8Array(8))).toBe(0);
  });
});
