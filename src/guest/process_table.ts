// The machine's process table: pids, parents and children, zombies until reaped, orphans handed to
// init, process groups and sessions, the per-machine process limit. The machine itself plays init:
// the processes spawned through its API and every orphan are its children (it reaps them at once).
import { Errno } from '../errno.js';
import { WaitQueue } from '../wait_queue.js';
import type { ExitStatus } from './process.js';

/** The pid orphans report as their parent (Linux's init). */
export const INIT_PID = 1;
export const DEFAULT_PROCESS_LIMIT = 256;

const SIGCHLD = 17;
/** sigaction flags: no SIGCHLD when children stop or continue; children do not become zombies. */
/** si_code of a signal a process sent (the parent-death signal is sent as its ending parent's). */
const SI_USER = 0;
/** si_code of a signal the kernel sent (the SIGHUP and SIGCONT to a newly orphaned group). */
const SI_KERNEL = 0x80;
const SIGHUP = 1;
const SA_NOCLDSTOP = 1;
const SA_NOCLDWAIT = 2;
/** waitpid options (Linux values, as <sys/wait.h> defines them). */
export const enum WaitFlags { NOHANG = 1, UNTRACED = 2, CONTINUED = 8 }
/** si_code of SIGCHLD. */
const enum Cld { EXITED = 1, KILLED = 2, STOPPED = 5, CONTINUED = 6 }
const SIGCONT = 18;
/** waitid's options (Linux values): WNOHANG is WaitFlags.NOHANG. */
export const enum WaitidFlags { STOPPED = 2, EXITED = 4, CONTINUED = 8, NOWAIT = 0x1000000 }

/** What waitid reports of a child: the siginfo's si_pid, si_uid, si_code (CLD_*) and si_status. */
export interface WaitidResult {
  pid: number;
  uid: number;
  code: number;
  status: number;
}

/** CPU time (ns) and peak memory (KiB): an ended process's own, or what its reaped children used. */
export interface Usage { cpuNs: number; maxrssKiB: number }

/** What the table needs of a process. */
export interface TableEntry {
  readonly pid: number;
  /** What it used, once it has ended. */
  readonly finalUsage?: Usage | undefined;
  /** What its reaped children used, theirs included (getrusage(RUSAGE_CHILDREN)); kept by the table. */
  childUsage?: Usage | undefined;
  /** The last child reaped and what it used (wait4's rusage). */
  lastReaped?: { pid: number; usage: Usage } | undefined;
  readonly identity: { ppid: number; pgid: number; sid: number; readonly uid: number };
  /** The exit status once the process ended (a zombie until reaped). */
  readonly exitStatus: ExitStatus | undefined;
  /** The stop signal not yet reported to waitpid(WUNTRACED), 0 when none. */
  stopSignal: number;
  /** Continued after a stop, not yet reported to waitpid(WCONTINUED). */
  continued?: boolean;
  /** Stopped by a stop signal (until SIGCONT). */
  readonly stopped?: boolean;
  readonly signals: {
    send(sig: number, info: { code: number; pid: number; uid: number; addr: number; value: number }): number;
    readonly state: { action(sig: number): { kind: number; flags: number } };
    /** prctl(PR_SET_PDEATHSIG): the signal the process gets when its parent ends (0: none). */
    readonly parentDeathSignal: number;
  };
}

/** The Linux wait status word of an ended process. */
export function waitStatus(s: ExitStatus): number {
  if (s.signal !== undefined) return s.signal & 0x7f;
  return (s.code & 0xff) << 8;
}

export class ProcessTable<P extends TableEntry> {
  private readonly all = new Map<number, P>();
  private readonly parents = new Map<P, P>();
  private readonly children = new Map<P, Set<P>>();
  /** Woken when a child of the process ends or stops. */
  private readonly childEvents = new Map<P, WaitQueue>();
  private nextPid = 1;
  private live = 0;
  /** Pids handed out whose process is not in the table yet (loading): they count against the limit. */
  private reserved = 0;

  constructor(readonly limit = DEFAULT_PROCESS_LIMIT) {}

