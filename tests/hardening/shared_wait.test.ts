// memory.atomic.wait on a module's own shared memory blocks the thread that runs it. Multiplexed,
// that thread was the vCPU, the host's main thread: a 5 s wait froze the host (no timer, no other
// program, no wall-clock timeout) and one without a timeout hung it for good. Such a program is
// not prepared: multiplexed it is refused with a one-line LoadError, in 'auto' it runs decoupled
// (waiting in its own worker), and the host stays responsive.
import { describe, expect, it } from 'vitest';
import { LoadError, Machine } from '../../src/index.js';
import { wat } from '../helpers/wat.js';

/** Waits on address 0 (holding 0) for `ns` (-1: for good), then exits with 7. */
const waiter = (ns: number, bits: 32 | 64 = 32) => wat(`(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1 1 shared)
  (func (export "_start")
    (drop (memory.atomic.wait${bits} (i32.const 0) (i${bits}.const 0) (i64.const ${ns})))
    (call $exit (i32.const 7))))`, true);

describe('a program that waits on its shared memory', () => {
  // A finite wait (1 s): before the fix it ran, freezing the host for that long, and exited 7.
  it('is refused multiplexed with a LoadError that says to decouple it, for wait32 and wait64', async () => {
    const m = await Machine.boot({ mode: 'multiplexed' });
    try {
      for (const bits of [32, 64] as const) {
        const p = m.spawn(waiter(1_000_000_000, bits), { name: 'waiter.wasm', stdio: 'pipe', timeout: 20_000 });
        const e = await p.exit.then((s) => s, (x: unknown) => x);
        expect(e).toBeInstanceOf(LoadError);
        expect((e as Error).message).toBe(`waiter.wasm: cannot prepare it for suspension: its code waits on shared memory (memory.atomic.wait${bits}), which would stop the vCPU and every program on it; it can run decoupled (--decouple)`);
      }
    } finally {
      await m.shutdown();
    }
  }, 60_000);

  it('runs decoupled in auto mode: it waits in its own worker while the host goes on', async () => {
    const m = await Machine.boot({ mode: 'auto', prepareInBackground: false });
    try {
      let ticks = 0;
      const iv = setInterval(() => ticks++, 20);
      const p = m.spawn(waiter(300_000_000), { name: 'waiter.wasm', stdio: 'pipe', timeout: 20_000 });
      expect(await p.exit).toEqual({ code: 7 });
      clearInterval(iv);
      expect(ticks).toBeGreaterThan(0); // the host's event loop ran during the 0.3 s wait
      const forever = m.spawn(waiter(-1), { name: 'waiter.wasm', stdio: 'pipe', timeout: 500 });
      expect(await forever.exit).toMatchObject({ signal: 9, limit: 'time' });
    } finally {
      await m.shutdown();
    }
  }, 60_000);
});
