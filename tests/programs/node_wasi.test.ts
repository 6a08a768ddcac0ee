// The C test programs under node:wasi: the reference runtime. Each case's output must be the
// expected (correct) output with exactly the differences listed in differences.ts, which
// DIFFERENCES.md explains. This validates the programs themselves and pins down node:wasi's
// deviations, so that l4wasm's tests (l4wasm.test.ts) can hold it to the correct output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPrograms, ROOT, type Built } from '../helpers/build.js';
import { argvOf, CASES, expectedOutput, type Case } from '../helpers/cases.js';
import { checkEscapeHost, listTree, makeHostLayout } from '../helpers/layout.js';
import { runNodeWasi } from '../helpers/run_node_wasi.js';
import { DIFFERENCES, nodeWasiExpected, type Difference } from './differences.js';

let wasm: Built;
const used = new Map<Difference, number>();
const ran = new Set<string>();

beforeAll(async () => {
  wasm = await buildPrograms();
}, 240_000);

async function runCase(c: Case): Promise<void> {
  const layout = makeHostLayout(c);
  try {
    const dir = layout.guest ?? '/';
    const env = { ...(c.env ?? {}), ...(c.nodeSkip ? { L4T_SKIP: c.nodeSkip.join(',') } : {}) };
    const r = await runNodeWasi(wasm[c.program], {
      args: argvOf(c, dir),
      env,
      stdin: c.stdin,
      preopens: layout.mounted !== undefined ? { [layout.guest!]: layout.mounted } : {},
    });
    const out = nodeWasiExpected(c.name, 'stdout', expectedOutput(c, dir), dir);
    const err = nodeWasiExpected(c.name, 'stderr', (c.stderr ?? '').split('{dir}').join(dir), dir);
    for (const [d, n] of [...out.hits, ...err.hits]) used.set(d, (used.get(d) ?? 0) + n);
    ran.add(c.name);
    expect(r.stdout).toBe(out.text);
    expect(r.stderr).toBe(err.text);
    expect(r.code).toBe(c.code ?? 0);
    if (c.cleansUp && layout.mounted !== undefined) expect(listTree(layout.mounted)).toEqual(layout.before);
    if (c.layout === 'escape') {
      expect(checkEscapeHost(layout)).toEqual([]);
      expect(r.stdout).not.toContain('TOP SECRET');
    }
  } finally {
    layout.remove();
  }
}

describe('C test programs under node:wasi', () => {
  for (const c of CASES) it(c.name, () => runCase(c));

  it('every listed difference occurs and DIFFERENCES.md explains it', () => {
    const doc = readFileSync(join(ROOT, 'tests', 'programs', 'DIFFERENCES.md'), 'utf8');
    const headings = new Set(doc.split('\n').filter((l) => l.startsWith('### ')).map((l) => l.slice(4).trim()));
    // Whether each difference still occurs is known only when every case ran (tests of a file
    // run in order; a -t filter leaves some out).
    if (ran.size === CASES.length) {
      const unused = DIFFERENCES.filter((d) => !used.has(d)).map((d) => `${d.cases.join(',')}: ${String(d.l4wasm)}`);
      expect(unused).toEqual([]);
    }
    const unexplained = [...new Set(DIFFERENCES.map((d) => d.topic))].filter((t) => !headings.has(t));
    expect(unexplained).toEqual([]);
  });
});
