import { Rights } from "../kernel/kernel.js";
import { Errno, errnoName } from "../errno.js";
import { Dataspace, DataspaceFlags } from "./dataspace.js";
import { Proxy, ProxyThread } from "./proxy.js";
const PAGE = 4096;
class L4Namespace {
  constructor(kernel, rootTask, registry, cpu, onFirstProxy) {
    this.kernel = kernel;
    this.rootTask = rootTask;
    this.registry = registry;
    this.cpu = cpu;
    this.onFirstProxy = onFirstProxy;
  }
  kernel;
  rootTask;
  registry;
  cpu;
  onFirstProxy;
  objects = /* @__PURE__ */ new Map();
  /** Names the guest does not see (the proxies' IRQs and dataspaces: the guest uses the device). */
  hidden = /* @__PURE__ */ new Set();
  proxies = /* @__PURE__ */ new Map();
  proxyThread;
  /** Shared dataspaces by id (attached by several programs; never the root task's anonymous memory). */
  shared = /* @__PURE__ */ new Map();
  /** An IPC gate no thread serves yet: the server binds it (l4_rcv_ep_bind_thread), clients call it. */
  channel(name) {
    return this.add(name, { kind: "channel", ref: this.kernel.newGate(void 0, 0) }).ref;
  }
  /** An IRQ object: one side binds it to its thread and receives, the other triggers it. */
  irq(name) {
    return this.add(name, { kind: "irq", ref: this.kernel.newIrq() }).ref;
  }
  /** A TypeScript server object behind a named gate, served by the machine's server thread. */
  serve(name, obj) {
    if (this.registry === void 0) throw new Error(`L4 namespace: no server thread to serve "${name}"`);
    return this.add(name, { kind: "channel", ref: this.registry.register(obj) }).ref;
  }
  /** A server object behind a gate of its own that has no name (a task's log capability). */
  register(obj) {
    if (this.registry === void 0) throw new Error("L4 namespace: no server thread");
    return this.registry.register(obj);
  }
  unregister(obj) {
    this.registry?.unregister(obj);
  }
  /** A zero-filled dataspace of `size` bytes (rounded up to pages) that programs attach by name. */
  dataspace(name, size) {
    const ds = this.allocate(size, name);
    if (typeof ds === "number") throw new Error(`L4 namespace: dataspace "${name}" of ${size} bytes: ${errnoName(ds)}`);
    return this.add(name, { kind: "dataspace", ds }).ds;
  }
  get(name) {
    return this.objects.get(name);
  }
  /** What a guest process may look up: everything but the proxies' parts. */
  getForGuest(name) {
    return this.hidden.has(name) ? void 0 : this.objects.get(name);
  }
  /**
   * A proxy (src/l4re/proxy.ts): the dataspace `name` of `size` bytes and the IRQs `name.req`
   * (guest -> task) and `name.notify` (task -> guest), for a task given `name`; the guest opens
   * /dev/l4shm/NAME.
   */
  proxy(name, size) {
    if (this.cpu === void 0) throw new Error(`L4 namespace: no CPU for proxy "${name}"`);
    if (name.includes("/") || name.includes(".")) throw new Error(`L4 namespace: proxy "${name}": no '/' or '.' in its name`);
    for (const n of [name, `${name}.req`, `${name}.notify`]) if (this.objects.has(n)) throw new Error(`L4 namespace: "${n}" is taken`);
    const ds = this.dataspace(name, size);
    const req = this.irq(`${name}.req`);
    const notify = this.irq(`${name}.notify`);
    for (const n of [name, `${name}.req`, `${name}.notify`]) this.hidden.add(n);
    this.proxyThread ??= new ProxyThread(this.kernel, this.cpu);
    const p = new Proxy(this.kernel, this.cpu, name, ds, req, notify);
    this.proxyThread.add(p);
    this.proxies.set(name, p);
    if (this.proxies.size === 1) this.onFirstProxy?.();
    return p;
  }
  getProxy(name) {
    return this.proxies.get(name);
  }
  proxyNames() {
    return [...this.proxies.keys()];
  }
  /** The names a grant of `name` also gives: a proxy's IRQs come with it. */
  companions(name) {
    return this.proxies.has(name) ? [`${name}.req`, `${name}.notify`] : [];
  }
  /** Triggers the IRQ `name` from the host: 0, or -ENOENT (no IRQ of that name). Wake the CPU after. */
  trigger(name) {
    const o = this.objects.get(name);
    if (o?.kind !== "irq") return -Errno.ENOENT;
    return this.kernel.triggerIrq(o.ref.id) < 0 ? -Errno.ENOENT : 0;
  }
  names() {
    return [...this.objects.keys()];
  }
  /**
   * A dataspace with contents of its own (SharedArrayBuffer: programs on other cores attach it
   * too), counted against the root task's memory: the dataspace or -EINVAL / -ENOMEM.
   */
  allocate(size, name = "shared") {
    if (!Number.isInteger(size) || size <= 0 || size > 1073741824) return -Errno.EINVAL;
    const rounded = Math.ceil(size / PAGE) * PAGE;
    if (this.rootTask.allocated + rounded > this.rootTask.memoryLimit) return -Errno.ENOMEM;
    this.rootTask.allocated += rounded;
    const ds = new Dataspace(name, new Uint8Array(new SharedArrayBuffer(rounded)), DataspaceFlags.Anonymous);
    this.shared.set(ds.id, ds);
    return ds;
  }
  /** Gives an allocated dataspace back once no region attaches it: 0 or -EINVAL / -EBUSY. */
  free(ds) {
    if (this.shared.get(ds.id) !== ds) return -Errno.EINVAL;
    if (this.kernel.dataspaceRefs(ds.id) > 0) return -Errno.EBUSY;
    for (const o of this.objects.values()) if (o.kind === "dataspace" && o.ds === ds) return -Errno.EBUSY;
    this.shared.delete(ds.id);
    this.rootTask.allocated -= ds.size;
    return 0;
  }
  add(name, o) {
    if (name === "" || this.objects.has(name)) throw new Error(`L4 namespace: "${name}" ${name === "" ? "is no name" : "is taken"}`);
    this.objects.set(name, o);
    return o;
  }
}
function grantRights(o, server) {
  return o.kind === "channel" && !server ? Rights.W : Rights.All;
}
export {
  L4Namespace,
  grantRights
};
