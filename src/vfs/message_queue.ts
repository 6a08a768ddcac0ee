// POSIX message queues (mq_overview(7)): a queue of messages ordered by priority (first in, first
// out within one), bounded by its maxmsg and msgsize, named machine-wide (src/libc/l4posix_mqueue.ts)
// and held by descriptors. Like a pipe it never blocks the host: a send to a full queue or a
// receive from an empty one answers -EAGAIN and the caller waits on subscribe(). A descriptor is
// readable (poll) while a message waits, writable while there is room.
import { Errno } from '../errno.js';
import { FileType } from './types.js';
import { BaseFile } from './file.js';
import { WaitQueue } from '../wait_queue.js';
import { nextAnonIno } from './anon_inode.js';

export class MessageQueue {
  /** Highest priority first; within a priority, oldest first. */
  private readonly messages: { prio: number; data: Uint8Array }[] = [];
  readonly waiters = new WaitQueue();
  constructor(readonly maxmsg: number, readonly msgsize: number, public mode: number) {}

  get count(): number { return this.messages.length; }

  /** Queues `data` at priority `prio`; -EAGAIN when full, -EMSGSIZE when too long. */
  send(data: Uint8Array, prio: number): number {
    if (data.length > this.msgsize) return -Errno.EMSGSIZE;
    if (this.messages.length >= this.maxmsg) return -Errno.EAGAIN;
    let at = this.messages.length;
    while (at > 0 && this.messages[at - 1]!.prio < prio) at--;
    this.messages.splice(at, 0, { prio, data: data.slice() });
    this.waiters.wakeAll();
    return 0;
  }

  /** Takes the first message: its bytes and priority, or -EAGAIN when empty. */
  receive(): { data: Uint8Array; prio: number } | number {
    const m = this.messages.shift();
    if (m === undefined) return -Errno.EAGAIN;
    this.waiters.wakeAll();
    return m;
  }
}

/** A descriptor of a queue: what mq_open opened it for. */
export class MessageQueueFile extends BaseFile {
  readonly type = FileType.Unknown;
  readonly ino = nextAnonIno();
  constructor(readonly queue: MessageQueue, readonly canRead: boolean, readonly canWrite: boolean) {
    super();
  }
  override readable(): boolean { return this.queue.count > 0; }
  override writable(): boolean { return this.queue.count < this.queue.maxmsg; }
  override subscribe(wake: () => void): () => void { return this.queue.waiters.add(wake); }
}
