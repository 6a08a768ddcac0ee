// The signal machinery of one process: its signal state, its exception/timer handler thread E,
// what happens at the program's call boundaries (deliver pending signals; give up the CPU when a
// kernel timeout is due or the program has run long enough), how a blocking call is interrupted
// (EINTR, or a restart under SA_RESTART), how a trap becomes a signal (reflected to E, which lets
// the handler run or ends the process), and the backend of the l4posix signal calls.
import { errnoOfKernel } from '../kernel/kernel_errno.js';
import type { Restart } from '../libc/restart.js';
import { ResumeAction, Rights, msgTag, tagLabel, type Kernel, type KRef, type TaskId, type ThreadId } from '../kernel/kernel.js';
import { WOULD_BLOCK, type Cpu } from '../kernel/cpu.js';
import { ProcessExit, SUSPEND, type WaitSpec } from '../libc/context.js';
import { GuestMemory } from '../libc/abi.js';
import { Errno } from '../errno.js';
import type { Identity } from '../libc/l4posix.js';
import type { ItimerValue, PosixTimerSpec, SignalBackend } from '../libc/l4posix_signal.js';
import { Boundary, type CallHooks, type HandlerCall, type RunOutcome } from './program.js';
import { SignalDelivery, SignalState, maskHas, type PendingSet, type SigInfo } from './signal_state.js';
import { ITIMER_REAL_KEY, SignalThread, TimerOp } from './signal_thread.js';
import { PosixTimers, SigevNotify, TimerClock, type ThreadNotification } from './signal_timers.js';
import { TimeSlice } from './time_slice.js';
import { SIGABRT, SIGKILL, Sig, SiCode, SigHow, trapKind, trapSignal, TrapKind } from './signals.js';

/** Capability slots in the process's task (next to the process's own, see process.ts). */
const enum Slot { ExceptionHandler = 9, SignalGate = 10 }


/** How a process ended (process.ts ExitStatus). */
export interface EndStatus {
  code: number;
  signal?: number;
  trap?: { message: string; func?: string };
}

/** What the signal machinery needs of its process (src/guest/process.ts implements it). */
export interface SignalOwner {
  readonly kernel: Kernel;
  readonly cpu: Cpu;
  readonly task: KRef<TaskId>;
  readonly thread: KRef<ThreadId>;
  readonly identity: Identity;
  /** The program's memory (once the program is loaded). */
  readonly memory: WebAssembly.Memory;
  /** The state a suspended call keeps across its re-executions (SyscallContext.restart). */
  restart: Restart | undefined;
  /** Its POSIX threads, once it has made one (green_threads.ts). */
  readonly threadGroup?: {
    callCompleted(): void; preempted(): void; signalled(): void;
    readonly cancelPending: boolean; takeCancel(): HandlerCall | undefined; asyncCancelDue(): boolean;
    has(tid: number): boolean;
    signalThread(tid: number, sig: number, post: (pending: PendingSet, maskLo: number, maskHi: number) => void): number;
  } | undefined;
  /** The program thread is running on the CPU now (its import is on the stack). */
  readonly onCpu: boolean;
  /** Makes the program thread runnable if it waits in a blocking call. */
  wake(): void;
  /** Ends the process from outside (it is not running). */
  terminate(signal: number): void;
  /** Ends the process with `status`. */
  finish(status: EndStatus): void;
  /** Blocks the program thread in the kernel until `spec` is met (returns SUSPEND). */
  wait(spec: WaitSpec): number;
  /** Another process on the machine, by pid. */
  findProcess(pid: number): SignalTarget | undefined;
  /** Every process on the machine (zombies included). */
  processes(): Iterable<SignalTarget>;
}

/** Another process, as kill sees it. */
export interface SignalTarget {
  readonly signals: ProcessSignals;
  readonly identity: Identity;
  /** It has ended (a zombie): signals to it are accepted and dropped. */
  readonly ended: boolean;
}

