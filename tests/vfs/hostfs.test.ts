// hostfs: a host directory in the guest tree, and every way out of it tried.
import * as nodefs from 'node:fs';
import * as os from 'node:os';
import * as nodepath from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Errno } from '../../src/errno.js';
import { FileType } from '../../src/vfs/types.js';
import { HostFs } from '../../src/vfs/hostfs.js';
import { createDefaultTree } from '../../src/vfs/index.js';
import type { MountTree } from '../../src/vfs/mount_tree.js';
import { CREATE, R, W, enc, names, ok, open, readAll, readFile, stat, writeFile } from './helpers.js';

let base: string;
let host: string;
let outside: string;
let vfs: MountTree;

beforeAll(() => {
  base = nodefs.realpathSync(nodefs.mkdtempSync(nodepath.join(os.tmpdir(), 'l4wasm-hostfs-')));
  host = nodepath.join(base, 'host');
  outside = nodepath.join(base, 'outside');
  nodefs.mkdirSync(nodepath.join(host, 'inner'), { recursive: true });
  nodefs.mkdirSync(outside);
  nodefs.writeFileSync(nodepath.join(host, 'inner', 'file'), 'inside');
  nodefs.writeFileSync(nodepath.join(outside, 'secret'), 'HOST SECRET');
  nodefs.symlinkSync(nodepath.join(outside, 'secret'), nodepath.join(host, 'esc-abs'));
  nodefs.symlinkSync(outside, nodepath.join(host, 'esc-dir'));
  nodefs.symlinkSync('../outside/secret', nodepath.join(host, 'esc-rel'));
  nodefs.symlinkSync('../..', nodepath.join(host, 'esc-dotdot'));
  nodefs.symlinkSync('/etc', nodepath.join(host, 'esc-etc'));
  nodefs.symlinkSync('inner/file', nodepath.join(host, 'ok-link'));
  vfs = createDefaultTree({ dirs: [{ host, guest: '/mnt/h' }, { host, guest: '/ro', readOnly: true }] });
  expect(vfs.mkdir('/etc')).toBe(0);
  writeFile(vfs, '/etc/passwd', 'guest passwd');
});

afterAll(() => {
  nodefs.rmSync(base, { recursive: true, force: true });
});

describe('hostfs inside its root', () => {
  test('reads files, lists directories, follows symlinks that stay inside', () => {
    expect(readFile(vfs, '/mnt/h/inner/file')).toBe('inside');
    expect(readFile(vfs, '/mnt/h/ok-link')).toBe('inside');
    expect(names(vfs, '/mnt/h')).toEqual(['esc-abs', 'esc-dir', 'esc-dotdot', 'esc-etc', 'esc-rel', 'inner', 'ok-link']);
    const entries = ok(open(vfs, '/mnt/h/inner').readdir());
    expect(entries).toEqual([{ name: 'file', type: FileType.RegularFile, ino: nodefs.statSync(nodepath.join(host, 'inner', 'file'), { bigint: true }).ino }]);
    expect(stat(vfs, '/mnt/h/esc-abs', false).type).toBe(FileType.SymbolicLink);
  });

  test('writes, creates, renames, links and removes on the host', () => {
    writeFile(vfs, '/mnt/h/new.txt', 'from guest');
    expect(nodefs.readFileSync(nodepath.join(host, 'new.txt'), 'utf8')).toBe('from guest');
    const f = open(vfs, '/mnt/h/new.txt', { ...W, append: true });
    expect(f.write(enc('!'))).toBe(1);
    f.close();
    expect(readFile(vfs, '/mnt/h/new.txt')).toBe('from guest!');
    expect(vfs.open('/mnt/h/new.txt', { ...CREATE, exclusive: true })).toBe(-Errno.EEXIST);
    expect(vfs.mkdir('/mnt/h/d')).toBe(0);
    expect(vfs.rename('/mnt/h/new.txt', '/mnt/h/d/moved.txt')).toBe(0);
    expect(vfs.link('/mnt/h/d/moved.txt', '/mnt/h/d/hard')).toBe(0);
    expect(stat(vfs, '/mnt/h/d/hard').nlink).toBe(2n);
    expect(vfs.rmdir('/mnt/h/d')).toBe(-Errno.ENOTEMPTY);
    expect(vfs.unlink('/mnt/h/d')).toBe(-Errno.EISDIR);
    expect(vfs.rename('/mnt/h/d/hard', '/tmp/hard')).toBe(-Errno.EXDEV);
    expect(vfs.unlink('/mnt/h/d/hard')).toBe(0);
    expect(vfs.unlink('/mnt/h/d/moved.txt')).toBe(0);
    expect(vfs.setTimes('/mnt/h/d', true, 1_000_000_000_000n, 2_000_000_000_000n)).toBe(0);
    expect(stat(vfs, '/mnt/h/d').mtimeNs).toBe(2_000_000_000_000n);
    expect(vfs.rmdir('/mnt/h/d')).toBe(0);
    expect(nodefs.existsSync(nodepath.join(host, 'd'))).toBe(false);
  });

  test('an open directory keeps listing after it is renamed', () => {
    expect(vfs.mkdir('/mnt/h/before')).toBe(0);
    writeFile(vfs, '/mnt/h/before/x', 'x');
    const d = open(vfs, '/mnt/h/before');
    expect(vfs.rename('/mnt/h/before', '/mnt/h/after')).toBe(0);
    expect(ok(d.readdir()).map((e) => e.name)).toEqual(['x']);
    d.close();
    expect(vfs.unlink('/mnt/h/after/x')).toBe(0);
    expect(vfs.rmdir('/mnt/h/after')).toBe(0);
  });

  test('a read-only mount refuses every change', () => {
    expect(readFile(vfs, '/ro/inner/file')).toBe('inside');
    expect(vfs.open('/ro/inner/file', W)).toBe(-Errno.EROFS);
    expect(vfs.open('/ro/inner/new', CREATE)).toBe(-Errno.EROFS);
    expect(vfs.mkdir('/ro/x')).toBe(-Errno.EROFS);
    expect(vfs.mkdir('/ro/inner')).toBe(-Errno.EEXIST);
    expect(vfs.unlink('/ro/inner/file')).toBe(-Errno.EROFS);
    expect(vfs.rename('/ro/inner/file', '/ro/inner/f2')).toBe(-Errno.EROFS);
    expect(vfs.symlink('x', '/ro/l')).toBe(-Errno.EROFS);
    expect(vfs.setTimes('/ro/inner/file', true, 'now', 'now')).toBe(-Errno.EROFS);
    expect(open(vfs, '/ro/inner/file', R).setTimes('now', 'now')).toBe(-Errno.EROFS);
    expect(nodefs.readFileSync(nodepath.join(host, 'inner', 'file'), 'utf8')).toBe('inside');
  });

  test('a host FIFO is refused without blocking the machine', () => {
    try {
      execFileSync('mkfifo', [nodepath.join(host, 'fifo')]);
    } catch {
      return; // no mkfifo on this host
    }
    expect(stat(vfs, '/mnt/h/fifo').type).toBe(FileType.Fifo);
    expect(vfs.open('/mnt/h/fifo', R)).toBe(-Errno.ENXIO);
    nodefs.unlinkSync(nodepath.join(host, 'fifo'));
  });
});

