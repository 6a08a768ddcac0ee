// Large real wasip1 programs from npm packages (yosys; clang and the other LLVM tools of
// @yowasp/clang's llvm.core.wasm, chosen by argv[1] as its bundle does) under `l4wasm run` in its default (auto) mode, with an empty preparation cache:
// what they write must be what node:wasi writes for the same invocation, with the same status,
// and when preparation is skipped or stopped, exactly one line says the program runs decoupled.
// Slow (each run loads a 30-75 MB module): only with L4WASM_REAL=1, i.e. `npm run test:real`.
// flite's cases are in the default suite (tests/guest/preempt_stress.test.ts and others).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l4wasm.js');
const real = process.env.L4WASM_REAL === '1';
const yosys = real ? join(dirname(require.resolve('@yowasp/yosys')), 'yosys.core.wasm') : '';
const llvm = real ? join(dirname(require.resolve('@yowasp/clang')), 'llvm.core.wasm') : '';

const NODE_WASI = `
  import { readFileSync } from 'node:fs';
  import { WASI } from 'node:wasi';
  const [wasm, dir, ...args] = JSON.parse(process.env.REAL_ARGV);
  const wasi = new WASI({ version: 'preview1', args, preopens: { '/w': dir }, returnOnExit: true });
  const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), wasi.getImportObject());
  process.exitCode = wasi.start(inst);`;

let work = '';
let cache = '';

