// The command line under hostile or broken programs (issue 10): one line and a distinct status,
// never a stack trace; the limits as flags.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { wat } from '../helpers/wat.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l4wasm.js');
const here = join(import.meta.dirname, 'fixtures');
const wasm: Record<string, string> = {};
let dir = '';

function l4wasm(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stderr without progress lines: what a person reads. */
function lines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !/^l4wasm: (preparing|compiling)\b/.test(l));
}

beforeAll(async () => {
  for (const name of ['long_sleep', 'cpuhog', 'memhog']) wasm[name] = await compileCached(join(here, `${name}.c`));
  wasm.hello = await compileCached(join(ROOT, 'examples', 'hello.c'));
  wasm.trapper = await compileCached(join(ROOT, 'tests', 'guest', 'fixtures', 'trapper.c'));
  dir = mkdtempSync(join(tmpdir(), 'l4wasm-hcli-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('l4wasm run: programs that cannot run', () => {
  it('a directory named *.wasm beside the program does not break the run', () => {
    const d = join(dir, 'progs');
    mkdirSync(join(d, 'junk.wasm'), { recursive: true });
    copyFileSync(wasm.hello!, join(d, 'hello.wasm'));
    const r = l4wasm(['run', '-q', join(d, 'hello.wasm'), 'x']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Hello from l4wasm!\nargv[1] = x\n');
    expect(r.status).toBe(0);
  });

  it('a start function that traps, a module importing env.memory: exit 126 with one line', () => {
    const trap = join(dir, 'starttrap.wasm');
    writeFileSync(trap, wat('(module (memory (export "memory") 1) (func $s unreachable) (start $s) (func (export "_start")))'));
    const a = l4wasm(['run', trap]);
    expect(a.status).toBe(126);
    expect(lines(a.stderr)).toEqual([`l4wasm: ${trap}: its start function trapped: unreachable`]);
    const envmem = join(dir, 'envmem.wasm');
    writeFileSync(envmem, wat('(module (import "env" "memory" (memory 1)) (func (export "_start")))'));
    const b = l4wasm(['run', envmem]);
    expect(b.status).toBe(126);
    expect(lines(b.stderr)).toHaveLength(1);
    expect(b.stderr).toMatch(/imports its memory \(env\.memory\)/);
  });

  it('a .c file that does not compile: the diagnostics, one line, exit 126', () => {
    const src = join(dir, 'broken.c');
    writeFileSync(src, 'int main(void) { return 0 }\n');
    const r = l4wasm(['run', '-q', src]);
    expect(r.status).toBe(126);
    expect(r.stderr).toMatch(/error: expected ';'/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(`l4wasm: ${src}: compilation failed (clang exit 1): cannot run it`);
  });

  it('a trap exits 128 + the signal of the equivalent fault: out of bounds 139', () => {
    const r = l4wasm(['run', wasm.trapper!, 'oob']);
    expect(r.status).toBe(139);
    expect(r.stderr).toMatch(/trap: memory access out of bounds in read_far/);
  });
});

describe('l4wasm run: limits', () => {
  it('--timeout: killed after that wall-clock time, exit 124 and one line', () => {
    const t0 = Date.now();
    const r = l4wasm(['run', '--timeout', '0.5', wasm.long_sleep!]);
    expect(r.status).toBe(124);
    expect(r.stdout).toBe('sleeping\n');
    expect(lines(r.stderr)).toEqual([`l4wasm: ${wasm.long_sleep}: timed out after 0.5 s`]);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('--cpu-limit: SIGXCPU after that much CPU time (exit 152)', () => {
    const r = l4wasm(['run', '--cpu-limit', '1', wasm.cpuhog!]);
    expect(r.status).toBe(128 + 24);
    expect(r.stdout).toBe('computing\n');
  });

  it('--memory-limit: malloc fails with ENOMEM at the limit', () => {
    const r = l4wasm(['run', '--memory-limit', '48M', wasm.memhog!, 'malloc', '2']);
    expect(r.status).toBe(0);
    // What the program's linked stack (8 MiB) leaves.
    const got = Number(/got (\d+) MiB, then ENOMEM/.exec(r.stdout)?.[1]);
    expect(got).toBeGreaterThanOrEqual(32);
    expect(got).toBeLessThan(40);
  });

  it('bad limit values are usage errors (exit 2)', () => {
    for (const args of [['--timeout', '0'], ['--timeout', 'soon'], ['--cpu-limit', '-1'], ['--memory-limit', 'lots'], ['--memory-limit', '1K']]) {
      const r = l4wasm(['run', ...args, wasm.hello!]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(new RegExp(`^l4wasm run: --${args[0]!.slice(2)} ${args[1]}: `));
    }
  });
});
