// l4posix, POSIX message queues (sysroot/src/mqueue.c): queues named machine-wide ("/name", as
// Linux's mqueue file system names them), each held by descriptors (vfs/message_queue.ts) that
// dup, fork and close as other descriptors do; a queue that is unlinked goes with its last
// descriptor. A blocked send or receive suspends the program until there is room or a message,
// its deadline (CLOCK_REALTIME, mq_timed*: -ETIMEDOUT) or a signal (-EINTR). mq_notify registers
// one process per queue for a signal when a message reaches the empty queue with no receiver waiting.
import { Errno } from '../errno.js';
import { MessageQueue, MessageQueueFile } from '../vfs/message_queue.js';
import type { Vfs } from '../vfs/types.js';
import type { L4posixContext } from './l4posix.js';
import { posixState } from './posix_state.js';
import { insertObject } from './fd_object.js';
import { O_CLOEXEC, O_NONBLOCK } from './posix_abi.js';
import { FdFlags } from './abi.js';

/** mq_open's flags as sysroot/src/mqueue.c passes them. */
const enum MqOpen { READ = 1, WRITE = 2, CREAT = 4, EXCL = 8, NONBLOCK = 16 }
/** Linux's limits: MQ_PRIO_MAX, the largest maxmsg and msgsize (HARD_MSGMAX, HARD_MSGSIZEMAX). */
const MQ_PRIO_MAX = 32768;
/** siginfo's si_code for a message queue's notification. */
const SI_MESGQ = -3;
const HARD_MSGMAX = 65536;
const HARD_MSGSIZEMAX = 16 << 20;
/** A queue's defaults (/proc/sys/fs/mqueue/msg_default, msgsize_default). */
const DEFAULT_MAXMSG = 10;
const DEFAULT_MSGSIZE = 8192;

interface Named { queue: MessageQueue }
/** Each machine's queues by name; a queue unlinked lives on in its descriptors only. */
const machines = new WeakMap<Vfs, Map<string, Named>>();
/** The process each queue notifies (mq_notify), and with which signal and value. */
const notifications = new WeakMap<MessageQueue, { ctx: L4posixContext; signo: number; value: number; none: boolean }>();

function namesOf(c: L4posixContext): Map<string, Named> {
  let m = machines.get(c.vfs);
  if (m === undefined) machines.set(c.vfs, (m = new Map()));
  return m;
}

/** The queue name at (ptr, len): "/name" without another slash; -EINVAL, -EACCES, -ENOENT, -ENAMETOOLONG. */
function nameAt(c: L4posixContext, ptr: number, len: number): string | number {
  const mem = posixState(c).mem;
  mem.refresh();
  const p = mem.path(ptr >>> 0, len >>> 0);
  if (typeof p === 'number') return p;
  if (!p.startsWith('/')) return -Errno.EINVAL;
  const name = p.slice(1);
  if (name.includes('/')) return -Errno.EACCES;
  if (name === '') return -Errno.ENOENT;
  if (name.length > 255) return -Errno.ENAMETOOLONG;
  return name;
}

/** The queue descriptor `fd`, or -EBADF. */
function queueFile(c: L4posixContext, fd: number): { file: MessageQueueFile; nonblock: boolean } | number {
  const e = c.fds.get(fd);
  if (e === undefined || !(e.file instanceof MessageQueueFile)) return -Errno.EBADF;
  return { file: e.file, nonblock: (e.desc.flags & FdFlags.NONBLOCK) !== 0 };
}

/** How many receivers wait on each queue (a notification goes only when none does). */
const receiving = new WeakMap<MessageQueue, number>();

/**
 * Waits for the queue to change until `deadline` (CLOCK_REALTIME ns; negative: none): -ETIMEDOUT
 * once past. A receiver is counted in `receiving` while it waits.
 */
function waitFor(c: L4posixContext, q: MessageQueue, deadline: bigint, receiver: boolean): number {
  let deadlineNs: bigint | undefined;
  if (deadline >= 0n) {
    const left = deadline - c.clock.realtimeNs();
    if (left <= 0n) return -Errno.ETIMEDOUT;
    deadlineNs = c.clock.monotonicNs() + left;
  }
  return c.wait({
    sources: [{
      subscribe: (wake) => {
        const cancel = q.waiters.add(wake);
        if (!receiver) return cancel;
        receiving.set(q, (receiving.get(q) ?? 0) + 1);
        return () => { cancel(); receiving.set(q, (receiving.get(q) ?? 1) - 1); };
      },
    }],
    deadlineNs,
  });
}

