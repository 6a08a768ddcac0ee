// Path resolution in the mount tree: '.', '..', repeated and trailing slashes, symlinks, limits.
import { beforeEach, describe, expect, test } from 'vitest';
import { Errno } from '../../src/errno.js';
import { FileType } from '../../src/vfs/types.js';
import { MountTree } from '../../src/vfs/mount_tree.js';
import { TmpFs } from '../../src/vfs/tmpfs.js';
import { CREATE, R, enc, names, open, readFile, stat, writeFile } from './helpers.js';

let vfs: MountTree;

beforeEach(() => {
  vfs = new MountTree(new TmpFs());
  expect(vfs.mkdir('/a')).toBe(0);
  expect(vfs.mkdir('/a/b')).toBe(0);
  writeFile(vfs, '/a/b/file', 'content');
});

describe('components', () => {
  test('. and repeated slashes are skipped', () => {
    expect(readFile(vfs, '//a/./b//file')).toBe('content');
    expect(readFile(vfs, '/a/././b/./file')).toBe('content');
    expect(vfs.realpath('///a//b///')).toBe('/a/b');
  });

  test('.. goes to the parent, and stays at / on the root', () => {
    expect(readFile(vfs, '/a/b/../b/file')).toBe('content');
    expect(vfs.realpath('/a/b/..')).toBe('/a');
    expect(vfs.realpath('/..')).toBe('/');
    expect(vfs.realpath('/../../..')).toBe('/');
    expect(readFile(vfs, '/../../a/b/file')).toBe('content');
    expect(vfs.realpath('/a/../../..')).toBe('/');
  });

  test('relative paths resolve from the root', () => {
    expect(readFile(vfs, 'a/b/file')).toBe('content');
    expect(vfs.realpath('.')).toBe('/');
  });

  test('trailing slash requires a directory', () => {
    expect(stat(vfs, '/a/b/').type).toBe(FileType.Directory);
    expect(vfs.stat('/a/b/file/')).toBe(-Errno.ENOTDIR);
    expect(vfs.open('/a/b/file/', R)).toBe(-Errno.ENOTDIR);
    expect(vfs.stat('/a/b/file/.')).toBe(-Errno.ENOTDIR);
    expect(vfs.open('/a/b/new/', CREATE)).toBe(-Errno.EISDIR);
    expect(vfs.mkdir('/a/c/')).toBe(0);
    expect(stat(vfs, '/a/c').type).toBe(FileType.Directory);
  });

  test('a file in the middle of a path is ENOTDIR, a missing one ENOENT', () => {
    expect(vfs.stat('/a/b/file/x')).toBe(-Errno.ENOTDIR);
    expect(vfs.stat('/a/missing/x')).toBe(-Errno.ENOENT);
    expect(vfs.open('/a/missing/x', CREATE)).toBe(-Errno.ENOENT);
    expect(vfs.stat('')).toBe(-Errno.ENOENT);
  });

  test('ENAMETOOLONG for a long component or path', () => {
    expect(vfs.stat('/' + 'x'.repeat(256))).toBe(-Errno.ENAMETOOLONG);
    expect(vfs.open('/' + 'x'.repeat(256), CREATE)).toBe(-Errno.ENAMETOOLONG);
    expect(vfs.mkdir('/' + 'é'.repeat(128))).toBe(-Errno.ENAMETOOLONG);
    expect(vfs.mkdir('/' + 'x'.repeat(255))).toBe(0);
    expect(vfs.stat('/a' + '/.'.repeat(2048))).toBe(-Errno.ENAMETOOLONG);
  });

  test('a NUL in a path is EINVAL', () => {
    expect(vfs.stat('/a\0/b')).toBe(-Errno.EINVAL);
  });

  test('the root: mkdir EEXIST, rmdir EBUSY, unlink EISDIR, rename EBUSY', () => {
    expect(vfs.mkdir('/')).toBe(-Errno.EEXIST);
    expect(vfs.rmdir('/')).toBe(-Errno.EBUSY);
    expect(vfs.unlink('/')).toBe(-Errno.EISDIR);
    expect(vfs.rename('/', '/x')).toBe(-Errno.EBUSY);
    expect(vfs.rmdir('/a/.')).toBe(-Errno.EINVAL);
    expect(vfs.rmdir('/a/b/..')).toBe(-Errno.ENOTEMPTY);
    expect(vfs.mkdir('/a/..')).toBe(-Errno.EEXIST);
  });
});

