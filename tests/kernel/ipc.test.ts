// IPC: send, receive (open and closed wait), call, reply, reply-and-wait, timeouts, cancel,
// dead partners, capability transfer by map items.
import { describe, it, expect } from 'vitest';
import { KErr, ThreadState, Rights, ObjType, msgTag, tagLabel, tagWords, tagItems, mapItem, Timeout } from '../../src/kernel/kernel.js';
import { boot, runningThread, spinFor } from './helpers.js';

describe('IPC', () => {
  it('send to a waiting receiver transfers tag, words, gate label and sender', async () => {
    const k = await boot();
    const [a, b] = [runningThread(k), runningThread(k)];
    const gate = k.newGate(b, 0xdead);
    expect(k.receive(b.id)).toBe(-KErr.WouldBlock);
    expect(k.threadState(b.id)).toBe(ThreadState.BlockedOnReceive);
    k.writeMrs(a.id, [1, 2, 3]);
    expect(k.send(a.id, gate.cap, msgTag(42, 3))).toBe(0);
    expect(k.threadState(b.id)).toBe(ThreadState.Ready);
    expect(k.result(b.id)).toBe(0);
    expect(tagLabel(k.tag(b.id))).toBe(42);
    expect(tagWords(k.tag(b.id))).toBe(3);
    expect([...k.mrs(b.id).subarray(0, 3)]).toEqual([1, 2, 3]);
    expect(k.label(b.id)).toBe(0xdead);
    expect(k.sender(b.id)).toBe(a.id);
  });

  it('a sender blocks until the receiver comes, in FIFO order', async () => {
    const k = await boot();
    const [a1, a2, b] = [runningThread(k), runningThread(k), runningThread(k)];
    const gate = k.newGate(b, 1);
    k.setMr(a1.id, 0, 11);
    k.setMr(a2.id, 0, 22);
    expect(k.send(a1.id, gate.cap, msgTag(1, 1))).toBe(-KErr.WouldBlock);
    expect(k.send(a2.id, gate.cap, msgTag(2, 1))).toBe(-KErr.WouldBlock);
    expect(k.threadState(a1.id)).toBe(ThreadState.BlockedOnSend);
    expect(k.result(a1.id)).toBe(-KErr.WouldBlock);
    expect(k.receive(b.id)).toBe(0);
    expect(k.mr(b.id, 0)).toBe(11);
    expect(k.threadState(a1.id)).toBe(ThreadState.Ready);
    expect(k.result(a1.id)).toBe(0);
    expect(k.receive(b.id)).toBe(0);
    expect(k.mr(b.id, 0)).toBe(22);
    expect(k.receive(b.id, 0, Timeout.Poll)).toBe(-KErr.Timeout);
  });

  it('closed wait takes only the named partner or gate', async () => {
    const k = await boot();
    const [a1, a2, b] = [runningThread(k), runningThread(k), runningThread(k)];
    const g1 = k.newGate(b, 1);
    const g2 = k.newGate(b, 2);
    const a2InRoot = a2.cap;
    expect(k.send(a1.id, g1.cap, msgTag(0))).toBe(-KErr.WouldBlock);
    expect(k.send(a2.id, g2.cap, msgTag(0))).toBe(-KErr.WouldBlock);
    // Closed wait on gate 2: skips a1's message through gate 1.
    expect(k.receive(b.id, g2.cap)).toBe(0);
    expect(k.label(b.id)).toBe(2);
    expect(k.sender(b.id)).toBe(a2.id);
    // Closed wait on thread a2: nothing from it now, a1 is still queued.
    expect(k.receive(b.id, a2InRoot, Timeout.Poll)).toBe(-KErr.Timeout);
    expect(k.receive(b.id, a2InRoot)).toBe(-KErr.WouldBlock);
    expect(k.send(a1.id, g1.cap, msgTag(0), Timeout.Poll)).toBe(-KErr.InvalidArg); // a1 still blocked
    expect(k.send(a2.id, b.cap, msgTag(5))).toBe(0);
    expect(k.result(b.id)).toBe(0);
    expect(tagLabel(k.tag(b.id))).toBe(5);
    expect(k.label(b.id)).toBe(0); // directly to the thread: no gate label
    // Closed wait on a gate not bound to b is refused.
    const other = k.newGate(a1, 9);
    expect(k.receive(b.id, other.cap)).toBe(-KErr.InvalidArg);
  });

  it('call blocks the client until the reply; reply-and-wait answers and waits', async () => {
    const k = await boot();
    const [c, s] = [runningThread(k), runningThread(k)];
    const gate = k.newGate(s, 77);
    expect(k.receive(s.id)).toBe(-KErr.WouldBlock);
    k.setMr(c.id, 0, 5);
    // The server was waiting: it is ready now, on the client's CPU, so the call names it.
    expect(k.call(c.id, gate.cap, msgTag(3, 1))).toBe(s.id);
    expect(k.threadState(c.id)).toBe(ThreadState.BlockedOnReceive);
    expect(k.result(c.id)).toBe(-KErr.WouldBlock);
    expect(k.label(s.id)).toBe(77);
    k.setMr(s.id, 0, k.mr(s.id, 0) * 10);
    expect(k.replyAndWait(s.id, msgTag(0, 1))).toBe(-KErr.WouldBlock);
    expect(k.threadState(c.id)).toBe(ThreadState.Ready);
    expect(k.result(c.id)).toBe(0);
    expect(k.mr(c.id, 0)).toBe(50);
    expect(k.sender(c.id)).toBe(s.id);
    // Nobody to reply to now.
    expect(k.reply(s.id, msgTag(0))).toBe(-KErr.NoPartner);
  });

  it('a call to a busy server queues and its reply comes after the server receives it', async () => {
    const k = await boot();
    const [c, s] = [runningThread(k), runningThread(k)];
    const gate = k.newGate(s, 1);
    expect(k.call(c.id, gate.cap, msgTag(0))).toBe(-KErr.WouldBlock);
    expect(k.threadState(c.id)).toBe(ThreadState.BlockedOnSend);
    expect(k.receive(s.id)).toBe(0);
    expect(k.threadState(c.id)).toBe(ThreadState.BlockedOnReceive);
    expect(k.reply(s.id, msgTag(9))).toBe(0);
    expect(k.result(c.id)).toBe(0);
    expect(tagLabel(k.tag(c.id))).toBe(9);
  });

  it('deferred replies: the server takes other calls and answers later, also while it waits', async () => {
    const k = await boot();
    const [c1, c2, s] = [runningThread(k), runningThread(k), runningThread(k)];
    const gate = k.newGate(s, 1);
    expect(k.receive(s.id)).toBe(-KErr.WouldBlock);
    expect(k.call(c1.id, gate.cap, msgTag(1))).toBe(s.id);
    const first = k.sender(s.id);
    expect(k.receive(s.id)).toBe(-KErr.WouldBlock); // no reply yet
    expect(k.call(c2.id, gate.cap, msgTag(2))).toBe(s.id);
    expect(k.reply(s.id, msgTag(20))).toBe(0); // to the last caller, c2
    expect(k.result(c2.id)).toBe(0);
    expect(k.result(c1.id)).toBe(-KErr.WouldBlock);
    expect(k.receive(s.id)).toBe(-KErr.WouldBlock);
    // s is blocked in receive and still answers c1.
    expect(k.reply(s.id, msgTag(10), first)).toBe(0);
    expect(k.threadState(s.id)).toBe(ThreadState.BlockedOnReceive);
    expect(k.result(s.id)).toBe(-KErr.WouldBlock); // s's own pending result untouched
    expect(tagLabel(k.tag(c1.id))).toBe(10);
    expect(k.reply(s.id, msgTag(10), first)).toBe(-KErr.NoPartner); // only once
  });

  it('poll (timeout 0) never blocks', async () => {
    const k = await boot();
    const [a, b] = [runningThread(k), runningThread(k)];
    const gate = k.newGate(b, 1);
    expect(k.send(a.id, gate.cap, msgTag(0), Timeout.Poll)).toBe(-KErr.Timeout);
    expect(k.call(a.id, gate.cap, msgTag(0), Timeout.Poll)).toBe(-KErr.Timeout);
    expect(k.receive(a.id, 0, Timeout.Poll)).toBe(-KErr.Timeout);
    expect(k.sleep(a.id, 0)).toBe(-KErr.Timeout);
    expect(k.threadState(a.id)).toBe(ThreadState.Ready);
    expect(k.result(a.id)).toBe(-KErr.Timeout);
  });

  it('finite timeouts expire: receive, send, the reply phase of a call, sleep', async () => {
    const k = await boot();
    const [r, s, c, z, srv] = [runningThread(k), runningThread(k), runningThread(k), runningThread(k), runningThread(k)];
    const gate = k.newGate(r, 1);
    const sgate = k.newGate(srv, 2);
    expect(k.receive(srv.id)).toBe(-KErr.WouldBlock);
    const t0 = k.nowUs();
    expect(k.receive(r.id, 0, 15_000)).toBe(-KErr.WouldBlock);
    expect(k.send(s.id, k.newGate(c, 3).cap, msgTag(0), 10_000)).toBe(-KErr.WouldBlock);
    expect(k.call(c.id, sgate.cap, msgTag(0), 12_000)).toBe(srv.id); // server never replies
    expect(k.sleep(z.id, 8_000)).toBe(-KErr.WouldBlock);
    const next = k.nextTimeout(0);
    expect(next).toBeGreaterThanOrEqual(t0 + 8_000);
    expect(next).toBeLessThan(k.nowUs() + 8_000);
    // Not yet (unless the host kept this thread off its core for the whole 8 ms, as a loaded machine may).
    k.schedule(0);
    if (k.nowUs() < t0 + 8_000) for (const t of [r, s, c, z]) expect(k.result(t.id)).toBe(-KErr.WouldBlock);
    spinFor(k, 20_000);
    k.schedule(0);
    for (const t of [r, s, c, z]) {
      expect(k.threadState(t.id)).toBe(ThreadState.Ready);
      expect(k.result(t.id)).toBe(-KErr.Timeout);
    }
    expect(k.nextTimeout(0)).toBe(-1);
    // The timed-out call left the server: its late reply finds nobody.
    expect(k.reply(srv.id, msgTag(0))).toBe(-KErr.NoPartner);
    // A message still arrives in time before a finite timeout.
    expect(k.receive(r.id, 0, 100000)).toBe(-KErr.WouldBlock);
    expect(k.send(s.id, gate.cap, msgTag(4))).toBe(0);
    expect(k.result(r.id)).toBe(0);
    expect(k.nextTimeout(0)).toBe(-1);
  });

  it('cancel (ex_regs) ends a blocked send, receive, call or sleep with Canceled', async () => {
    const k = await boot();
    const [r, s, z, srv] = [runningThread(k), runningThread(k), runningThread(k), runningThread(k)];
    const sgate = k.newGate(srv, 2);
    expect(k.receive(r.id)).toBe(-KErr.WouldBlock);
    expect(k.call(s.id, sgate.cap, msgTag(0))).toBe(-KErr.WouldBlock);
    expect(k.sleep(z.id, Timeout.Never)).toBe(-KErr.WouldBlock);
    for (const t of [r, s, z]) {
      expect(k.cancel(t.id)).toBe(0);
      expect(k.threadState(t.id)).toBe(ThreadState.Ready);
      expect(k.result(t.id)).toBe(-KErr.Canceled);
    }
    // The canceled caller is no longer queued at the server.
    expect(k.receive(srv.id, 0, Timeout.Poll)).toBe(-KErr.Timeout);
    // Canceling a running thread changes nothing.
    expect(k.cancel(r.id)).toBe(0);
    expect(k.result(r.id)).toBe(-KErr.Canceled);
  });

  it('a dead partner fails calls: before, while queued and while waiting for the reply', async () => {
    const k = await boot();
    const [c1, c2, c3, s] = [runningThread(k), runningThread(k), runningThread(k), runningThread(k)];
    const gate = k.newGate(s, 1);
    // c1 waits for the reply, c2 is queued behind it.
    expect(k.receive(s.id)).toBe(-KErr.WouldBlock);
    expect(k.call(c1.id, gate.cap, msgTag(0))).toBe(s.id);
    expect(k.call(c2.id, gate.cap, msgTag(0))).toBe(-KErr.WouldBlock);
    expect(k.kill(s.id)).toBe(0);
    expect(k.threadState(s.id)).toBe(ThreadState.Dead);
    for (const c of [c1, c2]) {
      expect(k.threadState(c.id)).toBe(ThreadState.Ready);
      expect(k.result(c.id)).toBe(-KErr.DeadPartner);
    }
    // A call to the dead thread fails at once.
    expect(k.call(c3.id, gate.cap, msgTag(0))).toBe(-KErr.DeadPartner);
    expect(k.send(c3.id, s.cap, msgTag(0))).toBe(-KErr.DeadPartner);
    // Deleting the thread's last capability has the same effect for an unbound gate's user.
    const s2 = runningThread(k);
    const g2 = k.newGate(s2, 2);
    expect(k.call(c3.id, g2.cap, msgTag(0))).toBe(-KErr.WouldBlock);
    expect(k.deleteCap(k.rootTask, s2.cap)).toBe(0);
    expect(k.result(c3.id)).toBe(-KErr.DeadPartner);
    const unbound = k.newGate(undefined, 3);
    expect(k.call(c3.id, unbound.cap, msgTag(0))).toBe(-KErr.NoPartner);
  });

  it('a gate rebound elsewhere drops the senders queued through it', async () => {
    const k = await boot();
    const [c, s, s2] = [runningThread(k), runningThread(k), runningThread(k)];
    const gate = k.newGate(s, 1);
    expect(k.call(c.id, gate.cap, msgTag(0))).toBe(-KErr.WouldBlock);
    expect(k.bindGate(gate.id, s2.id, 2)).toBe(0);
    expect(k.result(c.id)).toBe(-KErr.DeadPartner);
    expect(k.receive(s2.id)).toBe(-KErr.WouldBlock);
    expect(k.send(c.id, gate.cap, msgTag(0))).toBe(0);
    expect(k.label(s2.id)).toBe(2);
  });

  it('map items transfer capabilities into the receiver buffer slots', async () => {
    const k = await boot();
    const [ta, tb] = [k.newTask(), k.newTask()];
    const a = runningThread(k, 100, 0, ta);
    const b = runningThread(k, 100, 0, tb);
    const gate = k.newGate(b, 1);
    const irq = k.newIrq();
    expect(k.map(k.rootTask, gate.cap, ta.id, 10, Rights.W)).toBe(0);
    expect(k.map(k.rootTask, irq.cap, ta.id, 11, Rights.All)).toBe(0);
    k.setReceiveSlots(b.id, [40]);
    expect(k.receive(b.id)).toBe(-KErr.WouldBlock);
    k.writeMrs(a.id, [7, mapItem(Rights.R | Rights.W), 11]);
    expect(k.send(a.id, 10, msgTag(1, 1, 1))).toBe(0);
    expect(tagItems(k.tag(b.id))).toBe(1);
    expect(k.mr(b.id, 0)).toBe(7);
    expect(k.mr(b.id, 2)).toBe(40);
    expect(k.capInfo(tb.id, 40)).toBe(ObjType.Irq | ((Rights.R | Rights.W) << 8));
    expect(k.lookup(tb.id, 40)).toBe(irq.id);
    // The mapped capability derives from the sender's: revoking it there removes it here.
    expect(k.unmap(ta.id, 11)).toBe(0);
    expect(k.lookup(tb.id, 40)).toBe(-KErr.InvalidCap);
  });

  it('map items fail cleanly: no buffer, occupied buffer, bad source', async () => {
    const k = await boot();
    const [ta, tb] = [k.newTask(), k.newTask()];
    const a = runningThread(k, 100, 0, ta);
    const b = runningThread(k, 100, 0, tb);
    const gate = k.newGate(b, 1);
    const irq = k.newIrq();
    expect(k.map(k.rootTask, gate.cap, ta.id, 10)).toBe(0);
    expect(k.map(k.rootTask, irq.cap, ta.id, 11)).toBe(0);
    expect(k.map(k.rootTask, irq.cap, tb.id, 41)).toBe(0);
    expect(k.receive(b.id)).toBe(-KErr.WouldBlock);
    k.writeMrs(a.id, [mapItem(), 11]);
    expect(k.send(a.id, 10, msgTag(0, 0, 1), Timeout.Poll)).toBe(-KErr.MsgCut); // no buffers
    k.setReceiveSlots(b.id, [41]);
    expect(k.send(a.id, 10, msgTag(0, 0, 1), Timeout.Poll)).toBe(-KErr.MsgCut); // occupied
    k.writeMrs(a.id, [mapItem(), 12]);
    k.setReceiveSlots(b.id, [42]);
    expect(k.send(a.id, 10, msgTag(0, 0, 1), Timeout.Poll)).toBe(-KErr.InvalidCap);
    expect(k.threadState(b.id)).toBe(ThreadState.BlockedOnReceive); // receiver untouched
    expect(k.lookup(tb.id, 42)).toBe(-KErr.InvalidCap);
  });

  it('rejects malformed tags and non-running threads', async () => {
    const k = await boot();
    const [a, b] = [runningThread(k), runningThread(k)];
    const gate = k.newGate(b, 1);
    expect(k.send(a.id, gate.cap, msgTag(0, 65), Timeout.Poll)).toBe(-KErr.InvalidArg);
    expect(k.send(a.id, gate.cap, msgTag(0, 62, 2), Timeout.Poll)).toBe(-KErr.InvalidArg);
    expect(k.send(a.id, gate.cap, msgTag(0, 0), Number.NaN)).toBe(-KErr.InvalidArg);
    const idle = k.newThread();
    expect(k.send(idle.id, gate.cap, msgTag(0), Timeout.Poll)).toBe(-KErr.InvalidArg);
    expect(k.send(a.id, a.cap, msgTag(0), Timeout.Poll)).toBe(-KErr.InvalidArg); // to itself
  });

  it('threads in different tasks talk through mapped gates with 64 words', async () => {
    const k = await boot();
    const [ta, tb] = [k.newTask(), k.newTask()];
    const a = runningThread(k, 100, 0, ta);
    const b = runningThread(k, 100, 0, tb);
    const gate = k.newGate(b, 5);
    expect(k.map(k.rootTask, gate.cap, ta.id, 3, Rights.W)).toBe(0);
    expect(k.receive(b.id)).toBe(-KErr.WouldBlock);
    const words = Array.from({ length: 64 }, (_, i) => i * 3 + 1);
    k.writeMrs(a.id, words);
    expect(k.call(a.id, 3, msgTag(1, 64))).toBe(b.id);
    expect([...k.mrs(b.id)]).toEqual(words);
    expect(k.replyAndWait(b.id, msgTag(0, 0))).toBe(-KErr.WouldBlock);
    expect(k.result(a.id)).toBe(0);
  });
});
