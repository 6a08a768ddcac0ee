// A test file's own empty compile/preparation cache: L4WASM_CACHE points at a fresh directory
// for the file's tests (set in beforeAll, so programs compiled there first still use the shared
// cache) and is restored and removed afterwards.
import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Registers the hooks; the returned function gives the directory (once beforeAll has run). */
export function useEmptyCache(prefix: string): () => string {
  let dir = '';
  const saved = process.env.L4WASM_CACHE;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    process.env.L4WASM_CACHE = dir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.L4WASM_CACHE;
    else process.env.L4WASM_CACHE = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}
