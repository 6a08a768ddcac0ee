// The shell's kill built-in (examples/sh/trap.c, the guest's /bin/sh), as POSIX describes it: kill
// [-s NAME | -NAME | -N | -n N] [--] pid..., kill -l [status | NAME].
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/index.js';
import { join } from 'node:path';
import { lines, ROOT } from './run.js';

async function sh(script: string) {
  const shell = join(ROOT, 'build', 'sh.wasm');
  const m = await Machine.boot({ programs: { '/bin/sh': shell } });
  try {
    const p = m.spawn(shell, { args: ['sh', '-c', script] });
    const status = await p.exit;
    return { status, stdout: p.stdout, stderr: p.stderr };
  } finally { await m.shutdown(); }
}

const NAMES = ['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM',
  'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO',
  'PWR', 'SYS'];

describe('sh: kill', () => {
  it('kill -l lists the signals; kill -l turns numbers and exit statuses into names, names into numbers', async () => {
    const r = await sh('kill -l; kill -l 15 143 9; kill -l TERM sigusr1');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(lines(...NAMES, 'TERM', 'TERM', 'KILL', '15', '10'));
    expect(r.status.code).toBe(0);
  }, 120_000);

  it('kill -0 checks a process; an unknown pid or signal is an error (status 1), no pid a usage error (2)', async () => {
    const r = await sh('kill -0 $$ && echo alive; kill -s 0 $$ && echo alive; kill -n 0 -- $$ && echo alive; '
      + 'kill 99999; echo "status $?"; kill -FOO $$; echo "status $?"; kill -s; echo "status $?"; kill; echo "status $?"; '
      + 'kill abc; echo "status $?"');
    expect(r.stdout).toBe(lines('alive', 'alive', 'alive', 'status 1', 'status 1', 'status 2', 'status 2', 'status 1'));
    expect(r.stderr).toBe(lines(
      'sh: kill: (99999) - No such process',
      'sh: kill: FOO: invalid signal specification',
      'sh: kill: -s: option requires an argument',
      'usage: kill [-s sigspec | -n signum | -sigspec] pid ... or kill -l [sigspec]',
      'sh: kill: abc: arguments must be process or job IDs',
    ));
  }, 120_000);

  it('kill -SIG, -s SIG, -N and plain kill signal the process: the shell killing itself ends by that signal', async () => {
    for (const [script, sig] of [['kill -USR1 $$', 10], ['kill -s SIGUSR2 $$', 12], ['kill -9 $$', 9], ['kill $$', 15], ['kill -n 1 $$', 1]] as const) {
      const r = await sh(`${script}; echo survived`);
      expect(r.stdout).toBe('');
      expect(r.status.signal).toBe(sig);
    }
  }, 120_000);
});
