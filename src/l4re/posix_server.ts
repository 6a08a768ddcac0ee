// The POSIX server: the "single server" alternative to the per-process backend. A client process's
// calls travel by kernel IPC (client backend -> gate -> server thread on the same CPU -> reply) and
// the server runs the same core implementation (WASI_CALLS) on the client's state and memory.
//
// Protocol, one session object (and gate) per client process:
//   request  tag label = operation (Op.Ping, or Op.Wasi + index in WASI_FUNCTIONS, or Op.L4posix +
//            index in ROUTED_L4POSIX); MR0 = mask of the arguments that are i64; MR1.. = the
//            arguments, one word each, an i64 as two (low word first).
//   reply    MR0 = the ABI result (errno, an l4posix value, or SUSPEND).
// A call that must wait (SUSPEND) has the server note what it waits for; the client then waits in
// its own thread (a server never blocks on a client's behalf) and re-sends the call when it resumes.
import { msgTag, Rights, type Cap, type Kernel, type ThreadId } from '../kernel/kernel.js';
import type { Cpu } from '../kernel/cpu.js';
import { ProcessExit, SUSPEND, type SyscallContext, type WaitSpec } from '../libc/context.js';
import { Errno } from '../libc/errno.js';
import { WASI_CALLS, WASI_FUNCTIONS, WASI_PARAMS, type WasiName } from '../libc/wasi.js';
import { WasiState } from '../libc/wasi_state.js';
import { setBenchIpcChannel } from '../libc/l4posix_bench.js';
import type { ImportTable } from '../guest/program.js';
import type { Process } from '../guest/process.js';
import { markPath } from '../guest/trace_path.js';
import type { Message, ServerObject } from './registry.js';
import { ServerLoop } from './server_loop.js';

const enum Op { Ping = 1, Wasi = 0x100, L4posix = 0x200 }

/**
 * WASI calls that stay in the caller's backend on the server path: they end the caller
 * (proc_exit, proc_raise) or suspend it with state of its own (poll_oneoff's deadline, sched_yield).
 */
const LOCAL_WASI: ReadonlySet<WasiName> = new Set<WasiName>(['proc_exit', 'proc_raise', 'poll_oneoff', 'sched_yield']);

/**
 * l4posix calls the server answers (others stay local: they may wait or change the caller): the
 * identity calls, and the file calls WASI has no call for (stat with modes, chmod, access, the
 * canonical path), so that a program's file-system calls all travel the same path.
 */
const ROUTED_L4POSIX: readonly string[] = [
  'getpid', 'getppid', 'getuid', 'getgid', 'bench_nop',
  'statat', 'fstat', 'fchmodat', 'fchmod', 'faccessat', 'realpath',
];

/** Capability slots of a client task at and above this are where the server's gate goes. */
const CLIENT_SLOT_BASE = 128;

/** What the server needs of its machine. */
export interface PosixServerHost {
  readonly kernel: Kernel;
  readonly cpu: Cpu;
}

/**
 * The client's context as the server sees it: the process's own state and memory, except that a
 * call that has to wait only records what it waits for; the client waits in its own thread.
 */
class ClientContext implements SyscallContext {
  waitingFor: WaitSpec | undefined;

  constructor(private readonly p: Process) {}

  get memory(): WebAssembly.Memory { return this.p.memory; }
  get reservedTop(): number { return this.p.reservedTop; }
  get args(): readonly string[] { return this.p.args; }
  get env(): readonly string[] { return this.p.env; }
  get vfs() { return this.p.vfs; }
  get fds() { return this.p.fds; }
  get clock() { return this.p.clock; }
  get files() { return this.p.files; }
  get personality() { return this.p.personality; }
  get restart(): unknown { return this.p.restart; }
  set restart(v: unknown) { this.p.restart = v; }

  wait(spec: WaitSpec): number {
    this.waitingFor = spec;
    return SUSPEND;
  }

  random(buf: Uint8Array): void { this.p.random(buf); }
  raise(signal: number): number { return this.p.raise(signal); }
  brokenPipe(): void { this.p.brokenPipe(); }
  yield(): number { return this.p.yield(); }
  onInternalError(call: string, error: unknown): void { this.p.onInternalError(call, error); }
}

/** Most arguments a routed call has (path_open: 9). */
const MAX_ARGS = 10;

