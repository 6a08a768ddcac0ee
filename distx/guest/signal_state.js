import { DefaultAction, NSIG, SaFlags, Sig, SigHow, defaultAction } from "./signals.js";
var Disposition = /* @__PURE__ */ ((Disposition2) => {
  Disposition2[Disposition2["Default"] = 0] = "Default";
  Disposition2[Disposition2["Ignore"] = 1] = "Ignore";
  Disposition2[Disposition2["Handler"] = 2] = "Handler";
  return Disposition2;
})(Disposition || {});
class SignalDelivery {
  constructor(sig, handler, flags, info, savedLo, savedHi) {
    this.sig = sig;
    this.handler = handler;
    this.flags = flags;
    this.savedLo = savedLo;
    this.savedHi = savedHi;
    this.code = info.code;
    this.pid = info.pid;
    this.uid = info.uid;
    this.addr = info.addr;
    this.value = info.value;
  }
  sig;
  handler;
  flags;
  savedLo;
  savedHi;
  /** The interrupted call's restart state (kept by the process across the handler). */
  savedRestart;
  code;
  pid;
  uid;
  addr;
  value;
}
const UNBLOCKABLE_LO = bit(Sig.KILL) | bit(Sig.STOP);
const STOP_SIGNALS_LO = bit(Sig.STOP) | bit(Sig.TSTP) | bit(Sig.TTIN) | bit(Sig.TTOU);
function bit(sig) {
  return 1 << (sig - 1 & 31);
}
const DEFAULT_ACTION = { kind: 0 /* Default */, handler: 0, flags: 0, maskLo: 0, maskHi: 0 };
class SignalState {
  /** `onDeliverable` is told each time a signal becomes deliverable (the boundary check is armed). */
  constructor(onDeliverable) {
    this.onDeliverable = onDeliverable;
    for (let s = 0; s < NSIG; s++) this.actions.push({ ...DEFAULT_ACTION });
  }
  onDeliverable;
  actions = [];
  blockedLo = 0;
  blockedHi = 0;
  pendingLo = 0;
  pendingHi = 0;
  info = new Array(NSIG);
  /** Some pending signal is not blocked: the program takes it at its next call boundary. */
  deliverable = false;
  /**
   * A stop signal's default action stopped the process: it does not run (process.ts run() waits in
   * the kernel) until SIGCONT or SIGKILL.
   */
  stopped = false;
  /**
   * The process's group is orphaned (POSIX): SIGTSTP, SIGTTIN and SIGTTOU with the default action
   * are then discarded instead of stopping it, as on Linux. Without it the group is not orphaned.
   */
  orphaned;
  /** Told when a stop signal's default action happens (the parent's waitpid(WUNTRACED) sees it). */
  onStopped;
  /** Told when SIGCONT continues a stopped process (the parent's waitpid/waitid(WCONTINUED) sees it). */
  onContinued;
  /** sigsuspend's caller's mask, restored once the handlers that end the suspension have run. */
  suspendedLo = 0;
  suspendedHi = 0;
  suspended = false;
  action(sig) {
    return this.actions[sig];
  }
  isBlocked(sig) {
    return ((sig <= 32 ? this.blockedLo : this.blockedHi) & bit(sig)) !== 0;
  }
  isPending(sig) {
    return ((sig <= 32 ? this.pendingLo : this.pendingHi) & bit(sig)) !== 0;
  }
  /** The siginfo `sig` is pending with (the same object that was posted), if it is pending. */
  pendingInfo(sig) {
    return this.isPending(sig) ? this.info[sig] : void 0;
  }
  /** sigaction: sets a (valid, catchable) signal's action; a pending signal now ignored is discarded. */
  setAction(sig, a) {
    this.actions[sig] = { ...a };
    if (this.ignored(sig)) this.discard(sig);
  }
  /** sigprocmask: changes the blocked mask (SIGKILL and SIGSTOP stay unblocked). */
  setMask(how, lo, hi) {
    switch (how) {
      case SigHow.BLOCK:
        this.blockedLo |= lo;
        this.blockedHi |= hi;
        break;
      case SigHow.UNBLOCK:
        this.blockedLo &= ~lo;
        this.blockedHi &= ~hi;
        break;
      case SigHow.SETMASK:
        this.blockedLo = lo;
        this.blockedHi = hi;
        break;
    }
    this.blockedLo &= ~UNBLOCKABLE_LO;
    this.update();
  }
  /**
   * Makes `sig` pending (SIGKILL is the caller's business). Stop and continue signals take effect
   * here, as Linux applies them when they are sent; a signal that would be ignored is dropped
   * unless it is blocked (then it waits, and sigpending shows it).
   */
  post(sig, info) {
    if (sig <= 32 && (STOP_SIGNALS_LO & bit(sig)) !== 0) {
      if (this.isPending(Sig.CONT)) this.discard(Sig.CONT);
      if (this.stopped && (sig === Sig.STOP || this.actions[sig].kind === 0 /* Default */)) return;
    } else if (sig === Sig.CONT) {
      if ((this.pendingLo & STOP_SIGNALS_LO) !== 0) {
        this.pendingLo &= ~STOP_SIGNALS_LO;
        for (const s of [Sig.STOP, Sig.TSTP, Sig.TTIN, Sig.TTOU]) this.info[s] = void 0;
        this.update();
      }
      if (this.stopped) {
        this.stopped = false;
        this.onContinued?.();
      }
    }
    if (sig === Sig.STOP) {
      this.stop(sig);
      return;
    }
    if (!this.isBlocked(sig)) {
      const a = this.actions[sig];
      if (a.kind === 0 /* Default */ && defaultAction(sig) === DefaultAction.Stop) {
        this.stopUnlessOrphaned(sig);
        return;
      }
      if (this.ignored(sig)) return;
    }
    if (!this.isPending(sig)) this.info[sig] = info;
    if (sig <= 32) this.pendingLo |= bit(sig);
    else this.pendingHi |= bit(sig);
    this.update();
  }
  stop(sig) {
    this.stopped = true;
    this.onStopped?.(sig);
    this.onDeliverable();
  }
  /** A stop signal's default action: stops, but for SIGTSTP/SIGTTIN/SIGTTOU in an orphaned group (dropped). */
  stopUnlessOrphaned(sig) {
    if (sig !== Sig.STOP && this.orphaned?.() === true) return false;
    this.stop(sig);
    return true;
  }
  /** The action of `sig` ignores it: SIG_IGN, or SIG_DFL with an ignoring default. */
  ignored(sig) {
    const a = this.actions[sig];
    if (a.kind === 1 /* Ignore */) return true;
    if (a.kind !== 0 /* Default */) return false;
    const d = defaultAction(sig);
    return d === DefaultAction.Ignore || d === DefaultAction.Continue;
  }
  discard(sig) {
    if (sig <= 32) this.pendingLo &= ~bit(sig);
    else this.pendingHi &= ~bit(sig);
    this.info[sig] = void 0;
    this.update();
  }
  update() {
    this.deliverable = (this.pendingLo & ~this.blockedLo | this.pendingHi & ~this.blockedHi) !== 0;
    if (this.deliverable) this.onDeliverable();
  }
  /** The lowest pending signal that is not blocked, or 0. */
  lowestDeliverable() {
    const lo = this.pendingLo & ~this.blockedLo;
    if (lo !== 0) return 32 - Math.clz32(lo & -lo);
    const hi = this.pendingHi & ~this.blockedHi;
    if (hi !== 0) return 64 - Math.clz32(hi & -hi);
    return 0;
  }
  /**
   * Would a deliverable signal interrupt a blocking call (it runs a handler or ends the process)?
   * Deliverable signals whose default action is to stop or be ignored take effect here instead.
   */
  interrupts() {
    for (let sig = this.lowestDeliverable(); sig !== 0; sig = this.lowestDeliverable()) {
      const a = this.actions[sig];
      if (this.info[sig]?.dropped === true) {
        this.discard(sig);
        continue;
      }
      if (a.kind === 2 /* Handler */) return true;
      if (a.kind === 0 /* Default */) {
        const d = defaultAction(sig);
        if (d === DefaultAction.Terminate || d === DefaultAction.Core) return true;
        if (d === DefaultAction.Stop) {
          this.discard(sig);
          if (this.stopUnlessOrphaned(sig)) return false;
          continue;
        }
      }
      this.discard(sig);
    }
    return false;
  }
  /** The signal that interrupts a blocking call asks for the call to be restarted (SA_RESTART). */
  restarts() {
    const sig = this.lowestDeliverable();
    const a = this.actions[sig];
    return a !== void 0 && a.kind === 2 /* Handler */ && (a.flags & SaFlags.RESTART) !== 0;
  }
  /**
   * Takes the next deliverable signal: a handler to run (its mask is now in effect), a number
   * (a signal whose default action ends the process), or undefined when none is left.
   */
  take() {
    for (let sig = this.lowestDeliverable(); sig !== 0; sig = this.lowestDeliverable()) {
      const info = this.info[sig] ?? { code: 0, pid: 0, uid: 0, addr: 0, value: 0 };
      this.discard(sig);
      if (info.dropped === true) continue;
      const a = this.actions[sig];
      if (a.kind === 1 /* Ignore */) continue;
      if (a.kind === 0 /* Default */) {
        switch (defaultAction(sig)) {
          case DefaultAction.Terminate:
          case DefaultAction.Core:
            return sig;
          // The process stops here (Linux's do_signal_stop); the rest is delivered once it continues.
          case DefaultAction.Stop:
            if (this.stopUnlessOrphaned(sig)) return void 0;
            continue;
          default:
            continue;
        }
      }
      return this.enterHandler(sig, a, info);
    }
    if (this.suspended) {
      this.suspended = false;
      this.setMask(SigHow.SETMASK, this.suspendedLo, this.suspendedHi);
    }
    return void 0;
  }
  /**
   * signalfd's read: takes the lowest pending signal of the set, blocked or not, with its siginfo
   * and without running anything (a voided timer signal is dropped on the way); undefined when
   * no signal of the set is pending.
   */
  takeFromSet(lo, hi) {
    for (; ; ) {
      const l = this.pendingLo & lo;
      const h = this.pendingHi & hi;
      const sig = l !== 0 ? 32 - Math.clz32(l & -l) : h !== 0 ? 64 - Math.clz32(h & -h) : 0;
      if (sig === 0) return void 0;
      const info = this.info[sig] ?? { code: 0, pid: 0, uid: 0, addr: 0, value: 0 };
      this.discard(sig);
      if (info.dropped !== true) return { sig, info };
    }
  }
  /**
   * A synchronous fault: the handler to run now, or undefined when the fault is fatal (no handler,
   * or the signal is blocked: the fault would only repeat, so Linux kills the task).
   */
  takeFault(sig, info) {
    if (!this.catchesFault(sig)) return void 0;
    return this.enterHandler(sig, this.actions[sig], info);
  }
  /** A fault of `sig` now would run a handler. */
  catchesFault(sig) {
    return this.actions[sig].kind === 2 /* Handler */ && !this.isBlocked(sig);
  }
  enterHandler(sig, a, info) {
    const savedLo = this.suspended ? this.suspendedLo : this.blockedLo;
    const savedHi = this.suspended ? this.suspendedHi : this.blockedHi;
    this.suspended = false;
    const d = new SignalDelivery(sig, a.handler, a.flags, info, savedLo, savedHi);
    if ((a.flags & SaFlags.RESETHAND) !== 0) this.actions[sig] = { ...DEFAULT_ACTION };
    let lo = this.blockedLo | a.maskLo;
    let hi = this.blockedHi | a.maskHi;
    if ((a.flags & SaFlags.NODEFER) === 0) {
      if (sig <= 32) lo |= bit(sig);
      else hi |= bit(sig);
    }
    this.setMask(SigHow.SETMASK, lo, hi);
    return d;
  }
  /** A handler returned: the mask from before it is back (sigreturn). */
  handlerReturned(d) {
    this.setMask(SigHow.SETMASK, d.savedLo, d.savedHi);
  }
  /**
   * sigsuspend ended with a signal to handle: its handlers run with the suspension's mask, and
   * `lo`/`hi` (the caller's mask) return once they have.
   */
  restoreAfterHandlers(lo, hi) {
    this.suspended = true;
    this.suspendedLo = lo;
    this.suspendedHi = hi;
  }
}
export {
  Disposition,
  SignalDelivery,
  SignalState
};
