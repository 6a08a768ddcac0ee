// A process's signal state, as Linux keeps it per task: the disposition of each signal, the
// blocked mask, the pending set with one siginfo per pending standard signal (they do not queue)
// and a queue of them per real-time signal (each one sent is delivered), and the rules that pick
// the next signal to deliver and set up its handler's mask.
// Masks are two 32-bit words (signals 1-32, 33-64), the first 8 bytes of musl's sigset_t.
import type { Restart } from '../libc/restart.js';
import type { HandlerCall } from './program.js';
import { DefaultAction, NSIG, SaFlags, Sig, SigHow, defaultAction } from './signals.js';

export const enum Disposition { Default = 0, Ignore = 1, Handler = 2 }

/** One signal's action (what sigaction sets): the handler's function-table index, flags, mask. */
export interface SigAction {
  kind: Disposition;
  handler: number;
  flags: number;
  maskLo: number;
  maskHi: number;
}

/** What a signal carries to its handler (the siginfo_t fields l4wasm fills). */
export interface SigInfo {
  code: number;
  pid: number;
  uid: number;
  /** si_addr of a fault (0 where it cannot be known). */
  addr: number;
  value: number;
  /** A timer's signal whose timer was re-armed or deleted since: taken without effect (Linux 6.x). */
  dropped?: boolean;
}

/** A handler about to run, and what its return restores (the mask; the interrupted call's state). */
export class SignalDelivery implements HandlerCall {
  /** The interrupted call's restart state (kept by the process across the handler). */
  savedRestart: Restart | undefined;
  constructor(
    readonly sig: number, readonly handler: number, readonly flags: number, info: SigInfo,
    readonly savedLo: number, readonly savedHi: number,
  ) {
    this.code = info.code; this.pid = info.pid; this.uid = info.uid; this.addr = info.addr; this.value = info.value;
  }
  readonly code: number;
  readonly pid: number;
  readonly uid: number;
  readonly addr: number;
  readonly value: number;
}

/** SIGKILL and SIGSTOP can never be blocked. */
const UNBLOCKABLE_LO = bit(Sig.KILL) | bit(Sig.STOP);
/** The stop signals: sending one discards a pending SIGCONT, sending SIGCONT discards them (Linux). */
const STOP_SIGNALS_LO = bit(Sig.STOP) | bit(Sig.TSTP) | bit(Sig.TTIN) | bit(Sig.TTOU);

/** The first real-time signal (the kernel's SIGRTMIN): from it on, signals queue. */
const RT_FIRST = 32;

function bit(sig: number): number { return 1 << ((sig - 1) & 31); }

const DEFAULT_ACTION: Readonly<SigAction> = { kind: Disposition.Default, handler: 0, flags: 0, maskLo: 0, maskHi: 0 };

export class SignalState {
  private readonly actions: SigAction[] = [];
  blockedLo = 0;
  blockedHi = 0;
  pendingLo = 0;
  pendingHi = 0;
  private readonly info: (SigInfo | undefined)[] = new Array(NSIG);
  /** A real-time signal's instances sent after the pending one (info), oldest first. */
  private readonly queued: (SigInfo[] | undefined)[] = new Array(NSIG);
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
  orphaned?: () => boolean;
  /** Told when a stop signal's default action happens (the parent's waitpid(WUNTRACED) sees it). */
  onStopped?: (sig: number) => void;
  /** Told when SIGCONT continues a stopped process (the parent's waitpid/waitid(WCONTINUED) sees it). */
  onContinued?: () => void;
  /** sigsuspend's caller's mask, restored once the handlers that end the suspension have run. */
  private suspendedLo = 0;
  private suspendedHi = 0;
  private suspended = false;

  /** `onDeliverable` is told each time a signal becomes deliverable (the boundary check is armed). */
  constructor(private readonly onDeliverable: () => void) {
    for (let s = 0; s < NSIG; s++) this.actions.push({ ...DEFAULT_ACTION });
  }

  action(sig: number): Readonly<SigAction> { return this.actions[sig]!; }

  isBlocked(sig: number): boolean {
    return ((sig <= 32 ? this.blockedLo : this.blockedHi) & bit(sig)) !== 0;
  }

  isPending(sig: number): boolean {
    return ((sig <= 32 ? this.pendingLo : this.pendingHi) & bit(sig)) !== 0;
  }

  /** The siginfo `sig` is pending with (the same object that was posted), if it is pending. */
  pendingInfo(sig: number): SigInfo | undefined {
    return this.isPending(sig) ? this.info[sig] : undefined;
  }

  /** This very siginfo is pending for `sig` (queued behind others of a real-time signal too). */
  isQueued(sig: number, info: SigInfo): boolean {
    return this.isPending(sig) && (this.info[sig] === info || this.queued[sig]?.includes(info) === true);
  }

