import type { Cpu } from '../kernel/cpu.js';
import { type Kernel, type TaskId, type ThreadId } from '../kernel/kernel.js';
import type { Dataspace } from '../l4re/dataspace.js';
import type { L4Object } from '../l4re/l4_namespace.js';
/** L4 error codes (sysroot/include/l4/sys/err.h; equal to the errno values of the same name). */
export declare const enum L4Err {
    PERM = 1,
    NOENT = 2,
    NOMEM = 12,
    FAULT = 14,
    BUSY = 16,
    EXIST = 17,
    NODEV = 19,
    INVAL = 22,
    RANGE = 34,
    NOSYS = 38
}
/** -L4Err for a -Errno (WASI numbering) from the region manager or the namespace. */
export declare function l4ErrOfErrno(e: number): number;
/** Handles of dataspaces start here (capability slots stay far below). */
export declare const DS_HANDLE_BASE = 65536;
/** A name a program may look up, and the rights it gets to what the name holds. */
export interface L4Grant {
    readonly object: L4Object;
    readonly rights: number;
}
/** Where a port's windows go in the program's memory (a guest's region manager, a task's own). */
export interface WindowSpace {
    /** Attaches `size` bytes of `ds` from `offset` at `addr` (undefined: anywhere): the address or -Errno. */
    attach(ds: Dataspace, addr: number | undefined, size: number, offset: number): number;
    detach(addr: number, size: number): void;
}
/** What the port allocates dataspaces from (the machine's L4 namespace); errors are -Errno. */
export interface DataspaceSource {
    allocate(size: number): Dataspace | number;
    free(ds: Dataspace): number;
}
export declare class L4Port {
    readonly kernel: Kernel;
    readonly cpu: Cpu;
    readonly task: TaskId;
    readonly thread: ThreadId;
    /** The names this program was given. */
    private readonly grant;
    private readonly source;
    readonly space: WindowSpace;
    /** The root task's capability slot of the thread (its own capability is mapped from it). */
    private readonly threadRootCap;
    /** The log capability (native tasks), as a slot of the task; -1: none. */
    readonly logCap: number;
    private readonly caps;
    private readonly dataspaces;
    /** The dataspaces this program allocated (l4re_ma_alloc): given back when it ends. */
    private readonly owned;
    private readonly windows;
    private selfSlot;
    /** Told when the program binds a gate or IRQ to its thread (it serves from then on). */
    onBind?: () => void;
    constructor(kernel: Kernel, cpu: Cpu, task: TaskId, thread: ThreadId, 
    /** The names this program was given. */
    grant: (name: string) => L4Grant | undefined, source: DataspaceSource, space: WindowSpace, 
    /** The root task's capability slot of the thread (its own capability is mapped from it). */
    threadRootCap: number, 
    /** The log capability (native tasks), as a slot of the task; -1: none. */
    logCap?: number);
    /** The capability (or dataspace handle) named `name`, mapped on first use: >= 0 or -L4Err.NOENT. */
    capGet(name: string): number;
    /** The program's capability to its own thread (l4re_env()->main_thread). */
    selfCap(): number;
    /** Is `cap` the program's capability to its own thread? */
    isSelf(cap: number): boolean;
    addDataspace(ds: Dataspace): number;
    dataspace(handle: number): Dataspace | undefined;
    allocate(size: number): number;
    /** l4re_ma_free: the handle goes; the memory once nobody attaches it. 0 or -L4Err. */
    free(handle: number): number;
    /**
     * The program ended (its regions are detached): the dataspaces it allocated go back, unless
     * another program still attaches one.
     */
    release(): void;
    /** Attaches a window and fills it from the dataspace: the address or -L4Err. */
    attach(ds: Dataspace, addr: number | undefined, size: number, offset: number): number;
    /** Detaches the window at `addr` (publishing it first): 0 or -L4Err.NOENT. */
    detach(mem: Uint8Array, addr: number): number;
    /**
     * A window mapped by other means (mmap of /dev/l4shm): kept in sync at the L4 calls like the
     * others, and by whoever holds the returned functions (the device, at its read and write).
     */
    trackWindow(memory: () => WebAssembly.Memory, ds: Dataspace, addr: number, size: number, offset: number): {
        publish(): void;
        refresh(): void;
    };
    /** Publishes what the program changed in its windows since the last call. */
    syncOut(mem: Uint8Array): void;
    /** Shows the program what the dataspaces hold now. */
    syncIn(mem: Uint8Array): void;
    /** Is the window still attached (munmap may have taken it)? Forgets it when not. */
    private alive;
    /**
     * Copies in what the other side published since: only chunks where the dataspace differs from
     * the shadow (the window equals the shadow here: it was published just before).
     */
    private refresh;
    /**
     * Writes the bytes the program changed since the last sync to the dataspace: chunks that differ
     * from the shadow (compared natively), then byte by byte inside the words that differ, so that
     * bytes the other side wrote meanwhile stay.
     */
    private publish;
}
