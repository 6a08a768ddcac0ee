// The write-behind ring (guest/write_behind_ring.ts) on its own: records of any size, across the
// ring's end, come out in order, contiguous ones as one host write; a failed write is reported
// once, by its descriptor; a read of a file with writes queued waits for them, a read of another
// file does not, unless another program has writes queued.
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { CONTROL_BYTES, Ctl, RING_BYTES, RING_CAPACITY, RingReader, RingWriter, waitWritten } from '../../src/guest/write_behind_ring.js';
import { Errno } from '../../src/errno.js';

function setup() {
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const ctl = new Int32Array(control);
  Atomics.store(ctl, Ctl.Ready, 1);
  return { control, ctl };
}

/** A file in memory that records each host write. */
function memoryFile() {
  const data = new Uint8Array(4 << 20);
  const writes: { fd: number; at: number; n: number; buffers: number }[] = [];
  const writev = (fd: number, buffers: Uint8Array[], at: number) => {
    let n = 0;
    for (const b of buffers) { data.set(b, at + n); n += b.length; }
    writes.push({ fd, at, n, buffers: buffers.length });
    return n;
  };
  return { data, writes, writev };
}

describe('the write-behind ring', () => {
  it('keeps order across its end and writes contiguous records as one', () => {
    const { ctl } = setup();
    const ring = new SharedArrayBuffer(RING_BYTES);
    const w = new RingWriter(ctl, ring), r = new RingReader(ctl, ring);
    const f = memoryFile();
    const src = new Uint8Array(70_000);
    const want = new Uint8Array(f.data.length);
    let at = 0, records = 0;
    // Six batches of ~600 KiB: the ring (1 MiB) wraps several times.
    for (let batch = 0; batch < 6; batch++) {
      let queued = 0;
      while (queued < 600_000) {
        const len = 1 + ((records * 7919) % 65_000);
        for (let k = 0; k < len; k++) src[k] = (records + k) & 0xff;
        // Every tenth record goes elsewhere: the run breaks there.
        const offset = records % 10 === 9 ? 3_000_000 : at;
        if (!w.queue(7, 3, 1, src, 0, len, offset)) throw new Error(`record ${records} not queued`);
        want.set(src.subarray(0, len), offset);
        if (offset === at) at = (at + len) % 2_000_000;
        queued += len;
        records++;
      }
      expect(Atomics.load(ctl, Ctl.Pending)).toBeGreaterThan(0);
      r.drain(f.writev, () => Errno.EIO);
      expect(Atomics.load(ctl, Ctl.Pending)).toBe(0);
    }
    expect(Buffer.compare(f.data, want)).toBe(0);
    expect(f.writes.length).toBeLessThan(records / 2);
    expect(f.writes.reduce((n, x) => n + x.buffers, 0)).toBe(records);
    expect(RING_CAPACITY).toBe(1 << 20);
  });

  it('reports a failed write once, on the descriptor it was for', () => {
    const { ctl } = setup();
    const ring = new SharedArrayBuffer(RING_BYTES);
    const w = new RingWriter(ctl, ring), r = new RingReader(ctl, ring);
    const src = new Uint8Array(16);
    w.queue(7, 5, 1, src, 0, 16, 0);
    w.queue(8, 6, 2, src, 0, 16, 0);
    r.drain((fd, buffers) => {
      if (fd === 7) throw Object.assign(new Error('full'), { code: 'ENOSPC' });
      return buffers.reduce((n, b) => n + b.length, 0);
    }, (e) => ((e as { code?: string }).code === 'ENOSPC' ? Errno.ENOSPC : Errno.EIO));
    expect(w.takeError(6)).toBe(0);
    expect(w.takeError(5)).toBe(Errno.ENOSPC);
    expect(w.takeError(5)).toBe(0);
  });

  it('a short host write goes on where it stopped', () => {
    const { ctl } = setup();
    const ring = new SharedArrayBuffer(RING_BYTES);
    const w = new RingWriter(ctl, ring), r = new RingReader(ctl, ring);
    const src = new Uint8Array(10_000).map((_, i) => i & 0xff);
    w.queue(7, 3, 1, src, 0, 10_000, 100);
    const out = new Uint8Array(20_000);
    r.drain((_fd, buffers, at) => {
      const n = Math.min(777, buffers.reduce((s, b) => s + b.length, 0));
      let done = 0;
      for (const b of buffers) { const k = Math.min(b.length, n - done); out.set(b.subarray(0, k), at + done); done += k; if (done === n) break; }
      return n;
    }, () => Errno.EIO);
    expect(Buffer.compare(out.subarray(100, 10_100), src)).toBe(0);
    expect(w.takeError(3)).toBe(0);
  });

  it('a read waits for writes to its own file and for other programs\' writes, not for its writes to other files', async () => {
    const { control, ctl } = setup();
    const ringA = new SharedArrayBuffer(RING_BYTES), ringB = new SharedArrayBuffer(RING_BYTES);
    const a = new RingWriter(ctl, ringA), b = new RingWriter(ctl, ringB);
    const src = new Uint8Array(64);
    a.queue(7, 3, 111, src, 0, 64, 0);
    // Its write is to inode 111: a read of inode 222 by the same program goes on at once.
    a.beforeRead(222);
    expect(Atomics.load(ctl, Ctl.Pending)).toBe(1);
    // A thread drains after 50 ms; a read of 111, and program B's read of anything, wait for it.
    const ring = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'guest', 'write_behind_ring.js')).href;
    const drainer = new Worker(`
      const { workerData } = require('node:worker_threads');
      import(${JSON.stringify(ring)}).then(({ RingReader }) => {
        const ctl = new Int32Array(workerData.control);
        Atomics.wait(ctl, 15, 0, 50);
        new RingReader(ctl, workerData.ring).drain((fd, bs) => bs.reduce((n, x) => n + x.length, 0), () => 5);
        Atomics.add(ctl, 3, 2);
        Atomics.notify(ctl, 3);
      });`, { eval: true, workerData: { control, ring: ringA } });
    const t0 = performance.now();
    b.beforeRead(333);
    expect(Atomics.load(ctl, Ctl.Pending)).toBe(0);
    expect(performance.now() - t0).toBeGreaterThan(20);
    await drainer.terminate();
    a.beforeRead(111);
    waitWritten(ctl);
  });
});
