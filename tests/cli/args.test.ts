// Command-line parsing (node:util parseArgs behind one option table per command): both value
// forms, `--` ends options, help for l4wasm and every command, --version, each kind of mistake as
// one line plus where help is (exit 2), --env NAME from the host, bench kernel/--out.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommand, type CommandDef } from '../../src/cli/args.js';
import { parseRunArgs } from '../../src/cli/run.js';
import { parseBenchArgs } from '../../src/cli/bench.js';
import { Progress } from '../../src/cli/progress.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l4wasm.js');

function l4wasm(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DEMO: CommandDef = {
  name: 'demo', operands: 'PROGRAM [ARGS...]', operandMode: 'rest', description: 'a test command',
  options: {
    dir: { type: 'string', multiple: true, value: 'D', help: 'a directory' },
    quick: { type: 'boolean', short: 'k', help: 'quick' },
    trace: { type: 'string', bare: 'lines', help: 'trace' },
  },
};

describe('parseCommand', () => {
  it('takes --flag=value and --flag value, repeated', () => {
    const p = parseCommand(DEMO, ['--dir=a', '--dir', 'b', '-k', 'prog', 'x']);
    expect(p).toEqual({ kind: 'ok', values: { dir: ['a', 'b'], quick: true }, operands: ['prog', 'x'] });
  });

  it('ends options at the program or at --; what follows is the program\'s', () => {
    expect(parseCommand(DEMO, ['prog', '--dir', 'x', '--help'])).toMatchObject({ operands: ['prog', '--dir', 'x', '--help'] });
    expect(parseCommand(DEMO, ['--', '--prog', '-k'])).toMatchObject({ values: {}, operands: ['--prog', '-k'] });
  });

  it('gives a bare option its value without taking the next argument', () => {
    expect(parseCommand(DEMO, ['--trace', 'prog'])).toMatchObject({ values: { trace: 'lines' }, operands: ['prog'] });
    expect(parseCommand(DEMO, ['--trace=summary', 'prog'])).toMatchObject({ values: { trace: 'summary' } });
  });

  it('names an unknown flag and never swallows the argument after it', () => {
    expect(parseCommand(DEMO, ['--bogus', 'prog'])).toEqual({ kind: 'error', message: "unknown option '--bogus'" });
    expect(parseCommand(DEMO, ['--bogus=1', 'prog'])).toEqual({ kind: 'error', message: "unknown option '--bogus'" });
    expect(parseCommand(DEMO, ['-z', 'prog'])).toEqual({ kind: 'error', message: "unknown option '-z'" });
  });

  it('reports a missing value and a value given to a switch', () => {
    expect(parseCommand(DEMO, ['--dir'])).toMatchObject({ kind: 'error', message: expect.stringMatching(/'--dir' needs a value/) });
    expect(parseCommand(DEMO, ['--dir='])).toMatchObject({ kind: 'error', message: expect.stringMatching(/needs a value/) });
    expect(parseCommand(DEMO, ['--quick=yes'])).toMatchObject({ kind: 'error', message: expect.stringMatching(/'--quick' takes no value/) });
  });

  it('answers -h and --help', () => {
    expect(parseCommand(DEMO, ['-h'])).toEqual({ kind: 'help' });
    expect(parseCommand(DEMO, ['--dir', 'x', '--help', 'prog'])).toEqual({ kind: 'help' });
  });
});

describe('run and bench arguments', () => {
  it('passes --env NAME=VALUE, and the host\'s value for --env NAME (nothing if the host has none)', () => {
    process.env.L4WASM_TEST_PASSED = 'from the host';
    delete process.env.L4WASM_TEST_UNSET;
    const a = parseRunArgs(['--env', 'A=1', '--env=B=x=y', '--env', 'L4WASM_TEST_PASSED', '--env', 'L4WASM_TEST_UNSET', 'p.wasm']);
    expect(typeof a !== 'string' && a.env).toEqual({ A: '1', B: 'x=y', L4WASM_TEST_PASSED: 'from the host' });
    expect(parseRunArgs(['--env', '=x', 'p.wasm'])).toMatch(/--env =x/);
  });

  it('keeps every earlier flag: --dir, --rom, --bin, --trace*, --syscalls, --quiet', () => {
    const a = parseRunArgs(['--dir', `${ROOT}:/src:ro`, `--rom=${join(ROOT, 'README.md')}:readme`, '--bin', join(ROOT, 'examples'),
      '--trace=summary', '--syscalls', 'server', '-q', 'p.wasm', 'x']);
    expect(a).toMatchObject({
      mounts: [{ host: ROOT, guest: '/src', readOnly: true }],
      roms: [{ path: join(ROOT, 'README.md'), name: 'readme' }],
      bins: [join(ROOT, 'examples')],
      calls: { trace: 'summary', syscalls: 'server' },
      quiet: true, program: 'p.wasm', args: ['x'],
    });
    expect(parseRunArgs(['--dir', '/no/such/dir', 'p.wasm'])).toMatch(/no such host directory/);
  });

  it('parses bench syscalls options in both forms', () => {
    expect(parseBenchArgs(['--path=local', '--out', 'o', '--only=getpid'])).toMatchObject({ paths: ['local'], out: 'o', only: ['getpid'] });
    expect(parseBenchArgs(['--quick', 'extra'])).toMatch(/unexpected argument 'extra'/);
  });
});

describe('l4wasm help and mistakes', () => {
  it('prints help for l4wasm and for each command, exit 0', () => {
    const cases: [string[], RegExp][] = [
      [['--help'], /^usage: l4wasm <command>/],
      [['-h'], /^usage: l4wasm <command>/],
      [['help'], /^usage: l4wasm <command>/],
      [['run', '--help'], /^usage: l4wasm run \[options\] \[--\] PROGRAM[\s\S]*--dir HOST\[:GUEST\]\[:ro\][\s\S]*--env NAME\[=VALUE\]/],
      [['run', '-h'], /^usage: l4wasm run/],
      [['help', 'run'], /^usage: l4wasm run/],
      [['cc', '--help'], /^usage: l4wasm cc/],
      [['bench', '--help'], /^usage: l4wasm bench <what>/],
      [['bench', 'syscalls', '--help'], /^usage: l4wasm bench syscalls[\s\S]*--out DIR/],
      [['bench', 'kernel', '-h'], /^usage: l4wasm bench kernel[\s\S]*--quick/],
      [['bench', 'preempt', '--help'], /^usage: l4wasm bench preempt[\s\S]*--runs N/],
    ];
    for (const [args, want] of cases) {
      const r = l4wasm(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(want);
      expect(r.stderr).toBe('');
    }
  });

  it('prints its version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = l4wasm(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`l4wasm ${pkg.version}\n`);
  });

  it('reports each mistake in one line naming it, plus where help is, exit 2', () => {
    const cases: [string[], string, string][] = [
      [['run', '--bogus', 'prog.wasm'], "l4wasm run: unknown option '--bogus'", 'l4wasm run'],
      [['run', '--bogus=3', 'prog.wasm'], "l4wasm run: unknown option '--bogus'", 'l4wasm run'],
      [['run', '--dir'], "l4wasm run: option '--dir' needs a value (HOST[:GUEST][:ro])", 'l4wasm run'],
      [['run', '--quiet=yes', 'prog.wasm'], "l4wasm run: option '--quiet' takes no value", 'l4wasm run'],
      [['run', '--syscalls', 'fast', 'prog.wasm'], 'l4wasm run: --syscalls fast: expected local or server', 'l4wasm run'],
      [['run'], 'l4wasm run: missing PROGRAM (a .wasm or .c file to run)', 'l4wasm run'],
      [['frobnicate'], "l4wasm: unknown command 'frobnicate'", 'l4wasm'],
      [['--frob'], "l4wasm: unknown option '--frob'", 'l4wasm'],
      [[], 'l4wasm: no command given (run, cc, bench or help)', 'l4wasm'],
      [['bench'], 'l4wasm bench: bench needs what to measure: syscalls, kernel, preempt, l4, fwq, mpi-fwq or prepare', 'l4wasm bench'],
      [['bench', 'warp'], "l4wasm bench: unknown benchmark 'warp' (syscalls, kernel, preempt, l4, fwq, mpi-fwq or prepare)", 'l4wasm bench'],
      [['bench', 'syscalls', '--fast'], "l4wasm bench syscalls: unknown option '--fast'", 'l4wasm bench syscalls'],
      [['bench', 'kernel', 'now'], "l4wasm bench kernel: unexpected argument 'now'", 'l4wasm bench kernel'],
      [['bench', 'preempt', '--runs', 'x'], 'l4wasm bench preempt: --runs x: expected a positive whole number', 'l4wasm bench preempt'],
      [['bench', 'fwq', '--out', '/dev/null'], 'l4wasm bench fwq: --out /dev/null: cannot make the results directory: EEXIST', 'l4wasm bench fwq'],
    ];
    for (const [args, line, where] of cases) {
      const r = l4wasm(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${line}\ntry '${where} --help'\n`);
    }
  });

  it('runs the kernel benchmark from any directory, writing to ./bench there or to --out', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'l4wasm-bench-'));
    try {
      const r = l4wasm(['bench', 'kernel', '--quick'], cwd);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('sameCpuRoundTripNs');
      const report = JSON.parse(readFileSync(join(cwd, 'bench', 'kernel.json'), 'utf8')) as { quick: boolean; results: Record<string, number> };
      expect(report.quick).toBe(true);
      expect(report.results.crossCpuMainWorkerRoundTripNs).toBeGreaterThan(0);
      const o = l4wasm(['bench', 'kernel', '--quick', '--out', join(cwd, 'elsewhere')], cwd);
      expect(o.status).toBe(0);
      expect(existsSync(join(cwd, 'elsewhere', 'kernel.json'))).toBe(true);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('progress', () => {
  const stream = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, s: { isTTY, write: (t: string) => { out.push(t); return true; } } };
  };

  it('on a terminal: a live line with the elapsed time, finished with the total', () => {
    let now = 0;
    const { out, s } = stream(true);
    const p = new Progress({ stream: s, now: () => now });
    const t = p.start('compiling x.c');
    now = 2500;
    t.end();
    expect(out.join('')).toBe('\r\x1b[2Kl4wasm: compiling x.c ... 0.0 s\r\x1b[2Kl4wasm: compiling x.c ... done (2.5 s)\n');
  });

  it('not on a terminal: one line; quiet: nothing', () => {
    const plain = stream(false);
    const t = new Progress({ stream: plain.s }).start('compiling x.c');
    t.end();
    expect(plain.out.join('')).toBe('l4wasm: compiling x.c\n');
    const quiet = stream(true);
    new Progress({ stream: quiet.s, quiet: true }).start('compiling x.c').end();
    expect(quiet.out).toEqual([]);
  });
});