/** Calls `fn(first, a[0..n))` without building an array per call. */
function apply(fn: (...x: any[]) => number, first: unknown, a: readonly any[], n: number): number {
  switch (n) {
    case 0: return fn(first);
    case 1: return fn(first, a[0]);
    case 2: return fn(first, a[0], a[1]);
    case 3: return fn(first, a[0], a[1], a[2]);
    case 4: return fn(first, a[0], a[1], a[2], a[3]);
    case 5: return fn(first, a[0], a[1], a[2], a[3], a[4]);
    case 6: return fn(first, a[0], a[1], a[2], a[3], a[4], a[5]);
    case 7: return fn(first, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    case 8: return fn(first, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    default: return fn(first, ...a.slice(0, n));
  }
}

/** Calls `fn(a[0..n))` (an l4posix import: no context argument) without building an array. */
function applyN(fn: (...x: any[]) => number, a: readonly any[], n: number): number {
  switch (n) {
    case 0: return fn();
    case 1: return fn(a[0]);
    case 2: return fn(a[0], a[1]);
    case 3: return fn(a[0], a[1], a[2]);
    case 4: return fn(a[0], a[1], a[2], a[3]);
    case 5: return fn(a[0], a[1], a[2], a[3], a[4]);
    case 6: return fn(a[0], a[1], a[2], a[3], a[4], a[5]);
    default: return fn(...a.slice(0, n));
  }
}

/** One client process's session: the server object behind the gate mapped into its task. */
class PosixSession implements ServerObject {
  readonly state: WasiState;
  readonly ctx: ClientContext;
  private readonly wasiImpls = WASI_FUNCTIONS.map((n) => WASI_CALLS[n]);
  /** The routed l4posix calls as the process's own imports (they take no context argument). */
  private readonly l4posix: ((...a: any[]) => number)[];
  private readonly args: any[] = new Array(MAX_ARGS).fill(0);

  constructor(readonly process: Process, local: ImportTable) {
    this.ctx = new ClientContext(process);
    this.state = new WasiState(this.ctx);
    this.l4posix = ROUTED_L4POSIX.map((n) => local.l4posix?.[n] ?? (() => -Errno.ENOSYS));
  }

  dispatch(msg: Message): number {
    const op = msg.op;
    const mr = msg.mrs;
    if (op === Op.Ping) return msgTag(0, 0);
    const mask = mr[0]!;
    const words = msg.words;
    const args = this.args;
    let n = 0;
    for (let w = 1; w < words && n < MAX_ARGS; n++) {
      if ((mask & (1 << n)) !== 0) {
        const x = (mr[w + 1]! | 0) * 4294967296 + mr[w]!;
        args[n] = Number.isSafeInteger(x) ? BigInt(x) : BigInt.asIntN(64, (BigInt(mr[w + 1]!) << 32n) | BigInt(mr[w]!));
        w += 2;
      } else {
        args[n] = mr[w]! | 0;
        w += 1;
      }
    }
    let r: number;
    if (op >= Op.Wasi && op < Op.Wasi + WASI_FUNCTIONS.length) r = this.wasi(op - Op.Wasi, args, n);
    else if (op >= Op.L4posix && op < Op.L4posix + this.l4posix.length) r = applyN(this.l4posix[op - Op.L4posix]!, args, n);
    else r = Errno.ENOSYS;
    mr[0] = r;
    return msgTag(0, 1);
  }

  /** Runs WASI call `index` on the client's state: the ABI result, or SUSPEND. */
  private wasi(index: number, args: any[], n: number): number {
    try {
      const r = apply(this.wasiImpls[index]!, this.state, args, n);
      return r >= 0 ? 0 : r === SUSPEND ? SUSPEND : -r;
    } catch (e) {
      if (e instanceof ProcessExit) throw e; // not reached: the calls that end a process stay local
      this.ctx.onInternalError(WASI_FUNCTIONS[index]!, e);
      return e instanceof RangeError ? Errno.EFAULT : Errno.EIO;
    }
  }
}

/** The POSIX server of one machine: a server thread on the machine's CPU and its sessions. */
export class PosixServer {
  private static readonly servers = new WeakMap<PosixServerHost, PosixServer>();
  private readonly loop: ServerLoop;

  private constructor(readonly host: PosixServerHost) {
    // Started before any client runs: the server thread (priority above programs) is waiting in
    // its receive by the time a client first calls.
    this.loop = ServerLoop.start(host.kernel, host.cpu);
  }

  /** The machine's POSIX server, started on first use. */
  static of(host: PosixServerHost): PosixServer {
    let s = PosixServer.servers.get(host);
    if (s === undefined) PosixServer.servers.set(host, (s = new PosixServer(host)));
    return s;
  }

  /**
   * Opens a session for `process`: a gate to it mapped into the process's task. Returns the
   * capability slot there. The session ends (its gate is revoked) when the process exits.
   */
  connect(process: Process, local: ImportTable): { session: PosixSession; cap: Cap } {
    const k = this.host.kernel;
    const session = new PosixSession(process, local);
    const reg = this.loop.registry.register(session);
    const cap = k.findFreeCap(process.task.id, CLIENT_SLOT_BASE);
    if (cap < 0 || k.map(k.rootTask, reg.cap, process.task.id, cap, Rights.W) < 0) {
      this.loop.registry.unregister(session);
      throw new Error(`${process.image.name}: cannot map the POSIX server's gate into its task (capability slots full)`);
    }
    const end = () => { this.loop.registry.unregister(session); };
    void process.exit.then(end, end);
    return { session, cap };
  }
}

/** The client side of one session: marshals a call into the thread's message registers, calls. */
class PosixClient {
  private readonly mrs: Uint32Array;
  private readonly thread: ThreadId;

  constructor(private readonly cpu: Cpu, private readonly process: Process,
              private readonly session: PosixSession, private readonly cap: Cap) {
    this.thread = process.thread.id;
    this.mrs = cpu.kernel.mrs(this.thread);
  }

  /** A round trip with no work: the cost of the IPC path itself (bench_ipc). */
  ping(): number {
    const r = this.cpu.call(this.thread, this.cap, msgTag(Op.Ping, 0));
    return r === 0 ? 0 : this.failed(r);
  }

  private w = 1;
  private mask = 0;

  /** Starts a request. */
  begin(): void {
    this.w = 1;
    this.mask = 0;
  }

  /** Adds argument `i`: a word, or for an i64 (a BigInt) two words, low first. */
  put(v: number | bigint, i: number): void {
    if (typeof v === 'number') {
      this.mrs[this.w++] = v;
      return;
    }
    this.mask |= 1 << i;
    // Through a Number when exact (BigInt arithmetic costs tens of ns per operation).
    const x = Number(v);
    if (Number.isSafeInteger(x)) {
      this.mrs[this.w++] = x % 4294967296;
      this.mrs[this.w++] = Math.floor(x / 4294967296);
    } else {
      this.mrs[this.w++] = Number(BigInt.asUintN(32, v));
      this.mrs[this.w++] = Number(BigInt.asUintN(32, v >> 32n));
    }
  }

  /** Sends call `op`; the result the server replied (SUSPEND: wait, then re-run). */
  send(op: number): number {
    const mrs = this.mrs;
    mrs[0] = this.mask;
    const r = this.cpu.call(this.thread, this.cap, msgTag(op, this.w));
    if (r !== 0) return this.failed(r);
    const result = mrs[0]! | 0;
    if (result !== SUSPEND) return result;
    const spec = this.session.ctx.waitingFor;
    this.session.ctx.waitingFor = undefined;
    // The server found the call must wait: the client waits in its own thread (Process.wait
    // suspends it) and re-sends the call once it runs again.
    return spec === undefined ? SUSPEND : this.process.wait(spec);
  }

  /**
   * The import that sends call `op` of `arity` parameters: a function of exactly those
   * parameters (no rest parameters: nothing allocated per call).
   */
  stub(op: number, arity: number): (...a: any[]) => number {
    const c = this;
    switch (arity) {
      case 0: return () => { c.begin(); return c.send(op); };
      case 1: return (a) => { c.begin(); c.put(a, 0); return c.send(op); };
      case 2: return (a, b) => { c.begin(); c.put(a, 0); c.put(b, 1); return c.send(op); };
      case 3: return (a, b, d) => { c.begin(); c.put(a, 0); c.put(b, 1); c.put(d, 2); return c.send(op); };
      case 4: return (a, b, d, e) => {
        c.begin(); c.put(a, 0); c.put(b, 1); c.put(d, 2); c.put(e, 3); return c.send(op);
      };
      default: return (...a: any[]) => {
        c.begin();
        for (let i = 0; i < a.length; i++) c.put(a[i], i);
        return c.send(op);
      };
    }
  }

  /**
   * The IPC itself failed. The server answers at once on this CPU, so this means it is gone or
   * busy; a call left queued at the gate is canceled so the thread does not wait for it.
   */
  private failed(_r: number): number {
    this.cpu.kernel.cancel(this.thread);
    return Errno.EIO;
  }
}

export interface ServerPathOptions {
  /** Route calls through the server (default). False: only connect (bench_ipc's channel). */
  route?: boolean;
}

/**
 * The wrapImports for the server path of `machine`: each process connects to the machine's POSIX
 * server and its calls (all but the few that stay local, see LOCAL_WASI) go there by IPC.
 */
export function serverPathWrapper(machine: PosixServerHost, options: ServerPathOptions = {}):
    (imports: ImportTable, process: Process) => ImportTable {
  const route = options.route ?? true;
  return (imports, process) => {
    const { session, cap } = PosixServer.of(machine).connect(process, imports);
    const client = new PosixClient(machine.cpu, process, session, cap);
    setBenchIpcChannel(process, () => client.ping());
    if (!route) return imports;
    const wasi: Record<string, (...a: any[]) => any> = { ...imports.wasi_snapshot_preview1 };
    WASI_FUNCTIONS.forEach((name, i) => {
      if (LOCAL_WASI.has(name) || wasi[name] === undefined) return;
      const op = Op.Wasi + i;
      wasi[name] = markPath(client.stub(op, WASI_PARAMS[name].length), 'server');
    });
    const l4posix: Record<string, (...a: any[]) => any> = { ...imports.l4posix };
    ROUTED_L4POSIX.forEach((name, i) => {
      if (l4posix[name] === undefined) return;
      const op = Op.L4posix + i;
      l4posix[name] = markPath(client.stub(op, l4posix[name]!.length), 'server');
    });
    return { ...imports, wasi_snapshot_preview1: wasi, l4posix };
  };
}
