// POSIX threads of a multiplexed program: green threads, run one at a time on their process's kernel
// thread, as a vCPU multiplexes its guest's threads. Each has its own C stack (pthread_create's,
// sysroot/src/pthread.c) and, while another runs, its own wasm stack unwound into asyncify's data
// (program.ts takeThread/putThread). A thread gives up the instance where it would wait (a
// blocking call, a futex, join), where it yields (sched_yield), and at the end of a time slice
// when it is in its own code only: never inside the library, so the program's libc, built
// single-threaded (no locks in malloc or stdio), is never entered by two threads at once.
// What each thread has of its own besides its stacks: errno and its pthread_self pointer (words of
// the program the switch saves and puts back), its signal mask and its own pending signals, the
// suspended call's restart state, its signal handler frames. Signal dispositions and the process's
// pending set are shared: a process-directed signal is handled by a thread that runs with it
// unblocked (a waiting one is woken to look); a thread-directed one (pthread_kill, tgkill, raise)
// only by its thread, before the process's.
import { Errno } from '../errno.js';
import type { Restart } from '../libc/restart.js';
import type { HandlerCall, ProgramInstance, ThreadContext } from './program.js';
import type { PendingSet } from './signal_state.js';

/** pthread.c's export that ends the calling thread as canceled (pthread_exit(PTHREAD_CANCELED)). */
const CANCELLED_EXPORT = '__l4posix_thread_cancelled';

const enum State { Ready, Waiting, Futex, Exited }

interface GreenThread {
  readonly tid: number;
  /** The C thread its entry runs (0: the main thread): what the instance says when it is the one on it. */
  arg: number;
  state: State;
  /** Woken while it waits (a file or source it waits on, a futex wake, a signal): it runs its call again. */
  woken: boolean;
  /** Its wait's end (CLOCK_MONOTONIC ns), if it has one. */
  deadlineNs: bigint | undefined;
  /** The word a futex wait waits on. */
  futexAddr: number;
  /** Subscriptions of its wait, cancelled once it runs again. */
  subscriptions: (() => void)[];
  /** Set while it is off the instance. */
  context: ThreadContext | undefined;
  restart: Restart | undefined;
  /** Its errno and pthread_self words, and its signal mask, while it is off the instance. */
  errno: number;
  self: number;
  maskLo: number;
  maskHi: number;
  /** The signals pending for it alone. */
  pending: PendingSet;
}

/** The process's signal state as its threads share it (signal_state.ts SignalState). */
export interface ThreadSignals {
  /** The running thread's own pending set. */
  readonly running: PendingSet;
  addThread(): PendingSet;
  removeThread(p: PendingSet): void;
  /** Another thread runs: its mask and own pending set take effect. */
  switchThread(p: PendingSet, lo: number, hi: number): void;
}

/** What the thread group needs of its process. */
export interface ThreadHost {
  readonly instance: ProgramInstance;
  restart: Restart | undefined;
  monotonicNs(): bigint;
  /** The vCPU is to run the process again soon (another thread is ready). */
  yieldCpu(): void;
  /** No thread can run: the process's kernel thread waits for a wake-up until `deadlineNs`. */
  block(deadlineNs: bigint | undefined): void;
  /** Wakes the process's kernel thread (a wait's subscription fired). */
  notify(): void;
  /** The process's signal mask: the running thread's (each thread has its own, as POSIX says). */
  mask(): [number, number];
  readonly signals: ThreadSignals;
}

export class ThreadGroup {
  private readonly threads: GreenThread[] = [];
  private current: GreenThread;
  private nextTid: number;
  /** The running thread asked to let the others run first (sched_yield). */
  private yieldRequested = false;
  /** The program's errno and pthread_self words (registered by its first pthread_create). */
  private errnoAddr = 0;
  private selfAddr = 0;
  /** A cancellation acts at the running thread's blocking call: it returns EINTR, and the thread exits at its boundary. */
  private cancelling = false;

  constructor(private readonly host: ThreadHost, mainTid: number) {
    this.current = this.newThread(mainTid, host.signals.running);
    // A forked child's one thread is the one that forked, whichever it was.
    this.current.arg = host.instance.threadOnInstance;
    this.nextTid = mainTid * 1000 + 1;
    this.threads.push(this.current);
  }

