// The generic server loop: a host thread that receives a request, lets the registry dispatch it,
// and replies while waiting for the next one (reply-and-wait), until it would block.
import { Kernel, KErr, Timeout } from '../kernel/kernel.js';
import type { CpuId, KRef, ThreadId } from '../kernel/kernel.js';
import type { Cpu, HostThread } from '../kernel/cpu.js';
import { Message, NO_REPLY, Registry } from './registry.js';

export interface ServerLoopOptions {
  /** Requests handled per run() before the loop yields the CPU. Default 64. */
  budget?: number;
}

export class ServerLoop implements HostThread {
  /** Servers answer at once: a caller on the same CPU may run this loop directly (fast path). */
  readonly direct = true;
  readonly thread: ThreadId;
  private readonly msg: Message;
  private readonly budget: number;
  /** Blocked in a receive: its result is in the UTCB when run() is called again. */
  private waiting = false;

  constructor(readonly kernel: Kernel, readonly registry: Registry, options: ServerLoopOptions = {}) {
    this.thread = registry.thread.id;
    this.msg = new Message(kernel, this.thread);
    this.budget = options.budget ?? 64;
  }

  /**
   * Creates a server thread in the root task on `cpu`, its registry and loop, registers the loop
   * with the CPU and starts the thread.
   */
  static start(kernel: Kernel, cpu: Cpu, options: ServerLoopOptions & { prio?: number } = {}): ServerLoop {
    const thread = kernel.newThread({ prio: options.prio ?? 150, cpu: cpu.id as CpuId });
    const loop = new ServerLoop(kernel, new Registry(kernel, thread), options);
    cpu.register(thread.id, loop);
    kernel.start(thread.id);
    return loop;
  }

  static forThread(kernel: Kernel, thread: KRef<ThreadId>, options: ServerLoopOptions = {}): ServerLoop {
    return new ServerLoop(kernel, new Registry(kernel, thread), options);
  }

  run(): void {
    const k = this.kernel;
    const t = this.thread;
    let r = this.waiting ? k.result(t) : k.receive(t, 0, Timeout.Never);
    this.waiting = false;
    let handled = 0;
    for (;;) {
      if (r === -KErr.WouldBlock) {
        this.waiting = true;
        return;
      }
      if (r < 0) {
        // Canceled, or a reply the caller could not take: wait afresh (once; then yield).
        r = k.receive(t, 0, Timeout.Never);
        if (r < 0 && r !== -KErr.WouldBlock) return;
        continue;
      }
      const reply = this.registry.dispatch(this.msg);
      if (++handled >= this.budget) {
        if (reply !== NO_REPLY) k.reply(t, reply);
        return;
      }
      r = reply === NO_REPLY ? k.receive(t, 0, Timeout.Never) : k.replyAndWait(t, reply, Timeout.Never);
    }
  }
}
