import { Errno } from "../errno.js";
const SIGACTION_SIZE = 20;
const SIGSET_SIZE = 8;
const ITIMER_SIZE = 16;
const ITIMER_REAL = 0;
const NSIG = 65;
const SIGKILL = 9;
const SIGSTOP = 19;
const LOOP_BUDGET = 5e4;
function backend(c) {
  return c.signals;
}
function valid(sig) {
  return sig > 0 && sig < NSIG;
}
function inside(m, ptr, size) {
  return ptr !== 0 && m.ok(ptr, size);
}
const scratch = { valueUs: 0, intervalUs: 0 };
const signalCalls = {
  /** sigaction(sig, act, oldact): the old action is written after the new one was read. */
  sigaction(c, sig, actPtr, oldPtr) {
    const s = backend(c);
    if (s === void 0) return -Errno.ENOSYS;
    actPtr >>>= 0;
    oldPtr >>>= 0;
    if (!valid(sig)) return -Errno.EINVAL;
    const m = s.mem();
    if (actPtr !== 0 && !inside(m, actPtr, SIGACTION_SIZE) || oldPtr !== 0 && !inside(m, oldPtr, SIGACTION_SIZE)) return -Errno.EFAULT;
    const v = m.view;
    let act;
    if (actPtr !== 0) {
      if (sig === SIGKILL || sig === SIGSTOP) return -Errno.EINVAL;
      act = {
        kind: v.getUint32(actPtr, true),
        handler: v.getUint32(actPtr + 4, true),
        flags: v.getUint32(actPtr + 8, true),
        maskLo: v.getInt32(actPtr + 12, true),
        maskHi: v.getInt32(actPtr + 16, true)
      };
      if (act.kind > 2) return -Errno.EINVAL;
    }
    const old = s.state.action(sig);
    if (oldPtr !== 0) {
      v.setUint32(oldPtr, old.kind, true);
      v.setUint32(oldPtr + 4, old.handler, true);
      v.setUint32(oldPtr + 8, old.flags, true);
      v.setInt32(oldPtr + 12, old.maskLo, true);
      v.setInt32(oldPtr + 16, old.maskHi, true);
    }
    if (act !== void 0) s.state.setAction(sig, act);
    return 0;
  },
  /** sigprocmask(how, set, oldset): `how` is checked only with a set, as Linux does. */
  sigprocmask(c, how, setPtr, oldPtr) {
    const s = backend(c);
    if (s === void 0) return -Errno.ENOSYS;
    setPtr >>>= 0;
    oldPtr >>>= 0;
    const m = s.mem();
    if (setPtr !== 0 && !inside(m, setPtr, SIGSET_SIZE) || oldPtr !== 0 && !inside(m, oldPtr, SIGSET_SIZE)) return -Errno.EFAULT;
    const v = m.view;
    const st = s.state;
    const oldLo = st.blockedLo;
    const oldHi = st.blockedHi;
    if (setPtr !== 0) {
      if (how < 0 || how > 2) return -Errno.EINVAL;
      st.setMask(how, v.getInt32(setPtr, true), v.getInt32(setPtr + 4, true));
    }
    if (oldPtr !== 0) {
      v.setInt32(oldPtr, oldLo, true);
      v.setInt32(oldPtr + 4, oldHi, true);
    }
    return 0;
  },
  /** sigpending(set): the signals pending while blocked. */
  sigpending(c, setPtr) {
    const s = backend(c);
    if (s === void 0) return -Errno.ENOSYS;
    setPtr >>>= 0;
    const m = s.mem();
    if (!inside(m, setPtr, SIGSET_SIZE)) return -Errno.EFAULT;
    const st = s.state;
    m.view.setInt32(setPtr, st.pendingLo & st.blockedLo, true);
    m.view.setInt32(setPtr + 4, st.pendingHi & st.blockedHi, true);
    return 0;
  },
  /** sigsuspend(mask): waits with `mask` until a handler is to run; always -EINTR then. */
  sigsuspend(c, setPtr) {
    const s = backend(c);
    if (s === void 0) return -Errno.ENOSYS;
    setPtr >>>= 0;
    const m = s.mem();
    if (!inside(m, setPtr, SIGSET_SIZE)) return -Errno.EFAULT;
    return s.sigsuspend(m.view.getInt32(setPtr, true), m.view.getInt32(setPtr + 4, true), false);
  },
  pause(c) {
    const s = backend(c);
    if (s === void 0) return -Errno.ENOSYS;
    return s.sigsuspend(0, 0, true);
  },
  /** kill(pid, sig): sig 0 only checks that the process exists. */
  kill(c, pid, sig) {
    const s = backend(c);
    if (s === void 0) return -Errno.ENOSYS;
    if (sig !== 0 && !valid(sig)) return -Errno.EINVAL;
    return s.kill(pid | 0, sig);
  },
  /** sigqueue(pid, sig, value, code): sig 0 only checks that the process exists. */
  sigqueue(c, pid, sig, value, code) {
    const s = backend(c);
    if (s === void 0) return -Errno.ENOSYS;
    if (sig !== 0 && !valid(sig)) return -Errno.EINVAL;
    return s.queue(pid | 0, sig, code | 0, value | 0);
  },
  /** pdeathsig(set, sig): set (1) the parent-death signal (0 clears; EINVAL for an invalid one), or read it (0). */
  pdeathsig(c, set, sig) {
    const s = backend(c);
    if (s === void 0) return -Errno.ENOSYS;
    if (set === 0) return s.parentDeathSignal;
    if (sig !== 0 && !valid(sig)) return -Errno.EINVAL;
    s.parentDeathSignal = sig;
    return 0;
  },
  raise(c, sig) {
    const s = backend(c);
    if (s === void 0) return -Errno.ENOSYS;
    if (!valid(sig)) return -Errno.EINVAL;
    return s.raise(sig);
  },
  /**
   * preempt(): called by loops instrumented at load when their budget of iterations is used up;
   * returns the next budget. Its boundary delivers pending signals and gives up the CPU at the
   * slice's end, as any call's does.
   */
  preempt(c) {
    backend(c)?.lookNow();
    return LOOP_BUDGET;
  },
  /** setitimer(which, new, old) for ITIMER_REAL; the values are µs (the C side converts). */
  setitimer(c, which, newPtr, oldPtr) {
    const s = backend(c);
    if (s === void 0) return -Errno.ENOSYS;
    newPtr >>>= 0;
    oldPtr >>>= 0;
    if (which !== ITIMER_REAL) return -Errno.EINVAL;
    const m = s.mem();
    if (!inside(m, newPtr, ITIMER_SIZE) || oldPtr !== 0 && !inside(m, oldPtr, ITIMER_SIZE)) return -Errno.EFAULT;
    const intervalUs = Number(m.view.getBigInt64(newPtr, true));
    const valueUs = Number(m.view.getBigInt64(newPtr + 8, true));
    if (intervalUs < 0 || valueUs < 0) return -Errno.EINVAL;
    const r = s.itimer({ valueUs, intervalUs }, scratch);
    if (r !== 0) return r;
    if (oldPtr !== 0) writeItimer(s.mem().view, oldPtr, scratch);
    return 0;
  },
  getitimer(c, which, curPtr) {
    const s = backend(c);
    if (s === void 0) return -Errno.ENOSYS;
    curPtr >>>= 0;
    if (which !== ITIMER_REAL) return -Errno.EINVAL;
    if (!inside(s.mem(), curPtr, ITIMER_SIZE)) return -Errno.EFAULT;
    const r = s.itimer(void 0, scratch);
    if (r !== 0) return r;
    writeItimer(s.mem().view, curPtr, scratch);
    return 0;
  }
};
function writeItimer(v, ptr, t) {
  v.setBigInt64(ptr, BigInt(t.intervalUs), true);
  v.setBigInt64(ptr + 8, BigInt(t.valueUs), true);
}
export {
  signalCalls
};
