// IRQs: delivery to the attached thread with its label, counting triggers nobody waited for,
// waiting for an IRQ with a timeout.
import { describe, it, expect } from 'vitest';
import { KErr, ThreadState, Proto, msgTag, tagLabel, Timeout } from '../../src/kernel/kernel.js';
import { boot, runningThread, spinFor } from './helpers.js';

describe('IRQ', () => {
  it('a trigger wakes the waiting attached thread with the IRQ label', async () => {
    const k = await boot();
    const t = runningThread(k);
    const irq = k.newIrq();
    expect(k.attachIrq(irq.id, t.id, 0x1234)).toBe(0);
    expect(k.receive(t.id)).toBe(-KErr.WouldBlock);
    expect(k.triggerIrq(irq.id)).toBe(0);
    expect(k.threadState(t.id)).toBe(ThreadState.Ready);
    expect(k.result(t.id)).toBe(0);
    expect(tagLabel(k.tag(t.id))).toBe(Proto.Irq);
    expect(k.label(t.id)).toBe(0x1234);
    expect(k.mr(t.id, 0)).toBe(1);
    expect(k.sender(t.id)).toBe(0);
  });

  it('triggers while nobody waits are counted, none lost, delivered once', async () => {
    const k = await boot();
    const t = runningThread(k);
    const irq = k.newIrq();
    expect(k.triggerIrq(irq.id)).toBe(0); // not even attached yet
    expect(k.attachIrq(irq.id, t.id, 9)).toBe(0);
    expect(k.triggerIrq(irq.id)).toBe(0);
    expect(k.triggerIrq(irq.id)).toBe(0);
    expect(k.receive(t.id, irq.cap, Timeout.Poll)).toBe(0);
    expect(k.mr(t.id, 0)).toBe(3);
    expect(k.label(t.id)).toBe(9);
    expect(k.receive(t.id, irq.cap, Timeout.Poll)).toBe(-KErr.Timeout);
    // An open wait sees pending IRQs too, in order with senders.
    const s = runningThread(k);
    const gate = k.newGate(t, 1);
    expect(k.triggerIrq(irq.id)).toBe(0);
    expect(k.send(s.id, gate.cap, msgTag(5))).toBe(-KErr.WouldBlock);
    expect(k.triggerIrq(irq.id)).toBe(0);
    expect(k.receive(t.id)).toBe(0);
    expect(tagLabel(k.tag(t.id))).toBe(Proto.Irq);
    expect(k.mr(t.id, 0)).toBe(2);
    expect(k.receive(t.id)).toBe(0);
    expect(tagLabel(k.tag(t.id))).toBe(5);
    expect(k.receive(t.id, 0, Timeout.Poll)).toBe(-KErr.Timeout);
  });

  it('waits for an IRQ with a timeout: expires, or the IRQ comes first', async () => {
    const k = await boot();
    const t = runningThread(k);
    const irq = k.newIrq();
    expect(k.attachIrq(irq.id, t.id, 1)).toBe(0);
    expect(k.receive(t.id, irq.cap, 500)).toBe(-KErr.WouldBlock);
    spinFor(k, 1000);
    k.schedule(0);
    expect(k.result(t.id)).toBe(-KErr.Timeout);
    expect(k.receive(t.id, irq.cap, 1_000_000)).toBe(-KErr.WouldBlock);
    expect(k.triggerIrq(irq.id)).toBe(0);
    expect(k.result(t.id)).toBe(0);
    expect(k.nextTimeout(0)).toBe(-1); // the timeout went with the wakeup
  });

  it('a closed wait on the IRQ ignores other senders; detaching keeps the count', async () => {
    const k = await boot();
    const [t, s] = [runningThread(k), runningThread(k)];
    const irq = k.newIrq();
    const gate = k.newGate(t, 1);
    expect(k.attachIrq(irq.id, t.id, 1)).toBe(0);
    expect(k.receive(t.id, irq.cap)).toBe(-KErr.WouldBlock);
    expect(k.send(s.id, gate.cap, msgTag(0), Timeout.Poll)).toBe(-KErr.Timeout);
    expect(k.cancel(t.id)).toBe(0);
    expect(k.detachIrq(irq.id)).toBe(0);
    expect(k.triggerIrq(irq.id)).toBe(0);
    const u = runningThread(k);
    expect(k.attachIrq(irq.id, u.id, 2)).toBe(0);
    expect(k.receive(u.id, 0, Timeout.Poll)).toBe(0);
    expect(k.label(u.id)).toBe(2);
    expect(k.mr(u.id, 0)).toBe(1);
    // Waiting on an IRQ attached to someone else is refused.
    expect(k.receive(t.id, irq.cap, Timeout.Poll)).toBe(-KErr.InvalidArg);
  });

  it('an IRQ whose thread died still counts; a deleted IRQ cannot be triggered', async () => {
    const k = await boot();
    const t = runningThread(k);
    const irq = k.newIrq();
    expect(k.attachIrq(irq.id, t.id, 1)).toBe(0);
    expect(k.receive(t.id)).toBe(-KErr.WouldBlock);
    expect(k.kill(t.id)).toBe(0);
    expect(k.triggerIrq(irq.id)).toBe(0);
    expect(k.attachIrq(irq.id, t.id, 1)).toBe(-KErr.DeadPartner);
    expect(k.deleteCap(k.rootTask, irq.cap)).toBe(0);
    expect(k.triggerIrq(irq.id)).toBe(-KErr.InvalidHandle);
  });
});
