// Capabilities: rights, map with reduced rights, recursive revocation, type and slot errors.
import { describe, it, expect } from 'vitest';
import { KErr, Rights, ObjType, msgTag, Timeout } from '../../src/kernel/kernel.js';
import { boot, runningThread } from './helpers.js';

describe('capabilities', () => {
  it('map copies a capability with reduced rights', async () => {
    const k = await boot();
    const a = k.newTask();
    const irq = k.newIrq();
    expect(k.map(k.rootTask, irq.cap, a.id, 5, Rights.R | Rights.W)).toBe(0);
    expect(k.capInfo(a.id, 5)).toBe(ObjType.Irq | ((Rights.R | Rights.W) << 8));
    expect(k.lookup(a.id, 5)).toBe(irq.id);
    // Rights can only shrink along the way.
    const b = k.newTask();
    expect(k.map(a.id, 5, b.id, 9, Rights.All)).toBe(0);
    expect(k.capInfo(b.id, 9)).toBe(ObjType.Irq | ((Rights.R | Rights.W) << 8));
  });

  it('map refuses empty sources, occupied or out-of-range destinations', async () => {
    const k = await boot();
    const a = k.newTask({ capSlots: 16 });
    const irq = k.newIrq();
    expect(k.map(k.rootTask, 3000, a.id, 5)).toBe(-KErr.InvalidCap);
    expect(k.map(k.rootTask, irq.cap, a.id, 16)).toBe(-KErr.InvalidCap);
    expect(k.map(k.rootTask, irq.cap, a.id, 0)).toBe(-KErr.InvalidCap);
    expect(k.map(k.rootTask, irq.cap, a.id, 5)).toBe(0);
    expect(k.map(k.rootTask, irq.cap, a.id, 5)).toBe(-KErr.SlotInUse);
  });

  it('a missing right is refused', async () => {
    const k = await boot();
    const a = k.newTask();
    const client = runningThread(k, 10, 0, a);
    const server = runningThread(k);
    const gate = k.newGate(server, 1);
    const irq = k.newIrq();
    expect(k.attachIrq(irq.id, client.id, 3)).toBe(0);
    expect(k.map(k.rootTask, gate.cap, a.id, 4, Rights.R)).toBe(0); // no W: cannot invoke
    expect(k.map(k.rootTask, irq.cap, a.id, 5, Rights.W)).toBe(0); // no R: cannot wait on it
    expect(k.send(client.id, 4, msgTag(0), Timeout.Poll)).toBe(-KErr.NoRights);
    expect(k.receive(client.id, 5, Timeout.Poll)).toBe(-KErr.NoRights);
    expect(k.triggerIrqCap(a.id, 5)).toBe(0);
    // No S on the factory capability: cannot create.
    expect(k.map(k.rootTask, 1, a.id, 6, Rights.R | Rights.W)).toBe(0);
    expect(k.createIrq(a.id, 6, 7)).toBe(-KErr.NoRights);
  });

  it('a capability of the wrong type gives WrongType, an empty slot InvalidCap', async () => {
    const k = await boot();
    const t = runningThread(k);
    const irq = k.newIrq();
    const task = k.newTask();
    expect(k.call(t.id, irq.cap, msgTag(0), Timeout.Poll)).toBe(-KErr.WrongType);
    expect(k.send(t.id, task.cap, msgTag(0), Timeout.Poll)).toBe(-KErr.WrongType);
    expect(k.receive(t.id, task.cap, Timeout.Poll)).toBe(-KErr.WrongType);
    expect(k.call(t.id, 3999, msgTag(0), Timeout.Poll)).toBe(-KErr.InvalidCap);
    expect(k.call(t.id, 70000, msgTag(0), Timeout.Poll)).toBe(-KErr.InvalidCap);
    expect(k.triggerIrqCap(k.rootTask, task.cap)).toBe(-KErr.WrongType);
    expect(k.result(t.id)).toBe(-KErr.InvalidCap);
  });

  it('unmap revokes derived capabilities recursively, in every task', async () => {
    const k = await boot();
    const [a, b, c] = [k.newTask(), k.newTask(), k.newTask()];
    const gate = k.newGate(undefined, 1);
    expect(k.map(k.rootTask, gate.cap, a.id, 10)).toBe(0);
    expect(k.map(a.id, 10, b.id, 20)).toBe(0);
    expect(k.map(b.id, 20, c.id, 30)).toBe(0);
    expect(k.map(a.id, 10, c.id, 31)).toBe(0);
    expect(k.map(k.rootTask, gate.cap, c.id, 32)).toBe(0);
    // Revoking a's copy removes b's, c's 30 (via b) and c's 31, but not c's 32 (from root).
    expect(k.unmap(a.id, 10)).toBe(0);
    expect(k.lookup(a.id, 10)).toBe(gate.id); // without self: a keeps its own
    expect(k.lookup(b.id, 20)).toBe(-KErr.InvalidCap);
    expect(k.lookup(c.id, 30)).toBe(-KErr.InvalidCap);
    expect(k.lookup(c.id, 31)).toBe(-KErr.InvalidCap);
    expect(k.lookup(c.id, 32)).toBe(gate.id);
    expect(k.unmap(a.id, 10, true)).toBe(0);
    expect(k.lookup(a.id, 10)).toBe(-KErr.InvalidCap);
    expect(k.exists(gate.id)).toBe(true);
    // Deleting the original removes the rest and the object.
    expect(k.map(c.id, 32, b.id, 21)).toBe(0);
    expect(k.deleteCap(k.rootTask, gate.cap)).toBe(0);
    expect(k.lookup(c.id, 32)).toBe(-KErr.InvalidCap);
    expect(k.lookup(b.id, 21)).toBe(-KErr.InvalidCap);
    expect(k.exists(gate.id)).toBe(false);
  });

  it('deleting a task removes what was derived from its capabilities', async () => {
    const k = await boot();
    const [a, b] = [k.newTask(), k.newTask()];
    const irq = k.newIrq();
    expect(k.map(k.rootTask, irq.cap, a.id, 3)).toBe(0);
    expect(k.map(a.id, 3, b.id, 4)).toBe(0);
    expect(k.deleteCap(k.rootTask, a.cap)).toBe(0);
    expect(k.lookup(b.id, 4)).toBe(-KErr.InvalidCap);
    expect(k.lookup(k.rootTask, irq.cap)).toBe(irq.id);
  });

  it('findFreeCap skips used slots', async () => {
    const k = await boot();
    const a = k.newTask({ capSlots: 4 });
    const irq = k.newIrq();
    expect(k.findFreeCap(a.id)).toBe(1);
    for (const s of [1, 2, 3]) expect(k.map(k.rootTask, irq.cap, a.id, s)).toBe(0);
    expect(k.findFreeCap(a.id)).toBe(-KErr.NoSpace);
  });
});
