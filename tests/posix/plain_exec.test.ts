// A plain wasip1 program (wasi-libc alone, no libl4posix) started by exec or posix_spawn from a
// libl4posix program, or by the shell, finds its preopened directories as when it is spawned
// directly: libl4posix moves its own preopens to the top of the table (sysroot/src/preopen_move.c),
// and wasi-libc in a plain program looks for them from descriptor 3 upwards only.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../src/index.js';
import { buildPlain } from '../helpers/plain_wasi.js';
import { build } from './run.js';

let plain: string;
let launch: string;
const host = mkdtempSync(join(tmpdir(), 'l4wasm-plain-exec-'));

beforeAll(async () => {
  plain = await buildPlain('tests/posix/fixtures/plain_cat.c');
  launch = await build('tests/posix/fixtures/plain_launch.c');
  writeFileSync(join(host, 'hello.txt'), 'hello from the mount\n');
}, 120_000);
afterAll(() => rmSync(host, { recursive: true, force: true }));

/** The bytes of a guest file (the machine's shell). */
function readGuestBytes(m: Machine, path: string): Uint8Array {
  const f = m.vfs.open(path, { read: true, write: false });
  if (typeof f === 'number') throw new Error(`${path}: errno ${-f}`);
  const chunks: Buffer[] = [];
  for (;;) {
    const b = new Uint8Array(1 << 16);
    const n = f.read(b);
    if (n <= 0) break;
    chunks.push(Buffer.from(b.subarray(0, n)));
  }
  f.close();
  return Buffer.concat(chunks);
}

async function onMachine<T>(fn: (m: Machine) => Promise<T>): Promise<T> {
  const m = await Machine.boot({
    mounts: [{ host, guest: '/data' }],
    programs: { '/bin/plain_cat': readFileSync(plain), '/bin/plain_launch': readFileSync(launch) },
  });
  try {
    return await fn(m);
  } finally {
    await m.shutdown();
  }
}

const DIRECT = 'preopen 3 /\npreopen 4 /data\nhello from the mount\n';

describe('a plain wasip1 program started by a libl4posix program', () => {
  it('is plain: it imports only wasi_snapshot_preview1', () => {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(plain)));
    expect(imports.filter((i) => i.module !== 'wasi_snapshot_preview1')).toEqual([]);
  });

  it('spawned directly, it sees / and /data at 3 and 4 and reads a file under the mount', async () => {
    const r = await onMachine((m) => m.spawn(plain, { args: ['plain_cat', '/data/hello.txt'] }).wait());
    expect(r.stdout).toBe(DIRECT);
    expect(r.code).toBe(0);
  });

  it('by exec, it sees the same preopens and reads the file', async () => {
    const r = await onMachine((m) => m.spawn(launch, { args: ['plain_launch', 'exec', '/bin/plain_cat', '/data/hello.txt'] }).wait());
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`launcher's first descriptor: 3\n${DIRECT}`);
    expect(r.code).toBe(0);
  });

  it('by exec from a decoupled program, the same', async () => {
    const r = await onMachine((m) => m.spawn(launch, { args: ['plain_launch', 'exec', '/bin/plain_cat', '/data/hello.txt'], decouple: true }).wait());
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`launcher's first descriptor: 3\n${DIRECT}`);
    expect(r.code).toBe(0);
  });

  it('by posix_spawn, it sees the same preopens and reads the file', async () => {
    const r = await onMachine((m) => m.spawn(launch, { args: ['plain_launch', 'spawn', '/bin/plain_cat', '/data/hello.txt'] }).wait());
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`launcher's first descriptor: 3\n${DIRECT}child exited 0\n`);
    expect(r.code).toBe(0);
  });

  it("by the shell (sh -c, a libl4posix program), alone and in a pipeline", async () => {
    const r = await onMachine((m) => m.spawn(readGuestBytes(m, '/bin/sh'), { args: ['sh', '-c', 'plain_cat /data/hello.txt; plain_cat /data/hello.txt | plain_cat /dev/stdin'] }).wait());
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(DIRECT + DIRECT.replace('hello from the mount\n', '') + DIRECT);
    expect(r.code).toBe(0);
  });
});
