// A native L4 task: a C program that runs beside the guest, not inside it. It has no POSIX
// personality: its kernel task holds only the capabilities the machine's configuration names
// (like an L4Re ned script), its calls are the L4 API (the l4 family), and its stdout/stderr go
// through a log capability to the host. What wasi-libc needs to start and print is answered here
// (arguments, clocks, randomness, writes to descriptors 1 and 2 as log messages); every other
// WASI or l4posix call fails with ENOSYS. It runs on the vCPU, multiplexed with the guest: a
// blocking IPC suspends it, and its loops give up the CPU at the end of its time slice.
import { randomFillSync } from 'node:crypto';
import type { Cpu, HostThread } from '../kernel/cpu.js';
import { WOULD_BLOCK } from '../kernel/cpu.js';
import { msgTag, Rights, tagLabel, type Kernel, type KRef, type TaskId, type ThreadId } from '../kernel/kernel.js';
import { Errno } from '../errno.js';
import { ProcessExit, SUSPEND } from '../libc/context.js';
import { bindImport } from '../libc/syscall_edge.js';
import { isCallBoundary, L4POSIX_SPECS, WASI_SPECS } from '../libc/syscalls/index.js';
import { L4Port } from '../libc/l4_port.js';
import type { L4CallContext } from '../libc/l4posix_l4.js';
import type { Restart } from '../libc/restart.js';
import { AddressSpace } from '../libc/address_space.js';
import { RootTaskClient } from '../l4re/root_client.js';
import type { RootTask } from '../l4re/root_task.js';
import { grantRights, type L4Namespace } from '../l4re/l4_namespace.js';
import { LOG_CHUNK, LogOp, LogSink } from '../l4re/log_server.js';
import { RESERVED_PAGES } from './asyncify.js';
import { regionWindows } from './l4_guest.js';
import { sharedMemoryOf } from './process.js';
import { NO_HOOKS, ProgramInstance, type CallHooks, type ImportTable, type ProgramImage } from './program.js';
import { DecoupledProgram, type DecoupledHost } from './decoupled.js';
import { KErr, Timeout } from '../kernel/kernel.js';

/** How a task ended. */
export interface TaskStatus {
  code: number;
  /** The trap that ended it. */
  trap?: string;
  /** Why the machine ended it (killed, a host error). */
  error?: string;
}

/** A capability the task gets: the namespace object's name, and whether it serves that channel. */
export type TaskCap = string | { readonly object: string; readonly server?: boolean };

export interface TaskOptions {
  args?: readonly string[];
  /** Its capabilities by the name it looks them up with (l4re_env_get_cap). */
  caps?: Readonly<Record<string, TaskCap>>;
  /** Its log output, as it comes (the task's stdout and stderr, in order). */
  onLog?: (bytes: Uint8Array) => void;
}

/** What a task needs of its machine. */
export interface TaskHost {
  readonly kernel: Kernel;
  readonly cpu: Cpu;
  readonly rootTask: RootTask;
  readonly rootGate: number;
  readonly l4: L4Namespace;
}

/** Capability slots in a task's task: the root task (memory for its windows), the log, the wake IRQ. */
const enum Slot { RootTask = 8, Log = 9, WakeIrq = 10 }
/** The label of the wake IRQ (a decoupled task's forwarded call may go on). */
const WAKE_LABEL = 0x77616b65;
/** Loop iterations between preemption checks (as the guest's). */
const LOOP_BUDGET = 20_000;

export class L4Task implements HostThread, L4CallContext {
  readonly name: string;
  readonly exit: Promise<TaskStatus>;
  /** Everything it logged so far. */
  log = '';
  /** Set once the program has bound a gate or IRQ to its thread (it serves). */
  serving = false;
  restart: Restart | undefined;
  readonly l4: L4Port;
  readonly task: KRef<TaskId>;
  readonly thread: KRef<ThreadId>;
  private readonly kernel: Kernel;
  private readonly instance: ProgramInstance | DecoupledProgram;
  /** A decoupled task's thread waits for this IRQ while a forwarded call waits. */
  private readonly wakeIrq: KRef;
  private subscriptions: (() => void)[] = [];
  private readonly addressSpace: AddressSpace;
  private readonly sink: LogSink;
  private resolveExit!: (s: TaskStatus) => void;
  private status?: TaskStatus;
  private readonly decoder = new TextDecoder();

