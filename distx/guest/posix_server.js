import { msgTag, Rights } from "../kernel/kernel.js";
import { SUSPEND } from "../libc/context.js";
import { Errno } from "../errno.js";
import { SYSCALLS, WASI } from "../libc/syscalls/index.js";
import { bindImport } from "../libc/syscall_edge.js";
import { fixedArityFactory } from "../libc/fixed_arity.js";
import { WasiState } from "../libc/wasi_state.js";
import { setBenchIpcChannel } from "../libc/l4posix_bench.js";
import { ServerLoop } from "../l4re/server_loop.js";
import { markPath } from "./trace_path.js";
var Op = /* @__PURE__ */ ((Op2) => {
  Op2[Op2["Ping"] = 1] = "Ping";
  Op2[Op2["Call"] = 256] = "Call";
  return Op2;
})(Op || {});
const CLIENT_SLOT_BASE = 128;
class ClientContext {
  constructor(p) {
    this.p = p;
  }
  p;
  waitingFor;
  get memory() {
    return this.p.memory;
  }
  get reservedTop() {
    return this.p.reservedTop;
  }
  get args() {
    return this.p.args;
  }
  get env() {
    return this.p.env;
  }
  get vfs() {
    return this.p.vfs;
  }
  get fds() {
    return this.p.fds;
  }
  get clock() {
    return this.p.clock;
  }
  get files() {
    return this.p.files;
  }
  get personality() {
    return this.p.personality;
  }
  get restart() {
    return this.p.restart;
  }
  set restart(v) {
    this.p.restart = v;
  }
  wait(spec) {
    this.waitingFor = spec;
    return SUSPEND;
  }
  random(buf) {
    this.p.random(buf);
  }
  raise(signal) {
    return this.p.raise(signal);
  }
  brokenPipe() {
    this.p.brokenPipe();
  }
  yield() {
    return this.p.yield();
  }
  onInternalError(call, error) {
    this.p.onInternalError(call, error);
  }
}
const MAX_ARGS = 10;
function apply(fn, a, n) {
  switch (n) {
    case 0:
      return fn();
    case 1:
      return fn(a[0]);
    case 2:
      return fn(a[0], a[1]);
    case 3:
      return fn(a[0], a[1], a[2]);
    case 4:
      return fn(a[0], a[1], a[2], a[3]);
    case 5:
      return fn(a[0], a[1], a[2], a[3], a[4]);
    case 6:
      return fn(a[0], a[1], a[2], a[3], a[4], a[5]);
    case 7:
      return fn(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    case 8:
      return fn(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    default:
      return fn(...a.slice(0, n));
  }
}
class PosixSession {
  constructor(process) {
    this.process = process;
    this.ctx = new ClientContext(process);
    this.state = new WasiState(this.ctx);
    this.calls = SYSCALLS.map((spec) => spec.callerOnly ? void 0 : bindImport(spec, spec.module === WASI ? this.state : process, this.ctx));
  }
  process;
  state;
  ctx;
  /** The routed calls by index in SYSCALLS, each bound to the client's state (undefined: not routed). */
  calls;
  args = new Array(MAX_ARGS).fill(0);
  dispatch(msg) {
    const op = msg.op;
    const mr = msg.mrs;
    if (op === 1 /* Ping */) return msgTag(0, 0);
    const mask = mr[0];
    const words = msg.words;
    const args = this.args;
    let n = 0;
    for (let w = 1; w < words && n < MAX_ARGS; n++) {
      if ((mask & 1 << n) !== 0) {
        const x = (mr[w + 1] | 0) * 4294967296 + mr[w];
        args[n] = Number.isSafeInteger(x) ? BigInt(x) : BigInt.asIntN(64, BigInt(mr[w + 1]) << 32n | BigInt(mr[w]));
        w += 2;
      } else {
        args[n] = mr[w] | 0;
        w += 1;
      }
    }
    const fn = this.calls[op - 256 /* Call */];
    const spec = SYSCALLS[op - 256 /* Call */];
    mr[0] = fn !== void 0 ? apply(fn, args, n) : spec?.result === "value" ? -Errno.ENOSYS : Errno.ENOSYS;
    return msgTag(0, 1);
  }
}
class PosixServer {
  constructor(host) {
    this.host = host;
    this.loop = ServerLoop.start(host.kernel, host.cpu);
  }
  host;
  static servers = /* @__PURE__ */ new WeakMap();
  loop;
  /** The machine's POSIX server, started on first use. */
  static of(host) {
    let s = PosixServer.servers.get(host);
    if (s === void 0) PosixServer.servers.set(host, s = new PosixServer(host));
    return s;
  }
  /**
   * Opens a session for `process`: a gate to it mapped into the process's task. Returns the
   * capability slot there. The session ends (its gate is revoked) when the process exits.
   */
  connect(process) {
    const k = this.host.kernel;
    const session = new PosixSession(process);
    const reg = this.loop.registry.register(session);
    const cap = k.findFreeCap(process.task.id, CLIENT_SLOT_BASE);
    if (cap < 0 || k.map(k.rootTask, reg.cap, process.task.id, cap, Rights.W) < 0) {
      this.loop.registry.unregister(session);
      throw new Error(`${process.image.name}: cannot map the POSIX server's gate into its task (capability slots full)`);
    }
    const end = () => {
      this.loop.registry.unregister(session);
    };
    void process.exit.then(end, end);
    return { session, cap };
  }
}
class PosixClient {
  constructor(cpu, process, session, cap) {
    this.cpu = cpu;
    this.process = process;
    this.session = session;
    this.cap = cap;
    this.thread = process.thread.id;
    this.mrs = cpu.kernel.mrs(this.thread);
  }
  cpu;
  process;
  session;
  cap;
  mrs;
  thread;
  /** A round trip with no work: the cost of the IPC path itself (bench_ipc). */
  ping() {
    const r = this.cpu.call(this.thread, this.cap, msgTag(1 /* Ping */, 0));
    return r === 0 ? 0 : this.failed("value");
  }
  w = 1;
  mask = 0;
  /** Starts a request. */
  begin() {
    this.w = 1;
    this.mask = 0;
  }
  /** Adds argument `i`: a word, or for an i64 (a BigInt) two words, low first. */
  put(v, i) {
    if (typeof v === "number") {
      this.mrs[this.w++] = v;
      return;
    }
    this.mask |= 1 << i;
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
  send(op, spec) {
    const mrs = this.mrs;
    mrs[0] = this.mask;
    const r = this.cpu.call(this.thread, this.cap, msgTag(op, this.w));
    if (r !== 0) return this.failed(spec.result);
    const result = mrs[0] | 0;
    if (result !== SUSPEND) return result;
    const wait = this.session.ctx.waitingFor;
    this.session.ctx.waitingFor = void 0;
    return wait === void 0 ? SUSPEND : this.process.wait(wait);
  }
  /**
   * The import that sends call `spec` (operation `op`): a function of exactly the call's
   * parameters (nothing allocated per call), compiled once per call (see syscall_edge.ts).
   */
  stub(op, spec) {
    return stubFactory(spec)(this, op, spec);
  }
  /**
   * The IPC itself failed. The server answers at once on this CPU, so this means it is gone or
   * busy; a call left queued at the gate is canceled so the thread does not wait for it. EIO in
   * the call's convention (an l4posix call returns -EIO: a positive value would be a result).
   */
  failed(convention) {
    this.cpu.kernel.cancel(this.thread);
    return convention === "value" ? -Errno.EIO : Errno.EIO;
  }
}
const STUBS = /* @__PURE__ */ new Map();
function stubFactory(spec) {
  const key = `${spec.module}.${spec.name}`;
  let f = STUBS.get(key);
  if (f === void 0) {
    const puts = spec.params.map((_, i) => `c.put(a${i}, ${i}); `).join("");
    f = fixedArityFactory(spec.name, ["c", "op", "spec"], spec.params.length, () => `
  c.begin(); ${puts}return c.send(op, spec);`);
    STUBS.set(key, f);
  }
  return f;
}
function serverPathWrapper(machine, options = {}) {
  const route = options.route ?? true;
  return (imports, process) => {
    const { session, cap } = PosixServer.of(machine).connect(process);
    const client = new PosixClient(machine.cpu, process, session, cap);
    setBenchIpcChannel(process, () => client.ping());
    if (!route) return imports;
    const routed = {};
    for (const [module, fns] of Object.entries(imports)) routed[module] = { ...fns };
    SYSCALLS.forEach((spec, i) => {
      const mod = routed[spec.module];
      if (spec.callerOnly || mod?.[spec.name] === void 0) return;
      mod[spec.name] = markPath(client.stub(256 /* Call */ + i, spec), "server");
    });
    return routed;
  };
}
export {
  PosixServer,
  serverPathWrapper
};
