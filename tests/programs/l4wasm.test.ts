// The C test programs on l4wasm. Every case must print exactly the expected output (where it
// differs from node:wasi, DIFFERENCES.md says why). The file-system fixtures and the examples
// run twice: over a host directory (hostfs at /sandbox) and over tmpfs (/tmp); then come runs
// only l4wasm can make: devfs, boot modules given by path, read-only host mounts.
import { randomFillSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Machine } from '../../src/index.js';
import { buildPrograms, type Built } from '../helpers/build.js';
import { argvOf, CASES, exampleTree, expectedOutput, ROM_TEXT, type Case } from '../helpers/cases.js';
import { checkEscapeHost, listTree, makeHostLayout } from '../helpers/layout.js';
import { runL4wasm, symlinkGuest, writeGuestFile } from '../helpers/run_l4wasm.js';

let wasm: Built;

beforeAll(async () => {
  wasm = await buildPrograms();
}, 240_000);

/** The names in a guest directory (without . and ..). */
function guestListing(m: Machine, path: string): string[] {
  const dir = m.vfs.open(path, { read: true, write: false, directory: true });
  if (typeof dir === 'number') throw new Error(`open ${path}: errno ${-dir}`);
  const entries = dir.readdir();
  dir.close();
  if (typeof entries === 'number') throw new Error(`readdir ${path}: errno ${-entries}`);
  return entries.map((e) => e.name).sort();
}

/** exampleTree, made inside the guest (on tmpfs) instead of on the host. */
function exampleTreeInGuest(m: Machine, dir: string): void {
  for (const d of ['', '/sub', '/sub/deep', '/empty']) m.vfs.mkdir(dir + d);
  writeGuestFile(m, `${dir}/a.txt`, 'hello world\nsecond line\n');
  writeGuestFile(m, `${dir}/sub/b.txt`, 'one two  three\n\nfour\n');
  writeGuestFile(m, `${dir}/sub/deep/c`, 'no newline');
  symlinkGuest(m, 'a.txt', `${dir}/link`);
  symlinkGuest(m, '../missing', `${dir}/sub/dangling`);
}

/** Runs a case over its host layout. */
async function runOnHost(c: Case, decouple = false): Promise<void> {
  const layout = makeHostLayout(c);
  try {
    const dir = layout.guest ?? '/';
    const sandbox = c.layout === 'sandbox' || c.layout === 'escape';
    const r = await runL4wasm(wasm[c.program], {
      args: argvOf(c, dir),
      env: c.env,
      stdin: c.stdin,
      decouple,
      mounts: sandbox ? [{ host: layout.mounted!, guest: '/sandbox' }] : [],
      roms: c.layout === 'rom' ? [{ name: 'hello.txt', data: ROM_TEXT }] : [],
      inspect: c.layout === 'tmp' && c.cleansUp ? (m) => { expect(guestListing(m, '/tmp')).toEqual([]); } : undefined,
    });
    expect(r.stdout).toBe(expectedOutput(c, dir));
    expect(r.stderr).toBe((c.stderr ?? '').split('{dir}').join(dir));
    expect(r.code).toBe(c.code ?? 0);
    if (c.cleansUp && sandbox) expect(listTree(layout.mounted!)).toEqual(layout.before);
    if (c.layout === 'escape') {
      expect(checkEscapeHost(layout)).toEqual([]);
      expect(r.stdout).not.toContain('TOP SECRET');
    }
  } finally {
    layout.remove();
  }
}

/** Runs a case with its work directory on the guest's tmpfs. */
async function runOnTmpfs(c: Case, decouple = false): Promise<void> {
  const dir = c.tree === exampleTree ? '/tmp/tree' : '/tmp';
  const r = await runL4wasm(wasm[c.program], {
    args: argvOf(c, dir),
    env: c.env,
    stdin: c.stdin,
    decouple,
    prepare: c.tree === exampleTree ? (m) => exampleTreeInGuest(m, dir) : undefined,
    inspect: c.cleansUp ? (m) => { expect(guestListing(m, '/tmp')).toEqual([]); } : undefined,
  });
  expect(r.stdout).toBe(expectedOutput(c, dir));
  expect(r.stderr).toBe((c.stderr ?? '').split('{dir}').join(dir));
  expect(r.code).toBe(c.code ?? 0);
}

/** CRC-32 (IEEE), as romread prints it. */
function crc32(data: Uint8Array): string {
  let crc = ~0;
  for (const b of data) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ((~crc) >>> 0).toString(16).padStart(8, '0');
}

