// The signal state's thread-directed pending sets without a program: a signal for one thread is
// seen and taken only while that thread runs (its own before the process's), an ignoring action
// and SIGCONT clear every thread's set, a thread's end drops what was pending for it alone.
import { describe, expect, it } from 'vitest';
import { Disposition, SignalState, type SigInfo, type SignalDelivery } from '../../src/guest/signal_state.js';

const INFO: SigInfo = { code: -6, pid: 1, uid: 0, addr: 0, value: 0 };
const bit = (sig: number) => 1 << (sig - 1);
const handler = () => ({ kind: Disposition.Handler, handler: 7, flags: 0, maskLo: 0, maskHi: 0 });
const USR1 = 10, USR2 = 12, TSTP = 20, CONT = 18;

describe('SignalState: thread-directed signals', () => {
  it('a signal for another thread is not the running one\'s: it becomes deliverable when that thread runs', () => {
    const s = new SignalState(() => {});
    s.setAction(USR1, handler());
    const main = s.running;
    const t = s.addThread();
    s.post(USR1, INFO, { pending: t, blocks: false });
    expect(s.deliverable).toBe(false);
    expect(s.pendingLo).toBe(0);
    s.switchThread(t, 0, 0);
    expect(s.deliverable).toBe(true);
    expect((s.take() as SignalDelivery).sig).toBe(USR1);
    s.switchThread(main, 0, 0);
    expect(s.take()).toBeUndefined();
  });

  it("the thread's own signals come before the process's, for delivery and for sigwait; sigpending shows both", () => {
    const s = new SignalState(() => {});
    s.setAction(USR1, handler());
    s.setAction(USR2, handler());
    s.setMask(0, bit(USR1) | bit(USR2), 0);
    s.post(USR1, INFO); // the process's
    s.post(USR2, INFO, { pending: s.running, blocks: true });
    expect(s.pendingLo & s.blockedLo).toBe(bit(USR1) | bit(USR2));
    expect(s.takeFromSet(bit(USR1) | bit(USR2), 0)?.sig).toBe(USR2);
    s.post(USR2, INFO, { pending: s.running, blocks: true });
    s.setMask(2, 0, 0);
    expect((s.take() as SignalDelivery).sig).toBe(USR2);
  });

  it('an ignored signal for a thread that does not block it is dropped; an ignoring action clears every set', () => {
    const s = new SignalState(() => {});
    const t = s.addThread();
    s.setAction(USR1, { kind: Disposition.Ignore, handler: 0, flags: 0, maskLo: 0, maskHi: 0 });
    s.post(USR1, INFO, { pending: t, blocks: false });
    expect(t.lo).toBe(0);
    s.post(USR1, INFO, { pending: t, blocks: true });
    expect(t.lo).toBe(bit(USR1));
    s.setAction(USR1, handler());
    s.setAction(USR1, { kind: Disposition.Ignore, handler: 0, flags: 0, maskLo: 0, maskHi: 0 });
    expect(t.lo).toBe(0);
  });

  it("SIGCONT cancels a stop pending for any thread; a thread's end drops its own signals", () => {
    const s = new SignalState(() => {});
    const t = s.addThread();
    s.post(TSTP, INFO, { pending: t, blocks: true });
    expect(t.lo).toBe(bit(TSTP));
    s.post(CONT, INFO);
    expect(t.lo).toBe(0);
    s.post(USR2, INFO, { pending: t, blocks: true });
    s.removeThread(t);
    expect(t.lo).toBe(0);
  });
});