  private newThread(tid: number, pending: PendingSet): GreenThread {
    return { tid, arg: 0, state: State.Ready, woken: false, deadlineNs: undefined, futexAddr: 0, subscriptions: [], context: undefined, restart: undefined, errno: 0, self: 0, maskLo: 0, maskHi: 0, pending };
  }

  /** More than one thread: waits and yields go through the group. */
  get active(): boolean { return this.threads.length > 1; }

  /** The threads that have not exited (the running one included). */
  get count(): number { return this.threads.length; }

  /** Their ids, the main thread's (the pid) first: /proc/PID/task. */
  tids(): number[] { return this.threads.map((t) => t.tid).sort((a, b) => a - b); }

  /** pthread_create: a new thread, ready to run `arg` (its C thread) on the stack below `stackTop`. */
  create(arg: number, stackTop: number, errnoAddr: number, selfAddr: number): number {
    this.errnoAddr = errnoAddr;
    this.selfAddr = selfAddr;
    // It starts with no signal pending for it (Linux: a new thread's own set is empty).
    const t = this.newThread(this.nextTid++, this.host.signals.addThread());
    t.context = this.host.instance.newThread(arg, stackTop);
    t.arg = arg;
    t.self = arg;
    // A new thread starts with its creator's signal mask.
    [t.maskLo, t.maskHi] = this.host.mask();
    this.threads.push(t);
    return t.tid;
  }

  /** pthread_exit of the running thread: -ESRCH when it is the last one (the program exits instead). */
  exit(): number {
    if (!this.active) return -Errno.ESRCH;
    // Off the list at once (nothing counts it any more); it stays the current one until the next goes on.
    this.current.state = State.Exited;
    this.threads.splice(this.threads.indexOf(this.current), 1);
    // Signals sent to it alone die with it (Linux flushes a thread's own queue at its exit).
    this.host.signals.removeThread(this.current.pending);
    return 0;
  }

  /**
   * A signal for thread `tid` alone (pthread_kill, tgkill): `post` makes it pending in the thread's
   * own set, given the thread's mask (the running thread's is the process's now). A thread that
   * waits looks again: it takes the signal if its mask lets it in (EINTR or a restart), or its
   * sigwait does. -ESRCH: no such thread (it has exited); sig 0 only checks.
   */
  signalThread(tid: number, sig: number, post: (pending: PendingSet, maskLo: number, maskHi: number) => void): number {
    const t = this.threads.find((x) => x.tid === tid);
    if (t === undefined) return -Errno.ESRCH;
    if (sig === 0) return 0;
    const [lo, hi] = t === this.current ? this.host.mask() : [t.maskLo, t.maskHi];
    post(t.pending, lo, hi);
    if (t.state === State.Waiting || t.state === State.Futex) {
      t.woken = true;
      this.host.notify();
    }
    return 0;
  }

  /** Thread `tid` has not exited. */
  has(tid: number): boolean { return this.threads.some((t) => t.tid === tid); }

  /**
   * The process's time slice ended in the running thread (its program is about to unwind): another
   * ready thread takes over if the running one is in its own code only (program.ts userCodeOnly),
   * so a thread that computes or spins cannot keep the others off; never inside the library, which
   * is not written for threads.
   */
  preempted(): void {
    if (this.yieldRequested) return;
    this.refresh(); // a sleeper whose time has come is ready too
    if (this.nextReady() === undefined) return;
    if (this.host.instance.userCodeOnly()) this.yieldRequested = true;
  }

  /**
   * pthread_cancel of thread `tid` (its C side has marked the cancel pending): if it waits in a
   * blocking call, it looks again, and the call becomes the cancellation point. -ESRCH: no such thread.
   */
  cancel(tid: number): number {
    const t = this.threads.find((x) => x.tid === tid);
    if (t === undefined) return -Errno.ESRCH;
    if (t.state === State.Waiting) {
      t.woken = true;
      this.host.notify();
    }
    return 0;
  }

  /**
   * The running thread is about to wait in a blocking call (not a futex: a lock is no cancellation
   * point, and pthread.c's own waits act on a cancel themselves) with a cancel pending and enabled:
   * the words pthread.c keeps first in its thread (pending, disabled) say so.
   */
  cancelDue(): boolean {
    if (this.selfAddr === 0 || this.current.futexAddr !== 0) return false;
    const view = new DataView(this.host.instance.memory.buffer);
    const self = view.getUint32(this.selfAddr, true);
    if (self === 0 || self + 8 > view.byteLength) return false;
    if (view.getInt32(self, true) === 0 || view.getInt32(self + 4, true) !== 0) return false;
    this.cancelling = true;
    return true;
  }

