// The machine's L4 namespace (what L4Re's ned scripts set up): named kernel objects and shared
// dataspaces that programs look up with l4re_env_get_cap(name). Channels are IPC gates a server
// binds to its thread; IRQs are notification objects; shared dataspaces hold memory that several
// programs attach. Each kernel object is held by the root task; programs get capabilities mapped
// on lookup, with the rights their grant names.
import { Kernel, Rights, type KRef } from '../kernel/kernel.js';
import { Errno, errnoName } from '../errno.js';
import { Dataspace, DataspaceFlags } from './dataspace.js';
import type { Registry, ServerObject } from './registry.js';
import type { Cpu } from '../kernel/cpu.js';
import { Proxy, ProxyThread } from './proxy.js';
import type { RootTask } from './root_task.js';

/** A kernel object or shared dataspace known by name. */
export type L4Object =
  | { readonly kind: 'channel' | 'irq'; readonly ref: KRef }
  | { readonly kind: 'dataspace'; readonly ds: Dataspace };

/** Size granule of shared dataspaces (the kernel region map's page). */
const PAGE = 4096;

export class L4Namespace {
  private readonly objects = new Map<string, L4Object>();
  /** Names the guest does not see (the proxies' IRQs and dataspaces: the guest uses the device). */
  private readonly hidden = new Set<string>();
  private readonly proxies = new Map<string, Proxy>();
  private proxyThread?: ProxyThread;
  /** Shared dataspaces by id (attached by several programs; never the root task's anonymous memory). */
  private readonly shared = new Map<number, Dataspace>();

  constructor(private readonly kernel: Kernel, private readonly rootTask: RootTask,
              private readonly registry?: Registry, private readonly cpu?: Cpu,
              /** Called when the first proxy is made (the machine mounts its devices). */
              private readonly onFirstProxy?: () => void) {}

  /** An IPC gate no thread serves yet: the server binds it (l4_rcv_ep_bind_thread), clients call it. */
  channel(name: string): KRef {
    return this.add(name, { kind: 'channel', ref: this.kernel.newGate(undefined, 0) }).ref;
  }

  /** An IRQ object: one side binds it to its thread and receives, the other triggers it. */
  irq(name: string): KRef {
    return this.add(name, { kind: 'irq', ref: this.kernel.newIrq() }).ref;
  }

  /** A TypeScript server object behind a named gate, served by the machine's server thread. */
  serve(name: string, obj: ServerObject): KRef {
    if (this.registry === undefined) throw new Error(`L4 namespace: no server thread to serve "${name}"`);
    return this.add(name, { kind: 'channel', ref: this.registry.register(obj) }).ref;
  }

  /** A server object behind a gate of its own that has no name (a task's log capability). */
  register(obj: ServerObject): KRef {
    if (this.registry === undefined) throw new Error('L4 namespace: no server thread');
    return this.registry.register(obj);
  }

  unregister(obj: ServerObject): void { this.registry?.unregister(obj); }

  /** A zero-filled dataspace of `size` bytes (rounded up to pages) that programs attach by name. */
  dataspace(name: string, size: number): Dataspace {
    const ds = this.allocate(size, name);
    if (typeof ds === 'number') throw new Error(`L4 namespace: dataspace "${name}" of ${size} bytes: ${errnoName(ds)}`);
    return this.add(name, { kind: 'dataspace', ds }).ds;
  }

  get(name: string): L4Object | undefined { return this.objects.get(name); }

  /** What a guest process may look up: everything but the proxies' parts. */
  getForGuest(name: string): L4Object | undefined { return this.hidden.has(name) ? undefined : this.objects.get(name); }

  /**
   * A proxy (src/l4re/proxy.ts): the dataspace `name` of `size` bytes and the IRQs `name.req`
   * (guest -> task) and `name.notify` (task -> guest), for a task given `name`; the guest opens
   * /dev/l4shm/NAME.
   */
  proxy(name: string, size: number): Proxy {
    if (this.cpu === undefined) throw new Error(`L4 namespace: no CPU for proxy "${name}"`);
    if (name.includes('/') || name.includes('.')) throw new Error(`L4 namespace: proxy "${name}": no '/' or '.' in its name`);
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

  getProxy(name: string): Proxy | undefined { return this.proxies.get(name); }
  proxyNames(): string[] { return [...this.proxies.keys()]; }

  /** The names a grant of `name` also gives: a proxy's IRQs come with it. */
  companions(name: string): string[] {
    return this.proxies.has(name) ? [`${name}.req`, `${name}.notify`] : [];
  }

  /** Triggers the IRQ `name` from the host: 0, or -ENOENT (no IRQ of that name). Wake the CPU after. */
  trigger(name: string): number {
    const o = this.objects.get(name);
    if (o?.kind !== 'irq') return -Errno.ENOENT;
    return this.kernel.triggerIrq(o.ref.id) < 0 ? -Errno.ENOENT : 0;
  }

  names(): string[] { return [...this.objects.keys()]; }

  /**
   * A dataspace with contents of its own (SharedArrayBuffer: programs on other cores attach it
   * too), counted against the root task's memory: the dataspace or -EINVAL / -ENOMEM.
   */
  allocate(size: number, name = 'shared'): Dataspace | number {
    if (!Number.isInteger(size) || size <= 0 || size > 0x4000_0000) return -Errno.EINVAL;
    const rounded = Math.ceil(size / PAGE) * PAGE;
    if (this.rootTask.allocated + rounded > this.rootTask.memoryLimit) return -Errno.ENOMEM;
    this.rootTask.allocated += rounded;
    const ds = new Dataspace(name, new Uint8Array(new SharedArrayBuffer(rounded)), DataspaceFlags.Anonymous);
    this.shared.set(ds.id, ds);
    return ds;
  }

  /** Gives an allocated dataspace back once no region attaches it: 0 or -EINVAL / -EBUSY. */
  free(ds: Dataspace): number {
    if (this.shared.get(ds.id) !== ds) return -Errno.EINVAL;
    if (this.kernel.dataspaceRefs(ds.id) > 0) return -Errno.EBUSY;
    for (const o of this.objects.values()) if (o.kind === 'dataspace' && o.ds === ds) return -Errno.EBUSY;
    this.shared.delete(ds.id);
    this.rootTask.allocated -= ds.size;
    return 0;
  }

  private add<T extends L4Object>(name: string, o: T): T {
    if (name === '' || this.objects.has(name)) throw new Error(`L4 namespace: "${name}" ${name === '' ? 'is no name' : 'is taken'}`);
    this.objects.set(name, o);
    return o;
  }
}

/**
 * The rights a program gets to a named object: a channel's clients may only call it (W), its
 * server also binds and receives (all rights); an IRQ is bound, received and triggered by
 * whoever is given it.
 */
export function grantRights(o: L4Object, server: boolean): number {
  return o.kind === 'channel' && !server ? Rights.W : Rights.All;
}
