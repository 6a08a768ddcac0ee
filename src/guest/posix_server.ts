// The POSIX server: the "single server" alternative to the per-process backend. A client process's
// calls travel by kernel IPC (client backend -> gate -> server thread on the same CPU -> reply) and
// the server runs the same implementation on the client's state and memory.
//
// Protocol, one session object (and gate) per client process:
//   request  tag label = operation (Op.Ping, or Op.Call + the call's index in SYSCALLS); MR0 =
//            mask of the arguments that are i64; MR1.. = the arguments, one word each, an i64 as
//            two (low word first).
//   reply    MR0 = the ABI result in the call's convention (WASI errno, l4posix value or -errno,
//            or SUSPEND).
// Which calls travel this way is the table's `callerOnly` (libc/syscalls); the server runs each
// through the same edge as the local path (syscall_edge.ts).
// A call that must wait (SUSPEND) has the server note what it waits for; the client then waits in
// its own thread (a server never blocks on a client's behalf) and re-sends the call when it resumes.
import type { Restart } from '../libc/restart.js';
import { msgTag, Rights, type Cap, type Kernel, type ThreadId } from '../kernel/kernel.js';
import type { Cpu } from '../kernel/cpu.js';
import { SUSPEND, type SyscallContext, type WaitSpec } from '../libc/context.js';
import { Errno } from '../errno.js';
import { SYSCALLS, WASI, type ResultConvention, type SyscallSpec } from '../libc/syscalls/index.js';
import { bindImport } from '../libc/syscall_edge.js';
import { fixedArityFactory } from '../libc/fixed_arity.js';
import { WasiState } from '../libc/wasi_state.js';
import { setBenchIpcChannel } from '../libc/l4posix_bench.js';
import type { Message, ServerObject } from '../l4re/registry.js';
import { ServerLoop } from '../l4re/server_loop.js';
import type { ImportTable } from './program.js';
import type { Process } from './process.js';
import { markPath } from './trace_path.js';

const enum Op { Ping = 1, Call = 0x100 }

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
  get nullGuard(): number { return this.p.nullGuard; }
  get args(): readonly string[] { return this.p.args; }
  get env(): readonly string[] { return this.p.env; }
  get vfs() { return this.p.vfs; }
  get fds() { return this.p.fds; }
  get clock() { return this.p.clock; }
  get files() { return this.p.files; }
  get personality() { return this.p.personality; }
  get restart(): Restart | undefined { return this.p.restart; }
  set restart(v: Restart | undefined) { this.p.restart = v; }

  wait(spec: WaitSpec): number {
    this.waitingFor = spec;
    return SUSPEND;
  }

  random(buf: Uint8Array): void { this.p.random(buf); }
  raise(signal: number): number { return this.p.raise(signal); }
  brokenPipe(): void { this.p.brokenPipe(); }
  fileSizeLimit(): number { return this.p.fileSizeLimit(); }
  fileTooLarge(): void { this.p.fileTooLarge(); }
  yield(): number { return this.p.yield(); }
  onInternalError(call: string, error: unknown): void { this.p.onInternalError(call, error); }
}

/** Most arguments a routed call has (path_open: 9). */
const MAX_ARGS = 10;