interface Fault {
  sig: number;
  info: SigInfo;
  /** What trapped (none for abort). */
  trap?: { message: string; func?: string };
  /** Reflected to E; T waits for E's reply. */
  awaitingReply: boolean;
  /** The handler that runs for it (after E's reply). */
  handler?: SignalDelivery;
}

export class ProcessSignals implements CallHooks, SignalBackend {
  readonly state: SignalState;
  /** E: the exception and timer handler thread. */
  readonly handler: SignalThread;
  countdown = 1;
  suspendForbidden = 0;
  private readonly slice: TimeSlice;
  private restartRequested = false;
  private fault?: Fault;
  /** A fault signal whose handler, run by the program's own check (catchFault), returned: its trap is fatal. */
  private returnedFault = 0;
  private readonly guest: GuestMemory;
  /** The POSIX timers (timer_create); their deadlines are E's, but for the CPU-time ones. */
  private readonly timers: PosixTimers;
  /** The process's CPU time (ns), known once a CPU-time timer is made. */
  private cpuClock?: () => number;

  constructor(private readonly owner: SignalOwner) {
    this.guest = new GuestMemory(owner);
    this.state = new SignalState(() => { this.countdown = 0; });
    const k = owner.kernel;
    this.slice = new TimeSlice(k, owner.cpu.id);
    this.handler = new SignalThread(k, owner.cpu, {
      catchesFault: (sig) => this.state.catchesFault(sig),
      dieOfFault: () => this.dieOfFault(),
      timerExpired: (key, overruns) => {
        if (key === ITIMER_REAL_KEY) this.send(Sig.ALRM, { code: SiCode.KERNEL, pid: 0, uid: 0, addr: 0, value: 0 });
        else this.timers.expired(key, overruns);
      },
    });
    this.timers = new PosixTimers({ send: (sig, info) => { this.send(sig, info); }, isQueued: (sig, info) => this.state.isQueued(sig, info) });
    k.map(k.rootTask, this.handler.thread.cap, owner.task.id, Slot.ExceptionHandler, Rights.W);
    k.map(k.rootTask, this.handler.gate.cap, owner.task.id, Slot.SignalGate, Rights.W);
    k.setHandlers(owner.thread.id, Slot.ExceptionHandler);
  }

  /** The process ended. */
  close(): void {
    this.timers.clear();
    this.handler.close();
  }

  /** exec: the POSIX timers are deleted (ITIMER_REAL stays, as on Linux). */
  execed(): void {
    this.handler.forget(this.timers.clear());
  }

  /** The program's memory, refreshed. */
  mem(): GuestMemory {
    this.guest.refresh();
    return this.guest;
  }

  /** The program thread is dispatched (start of its run on the CPU). */
  dispatched(): void {
    this.slice.dispatched();
  }

  // ---- sending ----

  /** Sends `sig` to this process (kill from anywhere; the timer). */
  send(sig: number, info: SigInfo): number {
    if (sig === 0) return 0;
    if (sig === SIGKILL) {
      if (this.owner.onCpu) throw new ProcessExit(128 + SIGKILL, SIGKILL);
      this.owner.terminate(SIGKILL);
      return 0;
    }
    this.state.post(sig, info);
    if (!this.owner.onCpu) this.owner.wake();
    // Another thread than the running one may take it (its mask lets it in): the waiting ones look.
    else this.owner.threadGroup?.signalled();
    return 0;
  }

  /**
   * Sends `sig` to thread `tid` of this process alone (tgkill, pthread_kill): pending for that
   * thread, which takes it when it runs with it unblocked (or its sigwait does). The action is the
   * process's: SIGKILL, a fatal default or a stop acts on the whole process, as on Linux. -ESRCH
   * when no such thread is alive; sig 0 only checks.
   */
  sendToThread(tid: number, sig: number, info: SigInfo): number {
    const group = this.owner.threadGroup;
    if (group === undefined ? tid !== this.owner.identity.pid : !group.has(tid)) return -Errno.ESRCH;
    if (sig === 0) return 0;
    if (sig === SIGKILL) return this.send(sig, info);
    if (group !== undefined) {
      return group.signalThread(tid, sig, (pending, lo, hi) => this.state.post(sig, info, { pending, blocks: maskHas(lo, hi, sig) }));
    }
    return this.sendToRunning(sig, info);
  }

