// l4posix, System V IPC (sysroot/src/sysv_ipc.c): semaphore sets, message queues and shared memory
// segments, kept here where every process of the machine meets, as Linux keeps them in the kernel.
// Keys name objects machine-wide (IPC_PRIVATE always makes a new one); ids are never reused, so a
// stale id is EINVAL. A blocked semop, msgsnd or msgrcv suspends the program; a signal handler ends
// it with EINTR (these calls are never restarted, as on Linux); the object's removal with EIDRM.
// A shared memory segment is an object of its own (vfs/anonymous_memory.ts): shmat maps it
// MAP_SHARED through a descriptor made for the purpose, so that it is kept coherent as any shared
// mapping is, survives fork, and goes at exit; its attach count is the number of those mappings.
// SEM_UNDO: what a process's operations with the flag did is undone when it ends (sysvProcessEnded),
// clamped to the semaphore's range as Linux clamps it; SETVAL and SETALL forget the adjustments of
// the values they set; a forked child starts with none, exec keeps them.
import { Errno } from '../errno.js';
import { WaitQueue } from '../wait_queue.js';
import { AnonymousMemory } from '../vfs/anonymous_memory.js';
import type { Vfs } from '../vfs/types.js';
import { Rights } from './abi.js';
import type { L4posixContext } from './l4posix.js';
import { posixState } from './posix_state.js';
import { sharedMappingCount } from './shared_mappings.js';
import { lockKey } from '../vfs/record_locks.js';

const IPC_PRIVATE = 0;
const IPC_CREAT = 0o1000;
const IPC_EXCL = 0o2000;
const IPC_NOWAIT = 0o4000;
const IPC_RMID = 0;
const IPC_SET = 1;
const IPC_STAT = 2;
const enum SemCmd { GETPID = 11, GETVAL = 12, GETALL = 13, GETNCNT = 14, GETZCNT = 15, SETVAL = 16, SETALL = 17 }
const SEM_UNDO = 0x1000;
const MSG_NOERROR = 0o10000;
const MSG_EXCEPT = 0o20000;
const SHM_RDONLY = 0o10000;
/** Linux's limits: values in a set, sets' sizes, operations per semop; message sizes and queue bytes; segment size. */
const SEMVMX = 32767;
const SEMMSL = 32000;
const SEMOPM = 500;
const MSGMAX = 8192;
const MSGMNB = 16384;
const SHMMAX = 2 ** 31 - 4096;
const PAGE = 4096;

interface Perm { key: number; uid: number; gid: number; cuid: number; cgid: number; mode: number }

/** One waiting semop: which semaphore it waits on and for what (semncnt / semzcnt). */
interface SemWaiter { num: number; zero: boolean }

class SemSet {
  readonly values: number[];
  readonly pids: number[];
  otime = 0;
  ctime: number;
  readonly waiters = new WaitQueue();
  readonly waiting = new Set<SemWaiter>();
  /** The SEM_UNDO adjustment arrays processes hold for this set (SETVAL/SETALL clear them). */
  readonly undoOwners = new Set<number[]>();
  /** IPC_RMID took it out of the table (a process ending later has nothing to undo in it). */
  removed = false;
  constructor(readonly perm: Perm, n: number, now: number) {
    this.values = new Array<number>(n).fill(0);
    this.pids = new Array<number>(n).fill(0);
    this.ctime = now;
  }
}

class MsgQueue {
  readonly messages: { type: number; data: Uint8Array; }[] = [];
  bytes = 0;
  qbytes = MSGMNB;
  lspid = 0;
  lrpid = 0;
  stime = 0;
  rtime = 0;
  ctime: number;
  readonly waiters = new WaitQueue();
  constructor(readonly perm: Perm, now: number) { this.ctime = now; }
}

class ShmSegment {
  readonly memory: AnonymousMemory;
  readonly mapKey: string;
  lpid = 0;
  atime = 0;
  dtime = 0;
  ctime: number;
  removed = false;
  constructor(readonly perm: Perm, readonly size: number, readonly cpid: number, now: number) {
    this.memory = new AnonymousMemory(Math.ceil(size / PAGE) * PAGE);
    this.mapKey = lockKey(this.memory)!;
    this.ctime = now;
  }
}

