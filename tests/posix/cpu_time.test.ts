// CPU time never goes backwards, multiplexed and decoupled: a decoupled program's time on the vCPU
// leaves out the vCPU's polling for its next call, and must do so while the run is still going
// as well as once it ends (else getrusage's user time went back between two calls).
import { beforeAll, describe, expect, it } from 'vitest';
import { build, run } from './run.js';

let wasm: string;
beforeAll(async () => {
  wasm = await build('tests/posix/fixtures/cpu_monotonic.c');
}, 240_000);

describe('CPU time (clock_gettime(CLOCK_PROCESS_CPUTIME_ID), getrusage, clock)', () => {
  for (const decouple of [false, true]) {
    it(`is monotonic ${decouple ? 'decoupled' : 'multiplexed'}`, async () => {
      const r = await run(wasm, [], { decouple });
      expect(r.stdout).toBe('monotonic\n');
      expect(r.code).toBe(0);
    });
  }
});
