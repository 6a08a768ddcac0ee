// Scheduler: fixed priorities, round robin within a priority, CPU binding, time accounting,
// the timeout queue, quiescence.
import { describe, it, expect } from 'vitest';
import { KErr, ThreadState, Timeout, msgTag } from '../../src/kernel/kernel.js';
import { boot, runningThread, spinFor } from './helpers.js';

describe('scheduler', () => {
  it('round robin inside a priority: each returning thread goes to the tail', async () => {
    const k = await boot();
    const ts = [runningThread(k, 50), runningThread(k, 50), runningThread(k, 50)].map((t) => t.id);
    const order = Array.from({ length: 7 }, () => k.schedule(0));
    expect(order).toEqual([ts[0], ts[1], ts[2], ts[0], ts[1], ts[2], ts[0]]);
    expect(k.current(0)).toBe(ts[0]);
  });

  it('higher priorities run first; lower ones only when those block', async () => {
    const k = await boot();
    const low = runningThread(k, 10);
    const mid = runningThread(k, 100);
    const high = runningThread(k, 200);
    expect(k.schedule(0)).toBe(high.id);
    expect(k.schedule(0)).toBe(high.id);
    expect(k.sleep(high.id, Timeout.Never)).toBe(-KErr.WouldBlock);
    expect(k.schedule(0)).toBe(mid.id);
    expect(k.receive(mid.id)).toBe(-KErr.WouldBlock);
    expect(k.schedule(0)).toBe(low.id);
    // Waking a higher priority thread takes the CPU at the next schedule.
    expect(k.cancel(high.id)).toBe(0);
    expect(k.schedule(0)).toBe(high.id);
    expect(k.setPriority(low.id, 255)).toBe(0);
    expect(k.schedule(0)).toBe(low.id);
    expect(k.setPriority(low.id, 256)).toBe(-KErr.InvalidArg);
  });

  it('yield moves a thread behind its peers', async () => {
    const k = await boot();
    const [a, b] = [runningThread(k, 50), runningThread(k, 50)];
    expect(k.yield(a.id)).toBe(0);
    expect(k.schedule(0)).toBe(b.id);
  });

  it('threads run only on the CPU they are bound to, and can move', async () => {
    const k = await boot(3);
    const a = runningThread(k, 50, 1);
    const b = runningThread(k, 50, 2);
    expect(k.schedule(0)).toBe(0);
    expect(k.schedule(1)).toBe(a.id);
    expect(k.schedule(2)).toBe(b.id);
    expect(k.threadCpu(a.id)).toBe(1);
    expect(k.bindCpu(a.id, 0)).toBe(0);
    expect(k.schedule(1)).toBe(0);
    expect(k.schedule(0)).toBe(a.id);
    expect(k.bindCpu(a.id, 3)).toBe(-KErr.InvalidArg);
    // A blocked thread's timeout moves along.
    expect(k.sleep(b.id, 1_000_000)).toBe(-KErr.WouldBlock);
    expect(k.nextTimeout(2)).toBeGreaterThan(0);
    expect(k.bindCpu(b.id, 1)).toBe(0);
    expect(k.nextTimeout(2)).toBe(-1);
    expect(k.nextTimeout(1)).toBeGreaterThan(0);
  });

  it('a wakeup from another CPU bumps the target CPU wake word', async () => {
    const k = await boot(2);
    const t = runningThread(k, 50, 1);
    expect(k.sleep(t.id, Timeout.Never)).toBe(-KErr.WouldBlock);
    const before = Atomics.load(k.words, k.wakeWordIndex(1));
    expect(k.cancel(t.id)).toBe(0);
    expect(Atomics.load(k.words, k.wakeWordIndex(1))).not.toBe(before);
    expect(k.readyCount(1)).toBe(1);
  });

  it('tells on which CPU the partner of a blocked thread runs', async () => {
    const k = await boot(2);
    const [c, s0] = [runningThread(k, 50, 0), runningThread(k, 50, 0)];
    const s1 = runningThread(k, 50, 1);
    const g0 = k.newGate(s0, 1);
    const g1 = k.newGate(s1, 2);
    expect(k.partnerCpu(c.id)).toBe(-1); // running
    expect(k.call(c.id, g1.cap, msgTag(0))).toBe(-KErr.WouldBlock); // queued at s1
    expect(k.partnerCpu(c.id)).toBe(1);
    expect(k.receive(s1.id)).toBe(0);
    expect(k.partnerCpu(c.id)).toBe(1); // now waiting for s1's reply
    expect(k.reply(s1.id, msgTag(0))).toBe(0);
    expect(k.receive(s0.id)).toBe(-KErr.WouldBlock);
    expect(k.call(c.id, g0.cap, msgTag(0))).toBe(s0.id);
    expect(k.partnerCpu(c.id)).toBe(0);
    expect(k.sleep(s1.id, Timeout.Never)).toBe(-KErr.WouldBlock);
    expect(k.partnerCpu(s1.id)).toBe(-1);
  });

  it('the timeout queue wakes sleepers in deadline order', async () => {
    const k = await boot();
    const [a, b, c] = [runningThread(k), runningThread(k), runningThread(k)];
    // Before the sleeps: a deadline counts from its sleep call, which a loaded host may delay.
    const start = k.nowUs();
    // Deadlines 10 ms apart: a host stall between two sleep calls (seen at 2 ms under CI's load)
    // must not reorder them.
    expect(k.sleep(a.id, 30_000)).toBe(-KErr.WouldBlock);
    expect(k.sleep(b.id, 10_000)).toBe(-KErr.WouldBlock);
    expect(k.sleep(c.id, 20_000)).toBe(-KErr.WouldBlock);
    const woken: number[] = [];
    while (woken.length < 3 && k.nowUs() - start < 1_000_000) {
      const t = k.schedule(0);
      if (t !== 0) {
        woken.push(t);
        expect(k.result(t)).toBe(-KErr.Timeout);
        expect(k.kill(t)).toBe(0);
        // The wake-up is not early.
        expect(k.nowUs() - start).toBeGreaterThanOrEqual(10_000 * woken.length - 50);
        continue;
      }
      const next = k.nextTimeout(0);
      expect(next).toBeGreaterThan(0);
      spinFor(k, Math.max(0, next - k.nowUs()) + 10);
    }
    expect(woken).toEqual([b.id, c.id, a.id]);
    expect(k.nextTimeout(0)).toBe(-1);
  });

  it('accounts time slices and CPU time on the kernel clock', async () => {
    const k = await boot();
    const t = runningThread(k);
    expect(k.setQuantum(t.id, 50_000)).toBe(0);
    expect(k.setQuantum(t.id, 0)).toBe(-KErr.InvalidArg);
    expect(k.schedule(0)).toBe(t.id);
    spinFor(k, 600);
    expect(k.cpuTimeUs(t.id)).toBeGreaterThanOrEqual(600);
    expect(k.sliceLeftUs(t.id)).toBeLessThanOrEqual(50_000 - 600);
    expect(k.shouldYield(0)).toBe(false);
    expect(k.schedule(0)).toBe(t.id); // still the only one; charged for what it used
    expect(k.cpuTimeUs(t.id)).toBeGreaterThanOrEqual(600);
    expect(k.setQuantum(t.id, 5000)).toBe(0);
    spinFor(k, 5100);
    expect(k.sliceLeftUs(t.id)).toBeLessThanOrEqual(0);
    expect(k.shouldYield(0)).toBe(true); // slice used up
    expect(k.schedule(0)).toBe(t.id);
    expect(k.sliceLeftUs(t.id)).toBeGreaterThan(0); // refilled
    expect(k.cpuTimeUs(t.id)).toBeGreaterThanOrEqual(5700);
    // A ready thread of higher priority asks for the CPU, one of equal or lower does not.
    runningThread(k, 100);
    runningThread(k, 20);
    expect(k.shouldYield(0)).toBe(false);
    const high = runningThread(k, 101);
    expect(k.shouldYield(0)).toBe(true);
    expect(k.schedule(0)).toBe(high.id);
    expect(k.shouldYield(0)).toBe(false);
  });

  it('quiescent: no ready thread, no timeout, no busy CPU', async () => {
    const k = await boot();
    const t = runningThread(k);
    expect(k.quiescent()).toBe(false);
    expect(k.schedule(0)).toBe(t.id);
    expect(k.receive(t.id)).toBe(-KErr.WouldBlock);
    expect(k.quiescent()).toBe(false); // CPU 0 still counts as running t
    expect(k.schedule(0)).toBe(0);
    expect(k.quiescent()).toBe(true);
    expect(k.sleep(k.newThread().id, 10)).toBe(-KErr.InvalidArg); // not started
    const u = runningThread(k);
    expect(k.schedule(0)).toBe(u.id);
    expect(k.sleep(u.id, 100000)).toBe(-KErr.WouldBlock);
    expect(k.schedule(0)).toBe(0);
    expect(k.quiescent()).toBe(false); // a timeout is pending
    expect(k.threadState(u.id)).toBe(ThreadState.BlockedOnReceive);
  });
});
