// A call's restart state (what a blocking call keeps across its re-executions, src/libc/restart.ts)
// belongs to that call: an SA_RESTART handler that interrupts it starts its own calls afresh, and
// one that leaves by siglongjmp leaves nothing of it behind. The call here is posix_spawn waiting
// for its program's preparation, which keeps the program it prepares.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { SJLJ } from './helpers.js';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
let wasm = '';
let fresh = '';
let other = '';
beforeAll(async () => {
  wasm = await compileCached(fixture('restart_state.c'), SJLJ);
  fresh = await compileCached(fixture('say.c'), ['-O2', '-DNAME="fresh"']);
  other = await compileCached(fixture('say.c'), ['-O2', '-DNAME="other"']);
}, 120_000);

/** The module with a custom section of random bytes: a program no cache has prepared yet. */
function neverPrepared(path: string): Uint8Array {
  const name = Buffer.from('l4wasm-test-nonce');
  const payload = Buffer.concat([Buffer.from([name.length]), name, randomBytes(16)]);
  return Buffer.concat([readFileSync(path), Buffer.from([0, payload.length]), payload]);
}

async function runIt(mode: string, decouple = false): Promise<string> {
  // The spawn must wait for the preparation (a pure WASI program is not prepared in the background here).
  const m = await Machine.boot({ prepareInBackground: false, programs: { '/bin/fresh': neverPrepared(fresh), '/bin/other': readFileSync(other) } });
  try {
    const p = m.spawn(wasm, { args: ['restart_state', mode], decouple });
    expect(await p.exit).toEqual({ code: 0 });
    return p.stdout;
  } finally {
    await m.shutdown();
  }
}

describe.each([['multiplexed', false], ['decoupled', true]])('restart state across signal handlers, %s', (_, decouple) => {
  it('the handler\'s own spawn starts afresh; the interrupted spawn then runs its program', async () => {
    expect(await runIt('inside', decouple)).toBe('other\n  by the handler\nfresh\n  by main\n');
  }, 60_000);

  it('after a handler siglongjmps out of the waiting spawn, the next spawn runs its own program', async () => {
    expect(await runIt('jump', decouple)).toBe('other\n  by main after the jump\n');
  }, 60_000);
});
