// tcgetpgrp/tcsetpgrp, which a link probe found missing: they need a terminal, which the tests'
// Linux runs do not have, so the expected lines are written here. The other calls that probe found
// missing are compared whole with Linux's output in compared_with_linux.test.ts.
import { describe, expect, it } from 'vitest';
import { build, lines, run } from './run.js';

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
