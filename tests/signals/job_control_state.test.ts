// The job-control rules of the signal state without a program (Linux's prepare_signal and
// get_signal): SIGCONT continues whatever its action or mask and discards pending stops; a stop
// discards a pending SIGCONT; a stopped process is told once; a stop taken from the pending set ends
// the delivery there; SIGTSTP/SIGTTIN/SIGTTOU to an orphaned group are discarded, SIGSTOP is not.
import { describe, expect, it } from 'vitest';
import { Disposition, SignalState, type SigInfo } from '../../src/guest/signal_state.js';

const INFO: SigInfo = { code: 0, pid: 1, uid: 0, addr: 0, value: 0 };
const bit = (sig: number) => 1 << (sig - 1);
const HANDLER = { kind: Disposition.Handler, handler: 7, flags: 0, maskLo: 0, maskHi: 0 };
const IGNORE = { kind: Disposition.Ignore, handler: 0, flags: 0, maskLo: 0, maskHi: 0 };
const [CONT, STOP, TSTP, TTIN, TTOU, USR1, TERM] = [18, 19, 20, 21, 22, 10, 15];

function state(orphaned = false) {
  const s = new SignalState(() => {});
  const events: string[] = [];
  s.onStopped = (sig) => events.push(`stopped ${sig}`);
  s.onContinued = () => events.push('continued');
  s.orphaned = () => orphaned;
  return { s, events };
}

describe('SignalState: job control', () => {
  it('SIGCONT continues a stopped process when it is blocked or ignored, and the stop is reported once', () => {
    for (const setup of [(s: SignalState) => s.setMask(0, bit(CONT), 0), (s: SignalState) => s.setAction(CONT, IGNORE)]) {
      const { s, events } = state();
      setup(s);
      s.post(STOP, INFO);
      s.post(STOP, INFO); // already stopped: nothing more happens
      s.post(TSTP, INFO);
      expect(s.stopped).toBe(true);
      s.post(CONT, INFO);
      expect(s.stopped).toBe(false);
      expect(events).toEqual([`stopped ${STOP}`, 'continued']);
    }
  });

  it('SIGCONT discards pending stop signals; a stop signal discards a pending SIGCONT', () => {
    const { s } = state();
    s.setMask(0, bit(TSTP) | bit(TTIN) | bit(TTOU) | bit(CONT), 0);
    s.post(TSTP, INFO);
    s.post(TTIN, INFO);
    s.post(TTOU, INFO);
    expect(s.pendingLo).toBe(bit(TSTP) | bit(TTIN) | bit(TTOU));
    s.post(CONT, INFO);
    expect(s.pendingLo).toBe(bit(CONT));
    expect(s.pendingInfo(TSTP)).toBeUndefined();
    s.post(TTOU, INFO);
    expect(s.pendingLo).toBe(bit(TTOU));
    expect(s.stopped).toBe(false);
  });

  it('signals to a stopped process stay pending; a stop signal with a handler is delivered, not a stop', () => {
    const { s } = state();
    s.setAction(USR1, HANDLER);
    s.setAction(TSTP, HANDLER);
    s.post(STOP, INFO);
    s.post(USR1, INFO);
    s.post(TERM, INFO);
    s.post(TSTP, INFO); // handled: it waits with the others
    expect(s.pendingLo).toBe(bit(USR1) | bit(TERM) | bit(TSTP));
    s.post(CONT, INFO);
    expect(s.stopped).toBe(false);
    expect((s.take() as { sig: number }).sig).toBe(USR1);
  });

  it('a stop taken from the pending set stops there: the signals after it wait for SIGCONT', () => {
    const { s, events } = state();
    const XCPU = 24; // above SIGTSTP: taken after it
    s.setMask(0, bit(TSTP) | bit(XCPU), 0);
    s.post(TSTP, INFO);
    s.post(XCPU, INFO);
    s.setMask(1, bit(TSTP) | bit(XCPU), 0);
    expect(s.take()).toBeUndefined();
    expect(s.stopped).toBe(true);
    expect(events).toEqual([`stopped ${TSTP}`]);
    expect(s.pendingLo).toBe(bit(XCPU));
    s.post(CONT, INFO);
    expect(s.take()).toBe(XCPU);
  });

  it('an orphaned process group: SIGTSTP, SIGTTIN, SIGTTOU are discarded (sent or taken), SIGSTOP stops', () => {
    const { s, events } = state(true);
    for (const sig of [TSTP, TTIN, TTOU]) s.post(sig, INFO);
    expect(s.stopped).toBe(false);
    s.setMask(0, bit(TSTP), 0);
    s.post(TSTP, INFO);
    s.setMask(1, bit(TSTP), 0);
    expect(s.take()).toBeUndefined();
    expect(s.interrupts()).toBe(false);
    expect(s.stopped).toBe(false);
    expect(s.pendingLo).toBe(0);
    s.post(STOP, INFO);
    expect(s.stopped).toBe(true);
    expect(events).toEqual([`stopped ${STOP}`]);
  });
});
