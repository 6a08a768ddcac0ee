// The guest's utilities (examples/coreutils, installed at /bin/NAME on every machine): each group's
// script (tests/posix/fixtures/coreutils_GROUP.sh, run by the guest's /bin/sh in an empty /tmp)
// prints what the same script printed on Linux with GNU coreutils and LC_ALL=C
// (tests/posix/expected/coreutils_GROUP.out: stdout and stderr as one stream).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinShell } from '../../src/guest/shell.js';
import { builtinCoreutils } from '../../src/guest/coreutils.js';
import { Machine } from '../../src/index.js';
import { linuxOutput, ROOT } from './run.js';

const FIXTURES = join(ROOT, 'tests', 'posix', 'fixtures');
const GROUPS = readdirSync(FIXTURES).filter((f) => /^coreutils_\w+\.sh$/.test(f)).map((f) => f.slice(0, -3)).sort();

describe('the guest utilities, compared with GNU coreutils', () => {
  it('are installed at /bin/NAME, one program under every name', () => {
    const u = builtinCoreutils();
    expect(builtinShell()).toBeDefined();
    expect(u?.commands).toEqual(expect.arrayContaining(['true', 'false']));
  });

  it.each(GROUPS)('%s prints what Linux printed', async (group) => {
    const m = await Machine.boot({ mounts: [{ host: FIXTURES, guest: '/f', readOnly: true }] });
    try {
      const r = await m.spawn(builtinShell()!, {
        args: ['sh', '-c', `sh /f/${group}.sh 2>&1`], env: { T: '/tmp', LC_ALL: 'C', PATH: '/bin' },
      }).wait();
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(linuxOutput(group));
      expect(r.code).toBe(0);
    } finally {
      await m.shutdown();
    }
  }, 240_000);
});
