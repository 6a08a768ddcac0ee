// The guest's /bin/sh (examples/sh/) on the shell language: tests/posix/fixtures/shell_lang.sh (compound
// commands, functions, expansions, field splitting, redirections, here-documents, jobs, built-ins),
// run in an empty /tmp, prints what dash printed for it on Linux (tests/posix/expected/shell_lang.out:
// stdout and stderr as one stream).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinShell } from '../../src/guest/shell.js';
import { Machine } from '../../src/index.js';
import { linuxOutput, ROOT } from './run.js';

const FIXTURES = join(ROOT, 'tests', 'posix', 'fixtures');

describe('the shell language, compared with dash', () => {
  it('shell_lang.sh prints what dash printed', async () => {
    const m = await Machine.boot({ mounts: [{ host: FIXTURES, guest: '/f', readOnly: true }] });
    try {
      const r = await m.spawn(builtinShell()!, {
        args: ['sh', '-c', 'sh /f/shell_lang.sh 2>&1'], env: { T: '/tmp', LC_ALL: 'C', PATH: '/bin' },
      }).wait();
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(linuxOutput('shell_lang'));
      expect(r.code).toBe(0);
    } finally {
      await m.shutdown();
    }
  }, 240_000);
});
