// l4wasm run among host processes: host signals reach the program, a closed stdout is EPIPE and
// SIGPIPE for the program (no Node trace), a host directory mounted at '/' is never written to on
// l4wasm's own account, and progress lines when not on a terminal.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCached } from '../../src/toolchain/compile_cache.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l4wasm.js');
const FIXTURES = join(import.meta.dirname, 'fixtures');
let sigwait = '';
let yes = '';
let ls = '';

beforeAll(async () => {
  sigwait = await compileCached(join(FIXTURES, 'sigwait.c'));
  yes = await compileCached(join(FIXTURES, 'yes.c'));
  ls = await compileCached(join(ROOT, 'examples', 'ls.c'));
  // Prepared (asyncify, cached) once here, so that the parallel runs below start at once.
  spawnSync(process.execPath, [BIN, 'run', '-q', ls, '/dev'], { input: '', timeout: 120_000 });
  await signalRun([], ['SIGINT'], 120_000);
}, 240_000);

/**
 * Runs sigwait with `args`, sends `signals` (one after another, each once the program is ready
 * or the previous had time to arrive) to the l4wasm process; resolves with status and output.
 */
function signalRun(args: string[], signals: NodeJS.Signals[], timeout = 30_000): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'run', '-q', sigwait, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (t: string) => {
      stdout += t;
      if (!sent && stdout.includes('ready\n')) {
        sent = true;
        void (async () => {
          for (const s of signals) {
            child.kill(s);
            await new Promise((r) => setTimeout(r, 150));
          }
        })();
      }
    });
    child.stderr.setEncoding('utf8').on('data', (t: string) => { stderr += t; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`timed out: ${stdout} ${stderr}`)); }, timeout);
    child.on('exit', (status, signal) => { clearTimeout(timer); resolve({ status, signal, stdout, stderr }); });
  });
}

describe('host signals', () => {
  it("reach the program's handlers (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH)", async () => {
    const cases: [NodeJS.Signals, string, string][] = [
      ['SIGINT', 'INT', 'Interrupt'], ['SIGTERM', 'TERM', 'Terminated'], ['SIGHUP', 'HUP', 'Hangup'],
      ['SIGQUIT', 'QUIT', 'Quit'], ['SIGUSR1', 'USR1', 'User defined signal 1'],
      ['SIGUSR2', 'USR2', 'User defined signal 2'], ['SIGWINCH', 'WINCH', 'Window changed'],
    ];
    const results = await Promise.all(cases.map(([sig, name]) => signalRun([name], [sig])));
    for (const [i, [sig, , text]] of cases.entries()) {
      const r = results[i]!;
      expect(r.stderr, sig).toBe('');
      expect(r.stdout, sig).toBe(`ready\ngot ${text}\n`);
      expect(r.status, sig).toBe(0);
    }
  });

  it('end a program with the default disposition as a shell shows it (130, 143, 129)', async () => {
    const [int, term, hup] = await Promise.all([
      signalRun([], ['SIGINT']), signalRun([], ['SIGTERM']), signalRun([], ['SIGHUP']),
    ]);
    expect([int.status, term.status, hup.status]).toEqual([130, 143, 129]);
    expect(int.stdout).toBe('ready\n');
    expect(int.stderr).toBe('');
  });

  it('a second SIGINT while the first is pending ends the program with 130', async () => {
    const r = await signalRun(['block', 'INT'], ['SIGINT', 'SIGINT']);
    expect(r.status).toBe(130);
    expect(r.stdout).toBe('ready\n');
  });
});

describe('closed stdout', () => {
  it('`l4wasm run prog | head -1`: the program dies of SIGPIPE (141), no Node trace', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" run -q "${yes}" | head -1; echo "status \${PIPESTATUS[0]}" >&2`],
      { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe('y\n');
    expect(r.stderr).toBe('status 141\n');
  });

  it('a program that ignores SIGPIPE gets EPIPE from write, and l4wasm exits with its status', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" run -q "${yes}" ignore | head -1; echo "status \${PIPESTATUS[0]}" >&2`],
      { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe('y\n');
    expect(r.stderr).toBe('write: EPIPE\nstatus 3\n');
  });
});

describe('host directory at /', () => {
  it('is not written to: programs for spawn/exec (and /bin/sh) live in memory at /bin, also with :ro', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-root-'));
    try {
      copyFileSync(ls, join(dir, 'ls.wasm'));
      copyFileSync(yes, join(dir, 'yes.wasm'));
      writeFileSync(join(dir, 'notes.txt'), 'mine\n');
      for (const mode of ['', ':ro']) {
        const r = spawnSync(process.execPath, [BIN, 'run', '-q', '--dir', `${dir}:/${mode}`, '--bin', dir, join(dir, 'ls.wasm'), '/bin', '/notes.txt'],
          { encoding: 'utf8', timeout: 60_000 });
        expect(r.stderr, mode).toBe('');
        expect(r.status, mode).toBe(0);
        // sh: the machine's shell; cat: one of its utilities; ls and yes: the programs given (--bin).
        for (const name of ['cat', 'ls', 'sh', 'yes']) expect(r.stdout, name).toMatch(new RegExp(`\\s${name}\\n`));
        expect(r.stdout.startsWith('/bin:\n')).toBe(true);
        expect(readdirSync(dir).sort(), mode).toEqual(['ls.wasm', 'notes.txt', 'yes.wasm']);
      }
      expect(existsSync(join(dir, 'bin'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('progress when not on a terminal', () => {
  it('is one line per piece of long work', () => {
    const cache = mkdtempSync(join(tmpdir(), 'l4wasm-progress-'));
    const src = mkdtempSync(join(tmpdir(), 'l4wasm-progress-src-'));
    try {
      writeFileSync(join(src, 'p.c'), '#include <stdio.h>\nint main(void) { puts("p"); return 0; }\n');
      const env = { ...process.env, L4WASM_CACHE: cache };
      const r = spawnSync(process.execPath, [BIN, 'run', join(src, 'p.c')], { encoding: 'utf8', env, timeout: 120_000 });
      expect(r.stdout).toBe('p\n');
      const lines = r.stderr.split('\n').filter(Boolean);
      expect(lines[0]).toBe(`l4wasm: compiling ${join(src, 'p.c')}`);
      // A new pure WASI program runs decoupled while it is prepared in the background: its line too.
      expect(lines.every((l) => /^l4wasm: (compiling|preparing) /.test(l))).toBe(true);
      expect(r.stderr).not.toContain('\r');
      // --quiet with a cold cache is checked by tests/package/pack.test.ts (run -q sig.c).
    } finally {
      rmSync(cache, { recursive: true, force: true });
      rmSync(src, { recursive: true, force: true });
    }
  });
});