  constructor(private readonly host: TaskHost, image: ProgramImage, private readonly options: TaskOptions = {}) {
    this.name = image.name;
    this.exit = new Promise((resolve) => { this.resolveExit = resolve; });
    const k = this.kernel = host.kernel;
    const caps = options.caps ?? {};
    for (const [local, c] of Object.entries(caps)) {
      const object = typeof c === 'string' ? c : c.object;
      if (host.l4.get(object) === undefined) throw new Error(`${image.name}: capability "${local}": the L4 namespace has no "${object}"`);
    }
    this.task = k.newTask();
    this.thread = k.newThread({ task: this.task, prio: 100 });
    k.map(k.rootTask, host.rootGate, this.task.id, Slot.RootTask, Rights.W);
    this.wakeIrq = k.newIrq();
    k.attachIrq(this.wakeIrq.id, this.thread.id, WAKE_LABEL);
    k.map(k.rootTask, this.wakeIrq.cap, this.task.id, Slot.WakeIrq, Rights.R);
    this.sink = new LogSink((bytes) => this.logged(bytes));
    const logGate = host.l4.register(this.sink);
    k.map(k.rootTask, logGate.cap, this.task.id, Slot.Log, Rights.W);
    const root = new RootTaskClient(host.cpu, this.thread.id, Slot.RootTask);
    this.addressSpace = new AddressSpace(k, this.task.id, root, host.rootTask, () => this.instance?.memory);
    this.addressSpace.reservedTop = image.decoupled !== undefined ? 0 : RESERVED_PAGES * 65536;
    // A capability to a proxy also gives its IRQs, under the same name with .req/.notify.
    const names = new Map<string, { object: string; server: boolean }>();
    for (const [local, c] of Object.entries(caps)) {
      const object = typeof c === 'string' ? c : c.object;
      const server = typeof c !== 'string' && c.server === true;
      names.set(local, { object, server });
      for (const part of host.l4.companions(object)) names.set(local + part.slice(object.length), { object: part, server });
    }
    const grant = (name: string) => {
      const c = names.get(name);
      const object = c === undefined ? undefined : host.l4.get(c.object);
      if (c === undefined || object === undefined) return undefined;
      return { object, rights: grantRights(object, c.server) };
    };
    this.l4 = new L4Port(k, host.cpu, this.task.id, this.thread.id, grant, host.l4,
      regionWindows(this.addressSpace), this.thread.cap, Slot.Log);
    this.l4.onBind = () => { this.serving = true; };
    try {
      // Decoupled (its own core): the original code in a worker, its calls forwarded to this thread.
      this.instance = image.decoupled !== undefined
        ? new DecoupledProgram(image, this.imports(), this.decoupledHost(), this.hooks())
        : new ProgramInstance(image, this.imports(), isCallBoundary, sharedMemoryOf(image), this.hooks());
    } catch (e) {
      this.release();
      throw e;
    }
    host.cpu.register(this.thread.id, this);
    k.start(this.thread.id);
    for (const c of names.values()) if (c.server) host.l4.getProxy(c.object)?.served(this.thread.id, this.exit);
  }

  get memory(): WebAssembly.Memory { return this.instance.memory; }
  get reservedTop(): number { return this.addressSpace.reservedTop; }
  get ended(): boolean { return this.status !== undefined; }

