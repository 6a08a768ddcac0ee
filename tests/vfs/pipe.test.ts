// Pipes: EOF, EPIPE, EAGAIN, partial and atomic writes, wake-ups, wrap-around.
import { describe, expect, test } from 'vitest';
import { Errno } from '../../src/errno.js';
import { FileType } from '../../src/vfs/types.js';
import { PIPE_BUF, PIPE_CAPACITY, createPipe } from '../../src/vfs/pipe.js';
import { dec, enc, ok } from './helpers.js';

describe('pipe', () => {
  test('data flows, empty with writers is EAGAIN, EOF after the last writer', () => {
    const [r, w] = createPipe();
    expect(r.read(new Uint8Array(4))).toBe(-Errno.EAGAIN);
    expect(r.readable()).toBe(false);
    expect(w.write(enc('abc'))).toBe(3);
    expect(r.readable()).toBe(true);
    expect(r.available()).toBe(3);
    const buf = new Uint8Array(2);
    expect(r.read(buf)).toBe(2);
    expect(dec(buf)).toBe('ab');
    w.close();
    expect(r.read(buf)).toBe(1);
    expect(r.read(buf)).toBe(0);
    expect(r.readable()).toBe(true);
  });

  test('EPIPE without readers; writable() then says a write will not block', () => {
    const [r, w] = createPipe();
    r.close();
    expect(w.write(enc('x'))).toBe(-Errno.EPIPE);
    expect(w.writable()).toBe(true);
    expect(w.write(new Uint8Array(0))).toBe(0);
  });

  test('full pipe: partial writes above PIPE_BUF, all-or-nothing below', () => {
    const [r, w] = createPipe();
    const big = new Uint8Array(PIPE_CAPACITY + 100).fill(1);
    expect(w.write(big)).toBe(PIPE_CAPACITY);
    expect(w.write(enc('x'))).toBe(-Errno.EAGAIN);
    expect(w.writable()).toBe(false);
    // Free 100 bytes: a 200-byte (atomic) write still waits, a large write takes what fits.
    expect(r.read(new Uint8Array(100))).toBe(100);
    expect(w.writable()).toBe(false);
    expect(w.write(new Uint8Array(200))).toBe(-Errno.EAGAIN);
    expect(w.write(new Uint8Array(PIPE_BUF + 1))).toBe(100);
    expect(r.read(new Uint8Array(PIPE_BUF))).toBe(PIPE_BUF);
    expect(w.writable()).toBe(true);
    expect(w.write(new Uint8Array(PIPE_BUF).fill(2))).toBe(PIPE_BUF);
  });

  test('bytes come out in order across the ring\'s wrap-around', () => {
    const [r, w] = createPipe();
    let next = 0, expectNext = 0;
    const chunk = new Uint8Array(3000);
    const out = new Uint8Array(2500);
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < chunk.length; i++) chunk[i] = (next + i) & 0xff;
      const n = w.write(chunk);
      if (n > 0) next += n;
      const m = r.read(out);
      expect(m).toBeGreaterThan(0);
      for (let i = 0; i < m; i++) if (out[i] !== ((expectNext + i) & 0xff)) expect.fail(`byte ${expectNext + i}`);
      expectNext += m;
    }
    expect(expectNext).toBeGreaterThan(PIPE_CAPACITY * 2);
  });

  test('wake-ups: data and writer close wake readers, reads and reader close wake writers', () => {
    const [r, w] = createPipe();
    let readerWakes = 0, writerWakes = 0;
    r.subscribe(() => readerWakes++);
    expect(w.write(enc('a'))).toBe(1);
    expect(readerWakes).toBe(1);
    expect(w.write(enc('b'))).toBe(1);
    expect(readerWakes).toBe(1); // once per subscription
    w.subscribe(() => writerWakes++);
    r.read(new Uint8Array(1));
    expect(writerWakes).toBe(1);
    const cancel = r.subscribe(() => readerWakes++);
    cancel();
    w.write(enc('c'));
    expect(readerWakes).toBe(1);
    r.subscribe(() => readerWakes++);
    w.close();
    expect(readerWakes).toBe(2);
    const [r2, w2] = createPipe();
    w2.subscribe(() => writerWakes++);
    r2.close();
    expect(writerWakes).toBe(2);
  });

  test('ends: wrong direction is EBADF, no seeking, FIFO stat, close is idempotent', () => {
    const [r, w] = createPipe();
    expect(r.write(enc('x'))).toBe(-Errno.EBADF);
    expect(w.read(new Uint8Array(1))).toBe(-Errno.EBADF);
    expect(r.seek(0, 0)).toBe(-Errno.ESPIPE);
    expect(r.pread(new Uint8Array(1), 0)).toBe(-Errno.ESPIPE);
    expect(ok(r.stat()).type).toBe(FileType.Fifo);
    expect(ok(r.stat()).ino).toBe(ok(w.stat()).ino);
    const extra = w.pipe.openWriter();
    w.close();
    w.close();
    expect(r.read(new Uint8Array(1))).toBe(-Errno.EAGAIN); // the second writer is still open
    extra.close();
    expect(r.read(new Uint8Array(1))).toBe(0);
  });
});
