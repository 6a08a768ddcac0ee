import { L4Port, type WindowSpace } from '../libc/l4_port.js';
import { type AddressSpace } from '../libc/address_space.js';
import { type L4Namespace } from '../l4re/l4_namespace.js';
import type { Cpu } from '../kernel/cpu.js';
import type { Kernel, KRef, TaskId, ThreadId } from '../kernel/kernel.js';
/** Windows in a guest's memory: regions of its region manager, like mmap's. */
export declare function regionWindows(as: AddressSpace): WindowSpace;
export interface GuestL4Parts {
    readonly kernel: Kernel;
    readonly cpu: Cpu;
    readonly task: KRef<TaskId>;
    readonly thread: KRef<ThreadId>;
    readonly addressSpace: AddressSpace;
}
/** The guest process's port onto the machine's namespace `ns`. */
export declare function guestL4Port(p: GuestL4Parts, ns: L4Namespace): L4Port;
