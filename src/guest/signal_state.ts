// A process's signal state, as Linux keeps it per task: the disposition of each signal, the
// blocked mask, the pending sets with one siginfo per pending standard signal (they do not queue)
// and a queue of them per real-time signal (each one sent is delivered), and the rules that pick
// the next signal to deliver and set up its handler's mask. As on Linux there are two kinds of
// pending set: the process's (kill, timers: any thread whose mask lets the signal in takes it) and
// one per thread (pthread_kill, tgkill, raise, a fault: only that thread takes it, before the
// process's). The mask and the thread's set here are the running thread's; green_threads.ts swaps
// them at each switch (switchThread).
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

/** The mask (two words) has `sig`. */
export function maskHas(lo: number, hi: number, sig: number): boolean {
  return ((sig <= 32 ? lo : hi) & bit(sig)) !== 0;
}

/** The lowest signal of the two words, or 0. */
function lowest(lo: number, hi: number): number {
  if (lo !== 0) return 32 - Math.clz32(lo & -lo);
  if (hi !== 0) return 64 - Math.clz32(hi & -hi);
  return 0;
}

/**
 * Signals pending for the process or for one thread: the set, the siginfo of each pending signal
 * and the instances of a real-time signal sent after the pending one, oldest first.
 */
export class PendingSet {
  lo = 0;
  hi = 0;
  readonly info: (SigInfo | undefined)[] = new Array(NSIG);
  readonly queued: (SigInfo[] | undefined)[] = new Array(NSIG);

  has(sig: number): boolean { return maskHas(this.lo, this.hi, sig); }

  /** Makes `sig` pending with `info`; a real-time signal already pending queues behind (a standard one does not). */
  add(sig: number, info: SigInfo): void {
    if (!this.has(sig)) this.info[sig] = info;
    else if (sig >= RT_FIRST) (this.queued[sig] ??= []).push(info);
    if (sig <= 32) this.lo |= bit(sig); else this.hi |= bit(sig);
  }

  /** Drops every pending signal. */
  clear(): void {
    this.lo = this.hi = 0;
    this.info.fill(undefined);
    this.queued.fill(undefined);
  }

  /** Drops `sig`, every queued instance with it. */
  remove(sig: number): void {
    if (sig <= 32) this.lo &= ~bit(sig); else this.hi &= ~bit(sig);
    this.info[sig] = undefined;
    this.queued[sig] = undefined;
  }

  /** Takes the pending instance of `sig` (its siginfo): a real-time signal's next one stays pending. */
  takeOne(sig: number): SigInfo {
    const info = this.info[sig] ?? { code: 0, pid: 0, uid: 0, addr: 0, value: 0 };
    const next = this.queued[sig]?.shift();
    if (next === undefined) this.remove(sig);
    else this.info[sig] = next;
    return info;
  }

  /** The lowest pending signal of the set `lo`/`hi`, or 0. */
  lowestOf(lo: number, hi: number): number { return lowest(this.lo & lo, this.hi & hi); }

  /** This very siginfo is pending for `sig` (queued behind others of a real-time signal too). */
  holds(sig: number, info: SigInfo): boolean {
    return this.has(sig) && (this.info[sig] === info || this.queued[sig]?.includes(info) === true);
  }
}

/** Where post puts a signal for one thread: its pending set, and whether its mask blocks the signal. */
export interface ThreadTarget {
  readonly pending: PendingSet;
  readonly blocks: boolean;
}

const DEFAULT_ACTION: Readonly<SigAction> = { kind: Disposition.Default, handler: 0, flags: 0, maskLo: 0, maskHi: 0 };

export class SignalState {
  private readonly actions: SigAction[] = [];
  blockedLo = 0;
  blockedHi = 0;
  /** The process's pending signals (process-directed). */
  private readonly shared = new PendingSet();
  /** The running thread's own pending signals (thread-directed). */
  private own = new PendingSet();
  /** Every thread's own set (the running one's included): what an ignoring action or SIGCONT clears. */
  private readonly threadSets = new Set<PendingSet>([this.own]);
  /** The set nextDeliverable found its signal in. */
  private picked: PendingSet = this.shared;
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

