import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The default suite (`npm test`) stays under ten minutes on a cold cache. The slow suites run
 * with their own scripts (L4WASM_SUITE=slow): SQLite (`npm run test:sqlite`, the amalgamation's
 * first compile alone takes minutes) and the large real programs (`npm run test:real`).
 */
const slow = ['tests/sqlite/**'];

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: process.env.L4WASM_SUITE === 'slow' ? configDefaults.exclude : [...configDefaults.exclude, ...slow],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // Vitest runs one file fewer than there are cores: on a 2-core machine, one at a time, while
    // most of a file's time is clang compiling its fixtures (one thread) or a program waiting.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['tests/setup/build_dist.ts'],
    // A pure WASI program's first run waits for its preparation here (as l4wasm's default does not):
    // no test's timing may depend on whether a background preparation has finished. The tests of
    // the background path ask for it (tests/guest/background_prepare.test.ts, bench prepare).
    env: { L4WASM_PREPARE_IN_BACKGROUND: '0' },
  },
});
