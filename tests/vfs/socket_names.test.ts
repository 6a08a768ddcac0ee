// AF_UNIX socket names in the mount tree: a bound name is a socket node on tmpfs that connects
// find again (through symlinks, after a rename, not after unlink); other back ends refuse to make
// one (EOPNOTSUPP, EROFS read-only) and never lend a host's socket file out.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Errno } from '../../src/errno.js';
import { FileType } from '../../src/vfs/types.js';
import { MountTree } from '../../src/vfs/mount_tree.js';
import { TmpFs } from '../../src/vfs/tmpfs.js';
import { HostFs } from '../../src/vfs/hostfs.js';
import { R, stat, writeFile } from './helpers.js';

const hostDirs: string[] = [];
afterAll(() => { for (const d of hostDirs) rmSync(d, { recursive: true, force: true }); });

let vfs: MountTree;
const endpoint = { name: 'a socket' };

beforeEach(() => {
  vfs = new MountTree(new TmpFs());
  expect(vfs.mkdir('/tmp')).toBe(0);
});

describe('socket names', () => {
  test('bind makes a socket node with the mode asked; connect finds the endpoint', () => {
    expect(vfs.bindSocket('/tmp/s', 0o755, endpoint)).toBe(0);
    const st = stat(vfs, '/tmp/s');
    expect(st.type).toBe(FileType.SocketStream);
    expect(st.mode & 0o777).toBe(0o755);
    expect(vfs.boundSocket('/tmp/s')).toBe(endpoint);
    expect(vfs.open('/tmp/s', R)).toBe(-Errno.ENXIO);
  });

  test('a taken name, a missing directory, a name that is not a socket', () => {
    writeFile(vfs, '/tmp/file', 'x');
    expect(vfs.bindSocket('/tmp/file', 0o777, endpoint)).toBe(-Errno.EEXIST);
    expect(vfs.bindSocket('/tmp', 0o777, endpoint)).toBe(-Errno.EEXIST);
    expect(vfs.bindSocket('/nowhere/s', 0o777, endpoint)).toBe(-Errno.ENOENT);
    expect(vfs.boundSocket('/tmp/file')).toBe(-Errno.ECONNREFUSED);
    expect(vfs.boundSocket('/tmp/missing')).toBe(-Errno.ENOENT);
    expect(vfs.bindSocket('/tmp/s', 0o777, endpoint)).toBe(0);
    expect(vfs.bindSocket('/tmp/s', 0o777, {})).toBe(-Errno.EEXIST);
  });

  test('symlinks are followed to the socket; rename keeps the endpoint, unlink drops the name', () => {
    expect(vfs.bindSocket('/tmp/s', 0o777, endpoint)).toBe(0);
    expect(vfs.symlink('/tmp/s', '/tmp/link')).toBe(0);
    expect(vfs.boundSocket('/tmp/link')).toBe(endpoint);
    expect(vfs.rename('/tmp/s', '/tmp/moved')).toBe(0);
    expect(vfs.boundSocket('/tmp/moved')).toBe(endpoint);
    expect(vfs.boundSocket('/tmp/s')).toBe(-Errno.ENOENT);
    expect(vfs.unlink('/tmp/moved')).toBe(0);
    expect(vfs.boundSocket('/tmp/moved')).toBe(-Errno.ENOENT);
    expect(vfs.bindSocket('/tmp/moved', 0o777, {})).toBe(0);
  });

  test('a host mount makes no socket file: EOPNOTSUPP, EROFS when read-only', () => {
    for (const readOnly of [false, true]) {
      const dir = mkdtempSync(join(tmpdir(), 'l4wasm-socknames-'));
      hostDirs.push(dir);
      expect(vfs.mount('/host', new HostFs(dir, { readOnly }))).toBe(0);
      expect(vfs.bindSocket('/host/s', 0o777, endpoint)).toBe(readOnly ? -Errno.EROFS : -Errno.ENOTSUP);
      expect(readdirSync(dir)).toEqual([]);
      expect(vfs.unmount('/host')).toBe(0);
    }
  });

  test("a host's own socket file is no way out: ECONNREFUSED", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-socknames-'));
    hostDirs.push(dir);
    const server = createServer();
    await new Promise<void>((done) => server.listen(join(dir, 'host.sock'), done));
    try {
      expect(vfs.mount('/host', new HostFs(dir))).toBe(0);
      expect(stat(vfs, '/host/host.sock').type).toBe(FileType.SocketStream);
      expect(vfs.boundSocket('/host/host.sock')).toBe(-Errno.ECONNREFUSED);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  test('abstract names are a table of the tree (one per machine)', () => {
    vfs.abstractSockets.set('\0name', endpoint);
    expect(new MountTree(new TmpFs()).abstractSockets.has('\0name')).toBe(false);
    expect(vfs.abstractSockets.get('\0name')).toBe(endpoint);
  });
});