  /**
   * Sends `sig` to the running thread alone: raise, the fault it made (a write through a null
   * pointer, a division by zero its code caught), SIGPIPE and SIGXFSZ of its call (Linux sends
   * them to the calling thread).
   */
  sendToRunning(sig: number, info: SigInfo): number {
    if (sig === SIGKILL) return this.send(sig, info);
    this.state.post(sig, info, { pending: this.state.running, blocks: this.state.isBlocked(sig) });
    if (!this.owner.onCpu) this.owner.wake();
    return 0;
  }

  // ---- call boundaries (CallHooks) ----

  lookNow(): void { this.countdown = 1; }

  boundary(canYield: boolean): Boundary {
    const k = this.owner.kernel;
    if (this.state.stopped) {
      // A stop took effect during this call: the program gives up the CPU here, and its process
      // (process.ts run()) keeps it off until SIGCONT; nothing is delivered while it is stopped.
      // A call that cannot suspend passes on: the countdown stays at zero, the next call stops.
      if (!canYield || this.suspendForbidden > 0) return Boundary.Continue;
      k.yield(this.owner.thread.id);
      return Boundary.Yield;
    }
    if (this.state.deliverable || this.owner.threadGroup?.cancelPending === true) return Boundary.Deliver;
    // An asynchronous cancellation ends the thread where it can unwind: not in a call that cannot suspend.
    if (canYield && this.suspendForbidden === 0 && this.owner.threadGroup?.asyncCancelDue() === true) return Boundary.Deliver;
    const now = k.nowUs();
    this.countdown = this.slice.look(now);
    // E's timer is due but E cannot run while the program holds the CPU: ask E, by IPC, to look.
    if (this.handler.timerDue(now)) {
      this.pokeTimer();
      if (this.state.deliverable) return Boundary.Deliver;
    }
    if (this.timers.cpuTimersArmed && this.cpuClock !== undefined) {
      this.timers.checkCpu(this.cpuClock());
      if (this.state.deliverable) return Boundary.Deliver;
    }
    if (canYield && this.suspendForbidden === 0 && this.slice.mustYield(now)) {
      k.yield(this.owner.thread.id);
      this.owner.threadGroup?.preempted();
      return Boundary.Yield;
    }
    return Boundary.Continue;
  }

  /** A request to E that makes it handle its expired timer now (on the IPC fast path). */
  private pokeTimer(): void {
    const o = this.owner;
    const r = o.cpu.call(o.thread.id, Slot.SignalGate, msgTag(TimerOp.Poll, 0));
    // E is not waiting (it cannot be, while the program runs): the program must not stay blocked.
    if (r === WOULD_BLOCK) o.kernel.cancel(o.thread.id);
  }

  takeSignal(): HandlerCall | undefined {
    // A thread canceled in a blocking call ends there (it never returns to the call).
    const cancel = this.owner.threadGroup?.takeCancel();
    if (cancel !== undefined) return cancel;
    const d = this.state.take();
    if (d === undefined) {
      // Stopped by a signal just taken: the next call's boundary gives up the CPU.
      if (!this.state.deliverable && !this.state.stopped) this.countdown = this.slice.budget;
      return undefined;
    }
    if (typeof d === 'number') throw new ProcessExit(128 + d, d);
    // The interrupted call's restart state is its own: the handler's calls start afresh, and a
    // handler that leaves by siglongjmp abandons the call, so nothing of it may stay behind (a
    // later spawn took its pending program, a later poll its deadlines).
    d.savedRestart = this.owner.restart;
    this.owner.restart = undefined;
    return d;
  }

  signalReturned(call: HandlerCall): void {
    if (!(call instanceof SignalDelivery)) return; // a thread's cancellation (it does not return)
    const d = call;
    this.state.handlerReturned(d);
    this.owner.restart = d.savedRestart;
  }

