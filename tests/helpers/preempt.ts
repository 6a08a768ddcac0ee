// Preemption at (nearly) every safepoint, for stress tests: a program's l4posix.preempt gives up
// the CPU every `every`-th call, so its whole stack unwinds and rewinds that often.
import { SUSPEND } from '../../src/libc/context.js';
import type { ImportTable } from '../../src/guest/program.js';
import type { Process } from '../../src/guest/process.js';

/** A wrapImports that makes l4posix.preempt yield every `every`-th call (1: every loop's check). */
export function preemptEvery(every: number) {
  return (imports: ImportTable, p: Process): ImportTable => {
    let calls = 0;
    let yielded = false;
    return {
      ...imports,
      l4posix: {
        ...imports.l4posix,
        preempt: () => {
          if (yielded) { yielded = false; return 1; } // the call runs again on resume
          if (++calls % every !== 0) return 1;
          yielded = true;
          p.kernel.yield(p.thread.id);
          return SUSPEND;
        },
      },
    };
  };
}
