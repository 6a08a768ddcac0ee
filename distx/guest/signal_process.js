import { errnoOfKernel } from "../kernel/kernel_errno.js";
import { ResumeAction, Rights, msgTag, tagLabel } from "../kernel/kernel.js";
import { WOULD_BLOCK } from "../kernel/cpu.js";
import { ProcessExit, SUSPEND } from "../libc/context.js";
import { GuestMemory } from "../libc/abi.js";
import { Errno } from "../errno.js";
import { Boundary } from "./program.js";
import { SignalState } from "./signal_state.js";
import { ITIMER_REAL_KEY, SignalThread, TimerOp } from "./signal_thread.js";
import { PosixTimers, SigevNotify, TimerClock } from "./signal_timers.js";
import { TimeSlice } from "./time_slice.js";
import { SIGABRT, SIGKILL, Sig, SiCode, SigHow, trapKind, trapSignal, TrapKind } from "./signals.js";
var Slot = /* @__PURE__ */ ((Slot2) => {
  Slot2[Slot2["ExceptionHandler"] = 9] = "ExceptionHandler";
  Slot2[Slot2["SignalGate"] = 10] = "SignalGate";
  return Slot2;
})(Slot || {});
class ProcessSignals {
  constructor(owner) {
    this.owner = owner;
    this.guest = new GuestMemory(owner);
    this.state = new SignalState(() => {
      this.countdown = 0;
    });
    const k = owner.kernel;
    this.slice = new TimeSlice(k, owner.cpu.id);
    this.handler = new SignalThread(k, owner.cpu, {
      catchesFault: (sig) => this.state.catchesFault(sig),
      dieOfFault: () => this.dieOfFault(),
      timerExpired: (key, overruns) => {
        if (key === ITIMER_REAL_KEY) this.send(Sig.ALRM, { code: SiCode.KERNEL, pid: 0, uid: 0, addr: 0, value: 0 });
        else this.timers.expired(key, overruns);
      }
    });
    this.timers = new PosixTimers({ send: (sig, info) => {
      this.send(sig, info);
    }, pendingInfo: (sig) => this.state.pendingInfo(sig) });
    k.map(k.rootTask, this.handler.thread.cap, owner.task.id, 9 /* ExceptionHandler */, Rights.W);
    k.map(k.rootTask, this.handler.gate.cap, owner.task.id, 10 /* SignalGate */, Rights.W);
    k.setHandlers(owner.thread.id, 9 /* ExceptionHandler */);
  }
  owner;
  state;
  /** E: the exception and timer handler thread. */
  handler;
  countdown = 1;
  suspendForbidden = 0;
  slice;
  restartRequested = false;
  fault;
  guest;
  /** The POSIX timers (timer_create); their deadlines are E's, but for the CPU-time ones. */
  timers;
  /** The process's CPU time (ns), known once a CPU-time timer is made. */
  cpuClock;
  /** The process ended. */
  close() {
    this.timers.clear();
    this.handler.close();
  }
  /** exec: the POSIX timers are deleted (ITIMER_REAL stays, as on Linux). */
  execed() {
    this.handler.forget(this.timers.clear());
  }
  /** The program's memory, refreshed. */
  mem() {
    this.guest.refresh();
    return this.guest;
  }
  /** The program thread is dispatched (start of its run on the CPU). */
  dispatched() {
    this.slice.dispatched();
  }
  // ---- sending ----
  /** Sends `sig` to this process (kill from anywhere; the timer). */
  send(sig, info) {
    if (sig === 0) return 0;
    if (sig === SIGKILL) {
      if (this.owner.onCpu) throw new ProcessExit(128 + SIGKILL, SIGKILL);
      this.owner.terminate(SIGKILL);
      return 0;
    }
    this.state.post(sig, info);
    if (!this.owner.onCpu) this.owner.wake();
    return 0;
  }
  // ---- call boundaries (CallHooks) ----
  lookNow() {
    this.countdown = 1;
  }
  boundary(canYield) {
    const k = this.owner.kernel;
    if (this.state.stopped) {
      if (!canYield || this.suspendForbidden > 0) return Boundary.Continue;
      k.yield(this.owner.thread.id);
      return Boundary.Yield;
    }
    if (this.state.deliverable) return Boundary.Deliver;
    const now = k.nowUs();
    this.countdown = this.slice.look(now);
    if (this.handler.timerDue(now)) {
      this.pokeTimer();
      if (this.state.deliverable) return Boundary.Deliver;
    }
    if (this.timers.cpuTimersArmed && this.cpuClock !== void 0) {
      this.timers.checkCpu(this.cpuClock());
      if (this.state.deliverable) return Boundary.Deliver;
    }
    if (canYield && this.suspendForbidden === 0 && this.slice.mustYield(now)) {
      k.yield(this.owner.thread.id);
      return Boundary.Yield;
    }
    return Boundary.Continue;
  }
  /** A request to E that makes it handle its expired timer now (on the IPC fast path). */
  pokeTimer() {
    const o = this.owner;
    const r = o.cpu.call(o.thread.id, 10 /* SignalGate */, msgTag(TimerOp.Poll, 0));
    if (r === WOULD_BLOCK) o.kernel.cancel(o.thread.id);
  }
  takeSignal() {
    const d = this.state.take();
    if (d === void 0) {
      if (!this.state.deliverable && !this.state.stopped) this.countdown = this.slice.budget;
      return void 0;
    }
    if (typeof d === "number") throw new ProcessExit(128 + d, d);
    d.savedRestart = this.owner.restart;
    this.owner.restart = void 0;
    return d;
  }
  signalReturned(call) {
    const d = call;
    this.state.handlerReturned(d);
    this.owner.restart = d.savedRestart;
  }
  takeRestart() {
    const r = this.restartRequested;
    this.restartRequested = false;
    return r;
  }
  callCompleted() {
    this.owner.restart = void 0;
  }
  /**
   * A blocking call is about to wait: a signal to handle interrupts it instead. Returns -EINTR,
   * SUSPEND (the call runs again after the handler: SA_RESTART on a call that restarts), or
   * undefined (wait). Calls with a timeout or several files, polls and sleeps never restart, as on
   * Linux.
   */
  interruptWait(spec) {
    if (!this.state.deliverable || !this.state.interrupts()) return void 0;
    const kind = this.owner.restart?.kind;
    const restartable = spec.deadlineNs === void 0 && (spec.files?.length ?? 0) + (spec.sources?.length ?? 0) === 1 && kind !== "poll" && kind !== "ppoll";
    if (restartable && this.state.restarts()) {
      this.restartRequested = true;
      return SUSPEND;
    }
    return -Errno.EINTR;
  }
  // ---- traps: reflected to E as exceptions ----
  /** The program trapped: the kernel reflects it to E, whose reply decides (see faultHandlerToRun). */
  reflectTrap(outcome, handlesSignals) {
    let kind = trapKind(outcome.message);
    if (kind === TrapKind.Unreachable && outcome.func === "abort") kind = TrapKind.Abort;
    const trap = kind === TrapKind.Abort ? void 0 : outcome.func === void 0 ? { message: outcome.message } : { message: outcome.message, func: outcome.func };
    if (!handlesSignals) {
      const sig2 = kind === TrapKind.Abort ? SIGABRT : trapSignal(kind).sig;
      this.owner.finish(trap === void 0 ? { code: 128 + sig2, signal: sig2 } : { code: 128 + sig2, signal: sig2, trap });
      return;
    }
    const inHandler = this.fault?.handler;
    if (kind === TrapKind.UncaughtException && inHandler !== void 0) {
      const f = this.fault;
      const message = `${f.trap?.message ?? "abort"} (its signal handler longjmp'd, but the trap had already unwound the target frame)`;
      this.owner.finish({ code: 128 + f.sig, signal: f.sig, trap: { ...f.trap, message } });
      return;
    }
    const { sig, code } = trapSignal(kind);
    const pc = outcome.pc ?? 0;
    const addr = sig === Sig.FPE || sig === Sig.ILL ? pc : 0;
    this.fault = { sig, info: { code, pid: 0, uid: 0, addr, value: 0 }, trap, awaitingReply: true };
    const r = this.owner.kernel.raiseException(this.owner.thread.id, kind, pc, addr);
    if (r < 0 && r !== WOULD_BLOCK) this.dieOfFault();
  }
  /** When T runs after E answered a fault: the handler to run (E said RunHandler), else the process ends. */
  faultHandlerToRun() {
    const f = this.fault;
    if (f === void 0 || !f.awaitingReply) return void 0;
    f.awaitingReply = false;
    const k = this.owner.kernel;
    const d = k.resumeAction(this.owner.thread.id) === ResumeAction.RunHandler ? this.state.takeFault(f.sig, f.info) : void 0;
    if (d === void 0) {
      this.dieOfFault();
      return void 0;
    }
    f.handler = d;
    return d;
  }
  /** The fault is fatal (no handler, or its handler returned: the instruction would fault again). */
  dieOfFault() {
    const f = this.fault;
    if (f === void 0) return;
    this.owner.finish(f.trap === void 0 ? { code: 128 + f.sig, signal: f.sig } : { code: 128 + f.sig, signal: f.sig, trap: f.trap });
  }
  // ---- the l4posix signal calls (SignalBackend) ----
  kill(pid, sig) {
    if (this.owner.restart?.kind === "yielded") return 0;
    const me = this.owner.identity;
    const info = { code: SiCode.USER, pid: me.pid, uid: me.uid, addr: 0, value: 0 };
    if (pid === me.pid) return this.stopInCall(this.send(sig, info));
    if (pid === -1 || pid === 0 || pid < -1) {
      const pgid = pid === 0 ? me.pgid : -pid;
      let found = 0;
      let self = false;
      for (const p of [...this.owner.processes()]) {
        if (p.ended || pid !== -1 && p.identity.pgid !== pgid) continue;
        if (p.signals === this) {
          if (pid !== -1) {
            found++;
            self = true;
          }
          continue;
        }
        found++;
        p.signals.send(sig, info);
      }
      if (self) return this.stopInCall(this.send(sig, info));
      return found > 0 ? 0 : -Errno.ESRCH;
    }
    const target = this.owner.findProcess(pid);
    if (target === void 0) return -Errno.ESRCH;
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
  queue(pid, sig, code, value) {
    const me = this.owner.identity;
    if (code >= 0 || pid !== me.pid && code !== SiCode.QUEUE) return -Errno.EPERM;
    if (this.owner.restart?.kind === "yielded") return 0;
    const info = { code, pid: me.pid, uid: me.uid, addr: 0, value };
    if (pid === me.pid) return this.stopInCall(this.send(sig, info));
    const target = pid > 0 ? this.owner.findProcess(pid) : void 0;
    if (target === void 0) return -Errno.ESRCH;
    if (target.ended) return 0;
    return target.signals.send(sig, info);
  }
  raise(sig) {
    if (this.owner.restart?.kind === "yielded") return 0;
    const me = this.owner.identity;
    return this.stopInCall(this.send(sig, { code: SiCode.TKILL, pid: me.pid, uid: me.uid, addr: 0, value: 0 }));
  }
  /**
   * A signal the process sent itself (raise, kill, sigqueue) stopped it: the call gives up the CPU
   * and completes with 0 once SIGCONT continues the process (raise(SIGSTOP) returns then, as on
   * Linux). It is re-run then, its restart state saying it is done; a decoupled program's worker
   * waits for the reply meanwhile. A call inside a handler that cannot suspend stops at a later call.
   */
  stopInCall(r) {
    const o = this.owner;
    if (r !== 0 || !this.state.stopped || !o.onCpu || this.suspendForbidden > 0) return r;
    o.restart = { kind: "yielded" };
    o.kernel.yield(o.thread.id);
    return SUSPEND;
  }
  sigsuspend(lo, hi, keepMask) {
    const o = this.owner;
    if (o.restart?.kind !== "sigsuspend") {
      o.restart = { kind: "sigsuspend", lo: this.state.blockedLo, hi: this.state.blockedHi };
      if (!keepMask) this.state.setMask(SigHow.SETMASK, lo, hi);
    }
    const saved = o.restart;
    const r = o.wait({});
    if (r !== SUSPEND) this.state.restoreAfterHandlers(saved.lo, saved.hi);
    return r;
  }
  restoreMaskAfterHandlers(lo, hi) {
    if (this.state.deliverable) this.state.restoreAfterHandlers(lo, hi);
    else this.state.setMask(SigHow.SETMASK, lo, hi);
  }
  itimer(set, old) {
    return this.timerRequest(set === void 0 ? TimerOp.Get : TimerOp.Set, ITIMER_REAL_KEY, set, old);
  }
  timerCreate(clock, notify, signo, value, cpuClock) {
    if (clock !== TimerClock.Realtime && clock !== TimerClock.Monotonic && clock !== TimerClock.ProcessCpu && clock !== TimerClock.ThreadCpu) {
      return -Errno.EINVAL;
    }
    if (notify === SigevNotify.Thread) return -Errno.ENOTSUP;
    if (notify !== SigevNotify.Signal && notify !== SigevNotify.None) return -Errno.EINVAL;
    if (notify === SigevNotify.Signal && !(signo > 0 && signo < 65)) return -Errno.EINVAL;
    if (clock === TimerClock.ProcessCpu || clock === TimerClock.ThreadCpu) this.cpuClock = cpuClock;
    return this.timers.create(clock, { notify, signo, value });
  }
  timerClock(id) {
    return this.timers.clockOf(id) ?? -Errno.EINVAL;
  }
  timerSet(id, set, old) {
    if (!this.timers.has(id)) return -Errno.EINVAL;
    if (this.owner.restart?.kind !== "timer") this.timers.rearmed(id);
    if (this.timers.isCpuClock(id)) {
      const o = this.timers.setCpu(id, this.cpuClock(), set.valueNs, set.intervalNs);
      old.valueNs = o.remainingNs;
      old.intervalNs = o.intervalNs;
      return 0;
    }
    const us = { valueUs: Math.ceil(set.valueNs / 1e3), intervalUs: Math.round(set.intervalNs / 1e3) };
    if (set.intervalNs > 0 && us.intervalUs === 0) us.intervalUs = 1;
    const r = this.timerRequest(TimerOp.Set, id, us, scratchUs);
    if (r !== 0) return r;
    old.valueNs = scratchUs.valueUs * 1e3;
    old.intervalNs = scratchUs.intervalUs * 1e3;
    return 0;
  }
  timerGet(id, cur) {
    if (!this.timers.has(id)) return -Errno.EINVAL;
    if (this.timers.isCpuClock(id)) {
      const o = this.timers.getCpu(id, this.cpuClock());
      cur.valueNs = o.remainingNs;
      cur.intervalNs = o.intervalNs;
      return 0;
    }
    const r = this.timerRequest(TimerOp.Get, id, void 0, scratchUs);
    if (r !== 0) return r;
    cur.valueNs = scratchUs.valueUs * 1e3;
    cur.intervalNs = scratchUs.intervalUs * 1e3;
    return 0;
  }
  timerOverrun(id) {
    return this.timers.overrun(id);
  }
  timerDelete(id) {
    if (!this.timers.has(id)) return -Errno.EINVAL;
    if (!this.timers.isCpuClock(id)) {
      const r = this.timerRequest(TimerOp.Delete, id, void 0, scratchUs);
      if (r !== 0) return r;
    }
    this.timers.delete(id);
    return 0;
  }
  /**
   * A request to E about timer `key` (Set with `set`, Get, Delete); the old [remaining, interval]
   * in `old`. 0, -errno or SUSPEND (E was not waiting: the call runs again and reads E's reply).
   */
  timerRequest(op, key, set, old) {
    const o = this.owner;
    const k = o.kernel;
    const t = o.thread.id;
    let r;
    if (o.restart?.kind === "timer") {
      r = k.result(t);
    } else {
      const words = [key >>> 0];
      if (op === TimerOp.Set && set !== void 0) {
        words.push(set.valueUs >>> 0, Math.floor(set.valueUs / 2 ** 32), set.intervalUs >>> 0, Math.floor(set.intervalUs / 2 ** 32));
      }
      r = o.cpu.call(t, 10 /* SignalGate */, msgTag(op, words.length), words);
      if (r === WOULD_BLOCK) {
        if (this.suspendForbidden > 0) {
          k.cancel(t);
          return -Errno.EAGAIN;
        }
        o.restart = { kind: "timer" };
        return SUSPEND;
      }
    }
    if (r < 0) return errnoOfKernel(r);
    const status = tagLabel(k.tag(t));
    if (status < 0) return status;
    if (op === TimerOp.Delete) return 0;
    old.valueUs = k.mr(t, 0) + k.mr(t, 1) * 2 ** 32;
    old.intervalUs = k.mr(t, 2) + k.mr(t, 3) * 2 ** 32;
    return 0;
  }
}
const scratchUs = { valueUs: 0, intervalUs: 0 };
export {
  ProcessSignals
};
