// Ro_fs: boot modules as read-only files, read straight from their dataspaces.
import { describe, expect, test } from 'vitest';
import { Errno } from '../../src/errno.js';
import { Dataspace, DataspaceFlags } from '../../src/l4re/dataspace.js';
import { FileType, Whence } from '../../src/vfs/types.js';
import { RoFs } from '../../src/vfs/rofs.js';
import { R, RW, W, dec, enc, ok, readAll } from './helpers.js';

const rom = (name: string, text: string): Dataspace => new Dataspace(name, enc(text), DataspaceFlags.ReadOnly);

describe('rofs', () => {
  const fs = new RoFs(new Map([
    ['init.wasm', rom('x', 'WASM')],
    ['etc/config/app.conf', rom('y', 'key=value\n')],
    ['etc/hosts', rom('z', '127.0.0.1 localhost\n')],
  ]));

  test('names with / make directories', () => {
    expect(fs.typeOf(['etc'])).toBe(FileType.Directory);
    expect(fs.typeOf(['etc', 'config'])).toBe(FileType.Directory);
    const root = ok(fs.open([], R));
    expect(ok(root.readdir()).map((e) => e.name).sort()).toEqual(['etc', 'init.wasm']);
    const etc = ok(fs.open(['etc'], R));
    expect(ok(etc.readdir()).map((e) => [e.name, e.type]).sort()).toEqual([
      ['config', FileType.Directory], ['hosts', FileType.RegularFile],
    ]);
  });

  test('Ro_file reads, preads and seeks over the dataspace', () => {
    const f = ok(fs.open(['etc', 'config', 'app.conf'], R));
    expect(readAll(f)).toBe('key=value\n');
    expect(f.read(new Uint8Array(4))).toBe(0);
    const buf = new Uint8Array(5);
    expect(f.pread(buf, 4)).toBe(5);
    expect(dec(buf)).toBe('value');
    expect(f.seek(-6, Whence.End)).toBe(4);
    expect(f.available()).toBe(6);
    expect(ok(f.stat()).size).toBe(10n);
    expect(ok(f.stat()).type).toBe(FileType.RegularFile);
    expect(ok(f.stat()).ino).toBe(ok(fs.lstat(['etc', 'config', 'app.conf'])).ino);
  });

  test('read-only: writes and changes are EROFS, lookups ENOENT/ENOTDIR', () => {
    expect(fs.open(['init.wasm'], W)).toBe(-Errno.EROFS);
    expect(fs.open(['init.wasm'], RW)).toBe(-Errno.EROFS);
    expect(fs.open(['init.wasm'], { ...R, truncate: true })).toBe(-Errno.EROFS);
    expect(fs.open(['new'], { ...RW, create: true })).toBe(-Errno.EROFS);
    expect(fs.open(['missing'], R)).toBe(-Errno.ENOENT);
    expect(fs.open(['init.wasm', 'x'], R)).toBe(-Errno.ENOTDIR);
    expect(fs.mkdir(['d'], 0o755)).toBe(-Errno.EROFS);
    expect(fs.mkdir(['etc'], 0o755)).toBe(-Errno.EEXIST);
    expect(fs.unlink(['init.wasm'])).toBe(-Errno.EROFS);
    expect(fs.unlink(['nothing'])).toBe(-Errno.ENOENT);
    expect(fs.rename(['init.wasm'], ['b'])).toBe(-Errno.EROFS);
    expect(fs.symlink('x', ['l'])).toBe(-Errno.EROFS);
    expect(fs.readlink(['init.wasm'])).toBe(-Errno.EINVAL);
    expect(fs.setTimes(['init.wasm'], 'now', 'now')).toBe(-Errno.EROFS);
    const f = ok(fs.open(['init.wasm'], R));
    expect(f.write(enc('x'))).toBe(-Errno.EBADF);
    expect(f.setSize(0)).toBe(-Errno.EROFS);
    expect(fs.readOnly).toBe(true);
  });

  test('dataspaces named by themselves; bad names are configuration errors', () => {
    const byName = new RoFs([rom('a/b', 'ab')]);
    expect(byName.typeOf(['a', 'b'])).toBe(FileType.RegularFile);
    expect(() => new RoFs([rom('../escape', 'x')])).toThrow(/invalid boot module name/);
    expect(() => new RoFs([rom('a', 'x'), rom('a/b', 'y')])).toThrow(/directory/);
  });
});