  /** Every process in the table, zombies included (kill finds them; signals to them are dropped). */
  get map(): ReadonlyMap<number, P> { return this.all; }

  get liveCount(): number { return this.live; }

  /** The pids handed out since the table began: the processes created (/proc/stat). */
  get created(): number { return this.nextPid - 1; }

  /** Live processes and those still being created: what the limit bounds. */
  get usedCount(): number { return this.live + this.reserved; }

  /**
   * A pid for a new process, or -EAGAIN at the limit. The place is taken from now on: add() fills
   * it, cancel() gives it back (the process could not be created).
   */
  allocate(): number {
    if (this.live + this.reserved >= this.limit) return -Errno.EAGAIN;
    this.reserved++;
    return this.nextPid++;
  }

  /** The process of an allocated pid will not exist after all. */
  cancel(_pid: number): void {
    if (this.reserved > 0) this.reserved--;
  }

  /** Enters a new process under its allocated pid; `parent` undefined for the machine's own children. */
  add(p: P, parent?: P): void {
    if (this.reserved > 0) this.reserved--;
    this.all.set(p.pid, p);
    this.live++;
    if (parent !== undefined && parent.exitStatus === undefined) {
      this.parents.set(p, parent);
      let set = this.children.get(parent);
      if (set === undefined) this.children.set(parent, (set = new Set()));
      set.add(p);
    }
  }

  parentOf(p: P): P | undefined { return this.parents.get(p); }

  /** The process ended: its children go to init, it becomes a zombie of its parent (or is reaped). */
  exited(p: P): void {
    this.live--;
    const kids = [...this.children.get(p) ?? []];
    for (const c of kids) {
      this.parents.delete(c);
      c.identity.ppid = INIT_PID;
      if (c.exitStatus !== undefined) this.all.delete(c.pid);
      else if (c.signals.parentDeathSignal !== 0) c.signals.send(c.signals.parentDeathSignal, { code: SI_USER, pid: p.pid, uid: p.identity.uid, addr: 0, value: 0 });
    }
    this.children.delete(p);
    this.childEvents.get(p)?.wakeAll();
    this.childEvents.delete(p);
    const parent = this.parents.get(p);
    this.hangUpOrphaned(p, parent, kids);
    if (parent === undefined) {
      this.all.delete(p.pid);
      return;
    }
    const a = parent.signals.state.action(SIGCHLD);
    // SIG_IGN or SA_NOCLDWAIT for SIGCHLD: no zombie (POSIX); the signal itself still follows the action.
    if (a.kind === 1 || (a.flags & SA_NOCLDWAIT) !== 0) this.reap(p);
    const s = p.exitStatus!;
    parent.signals.send(SIGCHLD, {
      code: s.signal === undefined ? Cld.EXITED : Cld.KILLED, pid: p.pid, uid: p.identity.uid, addr: 0,
      value: s.signal ?? s.code,
    });
    this.childEvents.get(parent)?.wakeAll();
  }

  /**
   * A child stopped by signal `sig` (default action of a stop signal) or continued (`sig` SIGCONT):
   * waitpid(WUNTRACED, WCONTINUED) and waitid report it, and the parent gets SIGCHLD with
   * CLD_STOPPED or CLD_CONTINUED unless its SIGCHLD action has SA_NOCLDSTOP, as on Linux.
   */
  stopped(p: P, sig: number): void {
    const parent = this.parents.get(p);
    if (parent === undefined) return;
    if ((parent.signals.state.action(SIGCHLD).flags & SA_NOCLDSTOP) === 0) {
      parent.signals.send(SIGCHLD, {
        code: sig === SIGCONT ? Cld.CONTINUED : Cld.STOPPED, pid: p.pid, uid: p.identity.uid, addr: 0, value: sig,
      });
    }
    this.childEvents.get(parent)?.wakeAll();
  }

