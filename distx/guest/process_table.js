import { Errno } from "../errno.js";
import { WaitQueue } from "../wait_queue.js";
const INIT_PID = 1;
const DEFAULT_PROCESS_LIMIT = 256;
const SIGCHLD = 17;
const SI_USER = 0;
const SI_KERNEL = 128;
const SIGHUP = 1;
const SA_NOCLDSTOP = 1;
const SA_NOCLDWAIT = 2;
var WaitFlags = /* @__PURE__ */ ((WaitFlags2) => {
  WaitFlags2[WaitFlags2["NOHANG"] = 1] = "NOHANG";
  WaitFlags2[WaitFlags2["UNTRACED"] = 2] = "UNTRACED";
  WaitFlags2[WaitFlags2["CONTINUED"] = 8] = "CONTINUED";
  return WaitFlags2;
})(WaitFlags || {});
var Cld = /* @__PURE__ */ ((Cld2) => {
  Cld2[Cld2["EXITED"] = 1] = "EXITED";
  Cld2[Cld2["KILLED"] = 2] = "KILLED";
  Cld2[Cld2["STOPPED"] = 5] = "STOPPED";
  Cld2[Cld2["CONTINUED"] = 6] = "CONTINUED";
  return Cld2;
})(Cld || {});
const SIGCONT = 18;
var WaitidFlags = /* @__PURE__ */ ((WaitidFlags2) => {
  WaitidFlags2[WaitidFlags2["STOPPED"] = 2] = "STOPPED";
  WaitidFlags2[WaitidFlags2["EXITED"] = 4] = "EXITED";
  WaitidFlags2[WaitidFlags2["CONTINUED"] = 8] = "CONTINUED";
  WaitidFlags2[WaitidFlags2["NOWAIT"] = 16777216] = "NOWAIT";
  return WaitidFlags2;
})(WaitidFlags || {});
function waitStatus(s) {
  if (s.signal !== void 0) return s.signal & 127;
  return (s.code & 255) << 8;
}
class ProcessTable {
  constructor(limit = DEFAULT_PROCESS_LIMIT) {
    this.limit = limit;
  }
  limit;
  all = /* @__PURE__ */ new Map();
  parents = /* @__PURE__ */ new Map();
  children = /* @__PURE__ */ new Map();
  /** Woken when a child of the process ends or stops. */
  childEvents = /* @__PURE__ */ new Map();
  nextPid = 1;
  live = 0;
  /** Pids handed out whose process is not in the table yet (loading): they count against the limit. */
  reserved = 0;
  /** Every process in the table, zombies included (kill finds them; signals to them are dropped). */
  get map() {
    return this.all;
  }
  get liveCount() {
    return this.live;
  }
  /** Live processes and those still being created: what the limit bounds. */
  get usedCount() {
    return this.live + this.reserved;
  }
  /**
   * A pid for a new process, or -EAGAIN at the limit. The place is taken from now on: add() fills
   * it, cancel() gives it back (the process could not be created).
   */
  allocate() {
    if (this.live + this.reserved >= this.limit) return -Errno.EAGAIN;
    this.reserved++;
    return this.nextPid++;
  }
  /** The process of an allocated pid will not exist after all. */
  cancel(_pid) {
    if (this.reserved > 0) this.reserved--;
  }
  /** Enters a new process under its allocated pid; `parent` undefined for the machine's own children. */
  add(p, parent) {
    if (this.reserved > 0) this.reserved--;
    this.all.set(p.pid, p);
    this.live++;
    if (parent !== void 0 && parent.exitStatus === void 0) {
      this.parents.set(p, parent);
      let set = this.children.get(parent);
      if (set === void 0) this.children.set(parent, set = /* @__PURE__ */ new Set());
      set.add(p);
    }
  }
  parentOf(p) {
    return this.parents.get(p);
  }
  /** The process ended: its children go to init, it becomes a zombie of its parent (or is reaped). */
  exited(p) {
    this.live--;
    const kids = [...this.children.get(p) ?? []];
    for (const c of kids) {
      this.parents.delete(c);
      c.identity.ppid = INIT_PID;
      if (c.exitStatus !== void 0) this.all.delete(c.pid);
      else if (c.signals.parentDeathSignal !== 0) c.signals.send(c.signals.parentDeathSignal, { code: SI_USER, pid: p.pid, uid: p.identity.uid, addr: 0, value: 0 });
    }
    this.children.delete(p);
    this.childEvents.get(p)?.wakeAll();
    this.childEvents.delete(p);
    const parent = this.parents.get(p);
    this.hangUpOrphaned(p, parent, kids);
    if (parent === void 0) {
      this.all.delete(p.pid);
      return;
    }
    const a = parent.signals.state.action(SIGCHLD);
    if (a.kind === 1 || (a.flags & SA_NOCLDWAIT) !== 0) this.reap(p);
    const s = p.exitStatus;
    parent.signals.send(SIGCHLD, {
      code: s.signal === void 0 ? 1 /* EXITED */ : 2 /* KILLED */,
      pid: p.pid,
      uid: p.identity.uid,
      addr: 0,
      value: s.signal ?? s.code
    });
    this.childEvents.get(parent)?.wakeAll();
  }
  /**
   * A child stopped by signal `sig` (default action of a stop signal) or continued (`sig` SIGCONT):
   * waitpid(WUNTRACED, WCONTINUED) and waitid report it, and the parent gets SIGCHLD with
   * CLD_STOPPED or CLD_CONTINUED unless its SIGCHLD action has SA_NOCLDSTOP, as on Linux.
   */
  stopped(p, sig) {
    const parent = this.parents.get(p);
    if (parent === void 0) return;
    if ((parent.signals.state.action(SIGCHLD).flags & SA_NOCLDSTOP) === 0) {
      parent.signals.send(SIGCHLD, {
        code: sig === SIGCONT ? 6 /* CONTINUED */ : 5 /* STOPPED */,
        pid: p.pid,
        uid: p.identity.uid,
        addr: 0,
        value: sig
      });
    }
    this.childEvents.get(parent)?.wakeAll();
  }
  /**
   * POSIX's orphaned process group: no live member of `p`'s group has a parent in the same session
   * but in another group (the machine, init, is in none). A stop signal from the terminal would stop
   * such a group for good, so Linux discards SIGTSTP, SIGTTIN and SIGTTOU to it.
   */
  orphanedGroup(p) {
    const { pgid, sid } = p.identity;
    for (const m of this.all.values()) {
      if (m.exitStatus !== void 0 || m.identity.pgid !== pgid) continue;
      const parent = this.parents.get(m);
      if (parent !== void 0 && parent.exitStatus === void 0 && parent.identity.pgid !== pgid && parent.identity.sid === sid) return false;
    }
    return true;
  }
  /**
   * POSIX (Linux's kill_orphaned_pgrp): a process group that `p`'s exit leaves orphaned — `p` was
   * its link to the session, as a member whose parent is outside the group, or as the parent of
   * members — and that has a stopped member gets SIGHUP, then SIGCONT: nobody could continue it.
   */
  hangUpOrphaned(p, parent, kids) {
    const { pgid, sid } = p.identity;
    const groups = /* @__PURE__ */ new Set();
    if (parent !== void 0 && parent.exitStatus === void 0 && parent.identity.pgid !== pgid && parent.identity.sid === sid) groups.add(pgid);
    for (const c of kids) if (c.exitStatus === void 0 && c.identity.pgid !== pgid && c.identity.sid === sid) groups.add(c.identity.pgid);
    for (const g of groups) {
      const members = this.group(g);
      if (members.length === 0 || !members.some((m) => m.stopped === true) || !this.orphanedGroup(members[0])) continue;
      const info = { code: SI_KERNEL, pid: 0, uid: 0, addr: 0, value: 0 };
      for (const m of members) m.signals.send(SIGHUP, info);
      for (const m of members) if (m.exitStatus === void 0) m.signals.send(SIGCONT, info);
    }
  }
  reap(p) {
    this.all.delete(p.pid);
    const parent = this.parents.get(p);
    if (parent !== void 0) {
      this.children.get(parent)?.delete(p);
      this.parents.delete(p);
    }
  }
  /**
   * waitpid(pid, options) for `self`: { pid, status } of a child that ended (reaped) or stopped;
   * 0 with WNOHANG when none has yet; -ECHILD when no child matches; undefined when the caller waits.
   */
  wait(self, pid, options) {
    const kids = this.children.get(self);
    let matched = false;
    for (const c of kids ?? []) {
      if (!matches(c, self, pid)) continue;
      matched = true;
      if (c.exitStatus !== void 0) {
        this.reap(c);
        return { pid: c.pid, status: waitStatus(c.exitStatus) };
      }
      if ((options & 2 /* UNTRACED */) !== 0 && c.stopSignal !== 0) {
        const sig = c.stopSignal;
        c.stopSignal = 0;
        return { pid: c.pid, status: sig << 8 | 127 };
      }
      if ((options & 8 /* CONTINUED */) !== 0 && c.continued === true) {
        c.continued = false;
        return { pid: c.pid, status: 65535 };
      }
    }
    if (!matched) return -Errno.ECHILD;
    if ((options & 1 /* NOHANG */) !== 0) return 0;
    return void 0;
  }
  /**
   * waitid(idtype, id, options) for `self`: the child that ended (reaped unless WNOWAIT) or
   * stopped (WSTOPPED); 0 with WNOHANG when none has yet; -ECHILD when no child matches;
   * undefined when the caller waits. `match` says which children idtype and id name.
   */
  waitid(self, match, options) {
    let matched = false;
    for (const c of this.children.get(self) ?? []) {
      if (!match(c)) continue;
      matched = true;
      const s = c.exitStatus;
      if (s !== void 0 && (options & 4 /* EXITED */) !== 0) {
        if ((options & 16777216 /* NOWAIT */) === 0) this.reap(c);
        return s.signal === void 0 ? { pid: c.pid, uid: c.identity.uid, code: 1 /* EXITED */, status: s.code & 255 } : { pid: c.pid, uid: c.identity.uid, code: 2 /* KILLED */, status: s.signal };
      }
      if ((options & 2 /* STOPPED */) !== 0 && c.stopSignal !== 0) {
        const sig = c.stopSignal;
        if ((options & 16777216 /* NOWAIT */) === 0) c.stopSignal = 0;
        return { pid: c.pid, uid: c.identity.uid, code: 5 /* STOPPED */, status: sig };
      }
      if ((options & 8 /* CONTINUED */) !== 0 && c.continued === true) {
        if ((options & 16777216 /* NOWAIT */) === 0) c.continued = false;
        return { pid: c.pid, uid: c.identity.uid, code: 6 /* CONTINUED */, status: SIGCONT };
      }
    }
    if (!matched) return -Errno.ECHILD;
    if ((options & 1 /* NOHANG */) !== 0) return 0;
    return void 0;
  }
  /** Subscribes to the events of `self`'s children (a child ended or stopped). */
  subscribeChildren(self, wake) {
    let q = this.childEvents.get(self);
    if (q === void 0) this.childEvents.set(self, q = new WaitQueue());
    return q.add(wake);
  }
  /** setpgid(pid, pgid) asked by `self`: 0 or -errno (ESRCH, EPERM, EINVAL). */
  setpgid(self, pid, pgid) {
    if (pgid < 0) return -Errno.EINVAL;
    const target = pid === 0 ? self : this.all.get(pid);
    if (target === void 0 || target.exitStatus !== void 0) return -Errno.ESRCH;
    if (target !== self && this.parents.get(target) !== self) return -Errno.ESRCH;
    if (target.identity.sid !== self.identity.sid) return -Errno.EPERM;
    if (target.identity.sid === target.pid) return -Errno.EPERM;
    const group = pgid === 0 ? target.pid : pgid;
    if (group !== target.pid && !this.groupExists(group, self.identity.sid)) return -Errno.EPERM;
    target.identity.pgid = group;
    return 0;
  }
  /** setsid(): the new session's id, or -EPERM for a process group leader. */
  setsid(self) {
    if (self.identity.pgid === self.pid || this.groupExists(self.pid)) return -Errno.EPERM;
    self.identity.sid = self.pid;
    self.identity.pgid = self.pid;
    return self.pid;
  }
  /** getpgid / getsid of `pid` (0: self): the id, or -ESRCH. */
  lookup(self, pid) {
    if (pid === 0) return self;
    const p = this.all.get(pid);
    return p !== void 0 && p.exitStatus === void 0 ? p : void 0;
  }
  /** The live members of process group `pgid`. */
  group(pgid) {
    const out = [];
    for (const p of this.all.values()) if (p.exitStatus === void 0 && p.identity.pgid === pgid) out.push(p);
    return out;
  }
  groupExists(pgid, sid) {
    for (const p of this.all.values()) {
      if (p.exitStatus === void 0 && p.identity.pgid === pgid && (sid === void 0 || p.identity.sid === sid)) return true;
    }
    return false;
  }
}
function matches(c, self, pid) {
  if (pid === -1) return true;
  if (pid > 0) return c.pid === pid;
  if (pid === 0) return c.identity.pgid === self.identity.pgid;
  return c.identity.pgid === -pid;
}
export {
  DEFAULT_PROCESS_LIMIT,
  INIT_PID,
  ProcessTable,
  WaitFlags,
  WaitidFlags,
  waitStatus
};
