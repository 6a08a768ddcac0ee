// Calls a link probe found missing, each fixture's whole output compared with the same program
// built by gcc and run on Linux (glibc), kept in tests/posix/expected/NAME.out.
import { describe, expect, it } from 'vitest';
import { build, linuxOutput, run } from './run.js';

const CASES = [
  { name: 'waitid', what: 'waitid: P_PID, P_PGID, P_ALL; WEXITED, WSTOPPED, WNOHANG, WNOWAIT; the siginfo; errors' },
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
