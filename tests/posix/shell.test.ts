// The guest's shell (examples/sh/, build/sh.wasm) running the other examples as its commands (installed as /bin/NAME): pipelines,
// redirections, && || ; !, exit statuses, built-ins, pathname expansion; a 100-stage pipeline; the CLI's `run` of it.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../src/index.js';
import { build, lines, readGuest, ROOT } from './run.js';

/** The shell (examples/sh/*.c), as the build (build:sysroot) made it. */
const SHELL = join(ROOT, 'build', 'sh.wasm');

const COMMANDS = ['cat', 'wc', 'ls'];
const bins: Record<string, string> = { '/bin/sh': SHELL };
beforeAll(async () => {
  for (const c of COMMANDS) bins[`/bin/${c}`] = await build(`examples/${c}.c`);
}, 240_000);

async function withMachine<T>(f: (m: Machine) => Promise<T>): Promise<T> {
  const m = await Machine.boot({ programs: bins, roms: [{ name: 'x', data: 'one\ntwo\nthree\n' }] });
  try { return await f(m); } finally { await m.shutdown(); }
}

async function sh(script: string, inspect?: (m: Machine) => void) {
  return withMachine(async (m) => {
    const p = m.spawn(bins['/bin/sh']!, { args: ['sh', '-c', script] });
    const status = await p.exit;
    inspect?.(m);
    expect(m.table.liveCount).toBe(0);
    return { status, stdout: p.stdout, stderr: p.stderr };
  });
}

describe('sh', () => {
  it('pipelines of the examples: cat | wc, ls | wc, echo | cat | wc', async () => {
    const r = await sh('cat /rom/x | wc -l; ls /rom | wc -l; echo a b c | cat | cat | wc -w');
    expect(r.stdout).toBe(lines('3', '4', '3'));
    expect(r.status.code).toBe(0);
  });

  it('redirections: > >> < 2> 2>&1 into /tmp files', async () => {
    const r = await sh('echo hi > /tmp/f; cat /rom/x >> /tmp/f; wc -l < /tmp/f; cat /nope 2> /tmp/err; cat /nope > /tmp/both 2>&1; echo done',
      (m) => {
        expect(readGuest(m, '/tmp/f')).toBe('hi\none\ntwo\nthree\n');
        expect(readGuest(m, '/tmp/err')).toMatch(/^cat: \/nope: /);
        expect(readGuest(m, '/tmp/both')).toMatch(/^cat: \/nope: /);
      });
    expect(r.stdout).toBe(lines('4', 'done'));
  });

  it('pathname expansion: unquoted * ? [...] and an unquoted variable match names (sorted); quoted or matching nothing, the word stays', async () => {
    const r = await sh('cd /tmp; echo > b.c; echo > a.c; echo > x.h; echo > "q*.c"; echo *.c; echo "*.c" \\*.c none*.z ?.h [ab].c; X="*.h"; echo $X "$X" /tmp/*.h');
    expect(r.stdout).toBe(lines('a.c b.c q*.c', '*.c *.c none*.z x.h a.c b.c', 'x.h *.h /tmp/x.h'));
  });

  it("a redirection from a missing file is that file's error (status 1), not the command's", async () => {
    const r = await sh('cat < /tmp/missing; echo $?');
    expect(r.stdout).toBe(lines('1'));
    expect(r.stderr).toBe('sh: /tmp/missing: No such file or directory\n');
  });

  it('! negates only at the start of a pipeline; elsewhere it is an argument', async () => {
    const r = await sh('! true; echo $?; true && ! false; echo $?; echo a ! b');
    expect(r.stdout).toBe(lines('1', '0', 'a ! b'));
  });

  it('exit statuses: $?, && || ; !, not found 127, a signal death 128+n, exit N', async () => {
    const r = await sh('false; echo $?; true && echo and; false || echo or; false && echo no || echo yes; ! true; echo $?; nope; echo $?; cat /nope 2>/dev/null; echo $?; exit 7');
    expect(r.stdout).toBe(lines('1', 'and', 'or', 'yes', '1', '127', '1'));
    expect(r.stderr).toBe('sh: nope: not found\n');
    expect(r.status.code).toBe(7);
  });

  it('built-ins: cd, pwd, export, echo -n, quoting and $VAR; a child sees exported variables', async () => {
    const r = await sh(`cd /tmp && pwd; X=1; echo "x=$X" 'lit $X' \\$X; export GREETING=hi; echo -n "$GREETING"; echo; cd /nope; echo $?`);
    expect(r.stdout).toBe(lines('/tmp', 'x=1 lit $X $X', 'hi', '1'));
  });

  it('positional parameters: sh -c cmd name args... and sh script args... set $0, $1 ... ${10}, $#', async () => {
    const r = await sh("sh -c 'echo $0 $1 $#' a b c; sh -c 'echo $0 $#'; sh -c 'echo \"[${10}]\" $10 \"[$2]\" \"[$3]\"' n 1 2; "
      + "echo 'echo $0 $1 $2 $#' > /tmp/s; sh /tmp/s x y; echo $0 $#");
    expect(r.stderr).toBe('');
    // As dash and bash print them; $10 is $1 followed by 0.
    expect(r.stdout).toBe(lines('a b 2', 'sh 0', '[] 10 [2] []', '/tmp/s x y 2', 'sh 0'));
  });

  it('a command starts in the shell\'s working directory', async () => {
    const r = await sh('echo x > /tmp/here; cd /tmp && cat here && ls | wc -l');
    expect(r.stdout).toBe(lines('x', '4'));
  });

  it('a 100-stage pipeline: 100 processes at once, correct output; memory per idle process', async () => {
    await withMachine(async (m) => {
      const stages = Array.from({ length: 99 }, () => 'cat').join(' | ');
      // Idle first: 100 processes blocked on their pipes while the first cat waits for input.
      const p = m.spawn(bins['/bin/sh']!, { args: ['sh', '-c', `${stages} | wc -l`], stdin: 'pipe' });
      const before = process.memoryUsage();
      for (let i = 0; i < 500 && m.table.liveCount < 101; i++) await new Promise((r) => setTimeout(r, 20));
      expect(m.table.liveCount).toBe(101);
      await new Promise((r) => setTimeout(r, 100));
      const after = process.memoryUsage();
      const linear = [...m.table.map.values()].reduce((n, q) => n + (q.ended ? 0 : q.memory.buffer.byteLength), 0);
      console.log(`idle process: ${(linear / 101 / 1024).toFixed(0)} KiB linear memory, ` +
        `${((after.rss - before.rss) / 100 / 1024).toFixed(0)} KiB rss growth per process`);
      for (let i = 0; i < 1000; i++) p.write(`line ${i}\n`);
      p.end();
      const status = await p.exit;
      expect(status.code).toBe(0);
      expect(p.stdout).toBe('1000\n');
      expect(m.table.liveCount).toBe(0);
    });
  }, 60_000);
});

