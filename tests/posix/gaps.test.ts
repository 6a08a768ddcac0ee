// Calls a link probe found missing, each fixture's whole output compared with the same program
// built by gcc and run on Linux (glibc), kept in tests/posix/expected/NAME.out.
import { describe, expect, it } from 'vitest';
import { build, lines, linuxOutput, run } from './run.js';

const CASES = [
  { name: 'waitid', what: 'waitid: P_PID, P_PGID, P_ALL; WEXITED, WSTOPPED, WNOHANG, WNOWAIT; the siginfo; errors' },
  { name: 'pselect', what: 'pselect: the signal mask in place for the wait only (EINTR, restored after), the sets rewritten, EBADF, EINVAL' },
  { name: 'ftw', what: 'ftw and nftw: types, levels, FTW_PHYS, FTW_DEPTH, a callback that stops, a missing root; sync' },
  { name: 'ppoll', what: 'ppoll: readiness, timeout, the signal mask swapped for the wait only (EINTR, restored after); hang-ups; errors' },
];

describe('as on Linux', () => {
  for (const c of CASES) {
    it(c.what, async () => {
      const r = await run(await build(`tests/posix/fixtures/${c.name}.c`), []);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(linuxOutput(c.name));
      expect(r.code).toBe(0);
    }, 240_000);
  }
});

describe('the terminal\'s foreground process group', () => {
  it('tcgetpgrp/tcsetpgrp on /dev/tty: the session\'s group first, what tcsetpgrp set for every process; ENOTTY, EBADF, EINVAL, EPERM', async () => {
    const r = await run(await build('tests/posix/fixtures/tcpgrp.c'), []);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(lines(
      'foreground is the caller\'s group at first: 1',
      'tcgetpgrp(pipe): ENOTTY',
      'tcsetpgrp(pipe): ENOTTY',
      'tcgetpgrp(bad fd): EBADF',
      'tcsetpgrp(-1): EINVAL',
      'tcsetpgrp(no such group): EPERM',
      'tcsetpgrp(the child\'s group): ok',
      'tcgetpgrp is the child\'s group: 1',
      'child: it is the foreground group (by another open of the terminal too): 1 1',
      'tcsetpgrp(back to its own): ok',
      'foreground is the caller\'s group again: 1',
    ));
    expect(r.code).toBe(0);
  }, 240_000);
});
