// Region maps: attach (fixed, search), overlap and range errors, lookup, detach of sub-ranges
// with splits, and dataspace reference counts that reach zero exactly once.
import { describe, it, expect } from 'vitest';
import { KErr, RmFlags } from '../../src/kernel/kernel.js';
import { Dataspace, DataspaceFlags } from '../../src/l4re/dataspace.js';
import { boot } from './helpers.js';

const KiB = 1024;

describe('region map', () => {
  it('attaches at a fixed address and looks regions up', async () => {
    const k = await boot();
    const t = k.newTask();
    const ds = new Dataspace('anon', new Uint8Array(64 * KiB), DataspaceFlags.Anonymous);
    expect(k.attach(t.id, { addr: 0x10000, size: 64 * KiB, ds: ds.id, offset: 0, readOnly: true })).toBe(0x10000);
    expect(k.lookupRegion(t.id, 0x10000 + 100)).toEqual({ start: 0x10000, size: 64 * KiB, ds: ds.id, offset: 0, flags: RmFlags.ReadOnly });
    expect(k.lookupRegion(t.id, 0x10000 - 1)).toBeUndefined();
    expect(k.lookupRegion(t.id, 0x20000)).toBeUndefined();
    expect(k.dataspaceRefs(ds.id)).toBe(1);
  });

  it('refuses overlaps, ranges outside [lo, hi) and nonsense', async () => {
    const k = await boot();
    const t = k.newTask();
    expect(k.attach(t.id, { addr: 0x10000, size: 0x10000, ds: 1 })).toBe(0x10000);
    for (const [addr, size] of [[0x10000, 1], [0xffff, 2], [0x1ffff, 0x10], [0, 0x30000]]) {
      expect(k.attach(t.id, { addr, size, ds: 2 })).toBe(-KErr.Overlap);
    }
    expect(k.attach(t.id, { addr: 0x8000, size: 0x8000, ds: 2 })).toBe(0x8000); // adjacent is fine
    expect(k.attach(t.id, { addr: 0x40000, size: 0x1000, ds: 2, lo: 0x50000, hi: 0x60000 })).toBe(-KErr.OutOfRange);
    expect(k.attach(t.id, { addr: 0x5f000, size: 0x2000, ds: 2, lo: 0x50000, hi: 0x60000 })).toBe(-KErr.OutOfRange);
    expect(k.attach(t.id, { addr: 0xffff_f000, size: 0x2000, ds: 2 })).toBe(-KErr.OutOfRange);
    expect(k.attach(t.id, { addr: 0x90000, size: 0, ds: 2 })).toBe(-KErr.InvalidArg);
    expect(k.attach(t.id, { addr: 0x90000, size: 16, ds: 0 })).toBe(-KErr.InvalidArg);
    expect(k.attach(t.id, { addr: 589824.5, size: 16, ds: 2 })).toBe(-KErr.InvalidArg);
    expect(k.attach(t.id, { search: true, size: 16, ds: 2, align: 3 })).toBe(-KErr.InvalidArg);
    expect(k.attach(k.newThread().id, { addr: 0, size: 16, ds: 2 })).toBe(-KErr.InvalidHandle);
    expect(k.dataspaceRefs(2)).toBe(1); // only the one that succeeded
  });

  it('searches the lowest free aligned range in [lo, hi)', async () => {
    const k = await boot();
    const t = k.newTask();
    expect(k.attach(t.id, { addr: 0x10000, size: 0x8000, ds: 1 })).toBe(0x10000);
    expect(k.attach(t.id, { addr: 0x20000, size: 0x10000, ds: 1 })).toBe(0x20000);
    const opts = { search: true, ds: 2, lo: 0x10000, hi: 0x40000, align: 0x4000 };
    expect(k.attach(t.id, { ...opts, size: 0x4000 })).toBe(0x18000);
    expect(k.attach(t.id, { ...opts, size: 0x8000 })).toBe(0x30000);
    expect(k.attach(t.id, { ...opts, size: 0x4000 })).toBe(0x1c000);
    expect(k.attach(t.id, { ...opts, size: 0x8000 })).toBe(0x38000);
    expect(k.attach(t.id, { ...opts, size: 0x4000 })).toBe(-KErr.NoSpace);
    expect(k.attach(t.id, { search: true, ds: 3, size: 0x1000 })).toBe(0);
  });

  it('a middle detach splits (refs++), each half detached drops a ref, release comes once', async () => {
    const k = await boot();
    const t = k.newTask();
    const ds = new Dataspace('anon', new Uint8Array(0x30000), DataspaceFlags.Anonymous);
    expect(k.attach(t.id, { addr: 0x100000, size: 0x30000, ds: ds.id, offset: 0x1000 })).toBe(0x100000);
    expect(k.detach(t.id, 0x110000, 0x10000)).toBe(1);
    expect(k.dataspaceRefs(ds.id)).toBe(2);
    expect(k.lookupRegion(t.id, 0x100000)).toEqual({ start: 0x100000, size: 0x10000, ds: ds.id, offset: 0x1000, flags: 0 });
    expect(k.lookupRegion(t.id, 0x118000)).toBeUndefined();
    expect(k.lookupRegion(t.id, 0x12ffff)).toEqual({ start: 0x120000, size: 0x10000, ds: ds.id, offset: 0x21000, flags: 0 });
    expect(k.takeReleasedDataspaces()).toEqual([]);
    expect(k.detach(t.id, 0x100000, 0x10000)).toBe(1);
    expect(k.dataspaceRefs(ds.id)).toBe(1);
    expect(k.takeReleasedDataspaces()).toEqual([]);
    expect(k.detach(t.id, 0x120000, 0x10000)).toBe(1);
    expect(k.dataspaceRefs(ds.id)).toBe(0);
    expect(k.takeReleasedDataspaces()).toEqual([ds.id]);
    expect(k.takeReleasedDataspaces()).toEqual([]);
    expect(k.detach(t.id, 0x100000, 0x30000)).toBe(0); // nothing left: not an error
  });

  it('detach cuts region edges and removes what lies inside a range', async () => {
    const k = await boot();
    const t = k.newTask();
    expect(k.attach(t.id, { addr: 0x0000, size: 0x4000, ds: 1 })).toBe(0);
    expect(k.attach(t.id, { addr: 0x4000, size: 0x4000, ds: 2 })).toBe(0x4000);
    expect(k.attach(t.id, { addr: 0x8000, size: 0x4000, ds: 3, offset: 0x100 })).toBe(0x8000);
    expect(k.detach(t.id, 0x2000, 0x8000)).toBe(3);
    expect(k.lookupRegion(t.id, 0x1fff)).toEqual({ start: 0, size: 0x2000, ds: 1, offset: 0, flags: 0 });
    expect(k.lookupRegion(t.id, 0x5000)).toBeUndefined();
    expect(k.lookupRegion(t.id, 0xa000)).toEqual({ start: 0xa000, size: 0x2000, ds: 3, offset: 0x2100, flags: 0 });
    expect(k.takeReleasedDataspaces()).toEqual([2]);
    expect(k.dataspaceRefs(1)).toBe(1);
    expect(k.dataspaceRefs(3)).toBe(1);
    // The freed range can be attached again.
    expect(k.attach(t.id, { addr: 0x2000, size: 0x8000, ds: 4 })).toBe(0x2000);
  });

  it('regions of several tasks share a dataspace count; deleting a task releases its regions', async () => {
    const k = await boot();
    const [a, b] = [k.newTask(), k.newTask()];
    expect(k.attach(a.id, { addr: 0x1000, size: 0x1000, ds: 7 })).toBe(0x1000);
    expect(k.attach(b.id, { addr: 0x5000, size: 0x1000, ds: 7 })).toBe(0x5000);
    expect(k.attach(a.id, { addr: 0x9000, size: 0x1000, ds: 8 })).toBe(0x9000);
    expect(k.dataspaceRefs(7)).toBe(2);
    expect(k.deleteCap(k.rootTask, a.cap)).toBe(0);
    expect(k.takeReleasedDataspaces()).toEqual([8]);
    expect(k.dataspaceRefs(7)).toBe(1);
    expect(k.detach(b.id, 0, 0x1_0000_0000)).toBe(1);
    expect(k.takeReleasedDataspaces()).toEqual([7]);
  });

  it('region nodes are charged to the task factory quota', async () => {
    const k = await boot();
    const f = k.newFactory(1024);
    const slot = k.findFreeCap(k.rootTask, 3);
    const task = k.createTask(k.rootTask, f.cap, slot, 4);
    expect(task).toBeGreaterThan(0);
    const base = k.factoryUsage(f.id).used; // 256 for task + table
    let n = 0;
    while (k.attach(task, { addr: n * 0x1000, size: 0x800, ds: 9 }) >= 0) n++;
    expect(n).toBe((1024 - base) / 32);
    expect(k.attach(task, { addr: n * 0x1000, size: 0x800, ds: 9 })).toBe(-KErr.NoMem);
    // A split needs a node too and fails cleanly without one.
    expect(k.detach(task, 0x100, 0x100)).toBe(-KErr.NoMem);
    expect(k.lookupRegion(task, 0x100)).toEqual({ start: 0, size: 0x800, ds: 9, offset: 0, flags: 0 });
    expect(k.detach(task, 0x1000, 0x800)).toBe(1);
    expect(k.detach(task, 0x100, 0x100)).toBe(1);
    expect(k.dataspaceRefs(9)).toBe(n);
  });
});
