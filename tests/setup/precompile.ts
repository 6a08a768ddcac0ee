// Vitest global setup: compiles every C and C++ test program and example at -O2 into the compile
// cache before the first test file starts. Each test file runs in a process of its own, and the
// first compile in a process loads the clang toolchain (about 4 s of this machine's CPU): with some
// 80 files compiling their own fixtures, a cold run spent more on those loads than on compiling.
// Here two worker threads load it once each. A source that fails to compile is left for its
// test to report (a few are compiled with other flags, or are meant to fail).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileInWorkers, ROOT } from '../helpers/build.js';

/** Where the test programs are: every `fixtures` directory under tests/, the conformance programs, the examples. */
function sources(): string[] {
  const out: string[] = [];
  const add = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isFile() && /\.(c|cpp)$/.test(e.name)) out.push(join(dir, e.name));
    }
  };
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      // SQLite's programs belong to the slow suite (the amalgamation takes minutes).
      if (e.name === 'sqlite' || e.name === 'node_modules') continue;
      const sub = join(dir, e.name);
      if (e.name === 'fixtures' || e.name === 'wasi_conformance') add(sub);
      walk(sub);
    }
  };
  walk(join(ROOT, 'tests'));
  add(join(ROOT, 'examples'));
  add(join(ROOT, 'examples', 'l4'));
  return out.sort();
}

export default async function setup(): Promise<void> {
  if (process.env.L4WASM_PRECOMPILE === '0') return;
  const list = sources();
  const t = performance.now();
  let done = 0;
  const replies = await compileInWorkers(list, () => { done++; });
  const failed = replies.filter((r) => 'error' in r).length;
  const s = ((performance.now() - t) / 1000).toFixed(1);
  process.stderr.write(`l4wasm tests: ${done} C programs in the compile cache (${failed} left to their tests) in ${s} s\n`);
}