  /**
   * The running thread has PTHREAD_CANCEL_ASYNCHRONOUS with a cancel pending and enabled (pthread.c's
   * third word, after pending and disabled), and it is in its own code only: it ends here, at a
   * loop's preemption point or a call's end, as a signal would end it on Linux between two
   * instructions. A thread that computes without calls is canceled so (it reaches no blocking call).
   */
  asyncCancelDue(): boolean {
    if (this.selfAddr === 0) return false;
    const view = new DataView(this.host.instance.memory.buffer);
    const self = view.getUint32(this.selfAddr, true);
    if (self === 0 || self + 12 > view.byteLength) return false;
    if (view.getInt32(self, true) === 0 || view.getInt32(self + 4, true) !== 0 || view.getInt32(self + 8, true) === 0) return false;
    if (!this.host.instance.userCodeOnly()) return false;
    this.cancelling = true;
    return true;
  }

  /** The thread's cancellation to run at the boundary of its interrupted call (once), else undefined. */
  takeCancel(): HandlerCall | undefined {
    if (!this.cancelling) return undefined;
    this.cancelling = false;
    if (!this.host.instance.hasExport(CANCELLED_EXPORT)) return undefined;
    return { sig: 0, handler: 0, flags: 0, code: 0, pid: 0, uid: 0, addr: 0, value: 0, entry: CANCELLED_EXPORT };
  }

  /** A cancellation waits for the boundary of the call it interrupted. */
  get cancelPending(): boolean { return this.cancelling; }

  /** sched_yield: the other ready threads run before this one runs on. */
  requestYield(): void { this.yieldRequested = true; }

  /** The running thread's call waits (Process.wait): the other threads run meanwhile. */
  waiting(deadlineNs: bigint | undefined): void {
    const t = this.current;
    if (t.state !== State.Futex) t.state = State.Waiting;
    t.woken = false;
    t.deadlineNs = deadlineNs;
  }

  /** A wait's subscription: it wakes this thread (and the process's kernel thread). */
  subscribeCurrent(subscribe: (wake: () => void) => () => void): void {
    const t = this.current;
    t.subscriptions.push(subscribe(() => { t.woken = true; this.host.notify(); }));
  }

  /** A call of the running thread completed: it is not waiting any more. */
  callCompleted(): void {
    const t = this.current;
    if (t.state !== State.Waiting && t.state !== State.Futex) return;
    t.state = State.Ready;
    t.futexAddr = 0;
    for (const cancel of t.subscriptions) cancel();
    t.subscriptions = [];
  }

  /**
   * futex wait on the word at `addr`: 0 once woken, -EAGAIN when it does not hold `expected`,
   * -ETIMEDOUT past `deadlineNs` (monotonic), else the thread waits (Process.wait says how).
   */
  futexWait(addr: number, expected: number, value: number, deadlineNs: bigint | undefined, wait: () => number): number {
    const t = this.current;
    if (t.futexAddr === addr && t.woken) { t.futexAddr = 0; t.woken = false; return 0; }
    t.futexAddr = 0;
    if (value !== expected) return -Errno.EAGAIN;
    if (deadlineNs !== undefined && this.host.monotonicNs() >= deadlineNs) return -Errno.ETIMEDOUT;
    t.state = State.Futex;
    t.futexAddr = addr;
    return wait();
  }

  /** futex wake: up to `count` threads waiting on `addr` run their wait again (it returns 0). */
  futexWake(addr: number, count: number): number {
    let n = 0;
    for (const t of this.threads) {
      if (n >= count) break;
      if (t.state === State.Futex && t.futexAddr === addr && !t.woken) {
        // Ready at once (its re-run reads `woken`): the waker may go on to wait or exit.
        t.woken = true;
        t.state = State.Ready;
        t.deadlineNs = undefined;
        n++;
      }
    }
    return n;
  }

  /**
   * A signal arrived: every waiting thread looks again (one whose mask lets it in gets EINTR and
   * runs the handler); the process's kernel thread is woken for them.
   */
  signalled(): void {
    let any = false;
    for (const t of this.threads) {
      if (t.state === State.Waiting || t.state === State.Futex) {
        t.woken = true;
        any = true;
      }
    }
    if (any) this.host.notify();
  }

