// timerfd and signalfd objects on a clock and signals the test controls: exact expiration
// counts, the time left, when a waiter must look again; signal records, their order and set.
import { describe, expect, test } from 'vitest';
import { Errno } from '../../src/errno.js';
import { TimerFd } from '../../src/vfs/timerfd.js';
import { SignalFd, type SignalRecord } from '../../src/vfs/signalfd.js';

/** One read of a timer: its count, or the -errno. */
function count(t: TimerFd): bigint | number {
  const b = new Uint8Array(8);
  const r = t.read(b);
  return r < 0 ? r : new DataView(b.buffer).getBigUint64(0, true);
}

describe('timerfd', () => {
  test('a periodic timer counts every period that passed, and says when the next falls due', () => {
    let now = 1000n;
    const t = new TimerFd(() => now, 1);
    expect(t.readable()).toBe(false);
    expect(t.readyAtNs()).toBeUndefined();
    expect(t.set({ valueNs: 10n, intervalNs: 10n })).toEqual({ valueNs: 0n, intervalNs: 0n });
    expect(t.readyAtNs()).toBe(1010n);
    now = 1009n;
    expect(count(t)).toBe(-Errno.EAGAIN);
    now = 1035n;
    expect(t.readable()).toBe(true);
    expect(t.get()).toEqual({ valueNs: 5n, intervalNs: 10n });
    expect(count(t)).toBe(3n);
    expect(count(t)).toBe(-Errno.EAGAIN);
    expect(t.readyAtNs()).toBe(1040n);
  });

  test('a one-shot timer expires once and is disarmed; setting it again clears the count', () => {
    let now = 0n;
    const t = new TimerFd(() => now, 1);
    t.set({ valueNs: 5n, intervalNs: 0n });
    now = 100n;
    expect(t.get()).toEqual({ valueNs: 0n, intervalNs: 0n });
    expect(t.readyAtNs()).toBeUndefined();
    t.set({ valueNs: 5n, intervalNs: 0n });
    expect(count(t)).toBe(-Errno.EAGAIN);
    now = 105n;
    expect(count(t)).toBe(1n);
  });

  test('setting returns the old setting; 0 disarms; short reads are EINVAL; writes EINVAL; never writable', () => {
    let now = 0n;
    const t = new TimerFd(() => now, 0);
    t.set({ valueNs: 50n, intervalNs: 7n });
    now = 20n;
    expect(t.set({ valueNs: 0n, intervalNs: 3n })).toEqual({ valueNs: 30n, intervalNs: 7n });
    expect(t.get()).toEqual({ valueNs: 0n, intervalNs: 0n });
    expect(t.read(new Uint8Array(4))).toBe(-Errno.EINVAL);
    expect(t.write(new Uint8Array(8))).toBe(-Errno.EINVAL);
    expect(t.writable()).toBe(false);
  });

  test('setting the timer and finding an expiration wake its waiters', () => {
    let now = 0n;
    const t = new TimerFd(() => now, 1);
    let woken = 0;
    t.subscribe(() => { woken++; });
    t.set({ valueNs: 10n, intervalNs: 10n });
    expect(woken).toBe(1);
    t.subscribe(() => { woken++; });
    now = 5n;
    expect(t.readable()).toBe(false);
    expect(woken).toBe(1);
    now = 10n;
    expect(t.readable()).toBe(true);
    expect(woken).toBe(2);
  });
});

describe('signalfd', () => {
  /** Pending signals as a process keeps them: a set of numbers with their records. */
  function pending(sigs: number[]) {
    const bit = (s: number) => 1 << ((s - 1) & 31);
    const inSet = (s: number, lo: number, hi: number) => ((s <= 32 ? lo : hi) & bit(s)) !== 0;
    return {
      take(lo: number, hi: number): SignalRecord | undefined {
        const s = sigs.filter((x) => inSet(x, lo, hi)).sort((a, b) => a - b)[0];
        if (s === undefined) return undefined;
        sigs.splice(sigs.indexOf(s), 1);
        return { sig: s, code: -1, pid: 7, uid: 1000, addr: 0, value: 42 };
      },
      get pendingLo() { return sigs.reduce((m, x) => (x <= 32 ? m | bit(x) : m), 0); },
      get pendingHi() { return sigs.reduce((m, x) => (x > 32 ? m | bit(x) : m), 0); },
    };
  }

  test('reads take the pending signals of the set, lowest first, as many as fit; then EAGAIN', () => {
    const sigs = [12, 10, 2];
    const f = new SignalFd(pending(sigs), { lo: (1 << 9) | (1 << 11), hi: 0 });
    expect(f.readable()).toBe(true);
    const buf = new Uint8Array(300);
    expect(f.read(buf)).toBe(256);
    const v = new DataView(buf.buffer);
    expect([v.getUint32(0, true), v.getUint32(128, true)]).toEqual([10, 12]);
    expect([v.getInt32(8, true), v.getUint32(12, true), v.getUint32(16, true), v.getInt32(44, true)]).toEqual([-1, 7, 1000, 42]);
    expect(f.read(buf)).toBe(-Errno.EAGAIN);
    expect(f.readable()).toBe(false);
    expect(sigs).toEqual([2]);
    expect(f.read(new Uint8Array(127))).toBe(-Errno.EINVAL);
  });

  test('a signal that arrives wakes the subscribers; one still pending does not', () => {
    const sigs: number[] = [];
    const f = new SignalFd(pending(sigs), { lo: 1 << 9, hi: 0 });
    let woken = 0;
    const watch = () => f.subscribe(() => { woken++; });
    watch();
    expect(f.readable()).toBe(false);
    sigs.push(10);
    expect(f.readable()).toBe(true);
    expect(woken).toBe(1);
    watch();
    expect(f.readable()).toBe(true);
    expect(woken).toBe(1);
    expect(f.read(new Uint8Array(128))).toBe(128);
    sigs.push(10);
    expect(f.readable()).toBe(true);
    expect(woken).toBe(2);
  });

  test("a forked process's copy reads its own signals, shares the set and keeps the inode", () => {
    const f = new SignalFd(pending([10]), { lo: 1 << 9, hi: 0 });
    const child = f.forProcess(pending([]));
    expect(child.ino).toBe(f.ino);
    expect(child.readable()).toBe(false);
    f.set.lo = 0;
    expect(child.set.lo).toBe(0);
    expect(f.readable()).toBe(false);
  });
});