  takeRestart(): boolean {
    const r = this.restartRequested;
    this.restartRequested = false;
    return r;
  }

  callCompleted(): void {
    this.owner.restart = undefined;
    this.owner.threadGroup?.callCompleted();
  }

  /**
   * A blocking call is about to wait: a signal to handle interrupts it instead. Returns -EINTR,
   * SUSPEND (the call runs again after the handler: SA_RESTART on a call that restarts), or
   * undefined (wait). Calls with a timeout or several files, polls and sleeps never restart, as on
   * Linux.
   */
  interruptWait(spec: WaitSpec): number | undefined {
    if (!this.state.deliverable || !this.state.interrupts()) return undefined;
    // poll_oneoff (poll, select), ppoll and System V IPC's waits (their restart states say so)
    // never restart, even on one file, as on Linux.
    const kind = this.owner.restart?.kind;
    const restartable = spec.deadlineNs === undefined && (spec.files?.length ?? 0) + (spec.sources?.length ?? 0) === 1
      && kind !== 'poll' && kind !== 'ppoll' && kind !== 'sysv-wait';
    if (restartable && this.state.restarts()) {
      this.restartRequested = true;
      return SUSPEND;
    }
    return -Errno.EINTR;
  }

  // ---- traps: reflected to E as exceptions ----

  /** The program trapped: the kernel reflects it to E, whose reply decides (see faultHandlerToRun). */
  reflectTrap(outcome: Extract<RunOutcome, { kind: 'trapped' }>, handlesSignals: boolean): void {
    let kind = trapKind(outcome.message);
    // abort() ends in a trap once SIGABRT's handler (if any) has run: death by SIGABRT.
    if (kind === TrapKind.Unreachable && outcome.func === 'abort') kind = TrapKind.Abort;
    const trap = kind === TrapKind.Abort ? undefined
      : outcome.func === undefined ? { message: outcome.message } : { message: outcome.message, func: outcome.func };
    if (!handlesSignals) {
      // A program without signal support (no handler can exist) dies of the same signal the
      // fault raises in one with it: one rule, whether the program links libl4posix or not.
      const sig = kind === TrapKind.Abort ? SIGABRT : trapSignal(kind).sig;
      this.owner.finish(trap === undefined ? { code: 128 + sig, signal: sig } : { code: 128 + sig, signal: sig, trap });
      return;
    }
    const inHandler = this.fault?.handler;
    if (kind === TrapKind.UncaughtException && inHandler !== undefined) {
      // The fault's handler longjmp'd: the trap had unwound the frames it jumps to.
      const f = this.fault!;
      const message = `${f.trap?.message ?? 'abort'} (its signal handler longjmp'd, but the trap had already unwound the target frame)`;
      this.owner.finish({ code: 128 + f.sig, signal: f.sig, trap: { ...f.trap, message } });
      return;
    }
    const { sig, code } = trapSignal(kind);
    if (this.returnedFault === sig) {
      // Its handler ran inside the program's own check (catchFault) and returned: the same fault again.
      this.owner.finish(trap === undefined ? { code: 128 + sig, signal: sig } : { code: 128 + sig, signal: sig, trap });
      return;
    }
    const pc = outcome.pc ?? 0;
    // si_addr: the faulting instruction for FPE/ILL; a bad data address is not known to the host.
    const addr = sig === Sig.FPE || sig === Sig.ILL ? pc : 0;
    this.fault = { sig, info: { code, pid: 0, uid: 0, addr, value: 0 }, trap, awaitingReply: true };
    const r = this.owner.kernel.raiseException(this.owner.thread.id, kind, pc, addr);
    if (r < 0 && r !== WOULD_BLOCK) this.dieOfFault();
  }

