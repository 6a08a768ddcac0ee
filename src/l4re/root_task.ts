// The root task (MOE's job): hands out memory as dataspaces, turns boot modules into read-only
// ROM dataspaces, and keeps the namespace (name -> dataspace) that programs and servers look up.
// It is a server object: clients reach it by IPC through its gate (RootTaskClient).
import { msgTag } from '../kernel/kernel.js';
import { Errno } from '../errno.js';
import { Dataspace, DataspaceFlags } from './dataspace.js';
import type { Message, ServerObject } from './registry.js';

/** Operations of the root task protocol (the message tag's label). */
export const enum RootOp {
  /** MR0 = size in bytes -> reply label 0 and MR0 = dataspace id, or label -errno. */
  Alloc = 1,
  /** MR0 = dataspace id -> 0 or -errno. Frees an anonymous dataspace nobody maps any more. */
  Free = 2,
  /** MR0 = name length, MR1.. = UTF-8 bytes -> label 0 and MR0 = dataspace id, or label -errno. */
  Query = 3,
}

/** Page size of the memory the root task hands out (a wasm page). */
export const PAGE_SIZE = 65536;

export class RootTask implements ServerObject {
  private readonly dataspaces = new Map<number, Dataspace>();
  private readonly names = new Map<string, Dataspace>();
  /** Bytes of anonymous memory handed out and not yet freed. */
  allocated = 0;

  constructor(readonly memoryLimit = 4 * 1024 * 1024 * 1024) {}

  /** A boot module: a read-only ROM dataspace, registered in the namespace as `rom/<name>`. */
  addBootModule(name: string, contents: Uint8Array): Dataspace {
    const ds = new Dataspace(name, contents, DataspaceFlags.ReadOnly);
    this.dataspaces.set(ds.id, ds);
    this.names.set(`rom/${name}`, ds);
    return ds;
  }

  /** The ROM dataspaces, for the Ro_fs. */
  bootModules(): Dataspace[] {
    return [...this.names.entries()].filter(([n]) => n.startsWith('rom/')).map(([, ds]) => ds);
  }

  /** An anonymous dataspace of `size` bytes (rounded up to pages), or -ENOMEM. */
  allocate(size: number, name = 'anon'): Dataspace | number {
    if (!Number.isInteger(size) || size <= 0) return -Errno.EINVAL;
    const rounded = Math.ceil(size / PAGE_SIZE) * PAGE_SIZE;
    if (this.allocated + rounded > this.memoryLimit) return -Errno.ENOMEM;
    // Contents are not materialised here: a program's anonymous memory is its own linear memory;
    // the dataspace accounts for it and names it in the region map.
    const ds = new Dataspace(name, new Uint8Array(0), DataspaceFlags.Anonymous, rounded);
    this.allocated += rounded;
    this.dataspaces.set(ds.id, ds);
    return ds;
  }

  /** Releases an anonymous dataspace (the kernel reported its last region gone). */
  free(id: number): number {
    const ds = this.dataspaces.get(id);
    if (ds === undefined) return -Errno.ENOENT;
    if (ds.readOnly) return -Errno.EPERM; // boot modules live as long as the machine
    this.dataspaces.delete(id);
    this.allocated -= ds.size;
    return 0;
  }

  lookup(name: string): Dataspace | undefined { return this.names.get(name); }
  dataspace(id: number): Dataspace | undefined { return this.dataspaces.get(id); }

  dispatch(msg: Message): number {
    const mr = msg.mrs;
    switch (msg.op) {
      case RootOp.Alloc: {
        const ds = this.allocate(mr[0]!);
        return reply(mr, typeof ds === 'number' ? ds : ds.id);
      }
      case RootOp.Free:
        return msgTag(this.free(mr[0]!));
      case RootOp.Query: {
        const len = mr[0]!;
        if (len > (mr.length - 1) * 4) return msgTag(-Errno.ENAMETOOLONG);
        const bytes = new Uint8Array(mr.buffer, mr.byteOffset + 4, len);
        const ds = this.lookup(new TextDecoder().decode(bytes.slice()));
        return reply(mr, ds === undefined ? -Errno.ENOENT : ds.id);
      }
      default:
        return msgTag(-Errno.ENOSYS);
    }
  }
}

/** A reply carrying a value: ids outgrow the tag's 16-bit label, so they travel in MR0. */
function reply(mr: Uint32Array, value: number): number {
  if (value < 0) return msgTag(value);
  mr[0] = value;
  return msgTag(0, 1);
}
