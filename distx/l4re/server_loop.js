import { KErr, Timeout } from "../kernel/kernel.js";
import { Message, NO_REPLY, Registry } from "./registry.js";
class ServerLoop {
  constructor(kernel, registry, options = {}) {
    this.kernel = kernel;
    this.registry = registry;
    this.thread = registry.thread.id;
    this.msg = new Message(kernel, this.thread);
    this.budget = options.budget ?? 64;
  }
  kernel;
  registry;
  /** Servers answer at once: a caller on the same CPU may run this loop directly (fast path). */
  direct = true;
  thread;
  msg;
  budget;
  /** Blocked in a receive: its result is in the UTCB when run() is called again. */
  waiting = false;
  /**
   * Creates a server thread in the root task on `cpu`, its registry and loop, registers the loop
   * with the CPU and starts the thread.
   */
  static start(kernel, cpu, options = {}) {
    const thread = kernel.newThread({ prio: options.prio ?? 150, cpu: cpu.id });
    const loop = new ServerLoop(kernel, new Registry(kernel, thread), options);
    cpu.register(thread.id, loop);
    kernel.start(thread.id);
    return loop;
  }
  static forThread(kernel, thread, options = {}) {
    return new ServerLoop(kernel, new Registry(kernel, thread), options);
  }
  run() {
    const k = this.kernel;
    const t = this.thread;
    let r = this.waiting ? k.result(t) : k.receive(t, 0, Timeout.Never);
    this.waiting = false;
    let handled = 0;
    for (; ; ) {
      if (r === -KErr.WouldBlock) {
        this.waiting = true;
        return;
      }
      if (r < 0) {
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
export {
  ServerLoop
};
