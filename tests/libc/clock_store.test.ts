// The clock's value is stored as two u32 halves computed in doubles (no BigInt on the hot path):
// exact for every value the clocks can take, also where the low half carries into the high one.
import { describe, expect, it } from 'vitest';
import { KipTime, RealtimeOffset, storeSecNs, storeU53 } from '../../src/libc/time.js';

const view = new DataView(new ArrayBuffer(16));
const read = () => view.getBigUint64(0, true);

describe('clock values stored without BigInt', () => {
  it('sec·1e9 + ns is exact across the range of real time', () => {
    const secs = [0, 1, 4, 5, 1_700_000_000, 1_765_000_000, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1];
    for (let i = 0; i < 2000; i++) secs.push(Math.floor(Math.random() * 2 ** 32));
    for (const sec of secs) {
      for (const ns of [0, 1, 294_967_295, 294_967_296, 999_999_999, Math.floor(Math.random() * 1e9)]) {
        storeSecNs(view, 0, sec, ns);
        expect(read()).toBe(BigInt(sec) * 1_000_000_000n + BigInt(ns));
      }
    }
  });

  it('an integer below 2^53 is exact', () => {
    for (const n of [0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, 123_456_789_012_345]) {
      storeU53(view, 0, n);
      expect(read()).toBe(BigInt(n));
    }
  });

  it('real time is the monotonic clock plus the offset clock_settime moves, to the ns', () => {
    let us = 5_000_123.456;
    const source = { nowUs: () => us };
    const offset = new RealtimeOffset(source);
    const clock = new KipTime(source, offset, () => 0n);
    clock.setRealtimeNs(1_765_000_000_999_999_999n);
    us += 1.5; // 1500 ns later
    expect(clock.store(0, view, 0)).toBe(true);
    expect(read()).toBe(1_765_000_001_000_001_499n);
    expect(read()).toBe(clock.realtimeNs());
    expect(clock.store(1, view, 0)).toBe(true);
    expect(read()).toBe(clock.monotonicNs());
    expect(clock.store(9, view, 0)).toBe(false);
    // Set before the epoch: reads as the epoch, not as a huge unsigned value.
    clock.setRealtimeNs(0n);
    expect(clock.store(0, view, 0)).toBe(true);
    expect(read()).toBe(0n);
  });
});