  /** When T runs after E answered a fault: the handler to run (E said RunHandler), else the process ends. */
  faultHandlerToRun(): HandlerCall | undefined {
    const f = this.fault;
    if (f === undefined || !f.awaitingReply) return undefined;
    f.awaitingReply = false;
    const k = this.owner.kernel;
    const d = k.resumeAction(this.owner.thread.id) === ResumeAction.RunHandler ? this.state.takeFault(f.sig, f.info) : undefined;
    if (d === undefined) {
      this.dieOfFault();
      return undefined;
    }
    f.handler = d;
    return d;
  }

  /** The fault is fatal (no handler, or its handler returned: the instruction would fault again). */
  dieOfFault(): void {
    const f = this.fault;
    if (f === undefined) return;
    this.owner.finish(f.trap === undefined ? { code: 128 + f.sig, signal: f.sig } : { code: 128 + f.sig, signal: f.sig, trap: f.trap });
  }

  // ---- the l4posix signal calls (SignalBackend) ----

  kill(pid: number, sig: number): number {
    if (this.owner.restart?.kind === 'yielded') return 0; // the re-run of a kill that stopped its caller
    const me = this.owner.identity;
    const info = { code: SiCode.USER, pid: me.pid, uid: me.uid, addr: 0, value: 0 };
    if (pid === me.pid) return this.stopInCall(this.send(sig, info));
    if (pid === -1 || pid === 0 || pid < -1) {
      // -1: every process but the caller; 0: the caller's group; < -1: group -pid. The caller last
      // (SIGKILL to itself ends it here).
      const pgid = pid === 0 ? me.pgid : -pid;
      let found = 0;
      let self = false;
      for (const p of [...this.owner.processes()]) {
        if (p.ended || (pid !== -1 && p.identity.pgid !== pgid)) continue;
        if (p.signals === this) { if (pid !== -1) { found++; self = true; } continue; }
        found++;
        p.signals.send(sig, info);
      }
      if (self) return this.stopInCall(this.send(sig, info));
      return found > 0 ? 0 : -Errno.ESRCH;
    }
    const target = this.owner.findProcess(pid);
    if (target === undefined) return -Errno.ESRCH;
    if (target.ended) return 0;
    return target.signals.send(sig, info);
  }

  /** prctl(PR_SET_PDEATHSIG): sent when the parent ends; not inherited by fork, kept across exec (Linux). */
  parentDeathSignal = 0;

  /**
   * sigqueue (code SI_QUEUE) and the library's own notifications (SI_ASYNCIO, ...): `sig` with
   * `value` to process `pid`. Only a process's own signals may claim another negative code or
   * SI_TKILL (Linux: EPERM); a pid that names no one process is ESRCH.
   */
  queue(pid: number, sig: number, code: number, value: number): number {
    const me = this.owner.identity;
    if (code >= 0 || (pid !== me.pid && code !== SiCode.QUEUE)) return -Errno.EPERM;
    if (this.owner.restart?.kind === 'yielded') return 0; // the re-run of a sigqueue that stopped its caller
    const info = { code, pid: me.pid, uid: me.uid, addr: 0, value };
    if (pid === me.pid) return this.stopInCall(this.send(sig, info));
    const target = pid > 0 ? this.owner.findProcess(pid) : undefined;
    if (target === undefined) return -Errno.ESRCH;
    if (target.ended) return 0;
    return target.signals.send(sig, info);
  }

  /** A fault of `sig` now would run a handler (caught and not blocked). */
  catchesFault(sig: number): boolean { return this.state.catchesFault(sig); }

  /**
   * The call being made is to give up before acting: its handlers run, then it runs again (the
   * caller returns SUSPEND), as a restarted call does. False where the call cannot suspend.
   */
  runHandlersFirst(): boolean {
    if (this.suspendForbidden > 0) return false;
    this.restartRequested = true;
    return true;
  }

  catchFault(sig: number, code: number): number {
    if (!this.state.catchesFault(sig)) return 1;
    this.sendToRunning(sig, { code, pid: 0, uid: 0, addr: 0, value: 0 });
    return 0;
  }

  faultHandlerReturned(sig: number): void {
    this.returnedFault = sig;
  }

