import { randomFillSync } from "node:crypto";
import { WOULD_BLOCK } from "../kernel/cpu.js";
import { msgTag, Rights, tagLabel } from "../kernel/kernel.js";
import { Errno } from "../errno.js";
import { ProcessExit, SUSPEND } from "../libc/context.js";
import { bindImport } from "../libc/syscall_edge.js";
import { isCallBoundary, L4POSIX_SPECS, WASI_SPECS } from "../libc/syscalls/index.js";
import { L4Port } from "../libc/l4_port.js";
import { AddressSpace } from "../libc/address_space.js";
import { RootTaskClient } from "../l4re/root_client.js";
import { grantRights } from "../l4re/l4_namespace.js";
import { LOG_CHUNK, LogOp, LogSink } from "../l4re/log_server.js";
import { RESERVED_PAGES } from "./asyncify.js";
import { regionWindows } from "./l4_guest.js";
import { sharedMemoryOf } from "./process.js";
import { NO_HOOKS, ProgramInstance } from "./program.js";
import { DecoupledProgram } from "./decoupled.js";
import { KErr, Timeout } from "../kernel/kernel.js";
var Slot = /* @__PURE__ */ ((Slot2) => {
  Slot2[Slot2["RootTask"] = 8] = "RootTask";
  Slot2[Slot2["Log"] = 9] = "Log";
  Slot2[Slot2["WakeIrq"] = 10] = "WakeIrq";
  return Slot2;
})(Slot || {});
const WAKE_LABEL = 2002873189;
const LOOP_BUDGET = 2e4;
class L4Task {
  constructor(host, image, options = {}) {
    this.host = host;
    this.options = options;
    this.name = image.name;
    this.exit = new Promise((resolve) => {
      this.resolveExit = resolve;
    });
    const k = this.kernel = host.kernel;
    const caps = options.caps ?? {};
    for (const [local, c] of Object.entries(caps)) {
      const object = typeof c === "string" ? c : c.object;
      if (host.l4.get(object) === void 0) throw new Error(`${image.name}: capability "${local}": the L4 namespace has no "${object}"`);
    }
    this.task = k.newTask();
    this.thread = k.newThread({ task: this.task, prio: 100 });
    k.map(k.rootTask, host.rootGate, this.task.id, 8 /* RootTask */, Rights.W);
    this.wakeIrq = k.newIrq();
    k.attachIrq(this.wakeIrq.id, this.thread.id, WAKE_LABEL);
    k.map(k.rootTask, this.wakeIrq.cap, this.task.id, 10 /* WakeIrq */, Rights.R);
    this.sink = new LogSink((bytes) => this.logged(bytes));
    const logGate = host.l4.register(this.sink);
    k.map(k.rootTask, logGate.cap, this.task.id, 9 /* Log */, Rights.W);
    const root = new RootTaskClient(host.cpu, this.thread.id, 8 /* RootTask */);
    this.addressSpace = new AddressSpace(k, this.task.id, root, host.rootTask, () => this.instance?.memory);
    this.addressSpace.reservedTop = image.decoupled !== void 0 ? 0 : RESERVED_PAGES * 65536;
    const names = /* @__PURE__ */ new Map();
    for (const [local, c] of Object.entries(caps)) {
      const object = typeof c === "string" ? c : c.object;
      const server = typeof c !== "string" && c.server === true;
      names.set(local, { object, server });
      for (const part of host.l4.companions(object)) names.set(local + part.slice(object.length), { object: part, server });
    }
    const grant = (name) => {
      const c = names.get(name);
      const object = c === void 0 ? void 0 : host.l4.get(c.object);
      if (c === void 0 || object === void 0) return void 0;
      return { object, rights: grantRights(object, c.server) };
    };
    this.l4 = new L4Port(
      k,
      host.cpu,
      this.task.id,
      this.thread.id,
      grant,
      host.l4,
      regionWindows(this.addressSpace),
      this.thread.cap,
      9 /* Log */
    );
    this.l4.onBind = () => {
      this.serving = true;
    };
    try {
      this.instance = image.decoupled !== void 0 ? new DecoupledProgram(image, this.imports(), this.decoupledHost(), this.hooks()) : new ProgramInstance(image, this.imports(), isCallBoundary, sharedMemoryOf(image), this.hooks());
    } catch (e) {
      this.release();
      throw e;
    }
    host.cpu.register(this.thread.id, this);
    k.start(this.thread.id);
    for (const c of names.values()) if (c.server) host.l4.getProxy(c.object)?.served(this.thread.id, this.exit);
  }
  host;
  options;
  name;
  exit;
  /** Everything it logged so far. */
  log = "";
  /** Set once the program has bound a gate or IRQ to its thread (it serves). */
  serving = false;
  restart;
  l4;
  task;
  thread;
  kernel;
  instance;
  /** A decoupled task's thread waits for this IRQ while a forwarded call waits. */
  wakeIrq;
  subscriptions = [];
  addressSpace;
  sink;
  resolveExit;
  status;
  decoder = new TextDecoder();
  get memory() {
    return this.instance.memory;
  }
  get reservedTop() {
    return this.addressSpace.reservedTop;
  }
  get ended() {
    return this.status !== void 0;
  }
  run() {
    if (this.status !== void 0) return;
    for (const cancel of this.subscriptions) cancel();
    this.subscriptions = [];
    let outcome;
    try {
      outcome = this.instance.run();
    } catch (e) {
      this.finish({ code: 125, error: `l4wasm internal error: ${e?.message ?? e}` });
      return;
    }
    switch (outcome.kind) {
      case "suspended":
        return;
      case "exited":
        this.finish({ code: outcome.code });
        return;
      case "trapped":
        this.finish({ code: 134, trap: outcome.func ? `${outcome.message} in ${outcome.func}` : outcome.message });
        return;
      default:
        this.finish({ code: 125, error: `${this.name}: ${outcome.kind} is not possible in an L4 task` });
    }
  }
  /** Ends the task from outside: its thread dies, its partners' IPC ends with an error. */
  kill(why = "killed") {
    this.finish({ code: 137, error: why });
  }
  finish(status) {
    if (this.status !== void 0) return;
    this.status = status;
    this.host.cpu.unregister(this.thread.id);
    this.release();
    this.host.cpu.wake();
    this.resolveExit(status);
  }
  release() {
    const k = this.kernel;
    for (const cancel of this.subscriptions) cancel();
    this.subscriptions = [];
    if (this.instance instanceof DecoupledProgram) this.instance.dispose();
    k.kill(this.thread.id);
    k.deleteCap(k.rootTask, this.wakeIrq.cap);
    this.addressSpace.release();
    this.l4?.release();
    this.host.l4.unregister(this.sink);
    k.deleteCap(k.rootTask, this.thread.cap);
    k.deleteCap(k.rootTask, this.task.cap);
  }
  logged(bytes) {
    this.log += this.decoder.decode(bytes, { stream: true });
    this.options.onLog?.(bytes);
  }
  /** What a decoupled task's program needs of its thread on the vCPU (decoupled.ts). */
  decoupledHost() {
    const k = this.kernel;
    const wake = () => {
      k.triggerIrq(this.wakeIrq.id);
      this.host.cpu.wake();
    };
    return {
      // Forwarded calls ring the wake IRQ (the worker triggers it in the shared kernel).
      wait: () => {
        const r = k.receive(this.thread.id, 10 /* WakeIrq */, Timeout.Never);
        if (r !== -KErr.WouldBlock) k.yield(this.thread.id);
        return SUSPEND;
      },
      wake,
      monotonicNs: () => BigInt(Math.floor(k.nowUs() * 1e3)),
      idle: () => k.readyCount(this.host.cpu.id) <= 1,
      ring: { memory: k.memory, module: k.module, cpu: this.host.cpu.id, irq: this.wakeIrq.id },
      // A native task has no POSIX resource limits: its memory may grow to what wasm allows.
      memoryCapPages: () => 65536,
      cpuCheckNs: () => void 0
    };
  }
  hooks() {
    return { ...NO_HOOKS, callCompleted: () => {
      this.restart = void 0;
    } };
  }
  /** The import table: the l4 family, what starting and printing need, ENOSYS for the rest. */
  imports() {
    const wasi = {};
    for (const name of WASI_SPECS.keys()) wasi[name] = () => Errno.ENOSYS;
    Object.assign(wasi, this.wasi());
    const l4posix = {};
    for (const spec of L4POSIX_SPECS.values()) {
      l4posix[spec.name] = spec.family === "l4" ? bindImport(spec, this, { onInternalError: () => {
      } }) : () => -Errno.ENOSYS;
    }
    l4posix.preempt = () => this.preempt();
    return { wasi_snapshot_preview1: wasi, l4posix };
  }
  /** The loops' preemption check: gives up the CPU at the end of the time slice. */
  preempt() {
    if (this.restart?.kind === "yielded") return LOOP_BUDGET;
    if (!this.kernel.shouldYield(this.host.cpu.id)) return LOOP_BUDGET;
    this.restart = { kind: "yielded" };
    this.kernel.yield(this.thread.id);
    return SUSPEND;
  }
  view() {
    return new DataView(this.instance.memory.buffer);
  }
  ok(ptr, len) {
    return ptr + len <= this.instance.memory.buffer.byteLength - this.reservedTop;
  }
  /** Sends bytes to the log capability: 0 or -errno. */
  writeLog(bytes) {
    const k = this.kernel;
    for (let off = 0; off < bytes.length; off += LOG_CHUNK) {
      const n = Math.min(LOG_CHUNK, bytes.length - off);
      const words = new Uint32Array(1 + Math.ceil(n / 4));
      words[0] = n;
      new Uint8Array(words.buffer, 4).set(bytes.subarray(off, off + n));
      const r = this.host.cpu.call(this.thread.id, 9 /* Log */, msgTag(LogOp.Write, words.length), words);
      if (r === WOULD_BLOCK) {
        k.cancel(this.thread.id);
        return -Errno.EAGAIN;
      }
      if (r < 0 || tagLabel(k.tag(this.thread.id)) < 0) return -Errno.EIO;
    }
    return 0;
  }
  wasi() {
    const args = (this.options.args ?? [this.name]).map((a) => new TextEncoder().encode(a + "\0"));
    const argBytes = args.reduce((n, a) => n + a.length, 0);
    return {
      args_sizes_get: (argc, size) => {
        if (!this.ok(argc >>> 0, 4) || !this.ok(size >>> 0, 4)) return Errno.EFAULT;
        const v = this.view();
        v.setUint32(argc >>> 0, args.length, true);
        v.setUint32(size >>> 0, argBytes, true);
        return 0;
      },
      args_get: (argv, buf) => {
        argv >>>= 0;
        buf >>>= 0;
        if (!this.ok(argv, 4 * args.length) || !this.ok(buf, argBytes)) return Errno.EFAULT;
        const v = this.view();
        const u8 = new Uint8Array(this.instance.memory.buffer);
        args.forEach((a, i) => {
          v.setUint32(argv + 4 * i, buf, true);
          u8.set(a, buf);
          buf += a.length;
        });
        return 0;
      },
      environ_sizes_get: (count, size) => {
        if (!this.ok(count >>> 0, 4) || !this.ok(size >>> 0, 4)) return Errno.EFAULT;
        this.view().setUint32(count >>> 0, 0, true);
        this.view().setUint32(size >>> 0, 0, true);
        return 0;
      },
      environ_get: () => 0,
      clock_time_get: (id, _precision, out) => {
        if (!this.ok(out >>> 0, 8)) return Errno.EFAULT;
        const ns = id === 0 ? BigInt(Date.now()) * 1000000n : BigInt(Math.floor(this.kernel.nowUs() * 1e3));
        this.view().setBigUint64(out >>> 0, ns, true);
        return 0;
      },
      random_get: (buf, len) => {
        if (!this.ok(buf >>> 0, len >>> 0)) return Errno.EFAULT;
        randomFillSync(new Uint8Array(this.instance.memory.buffer, buf >>> 0, len >>> 0));
        return 0;
      },
      fd_write: (fd, iovs, n, nwritten) => {
        if (fd !== 1 && fd !== 2) return Errno.EBADF;
        iovs >>>= 0;
        n >>>= 0;
        nwritten >>>= 0;
        if (!this.ok(iovs, 8 * n) || !this.ok(nwritten, 4)) return Errno.EFAULT;
        const v = this.view();
        const parts = [];
        let total = 0;
        for (let i = 0; i < n; i++) {
          const p = v.getUint32(iovs + 8 * i, true);
          const len = v.getUint32(iovs + 8 * i + 4, true);
          if (!this.ok(p, len)) return Errno.EFAULT;
          parts.push(new Uint8Array(this.instance.memory.buffer, p, len).slice());
          total += len;
        }
        const all = new Uint8Array(total);
        let off = 0;
        for (const p of parts) {
          all.set(p, off);
          off += p.length;
        }
        const r = this.writeLog(all);
        if (r < 0) return -r;
        this.view().setUint32(nwritten, total, true);
        return 0;
      },
      fd_fdstat_get: (fd, out) => {
        if (fd < 0 || fd > 2) return Errno.EBADF;
        if (!this.ok(out >>> 0, 24)) return Errno.EFAULT;
        const v = this.view();
        v.setUint8(out >>> 0, 2);
        v.setUint16((out >>> 0) + 2, 0, true);
        v.setBigUint64((out >>> 0) + 8, fd === 0 ? 0n : 64n, true);
        v.setBigUint64((out >>> 0) + 16, 0n, true);
        return 0;
      },
      fd_close: (fd) => fd >= 0 && fd <= 2 ? 0 : Errno.EBADF,
      fd_seek: (fd) => fd >= 0 && fd <= 2 ? Errno.ESPIPE : Errno.EBADF,
      sched_yield: () => 0,
      proc_exit: (code) => {
        throw new ProcessExit(code);
      }
    };
  }
}
export {
  L4Task
};
