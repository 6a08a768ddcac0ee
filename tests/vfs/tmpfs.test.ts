// tmpfs (memfs) through the mount tree: files, directories, links, times, rename rules, errors.
import { beforeEach, describe, expect, test } from 'vitest';
import { Errno } from '../../src/errno.js';
import { FileType, Whence } from '../../src/vfs/types.js';
import { MountTree } from '../../src/vfs/mount_tree.js';
import { TmpFs } from '../../src/vfs/tmpfs.js';
import { CREATE, R, RW, W, dec, enc, names, ok, open, readAll, readFile, stat, writeFile } from './helpers.js';

let vfs: MountTree;

beforeEach(() => {
  vfs = new MountTree(new TmpFs(undefined, { maxFileSize: 1 << 20 }));
});

describe('files', () => {
  test('create, write, seek, read, shared offset', () => {
    const f = open(vfs, '/f', CREATE);
    expect(f.type).toBe(FileType.RegularFile);
    expect(f.write(enc('hello world'))).toBe(11);
    expect(f.seek(0, Whence.Cur)).toBe(11);
    expect(f.seek(-5, Whence.End)).toBe(6);
    expect(readAll(f)).toBe('world');
    expect(f.seek(-1, Whence.Set)).toBe(-Errno.EINVAL);
    expect(f.seek(0, Whence.Set)).toBe(0);
    const buf = new Uint8Array(5);
    expect(f.pread(buf, 6)).toBe(5);
    expect(dec(buf)).toBe('world');
    expect(f.seek(0, Whence.Cur)).toBe(0); // pread leaves the offset alone
    expect(f.available()).toBe(11);
    f.close();
  });

  test('O_EXCL, O_TRUNC, O_DIRECTORY, opening directories for writing', () => {
    writeFile(vfs, '/f', 'abc');
    expect(vfs.open('/f', { ...CREATE, exclusive: true })).toBe(-Errno.EEXIST);
    expect(vfs.open('/f', { ...R, directory: true })).toBe(-Errno.ENOTDIR);
    expect(vfs.open('/f', { ...CREATE, directory: true })).toBe(-Errno.EINVAL);
    expect(vfs.open('/missing', R)).toBe(-Errno.ENOENT);
    const t = open(vfs, '/f', { ...W, truncate: true });
    expect(stat(vfs, '/f').size).toBe(0n);
    t.close();
    expect(vfs.mkdir('/d')).toBe(0);
    expect(vfs.open('/d', W)).toBe(-Errno.EISDIR);
    expect(vfs.open('/d', CREATE)).toBe(-Errno.EISDIR);
    const d = open(vfs, '/d', { ...R, directory: true });
    expect(d.type).toBe(FileType.Directory);
    expect(d.read(new Uint8Array(4))).toBe(-Errno.EISDIR);
    d.close();
  });

  test('O_APPEND appends, whatever the offset', () => {
    writeFile(vfs, '/log', 'one\n');
    const a = open(vfs, '/log', { ...RW, append: true });
    const b = open(vfs, '/log', RW);
    expect(b.write(enc('XX'))).toBe(2); // overwrites "on"
    expect(a.seek(0, Whence.Set)).toBe(0);
    expect(a.write(enc('two\n'))).toBe(4);
    expect(a.seek(0, Whence.Cur)).toBe(8);
    expect(readFile(vfs, '/log')).toBe('XXe\ntwo\n');
  });

  test('ftruncate, fallocate, size limit, futimens', () => {
    const f = open(vfs, '/f', CREATE);
    expect(f.write(enc('0123456789'))).toBe(10);
    expect(f.setSize(4)).toBe(0);
    expect(ok(f.stat()).size).toBe(4n);
    expect(f.setSize(8)).toBe(0);
    f.seek(0, Whence.Set);
    const buf = new Uint8Array(8);
    expect(f.read(buf)).toBe(8);
    expect(Array.from(buf.subarray(4))).toEqual([0, 0, 0, 0]);
    expect(f.allocate(0, 100)).toBe(0);
    expect(ok(f.stat()).size).toBe(100n);
    expect(f.allocate(0, 10)).toBe(0);
    expect(ok(f.stat()).size).toBe(100n);
    expect(f.setSize(-1)).toBe(-Errno.EINVAL);
    expect(f.setSize(2 << 20)).toBe(-Errno.EFBIG);
    expect(f.pwrite(enc('x'), 1 << 20)).toBe(-Errno.EFBIG);
    expect(f.setTimes(1_000_000_123_000_000n, 2_000_000_456_000_000n)).toBe(0);
    const s = ok(f.stat());
    expect(s.atimeNs).toBe(1_000_000_123_000_000n);
    expect(s.mtimeNs).toBe(2_000_000_456_000_000n);
    expect(f.setTimes(undefined, 'now')).toBe(0);
    expect(ok(f.stat()).atimeNs).toBe(1_000_000_123_000_000n);
    expect(ok(f.stat()).mtimeNs).toBeGreaterThan(2_000_000_456_000_000n);
    f.close();
  });

  test('a created file may be written even when its mode forbids it', () => {
    const f = open(vfs, '/ro', { ...W, create: true, mode: 0o444 });
    expect(f.write(enc('data'))).toBe(4);
    f.close();
    expect(stat(vfs, '/ro').mode).toBe(0o444);
    expect(readFile(vfs, '/ro')).toBe('data');
  });

  test('an unlinked open file keeps its data', () => {
    writeFile(vfs, '/f', 'still here');
    const f = open(vfs, '/f');
    expect(vfs.unlink('/f')).toBe(0);
    expect(vfs.stat('/f')).toBe(-Errno.ENOENT);
    expect(readAll(f)).toBe('still here');
    f.close();
  });

  test('an unlinked open file keeps its inode number to itself: new files get fresh ones', () => {
    writeFile(vfs, '/f', 'old');
    const f = open(vfs, '/f');
    const ino = (f.stat() as { ino: bigint }).ino;
    expect(vfs.unlink('/f')).toBe(0);
    writeFile(vfs, '/g', 'new');
    writeFile(vfs, '/f', 'another');
    expect(stat(vfs, '/g').ino).not.toBe(ino);
    expect(stat(vfs, '/f').ino).not.toBe(ino);
    expect((f.stat() as { ino: bigint }).ino).toBe(ino);
    expect(readAll(f)).toBe('old');
    f.close();
  });
});

