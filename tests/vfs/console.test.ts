// Console files: input fed by the host (EAGAIN until data, 0 at end), output to a sink.
import { describe, expect, test } from 'vitest';
import { Errno } from '../../src/errno.js';
import { ConsoleInput, ConsoleOutput } from '../../src/vfs/console.js';
import { dec, enc } from './helpers.js';

describe('console input', () => {
  test('EAGAIN while empty, data in order across chunks, 0 after end', () => {
    const input = new ConsoleInput();
    const buf = new Uint8Array(4);
    expect(input.read(buf)).toBe(-Errno.EAGAIN);
    expect(input.readable()).toBe(false);
    input.push(enc('ab'));
    input.push(enc('cdef'));
    expect(input.available()).toBe(6);
    expect(input.read(buf)).toBe(4);
    expect(dec(buf)).toBe('abcd');
    input.end();
    expect(input.readable()).toBe(true);
    expect(input.read(buf)).toBe(2);
    expect(dec(buf.subarray(0, 2))).toBe('ef');
    expect(input.read(buf)).toBe(0);
    input.push(enc('late'));
    expect(input.read(buf)).toBe(0);
  });

  test('pushed bytes are copied, readers are woken once per subscription', () => {
    const input = new ConsoleInput();
    let wakes = 0;
    const cancel = input.subscribe(() => wakes++);
    const src = enc('xy');
    input.push(src);
    src[0] = 0;
    expect(wakes).toBe(1);
    input.push(enc('z'));
    expect(wakes).toBe(1);
    cancel();
    input.subscribe(() => wakes++);
    input.end();
    expect(wakes).toBe(2);
    const buf = new Uint8Array(3);
    expect(input.read(buf)).toBe(3);
    expect(dec(buf)).toBe('xyz');
  });

  test('isTerminal is configurable; input is not writable', () => {
    expect(new ConsoleInput().isTerminal).toBe(true);
    expect(new ConsoleInput({ isTerminal: false }).isTerminal).toBe(false);
    expect(new ConsoleInput().write(enc('x'))).toBe(-Errno.EBADF);
  });
});

describe('console output', () => {
  test('writes reach the sink as copies', () => {
    const got: Uint8Array[] = [];
    const out = new ConsoleOutput((b) => got.push(b), { isTerminal: false });
    const buf = enc('hello');
    expect(out.write(buf)).toBe(5);
    buf[0] = 0;
    expect(dec(got[0]!)).toBe('hello');
    expect(out.write(new Uint8Array(0))).toBe(0);
    expect(got).toHaveLength(1);
    expect(out.isTerminal).toBe(false);
    expect(out.writable()).toBe(true);
    expect(out.seek(0, 0)).toBe(-Errno.ESPIPE);
  });
});