/** One kind of object of one machine: by id, and the ids by key. */
class Table<T extends { perm: Perm }> {
  private nextId = 0;
  readonly byId = new Map<number, T>();
  private readonly byKey = new Map<number, number>();

  /** The object's id for `key` (-ENOENT, -EEXIST per flags), or makes one with `make`. */
  get(key: number, flags: number, make: () => T | number, check: (o: T) => number): number {
    if (key !== IPC_PRIVATE) {
      const id = this.byKey.get(key);
      if (id !== undefined) {
        if ((flags & IPC_CREAT) !== 0 && (flags & IPC_EXCL) !== 0) return -Errno.EEXIST;
        const bad = check(this.byId.get(id)!);
        return bad < 0 ? bad : id;
      }
      if ((flags & IPC_CREAT) === 0) return -Errno.ENOENT;
    }
    const o = make();
    if (typeof o === 'number') return o;
    const id = this.nextId++;
    this.byId.set(id, o);
    if (key !== IPC_PRIVATE) this.byKey.set(key, id);
    return id;
  }

  remove(id: number): void {
    const o = this.byId.get(id);
    if (o === undefined) return;
    this.byId.delete(id);
    if (o.perm.key !== IPC_PRIVATE && this.byKey.get(o.perm.key) === id) this.byKey.delete(o.perm.key);
  }

  /** Forgets the key (a removed segment still attached stays reachable by id only, as Linux's). */
  unkey(id: number): void {
    for (const [k, v] of this.byKey) if (v === id) this.byKey.delete(k);
  }
}

class SysvIpc {
  readonly sems = new Table<SemSet>();
  readonly msgs = new Table<MsgQueue>();
  readonly shms = new Table<ShmSegment>();
}

const machines = new WeakMap<Vfs, SysvIpc>();

/** SEM_UNDO adjustments: per process, per set, what to add to each value at the process's end. */
const undos = new WeakMap<L4posixContext, Map<SemSet, number[]>>();

/** Undoes the SEM_UNDO operations of a process that ended (its sets still there), waking their waiters. */
export function sysvProcessEnded(c: L4posixContext): void {
  const mine = undos.get(c);
  if (mine === undefined) return;
  undos.delete(c);
  for (const [set, adj] of mine) {
    set.undoOwners.delete(adj);
    if (set.removed) continue;
    adj.forEach((a, i) => {
      if (a !== 0) set.values[i] = Math.min(SEMVMX, Math.max(0, set.values[i]! + a));
    });
    set.waiters.wakeAll();
  }
}

/** SETVAL/SETALL: every process's adjustment of semaphore `num` of `set` (all of them: undefined) goes. */
function forgetUndos(set: SemSet, num?: number): void {
  for (const adj of set.undoOwners) {
    if (num === undefined) adj.fill(0);
    else adj[num] = 0;
  }
}

function ipcOf(c: L4posixContext): SysvIpc {
  let m = machines.get(c.vfs);
  if (m === undefined) machines.set(c.vfs, (m = new SysvIpc()));
  return m;
}

const nowSeconds = (c: L4posixContext) => Number(c.clock.realtimeNs() / 1_000_000_000n);

function newPerm(c: L4posixContext, key: number, flags: number): Perm {
  const { uid, gid } = c.identity;
  return { key, uid, gid, cuid: uid, cgid: gid, mode: flags & 0o777 };
}

/** Whether the caller may read (4) or write (2) the object: root may always; else owner, group, other bits. */
function allowed(c: L4posixContext, p: Perm, want: 4 | 2 | 6): boolean {
  const { uid, gid } = c.identity;
  if (uid === 0) return true;
  const bits = uid === p.uid || uid === p.cuid ? p.mode >> 6 : gid === p.gid || gid === p.cgid ? p.mode >> 3 : p.mode;
  return (bits & want) === want;
}