  run(): void {
    if (this.status !== undefined) return;
    for (const cancel of this.subscriptions) cancel();
    this.subscriptions = [];
    let outcome;
    try {
      outcome = this.instance.run();
    } catch (e) {
      this.finish({ code: 125, error: `l4wasm internal error: ${(e as Error)?.message ?? e}` });
      return;
    }
    switch (outcome.kind) {
      case 'suspended': return;
      case 'exited': this.finish({ code: outcome.code }); return;
      case 'trapped': this.finish({ code: 134, trap: outcome.func ? `${outcome.message} in ${outcome.func}` : outcome.message }); return;
      default: this.finish({ code: 125, error: `${this.name}: ${outcome.kind} is not possible in an L4 task` });
    }
  }

  /** Ends the task from outside: its thread dies, its partners' IPC ends with an error. */
  kill(why = 'killed'): void {
    this.finish({ code: 137, error: why });
  }

  private finish(status: TaskStatus): void {
    if (this.status !== undefined) return;
    this.status = status;
    this.host.cpu.unregister(this.thread.id);
    this.release();
    this.host.cpu.wake();
    this.resolveExit(status);
  }

  private release(): void {
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

  private logged(bytes: Uint8Array): void {
    this.log += this.decoder.decode(bytes, { stream: true });
    this.options.onLog?.(bytes);
  }

  /** What a decoupled task's program needs of its thread on the vCPU (decoupled.ts). */
  private decoupledHost(): DecoupledHost {
    const k = this.kernel;
    const wake = () => { k.triggerIrq(this.wakeIrq.id); this.host.cpu.wake(); };
    return {
      // Forwarded calls ring the wake IRQ (the worker triggers it in the shared kernel).
      wait: () => {
        const r = k.receive(this.thread.id, Slot.WakeIrq, Timeout.Never);
        if (r !== -KErr.WouldBlock) k.yield(this.thread.id);
        return SUSPEND;
      },
      wake,
      monotonicNs: () => BigInt(Math.floor(k.nowUs() * 1000)),
      idle: () => k.readyCount(this.host.cpu.id) <= 1,
      ring: { memory: k.memory, module: k.module, cpu: this.host.cpu.id, irq: this.wakeIrq.id },
      // A native task has no POSIX resource limits: its memory may grow to what wasm allows.
      memoryCapPages: () => 65536,
      cpuCheckNs: () => undefined,
    };
  }

  private hooks(): CallHooks {
    return { ...NO_HOOKS, callCompleted: () => { this.restart = undefined; } };
  }

  /** The import table: the l4 family, what starting and printing need, ENOSYS for the rest. */
  private imports(): ImportTable {
    const wasi: Record<string, (...a: any[]) => number> = {};
    for (const name of WASI_SPECS.keys()) wasi[name] = () => Errno.ENOSYS;
    Object.assign(wasi, this.wasi());
    const l4posix: Record<string, (...a: any[]) => number> = {};
    for (const spec of L4POSIX_SPECS.values()) {
      l4posix[spec.name] = spec.family === 'l4' ? bindImport(spec, this, { onInternalError: () => {} } as never) : () => -Errno.ENOSYS;
    }
    l4posix.preempt = () => this.preempt();
    return { wasi_snapshot_preview1: wasi, l4posix };
  }

  /** The loops' preemption check: gives up the CPU at the end of the time slice. */
  private preempt(): number {
    if (this.restart?.kind === 'yielded') return LOOP_BUDGET;
    if (!this.kernel.shouldYield(this.host.cpu.id)) return LOOP_BUDGET;
    this.restart = { kind: 'yielded' };
    this.kernel.yield(this.thread.id);
    return SUSPEND;
  }

  private view(): DataView { return new DataView(this.instance.memory.buffer); }

  private ok(ptr: number, len: number): boolean {
    return ptr + len <= this.instance.memory.buffer.byteLength - this.reservedTop;
  }

  /** Sends bytes to the log capability: 0 or -errno. */
  private writeLog(bytes: Uint8Array): number {
    const k = this.kernel;
    for (let off = 0; off < bytes.length; off += LOG_CHUNK) {
      const n = Math.min(LOG_CHUNK, bytes.length - off);
      const words = new Uint32Array(1 + Math.ceil(n / 4));
      words[0] = n;
      new Uint8Array(words.buffer, 4).set(bytes.subarray(off, off + n));
      const r = this.host.cpu.call(this.thread.id, Slot.Log, msgTag(LogOp.Write, words.length), words);
      if (r === WOULD_BLOCK) { k.cancel(this.thread.id); return -Errno.EAGAIN; }
      if (r < 0 || tagLabel(k.tag(this.thread.id)) < 0) return -Errno.EIO;
    }
    return 0;
  }

  private wasi(): Record<string, (...a: any[]) => number> {
    const args = (this.options.args ?? [this.name]).map((a) => new TextEncoder().encode(a + '\0'));
    const argBytes = args.reduce((n, a) => n + a.length, 0);
    return {
      args_sizes_get: (argc: number, size: number) => {
        if (!this.ok(argc >>> 0, 4) || !this.ok(size >>> 0, 4)) return Errno.EFAULT;
        const v = this.view();
        v.setUint32(argc >>> 0, args.length, true);
        v.setUint32(size >>> 0, argBytes, true);
        return 0;
      },
      args_get: (argv: number, buf: number) => {
        argv >>>= 0; buf >>>= 0;
        if (!this.ok(argv, 4 * args.length) || !this.ok(buf, argBytes)) return Errno.EFAULT;
        const v = this.view();
        const u8 = new Uint8Array(this.instance.memory.buffer);
        args.forEach((a, i) => { v.setUint32(argv + 4 * i, buf, true); u8.set(a, buf); buf += a.length; });
        return 0;
      },
      environ_sizes_get: (count: number, size: number) => {
        if (!this.ok(count >>> 0, 4) || !this.ok(size >>> 0, 4)) return Errno.EFAULT;
        this.view().setUint32(count >>> 0, 0, true);
        this.view().setUint32(size >>> 0, 0, true);
        return 0;
      },
      environ_get: () => 0,
      clock_time_get: (id: number, _precision: bigint, out: number) => {
        if (!this.ok(out >>> 0, 8)) return Errno.EFAULT;
        const ns = id === 0 ? BigInt(Date.now()) * 1_000_000n : BigInt(Math.floor(this.kernel.nowUs() * 1000));
        this.view().setBigUint64(out >>> 0, ns, true);
        return 0;
      },
      random_get: (buf: number, len: number) => {
        if (!this.ok(buf >>> 0, len >>> 0)) return Errno.EFAULT;
        randomFillSync(new Uint8Array(this.instance.memory.buffer, buf >>> 0, len >>> 0));
        return 0;
      },
      fd_write: (fd: number, iovs: number, n: number, nwritten: number) => {
        if (fd !== 1 && fd !== 2) return Errno.EBADF;
        iovs >>>= 0; n >>>= 0; nwritten >>>= 0;
        if (!this.ok(iovs, 8 * n) || !this.ok(nwritten, 4)) return Errno.EFAULT;
        const v = this.view();
        const parts: Uint8Array[] = [];
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
        for (const p of parts) { all.set(p, off); off += p.length; }
        const r = this.writeLog(all);
        if (r < 0) return -r;
        this.view().setUint32(nwritten, total, true);
        return 0;
      },
      fd_fdstat_get: (fd: number, out: number) => {
        if (fd < 0 || fd > 2) return Errno.EBADF;
        if (!this.ok(out >>> 0, 24)) return Errno.EFAULT;
        const v = this.view();
        v.setUint8(out >>> 0, 2); // a character device: stdio line-buffers it
        v.setUint16((out >>> 0) + 2, 0, true);
        v.setBigUint64((out >>> 0) + 8, fd === 0 ? 0n : 64n, true); // FD_WRITE
        v.setBigUint64((out >>> 0) + 16, 0n, true);
        return 0;
      },
      fd_close: (fd: number) => (fd >= 0 && fd <= 2 ? 0 : Errno.EBADF),
      fd_seek: (fd: number) => (fd >= 0 && fd <= 2 ? Errno.ESPIPE : Errno.EBADF),
      sched_yield: () => 0,
      proc_exit: (code: number) => { throw new ProcessExit(code); },
    };
  }
}
