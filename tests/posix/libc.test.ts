// The C library a plain `l4wasm cc prog.c` gives (issue #14, toolchain and libc half): each
// fixture's whole output is compared with what the same program prints natively on Linux (gcc),
// kept in tests/posix/expected/NAME.out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, run } from './run.js';

const FIXTURES = ['sjlj', 'longdouble', 'empty_path'];
const wasm: Record<string, string> = {};
beforeAll(async () => {
  for (const name of FIXTURES) wasm[name] = await build(`tests/posix/fixtures/${name}.c`);
}, 240_000);

const expected = (name: string) => readFileSync(join(import.meta.dirname, 'expected', `${name}.out`), 'utf8');

describe('the C library of a plain l4wasm cc', () => {
  it('setjmp/longjmp and sigsetjmp/siglongjmp link without flags; siglongjmp leaves signal handlers, also one interrupting a blocking call', async () => {
    const r = await run(wasm.sjlj!, []);
    expect(r.stdout).toBe(expected('sjlj'));
    expect(r.code).toBe(0);
  });

  it('printf and scanf with long double (%Lf) work by default', async () => {
    const r = await run(wasm.longdouble!, []);
    expect(r.stdout).toBe(expected('longdouble'));
    expect(r.code).toBe(0);
  });

  it('every path call with "" fails with ENOENT; "." is the directory', async () => {
    const r = await run(wasm.empty_path!, []);
    expect(r.stdout).toBe(expected('empty_path'));
    expect(r.code).toBe(0);
  });
});
