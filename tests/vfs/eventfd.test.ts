// eventfd objects: the counter, semaphore mode, EAGAIN at 0 and at overflow, EINVAL, wake-ups,
// and the epoll-instance variant that is never ready.
import { describe, expect, test } from 'vitest';
import { Errno } from '../../src/errno.js';
import { EventFd } from '../../src/vfs/eventfd.js';

const u64 = (v: bigint): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, v, true);
  return b;
};

/** One read: the value, or the -errno. */
function take(e: EventFd): bigint | number {
  const b = new Uint8Array(8);
  const r = e.read(b);
  return r < 0 ? r : new DataView(b.buffer).getBigUint64(0, true);
}

describe('eventfd', () => {
  test('read takes the whole counter; a zero counter is EAGAIN and not readable', () => {
    const e = new EventFd(3, false);
    expect(e.readable()).toBe(true);
    expect(take(e)).toBe(3n);
    expect(take(e)).toBe(-Errno.EAGAIN);
    expect(e.readable()).toBe(false);
    expect(e.write(u64(5n))).toBe(8);
    expect(e.write(u64(7n))).toBe(8);
    expect(take(e)).toBe(12n);
  });

  test('semaphore mode takes 1 at a time', () => {
    const e = new EventFd(2, true);
    expect(take(e)).toBe(1n);
    expect(take(e)).toBe(1n);
    expect(take(e)).toBe(-Errno.EAGAIN);
  });

  test('2^64-1 is EINVAL, a write past 2^64-2 is EAGAIN until a read, short buffers are EINVAL', () => {
    const e = new EventFd(0, false);
    expect(e.write(u64(0xffffffffffffffffn))).toBe(-Errno.EINVAL);
    expect(e.write(u64(0xfffffffffffffffen))).toBe(8);
    expect(e.writable()).toBe(false);
    expect(e.write(u64(1n))).toBe(-Errno.EAGAIN);
    expect(e.write(u64(0n))).toBe(8);
    expect(take(e)).toBe(0xfffffffffffffffen);
    expect(e.writable()).toBe(true);
    expect(e.read(new Uint8Array(4))).toBe(-Errno.EINVAL);
    expect(e.write(new Uint8Array(4))).toBe(-Errno.EINVAL);
  });

  test('a write wakes a waiting reader, a read a waiting writer', () => {
    const e = new EventFd(0, false);
    let woken = 0;
    e.subscribe(() => { woken++; });
    e.write(u64(1n));
    expect(woken).toBe(1);
    e.subscribe(() => { woken++; });
    take(e);
    expect(woken).toBe(2);
  });

  test('an epoll instance is never ready and cannot be read or written', () => {
    const e = new EventFd(0, false, true);
    expect(e.readable()).toBe(false);
    expect(e.writable()).toBe(false);
    expect(take(e)).toBe(-Errno.EINVAL);
    expect(e.write(u64(1n))).toBe(-Errno.EINVAL);
  });

  test('each object has an inode of its own', () => {
    const a = new EventFd(0, false), b = new EventFd(0, false);
    const sa = a.stat(), sb = b.stat();
    expect(sa.dev).toBe(sb.dev);
    expect(sa.ino).not.toBe(sb.ino);
    expect(sa.mode).toBe(0o600);
  });
});
