// A program's L4 side (what <l4/sys/ipc.h> and friends reach, src/libc/l4posix_l4.ts): its kernel
// thread and task, the capabilities it was granted by name (mapped into its task on first lookup),
// the dataspaces it holds and the windows it attached them at. A guest process and a native L4
// task each have one.
//
// Windows: a program's memory is its own wasm memory, so a dataspace attached by several programs
// is a SharedArrayBuffer of its own plus a copy in each program's window. At each L4 call the
// window's changes since the last call are published to the dataspace (byte by byte, compared
// with a shadow copy, so that two sides writing different bytes never undo each other), and when
// the call returns the dataspace is copied back in.
import type { Cpu } from '../kernel/cpu.js';
import { Errno } from '../errno.js';
import { ObjType, Rights, type Kernel, type TaskId, type ThreadId } from '../kernel/kernel.js';
import type { Dataspace } from '../l4re/dataspace.js';
import type { L4Object } from '../l4re/l4_namespace.js';

/** L4 error codes (sysroot/include/l4/sys/err.h; equal to the errno values of the same name). */
export const enum L4Err {
  PERM = 1, NOENT = 2, NOMEM = 12, FAULT = 14, BUSY = 16, EXIST = 17, NODEV = 19, INVAL = 22,
  RANGE = 34, NOSYS = 38,
}

/** -L4Err for a -Errno (WASI numbering) from the region manager or the namespace. */
export function l4ErrOfErrno(e: number): number {
  switch (-e) {
    case Errno.EEXIST: return -L4Err.EXIST;
    case Errno.EINVAL: return -L4Err.INVAL;
    case Errno.EBUSY: return -L4Err.BUSY;
    case Errno.ENOENT: return -L4Err.NOENT;
    case Errno.EPERM: return -L4Err.PERM;
    case Errno.EFAULT: return -L4Err.FAULT;
    default: return -L4Err.NOMEM;
  }
}

/** Handles of dataspaces start here (capability slots stay far below). */
export const DS_HANDLE_BASE = 0x10000;
/** Named capabilities are mapped from this slot on (the guest keeps the slots below). */
const FIRST_NAMED_SLOT = 32;

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

interface Window {
  readonly addr: number;
  readonly size: number;
  readonly ds: Dataspace;
  readonly offset: number;
  /** The bytes as last published or copied in. */
  readonly shadow: Uint8Array;
}

export class L4Port {
  private readonly caps = new Map<string, number>();
  private readonly dataspaces: (Dataspace | undefined)[] = [];
  /** The dataspaces this program allocated (l4re_ma_alloc): given back when it ends. */
  private readonly owned = new Set<Dataspace>();
  private readonly windows: Window[] = [];
  private selfSlot = -1;
  /** Told when the program binds a gate or IRQ to its thread (it serves from then on). */
  onBind?: () => void;

  constructor(
    readonly kernel: Kernel,
    readonly cpu: Cpu,
    readonly task: TaskId,
    readonly thread: ThreadId,
    /** The names this program was given. */
    private readonly grant: (name: string) => L4Grant | undefined,
    private readonly source: DataspaceSource,
    readonly space: WindowSpace,
    /** The root task's capability slot of the thread (its own capability is mapped from it). */
    private readonly threadRootCap: number,
    /** The log capability (native tasks), as a slot of the task; -1: none. */
    readonly logCap = -1,
  ) {}

  /** The capability (or dataspace handle) named `name`, mapped on first use: >= 0 or -L4Err.NOENT. */
  capGet(name: string): number {
    const known = this.caps.get(name);
    if (known !== undefined) return known;
    const g = this.grant(name);
    if (g === undefined) return -L4Err.NOENT;
    let handle: number;
    if (g.object.kind === 'dataspace') {
      handle = this.addDataspace(g.object.ds);
    } else {
      const k = this.kernel;
      const slot = k.findFreeCap(this.task, FIRST_NAMED_SLOT);
      if (slot < 0) return -L4Err.NOMEM;
      const r = k.map(k.rootTask, g.object.ref.cap, this.task, slot, g.rights);
      if (r < 0) return -L4Err.NOMEM;
      handle = slot;
    }
    this.caps.set(name, handle);
    return handle;
  }