describe('C test programs on l4wasm', () => {
  for (const c of CASES) {
    it(`${c.name} (${c.layout === 'sandbox' || c.layout === 'escape' ? 'hostfs' : c.layout})`, () => runOnHost(c));
    if (c.alsoOnTmpfs || c.tree === exampleTree) it(`${c.name} (tmpfs)`, () => runOnTmpfs(c));
  }
});

// The same programs decoupled: their original code in a worker, every call forwarded to the vCPU.
describe('C test programs on l4wasm, decoupled', () => {
  for (const c of CASES) {
    it(`${c.name} (${c.layout === 'sandbox' || c.layout === 'escape' ? 'hostfs' : c.layout}, decoupled)`, () => runOnHost(c, true));
    if (c.alsoOnTmpfs || c.tree === exampleTree) it(`${c.name} (tmpfs, decoupled)`, () => runOnTmpfs(c, true));
  }
});

describe('runs only l4wasm can make', () => {
  it('fswalk over a hostfs mount leaves the host directory empty', async () => {
    const c = CASES.find((x) => x.name === 'fswalk')!;
    const layout = makeHostLayout({ ...c, layout: 'sandbox' });
    try {
      const r = await runL4wasm(wasm.fswalk, { args: ['fswalk', '/sandbox'], mounts: [{ host: layout.mounted!, guest: '/sandbox' }] });
      expect(r.stdout).toBe(expectedOutput(c, '/sandbox'));
      expect(r.code).toBe(0);
      expect(listTree(layout.mounted!)).toEqual([]);
    } finally {
      layout.remove();
    }
  });

  it('cat and wc read devfs: /dev/null is empty, /dev/stdin is standard input', async () => {
    const cat = await runL4wasm(wasm.cat, { args: ['cat', '/dev/null', '/dev/stdin'], stdin: 'via /dev/stdin\n' });
    expect(cat).toMatchObject({ code: 0, stdout: 'via /dev/stdin\n', stderr: '' });
    const wc = await runL4wasm(wasm.wc, { args: ['wc', '/dev/null'] });
    expect(wc).toMatchObject({ code: 0, stdout: '      0       0       0 /dev/null\n', stderr: '' });
  });

  it('ls shows /dev as character devices and /rom as the boot modules', async () => {
    const r = await runL4wasm(wasm.ls, {
      args: ['ls', '/dev', '/rom'],
      roms: [{ name: 'hello.txt', data: ROM_TEXT }, { name: 'b.bin', data: new Uint8Array(1000) }],
    });
    expect(r.code).toBe(0);
    for (const dev of ['null', 'zero', 'urandom', 'stdin', 'stdout', 'stderr']) expect(r.stdout).toMatch(new RegExp(`^c +${dev}$`, 'm'));
    expect(r.stdout).toContain('/rom:\n-      1000 b.bin\n-        26 hello.txt\n');
  });

  it('romread reads a large binary boot module given by host path', async () => {
    const layout = makeHostLayout({ name: 'rom-by-path', program: 'romread', args: [], layout: 'tmp' });
    try {
      const data = new Uint8Array(200_003);
      randomFillSync(data);
      data.set(Buffer.from('first line of a binary module\n'));
      const path = join(layout.root, 'module.bin');
      writeFileSync(path, data);
      const r = await runL4wasm(wasm.romread, { args: ['romread', 'module.bin'], roms: [{ path }] });
      expect(r.stdout).toBe([
        'module: /rom/module.bin', 'size: 200003', 'read: 200003 bytes', `crc32: ${crc32(data)}`,
        'pread pieces agree: yes', 'first line: first line of a binary module', '',
      ].join('\n'));
      expect(r.code).toBe(0);
    } finally {
      layout.remove();
    }
  });

  it('a read-only host mount refuses writing (romread -w on a hostfs file)', async () => {
    const layout = makeHostLayout({ name: 'ro-mount', program: 'romread', args: [], layout: 'sandbox' });
    try {
      mkdirSync(join(layout.mounted!, 'd'));
      writeFileSync(join(layout.mounted!, 'd', 'hello.txt'), ROM_TEXT);
      const r = await runL4wasm(wasm.romread, {
        args: ['romread', '-w', '/sandbox/d/hello.txt'],
        mounts: [{ host: layout.mounted!, guest: '/sandbox', readOnly: true }],
      });
      expect(r.stdout).toBe(expectedOutput(CASES.find((x) => x.name === 'romread')!, '/sandbox/d'));
      expect(r.code).toBe(0);
    } finally {
      layout.remove();
    }
  });
});
