// A guest process: one kernel task with one thread, running a program on the vCPU. It is the
// program's syscall context (what the backends see) and the thread's host thread (what the CPU
// loop runs). Blocking calls wait in the kernel: an IPC receive on the thread's IRQ, with the
// call's timeout; files that may become ready trigger that IRQ.
import { KErr, Rights, Timeout, type Cap, type KRef, type TaskId, type ThreadId, type IrqId } from '../kernel/kernel.js';
import type { Cpu, HostThread } from '../kernel/cpu.js';
import type { Kernel } from '../kernel/kernel.js';
import { ProcessExit, SUSPEND, type SyscallContext, type WaitSpec } from '../libc/context.js';
import { Errno } from '../libc/errno.js';
import { FdTable } from '../libc/fdtable.js';
import { createL4posixImports, type Identity } from '../libc/l4posix.js';
import { KipTime, type RealtimeOffset } from '../libc/time.js';
import { createWasiImports, WASI_SUSPENDING } from '../libc/wasi.js';
import { RootTaskClient } from '../l4re/root_client.js';
import type { RootTask } from '../l4re/root_task.js';
import type { OpenFile, Vfs } from '../vfs/types.js';
import { ProgramInstance, type ImportTable, type ProgramImage, type RunOutcome } from './program.js';
import { DefaultAction, defaultAction, linuxSignal } from './signals.js';
import { randomFillSync } from 'node:crypto';

/** How a process ended. */
export interface ExitStatus {
  /** Exit code; for a signal death 128 + signal, as a shell reports it. */
  code: number;
  /** The (Linux-numbered) signal that ended it. */
  signal?: number;
  /** The trap that ended it: what trapped and in which function. */
  trap?: { message: string; func?: string };
}

/** What a process needs of its machine. */
export interface ProcessHost {
  readonly kernel: Kernel;
  readonly cpu: Cpu;
  readonly vfs: Vfs;
  readonly rootTask: RootTask;
  /** The root task's gate, as a capability slot of the root task (mapped into each process). */
  readonly rootGate: Cap;
  readonly realtime: RealtimeOffset;
  processExited(p: Process): void;
}

export interface ProcessOptions {
  pid: number;
  ppid: number;
  args: readonly string[];
  env: readonly string[];
  stdio: [OpenFile, OpenFile, OpenFile];
  /** Guest paths preopened after "/" (the extra mounts). */
  preopens: readonly string[];
  uid?: number;
  gid?: number;
  /**
   * Rewrites the program's import table before it is instantiated: how tracing and the other
   * syscall paths (IPC to a server instead of the local backend) wrap the same calls.
   */
  wrapImports?: (imports: ImportTable, process: Process) => ImportTable;
}

/** Capability slots in a process's task. */
const enum Slot { RootTask = 8 }
/** The label the thread's IRQ delivers (the wake-up of a blocked call). */
const WAKE_LABEL = 0x77616b65;

export const WASI_ASYNC_IMPORTS = WASI_SUSPENDING.map((n) => `wasi_snapshot_preview1.${n}`);

export class Process implements SyscallContext, HostThread {
  readonly pid: number;
  readonly args: readonly string[];
  readonly env: readonly string[];
  readonly vfs: Vfs;
  readonly fds = new FdTable();
  readonly clock: KipTime;
  readonly identity: Identity;
  /** Resolves when the process has ended. */
  readonly exit: Promise<ExitStatus>;
  restart: unknown;
  readonly direct = false;

  readonly host: ProcessHost;
  readonly kernel: Kernel;
  readonly task: KRef<TaskId>;
  readonly thread: KRef<ThreadId>;
  private readonly irq: KRef<IrqId>;
  /** The root task, reached by IPC from this process's thread (memory for the region map). */
  readonly root: RootTaskClient;
  private instance?: ProgramInstance;
  private resolveExit!: (s: ExitStatus) => void;
  private subscriptions: (() => void)[] = [];
  private readonly notify = () => { this.kernel.triggerIrq(this.irq.id); this.host.cpu.wake(); };
  /** Regions of the program's memory attached in the task's region map: [start, size, ds]. */
  private readonly regions: { start: number; size: number; ds: number }[] = [];
  private accountedBytes = 0;
  private cpuNs = 0;
  private runningSince = -1;
  private status?: ExitStatus;

  constructor(host: ProcessHost, readonly image: ProgramImage, options: ProcessOptions) {
    this.host = host;
    this.kernel = host.kernel;
    this.pid = options.pid;
    this.args = options.args;
    this.env = options.env;
    this.vfs = host.vfs;
    this.identity = {
      pid: options.pid, ppid: options.ppid,
      uid: options.uid ?? 0, euid: options.uid ?? 0, gid: options.gid ?? 0, egid: options.gid ?? 0,
    };
    this.clock = new KipTime(host.kernel, host.realtime, () => this.cpuTimeNs());
    this.exit = new Promise((resolve) => { this.resolveExit = resolve; });

    this.fds.setupStdio(...options.stdio);
    const pre = this.fds.addPreopens(this.vfs, options.preopens);
    if (pre < 0) throw new Error(`${image.name}: cannot preopen its directories (errno ${-pre})`);

    const k = this.kernel;
    this.task = k.newTask();
    this.thread = k.newThread({ task: this.task, prio: 100 });
    this.irq = k.newIrq();
    k.attachIrq(this.irq.id, this.thread.id, WAKE_LABEL);
    k.map(k.rootTask, host.rootGate, this.task.id, Slot.RootTask, Rights.W);
    this.root = new RootTaskClient(host.cpu, this.thread.id, Slot.RootTask);

    let imports: ImportTable = {
      wasi_snapshot_preview1: createWasiImports(this),
      l4posix: createL4posixImports(this),
    };
    if (options.wrapImports) imports = options.wrapImports(imports, this);
    this.instance = new ProgramInstance(image, imports, WASI_ASYNC_IMPORTS);
    this.instance.onCallComplete = () => { this.restart = undefined; };
    host.cpu.register(this.thread.id, this);
    k.start(this.thread.id);
  }

