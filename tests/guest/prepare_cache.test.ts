// The preparation cache knows a program file by its identity (device, inode, size, times) once
// the file has held still for a while, through the content hash recorded for that identity; a
// file changed in any way (even in place, to the same size, moments after a run) must never run
// a stale prepared module, on the same machine or the next.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { fileIdentity, readProgramFile } from '../../src/guest/program_file.js';
import { useEmptyCache } from '../helpers/empty_cache.js';

let hello = '';
let dir = '';

beforeAll(async () => {
  hello = await compileCached(join(import.meta.dirname, '..', '..', 'examples', 'hello.c'));
  dir = mkdtempSync(join(tmpdir(), 'l4wasm-prepare-cache-prog-'));
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Preparations from here on go to an empty cache of this file's own.
const cacheDir = useEmptyCache('l4wasm-prepare-cache-');

/** The program with its greeting's first letter replaced: same size, other content. */
function greeting(path: string, letter: string): void {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(Buffer.from('ello from l4wasm!')) - 1;
  expect(at).toBeGreaterThan(0);
  bytes[at] = letter.charCodeAt(0);
  writeFileSync(path, bytes);
}

async function output(m: Machine, path: string): Promise<string> {
  const p = m.spawn(path, { args: ['prog'] });
  expect(await p.exit).toEqual({ code: 0 });
  return p.stdout.split('\n')[0]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Longer than a file must be left alone before its identity is trusted (program_file.ts). */
const SETTLE = 2100;

describe('the preparation cache and changed program files', () => {
  it('a file changed in place, to the same size, moments after a run, runs as changed', async () => {
    const prog = join(dir, 'inplace.wasm');
    copyFileSync(hello, prog);
    const m = await Machine.boot();
    try {
      expect(await output(m, prog)).toBe('Hello from l4wasm!');
      greeting(prog, 'J');
      // The same machine: its loaded images must not answer for the new content.
      expect(await output(m, prog)).toBe('Jello from l4wasm!');
    } finally {
      await m.shutdown();
    }
    const next = await Machine.boot();
    try {
      expect(await output(next, prog)).toBe('Jello from l4wasm!');
    } finally {
      await next.shutdown();
    }
  }, 120_000);

  it('a settled file is known by its identity through the hash recorded for it; a change makes a new identity', async () => {
    const prog = join(dir, 'settled.wasm');
    copyFileSync(hello, prog);
    greeting(prog, 'M');
    await sleep(SETTLE);
    const id = fileIdentity(prog);
    expect(id).toBeDefined();
    expect(readProgramFile(prog).id).toBe(id);
    const m = await Machine.boot();
    try {
      expect(await output(m, prog)).toBe('Mello from l4wasm!');
    } finally {
      await m.shutdown();
    }
    const sha = createHash('sha256').update(readFileSync(prog)).digest('hex');
    const records = () => readdirSync(join(cacheDir(), 'files')).map((f) => JSON.parse(readFileSync(join(cacheDir(), 'files', f), 'utf8')) as { id: string; sha256: string });
    expect(records()).toContainEqual({ id, sha256: sha });

    greeting(prog, 'Y');
    // Changed moments ago: not trusted by identity yet (its times may not show a further change).
    expect(fileIdentity(prog)).toBeUndefined();
    expect(readProgramFile(prog).id).toBeUndefined();
    await sleep(SETTLE);
    const id2 = fileIdentity(prog);
    expect(id2).toBeDefined();
    expect(id2).not.toBe(id);
    const again = await Machine.boot();
    try {
      expect(await output(again, prog)).toBe('Yello from l4wasm!');
    } finally {
      await again.shutdown();
    }
    expect(records()).toContainEqual({ id: id2, sha256: createHash('sha256').update(readFileSync(prog)).digest('hex') });
  }, 120_000);

  it('a record is believed only for its own identity', async () => {
    const prog = join(dir, 'record.wasm');
    copyFileSync(hello, prog);
    await sleep(SETTLE);
    // Neither the machine's loaded image nor the record of the file before its change answers for it after.
    const m = await Machine.boot();
    try {
      expect(await output(m, prog)).toBe('Hello from l4wasm!');
      greeting(prog, 'W');
      await sleep(SETTLE);
      expect(await output(m, prog)).toBe('Wello from l4wasm!');
    } finally {
      await m.shutdown();
    }
  }, 120_000);
});