  /**
   * POSIX's orphaned process group: no live member of `p`'s group has a parent in the same session
   * but in another group (the machine, init, is in none). A stop signal from the terminal would stop
   * such a group for good, so Linux discards SIGTSTP, SIGTTIN and SIGTTOU to it.
   */
  orphanedGroup(p: P): boolean {
    const { pgid, sid } = p.identity;
    for (const m of this.all.values()) {
      if (m.exitStatus !== undefined || m.identity.pgid !== pgid) continue;
      const parent = this.parents.get(m);
      if (parent !== undefined && parent.exitStatus === undefined && parent.identity.pgid !== pgid && parent.identity.sid === sid) return false;
    }
    return true;
  }

  /**
   * POSIX (Linux's kill_orphaned_pgrp): a process group that `p`'s exit leaves orphaned — `p` was
   * its link to the session, as a member whose parent is outside the group, or as the parent of
   * members — and that has a stopped member gets SIGHUP, then SIGCONT: nobody could continue it.
   */
  private hangUpOrphaned(p: P, parent: P | undefined, kids: readonly P[]): void {
    const { pgid, sid } = p.identity;
    const groups = new Set<number>();
    if (parent !== undefined && parent.exitStatus === undefined && parent.identity.pgid !== pgid && parent.identity.sid === sid) groups.add(pgid);
    for (const c of kids) if (c.exitStatus === undefined && c.identity.pgid !== pgid && c.identity.sid === sid) groups.add(c.identity.pgid);
    for (const g of groups) {
      const members = this.group(g);
      if (members.length === 0 || !members.some((m) => m.stopped === true) || !this.orphanedGroup(members[0]!)) continue;
      const info = { code: SI_KERNEL, pid: 0, uid: 0, addr: 0, value: 0 };
      for (const m of members) m.signals.send(SIGHUP, info);
      for (const m of members) if (m.exitStatus === undefined) m.signals.send(SIGCONT, info);
    }
  }

  /** `self` reaped `c`: what `c` and its own reaped children used counts as its children's (Linux's RUSAGE_CHILDREN). */
  private account(self: P, c: P): void {
    const own = c.finalUsage ?? { cpuNs: 0, maxrssKiB: 0 };
    const theirs = c.childUsage ?? { cpuNs: 0, maxrssKiB: 0 };
    const sum = self.childUsage ?? { cpuNs: 0, maxrssKiB: 0 };
    self.childUsage = {
      cpuNs: sum.cpuNs + own.cpuNs + theirs.cpuNs,
      maxrssKiB: Math.max(sum.maxrssKiB, own.maxrssKiB, theirs.maxrssKiB),
    };
    self.lastReaped = { pid: c.pid, usage: own };
  }

  private reap(p: P): void {
    this.all.delete(p.pid);
    const parent = this.parents.get(p);
    if (parent !== undefined) {
      this.children.get(parent)?.delete(p);
      this.parents.delete(p);
    }
  }

  /**
   * waitpid(pid, options) for `self`: { pid, status } of a child that ended (reaped) or stopped;
   * 0 with WNOHANG when none has yet; -ECHILD when no child matches; undefined when the caller waits.
   */
  wait(self: P, pid: number, options: number): { pid: number; status: number } | number | undefined {
    const kids = this.children.get(self);
    let matched = false;
    for (const c of kids ?? []) {
      if (!matches(c, self, pid)) continue;
      matched = true;
      if (c.exitStatus !== undefined) {
        this.account(self, c);
        this.reap(c);
        return { pid: c.pid, status: waitStatus(c.exitStatus) };
      }
      if ((options & WaitFlags.UNTRACED) !== 0 && c.stopSignal !== 0) {
        const sig = c.stopSignal;
        c.stopSignal = 0;
        return { pid: c.pid, status: (sig << 8) | 0x7f };
      }
      if ((options & WaitFlags.CONTINUED) !== 0 && c.continued === true) {
        c.continued = false;
        return { pid: c.pid, status: 0xffff };
      }
    }
    if (!matched) return -Errno.ECHILD;
    if ((options & WaitFlags.NOHANG) !== 0) return 0;
    return undefined;
  }

