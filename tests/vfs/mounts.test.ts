// Mount crossing: '..' across mount points, EXDEV, mount points in listings, the default tree.
import { beforeEach, describe, expect, test } from 'vitest';
import { Errno } from '../../src/errno.js';
import { Dataspace, DataspaceFlags } from '../../src/l4re/dataspace.js';
import { FileType } from '../../src/vfs/types.js';
import { MountTree } from '../../src/vfs/mount_tree.js';
import { TmpFs } from '../../src/vfs/tmpfs.js';
import { RoFs } from '../../src/vfs/rofs.js';
import { createDefaultTree } from '../../src/vfs/index.js';
import { CREATE, R, W, enc, names, ok, open, readFile, stat, writeFile } from './helpers.js';

let vfs: MountTree;
let rootFs: TmpFs;
let tmp: TmpFs;

beforeEach(() => {
  rootFs = new TmpFs();
  tmp = new TmpFs();
  vfs = new MountTree(rootFs);
  expect(vfs.mount('/tmp', tmp)).toBe(0);
  expect(vfs.mkdir('/home')).toBe(0);
  writeFile(vfs, '/home/f', 'root-fs');
});

describe('crossing mount points', () => {
  test('files under a mount live on that back end, which sees paths relative to its root', () => {
    writeFile(vfs, '/tmp/x', 'in tmp');
    expect(tmp.lstat(['x'])).not.toBeTypeOf('number');
    expect(rootFs.lstat(['tmp', 'x'])).toBe(-Errno.ENOENT);
    expect(stat(vfs, '/tmp/x').dev).toBe(tmp.dev);
    expect(stat(vfs, '/tmp').dev).toBe(tmp.dev);
    expect(stat(vfs, '/home').dev).toBe(rootFs.dev);
  });

  test('.. at a mount root goes to the directory holding the mount point', () => {
    expect(vfs.mount('/home/mnt', new TmpFs())).toBe(0);
    expect(vfs.realpath('/home/mnt/..')).toBe('/home');
    expect(readFile(vfs, '/home/mnt/../f')).toBe('root-fs');
    expect(readFile(vfs, '/tmp/../home/f')).toBe('root-fs');
    expect(vfs.realpath('/tmp/../../..')).toBe('/');
  });

  test('symlinks on one mount pointing into another', () => {
    expect(vfs.symlink('/home/f', '/tmp/to-root')).toBe(0);
    expect(vfs.symlink('../home', '/tmp/rel-up')).toBe(0);
    expect(readFile(vfs, '/tmp/to-root')).toBe('root-fs');
    expect(readFile(vfs, '/tmp/rel-up/f')).toBe('root-fs');
    expect(vfs.realpath('/tmp/rel-up')).toBe('/home');
  });

  test('rename and link across mounts are EXDEV', () => {
    writeFile(vfs, '/tmp/x', 'x');
    expect(vfs.rename('/tmp/x', '/home/x')).toBe(-Errno.EXDEV);
    expect(vfs.rename('/home/f', '/tmp/f')).toBe(-Errno.EXDEV);
    expect(vfs.link('/tmp/x', '/home/x')).toBe(-Errno.EXDEV);
    expect(vfs.rename('/tmp/x', '/tmp/y')).toBe(0);
    expect(readFile(vfs, '/tmp/y')).toBe('x');
  });

  test('mount points cannot be removed, renamed or replaced', () => {
    expect(vfs.rmdir('/tmp')).toBe(-Errno.EBUSY);
    expect(vfs.rename('/tmp', '/tmp2')).toBe(-Errno.EBUSY);
    expect(vfs.rename('/home', '/tmp')).toBe(-Errno.EBUSY);
    expect(vfs.unlink('/tmp')).toBe(-Errno.EISDIR);
    expect(vfs.mkdir('/tmp')).toBe(-Errno.EEXIST);
    expect(vfs.open('/tmp', { ...CREATE, exclusive: true })).toBe(-Errno.EEXIST);
    expect(vfs.open('/tmp', W)).toBe(-Errno.EISDIR);
  });

  test('a mount shadows the parent back end\'s own entry', () => {
    expect(vfs.mkdir('/shadow')).toBe(0);
    writeFile(vfs, '/shadow/hidden', 'h');
    expect(vfs.mount('/shadow', new TmpFs())).toBe(0);
    expect(vfs.stat('/shadow/hidden')).toBe(-Errno.ENOENT);
    expect(vfs.unmount('/shadow')).toBe(0);
    expect(readFile(vfs, '/shadow/hidden')).toBe('h');
  });
});

