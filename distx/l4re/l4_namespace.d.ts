import { Kernel, type KRef } from '../kernel/kernel.js';
import { Dataspace } from './dataspace.js';
import type { Registry, ServerObject } from './registry.js';
import type { Cpu } from '../kernel/cpu.js';
import { Proxy } from './proxy.js';
import type { RootTask } from './root_task.js';
/** A kernel object or shared dataspace known by name. */
export type L4Object = {
    readonly kind: 'channel' | 'irq';
    readonly ref: KRef;
} | {
    readonly kind: 'dataspace';
    readonly ds: Dataspace;
};
export declare class L4Namespace {
    private readonly kernel;
    private readonly rootTask;
    private readonly registry?;
    private readonly cpu?;
    /** Called when the first proxy is made (the machine mounts its devices). */
    private readonly onFirstProxy?;
    private readonly objects;
    /** Names the guest does not see (the proxies' IRQs and dataspaces: the guest uses the device). */
    private readonly hidden;
    private readonly proxies;
    private proxyThread?;
    /** Shared dataspaces by id (attached by several programs; never the root task's anonymous memory). */
    private readonly shared;
    constructor(kernel: Kernel, rootTask: RootTask, registry?: Registry | undefined, cpu?: Cpu | undefined, 
    /** Called when the first proxy is made (the machine mounts its devices). */
    onFirstProxy?: (() => void) | undefined);
    /** An IPC gate no thread serves yet: the server binds it (l4_rcv_ep_bind_thread), clients call it. */
    channel(name: string): KRef;
    /** An IRQ object: one side binds it to its thread and receives, the other triggers it. */
    irq(name: string): KRef;
    /** A TypeScript server object behind a named gate, served by the machine's server thread. */
    serve(name: string, obj: ServerObject): KRef;
    /** A server object behind a gate of its own that has no name (a task's log capability). */
    register(obj: ServerObject): KRef;
    unregister(obj: ServerObject): void;
    /** A zero-filled dataspace of `size` bytes (rounded up to pages) that programs attach by name. */
    dataspace(name: string, size: number): Dataspace;
    get(name: string): L4Object | undefined;
    /** What a guest process may look up: everything but the proxies' parts. */
    getForGuest(name: string): L4Object | undefined;
    /**
     * A proxy (src/l4re/proxy.ts): the dataspace `name` of `size` bytes and the IRQs `name.req`
     * (guest -> task) and `name.notify` (task -> guest), for a task given `name`; the guest opens
     * /dev/l4shm/NAME.
     */
    proxy(name: string, size: number): Proxy;
    getProxy(name: string): Proxy | undefined;
    proxyNames(): string[];
    /** The names a grant of `name` also gives: a proxy's IRQs come with it. */
    companions(name: string): string[];
    /** Triggers the IRQ `name` from the host: 0, or -ENOENT (no IRQ of that name). Wake the CPU after. */
    trigger(name: string): number;
    names(): string[];
    /**
     * A dataspace with contents of its own (SharedArrayBuffer: programs on other cores attach it
     * too), counted against the root task's memory: the dataspace or -EINVAL / -ENOMEM.
     */
    allocate(size: number, name?: string): Dataspace | number;
    /** Gives an allocated dataspace back once no region attaches it: 0 or -EINVAL / -EBUSY. */
    free(ds: Dataspace): number;
    private add;
}
/**
 * The rights a program gets to a named object: a channel's clients may only call it (W), its
 * server also binds and receives (all rights); an IRQ is bound, received and triggered by
 * whoever is given it.
 */
export declare function grantRights(o: L4Object, server: boolean): number;
