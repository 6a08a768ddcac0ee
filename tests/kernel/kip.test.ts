// The KIP clock: monotonic, in µs, the same time base as the kernel's timeouts and on every CPU.
import { describe, it, expect } from 'vitest';
import { Worker } from 'node:worker_threads';
import { Kernel, KErr } from '../../src/kernel/kernel.js';
import { boot, runningThread, spinFor } from './helpers.js';

describe('KIP clock', () => {
  it('starts near 0 at boot and advances monotonically in µs', async () => {
    const k = await boot();
    const t0 = k.nowUs();
    expect(t0).toBeGreaterThanOrEqual(0);
    expect(t0).toBeLessThan(1_000_000);
    let last = t0;
    for (let i = 0; i < 10000; i++) {
      const now = k.nowUs();
      expect(now).toBeGreaterThanOrEqual(last);
      last = now;
    }
    // It runs at the rate of performance.now(), in µs: (now in ms) - performance.now() stays put.
    const offset = () => {
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const p0 = performance.now();
        const us = k.nowUs();
        const p1 = performance.now();
        best = Math.min(best, Math.abs(us / 1000 - p0) + (p1 - p0));
      }
      return best;
    };
    const before = offset();
    spinFor(k, 2000);
    expect(Math.abs(offset() - before)).toBeLessThan(0.05);
  });

  it('the coarse clock follows the kernel clock at kernel entries', async () => {
    const k = await boot();
    spinFor(k, 100);
    k.schedule(0);
    const coarse = k.coarseNowUs();
    expect(coarse).toBeGreaterThanOrEqual(100);
    expect(coarse).toBeLessThanOrEqual(k.nowUs());
  });

  it('is the clock the kernel computes deadlines with', async () => {
    const k = await boot();
    const t = runningThread(k);
    const before = k.nowUs();
    expect(k.sleep(t.id, 5000)).toBe(-KErr.WouldBlock);
    const after = k.nowUs();
    const deadline = k.nextTimeout(0);
    expect(deadline).toBeGreaterThanOrEqual(before + 5000 - 1);
    expect(deadline).toBeLessThanOrEqual(after + 5000 + 1);
  });

  it('reads the same on another CPU (worker thread) without entering the kernel', async () => {
    const k = await boot();
    // The worker reads the KIP base from the shared memory and computes now itself.
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const f64 = new Float64Array(workerData.memory.buffer);
      const base = f64[(${0x1000} + 16) / 8];
      performance.now();
      let offset = 0, best = Infinity;
      for (let i = 0; i < 5; i++) {
        const p1 = performance.now();
        const h = Number(process.hrtime.bigint() / 1000n) / 1000;
        const p2 = performance.now();
        if (p2 - p1 < best) { best = p2 - p1; offset = h - (p1 + p2) / 2 - base; }
      }
      parentPort.on('message', () => parentPort.postMessage((performance.now() + offset) * 1000));
    `;
    const w = new Worker(code, { eval: true, workerData: { memory: k.memory } });
    try {
      for (let i = 0; i < 5; i++) {
        const before = k.nowUs();
        const theirs = await new Promise<number>((resolve) => { w.once('message', resolve); w.postMessage(0); });
        const after = k.nowUs();
        expect(theirs).toBeGreaterThanOrEqual(before - 100);
        expect(theirs).toBeLessThanOrEqual(after + 100);
      }
    } finally {
      await w.terminate();
    }
    expect(Kernel.attach(k.memory, k.module, 1).nowUs()).toBeGreaterThanOrEqual(k.nowUs() - 100);
  });
});
