// Everyday POSIX behaviours (tests/posix/fixtures/behaviours.c): files (holes, ftruncate, rename
// over an open file, O_APPEND across descriptors, dup2 onto stdout, fdopen/freopen), directories
// (readdir/telldir/seekdir, scandir, realpath, glob, fnmatch), libc (getopt, getopt_long,
// strftime/strptime, qsort/bsearch), processes (exec and wait statuses, stdio buffers across fork,
// nanosleep's time left, SA_RESTART against EINTR), and the rest (clock/times, err.h, sigwait and
// friends, the user and group databases, lockf, ttyname). Each output is the same program's on Linux
// (gcc, glibc), kept in tests/posix/expected/behaviours_NAME.out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runL4wasm } from '../helpers/run_l4wasm.js';
import { build } from './run.js';

let wasm: string;
beforeAll(async () => { wasm = await build('tests/posix/fixtures/behaviours.c'); }, 120_000);

const expected = (name: string) => readFileSync(join(import.meta.dirname, 'expected', `behaviours_${name}.out`), 'utf8');

describe('everyday POSIX behaviours, as on Linux', () => {
  it.each(['files', 'dirs', 'libc', 'procs', 'misc'])('%s', async (name) => {
    // Installed as /bin/behaviours: argv[0] is its path, which procs execs.
    const r = await runL4wasm(wasm, { args: ['/bin/behaviours', name], prepare: (m) => m.install('/bin/behaviours', readFileSync(wasm)) });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected(name));
    expect(r.code).toBe(0);
  }, 60_000);
});