  /** The signals pending for the running thread: the process's and its own (what sigpending reports of them). */
  get pendingLo(): number { return this.shared.lo | this.own.lo; }
  get pendingHi(): number { return this.shared.hi | this.own.hi; }

  isBlocked(sig: number): boolean {
    return maskHas(this.blockedLo, this.blockedHi, sig);
  }

  /** `sig` is pending for the process or the running thread. */
  isPending(sig: number): boolean {
    return this.shared.has(sig) || this.own.has(sig);
  }

  /** The siginfo `sig` is pending with (the same object that was posted), the running thread's first. */
  pendingInfo(sig: number): SigInfo | undefined {
    return this.own.has(sig) ? this.own.info[sig] : this.shared.has(sig) ? this.shared.info[sig] : undefined;
  }

  /** This very siginfo is pending for `sig` (queued behind others of a real-time signal too). */
  isQueued(sig: number, info: SigInfo): boolean {
    return this.shared.holds(sig, info) || this.own.holds(sig, info);
  }

  // ---- the threads' own sets (green_threads.ts) ----

  /** The running thread's own pending set (the only thread's, before a second is made). */
  get running(): PendingSet { return this.own; }

  /** pthread_create: the new thread's own pending set, empty. */
  addThread(): PendingSet {
    const p = new PendingSet();
    this.threadSets.add(p);
    return p;
  }

  /** A thread ended (or exec ended it): the signals pending for it alone are gone with it, as on Linux. */
  removeThread(p: PendingSet): void {
    this.threadSets.delete(p);
    p.clear();
    this.update();
  }