export const mqueueCalls = {
  /**
   * mq_open(name, flags, mode, maxmsg, msgsize): a descriptor of the queue (maxmsg 0: the default
   * attributes); -ENOENT, -EEXIST, -EINVAL (attributes), -EMFILE.
   */
  mq_open(c: L4posixContext, ptr: number, len: number, flags: number, mode: number, maxmsg: number, msgsize: number): number {
    const name = nameAt(c, ptr, len);
    if (typeof name === 'number') return name;
    const names = namesOf(c);
    let named = names.get(name);
    if (named !== undefined && (flags & MqOpen.CREAT) !== 0 && (flags & MqOpen.EXCL) !== 0) return -Errno.EEXIST;
    if (named === undefined) {
      if ((flags & MqOpen.CREAT) === 0) return -Errno.ENOENT;
      if (maxmsg === 0 && msgsize === 0) {
        maxmsg = DEFAULT_MAXMSG;
        msgsize = DEFAULT_MSGSIZE;
      } else if (maxmsg <= 0 || msgsize <= 0 || maxmsg > HARD_MSGMAX || msgsize > HARD_MSGSIZEMAX) {
        return -Errno.EINVAL;
      }
      named = { queue: new MessageQueue(maxmsg, msgsize, mode & 0o777) };
      names.set(name, named);
    }
    const file = new MessageQueueFile(named.queue, (flags & MqOpen.READ) !== 0, (flags & MqOpen.WRITE) !== 0);
    // Linux's mq_open descriptors are close-on-exec (glibc asks for it).
    return insertObject(c, file, O_CLOEXEC | ((flags & MqOpen.NONBLOCK) !== 0 ? O_NONBLOCK : 0));
  },

  /** mq_unlink(name): the name goes; open descriptors keep the queue. -ENOENT. */
  mq_unlink(c: L4posixContext, ptr: number, len: number): number {
    const name = nameAt(c, ptr, len);
    if (typeof name === 'number') return name;
    return namesOf(c).delete(name) ? 0 : -Errno.ENOENT;
  },

  /**
   * mq_send/mq_timedsend(fd, msg, len, prio, deadline ns or -1): queues the message; waits while the
   * queue is full (-EAGAIN for O_NONBLOCK). -EBADF (not open for writing), -EMSGSIZE, -EINVAL (prio).
   */
  mq_send(c: L4posixContext, fd: number, msg: number, len: number, prio: number, deadline: bigint): number {
    msg >>>= 0; len >>>= 0;
    const d = queueFile(c, fd);
    if (typeof d === 'number') return d;
    if (!d.file.canWrite) return -Errno.EBADF;
    if (prio >>> 0 >= MQ_PRIO_MAX) return -Errno.EINVAL;
    const q = d.file.queue;
    if (len > q.msgsize) return -Errno.EMSGSIZE;
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(msg, len)) return -Errno.EFAULT;
    const wasEmpty = q.count === 0;
    const r = q.send(mem.u8.subarray(msg, msg + len), prio >>> 0);
    if (r === -Errno.EAGAIN) return d.nonblock ? r : waitFor(c, q, deadline, false);
    if (r === 0 && wasEmpty) notify(q);
    return r;
  },

  /**
   * mq_receive/mq_timedreceive(fd, buf, len, prio out or 0, deadline ns or -1): the oldest message
   * of the highest priority; its length. Waits while empty (-EAGAIN for O_NONBLOCK). -EBADF,
   * -EMSGSIZE (a buffer shorter than msgsize).
   */
  mq_receive(c: L4posixContext, fd: number, buf: number, len: number, prioPtr: number, deadline: bigint): number {
    buf >>>= 0; len >>>= 0; prioPtr >>>= 0;
    const d = queueFile(c, fd);
    if (typeof d === 'number') return d;
    if (!d.file.canRead) return -Errno.EBADF;
    const q = d.file.queue;
    if (len < q.msgsize) return -Errno.EMSGSIZE;
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(buf, len) || (prioPtr !== 0 && !mem.ok(prioPtr, 4))) return -Errno.EFAULT;
    const m = q.receive();
    if (typeof m === 'number') return d.nonblock ? m : waitFor(c, q, deadline, true);
    mem.u8.set(m.data, buf);
    if (prioPtr !== 0) mem.view.setUint32(prioPtr, m.prio, true);
    return m.data.length;
  },

  /** mq_getattr(fd, out): flags (O_NONBLOCK), maxmsg, msgsize, curmsgs as four i32s. -EBADF. */
  mq_getattr(c: L4posixContext, fd: number, out: number): number {
    out >>>= 0;
    const d = queueFile(c, fd);
    if (typeof d === 'number') return d;
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(out, 16)) return -Errno.EFAULT;
    const q = d.file.queue;
    [d.nonblock ? 1 : 0, q.maxmsg, q.msgsize, q.count].forEach((v, i) => mem.view.setInt32(out + i * 4, v, true));
    return 0;
  },

  /** mq_setattr(fd, nonblock): O_NONBLOCK on (1) or off (0), the only attribute that changes. -EBADF. */
  mq_setattr(c: L4posixContext, fd: number, nonblock: number): number {
    const e = c.fds.get(fd);
    if (e === undefined || !(e.file instanceof MessageQueueFile)) return -Errno.EBADF;
    e.desc.flags = nonblock !== 0 ? e.desc.flags | FdFlags.NONBLOCK : e.desc.flags & ~FdFlags.NONBLOCK;
    return 0;
  },

  /**
   * mq_notify(fd, how, signo, value): how 0 removes this process's registration; 1 registers it for
   * `signo` with `value` (SIGEV_SIGNAL), 2 for nothing (SIGEV_NONE). -EBUSY when another process is
   * registered. The notification is sent once, then removed, as Linux's.
   */
  mq_notify(c: L4posixContext, fd: number, how: number, signo: number, value: number): number {
    const d = queueFile(c, fd);
    if (typeof d === 'number') return d;
    const q = d.file.queue;
    const now = notifications.get(q);
    if (how === 0) {
      if (now?.ctx === c) notifications.delete(q);
      return 0;
    }
    if (now !== undefined && now.ctx !== c) return -Errno.EBUSY;
    if (how === 1 && (signo < 1 || signo > 64)) return -Errno.EINVAL;
    notifications.set(q, { ctx: c, signo, value, none: how === 2 });
    return 0;
  },
};

/** A message reached the empty queue: the registered process gets its signal, unless a receiver waits. */
function notify(q: MessageQueue): void {
  const n = notifications.get(q);
  if (n === undefined || (receiving.get(q) ?? 0) > 0) return;
  notifications.delete(q);
  // As the registered process's own sigqueue, with si_code SI_MESGQ.
  if (!n.none) n.ctx.signals?.queue(n.ctx.identity.pid, n.signo, SI_MESGQ, n.value);
}