describe('killing a process mid-pipeline', () => {
  it('the writer before it dies of SIGPIPE, the reader after it sees EOF, the shell finishes', async () => {
    await withMachine(async (m) => {
      const p = m.spawn(bins['/bin/sh']!, { args: ['sh', '-c', 'cat | cat | wc -l; echo after'], stdin: 'pipe' });
      for (let i = 0; i < 500 && m.table.liveCount < 4; i++) await new Promise((r) => setTimeout(r, 10));
      const cats = [...m.table.map.values()].filter((q) => q.args[0] === 'cat').sort((a, b) => a.pid - b.pid);
      expect(cats.length).toBe(2);
      cats[1]!.kill(9);
      await cats[1]!.exit;
      p.write('x\n'.repeat(40000)); // more than a pipe holds: the first cat must write into the dead one's pipe
      p.end();
      expect((await p.exit).code).toBe(0);
      expect(p.stdout).toBe(lines('0', 'after'));
      expect((await cats[0]!.exit).signal).toBe(13);
    });
  });
});

describe('l4wasm run build/sh.wasm', () => {
  it('runs the example shell with the examples as commands', async () => {
    const run = promisify(execFile);
    const r = await run('node', [join(ROOT, 'bin', 'l4wasm.js'), 'run', '--rom', join(ROOT, 'tests', 'posix', 'fixtures', 'check.h') + ':x',
      SHELL, '-c', 'cat /rom/x | wc -l; echo $?'], { cwd: ROOT, timeout: 120_000 });
    expect(r.stdout).toMatch(/^\d+\n0\n$/);
  }, 180_000);
});