  /** raise: `sig` for the calling thread alone (as Linux's tgkill(getpid(), gettid(), sig)). */
  raise(sig: number): number {
    if (this.owner.restart?.kind === 'yielded') return 0; // the re-run of a raise that stopped its caller
    const me = this.owner.identity;
    return this.stopInCall(this.sendToRunning(sig, { code: SiCode.TKILL, pid: me.pid, uid: me.uid, addr: 0, value: 0 }));
  }

  /**
   * tgkill (pthread_kill): `sig` for thread `tid` of process `pid` alone, with si_code SI_TKILL.
   * ESRCH when the process has no such thread (an ended process has none).
   */
  tgkill(pid: number, tid: number, sig: number): number {
    if (this.owner.restart?.kind === 'yielded') return 0; // the re-run of a tgkill that stopped its caller
    const me = this.owner.identity;
    const info = { code: SiCode.TKILL, pid: me.pid, uid: me.uid, addr: 0, value: 0 };
    if (pid === me.pid) return this.stopInCall(this.sendToThread(tid, sig, info));
    const target = this.owner.findProcess(pid);
    if (target === undefined || target.ended) return -Errno.ESRCH;
    return target.signals.sendToThread(tid, sig, info);
  }

  /**
   * A signal the process sent itself (raise, kill, sigqueue) stopped it: the call gives up the CPU
   * and completes with 0 once SIGCONT continues the process (raise(SIGSTOP) returns then, as on
   * Linux). It is re-run then, its restart state saying it is done; a decoupled program's worker
   * waits for the reply meanwhile. A call inside a handler that cannot suspend stops at a later call.
   */
  private stopInCall(r: number): number {
    const o = this.owner;
    if (r !== 0 || !this.state.stopped || !o.onCpu || this.suspendForbidden > 0) return r;
    o.restart = { kind: 'yielded' };
    o.kernel.yield(o.thread.id);
    return SUSPEND;
  }

  sigsuspend(lo: number, hi: number, keepMask: boolean): number {
    const o = this.owner;
    if (o.restart?.kind !== 'sigsuspend') {
      o.restart = { kind: 'sigsuspend', lo: this.state.blockedLo, hi: this.state.blockedHi };
      if (!keepMask) this.state.setMask(SigHow.SETMASK, lo, hi);
    }
    const saved = o.restart;
    const r = o.wait({});
    if (r !== SUSPEND) this.state.restoreAfterHandlers(saved.lo, saved.hi);
    return r;
  }

  restoreMaskAfterHandlers(lo: number, hi: number): void {
    // No handler to run (a wait refused inside a handler that cannot suspend): the mask is back now.
    if (this.state.deliverable) this.state.restoreAfterHandlers(lo, hi);
    else this.state.setMask(SigHow.SETMASK, lo, hi);
  }

  itimer(set: ItimerValue | undefined, old: ItimerValue): number {
    return this.timerRequest(set === undefined ? TimerOp.Get : TimerOp.Set, ITIMER_REAL_KEY, set, old);
  }

  timerCreate(clock: number, notify: number, signo: number, value: number | undefined, cpuClock: () => number): number {
    if (clock !== TimerClock.Realtime && clock !== TimerClock.Monotonic && clock !== TimerClock.ProcessCpu && clock !== TimerClock.ThreadCpu) {
      return -Errno.EINVAL;
    }
    if (notify !== SigevNotify.Signal && notify !== SigevNotify.None && notify !== SigevNotify.Thread) return -Errno.EINVAL;
    if (notify === SigevNotify.Signal && !(signo > 0 && signo < 65)) return -Errno.EINVAL;
    if (clock === TimerClock.ProcessCpu || clock === TimerClock.ThreadCpu) this.cpuClock = cpuClock;
    return this.timers.create(clock, { notify, signo, value });
  }

  timerClock(id: number): number {
    return this.timers.clockOf(id) ?? -Errno.EINVAL;
  }

