// hostfs: fsync reaches the host for files and directories (a directory's fsync makes the names
// created in it durable; SQLite syncs its journal's directory after creating the journal).
import * as os from 'node:os';
import * as nodepath from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';

const synced: number[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, fsyncSync: (fd: number) => { synced.push(fd); real.fsyncSync(fd); } };
});

const nodefs = await import('node:fs');
const { HostFs } = await import('../../src/vfs/hostfs.js');
const { Errno } = await import('../../src/errno.js');

let base: string;
beforeAll(() => {
  base = nodefs.realpathSync(nodefs.mkdtempSync(nodepath.join(os.tmpdir(), 'l4wasm-hostfs-sync-')));
  nodefs.mkdirSync(nodepath.join(base, 'dir'));
});
afterAll(() => nodefs.rmSync(base, { recursive: true, force: true }));

test('fsync of a host directory and of a host file each make one host fsync of that descriptor', () => {
  const fs = new HostFs(base);
  for (const path of [['dir'], []]) {
    const d = fs.open(path, { read: true, write: false, directory: true });
    if (typeof d === 'number') throw new Error(`open: ${d}`);
    synced.length = 0;
    expect(d.sync()).toBe(0);
    expect(synced).toHaveLength(1);
    d.close();
  }
  const f = fs.open(['dir', 'file'], { read: true, write: true, create: true, mode: 0o644 });
  if (typeof f === 'number') throw new Error(`open: ${f}`);
  synced.length = 0;
  expect(f.sync()).toBe(0);
  expect(synced).toHaveLength(1);
  f.close();
  // A closed descriptor: the host's EBADF, not a silent success.
  expect(f.sync()).toBe(-Errno.EBADF);
});
