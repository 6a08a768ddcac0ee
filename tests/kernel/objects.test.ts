// Kernel objects and factories: creation, handles, quota exhaustion and its return.
import { describe, it, expect } from 'vitest';
import { Kernel, KErr, ObjType, Rights } from '../../src/kernel/kernel.js';
import { boot } from './helpers.js';

const ROOT_F = Kernel.ROOT_FACTORY_CAP;
const ROOT_T = Kernel.ROOT_TASK_CAP;

describe('objects', () => {
  it('creates every kind of object with a capability in the root task', async () => {
    const k = await boot();
    const task = k.newTask();
    const th = k.newThread({ task });
    const gate = k.newGate(th, 7);
    const irq = k.newIrq();
    const f = k.newFactory(4096);
    const kinds: [number, ObjType][] = [[task.cap, ObjType.Task], [th.cap, ObjType.Thread],
      [gate.cap, ObjType.Gate], [irq.cap, ObjType.Irq], [f.cap, ObjType.Factory]];
    for (const [cap, type] of kinds) {
      expect(k.capInfo(k.rootTask, cap)).toBe(type | (Rights.All << 8));
    }
    expect(k.lookup(k.rootTask, th.cap)).toBe(th.id);
    expect(new Set([task.id, th.id, gate.id, irq.id, f.id]).size).toBe(5);
  });

  it('rejects bad arguments before creating anything', async () => {
    const k = await boot();
    const slot = k.findFreeCap(k.rootTask, 3);
    const used = k.factoryUsage(k.rootFactory).used;
    expect(k.createThread(k.rootTask, ROOT_F, slot, ROOT_T, 256, 0)).toBe(-KErr.InvalidArg);
    expect(k.createThread(k.rootTask, ROOT_F, slot, ROOT_T, 1, 9)).toBe(-KErr.InvalidArg);
    expect(k.createTask(k.rootTask, ROOT_F, slot, 1)).toBe(-KErr.InvalidArg);
    expect(k.createThread(k.rootTask, ROOT_F, 1, ROOT_T, 1, 0)).toBe(-KErr.SlotInUse);
    expect(k.createThread(k.rootTask, ROOT_T, slot, ROOT_T, 1, 0)).toBe(-KErr.WrongType);
    expect(k.createThread(k.rootTask, 4000, slot, ROOT_T, 1, 0)).toBe(-KErr.InvalidCap);
    expect(k.createThread(k.rootTask, ROOT_F, 99999, ROOT_T, 1, 0)).toBe(-KErr.InvalidCap);
    expect(k.createThread(12345, ROOT_F, slot, ROOT_T, 1, 0)).toBe(-KErr.InvalidHandle);
    expect(k.factoryUsage(k.rootFactory).used).toBe(used);
  });

  it('fails past the quota with NoMem, leaks nothing, and gets quota back from deleted objects', async () => {
    const k = await boot();
    const rootBefore = k.factoryUsage(k.rootFactory).used;
    const f = k.newFactory(8 * 1024);
    // The child's quota is carved out of the root factory.
    expect(k.factoryUsage(k.rootFactory).used).toBeGreaterThanOrEqual(rootBefore + 8 * 1024);
    expect(k.factoryUsage(f.id)).toEqual({ used: 0, limit: 8192 });
    const created: number[] = [];
    for (;;) {
      const slot = k.findFreeCap(k.rootTask, 3);
      const t = k.createThread(k.rootTask, f.cap, slot, ROOT_T, 10, 0);
      if (t < 0) {
        expect(t).toBe(-KErr.NoMem);
        expect(k.capInfo(k.rootTask, slot)).toBe(-KErr.InvalidCap); // nothing placed
        break;
      }
      created.push(slot);
    }
    expect(created.length).toBe(8); // 1 KiB per thread
    expect(k.factoryUsage(f.id).used).toBe(8192);
    // A task needs more than is left: also refused, also without trace.
    const slot = k.findFreeCap(k.rootTask, 3);
    expect(k.createTask(k.rootTask, f.cap, slot, 16)).toBe(-KErr.NoMem);
    expect(k.factoryUsage(f.id).used).toBe(8192);
    const victim = k.lookup(k.rootTask, created[0]);
    for (const c of created) expect(k.deleteCap(k.rootTask, c)).toBe(0);
    expect(k.factoryUsage(f.id).used).toBe(0);
    expect(k.exists(victim)).toBe(false);
    // The quota can be used again.
    for (let i = 0; i < 8; i++) {
      const s = k.findFreeCap(k.rootTask, 3);
      expect(k.createThread(k.rootTask, f.cap, s, ROOT_T, 10, 0)).toBeGreaterThan(0);
    }
  });

  it('a child factory cannot hand out more than it has', async () => {
    const k = await boot();
    const f = k.newFactory(4096);
    const slot = k.findFreeCap(k.rootTask, 3);
    expect(k.createFactory(k.rootTask, f.cap, slot, 8192)).toBe(-KErr.NoMem);
    const g = k.createFactory(k.rootTask, f.cap, slot, 2048);
    expect(g).toBeGreaterThan(0);
    expect(k.factoryUsage(f.id).used).toBeGreaterThanOrEqual(2048);
    expect(k.deleteCap(k.rootTask, slot)).toBe(0);
    expect(k.factoryUsage(f.id).used).toBe(0);
  });

  it('deleting a task returns its memory once its threads are gone', async () => {
    const k = await boot();
    const f = k.newFactory(64 * 1024);
    const s1 = k.findFreeCap(k.rootTask, 3);
    const task = k.createTask(k.rootTask, f.cap, s1, 64);
    expect(task).toBeGreaterThan(0);
    const s2 = k.findFreeCap(k.rootTask, 3);
    const th = k.createThread(k.rootTask, f.cap, s2, s1, 10, 0);
    expect(th).toBeGreaterThan(0);
    expect(k.deleteCap(k.rootTask, s1)).toBe(0);
    expect(k.threadState(th)).toBe(4); // Dead: a task's death kills its threads
    expect(k.factoryUsage(f.id).used).toBeGreaterThan(0); // the thread still holds the task
    expect(k.deleteCap(k.rootTask, s2)).toBe(0);
    expect(k.factoryUsage(f.id).used).toBe(0);
    expect(k.exists(task)).toBe(false);
  });

  it('handles of freed objects go stale', async () => {
    const k = await boot();
    const t = k.newThread();
    expect(k.deleteCap(k.rootTask, t.cap)).toBe(0);
    expect(k.start(t.id)).toBe(-KErr.InvalidHandle);
    const t2 = k.newThread();
    expect(t2.id).not.toBe(t.id); // even if the table entry is reused
    expect(k.start(t.id)).toBe(-KErr.InvalidHandle);
    expect(k.start(t2.id)).toBe(0);
  });
});
