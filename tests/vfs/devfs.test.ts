// devfs: null, zero, random, tty, the stdio names, and devStdioIndex.
import { describe, expect, test } from 'vitest';
import { Errno } from '../../src/errno.js';
import { FileType } from '../../src/vfs/types.js';
import { DevFs, devStdioIndex } from '../../src/vfs/devfs.js';
import { ConsoleInput, ConsoleOutput } from '../../src/vfs/console.js';
import { createDefaultTree } from '../../src/vfs/index.js';
import { R, RW, dec, enc, names, ok, open, stat } from './helpers.js';

describe('devfs', () => {
  test('/dev/null and /dev/zero', () => {
    const fs = new DevFs();
    const nul = ok(fs.open(['null'], RW));
    expect(nul.read(new Uint8Array(8))).toBe(0);
    expect(nul.write(enc('gone'))).toBe(4);
    expect(nul.seek(100, 0)).toBe(0);
    const zero = ok(fs.open(['zero'], R));
    const buf = new Uint8Array(16).fill(7);
    expect(zero.read(buf)).toBe(16);
    expect(buf.every((b) => b === 0)).toBe(true);
    expect(ok(zero.stat()).type).toBe(FileType.CharacterDevice);
  });

  test('/dev/urandom and /dev/random fill the buffer, also in shared memory', () => {
    const fs = new DevFs();
    for (const name of ['urandom', 'random']) {
      const f = ok(fs.open([name], R));
      const buf = new Uint8Array(new SharedArrayBuffer(256));
      expect(f.read(buf)).toBe(256);
      expect(buf.some((b) => b !== 0)).toBe(true);
    }
  });

  test('/dev/tty reads the console input and writes its output', () => {
    const out: string[] = [];
    const input = new ConsoleInput();
    const output = new ConsoleOutput((b) => out.push(dec(b)));
    const fs = new DevFs({ console: { input, output } });
    const tty = ok(fs.open(['tty'], RW));
    expect(tty.isTerminal).toBe(true);
    expect(tty.read(new Uint8Array(4))).toBe(-Errno.EAGAIN);
    input.push(enc('hi'));
    const buf = new Uint8Array(4);
    expect(tty.read(buf)).toBe(2);
    expect(dec(buf.subarray(0, 2))).toBe('hi');
    expect(tty.write(enc('out'))).toBe(3);
    expect(out).toEqual(['out']);
    expect(new DevFs().open(['tty'], RW)).toBe(-Errno.ENOENT);
  });

  test('listing, stdio names, no new nodes', () => {
    const t = createDefaultTree();
    expect(names(t, '/dev')).toEqual(['full', 'null', 'random', 'shm', 'stderr', 'stdin', 'stdout', 'urandom', 'zero']);
    expect(stat(t, '/dev/stdout').type).toBe(FileType.CharacterDevice);
    expect(t.open('/dev/stdout', RW)).toBe(-Errno.ENXIO);
    expect(t.open('/dev/new', { ...RW, create: true })).toBe(-Errno.EROFS);
    expect(t.open('/dev/null/x', R)).toBe(-Errno.ENOTDIR);
    expect(t.mkdir('/dev/d')).toBe(-Errno.EROFS);
    expect(t.unlink('/dev/null')).toBe(-Errno.EROFS);
    expect(t.setTimes('/dev/null', true, 'now', 'now')).toBe(0);
    expect(open(t, '/dev/zero', { ...RW, create: true }).type).toBe(FileType.CharacterDevice);
  });

  test('devStdioIndex', () => {
    expect(devStdioIndex('/dev/stdin')).toBe(0);
    expect(devStdioIndex('/dev/stdout')).toBe(1);
    expect(devStdioIndex('/dev/stderr')).toBe(2);
    expect(devStdioIndex('/dev/fd/0')).toBe(0);
    expect(devStdioIndex('/dev/fd/17')).toBe(17);
    for (const p of ['/dev/fd/', '/dev/fd/01', '/dev/fd/1x', '/dev/fd/-1', '/dev/fd/1234567890', '/dev/null', '/dev/stdin/', 'dev/stdin']) {
      expect(devStdioIndex(p), p).toBeUndefined();
    }
  });
});
