// Temporary files and directories (sysroot/src/tmpfile.c), which wasi-libc leaves out: the
// fixture's whole output is compared with the same program built by gcc and run on Linux (glibc),
// kept in tests/posix/expected/tempfiles.out.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, linuxOutput, run } from './run.js';

let wasm: string;
let strict: string;
beforeAll(async () => {
  wasm = await build('tests/posix/fixtures/tempfiles.c');
  strict = await compileStrict('tests/posix/fixtures/tempfiles.c');
}, 240_000);

async function compileStrict(path: string): Promise<string> {
  const { compileCached } = await import('../../src/toolchain/compile_cache.js');
  const { ROOT } = await import('./run.js');
  return compileCached(join(ROOT, path), ['-O2', '-Wall', '-Werror', '-Wno-unused-result']);
}

describe('mkstemp, mkostemp, mkstemps, mkdtemp, mktemp, tmpfile, tmpnam, tempnam', () => {
  it('behave as on Linux: names, modes, flags, errors; tmpfile leaves no name behind', async () => {
    const r = await run(wasm, []);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(linuxOutput('tempfiles'));
    expect(r.code).toBe(0);
  });

  it('are declared without wasi-libc\'s deprecation: -Wall -Werror compiles the fixture', async () => {
    const r = await run(strict, []);
    expect(r.code).toBe(0);
  });
});