/** node:wasi's run: status, stdout, stderr (the working directory /w is `dir`). */
function nodeWasi(wasm: string, dir: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', NODE_WASI], {
    env: { ...process.env, REAL_ARGV: JSON.stringify([wasm, dir, wasm.split('/').pop(), ...args]) }, timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

/** l4wasm run in auto mode, the directory at /w, an empty preparation cache of its own. */
function l4wasm(wasm: string, dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'run', '--dir', `${dir}:/w`, wasm, ...args], {
    env: { ...process.env, L4WASM_CACHE: cache }, timeout: 300_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

/** Runs both in directories holding the same `files`; returns both results and the directories. */
function both(wasm: string, args: string[], files: Record<string, string | Uint8Array> = {}) {
  const dirs = [mkdtempSync(join(work, 'nw-')), mkdtempSync(join(work, 'l4-'))] as const;
  for (const d of dirs) for (const [name, data] of Object.entries(files)) writeFileSync(join(d, name), data);
  return { expected: nodeWasi(wasm, dirs[0], args), got: l4wasm(wasm, dirs[1], args), dirs };
}

/** The same status and output; one line (at most) says the program ran decoupled, nothing else went to stderr but the program's. */
function expectSame(r: ReturnType<typeof both>) {
  expect(r.got.status).toBe(r.expected.status);
  expect(r.got.stdout.toString()).toBe(r.expected.stdout.toString());
  const ours = r.got.stderr.split('\n').filter((l) => l.startsWith('l4wasm: '));
  expect(ours.filter((l) => /running decoupled/.test(l)).length).toBeLessThanOrEqual(1);
  expect(ours.every((l) => /^l4wasm: (preparing|.*running decoupled)/.test(l))).toBe(true);
  expect(r.got.stderr.split('\n').filter((l) => !l.startsWith('l4wasm: ')).join('\n'))
    .toBe(r.expected.stderr.split('\n').join('\n'));
}

describe.skipIf(!real)('real programs from npm under l4wasm run (auto mode) give node:wasi\'s output', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'l4wasm-real-'));
    cache = mkdtempSync(join(tmpdir(), 'l4wasm-real-cache-'));
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  it('yosys -V', () => {
    const r = both(yosys, ['-V']);
    expect(r.expected.stdout.toString()).toMatch(/^Yosys \d/);
    expectSame(r);
    expect(r.got.stderr).toMatch(/running decoupled/);
  }, 300_000);

  it('yosys: a tiny design read, optimized, reported and written back', () => {
    const r = both(yosys, ['-Q', '-T', '-p', 'read_verilog /w/t.v; hierarchy -top t; proc; opt; stat; write_verilog -noattr -'], {
      't.v': 'module t(input a, input b, input c, output y); wire x = a & b; assign y = x | (c & 1\'b1); endmodule\n',
    });
    expect(r.expected.stdout.toString()).toContain('assign y =');
    expectSame(r);
  }, 300_000);

  it('clang --version', () => {
    const r = both(llvm, ['clang', '--version']);
    expect(r.expected.stdout.toString()).toMatch(/^clang version/);
    // The one intended difference: clang names the directory of its argv[0]. l4wasm gives the
    // program its guest path (/bin/llvm.core, as a shell would: issue #14), node:wasi a bare name.
    expect(r.got.stdout.toString()).toContain('InstalledDir: /bin\n');
    expect(r.expected.stdout.toString()).toContain('InstalledDir: \n');
    r.got.stdout = Buffer.from(r.got.stdout.toString().replace('InstalledDir: /bin\n', 'InstalledDir: \n'));
    expectSame(r);
  }, 300_000);

  it('clang -fsyntax-only: a diagnostic on stderr and status 1, as node:wasi', () => {
    const r = both(llvm, ['clang', '-fsyntax-only', '/w/bad.c'], { 'bad.c': 'int f(void) { return undeclared; }\n' });
    expect(r.expected.status).toBe(1);
    expect(r.expected.stderr).toContain("use of undeclared identifier 'undeclared'");
    expectSame(r);
  }, 300_000);

  it('clang -c: the same object file', () => {
    const src = { 't.c': 'int add(int a, int b) { return a + b; }\nint twice(int a) { return add(a, a); }\n' };
    const r = both(llvm, ['clang', '--target=wasm32', '-O2', '-c', '/w/t.c', '-o', '/w/t.o'], src);
    expectSame(r);
    const [a, b] = r.dirs.map((d) => readFileSync(join(d, 't.o')));
    expect(a!.length).toBeGreaterThan(100);
    expect(b!.equals(a!)).toBe(true);
  }, 300_000);

  it('the other LLVM tools of the same module: objdump, nm, size, ar, wasm-ld, c++filt', () => {
    const dir = mkdtempSync(join(work, 'obj-'));
    writeFileSync(join(dir, 't.c'), 'int g(void) { return 7; }\nint h(int x) { return g() * x; }\n');
    expect(nodeWasi(llvm, dir, ['clang', '--target=wasm32', '-O1', '-c', '/w/t.c', '-o', '/w/t.o']).status).toBe(0);
    const object = { 't.o': readFileSync(join(dir, 't.o')) };
    const listings: [string[], string][] = [
      [['objdump', '-h', '/w/t.o'], 'CODE'],
      [['nm', '/w/t.o'], ' T h'],
      [['size', '/w/t.o'], 'text'],
      [['c++filt', '_ZN4core3fmt5write17h0123456789abcdefE', '_Z3addii'], 'add(int, int)'],
    ];
    for (const [args, shows] of listings) {
      const r = both(llvm, args, object);
      expect(r.expected.stdout.toString()).toContain(shows);
      expectSame(r);
    }
    // Tools that write files: the same bytes (llvm-ar is deterministic by default).
    for (const [args, out] of [
      [['ar', 'rc', '/w/lib.a', '/w/t.o'], 'lib.a'],
      [['wasm-ld', '--no-entry', '--export-all', '/w/t.o', '-o', '/w/t.wasm'], 't.wasm'],
    ] as const) {
      const r = both(llvm, [...args], object);
      expectSame(r);
      const [a, b] = r.dirs.map((d) => readFileSync(join(d, out)));
      expect(a!.length).toBeGreaterThan(100);
      expect(b!.equals(a!)).toBe(true);
    }
  }, 600_000);
});