describe('directories and names', () => {
  test('mkdir, readdir with types and inodes, rmdir', () => {
    expect(vfs.mkdir('/d', 0o700)).toBe(0);
    expect(stat(vfs, '/d').mode).toBe(0o700);
    expect(vfs.mkdir('/d')).toBe(-Errno.EEXIST);
    expect(vfs.mkdir('/missing/d')).toBe(-Errno.ENOENT);
    writeFile(vfs, '/d/file', 'x');
    expect(vfs.mkdir('/d/sub')).toBe(0);
    expect(vfs.symlink('file', '/d/link')).toBe(0);
    const list = ok(open(vfs, '/d').readdir()).sort((x, y) => x.name.localeCompare(y.name));
    expect(list.map((e) => [e.name, e.type])).toEqual([
      ['file', FileType.RegularFile], ['link', FileType.SymbolicLink], ['sub', FileType.Directory],
    ]);
    expect(list[0]!.ino).toBe(stat(vfs, '/d/file').ino);
    expect(vfs.rmdir('/d')).toBe(-Errno.ENOTEMPTY);
    expect(vfs.rmdir('/d/file')).toBe(-Errno.ENOTDIR);
    expect(vfs.unlink('/d/sub')).toBe(-Errno.EISDIR);
    expect(vfs.unlink('/d/file/')).toBe(-Errno.ENOTDIR);
    expect(vfs.rmdir('/d/sub')).toBe(0);
    expect(vfs.unlink('/d/file')).toBe(0);
    expect(vfs.unlink('/d/link')).toBe(0);
    expect(vfs.unlink('/d/link')).toBe(-Errno.ENOENT);
    expect(vfs.rmdir('/d')).toBe(0);
    expect(names(vfs, '/')).toEqual([]);
  });

  test('hard links share the inode; inode numbers are stable', () => {
    writeFile(vfs, '/a', 'shared');
    const ino = stat(vfs, '/a').ino;
    expect(vfs.link('/a', '/b')).toBe(0);
    expect(vfs.link('/a', '/b')).toBe(-Errno.EEXIST);
    expect(stat(vfs, '/b').ino).toBe(ino);
    expect(stat(vfs, '/a').nlink).toBe(2n);
    writeFile(vfs, '/b', 'changed');
    expect(readFile(vfs, '/a')).toBe('changed');
    expect(vfs.rename('/a', '/c')).toBe(0);
    expect(stat(vfs, '/c').ino).toBe(ino);
    expect(vfs.unlink('/c')).toBe(0);
    expect(stat(vfs, '/b').nlink).toBe(1n);
    expect(stat(vfs, '/b').ino).toBe(ino);
  });

  test('rename: replaces files, empty directories only, never into itself', () => {
    writeFile(vfs, '/f1', 'one');
    writeFile(vfs, '/f2', 'two');
    expect(vfs.rename('/f1', '/f2')).toBe(0);
    expect(readFile(vfs, '/f2')).toBe('one');
    expect(vfs.stat('/f1')).toBe(-Errno.ENOENT);
    expect(vfs.mkdir('/d1')).toBe(0);
    expect(vfs.mkdir('/d2')).toBe(0);
    expect(vfs.mkdir('/full')).toBe(0);
    writeFile(vfs, '/full/x', 'x');
    writeFile(vfs, '/d1/inner', 'inner');
    expect(vfs.rename('/d1', '/f2')).toBe(-Errno.ENOTDIR);
    expect(vfs.rename('/f2', '/d2')).toBe(-Errno.EISDIR);
    expect(vfs.rename('/d1', '/full')).toBe(-Errno.ENOTEMPTY);
    expect(vfs.rename('/d1', '/d1/sub')).toBe(-Errno.EINVAL);
    expect(vfs.rename('/d1', '/d2')).toBe(0);
    expect(readFile(vfs, '/d2/inner')).toBe('inner');
    expect(vfs.rename('/d2', '/d2')).toBe(0);
    expect(vfs.rename('/nothing', '/x')).toBe(-Errno.ENOENT);
    expect(vfs.rename('/f2', '/nodir/x')).toBe(-Errno.ENOENT);
    expect(vfs.rename('/f2/', '/x')).toBe(-Errno.ENOTDIR);
    expect(readFile(vfs, '/f2')).toBe('one');
  });

  test('rename moves a symlink itself, not its target', () => {
    writeFile(vfs, '/target', 't');
    expect(vfs.mkdir('/d')).toBe(0);
    expect(vfs.symlink('../target', '/d/link')).toBe(0);
    expect(vfs.symlink('/target', '/abs')).toBe(0);
    expect(vfs.rename('/abs', '/abs2')).toBe(0);
    expect(vfs.readlink('/abs2')).toBe('/target');
    expect(readFile(vfs, '/target')).toBe('t');
    expect(vfs.rename('/d/link', '/d/link2')).toBe(0);
    expect(readFile(vfs, '/d/link2')).toBe('t');
    expect(stat(vfs, '/target').type).toBe(FileType.RegularFile);
  });

  test('utimensat, with and without following', () => {
    writeFile(vfs, '/f', 'x');
    expect(vfs.symlink('/f', '/l')).toBe(0);
    expect(vfs.setTimes('/l', true, 5_000_000_000n, 6_000_000_000n)).toBe(0);
    expect(stat(vfs, '/f').mtimeNs).toBe(6_000_000_000n);
    expect(vfs.setTimes('/l', false, undefined, 7_000_000_000n)).toBe(0);
    expect(stat(vfs, '/l', false).mtimeNs).toBe(7_000_000_000n);
    expect(stat(vfs, '/f').mtimeNs).toBe(6_000_000_000n);
    expect(stat(vfs, '/f').atimeNs).toBe(5_000_000_000n);
    expect(vfs.setTimes('/none', true, 'now', 'now')).toBe(-Errno.ENOENT);
  });

  test('an open directory lists by identity, through renames and after removal', () => {
    expect(vfs.mkdir('/d')).toBe(0);
    writeFile(vfs, '/d/x', 'x');
    const d = open(vfs, '/d');
    expect(vfs.rename('/d', '/e')).toBe(0);
    writeFile(vfs, '/e/y', 'y');
    expect(ok(d.readdir()).map((e) => e.name).sort()).toEqual(['x', 'y']);
    expect(vfs.unlink('/e/x')).toBe(0);
    expect(vfs.unlink('/e/y')).toBe(0);
    expect(vfs.rmdir('/e')).toBe(0);
    expect(ok(d.readdir())).toEqual([]);
    d.close();
  });
});

describe('shared memory', () => {
  test('reads and writes work on SharedArrayBuffer views (shared wasm memory)', () => {
    const mem = new Uint8Array(new SharedArrayBuffer(64));
    mem.set(enc('shared'), 10);
    const f = open(vfs, '/s', CREATE);
    expect(f.write(mem.subarray(10, 16))).toBe(6);
    expect(f.pread(mem.subarray(40, 46), 0)).toBe(6);
    expect(dec(mem.slice(40, 46))).toBe('shared');
  });
});
