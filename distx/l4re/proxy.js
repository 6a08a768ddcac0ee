import { KErr, Timeout } from "../kernel/kernel.js";
import { Errno } from "../errno.js";
import { WaitQueue } from "../wait_queue.js";
class Proxy {
  constructor(kernel, cpu, name, ds, req, notify) {
    this.kernel = kernel;
    this.cpu = cpu;
    this.name = name;
    this.ds = ds;
    this.req = req;
    this.notify = notify;
  }
  kernel;
  cpu;
  name;
  ds;
  req;
  notify;
  /** Notifications the task has sent so far (IRQ triggers, as counted by the kernel). */
  notifications = 0;
  /** The serving task ended: the guest side fails with EPIPE. */
  serverGone = false;
  server;
  openers = 0;
  waiters = new WaitQueue();
  /** A task that serves this proxy started; `ended` settles when it ends. */
  served(thread, ended) {
    this.server = thread;
    this.serverGone = false;
    void ended.then(() => {
      if (this.server !== thread) return;
      this.server = void 0;
      this.serverGone = true;
      this.waiters.wakeAll();
    });
  }
  /** write() on the device: rings the task. 0, or -EPIPE when the task has ended. */
  ring() {
    if (this.serverGone) return -Errno.EPIPE;
    this.kernel.triggerIrq(this.req.id);
    this.cpu.wake();
    return 0;
  }
  /** The proxy thread received notify triggers. */
  notified(count) {
    this.notifications += count;
    this.waiters.wakeAll();
  }
  subscribe(wake) {
    return this.waiters.add(wake);
  }
  opened() {
    this.openers++;
  }
  /** A guest descriptor closed; the last one hangs up on the task. */
  closed() {
    if (--this.openers > 0 || this.server === void 0) return;
    const k = this.kernel;
    k.detachIrq(this.req.id);
    k.cancel(this.server);
    this.cpu.wake();
  }
}
class ProxyThread {
  constructor(kernel, cpu) {
    this.kernel = kernel;
    this.thread = kernel.newThread({ prio: 150, cpu: cpu.id });
    cpu.register(this.thread.id, this);
    kernel.start(this.thread.id);
  }
  kernel;
  proxies = [];
  thread;
  waiting = false;
  add(p) {
    this.kernel.attachIrq(p.notify.id, this.thread.id, this.proxies.length);
    this.proxies.push(p);
  }
  run() {
    const k = this.kernel;
    const t = this.thread.id;
    let r = this.waiting ? k.result(t) : k.receive(t, 0, Timeout.Never);
    this.waiting = false;
    for (; ; ) {
      if (r === -KErr.WouldBlock) {
        this.waiting = true;
        return;
      }
      if (r === 0) this.proxies[k.label(t)]?.notified(k.mr(t, 0));
      r = k.receive(t, 0, Timeout.Never);
    }
  }
}
export {
  Proxy,
  ProxyThread
};
