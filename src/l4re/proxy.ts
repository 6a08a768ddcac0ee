// The proxy driver's kernel side (L4Linux's proxy driver for split services): a shared dataspace
// plus two IRQs between guest processes and a native L4 task. The guest rings the task with the
// request IRQ (`NAME.req`, bound to the task's thread); the task notifies the guest with the
// notify IRQ (`NAME.notify`), which the machine's proxy thread receives and turns into readiness
// of the guest's /dev/l4shm/NAME descriptors (src/vfs/l4shm.ts).
//
// Hang-ups: when the serving task ends, the guest's descriptors report EPIPE (blocked readers
// wake); when the last guest descriptor closes, the request IRQ is unbound from the task and a
// receive the task blocks in is canceled, so it wakes with an IPC error instead of waiting forever.
import { KErr, Timeout, type Kernel, type KRef, type ThreadId, type CpuId } from '../kernel/kernel.js';
import type { Cpu, HostThread } from '../kernel/cpu.js';
import { Errno } from '../errno.js';
import { WaitQueue } from '../wait_queue.js';
import type { Dataspace } from './dataspace.js';

export class Proxy {
  /** Notifications the task has sent so far (IRQ triggers, as counted by the kernel). */
  notifications = 0;
  /** The serving task ended: the guest side fails with EPIPE. */
  serverGone = false;
  private server?: ThreadId;
  private openers = 0;
  private readonly waiters = new WaitQueue();

  constructor(private readonly kernel: Kernel, private readonly cpu: Cpu, readonly name: string,
              readonly ds: Dataspace, readonly req: KRef, readonly notify: KRef) {}

  /** A task that serves this proxy started; `ended` settles when it ends. */
  served(thread: ThreadId, ended: Promise<unknown>): void {
    this.server = thread;
    this.serverGone = false;
    void ended.then(() => {
      if (this.server !== thread) return;
      this.server = undefined;
      this.serverGone = true;
      this.waiters.wakeAll();
    });
  }

  /** write() on the device: rings the task. 0, or -EPIPE when the task has ended. */
  ring(): number {
    if (this.serverGone) return -Errno.EPIPE;
    this.kernel.triggerIrq(this.req.id);
    this.cpu.wake();
    return 0;
  }

  /** The proxy thread received notify triggers. */
  notified(count: number): void {
    this.notifications += count;
    this.waiters.wakeAll();
  }

  subscribe(wake: () => void): () => void { return this.waiters.add(wake); }

  opened(): void { this.openers++; }

  /** A guest descriptor closed; the last one hangs up on the task. */
  closed(): void {
    if (--this.openers > 0 || this.server === undefined) return;
    const k = this.kernel;
    k.detachIrq(this.req.id);
    k.cancel(this.server);
    this.cpu.wake();
  }
}

/** The machine's proxy thread: receives every proxy's notify IRQ (its label: the proxy's index). */
export class ProxyThread implements HostThread {
  private readonly proxies: Proxy[] = [];
  private readonly thread: KRef<ThreadId>;
  private waiting = false;

  constructor(private readonly kernel: Kernel, cpu: Cpu) {
    this.thread = kernel.newThread({ prio: 150, cpu: cpu.id as CpuId });
    cpu.register(this.thread.id, this);
    kernel.start(this.thread.id);
  }

  add(p: Proxy): void {
    this.kernel.attachIrq(p.notify.id, this.thread.id, this.proxies.length);
    this.proxies.push(p);
  }

  run(): void {
    const k = this.kernel;
    const t = this.thread.id;
    let r = this.waiting ? k.result(t) : k.receive(t, 0, Timeout.Never);
    this.waiting = false;
    for (;;) {
      if (r === -KErr.WouldBlock) { this.waiting = true; return; }
      if (r === 0) this.proxies[k.label(t)]?.notified(k.mr(t, 0));
      r = k.receive(t, 0, Timeout.Never);
    }
  }
}
