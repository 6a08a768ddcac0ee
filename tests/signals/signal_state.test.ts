// The signal state's rules without a program: which signal is delivered next, the handler's mask
// and its restoration, SA_RESETHAND/SA_NODEFER, ignoring, blocking, stop and continue, sigsuspend.
import { describe, expect, it } from 'vitest';
import { Disposition, SignalDelivery, SignalState, type SigInfo } from '../../src/guest/signal_state.js';

const INFO: SigInfo = { code: 0, pid: 1, uid: 0, addr: 0, value: 0 };
const bit = (sig: number) => 1 << (sig - 1);
const handler = (flags = 0, maskLo = 0) => ({ kind: Disposition.Handler, handler: 7, flags, maskLo, maskHi: 0 });

function state() {
  let armed = 0;
  const s = new SignalState(() => { armed++; });
  return { s, armed: () => armed };
}

describe('SignalState', () => {
  it('delivers the lowest pending unblocked signal, with sa_mask and the signal itself blocked meanwhile', () => {
    const { s, armed } = state();
    s.setAction(12, handler(0, bit(1)));
    s.setAction(10, handler());
    s.post(12, INFO);
    s.post(10, INFO);
    expect(s.deliverable).toBe(true);
    expect(armed()).toBeGreaterThan(0);
    const d = s.take() as SignalDelivery;
    expect(d.sig).toBe(10);
    expect(s.blockedLo).toBe(bit(10));
    s.handlerReturned(d);
    const e = s.take() as SignalDelivery;
    expect(e.sig).toBe(12);
    expect(s.blockedLo).toBe(bit(12) | bit(1));
    s.handlerReturned(e);
    expect(s.blockedLo).toBe(0);
    expect(s.take()).toBeUndefined();
    expect(s.deliverable).toBe(false);
  });

  it('SA_NODEFER leaves the signal unblocked; SA_RESETHAND restores the default action', () => {
    const { s } = state();
    s.setAction(10, handler(0x40000000 | 0x80000000));
    s.post(10, INFO);
    const d = s.take() as SignalDelivery;
    expect(s.blockedLo).toBe(0);
    expect(s.action(10).kind).toBe(Disposition.Default);
    s.handlerReturned(d);
  });

  it('a default terminating action is reported by number; ignored signals are dropped when sent', () => {
    const { s } = state();
    s.post(17, INFO); // SIGCHLD: ignored by default
    expect(s.pendingLo).toBe(0);
    s.setAction(15, { kind: Disposition.Ignore, handler: 0, flags: 0, maskLo: 0, maskHi: 0 });
    s.post(15, INFO);
    expect(s.pendingLo).toBe(0);
    s.post(2, INFO);
    expect(s.take()).toBe(2);
  });

  it('blocked signals wait (one instance) and are visible; SIGKILL and SIGSTOP cannot be blocked', () => {
    const { s } = state();
    s.setMask(0, bit(10) | bit(9) | bit(19), bit(40 - 32));
    expect(s.blockedLo).toBe(bit(10));
    expect(s.blockedHi).toBe(bit(40 - 32));
    s.post(10, INFO);
    s.post(10, INFO);
    s.post(40, INFO);
    expect(s.deliverable).toBe(false);
    expect(s.pendingLo).toBe(bit(10));
    expect(s.pendingHi).toBe(bit(40 - 32));
    s.setMask(1, bit(10), 0);
    expect(s.deliverable).toBe(true);
    expect(s.take()).toBe(10); // default action: terminate
  });

  it('stop signals are recorded, SIGCONT clears the record', () => {
    const { s } = state();
    s.post(19, INFO);
    expect(s.stopped).toBe(true);
    s.post(18, INFO);
    expect(s.stopped).toBe(false);
    s.post(20, INFO); // SIGTSTP, default action stop
    expect(s.stopped).toBe(true);
  });

  it('interrupts() says whether a blocking call must end; restarts() follows SA_RESTART', () => {
    const { s } = state();
    s.setAction(10, handler(0x10000000));
    s.setMask(0, bit(28), 0);
    s.post(28, INFO); // SIGWINCH, blocked, ignored by default
    s.setMask(1, bit(28), 0);
    expect(s.interrupts()).toBe(false); // dropped: it would only be ignored
    s.post(10, INFO);
    expect(s.interrupts()).toBe(true);
    expect(s.restarts()).toBe(true);
  });

  it('sigsuspend: the handler runs with the suspension mask, the caller\'s mask returns after it', () => {
    const { s } = state();
    s.setAction(10, handler());
    s.setMask(2, bit(10), 0);
    s.post(10, INFO);
    s.setMask(2, 0, 0); // sigsuspend's mask
    s.restoreAfterHandlers(bit(10), 0);
    const d = s.take() as SignalDelivery;
    expect(s.blockedLo).toBe(bit(10));
    s.handlerReturned(d);
    expect(s.blockedLo).toBe(bit(10));
    expect(s.take()).toBeUndefined();
  });

  it('a fault runs its handler only when it is installed and not blocked', () => {
    const { s } = state();
    expect(s.takeFault(8, INFO)).toBeUndefined();
    s.setAction(8, handler());
    s.setMask(0, bit(8), 0);
    expect(s.catchesFault(8)).toBe(false);
    s.setMask(2, 0, 0);
    const d = s.takeFault(8, { ...INFO, code: 1, addr: 0x40 });
    expect(d?.addr).toBe(0x40);
    expect(s.catchesFault(8)).toBe(false); // inside its handler: a second fault is fatal
  });
});
