// l4wasm bench prepare: on the smallest program it measures a preparation in a process of its own,
// the first and cached runs and node:wasi's, checks the outputs agree, and writes its JSON and SVG.
// Shapes only, never figures.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchPrepare, formatPrepareTable, type PrepareResult } from '../../src/cli/bench_prepare.js';

const out = mkdtempSync(join(tmpdir(), 'l4wasm-prepare-bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('l4wasm bench prepare', () => {
  it('measures the example, compares its output with node:wasi\'s and writes prepare.json and prepare.svg', async () => {
    const logs: string[] = [];
    const r = await benchPrepare({ runs: 1, limitMs: 120_000, only: ['hello'], out, log: (t) => logs.push(t) });
    expect(r.rows.map((x) => x.name)).toEqual(['hello']);
    const row = r.rows[0]!;
    expect(row.prepare.outcome).toBe('done');
    expect(row.prepare.ms).toBeGreaterThan(0);
    expect(row.prepare.peakBytes).toBeGreaterThan(0);
    expect(row.prepare.maxRssBytes).toBeGreaterThan(row.prepare.peakBytes);
    expect(row.codeBytes).toBeGreaterThan(1000);
    expect(row.moduleBytes).toBeGreaterThanOrEqual(row.codeBytes);
    expect(row.sameOutput).toBe(true);
    // A pure WASI program: its first run is decoupled while it is prepared in the background.
    expect(row.firstRunMode).toBe('background');
    for (const t of [row.nodeWasiMs, row.firstRunMs, row.cachedMs]) expect(t).toBeGreaterThan(0);
    const json = JSON.parse(readFileSync(join(out, 'prepare.json'), 'utf8')) as PrepareResult;
    expect(json.rows[0]!.name).toBe('hello');
    const svg = readFileSync(join(out, 'prepare.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('hello');
    expect(formatPrepareTable(r)).toMatch(/^hello +\d+\.\d MB/m);
  }, 300_000);
});