  /** The program's capability to its own thread (l4re_env()->main_thread). */
  selfCap(): number {
    if (this.selfSlot >= 0) return this.selfSlot;
    const k = this.kernel;
    const slot = k.findFreeCap(this.task, FIRST_NAMED_SLOT);
    if (slot < 0) return -L4Err.NOMEM;
    if (k.map(k.rootTask, this.threadRootCap, this.task, slot, Rights.All) < 0) return -L4Err.NOMEM;
    this.selfSlot = slot;
    return slot;
  }

  /** Is `cap` the program's capability to its own thread? */
  isSelf(cap: number): boolean {
    return cap >= 0 && cap < DS_HANDLE_BASE && (this.kernel.capInfo(this.task, cap) & 0xff) === ObjType.Thread &&
      this.kernel.lookup(this.task, cap) === this.thread;
  }

  addDataspace(ds: Dataspace): number {
    let i = this.dataspaces.indexOf(ds);
    if (i < 0) { i = this.dataspaces.length; this.dataspaces.push(ds); }
    return DS_HANDLE_BASE + i;
  }

  dataspace(handle: number): Dataspace | undefined {
    return handle >= DS_HANDLE_BASE ? this.dataspaces[handle - DS_HANDLE_BASE] : undefined;
  }

  allocate(size: number): number {
    const ds = this.source.allocate(size);
    if (typeof ds === 'number') return l4ErrOfErrno(ds);
    this.owned.add(ds);
    return this.addDataspace(ds);
  }

  /** l4re_ma_free: the handle goes; the memory once nobody attaches it. 0 or -L4Err. */
  free(handle: number): number {
    const ds = this.dataspace(handle);
    if (ds === undefined) return -L4Err.INVAL;
    if (this.windows.some((w) => w.ds === ds)) return -L4Err.BUSY;
    const r = this.source.free(ds);
    if (r < 0 && r !== -Errno.EBUSY) return l4ErrOfErrno(r); // busy: attached elsewhere, freed by the last
    this.dataspaces[handle - DS_HANDLE_BASE] = undefined;
    this.owned.delete(ds);
    return 0;
  }

  /**
   * The program ended (its regions are detached): the dataspaces it allocated go back, unless
   * another program still attaches one.
   */
  release(): void {
    this.windows.length = 0;
    for (const ds of this.owned) this.source.free(ds);
    this.owned.clear();
  }

  /** Attaches a window and fills it from the dataspace: the address or -L4Err. */
  attach(ds: Dataspace, addr: number | undefined, size: number, offset: number): number {
    const at = this.space.attach(ds, addr, size, offset);
    if (at < 0) return l4ErrOfErrno(at);
    const shadow = ds.bytes.slice(offset, offset + size);
    this.windows.push({ addr: at, size, ds, offset, shadow });
    return at;
  }

  /** Detaches the window at `addr` (publishing it first): 0 or -L4Err.NOENT. */
  detach(mem: Uint8Array, addr: number): number {
    const i = this.windows.findIndex((w) => w.addr === addr);
    if (i < 0) return -L4Err.NOENT;
    const w = this.windows[i]!;
    this.publish(mem, w);
    this.windows.splice(i, 1);
    this.space.detach(w.addr, w.size);
    return 0;
  }

  /**
   * A window mapped by other means (mmap of /dev/l4shm): kept in sync at the L4 calls like the
   * others, and by whoever holds the returned functions (the device, at its read and write).
   */
  trackWindow(memory: () => WebAssembly.Memory, ds: Dataspace, addr: number, size: number, offset: number):
    { publish(): void; refresh(): void } {
    const w: Window = { addr, size, ds, offset, shadow: ds.bytes.slice(offset, offset + size) };
    this.windows.push(w);
    return {
      publish: () => { if (this.alive(w)) this.publish(new Uint8Array(memory().buffer), w); },
      // Publish first: what the program wrote since must not be overwritten.
      refresh: () => {
        if (!this.alive(w)) return;
        const mem = new Uint8Array(memory().buffer);
        this.publish(mem, w);
        this.refresh(mem, w);
      },
    };
  }