describe('hostfs escape attempts never reach outside the host directory', () => {
  test('.. from the mount root stays in the guest tree', () => {
    expect(vfs.realpath('/mnt/h/..')).toBe('/mnt');
    expect(vfs.realpath('/mnt/h/../../../..')).toBe('/');
    expect(vfs.stat('/mnt/h/../outside/secret')).toBe(-Errno.ENOENT);
    expect(vfs.stat('/mnt/h/inner/../../outside/secret')).toBe(-Errno.ENOENT);
  });

  test('host symlinks resolve in the guest tree', () => {
    // '../outside/secret' from /mnt/h is the guest's /mnt/outside/secret: nothing there.
    expect(vfs.open('/mnt/h/esc-rel', R)).toBe(-Errno.ENOENT);
    // An absolute host path is a guest path: base/outside does not exist in the guest.
    expect(vfs.open('/mnt/h/esc-abs', R)).toBe(-Errno.ENOENT);
    expect(vfs.stat('/mnt/h/esc-dir/secret')).toBe(-Errno.ENOENT);
    // '/etc' is the guest's /etc.
    expect(readFile(vfs, '/mnt/h/esc-etc/passwd')).toBe('guest passwd');
    expect(vfs.realpath('/mnt/h/esc-dotdot')).toBe('/');
    expect(names(vfs, '/mnt/h/esc-dotdot')).toEqual(['dev', 'etc', 'mnt', 'ro', 'rom', 'tmp']);
  });

  test('a symlink the guest creates is stored verbatim and read back in the guest tree', () => {
    expect(vfs.symlink(nodepath.join(outside, 'secret'), '/mnt/h/made-by-guest')).toBe(0);
    expect(nodefs.readlinkSync(nodepath.join(host, 'made-by-guest'))).toBe(nodepath.join(outside, 'secret'));
    expect(vfs.open('/mnt/h/made-by-guest', R)).toBe(-Errno.ENOENT);
    expect(vfs.open('/mnt/h/made-by-guest', { ...W, create: true })).toBe(-Errno.ENOENT);
    expect(nodefs.readFileSync(nodepath.join(outside, 'secret'), 'utf8')).toBe('HOST SECRET');
    expect(vfs.unlink('/mnt/h/made-by-guest')).toBe(0);
  });

  test('the back end itself rejects bad components and never follows symlinks', () => {
    const fs = new HostFs(host);
    for (const bad of [['..', 'outside', 'secret'], ['inner', '..', '..'], ['.'], [''], ['a/b'], ['x\0']]) {
      expect(fs.open(bad, R), bad.join('|')).toBe(-Errno.EINVAL);
      expect(fs.lstat(bad)).toBe(-Errno.EINVAL);
      expect(fs.mkdir(bad, 0o777)).toBe(-Errno.EINVAL);
    }
    // The final component is opened with O_NOFOLLOW.
    expect(fs.open(['esc-abs'], R)).toBe(-Errno.ELOOP);
    expect(fs.open(['esc-abs'], { ...W, create: true })).toBe(-Errno.ELOOP);
    expect(fs.readlink(['esc-abs'])).toBe(nodepath.join(outside, 'secret'));
    expect(fs.lstat(['esc-abs'])).toMatchObject({ type: FileType.SymbolicLink });
  });

  test('a symlink swapped into the middle of a path (a race) is caught after open', () => {
    if (!nodefs.existsSync('/proc/self/fd')) return;
    const fs = new HostFs(host);
    // As if the tree had checked 'esc-dir' while it was a directory.
    expect(fs.open(['esc-dir', 'secret'], R)).toBe(-Errno.EACCES);
    // O_DIRECTORY|O_NOFOLLOW on a symlink: Linux says ENOTDIR, others ELOOP; never the target.
    expect([-Errno.ENOTDIR, -Errno.ELOOP]).toContain(fs.open(['esc-dir'], { ...R, directory: true }));
  });

  test('mounting a missing directory fails with its name', () => {
    expect(() => new HostFs(nodepath.join(base, 'nope'))).toThrow(/nope/);
    expect(() => new HostFs(nodepath.join(host, 'inner', 'file'))).toThrow(/not a directory/);
  });
});