describe('symlinks', () => {
  test('relative targets resolve from the link\'s directory, chains are followed', () => {
    expect(vfs.symlink('b/file', '/a/l1')).toBe(0);
    expect(vfs.symlink('l1', '/a/l2')).toBe(0);
    expect(vfs.symlink('../../a/l2', '/a/b/l3')).toBe(0);
    expect(readFile(vfs, '/a/l2')).toBe('content');
    expect(readFile(vfs, '/a/b/l3')).toBe('content');
    expect(vfs.realpath('/a/b/l3')).toBe('/a/b/file');
    expect(vfs.readlink('/a/b/l3')).toBe('../../a/l2');
    expect(stat(vfs, '/a/l2', false).type).toBe(FileType.SymbolicLink);
    expect(stat(vfs, '/a/l2', false).size).toBe(2n);
    expect(stat(vfs, '/a/l2').type).toBe(FileType.RegularFile);
  });

  test('a symlink to a directory in the middle of a path; .. after it is physical', () => {
    expect(vfs.symlink('/a/b', '/lb')).toBe(0);
    expect(readFile(vfs, '/lb/file')).toBe('content');
    // POSIX: '..' applies to the directory the link led to (/a/b), not to the link's parent.
    expect(vfs.realpath('/lb/..')).toBe('/a');
    expect(names(vfs, '/lb/')).toEqual(['file']);
  });

  test('an absolute target restarts at the guest root', () => {
    expect(vfs.symlink('/a/b/file', '/a/b/abs')).toBe(0);
    expect(vfs.symlink('/../../../a', '/a/up')).toBe(0);
    expect(readFile(vfs, '/a/b/abs')).toBe('content');
    expect(vfs.realpath('/a/up/b')).toBe('/a/b');
  });

  test('loops and chains over 40 hops are ELOOP', () => {
    expect(vfs.symlink('loop2', '/loop1')).toBe(0);
    expect(vfs.symlink('loop1', '/loop2')).toBe(0);
    expect(vfs.stat('/loop1')).toBe(-Errno.ELOOP);
    expect(vfs.open('/loop1/x', R)).toBe(-Errno.ELOOP);
    expect(stat(vfs, '/loop1', false).type).toBe(FileType.SymbolicLink);
    // A chain of 40 links resolves, 41 does not.
    expect(vfs.symlink('/a/b/file', '/c0')).toBe(0);
    for (let i = 1; i <= 40; i++) expect(vfs.symlink(`c${i - 1}`, `/c${i}`)).toBe(0);
    expect(readFile(vfs, '/c39')).toBe('content');
    expect(vfs.stat('/c40')).toBe(-Errno.ELOOP);
  });

  test('lstat, readlink and O_NOFOLLOW do not follow the final link', () => {
    expect(vfs.symlink('/a/b/file', '/lf')).toBe(0);
    expect(vfs.open('/lf', R, false)).toBe(-Errno.ELOOP);
    expect(vfs.readlink('/a/b/file')).toBe(-Errno.EINVAL);
    expect(vfs.readlink('/nothing')).toBe(-Errno.ENOENT);
    // A trailing slash forces following, even for lstat.
    expect(vfs.symlink('/a/b', '/ld')).toBe(0);
    expect(stat(vfs, '/ld/', false).type).toBe(FileType.Directory);
  });

  test('dangling links: ENOENT, but O_CREAT creates the target; O_EXCL refuses', () => {
    expect(vfs.symlink('/a/made', '/dangling')).toBe(0);
    expect(vfs.stat('/dangling')).toBe(-Errno.ENOENT);
    expect(vfs.open('/dangling', { ...CREATE, exclusive: true })).toBe(-Errno.EEXIST);
    const f = open(vfs, '/dangling', CREATE);
    f.write(enc('made'));
    f.close();
    expect(readFile(vfs, '/a/made')).toBe('made');
  });

  test('symlink errors: empty target, existing name', () => {
    expect(vfs.symlink('', '/e')).toBe(-Errno.ENOENT);
    expect(vfs.symlink('x', '/a')).toBe(-Errno.EEXIST);
    expect(vfs.symlink('x', '/a/b/file')).toBe(-Errno.EEXIST);
    expect(vfs.symlink('x', '/missing/l')).toBe(-Errno.ENOENT);
  });

  test('unlink removes the link, not its target', () => {
    expect(vfs.symlink('/a/b/file', '/lf')).toBe(0);
    expect(vfs.unlink('/lf')).toBe(0);
    expect(readFile(vfs, '/a/b/file')).toBe('content');
    expect(vfs.symlink('/a/b', '/ld')).toBe(0);
    // As Linux: "ld/" names the link itself (not followed), which is no directory.
    expect(vfs.unlink('/ld/')).toBe(-Errno.ENOTDIR);
    expect(vfs.unlink('/a/b/')).toBe(-Errno.EISDIR);
    expect(vfs.rmdir('/ld')).toBe(-Errno.ENOTDIR);
    expect(vfs.unlink('/ld')).toBe(0);
    expect(stat(vfs, '/a/b').type).toBe(FileType.Directory);
  });

  test('link follows the source only when asked', () => {
    expect(vfs.symlink('/a/b/file', '/lf')).toBe(0);
    expect(vfs.link('/lf', '/hard-to-link')).toBe(0);
    expect(stat(vfs, '/hard-to-link', false).type).toBe(FileType.SymbolicLink);
    expect(vfs.link('/lf', '/hard-to-file', true)).toBe(0);
    expect(stat(vfs, '/hard-to-file', false).ino).toBe(stat(vfs, '/a/b/file').ino);
    expect(vfs.link('/a', '/dirlink')).toBe(-Errno.EPERM);
  });
});
