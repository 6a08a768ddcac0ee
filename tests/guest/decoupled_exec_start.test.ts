// exec into a program that cannot start once the old one is gone (its start function traps): the
// process ends by SIGKILL, as Linux ends one whose exec failed past its point of no return, also
// when the new program runs decoupled (its worker instantiates it after exec has returned).
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { wat } from '../helpers/wat.js';

let execInto = '';
beforeAll(async () => {
  execInto = await compileCached(join(import.meta.dirname, 'fixtures', 'exec_into.c'));
}, 240_000);

/** A module whose start function traps (unreachable) after its memory is made. */
const TRAPPING_START = wat(`(module (memory (export "memory") 1)
  (func $s unreachable) (start $s) (func (export "_start")))`);

async function run(decouple: boolean) {
  // Every program decoupled, the exec'ed one too (its start function runs in the worker).
  const m = await Machine.boot(decouple ? { mode: 'decoupled' } : { mode: 'multiplexed' });
  try {
    await m.fs.writeFile('/tmp/trap.wasm', TRAPPING_START);
    await m.fs.chmod('/tmp/trap.wasm', 0o755);
    return await m.spawn(execInto, { args: ['exec_into', '/tmp/trap.wasm'], decouple }).wait();
  } finally {
    await m.shutdown();
  }
}

describe('exec into a program whose start function traps', () => {
  it('ends the process by SIGKILL, decoupled as multiplexed', async () => {
    const multiplexed = await run(false);
    const decoupled = await run(true);
    expect(multiplexed.code).toBe(137);
    expect(multiplexed.signal).toBe('SIGKILL');
    // Before: the decoupled spawn's wait() rejected with the start's LoadError (exit status 126).
    expect(decoupled).toEqual(multiplexed);
  });
});