describe('mount points in listings', () => {
  test('appear in the parent listing as directories, even where the parent lacks them', () => {
    expect(names(vfs, '/')).toEqual(['home', 'tmp']);
    const entry = ok(open(vfs, '/').readdir()).find((e) => e.name === 'tmp')!;
    expect(entry.type).toBe(FileType.Directory);
    expect(rootFs.lstat(['tmp'])).toBe(-Errno.ENOENT);
    expect(stat(vfs, '/tmp').type).toBe(FileType.Directory);
  });

  test('a mount point listed once, as a directory, even over a file of the same name', () => {
    expect(vfs.unmount('/tmp')).toBe(0);
    writeFile(vfs, '/tmp', 'a file');
    expect(vfs.mount('/tmp', tmp)).toBe(0);
    const list = ok(open(vfs, '/').readdir());
    expect(list.filter((e) => e.name === 'tmp')).toEqual([{ name: 'tmp', type: FileType.Directory, ino: stat(vfs, '/tmp').ino }]);
    expect(stat(vfs, '/tmp').type).toBe(FileType.Directory);
  });

  test('deep mounts create virtual directories on the way', () => {
    expect(vfs.mount('/mnt/data/deep', new RoFs([new Dataspace('m', enc('m'), DataspaceFlags.ReadOnly)]))).toBe(0);
    expect(names(vfs, '/')).toEqual(['home', 'mnt', 'tmp']);
    expect(names(vfs, '/mnt')).toEqual(['data']);
    expect(names(vfs, '/mnt/data')).toEqual(['deep']);
    expect(names(vfs, '/mnt/data/deep')).toEqual(['m']);
    expect(stat(vfs, '/mnt/data').type).toBe(FileType.Directory);
    expect(vfs.realpath('/mnt/data/deep/../..')).toBe('/mnt');
    expect(readFile(vfs, '/mnt/./data//deep/m')).toBe('m');
    expect(vfs.open('/mnt/new', CREATE)).toBe(-Errno.ENOENT);
  });

  test('mount bookkeeping: EBUSY twice, unmount rules, mounts() longest first', () => {
    expect(vfs.mount('/tmp', new TmpFs())).toBe(-Errno.EBUSY);
    expect(vfs.mount('tmp', new TmpFs())).toBe(-Errno.EINVAL);
    expect(vfs.mount('/tmp/inner', new TmpFs())).toBe(0);
    expect(vfs.unmount('/tmp')).toBe(-Errno.EBUSY);
    expect(vfs.unmount('/')).toBe(-Errno.EBUSY);
    expect(vfs.unmount('/home')).toBe(-Errno.EINVAL);
    expect(vfs.mounts().map((m) => m.path)).toEqual(['/tmp/inner', '/tmp', '/']);
    expect(vfs.unmount('/tmp/./inner/')).toBe(0);
    expect(vfs.unmount('/tmp')).toBe(0);
    expect(names(vfs, '/')).toEqual(['home']);
  });

  test('a tree without a root back end gets one from mount(\'/\')', () => {
    const t = new MountTree();
    expect(t.mounts()).toEqual([]);
    expect(t.open('/x', CREATE)).toBe(-Errno.EROFS);
    const fs = new TmpFs();
    expect(t.mount('/', fs)).toBe(0);
    expect(t.mount('/', new TmpFs())).toBe(-Errno.EBUSY);
    writeFile(t, '/x', 'x');
    expect(fs.lstat(['x'])).not.toBeTypeOf('number');
  });
});

describe('the default tree', () => {
  test('/, /rom, /dev, /tmp', () => {
    const roms = [
      new Dataspace('hello.wasm', enc('\0asm'), DataspaceFlags.ReadOnly),
      new Dataspace('etc/motd', enc('welcome'), DataspaceFlags.ReadOnly),
    ];
    const t = createDefaultTree({ roms });
    expect(names(t, '/')).toEqual(['dev', 'rom', 'tmp']);
    expect(names(t, '/rom')).toEqual(['etc', 'hello.wasm']);
    expect(readFile(t, '/rom/etc/motd')).toBe('welcome');
    expect(names(t, '/dev')).toEqual(expect.arrayContaining(['null', 'zero', 'urandom', 'random', 'stdin', 'stdout', 'stderr']));
    expect(t.mounts().map((m) => `${m.path}:${m.fs.name}`).sort()).toEqual(['/:tmpfs', '/dev/shm:tmpfs', '/dev:devfs', '/rom:rofs', '/tmp:tmpfs']);
    // / and /tmp are separate tmpfs instances.
    writeFile(t, '/tmp/a', 'a');
    expect(t.stat('/a')).toBe(-Errno.ENOENT);
    expect(stat(t, '/tmp/a').dev).not.toBe(stat(t, '/').dev);
    expect(t.open('/rom/new', CREATE)).toBe(-Errno.EROFS);
    expect(t.open('/rom/etc/motd', W)).toBe(-Errno.EROFS);
    expect(t.unlink('/rom/etc/motd')).toBe(-Errno.EROFS);
    expect(t.mkdir('/rom/etc')).toBe(-Errno.EEXIST);
    expect(t.mkdir('/rom/x')).toBe(-Errno.EROFS);
    expect(t.open('/dev/null', R)).not.toBeTypeOf('number');
  });

  test('a host directory at / replaces the root tmpfs', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'l4wasm-root-'));
    writeFileSync(join(dir, 'on-host'), 'h');
    const t = createDefaultTree({ dirs: [{ host: dir, guest: '/', readOnly: true }] });
    expect(names(t, '/')).toEqual(['dev', 'on-host', 'rom', 'tmp']);
    expect(t.mounts().find((m) => m.path === '/')!.fs.name).toBe('hostfs');
    expect(t.mkdir('/x')).toBe(-Errno.EROFS);
    rmSync(dir, { recursive: true });
  });

  test('a bad host directory names itself', () => {
    expect(() => createDefaultTree({ dirs: [{ host: '/definitely/not/here', guest: '/data' }] }))
      .toThrow(/definitely\/not\/here/);
  });
});