  /** Publishes what the program changed in its windows since the last call. */
  syncOut(mem: Uint8Array): void {
    for (const w of [...this.windows]) if (this.alive(w)) this.publish(mem, w);
  }

  /** Shows the program what the dataspaces hold now. */
  syncIn(mem: Uint8Array): void {
    for (const w of [...this.windows]) if (this.alive(w)) this.refresh(mem, w);
  }

  /** Is the window still attached (munmap may have taken it)? Forgets it when not. */
  private alive(w: Window): boolean {
    const r = this.kernel.lookupRegion(this.task, w.addr);
    if (r !== undefined && r.ds === w.ds.id && r.start <= w.addr && w.addr + w.size <= r.start + r.size) return true;
    const i = this.windows.indexOf(w);
    if (i >= 0) this.windows.splice(i, 1);
    return false;
  }

  /**
   * Copies in what the other side published since: only chunks where the dataspace differs from
   * the shadow (the window equals the shadow here: it was published just before).
   */
  private refresh(mem: Uint8Array, w: Window): void {
    if (w.addr + w.size > mem.length) return;
    const src = bufferOf(w.ds.bytes, w.offset, w.size);
    const shadow = bufferOf(w.shadow, 0, w.size);
    if (src.equals(shadow)) return;
    forEachDifferentChunk(src, shadow, 0, w.size, (off, end) => {
      const part = src.subarray(off, end);
      mem.set(part, w.addr + off);
      shadow.set(part, off);
    });
  }

  /**
   * Writes the bytes the program changed since the last sync to the dataspace: chunks that differ
   * from the shadow (compared natively), then byte by byte inside the words that differ, so that
   * bytes the other side wrote meanwhile stay.
   */
  private publish(mem: Uint8Array, w: Window): void {
    if (w.addr + w.size > mem.length) return;
    const now = bufferOf(mem, w.addr, w.size);
    const shadow = bufferOf(w.shadow, 0, w.size);
    if (now.equals(shadow)) return;
    const dst = w.ds.bytes;
    // Windows are page-aligned: whole words.
    const a = new Int32Array(now.buffer, now.byteOffset, w.size >> 2);
    const b = new Int32Array(shadow.buffer, shadow.byteOffset, w.size >> 2);
    forEachDifferentChunk(now, shadow, 0, w.size, (off, end) => {
      for (let i = off >> 2; i < end >> 2; i++) {
        if (a[i] === b[i]) continue;
        for (let j = i * 4; j < i * 4 + 4; j++) {
          const v = now[j]!;
          if (v !== shadow[j]) { dst[w.offset + j] = v; shadow[j] = v; }
        }
      }
    });
  }
}

/** Below this many bytes a differing range is handled as a whole. */
const CHUNK = 1024;

/**
 * Calls `fn` for the chunks of [off, end) where `a` and `b` differ, halving differing ranges (a
 * native compare each) so that a few changed words in a large window cost a few compares.
 */
function forEachDifferentChunk(a: Buffer, b: Buffer, off: number, end: number, fn: (off: number, end: number) => void): void {
  if (a.compare(b, off, end, off, end) === 0) return;
  if (end - off <= CHUNK) { fn(off, end); return; }
  const mid = off + Math.ceil((end - off) / 2 / 4) * 4;
  forEachDifferentChunk(a, b, off, mid, fn);
  forEachDifferentChunk(a, b, mid, end, fn);
}

/** A Buffer view (native compare) of `len` bytes of `bytes` from `off`. */
function bufferOf(bytes: Uint8Array, off: number, len: number): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset + off, len);
}