/** Calls `fn(a[0..n))` without building an array per call. */
function apply(fn: (...x: any[]) => number, a: readonly any[], n: number): number {
  switch (n) {
    case 0: return fn();
    case 1: return fn(a[0]);
    case 2: return fn(a[0], a[1]);
    case 3: return fn(a[0], a[1], a[2]);
    case 4: return fn(a[0], a[1], a[2], a[3]);
    case 5: return fn(a[0], a[1], a[2], a[3], a[4]);
    case 6: return fn(a[0], a[1], a[2], a[3], a[4], a[5]);
    case 7: return fn(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    case 8: return fn(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    default: return fn(...a.slice(0, n));
  }
}

/** One client process's session: the server object behind the gate mapped into its task. */
class PosixSession implements ServerObject {
  readonly state: WasiState;
  readonly ctx: ClientContext;
  /** The routed calls by index in SYSCALLS, each bound to the client's state (undefined: not routed). */
  private readonly calls: (((...a: any[]) => number) | undefined)[];
  private readonly args: any[] = new Array(MAX_ARGS).fill(0);

  constructor(readonly process: Process) {
    this.ctx = new ClientContext(process);
    this.state = new WasiState(this.ctx);
    // l4posix calls take the process's own context: the routed ones answer at once (never wait).
    this.calls = SYSCALLS.map((spec) => spec.callerOnly ? undefined
      : bindImport(spec, spec.module === WASI ? this.state : process, this.ctx));
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
    const fn = this.calls[op - Op.Call];
    const spec = SYSCALLS[op - Op.Call];
    // A call the server does not answer: ENOSYS in the call's convention.
    mr[0] = fn !== undefined ? apply(fn, args, n) : spec?.result === 'value' ? -Errno.ENOSYS : Errno.ENOSYS;
    return msgTag(0, 1);
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
  connect(process: Process): { session: PosixSession; cap: Cap } {
    const k = this.host.kernel;
    const session = new PosixSession(process);
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
    return r === 0 ? 0 : this.failed('value'); // bench_ipc's convention
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
  send(op: number, spec: SyscallSpec): number {
    const mrs = this.mrs;
    mrs[0] = this.mask;
    const r = this.cpu.call(this.thread, this.cap, msgTag(op, this.w));
    if (r !== 0) return this.failed(spec.result);
    const result = mrs[0]! | 0;
    if (result !== SUSPEND) return result;
    const wait = this.session.ctx.waitingFor;
    this.session.ctx.waitingFor = undefined;
    // The server found the call must wait: the client waits in its own thread (Process.wait
    // suspends it) and re-sends the call once it runs again.
    return wait === undefined ? SUSPEND : this.process.wait(wait);
  }

  /**
   * The import that sends call `spec` (operation `op`): a function of exactly the call's
   * parameters (nothing allocated per call), compiled once per call (see syscall_edge.ts).
   */
  stub(op: number, spec: SyscallSpec): (...a: any[]) => number {
    return stubFactory(spec)(this, op, spec);
  }

  /**
   * The IPC itself failed. The server answers at once on this CPU, so this means it is gone or
   * busy; a call left queued at the gate is canceled so the thread does not wait for it. EIO in
   * the call's convention (an l4posix call returns -EIO: a positive value would be a result).
   */
  private failed(convention: ResultConvention): number {
    this.cpu.kernel.cancel(this.thread);
    return convention === 'value' ? -Errno.EIO : Errno.EIO;
  }
}

type StubFactory = (client: PosixClient, op: number, spec: SyscallSpec) => (...a: any[]) => number;
const STUBS = new Map<string, StubFactory>();

function stubFactory(spec: SyscallSpec): StubFactory {
  const key = `${spec.module}.${spec.name}`;
  let f = STUBS.get(key);
  if (f === undefined) {
    const puts = spec.params.map((_, i) => `c.put(a${i}, ${i}); `).join('');
    f = fixedArityFactory<StubFactory>(spec.name, ['c', 'op', 'spec'], spec.params.length, () => `
  c.begin(); ${puts}return c.send(op, spec);`);
    STUBS.set(key, f);
  }
  return f;
}

export interface ServerPathOptions {
  /** Route calls through the server (default). False: only connect (bench_ipc's channel). */
  route?: boolean;
}

/**
 * The wrapImports for the server path of `machine`: each process connects to the machine's POSIX
 * server and its calls (all but those the table marks callerOnly) go there by IPC.
 */
export function serverPathWrapper(machine: PosixServerHost, options: ServerPathOptions = {}):
    (imports: ImportTable, process: Process) => ImportTable {
  const route = options.route ?? true;
  return (imports, process) => {
    const { session, cap } = PosixServer.of(machine).connect(process);
    const client = new PosixClient(machine.cpu, process, session, cap);
    setBenchIpcChannel(process, () => client.ping());
    if (!route) return imports;
    const routed: ImportTable = {};
    for (const [module, fns] of Object.entries(imports)) routed[module] = { ...fns };
    SYSCALLS.forEach((spec, i) => {
      const mod = routed[spec.module];
      if (spec.callerOnly || mod?.[spec.name] === undefined) return;
      mod[spec.name] = markPath(client.stub(Op.Call + i, spec), 'server');
    });
    return routed;
  };
}
