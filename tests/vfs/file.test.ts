// The base classes: defaults of BaseFile, PositionedFile's offset/append logic, DirectoryFile.
import { describe, expect, test } from 'vitest';
import { Errno } from '../../src/errno.js';
import { FileType, Whence, type DirEntry } from '../../src/vfs/types.js';
import { BaseFile, DirectoryFile, PositionedFile } from '../../src/vfs/file.js';
import { dec, enc } from './helpers.js';

class Stream extends BaseFile { readonly type = FileType.CharacterDevice; }

/** A growable in-memory file built only from pread/pwrite/size/setSize. */
class MemFile extends PositionedFile {
  data: Uint8Array = new Uint8Array(0);
  override pread(buf: Uint8Array, pos: number): number {
    const n = Math.max(0, Math.min(buf.length, this.data.length - pos));
    buf.set(this.data.subarray(pos, pos + n));
    return n;
  }
  override pwrite(buf: Uint8Array, pos: number): number {
    if (pos + buf.length > this.data.length) this.setSize(pos + buf.length);
    this.data.set(buf, pos);
    return buf.length;
  }
  size(): number { return this.data.length; }
  override setSize(n: number): number {
    const d = new Uint8Array(n);
    d.set(this.data.subarray(0, n));
    this.data = d;
    return 0;
  }
}

describe('BaseFile defaults', () => {
  test('an object that supports nothing answers POSIX errors', () => {
    const f = new Stream();
    expect(f.read(new Uint8Array(1))).toBe(-Errno.EINVAL);
    expect(f.write(new Uint8Array(1))).toBe(-Errno.EINVAL);
    expect(f.pread(new Uint8Array(1), 0)).toBe(-Errno.ESPIPE);
    expect(f.seek(0, Whence.Set)).toBe(-Errno.ESPIPE);
    expect(f.readdir()).toBe(-Errno.ENOTDIR);
    expect(f.setSize(0)).toBe(-Errno.EINVAL);
    expect(f.setTimes('now', 'now')).toBe(-Errno.EROFS);
    expect(f.readable() && f.writable()).toBe(true);
    expect(f.isTerminal).toBe(false);
    expect(typeof f.subscribe(() => {})).toBe('function');
  });
});

describe('PositionedFile', () => {
  test('read/write/seek from pread/pwrite; the offset is per description', () => {
    const f = new MemFile();
    expect(f.write(enc('abcdef'))).toBe(6);
    expect(f.seek(2, Whence.Set)).toBe(2);
    const buf = new Uint8Array(3);
    expect(f.read(buf)).toBe(3);
    expect(dec(buf)).toBe('cde');
    expect(f.seek(-1, Whence.Cur)).toBe(4);
    expect(f.seek(10, Whence.End)).toBe(16);
    expect(f.write(enc('z'))).toBe(1);
    expect(f.size()).toBe(17);
    expect(f.seek(-20, Whence.End)).toBe(-Errno.EINVAL);
    expect(f.seek(0, 7 as Whence)).toBe(-Errno.EINVAL);
    expect(f.available()).toBe(0);
  });

  test('append mode writes at the end', () => {
    const f = new (class extends MemFile { constructor() { super(true); } })();
    f.data = enc('start');
    expect(f.seek(0, Whence.Set)).toBe(0);
    expect(f.write(enc('+end'))).toBe(4);
    expect(dec(f.data)).toBe('start+end');
    expect(f.seek(0, Whence.Cur)).toBe(9);
  });
});

describe('DirectoryFile', () => {
  test('reads are EISDIR, only rewinding seeks', () => {
    const d = new (class extends DirectoryFile {
      override readdir(): DirEntry[] { return [{ name: 'x', type: FileType.RegularFile, ino: 2n }]; }
    })();
    expect(d.read(new Uint8Array(1))).toBe(-Errno.EISDIR);
    expect(d.write(new Uint8Array(1))).toBe(-Errno.EISDIR);
    expect(d.setSize(0)).toBe(-Errno.EISDIR);
    expect(d.seek(0, Whence.Set)).toBe(0);
    expect(d.seek(5, Whence.Set)).toBe(-Errno.EINVAL);
    expect(d.readdir()).toHaveLength(1);
  });
});
