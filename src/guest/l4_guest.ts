// The L4 side of a guest process: its thread and task as an L4Port that sees every name in the
// machine's L4 namespace (as a client: channels only to call, IRQs to bind, receive and trigger;
// not the proxies' parts, which it reaches through /dev/l4shm),
// with windows attached through the process's region manager.
import { L4Port, type WindowSpace } from '../libc/l4_port.js';
import { Placement, type AddressSpace } from '../libc/address_space.js';
import { grantRights, type L4Namespace } from '../l4re/l4_namespace.js';
import type { Cpu } from '../kernel/cpu.js';
import type { Cap, Kernel, KRef, TaskId, ThreadId } from '../kernel/kernel.js';

/** PROT_READ | PROT_WRITE */
const PROT_RW = 3;

/** Windows in a guest's memory: regions of its region manager, like mmap's. */
export function regionWindows(as: AddressSpace): WindowSpace {
  return {
    attach(ds, addr, size, offset) {
      const at = as.map({
        placement: addr === undefined ? Placement.Anywhere : Placement.NoReplace,
        addr: addr ?? 0, size, prot: PROT_RW, backing: { kind: 'shared', ds }, offset,
      });
      return at;
    },
    detach(addr, size) { as.unmap(addr, size); },
  };
}

export interface GuestL4Parts {
  readonly kernel: Kernel;
  readonly cpu: Cpu;
  readonly task: KRef<TaskId>;
  readonly thread: KRef<ThreadId>;
  readonly addressSpace: AddressSpace;
}

/** The guest process's port onto the machine's namespace `ns`. */
export function guestL4Port(p: GuestL4Parts, ns: L4Namespace): L4Port {
  const grant = (name: string) => {
    const object = ns.getForGuest(name);
    return object === undefined ? undefined : { object, rights: grantRights(object, false) };
  };
  return new L4Port(p.kernel, p.cpu, p.task.id, p.thread.id, grant, ns, regionWindows(p.addressSpace),
    p.thread.cap as Cap);
}
