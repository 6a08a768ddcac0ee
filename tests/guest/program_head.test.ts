// A cached start reads a settled program file's head only (the sections before its code) and
// installs the program at /bin without copying it (read when the guest first reads it); a file
// changed in any way, even in place to the same size with its modification time put back, is a
// new identity and runs as changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../src/index.js';
import { compileCached } from '../../src/toolchain/compile_cache.js';
import { fileIdentity, readProgramHead, type ProgramHead } from '../../src/guest/program_file.js';
import { loadProgram } from '../../src/guest/program_load.js';
import { PROVIDED_IMPORTS, isCallBoundary } from '../../src/libc/syscalls/index.js';
import { sections } from '../../src/guest/wasm_binary.js';
import { useEmptyCache } from '../helpers/empty_cache.js';

let hello = '';
let dir = '';

beforeAll(async () => {
  hello = await compileCached(join(import.meta.dirname, '..', '..', 'examples', 'hello.c'));
  dir = mkdtempSync(join(tmpdir(), 'l4wasm-program-head-'));
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
useEmptyCache('l4wasm-program-head-cache-');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Longer than a file must be left alone before its identity is trusted (program_file.ts). */
const SETTLE = 2100;

async function output(m: Machine, path: string): Promise<string> {
  const p = m.spawn(path, { args: ['prog'] });
  expect(await p.exit).toEqual({ code: 0 });
  return p.stdout.split('\n')[0]!;
}

describe('a program file read by its head', () => {
  it('a settled module is read up to its code section; a file changed moments ago is read whole', async () => {
    const prog = join(dir, 'head.wasm');
    copyFileSync(hello, prog);
    const fresh = readProgramHead(prog);
    expect('bytes' in fresh && fresh.id === undefined).toBe(true);
    await sleep(SETTLE);
    const file = readProgramHead(prog) as ProgramHead;
    expect(file.head).toBeDefined();
    const whole = readFileSync(prog);
    const code = sections(whole).find((s) => s.id === 10)!;
    expect(file.codeBytes).toBe(code.end - code.start);
    expect(file.size).toBe(whole.length);
    expect(file.id).toBe(fileIdentity(prog));
    expect(Buffer.compare(file.head, whole.subarray(0, file.head.length))).toBe(0);
    // Every section before the code, and nothing of it.
    expect(sections(file.head).map((s) => s.id)).not.toContain(10);
    expect(file.head.length).toBeLessThan(code.start);
  }, 30_000);

  it('a cached preparation loads from the head alone; without one the whole file is read', async () => {
    const prog = join(dir, 'cached.wasm');
    copyFileSync(hello, prog);
    await sleep(SETTLE);
    const m = await Machine.boot({ prepareInBackground: false });
    try {
      expect(await output(m, prog)).toBe('Hello from l4wasm!'); // prepares it, records its hash
    } finally {
      await m.shutdown();
    }
    const head = readProgramHead(prog) as ProgramHead;
    expect(head.head).toBeDefined();
    // The head of a file that is gone: only the cache can answer for the rest.
    const gone = { ...head, path: join(dir, 'no-such-file.wasm') };
    const image = await loadProgram(gone, 'cached', PROVIDED_IMPORTS, isCallBoundary);
    expect(WebAssembly.Module.exports(image.module).some((e) => e.name === '_start')).toBe(true);
    // Not prepared for a decoupled run: the whole module is needed, and the file is gone.
    await expect(loadProgram(gone, 'cached', PROVIDED_IMPORTS, isCallBoundary, { mode: 'decoupled' })).rejects.toThrow(/cannot read program/);
  }, 120_000);

  it('changed in place to the same size, its modification time put back, it runs as changed', async () => {
    const prog = join(dir, 'sametime.wasm');
    copyFileSync(hello, prog);
    await sleep(SETTLE);
    const m = await Machine.boot();
    try {
      expect(await output(m, prog)).toBe('Hello from l4wasm!');
    } finally {
      await m.shutdown();
    }
    const before = statSync(prog, { bigint: true });
    const id = fileIdentity(prog);
    // Its times kept exactly (to the nanosecond) on a reference file, put back after the change.
    const ref = join(dir, 'sametime.ref');
    expect(spawnSync('cp', ['--preserve=timestamps', prog, ref]).status).toBe(0);
    const bytes = readFileSync(prog);
    bytes[bytes.indexOf(Buffer.from('ello from l4wasm!')) - 1] = 'Q'.charCodeAt(0);
    writeFileSync(prog, bytes);
    expect(spawnSync('touch', ['-r', ref, prog]).status).toBe(0);
    expect(statSync(prog, { bigint: true }).mtimeNs).toBe(before.mtimeNs);
    expect(statSync(prog, { bigint: true }).size).toBe(before.size);
    expect(statSync(prog, { bigint: true }).ino).toBe(before.ino);
    await sleep(SETTLE);
    // The change time moved (no call sets it back): another identity, so no record answers for it.
    expect(fileIdentity(prog)).not.toBe(id);
    const next = await Machine.boot();
    try {
      expect(await output(next, prog)).toBe('Qello from l4wasm!');
    } finally {
      await next.shutdown();
    }
  }, 120_000);
});

describe('a host program installed at /bin', () => {
  it('reads, stats and executes as its bytes, and can be changed like any file', async () => {
    const prog = join(dir, 'installed.wasm');
    copyFileSync(hello, prog);
    const bytes = readFileSync(prog);
    const m = await Machine.boot({ programs: { '/bin/hi': prog, '/bin/hi2': prog, '/bin/hi3': prog } });
    try {
      expect((await m.fs.stat('/bin/hi')).size).toBe(bytes.length);
      expect(Buffer.compare(await m.fs.readFile('/bin/hi'), bytes)).toBe(0);
      // Executed by its guest path (exec reads it through the file system).
      const p = m.spawn(await m.fs.readFile('/bin/hi2'), { args: ['hi2'] });
      expect(await p.exit).toEqual({ code: 0 });
      // Changed before it was ever read: the change applies to its bytes.
      const f = m.vfs.open('/bin/hi2', { read: true, write: true });
      if (typeof f === 'number') throw new Error(`open: ${f}`);
      expect(f.pwrite(Buffer.from('XY'), 4)).toBe(2);
      f.close();
      const changed = await m.fs.readFile('/bin/hi2');
      expect(changed.length).toBe(bytes.length);
      expect([...changed.subarray(0, 8)]).toEqual([...bytes.subarray(0, 4), 0x58, 0x59, ...bytes.subarray(6, 8)]);
      expect(Buffer.compare(changed.subarray(8), bytes.subarray(8))).toBe(0);
      // The host file is untouched.
      expect(Buffer.compare(readFileSync(prog), bytes)).toBe(0);
      // Truncated before it was read (/bin/hi was read above: a third name, unread).
      const t = m.vfs.open('/bin/hi3', { read: false, write: true });
      if (typeof t === 'number') throw new Error(`open: ${t}`);
      expect(t.setSize(10)).toBe(0);
      t.close();
      expect(Buffer.compare(await m.fs.readFile('/bin/hi3'), bytes.subarray(0, 10))).toBe(0);
    } finally {
      await m.shutdown();
    }
  }, 60_000);

  it('a program path that cannot be read fails the boot, naming it', async () => {
    await expect(Machine.boot({ programs: { '/bin/x': join(dir, 'missing.wasm') } })).rejects.toThrow(/program \/bin\/x: .*ENOENT/);
    await expect(Machine.boot({ programs: { '/bin/x': dir } })).rejects.toThrow(/program \/bin\/x: .*EISDIR/);
  });
});