  /** sigaction: sets a (valid, catchable) signal's action; a pending signal now ignored is discarded. */
  setAction(sig: number, a: SigAction): void {
    this.actions[sig] = { ...a };
    if (this.ignored(sig)) this.discard(sig);
  }

  /** sigprocmask: changes the blocked mask (SIGKILL and SIGSTOP stay unblocked). */
  setMask(how: SigHow, lo: number, hi: number): void {
    switch (how) {
      case SigHow.BLOCK: this.blockedLo |= lo; this.blockedHi |= hi; break;
      case SigHow.UNBLOCK: this.blockedLo &= ~lo; this.blockedHi &= ~hi; break;
      case SigHow.SETMASK: this.blockedLo = lo; this.blockedHi = hi; break;
    }
    this.blockedLo &= ~UNBLOCKABLE_LO;
    this.update();
  }

  /**
   * Makes `sig` pending (SIGKILL is the caller's business). Stop and continue signals take effect
   * here, as Linux applies them when they are sent; a signal that would be ignored is dropped
   * unless it is blocked (then it waits, and sigpending shows it).
   */
  post(sig: number, info: SigInfo): void {
    if (sig <= 32 && (STOP_SIGNALS_LO & bit(sig)) !== 0) {
      // Linux's prepare_signal: a stop signal cancels a pending continue.
      if (this.isPending(Sig.CONT)) this.discard(Sig.CONT);
      // A stopped process stays stopped: a further stop (SIGCONT would discard it) changes nothing.
      if (this.stopped && (sig === Sig.STOP || this.actions[sig]!.kind === Disposition.Default)) return;
    } else if (sig === Sig.CONT) {
      // SIGCONT continues the process whatever its action or mask, and cancels pending stops.
      if (((this.pendingLo & STOP_SIGNALS_LO) !== 0)) {
        this.pendingLo &= ~STOP_SIGNALS_LO;
        for (const s of [Sig.STOP, Sig.TSTP, Sig.TTIN, Sig.TTOU]) this.info[s] = undefined;
        this.update();
      }
      if (this.stopped) {
        this.stopped = false;
        this.onContinued?.();
      }
    }
    if (sig === Sig.STOP) { this.stop(sig); return; }
    if (!this.isBlocked(sig)) {
      const a = this.actions[sig]!;
      // The default action of a stop signal takes effect as it is sent (the process is not running).
      if (a.kind === Disposition.Default && defaultAction(sig) === DefaultAction.Stop) { this.stopUnlessOrphaned(sig); return; }
      if (this.ignored(sig)) return;
    }
    if (!this.isPending(sig)) this.info[sig] = info;
    else if (sig >= RT_FIRST) (this.queued[sig] ??= []).push(info);
    if (sig <= 32) this.pendingLo |= bit(sig); else this.pendingHi |= bit(sig);
    this.update();
  }

  private stop(sig: number): void {
    this.stopped = true;
    this.onStopped?.(sig);
    // A running program stops at its next call boundary (signal_process.ts boundary()).
    this.onDeliverable();
  }

  /** A stop signal's default action: stops, but for SIGTSTP/SIGTTIN/SIGTTOU in an orphaned group (dropped). */
  private stopUnlessOrphaned(sig: number): boolean {
    if (sig !== Sig.STOP && this.orphaned?.() === true) return false;
    this.stop(sig);
    return true;
  }

  /** The action of `sig` ignores it: SIG_IGN, or SIG_DFL with an ignoring default. */
  private ignored(sig: number): boolean {
    const a = this.actions[sig]!;
    if (a.kind === Disposition.Ignore) return true;
    if (a.kind !== Disposition.Default) return false;
    const d = defaultAction(sig);
    return d === DefaultAction.Ignore || d === DefaultAction.Continue;
  }

  /** Drops `sig` from the pending set, every queued instance with it. */
  private discard(sig: number): void {
    if (sig <= 32) this.pendingLo &= ~bit(sig); else this.pendingHi &= ~bit(sig);
    this.info[sig] = undefined;
    this.queued[sig] = undefined;
    this.update();
  }

  /** Takes the pending instance of `sig` (its siginfo): a real-time signal's next one stays pending. */
  private takeOne(sig: number): SigInfo {
    const info = this.info[sig] ?? { code: 0, pid: 0, uid: 0, addr: 0, value: 0 };
    const next = this.queued[sig]?.shift();
    if (next === undefined) this.discard(sig);
    else this.info[sig] = next;
    return info;
  }

  private update(): void {
    this.deliverable = ((this.pendingLo & ~this.blockedLo) | (this.pendingHi & ~this.blockedHi)) !== 0;
    if (this.deliverable) this.onDeliverable();
  }