  get memory(): WebAssembly.Memory {
    if (this.instance === undefined) throw new RangeError('no memory yet');
    return this.instance.memory;
  }

  get ended(): boolean { return this.status !== undefined; }

  // ---- the host thread ----

  run(): void {
    if (this.instance === undefined) return;
    for (const cancel of this.subscriptions) cancel();
    this.subscriptions = [];
    this.runningSince = performance.now();
    let outcome: RunOutcome;
    try {
      outcome = this.instance.run();
    } finally {
      this.cpuNs += (performance.now() - this.runningSince) * 1e6;
      this.runningSince = -1;
    }
    switch (outcome.kind) {
      case 'suspended': return;
      case 'exited':
        this.finish(outcome.signal === undefined
          ? { code: outcome.code }
          : { code: 128 + outcome.signal, signal: outcome.signal });
        return;
      case 'trapped':
        this.finish({ code: 134, signal: 6, trap: { message: outcome.message, func: outcome.func } });
        return;
    }
  }

  /** Ends the process from outside (machine shutdown, a kill): the status reports `signal`. */
  terminate(signal: number): void {
    if (this.status !== undefined) return;
    this.finish({ code: 128 + signal, signal });
  }

  private finish(status: ExitStatus): void {
    if (this.status !== undefined) return;
    this.status = status;
    for (const cancel of this.subscriptions) cancel();
    this.subscriptions = [];
    this.instance = undefined;
    this.fds.closeAll();
    this.releaseMemory();
    const k = this.kernel;
    k.kill(this.thread.id);
    this.host.cpu.unregister(this.thread.id);
    k.deleteCap(k.rootTask, this.irq.cap);
    k.deleteCap(k.rootTask, this.thread.cap);
    k.deleteCap(k.rootTask, this.task.cap);
    this.host.processExited(this);
    this.resolveExit(status);
  }

  // ---- memory backend: the program's linear memory in the task's region map ----

  /**
   * Attaches whatever the program's memory grew by since the last look (an anonymous dataspace
   * each, allocated from the root task by IPC). memory.grow is an instruction, not a call, so the
   * backend looks whenever the program enters a blocking call, while its thread is still running.
   */
  private accountMemory(): void {
    if (this.instance === undefined) return;
    const size = this.instance.memory.buffer.byteLength;
    if (size <= this.accountedBytes) return;
    const grow = size - this.accountedBytes;
    const ds = this.root.allocate(grow);
    if (ds < 0) return; // accounted at the next look; the memory itself is already the program's
    const at = this.kernel.attach(this.task.id, { addr: this.accountedBytes, size: grow, ds });
    if (at < 0) { this.root.free(ds); return; }
    this.regions.push({ start: this.accountedBytes, size: grow, ds });
    this.accountedBytes = size;
  }

  /** The regions of the task's region map that describe the program's memory. */
  memoryRegions(): readonly { start: number; size: number; ds: number }[] { return this.regions; }

  private releaseMemory(): void {
    for (const r of this.regions) this.kernel.detach(this.task.id, r.start, r.size);
    this.regions.length = 0;
    for (const id of this.kernel.takeReleasedDataspaces()) this.host.rootTask.free(id);
  }

  private cpuTimeNs(): bigint {
    const live = this.runningSince >= 0 ? (performance.now() - this.runningSince) * 1e6 : 0;
    return BigInt(Math.floor(this.cpuNs + live));
  }

  // ---- the syscall context ----

  wait(spec: WaitSpec): number {
    this.accountMemory();
    for (const { file } of spec.files ?? []) this.subscriptions.push(file.subscribe(this.notify));
    let timeout: number = Timeout.Never;
    if (spec.deadlineNs !== undefined) {
      const remaining = spec.deadlineNs - this.clock.monotonicNs();
      timeout = remaining <= 0n ? Timeout.Poll : Math.max(1, Math.ceil(Number(remaining) / 1000));
    }
    // Blocks unless the IRQ is already pending or the timeout is zero; either way the call
    // runs again from the start once the thread is scheduled.
    const r = this.kernel.receive(this.thread.id, 0, timeout);
    if (r !== -KErr.WouldBlock) this.kernel.yield(this.thread.id);
    return SUSPEND;
  }

  yield(): number {
    if (this.restart === 'yielded') return 0;
    this.restart = 'yielded';
    this.accountMemory();
    this.kernel.yield(this.thread.id);
    return SUSPEND;
  }

  random(buf: Uint8Array): void { randomFillSync(buf); }

  raise(wasiSignal: number): number {
    const sig = linuxSignal(wasiSignal);
    if (sig === undefined) return -Errno.EINVAL;
    switch (defaultAction(sig)) {
      case DefaultAction.Ignore: case DefaultAction.Continue: case DefaultAction.Stop:
        return 0;
      default:
        throw new ProcessExit(128 + sig, sig);
    }
  }

  onInternalError(call: string, error: unknown): void {
    process.emitWarning(`l4wasm: ${this.image.name}: internal error in ${call}: ${(error as Error)?.stack ?? error}`);
  }
}