  timerSet(id: number, set: PosixTimerSpec, old: PosixTimerSpec): number {
    if (!this.timers.has(id)) return -Errno.EINVAL;
    // Before E hears of the new setting (it may expire at once, on this call's fast path).
    if (this.owner.restart?.kind !== 'timer') this.timers.rearmed(id);
    if (this.timers.isCpuClock(id)) {
      const o = this.timers.setCpu(id, this.cpuClock!(), set.valueNs, set.intervalNs);
      old.valueNs = o.remainingNs;
      old.intervalNs = o.intervalNs;
      return 0;
    }
    // E counts µs: a value rounds up (a timer never expires early), an interval to the nearest.
    const us: ItimerValue = { valueUs: Math.ceil(set.valueNs / 1000), intervalUs: Math.round(set.intervalNs / 1000) };
    if (set.intervalNs > 0 && us.intervalUs === 0) us.intervalUs = 1;
    const r = this.timerRequest(TimerOp.Set, id, us, scratchUs);
    if (r !== 0) return r;
    old.valueNs = scratchUs.valueUs * 1000;
    old.intervalNs = scratchUs.intervalUs * 1000;
    return 0;
  }

  timerGet(id: number, cur: PosixTimerSpec): number {
    if (!this.timers.has(id)) return -Errno.EINVAL;
    if (this.timers.isCpuClock(id)) {
      const o = this.timers.getCpu(id, this.cpuClock!());
      cur.valueNs = o.remainingNs;
      cur.intervalNs = o.intervalNs;
      return 0;
    }
    const r = this.timerRequest(TimerOp.Get, id, undefined, scratchUs);
    if (r !== 0) return r;
    cur.valueNs = scratchUs.valueUs * 1000;
    cur.intervalNs = scratchUs.intervalUs * 1000;
    return 0;
  }

  timerOverrun(id: number): number {
    return this.timers.overrun(id);
  }

  timerNotification(): ThreadNotification | undefined { return this.timers.takeNotification(); }

  get timerNotified(): { subscribe(wake: () => void): () => void } {
    const q = this.timers.notified;
    return { subscribe: (wake) => q.add(wake) };
  }

  timerDelete(id: number): number {
    if (!this.timers.has(id)) return -Errno.EINVAL;
    if (!this.timers.isCpuClock(id)) {
      const r = this.timerRequest(TimerOp.Delete, id, undefined, scratchUs);
      if (r !== 0) return r;
    }
    this.timers.delete(id);
    return 0;
  }

  /**
   * A request to E about timer `key` (Set with `set`, Get, Delete); the old [remaining, interval]
   * in `old`. 0, -errno or SUSPEND (E was not waiting: the call runs again and reads E's reply).
   */
  private timerRequest(op: TimerOp, key: number, set: ItimerValue | undefined, old: ItimerValue): number {
    const o = this.owner;
    const k = o.kernel;
    const t = o.thread.id;
    let r: number;
    if (o.restart?.kind === 'timer') {
      r = k.result(t); // the request blocked; E has replied since
    } else {
      const words = [key >>> 0];
      if (op === TimerOp.Set && set !== undefined) {
        words.push(set.valueUs >>> 0, Math.floor(set.valueUs / 2 ** 32), set.intervalUs >>> 0, Math.floor(set.intervalUs / 2 ** 32));
      }
      r = o.cpu.call(t, Slot.SignalGate, msgTag(op, words.length), words);
      if (r === WOULD_BLOCK) {
        if (this.suspendForbidden > 0) {
          k.cancel(t);
          return -Errno.EAGAIN;
        }
        o.restart = { kind: 'timer' };
        return SUSPEND;
      }
    }
    if (r < 0) return errnoOfKernel(r);
    const status = tagLabel(k.tag(t));
    if (status < 0) return status; // E's answer: -errno in the label
    if (op === TimerOp.Delete) return 0;
    old.valueUs = k.mr(t, 0) + k.mr(t, 1) * 2 ** 32;
    old.intervalUs = k.mr(t, 2) + k.mr(t, 3) * 2 ** 32;
    return 0;
  }
}

const scratchUs: ItimerValue = { valueUs: 0, intervalUs: 0 };