  /** The lowest pending signal that is not blocked, or 0. */
  private lowestDeliverable(): number {
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
  interrupts(): boolean {
    for (let sig = this.lowestDeliverable(); sig !== 0; sig = this.lowestDeliverable()) {
      const a = this.actions[sig]!;
      // A voided timer signal is taken without effect: it wakes nobody.
      if (this.info[sig]?.dropped === true) { this.takeOne(sig); continue; }
      if (a.kind === Disposition.Handler) return true;
      if (a.kind === Disposition.Default) {
        const d = defaultAction(sig);
        if (d === DefaultAction.Terminate || d === DefaultAction.Core) return true;
        if (d === DefaultAction.Stop) {
          // The process stops here; the signals after this one are for when it continues.
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
  restarts(): boolean {
    const sig = this.lowestDeliverable();
    const a = this.actions[sig];
    return a !== undefined && a.kind === Disposition.Handler && (a.flags & SaFlags.RESTART) !== 0;
  }

  /**
   * Takes the next deliverable signal: a handler to run (its mask is now in effect), a number
   * (a signal whose default action ends the process), or undefined when none is left.
   */
  take(): SignalDelivery | number | undefined {
    for (let sig = this.lowestDeliverable(); sig !== 0; sig = this.lowestDeliverable()) {
      const info = this.takeOne(sig);
      if (info.dropped === true) continue;
      const a = this.actions[sig]!;
      if (a.kind === Disposition.Ignore) continue;
      if (a.kind === Disposition.Default) {
        switch (defaultAction(sig)) {
          case DefaultAction.Terminate: case DefaultAction.Core: return sig;
          // The process stops here (Linux's do_signal_stop); the rest is delivered once it continues.
          case DefaultAction.Stop: if (this.stopUnlessOrphaned(sig)) return undefined; continue;
          default: continue;
        }
      }
      return this.enterHandler(sig, a, info);
    }
    if (this.suspended) {
      this.suspended = false;
      this.setMask(SigHow.SETMASK, this.suspendedLo, this.suspendedHi);
    }
    return undefined;
  }

  /**
   * signalfd's read: takes the lowest pending signal of the set, blocked or not, with its siginfo
   * and without running anything (a voided timer signal is dropped on the way); undefined when
   * no signal of the set is pending.
   */
  takeFromSet(lo: number, hi: number): { sig: number; info: SigInfo } | undefined {
    for (;;) {
      const l = this.pendingLo & lo;
      const h = this.pendingHi & hi;
      const sig = l !== 0 ? 32 - Math.clz32(l & -l) : h !== 0 ? 64 - Math.clz32(h & -h) : 0;
      if (sig === 0) return undefined;
      const info = this.takeOne(sig);
      if (info.dropped !== true) return { sig, info };
    }
  }

  /**
   * A synchronous fault: the handler to run now, or undefined when the fault is fatal (no handler,
   * or the signal is blocked: the fault would only repeat, so Linux kills the task).
   */
  takeFault(sig: number, info: SigInfo): SignalDelivery | undefined {
    if (!this.catchesFault(sig)) return undefined;
    return this.enterHandler(sig, this.actions[sig]!, info);
  }

  /** A fault of `sig` now would run a handler. */
  catchesFault(sig: number): boolean {
    return this.actions[sig]!.kind === Disposition.Handler && !this.isBlocked(sig);
  }

  private enterHandler(sig: number, a: SigAction, info: SigInfo): SignalDelivery {
    const savedLo = this.suspended ? this.suspendedLo : this.blockedLo;
    const savedHi = this.suspended ? this.suspendedHi : this.blockedHi;
    this.suspended = false;
    const d = new SignalDelivery(sig, a.handler, a.flags, info, savedLo, savedHi);
    // Linux resets the handler only: sigaction still reports the flags and mask.
    if ((a.flags & SaFlags.RESETHAND) !== 0) this.actions[sig] = { ...a, kind: Disposition.Default, handler: 0 };
    let lo = this.blockedLo | a.maskLo;
    let hi = this.blockedHi | a.maskHi;
    if ((a.flags & SaFlags.NODEFER) === 0) {
      if (sig <= 32) lo |= bit(sig); else hi |= bit(sig);
    }
    this.setMask(SigHow.SETMASK, lo, hi);
    return d;
  }

  /** A handler returned: the mask from before it is back (sigreturn). */
  handlerReturned(d: SignalDelivery): void {
    this.setMask(SigHow.SETMASK, d.savedLo, d.savedHi);
  }

  /**
   * sigsuspend ended with a signal to handle: its handlers run with the suspension's mask, and
   * `lo`/`hi` (the caller's mask) return once they have.
   */
  restoreAfterHandlers(lo: number, hi: number): void {
    this.suspended = true;
    this.suspendedLo = lo;
    this.suspendedHi = hi;
  }
}
