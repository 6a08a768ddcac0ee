// The README's Node API examples run as they stand: each ```js block that imports 'l4wasm' is run
// (the package resolves itself by name through its "exports") in a directory holding the programs
// it names, and what it prints must be what its `// →` comments say.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCached } from '../../src/toolchain/compile_cache.js';

const ROOT = join(import.meta.dirname, '..', '..');
const blocks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```js\n([\s\S]*?)```/g)]
  .map((m) => m[1]!)
  .filter((code) => code.includes("from 'l4wasm'"));
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'l4wasm-readme-'));
  const programs: Record<string, string> = {
    hello: join(ROOT, 'examples', 'hello.c'), wc: join(ROOT, 'examples', 'wc.c'), cat: join(ROOT, 'examples', 'cat.c'),
    answer: join(import.meta.dirname, 'fixtures', 'answer.c'),
  };
  for (const [name, src] of Object.entries(programs)) copyFileSync(await compileCached(src), join(dir, `${name}.wasm`));
  return () => rmSync(dir, { recursive: true, force: true });
}, 240_000);

describe('README Node API examples', () => {
  it('has the examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it.each(blocks.map((code, i) => [i + 1, code] as const))('example %i prints what its comments say', (i, code) => {
    const expected = [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1]!.trimEnd());
    expect(expected.length).toBeGreaterThan(0);
    // Inside the package, so that `import ... from 'l4wasm'` resolves to this package itself.
    mkdirSync(join(ROOT, 'build'), { recursive: true });
    const file = join(ROOT, 'build', `readme-example-${i}.mjs`);
    writeFileSync(file, code);
    try {
      const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      expect(r.stderr.replace(/^l4wasm: preparing .*\n/gm, '')).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout.trimEnd().split('\n').map((l) => l.trimEnd())).toEqual(expected);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
