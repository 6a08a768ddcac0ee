// A stopped process's thread waits for SIGCONT in the kernel (process.ts waitUntilContinued), which
// overwrites its UTCB: the outcome of the operation it was blocked in (an IPC reply its call reads
// when it runs again) is kept with Kernel.saveUtcb and put back with restoreUtcb.
import { describe, expect, it } from 'vitest';
import { Kernel, KErr, msgTag, tagLabel, Timeout } from '../../src/kernel/kernel.js';

describe('Kernel.saveUtcb / restoreUtcb', () => {
  it('a reply survives a later receive: registers, tag, label, sender and result come back', async () => {
    const k = await Kernel.boot({ cpus: 1, memoryPages: 64 });
    const [client, server] = [k.newThread(), k.newThread()];
    k.start(client.id);
    k.start(server.id);
    const gate = k.newGate(server, 0x5e);
    const irq = k.newIrq();
    k.attachIrq(irq.id, client.id, 0x77);
    // The client calls; the server replies with three words: the client's UTCB holds the reply.
    expect(k.receive(server.id)).toBe(-KErr.WouldBlock);
    k.writeMrs(client.id, [9]);
    expect(k.call(client.id, gate.cap, msgTag(1, 1))).toBeGreaterThan(0);
    k.writeMrs(server.id, [11, 22, 33]);
    expect(k.reply(server.id, msgTag(-4, 3))).toBe(0);
    const saved = k.saveUtcb(client.id);
    // A stop's wait: the IRQ arrives, and the receive overwrites the result, label, sender and tag.
    k.triggerIrq(irq.id);
    k.setMr(client.id, 0, 0xbad);
    expect(k.receive(client.id, irq.cap, Timeout.Never)).toBe(0);
    expect(k.label(client.id)).toBe(0x77);
    k.restoreUtcb(client.id, saved);
    expect(k.result(client.id)).toBe(0);
    expect(tagLabel(k.tag(client.id))).toBe(-4);
    expect([...k.mrs(client.id).subarray(0, 3)]).toEqual([11, 22, 33]);
    expect(k.sender(client.id)).toBe(server.id);
  });
});