  /** Another thread runs: its mask and its own pending set are in effect from now on. */
  switchThread(p: PendingSet, lo: number, hi: number): void {
    this.own = p;
    this.setMask(SigHow.SETMASK, lo, hi);
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
   * Makes `sig` pending for the process, or for one thread (`thread`: its set and whether its mask
   * blocks `sig`; SIGKILL is the caller's business). Stop and continue signals take effect here and
   * act on the whole process, as Linux applies them when they are sent; a signal that would be
   * ignored is dropped unless it is blocked (then it waits, and sigpending shows it).
   */
  post(sig: number, info: SigInfo, thread?: ThreadTarget): void {
    if (sig <= 32 && (STOP_SIGNALS_LO & bit(sig)) !== 0) {
      // Linux's prepare_signal: a stop signal cancels a pending continue, in every set.
      this.discard(Sig.CONT);
      // A stopped process stays stopped: a further stop (SIGCONT would discard it) changes nothing.
      if (this.stopped && (sig === Sig.STOP || this.actions[sig]!.kind === Disposition.Default)) return;
    } else if (sig === Sig.CONT) {
      // SIGCONT continues the process whatever its action or mask, and cancels pending stops.
      for (const s of [Sig.STOP, Sig.TSTP, Sig.TTIN, Sig.TTOU]) this.discard(s);
      if (this.stopped) {
        this.stopped = false;
        this.onContinued?.();
      }
    }
    if (sig === Sig.STOP) { this.stop(sig); return; }
    if (!(thread?.blocks ?? this.isBlocked(sig))) {
      const a = this.actions[sig]!;
      // The default action of a stop signal takes effect as it is sent (the process is not running).
      if (a.kind === Disposition.Default && defaultAction(sig) === DefaultAction.Stop) { this.stopUnlessOrphaned(sig); return; }
      if (this.ignored(sig)) return;
    }
    (thread?.pending ?? this.shared).add(sig, info);
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

  /** Drops `sig` from every pending set (the process's and each thread's), every queued instance with it. */
  private discard(sig: number): void {
    if (!this.shared.has(sig) && !this.ownsAnywhere(sig)) return;
    this.shared.remove(sig);
    for (const p of this.threadSets) p.remove(sig);
    this.own.remove(sig); // an ended thread's, until the next one goes on
    this.update();
  }

  private ownsAnywhere(sig: number): boolean {
    if (this.own.has(sig)) return true;
    for (const p of this.threadSets) if (p.has(sig)) return true;
    return false;
  }

  /** Takes the pending instance of `sig` from `set` (its siginfo). */
  private takeOne(set: PendingSet, sig: number): SigInfo {
    const info = set.takeOne(sig);
    this.update();
    return info;
  }

  private update(): void {
    this.deliverable = (((this.shared.lo | this.own.lo) & ~this.blockedLo) | ((this.shared.hi | this.own.hi) & ~this.blockedHi)) !== 0;
    if (this.deliverable) this.onDeliverable();
  }

  /**
   * The next signal to deliver to the running thread, or 0: its own lowest that is not blocked, else
   * the process's (Linux's dequeue_signal); `picked` says which set it is in.
   */
  private nextDeliverable(): number {
    const lo = ~this.blockedLo;
    const hi = ~this.blockedHi;
    const sig = this.own.lowestOf(lo, hi);
    if (sig !== 0) { this.picked = this.own; return sig; }
    this.picked = this.shared;
    return this.shared.lowestOf(lo, hi);
  }

  /**
   * Would a deliverable signal interrupt a blocking call (it runs a handler or ends the process)?
   * Deliverable signals whose default action is to stop or be ignored take effect here instead.
   */
  interrupts(): boolean {
    for (let sig = this.nextDeliverable(); sig !== 0; sig = this.nextDeliverable()) {
      const set = this.picked;
      const a = this.actions[sig]!;
      // A voided timer signal is taken without effect: it wakes nobody.
      if (set.info[sig]?.dropped === true) { this.takeOne(set, sig); continue; }
      if (a.kind === Disposition.Handler) return true;
      if (a.kind === Disposition.Default) {
        const d = defaultAction(sig);
        if (d === DefaultAction.Terminate || d === DefaultAction.Core) return true;
        if (d === DefaultAction.Stop) {
          // The process stops here; the signals after this one are for when it continues.
          this.drop(set, sig);
          if (this.stopUnlessOrphaned(sig)) return false;
          continue;
        }
      }
      this.drop(set, sig);
    }
    return false;
  }

  /** Drops `sig` from one set (taken without effect). */
  private drop(set: PendingSet, sig: number): void {
    set.remove(sig);
    this.update();
  }

  /** The signal that interrupts a blocking call asks for the call to be restarted (SA_RESTART). */
  restarts(): boolean {
    const sig = this.nextDeliverable();
    const a = this.actions[sig];
    return a !== undefined && a.kind === Disposition.Handler && (a.flags & SaFlags.RESTART) !== 0;
  }

  /**
   * Takes the next deliverable signal: a handler to run (its mask is now in effect), a number
   * (a signal whose default action ends the process), or undefined when none is left.
   */
  take(): SignalDelivery | number | undefined {
    for (let sig = this.nextDeliverable(); sig !== 0; sig = this.nextDeliverable()) {
      const info = this.takeOne(this.picked, sig);
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
   * signalfd's read (sigwait, sigwaitinfo, sigtimedwait): takes the lowest pending signal of the
   * set, blocked or not, the running thread's own first, then the process's, with its siginfo and
   * without running anything (a voided timer signal is dropped on the way); undefined when no
   * signal of the set is pending.
   */
  takeFromSet(lo: number, hi: number): { sig: number; info: SigInfo } | undefined {
    for (;;) {
      let set = this.own;
      let sig = set.lowestOf(lo, hi);
      if (sig === 0) { set = this.shared; sig = set.lowestOf(lo, hi); }
      if (sig === 0) return undefined;
      const info = this.takeOne(set, sig);
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