/** The ids of objects that went while a caller waited on them: the re-run answers EIDRM. */
function waitedOn(c: L4posixContext, kind: 'sem' | 'msg', id: number): boolean {
  const r = c.restart;
  return r?.kind === 'sysv-wait' && r.object === kind && r.id === id;
}

/** Suspends the caller on `queue` until a change, its deadline (relative, kept across re-runs) or a signal. */
function waitOn(c: L4posixContext, kind: 'sem' | 'msg', id: number, queue: WaitQueue, timeoutNs: bigint, onWait?: () => () => void): number {
  const r = c.restart;
  let deadlineNs = r?.kind === 'sysv-wait' ? r.deadlineNs : undefined;
  if (r?.kind !== 'sysv-wait' && timeoutNs >= 0n) deadlineNs = c.clock.monotonicNs() + timeoutNs;
  if (deadlineNs !== undefined && c.clock.monotonicNs() >= deadlineNs) return -Errno.EAGAIN;
  c.restart = { kind: 'sysv-wait', object: kind, id, deadlineNs };
  return c.wait({
    sources: [{
      subscribe: (wake) => {
        const cancel = queue.add(wake);
        const leave = onWait?.();
        return () => { cancel(); leave?.(); };
      },
    }],
    deadlineNs,
  });
}

/** The caller's SEM_UNDO adjustments for `set`, made on first use. */
function undoOf(c: L4posixContext, set: SemSet): number[] {
  let mine = undos.get(c);
  if (mine === undefined) undos.set(c, (mine = new Map()));
  let adj = mine.get(set);
  if (adj === undefined) {
    mine.set(set, (adj = new Array<number>(set.values.length).fill(0)));
    set.undoOwners.add(adj);
  }
  return adj;
}

/** Writes `words` as u64s at `buf` (the C side fills its struct from them); -EFAULT. */
function putWords(c: L4posixContext, buf: number, words: number[]): number {
  const mem = posixState(c).mem;
  mem.refresh();
  if (!mem.ok(buf, words.length * 8)) return -Errno.EFAULT;
  words.forEach((w, i) => mem.view.setBigInt64(buf + i * 8, BigInt(Math.trunc(w)), true));
  return 0;
}

/** Reads `n` u64s at `buf`, or -EFAULT. */
function getWords(c: L4posixContext, buf: number, n: number): number[] | number {
  const mem = posixState(c).mem;
  mem.refresh();
  if (!mem.ok(buf, n * 8)) return -Errno.EFAULT;
  return Array.from({ length: n }, (_, i) => Number(mem.view.getBigInt64(buf + i * 8, true)));
}

const permWords = (p: Perm) => [p.key, p.uid, p.gid, p.cuid, p.cgid, p.mode];

/** IPC_SET's words (uid, gid, mode, and for queues qbytes): only the owner, creator or root. */
function setPerm(c: L4posixContext, p: Perm, words: number[]): number {
  const { uid } = c.identity;
  if (uid !== 0 && uid !== p.uid && uid !== p.cuid) return -Errno.EPERM;
  p.uid = words[0]!;
  p.gid = words[1]!;
  p.mode = words[2]! & 0o777;
  return 0;
}

/** Removal: only the owner, creator or root. */
const mayRemove = (c: L4posixContext, p: Perm) => c.identity.uid === 0 || c.identity.uid === p.uid || c.identity.uid === p.cuid;

