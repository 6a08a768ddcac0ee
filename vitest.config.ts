import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The default suite (`npm test`) stays under ten minutes on a cold cache. The slow suites run
 * with their own scripts (L4WASM_SUITE=slow): SQLite (`npm run test:sqlite`, the amalgamation's
 * first compile alone takes minutes) and the large real programs (`npm run test:real`).
 */
const slow = ['tests/sqlite/**'];

/**
 * The files that take longest on a cold cache (clang compiles their fixtures), slowest first. A
 * fresh clone has no recorded durations and vitest keeps the files' order: the slowest one,
 * started last, ran alone for minutes at the end while the other worker idled.
 */
const SLOWEST_FIRST = [
  'tests/posix/compared_with_linux.test.ts', 'tests/programs/l4wasm.test.ts', 'tests/posix/threads_compared_with_linux.test.ts',
  'tests/cli/cc.test.ts',
  'tests/guest/preempt_stress.test.ts', 'tests/posix/libc.test.ts', 'tests/package/pack.test.ts',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOWEST_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i < 0 ? SLOWEST_FIRST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: process.env.L4WASM_SUITE === 'slow' ? configDefaults.exclude : [...configDefaults.exclude, ...slow],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    sequence: { sequencer: SlowestFirst },
    // Vitest runs one file fewer than there are cores: on a 2-core machine, one at a time, while
    // most of a file's time is clang compiling its fixtures (one thread) or a program waiting.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // dist/ rebuilt for the CLI tests; every C test program compiled once (tests/setup/precompile.ts).
    globalSetup: ['tests/setup/build_dist.ts', 'tests/setup/precompile.ts'],
    // A pure WASI program's first run waits for its preparation here (as l4wasm's default does not):
    // no test's timing may depend on whether a background preparation has finished. The tests of
    // the background path ask for it (tests/guest/background_prepare.test.ts, bench prepare).
    env: { L4WASM_PREPARE_IN_BACKGROUND: '0' },
  },
});