  /**
   * waitid(idtype, id, options) for `self`: the child that ended (reaped unless WNOWAIT) or
   * stopped (WSTOPPED); 0 with WNOHANG when none has yet; -ECHILD when no child matches;
   * undefined when the caller waits. `match` says which children idtype and id name.
   */
  waitid(self: P, match: (c: P) => boolean, options: number): WaitidResult | number | undefined {
    let matched = false;
    for (const c of this.children.get(self) ?? []) {
      if (!match(c)) continue;
      matched = true;
      const s = c.exitStatus;
      if (s !== undefined && (options & WaitidFlags.EXITED) !== 0) {
        if ((options & WaitidFlags.NOWAIT) === 0) {
          this.account(self, c);
          this.reap(c);
        }
        return s.signal === undefined
          ? { pid: c.pid, uid: c.identity.uid, code: Cld.EXITED, status: s.code & 0xff }
          : { pid: c.pid, uid: c.identity.uid, code: Cld.KILLED, status: s.signal };
      }
      if ((options & WaitidFlags.STOPPED) !== 0 && c.stopSignal !== 0) {
        const sig = c.stopSignal;
        if ((options & WaitidFlags.NOWAIT) === 0) c.stopSignal = 0;
        return { pid: c.pid, uid: c.identity.uid, code: Cld.STOPPED, status: sig };
      }
      if ((options & WaitidFlags.CONTINUED) !== 0 && c.continued === true) {
        if ((options & WaitidFlags.NOWAIT) === 0) c.continued = false;
        return { pid: c.pid, uid: c.identity.uid, code: Cld.CONTINUED, status: SIGCONT };
      }
    }
    if (!matched) return -Errno.ECHILD;
    if ((options & WaitFlags.NOHANG) !== 0) return 0;
    return undefined;
  }

  /** Subscribes to the events of `self`'s children (a child ended or stopped). */
  subscribeChildren(self: P, wake: () => void): () => void {
    let q = this.childEvents.get(self);
    if (q === undefined) this.childEvents.set(self, (q = new WaitQueue()));
    return q.add(wake);
  }

  /** setpgid(pid, pgid) asked by `self`: 0 or -errno (ESRCH, EPERM, EINVAL). */
  setpgid(self: P, pid: number, pgid: number): number {
    if (pgid < 0) return -Errno.EINVAL;
    const target = pid === 0 ? self : this.all.get(pid);
    if (target === undefined || target.exitStatus !== undefined) return -Errno.ESRCH;
    if (target !== self && this.parents.get(target) !== self) return -Errno.ESRCH;
    if (target.identity.sid !== self.identity.sid) return -Errno.EPERM;
    if (target.identity.sid === target.pid) return -Errno.EPERM; // a session leader
    const group = pgid === 0 ? target.pid : pgid;
    if (group !== target.pid && !this.groupExists(group, self.identity.sid)) return -Errno.EPERM;
    target.identity.pgid = group;
    return 0;
  }

  /** setsid(): the new session's id, or -EPERM for a process group leader. */
  setsid(self: P): number {
    if (self.identity.pgid === self.pid || this.groupExists(self.pid)) return -Errno.EPERM;
    self.identity.sid = self.pid;
    self.identity.pgid = self.pid;
    return self.pid;
  }

  /** getpgid / getsid of `pid` (0: self): the id, or -ESRCH. */
  lookup(self: P, pid: number): P | undefined {
    if (pid === 0) return self;
    const p = this.all.get(pid);
    return p !== undefined && p.exitStatus === undefined ? p : undefined;
  }

  /** The live members of process group `pgid`. */
  group(pgid: number): P[] {
    const out: P[] = [];
    for (const p of this.all.values()) if (p.exitStatus === undefined && p.identity.pgid === pgid) out.push(p);
    return out;
  }

  private groupExists(pgid: number, sid?: number): boolean {
    for (const p of this.all.values()) {
      if (p.exitStatus === undefined && p.identity.pgid === pgid && (sid === undefined || p.identity.sid === sid)) return true;
    }
    return false;
  }
}

/** waitpid's pid argument: -1 any child, > 0 that child, 0 the caller's group, < -1 group -pid. */
function matches(c: TableEntry, self: TableEntry, pid: number): boolean {
  if (pid === -1) return true;
  if (pid > 0) return c.pid === pid;
  if (pid === 0) return c.identity.pgid === self.identity.pgid;
  return c.identity.pgid === -pid;
}