export const sysvCalls = {
  /** semget(key, nsems, flags): a set's id; -ENOENT, -EEXIST, -EINVAL (nsems), -EACCES. */
  semget(c: L4posixContext, key: number, nsems: number, flags: number): number {
    return ipcOf(c).sems.get(key, flags,
      () => (nsems <= 0 || nsems > SEMMSL ? -Errno.EINVAL : new SemSet(newPerm(c, key, flags), nsems, nowSeconds(c))),
      (s) => (nsems > s.values.length ? -Errno.EINVAL : !allowed(c, s.perm, (flags & 0o222) !== 0 ? 6 : 4) ? -Errno.EACCES : 0));
  },

  /**
   * semop/semtimedop(id, sops, nsops, timeout ns or -1): all operations at once or none; waits
   * (unless an operation that cannot proceed has IPC_NOWAIT: -EAGAIN) until they can, the timeout
   * (-EAGAIN), a signal (-EINTR) or the set's removal (-EIDRM). -EINVAL, -E2BIG, -EFBIG, -ERANGE.
   */
  semop(c: L4posixContext, id: number, sops: number, nsops: number, timeoutNs: bigint): number {
    sops >>>= 0;
    const set = ipcOf(c).sems.byId.get(id);
    if (set === undefined) return waitedOn(c, 'sem', id) ? -Errno.EIDRM : -Errno.EINVAL;
    if (nsops <= 0) return -Errno.EINVAL;
    if (nsops > SEMOPM) return -Errno.E2BIG;
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(sops, nsops * 6)) return -Errno.EFAULT;
    const ops: { num: number; op: number; flg: number }[] = [];
    let alters = false;
    for (let i = 0; i < nsops; i++) {
      const num = mem.view.getUint16(sops + i * 6, true);
      const op = mem.view.getInt16(sops + i * 6 + 2, true);
      const flg = mem.view.getInt16(sops + i * 6 + 4, true);
      if (num >= set.values.length) return -Errno.EFBIG;
      if (op !== 0) alters = true;
      ops.push({ num, op, flg });
    }
    if (!allowed(c, set.perm, alters ? 2 : 4)) return -Errno.EACCES;
    // Tried on a copy: all of them, or none.
    const values = set.values.slice();
    for (const o of ops) {
      const v = values[o.num]!;
      const blocked = o.op < 0 ? v + o.op < 0 : o.op === 0 && v !== 0;
      if (blocked) {
        if ((o.flg & IPC_NOWAIT) !== 0) return -Errno.EAGAIN;
        const waiter: SemWaiter = { num: o.num, zero: o.op === 0 };
        return waitOn(c, 'sem', id, set.waiters, timeoutNs, () => {
          set.waiting.add(waiter);
          return () => set.waiting.delete(waiter);
        });
      }
      if (v + o.op > SEMVMX) return -Errno.ERANGE;
      values[o.num] = v + o.op;
    }
    const pid = c.identity.pid;
    for (let i = 0; i < values.length; i++) set.values[i] = values[i]!;
    for (const o of ops) {
      set.pids[o.num] = pid;
      if ((o.flg & SEM_UNDO) !== 0 && o.op !== 0) undoOf(c, set)[o.num]! -= o.op;
    }
    set.otime = nowSeconds(c);
    if (alters) set.waiters.wakeAll();
    return 0;
  },

  /**
   * semctl(id, num, cmd, arg, buf): GETVAL, GETPID, GETNCNT, GETZCNT (the answer), SETVAL (arg),
   * GETALL/SETALL (unsigned shorts at arg), IPC_STAT (words at buf), IPC_SET (words at buf), IPC_RMID.
   */
  semctl(c: L4posixContext, id: number, num: number, cmd: number, arg: number, buf: number): number {
    const ipc = ipcOf(c);
    const set = ipc.sems.byId.get(id);
    if (set === undefined) return -Errno.EINVAL;
    const n = set.values.length;
    const one = cmd === SemCmd.GETVAL || cmd === SemCmd.GETPID || cmd === SemCmd.GETNCNT || cmd === SemCmd.GETZCNT || cmd === SemCmd.SETVAL;
    if (one && (num < 0 || num >= n)) return -Errno.EINVAL;
    const read = cmd === SemCmd.GETVAL || cmd === SemCmd.GETPID || cmd === SemCmd.GETNCNT || cmd === SemCmd.GETZCNT || cmd === SemCmd.GETALL || cmd === IPC_STAT;
    if (read && !allowed(c, set.perm, 4)) return -Errno.EACCES;
    if ((cmd === SemCmd.SETVAL || cmd === SemCmd.SETALL) && !allowed(c, set.perm, 2)) return -Errno.EACCES;
    const mem = posixState(c).mem;
    switch (cmd) {
      case SemCmd.GETVAL: return set.values[num]!;
      case SemCmd.GETPID: return set.pids[num]!;
      case SemCmd.GETNCNT: return [...set.waiting].filter((w) => w.num === num && !w.zero).length;
      case SemCmd.GETZCNT: return [...set.waiting].filter((w) => w.num === num && w.zero).length;
      case SemCmd.SETVAL:
        if (arg < 0 || arg > SEMVMX) return -Errno.ERANGE;
        set.values[num] = arg;
        set.pids[num] = c.identity.pid;
        forgetUndos(set, num);
        set.ctime = nowSeconds(c);
        set.waiters.wakeAll();
        return 0;
      case SemCmd.GETALL:
      case SemCmd.SETALL: {
        const at = arg >>> 0;
        mem.refresh();
        if (!mem.ok(at, n * 2)) return -Errno.EFAULT;
        if (cmd === SemCmd.GETALL) {
          for (let i = 0; i < n; i++) mem.view.setUint16(at + i * 2, set.values[i]!, true);
          return 0;
        }
        const vals = Array.from({ length: n }, (_, i) => mem.view.getUint16(at + i * 2, true));
        if (vals.some((v) => v > SEMVMX)) return -Errno.ERANGE;
        vals.forEach((v, i) => { set.values[i] = v; set.pids[i] = c.identity.pid; });
        forgetUndos(set);
        set.ctime = nowSeconds(c);
        set.waiters.wakeAll();
        return 0;
      }
      case IPC_STAT: return putWords(c, buf >>> 0, [...permWords(set.perm), set.otime, set.ctime, n]);
      case IPC_SET: {
        const w = getWords(c, buf >>> 0, 3);
        if (typeof w === 'number') return w;
        const r = setPerm(c, set.perm, w);
        if (r === 0) set.ctime = nowSeconds(c);
        return r;
      }
      case IPC_RMID:
        if (!mayRemove(c, set.perm)) return -Errno.EPERM;
        ipc.sems.remove(id);
        set.removed = true;
        set.waiters.wakeAll();
        return 0;
      default: return -Errno.EINVAL;
    }
  },

  /** msgget(key, flags): a queue's id; -ENOENT, -EEXIST, -EACCES. */
  msgget(c: L4posixContext, key: number, flags: number): number {
    return ipcOf(c).msgs.get(key, flags, () => new MsgQueue(newPerm(c, key, flags), nowSeconds(c)),
      (q) => (!allowed(c, q.perm, (flags & 0o222) !== 0 ? 6 : 4) ? -Errno.EACCES : 0));
  },

  /**
   * msgsnd(id, msgp, size, flags): the message (its long mtype, 4 bytes here, then `size` bytes)
   * at the queue's end; waits while the queue is full (-EAGAIN with IPC_NOWAIT). -EINVAL for
   * mtype < 1 or size > MSGMAX; -EINTR, -EIDRM.
   */
  msgsnd(c: L4posixContext, id: number, msgp: number, size: number, flags: number): number {
    msgp >>>= 0; size >>>= 0;
    const q = ipcOf(c).msgs.byId.get(id);
    if (q === undefined) return waitedOn(c, 'msg', id) ? -Errno.EIDRM : -Errno.EINVAL;
    if (size > MSGMAX) return -Errno.EINVAL;
    if (!allowed(c, q.perm, 2)) return -Errno.EACCES;
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(msgp, 4 + size)) return -Errno.EFAULT;
    const type = mem.view.getInt32(msgp, true);
    if (type < 1) return -Errno.EINVAL;
    if (q.bytes + size > q.qbytes || q.messages.length >= q.qbytes) {
      if ((flags & IPC_NOWAIT) !== 0) return -Errno.EAGAIN;
      return waitOn(c, 'msg', id, q.waiters, -1n);
    }
    q.messages.push({ type, data: mem.u8.slice(msgp + 4, msgp + 4 + size) });
    q.bytes += size;
    q.lspid = c.identity.pid;
    q.stime = nowSeconds(c);
    q.waiters.wakeAll();
    return 0;
  },

  /**
   * msgrcv(id, msgp, size, type, flags): the first message of `type` (0: any; < 0: the lowest
   * type up to -type; MSG_EXCEPT: the first of another type) into msgp; the bytes copied. -E2BIG
   * for a longer message without MSG_NOERROR (which cuts it); waits for one (-ENOMSG with IPC_NOWAIT).
   */
  msgrcv(c: L4posixContext, id: number, msgp: number, size: number, type: number, flags: number): number {
    msgp >>>= 0; size >>>= 0;
    const q = ipcOf(c).msgs.byId.get(id);
    if (q === undefined) return waitedOn(c, 'msg', id) ? -Errno.EIDRM : -Errno.EINVAL;
    if (size > 0x7fffffff) return -Errno.EINVAL;
    if (!allowed(c, q.perm, 4)) return -Errno.EACCES;
    let at = -1;
    if (type === 0) at = q.messages.length > 0 ? 0 : -1;
    else if (type > 0) at = q.messages.findIndex((m) => ((flags & MSG_EXCEPT) !== 0 ? m.type !== type : m.type === type));
    else {
      for (let i = 0; i < q.messages.length; i++) {
        const t = q.messages[i]!.type;
        if (t <= -type && (at < 0 || t < q.messages[at]!.type)) at = i;
      }
    }
    if (at < 0) {
      if ((flags & IPC_NOWAIT) !== 0) return -Errno.ENOMSG;
      return waitOn(c, 'msg', id, q.waiters, -1n);
    }
    const m = q.messages[at]!;
    if (m.data.length > size && (flags & MSG_NOERROR) === 0) return -Errno.E2BIG;
    const n = Math.min(size, m.data.length);
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(msgp, 4 + n)) return -Errno.EFAULT;
    mem.view.setInt32(msgp, m.type, true);
    mem.u8.set(m.data.subarray(0, n), msgp + 4);
    q.messages.splice(at, 1);
    q.bytes -= m.data.length;
    q.lrpid = c.identity.pid;
    q.rtime = nowSeconds(c);
    q.waiters.wakeAll();
    return n;
  },

  /** msgctl(id, cmd, buf): IPC_STAT (words at buf), IPC_SET (uid, gid, mode, qbytes), IPC_RMID. */
  msgctl(c: L4posixContext, id: number, cmd: number, buf: number): number {
    const ipc = ipcOf(c);
    const q = ipc.msgs.byId.get(id);
    if (q === undefined) return -Errno.EINVAL;
    switch (cmd) {
      case IPC_STAT:
        if (!allowed(c, q.perm, 4)) return -Errno.EACCES;
        return putWords(c, buf >>> 0, [...permWords(q.perm), q.stime, q.rtime, q.ctime, q.bytes, q.messages.length, q.qbytes, q.lspid, q.lrpid]);
      case IPC_SET: {
        const w = getWords(c, buf >>> 0, 4);
        if (typeof w === 'number') return w;
        // Raising the limit past MSGMNB takes CAP_SYS_RESOURCE (root here).
        if (w[3]! > MSGMNB && c.identity.uid !== 0) return -Errno.EPERM;
        const r = setPerm(c, q.perm, w);
        if (r !== 0) return r;
        q.qbytes = w[3]!;
        q.ctime = nowSeconds(c);
        q.waiters.wakeAll();
        return 0;
      }
      case IPC_RMID:
        if (!mayRemove(c, q.perm)) return -Errno.EPERM;
        ipc.msgs.remove(id);
        q.waiters.wakeAll();
        return 0;
      default: return -Errno.EINVAL;
    }
  },

  /** shmget(key, size, flags): a segment's id; -EINVAL (size), -ENOENT, -EEXIST, -EACCES, -ENOMEM. */
  shmget(c: L4posixContext, key: number, size: number, flags: number): number {
    size >>>= 0;
    const shms = ipcOf(c).shms;
    sweep(c);
    return shms.get(key, flags, () => {
      if (size < 1 || size > SHMMAX) return -Errno.EINVAL;
      try {
        return new ShmSegment(newPerm(c, key, flags), size, c.identity.pid, nowSeconds(c));
      } catch {
        return -Errno.ENOMEM;
      }
    }, (s) => (size > s.size ? -Errno.EINVAL : !allowed(c, s.perm, (flags & 0o222) !== 0 ? 6 : 4) ? -Errno.EACCES : 0));
  },

  /**
   * shmat(id, flags): a descriptor of the segment (read-only with SHM_RDONLY) for the C side to map
   * MAP_SHARED and close, its size through `sizePtr`; the attach is recorded. -EINVAL, -EACCES, -EMFILE.
   */
  shmat(c: L4posixContext, id: number, flags: number, sizePtr: number): number {
    const s = ipcOf(c).shms.byId.get(id);
    if (s === undefined) return -Errno.EINVAL;
    const readOnly = (flags & SHM_RDONLY) !== 0;
    if (!allowed(c, s.perm, readOnly ? 4 : 6)) return -Errno.EACCES;
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(sizePtr >>> 0, 4)) return -Errno.EFAULT;
    const rights = Rights.FD_READ | Rights.FD_SEEK | Rights.FD_FILESTAT_GET | (readOnly ? 0 : Rights.FD_WRITE);
    const fd = c.fds.insert(s.memory, { rightsBase: rights, cloexec: true });
    if (fd < 0) return fd;
    mem.view.setUint32(sizePtr >>> 0, s.memory.size(), true);
    s.lpid = c.identity.pid;
    s.atime = nowSeconds(c);
    return fd;
  },

  /** shmdt(id): the detach is recorded (the C side unmapped it). */
  shmdt(c: L4posixContext, id: number): number {
    const s = ipcOf(c).shms.byId.get(id);
    if (s !== undefined) {
      s.lpid = c.identity.pid;
      s.dtime = nowSeconds(c);
    }
    sweep(c);
    return 0;
  },

  /** shmctl(id, cmd, buf): IPC_STAT (words at buf), IPC_SET (uid, gid, mode), IPC_RMID (goes once no process has it attached). */
  shmctl(c: L4posixContext, id: number, cmd: number, buf: number): number {
    const ipc = ipcOf(c);
    const s = ipc.shms.byId.get(id);
    if (s === undefined) return -Errno.EINVAL;
    switch (cmd) {
      case IPC_STAT: {
        if (!allowed(c, s.perm, 4)) return -Errno.EACCES;
        // SHM_DEST (01000) in the mode of a removed segment still attached, as Linux shows it.
        const p = { ...s.perm, mode: s.perm.mode | (s.removed ? 0o1000 : 0), key: s.removed ? IPC_PRIVATE : s.perm.key };
        return putWords(c, buf >>> 0, [...permWords(p), s.size, s.atime, s.dtime, s.ctime, s.cpid, s.lpid, sharedMappingCount(c.vfs, s.mapKey)]);
      }
      case IPC_SET: {
        const w = getWords(c, buf >>> 0, 3);
        if (typeof w === 'number') return w;
        const r = setPerm(c, s.perm, w);
        if (r === 0) s.ctime = nowSeconds(c);
        return r;
      }
      case IPC_RMID:
        if (!mayRemove(c, s.perm)) return -Errno.EPERM;
        s.removed = true;
        ipc.shms.unkey(id);
        sweep(c);
        return 0;
      default: return -Errno.EINVAL;
    }
  },
};

/** Removed segments that no process maps any more go (their memory with them). */
function sweep(c: L4posixContext): void {
  const shms = ipcOf(c).shms;
  for (const [id, s] of shms.byId) if (s.removed && sharedMappingCount(c.vfs, s.mapKey) === 0) shms.remove(id);
}