  /**
   * Before the process runs its program: the threads whose wait ended are ready again, and a ready
   * one goes on the instance. False when none is ready (the process waits on).
   */
  prepareRun(): boolean {
    this.refresh();
    if (this.current.state === State.Ready) return true;
    const next = this.nextReady();
    if (next === undefined) return false;
    this.switchTo(next);
    return true;
  }

  /** The waiting threads whose wait ended (woken, or past its deadline) are ready to run their call again. */
  private refresh(): void {
    const now = this.host.monotonicNs();
    for (const t of this.threads) {
      if (t.state !== State.Waiting && t.state !== State.Futex) continue;
      if (t.woken || (t.deadlineNs !== undefined && now >= t.deadlineNs)) {
        // A wait that ended runs its call again: the call decides (woken, timed out, or waits on).
        for (const cancel of t.subscriptions) cancel();
        t.subscriptions = [];
        // A futex wait's re-run reads `woken` (a wake, not a timeout or a signal's look).
        if (t.state === State.Waiting) t.woken = false;
        t.state = State.Ready;
        t.deadlineNs = undefined;
      }
    }
  }

  /**
   * The running thread's program unwound (it waits, yields, exited, or its time slice ended): the
   * next ready thread goes on the instance, or the process waits for one.
   */
  afterSuspend(): void {
    const cur = this.current;
    const yielded = this.yieldRequested;
    this.yieldRequested = false;
    if (cur.state === State.Ready && !yielded) return; // preempted: it goes on when the vCPU comes back
    this.refresh();
    const next = this.nextReady();
    if (next !== undefined) {
      this.switchTo(next);
      this.host.yieldCpu();
      return;
    }
    if (cur.state === State.Ready) return; // yielded with no one else to run
    // Every thread waits (an exited one stays on the instance until a ready one takes its place).
    this.host.block(this.earliestDeadline());
  }

  /** prepareRun found no thread ready: the process's kernel thread waits for a wake-up or a deadline. */
  waitForAny(): void { this.host.block(this.earliestDeadline()); }

  /** The process ends or execs: every thread's waits are cancelled; the others' own pending signals are gone. */
  dispose(): void {
    for (const t of this.threads) {
      for (const cancel of t.subscriptions) cancel();
      t.subscriptions = [];
      if (t !== this.current) this.host.signals.removeThread(t.pending);
    }
  }

  private earliestDeadline(): bigint | undefined {
    let d: bigint | undefined;
    for (const t of this.threads) {
      if (t.state === State.Ready || t.state === State.Exited || t.deadlineNs === undefined) continue;
      if (d === undefined || t.deadlineNs < d) d = t.deadlineNs;
    }
    return d;
  }

  /** The first ready thread after the running one, round the list. */
  private nextReady(): GreenThread | undefined {
    const i = this.threads.indexOf(this.current);
    for (let k = 1; k <= this.threads.length; k++) {
      const t = this.threads[(i + k) % this.threads.length]!;
      if (t !== this.current && t.state === State.Ready) return t;
    }
    return undefined;
  }

  private switchTo(next: GreenThread): void {
    const cur = this.current;
    const inst = this.host.instance;
    const view = new DataView(inst.memory.buffer);
    // The group and the instance agree on who runs, or a thread would resume on another's stack.
    if (cur.state !== State.Exited && inst.threadOnInstance !== cur.arg) {
      throw new Error(`green threads: thread ${cur.tid} is not the one on the instance`);
    }
    if (cur.state !== State.Exited) {
      cur.context = inst.takeThread();
      cur.restart = this.host.restart;
      if (this.errnoAddr !== 0) cur.errno = view.getInt32(this.errnoAddr, true);
      if (this.selfAddr !== 0) cur.self = view.getInt32(this.selfAddr, true);
      [cur.maskLo, cur.maskHi] = this.host.mask();
    }
    this.host.signals.switchThread(next.pending, next.maskLo, next.maskHi);
    inst.putThread(next.context!);
    next.context = undefined;
    this.host.restart = next.restart;
    next.restart = undefined;
    const after = new DataView(inst.memory.buffer);
    if (this.errnoAddr !== 0) after.setInt32(this.errnoAddr, next.errno, true);
    if (this.selfAddr !== 0) after.setInt32(this.selfAddr, next.self, true);
    this.current = next;
  }
}
