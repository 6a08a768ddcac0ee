// MAP_SHARED file mappings coherent across guest processes (src/libc/shared_mappings.ts): two
// processes map one file and take turns, each reading what the other wrote, with no msync.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { runL4wasm } from '../helpers/run_l4wasm.js';

const ROOT = join(import.meta.dirname, '..', '..');
let wasm: string;
const host = mkdtempSync(join(tmpdir(), 'l4wasm-shm-'));
beforeAll(async () => { wasm = await compileCached(join(ROOT, 'tests/sqlite/fixtures/shm.c')); }, 240_000);
afterAll(() => rmSync(host, { recursive: true, force: true }));

describe('MAP_SHARED across guest processes', () => {
  it.each([
    ['tmpfs', '/tmp/shm'],
    ['a host mount', '/data/shm'],
  ])('on %s: each process sees the other\'s writes at its next turn', async (_, path) => {
    const r = await runL4wasm(wasm, { args: ['shm', path, '200'], mounts: [{ host, guest: '/data' }] });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('parent saw the child\'s writes: ok\nchild saw the parent\'s writes: ok\n');
    expect(r.code).toBe(0);
  });
});
