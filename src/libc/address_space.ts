// The region manager of one program (the lecture's region map, client side): the program's linear
// memory as its task's address space in the kernel region map. Two kinds of memory live there:
//  - image and heap: what the program's own memory.grow added (sbrk), accounted as one anonymous
//    dataspace per growth step, never handed out by mmap;
//  - mmap areas: ranges this manager grew the memory by itself. Mappings are placed in them by a
//    search of the region map for a free range; munmap detaches (the kernel splits regions and
//    counts references per dataspace) and the range is free for the next mapping. A wasm memory
//    cannot shrink, so freed ranges stay areas and are reused before the memory grows again.
// The kernel knows what each range maps (dataspace, offset); this manager adds what only the POSIX
// personality cares about: where a file mapping's contents come from and go back to, and the
// protection the program asked for (recorded only: wasm cannot protect memory).
import { KErr, type Kernel, type TaskId, type RegionInfo } from '../kernel/kernel.js';
import { errnoOfKernel } from '../kernel/kernel_errno.js';
import type { Dataspace } from '../l4re/dataspace.js';
import { Errno } from '../errno.js';
import { Prot } from './posix_abi.js';
import type { Description } from './fdtable.js';
import { SharedMappings, type Coherence } from './shared_mappings.js';

/**
 * The page of mappings: mmap aligns addresses, lengths and file offsets to 4 KiB, what
 * sysconf(_SC_PAGESIZE) and getpagesize() report. Memory itself grows by wasm pages (64 KiB,
 * wasi-libc's PAGESIZE), so an area holds sixteen pages per wasm page.
 */
export const PAGE_SIZE = 4096;
/** The unit a wasm memory grows by. */
export const WASM_PAGE = 65536;
/** The end of a wasm32 address space. */
export const SPACE_END = 2 ** 32;

/** Where the contents of a mapping come from (and, for shared file mappings, go back to). */
export type Backing =
  | { kind: 'heap' | 'anon' }
  /** A file's contents copied in; `fileOffset` is the file position of dataspace offset 0. */
  | { kind: 'file'; desc: Description; fileOffset: number; shared: boolean; writable: boolean; coherence?: Coherence }
  /** A ROM file: its read-only dataspace attached at the file offset. */
  | { kind: 'rom'; ds: Dataspace }
  /** A dataspace other programs attach too (l4re_rm_attach, src/libc/l4_port.ts keeps it in sync). */
  | { kind: 'shared'; ds: Dataspace };

export const enum Placement {
  /** Anywhere in an mmap area (the address, if any, is a hint). */
  Anywhere,
  /** MAP_FIXED: exactly at the address, replacing what is mapped there. */
  Fixed,
  /** MAP_FIXED_NOREPLACE: exactly at the address, or EEXIST. */
  NoReplace,
}

export interface MapRequest {
  placement: Placement;
  /** Page-aligned for Fixed/NoReplace; a hint (0: none) otherwise. */
  addr: number;
  /** A multiple of PAGE_SIZE, > 0. */
  size: number;
  prot: number;
  backing: Backing;
  /** ROM mappings: the offset into the ROM dataspace (a multiple of PAGE_SIZE). */
  offset?: number;
}

/** What the region manager needs of the root task: anonymous dataspaces, by IPC from the thread. */
export interface MemoryServer {
  allocate(size: number): number;
  free(id: number): number;
}

/** A sorted set of disjoint ranges with a value each (the recorded protections). */
class RangeMap {
  private ranges: { start: number; end: number; value: number }[] = [];

  /** The value at `addr`, or undefined. */
  get(addr: number): number | undefined {
    for (const r of this.ranges) if (addr >= r.start && addr < r.end) return r.value;
    return undefined;
  }

  set(start: number, end: number, value: number): void {
    this.clear(start, end);
    const i = this.ranges.findIndex((r) => r.start >= end);
    this.ranges.splice(i < 0 ? this.ranges.length : i, 0, { start, end, value });
  }

  clear(start: number, end: number): void {
    const out: { start: number; end: number; value: number }[] = [];
    for (const r of this.ranges) {
      if (r.end <= start || r.start >= end) { out.push(r); continue; }
      if (r.start < start) out.push({ start: r.start, end: start, value: r.value });
      if (r.end > end) out.push({ start: end, end: r.end, value: r.value });
    }
    this.ranges = out;
  }

  reset(): void { this.ranges = []; }

  /** [start, end) cut where the recorded values change: each piece with its value (undefined where none is recorded). */
  pieces(start: number, end: number): { start: number; end: number; value: number | undefined }[] {
    const out: { start: number; end: number; value: number | undefined }[] = [];
    let at = start;
    for (const r of this.ranges) {
      if (r.end <= at || r.start >= end) continue;
      if (r.start > at) out.push({ start: at, end: r.start, value: undefined });
      const to = Math.min(end, r.end);
      out.push({ start: Math.max(at, r.start), end: to, value: r.value });
      at = to;
    }
    if (at < end) out.push({ start: at, end, value: undefined });
    return out;
  }
}

export class AddressSpace {
  /** RLIMIT_AS: mmap does not grow memory beyond this many bytes (sbrk's memory.grow cannot be stopped). */
  get limit(): number { return this.asLimit; }
  set limit(bytes: number) {
    this.asLimit = bytes;
    this.onLimit?.();
  }
  private asLimit = SPACE_END;
  /** Told when RLIMIT_AS changes (the process passes it on to the program's memory.grow). */
  onLimit?: () => void;
  /**
   * Bytes the memory may still grow by beyond what RLIMIT_AS allows: what the machine's memory
   * limit leaves (the process supplies it; unlimited when absent).
   */
  headroom?: () => number;
  /** Regions of the image and heap: [start, size, dataspace]. */
  private readonly heap: { start: number; size: number; ds: number }[] = [];
  /** Memory below this is accounted: heap regions or mmap areas. */
  private accounted = 0;
  /** The mmap areas, sorted and disjoint. */
  private readonly areas: { start: number; end: number }[] = [];
  /** What each dataspace attached here holds. */
  private readonly backings = new Map<number, Backing>();
  /** Dataspaces of MAP_SHARED file mappings (their ranges are written back). */
  private sharedCount = 0;
  private readonly prot = new RangeMap();
  /** MAP_SHARED file mappings kept coherent with the other processes' (shared_mappings.ts). */
  private readonly sharedMaps = new SharedMappings();
  /** The memory, kept for teardown (the program instance is gone by then). */
  private memoryObject?: WebAssembly.Memory;

  constructor(
    private readonly kernel: Kernel,
    private readonly task: TaskId,
    /** Reached by IPC from the program's thread while it runs. */
    private readonly root: MemoryServer,
    /** Reached directly at teardown, when the thread is gone. */
    private readonly rootDirect: { free(id: number): number },
    private readonly memorySource: () => WebAssembly.Memory | undefined,
  ) {}

  /**
   * Bytes at the top of memory that belong to the runtime, not the program (asyncify's save
   * area of a prepared program): the program's memory ends below them, and a grow hands the
   * program what was reserved and reserves the new top (src/guest/instrument.ts).
   */
  reservedTop = 0;

  /**
   * Bytes at the bottom of memory that are the stack the program was linked with (l4wasm cc's
   * layout: the stack first): not counted against RLIMIT_AS, as Linux counts a main stack only as
   * far as it has grown, which a stack reserved whole in advance cannot tell.
   */
  linkedStack = 0;

  /** The memory's whole size RLIMIT_AS allows: the limit, with the save area and the linked stack on top. */
  get sizeAllowed(): number { return this.limit + this.reservedTop + this.linkedStack; }

  /** The end of the program's memory. */
  private size(m: WebAssembly.Memory): number { return m.buffer.byteLength - this.reservedTop; }

  private memory(): WebAssembly.Memory | undefined {
    const m = this.memorySource();
    if (m !== undefined) this.memoryObject = m;
    return this.memoryObject;
  }

  // ---- the heap: memory.grow by the program itself ----

  /**
   * Attaches whatever the program's memory grew by since the last look, as one anonymous dataspace
   * from the root task. memory.grow is an instruction, not a call: the process looks whenever the
   * program enters a blocking call, and every mmap-family call looks first.
   */
  account(): void {
    const m = this.memory();
    if (m === undefined) return;
    const size = this.size(m);
    if (size <= this.accounted) return;
    const grow = size - this.accounted;
    const ds = this.root.allocate(grow);
    if (ds < 0) return; // accounted at the next look; the memory itself is already the program's
    const at = this.kernel.attach(this.task, { addr: this.accounted, size: grow, ds });
    if (at < 0) { this.root.free(ds); return; }
    this.heap.push({ start: this.accounted, size: grow, ds });
    this.backings.set(ds, { kind: 'heap' });
    this.accounted = size;
  }

  /** The regions of the image and heap (what the program grew itself). */
  heapRegions(): readonly { start: number; size: number; ds: number }[] { return this.heap; }

  /** The mmap areas. */
  mmapAreas(): readonly { start: number; end: number }[] { return this.areas; }

  /**
   * What /proc/PID/maps lists: the regions of the image and heap and the mappings in the mmap
   * areas, in address order, with their protection (heap: read and write unless mprotected) and
   * backing. Holes in an area are stepped over a page at a time.
   */
  mappings(): { start: number; end: number; prot: number; backing: Backing | undefined; offset: number; heap: boolean }[] {
    this.account();
    const out: { start: number; end: number; prot: number; backing: Backing | undefined; offset: number; heap: boolean }[] = [];
    const visit = (from: number, to: number, heap: boolean) => this.forEachRegion(from, to, (r, a, b) => {
      const backing = this.backings.get(r.ds);
      const anonymous = backing === undefined || backing.kind === 'heap' || backing.kind === 'anon';
      // mprotect of part of a region splits it, as it splits Linux's area.
      for (const piece of this.prot.pieces(a, b)) {
        const offset = anonymous ? 0 : (backing.kind === 'file' ? backing.fileOffset : 0) + r.offset + (piece.start - r.start);
        out.push({ start: piece.start, end: piece.end, prot: piece.value ?? (Prot.READ | Prot.WRITE), backing, offset, heap });
      }
    }, true);
    for (const h of this.heap) visit(h.start, h.start + h.size, true);
    for (const a of this.areas) visit(a.start, a.end, false);
    return out.sort((x, y) => x.start - y.start);
  }

  /** The protection recorded for `addr` (mmap, mprotect); undefined for unmapped or heap memory never mprotected. */
  protection(addr: number): number | undefined { return this.prot.get(addr); }

  // ---- mmap ----

  /** Maps `req`; returns the address, or -errno. `fill` writes a file's contents into the zeroed range. */
  map(req: MapRequest, fill?: (dst: Uint8Array) => number): number {
    const m = this.memory();
    if (m === undefined) return -Errno.ENOMEM;
    this.account();
    let memSize = this.size(m);
    if (this.accounted !== memSize) return -Errno.ENOMEM; // the heap could not be accounted
    const fresh = memSize; // memory grown from here on by this call is zero already

    // A range the request names must lie in the mmap areas (growing them if it lies beyond memory).
    const end = req.addr + req.size;
    const named = req.placement !== Placement.Anywhere;
    if (named) {
      if (end > SPACE_END) return -Errno.ENOMEM;
      // The image and the heap are mapped and not ours to replace.
      if (req.addr < memSize && !this.inAreas(req.addr, Math.min(end, memSize))) {
        return req.placement === Placement.NoReplace ? -Errno.EEXIST : -Errno.EINVAL;
      }
      if (end > memSize) {
        const r = this.grow(end - memSize);
        if (r < 0) return r;
        memSize = this.size(m);
      }
    }
    const hinted = !named && req.addr !== 0 && req.addr % PAGE_SIZE === 0 && end <= memSize &&
      this.inAreas(req.addr, end);

    // The dataspace: a fresh anonymous one from the root task, or the ROM file's own.
    const b = req.backing;
    const own = b.kind === 'rom' || b.kind === 'shared';
    const ds = own ? b.ds.id : this.root.allocate(req.size);
    if (ds < 0) return ds === -Errno.EAGAIN ? ds : -Errno.ENOMEM;
    const readOnly = b.kind === 'rom';
    const offset = own ? req.offset ?? 0 : 0;

    // Attach: at the named address (a hint that collides is searched past), else where it fits.
    let at = -1;
    if (named || hinted) {
      if (req.placement === Placement.Fixed) this.unmap(req.addr, req.size);
      at = this.kernel.attach(this.task, { addr: req.addr, size: req.size, ds, offset, readOnly });
      if (at < 0 && named) at = errnoOfKernel(at);
    }
    if (at < 0 && !named) at = this.attachAnywhere(req.size, ds, offset, readOnly);
    if (at < 0) {
      if (!own) this.root.free(ds);
      return at;
    }
    if (b.kind === 'file') {
      b.desc.retain();
      if (b.shared) this.sharedCount++;
    }
    this.backings.set(ds, b);

    // The contents: zero (fresh memory already is), then the file's bytes. What this process wrote
    // into its other shared mappings goes to their files first: a second mapping of the same
    // object (a segment attached twice) starts from the bytes the first one holds now.
    if (b.kind === 'file' && b.shared) this.publishShared();
    const u8 = new Uint8Array(m.buffer);
    if (at < fresh) u8.fill(0, at, Math.min(at + req.size, fresh));
    if (fill !== undefined) {
      const r = fill(u8.subarray(at, at + req.size));
      if (r < 0) {
        this.unmap(at, req.size);
        return r;
      }
    }
    this.prot.set(at, at + req.size, req.prot);
    if (b.kind === 'file' && b.shared && b.coherence !== undefined) {
      this.sharedMaps.add(ds, at, req.size, b.desc, b.fileOffset, b.coherence, new Uint8Array(m.buffer));
    }
    return at;
  }

  /** True when the process has MAP_SHARED file mappings kept coherent. */
  get hasShared(): boolean { return this.sharedMaps.size > 0; }

  /** Where [addr, addr + len) lies in a MAP_SHARED object shared with other processes (semaphores meet there). */
  sharedLocation(addr: number, len: number): { key: string; offset: number } | undefined {
    return this.sharedMaps.size === 0 ? undefined : this.sharedMaps.locate(addr, len);
  }

  /** The process leaves the CPU: its changes to MAP_SHARED file mappings go to the files. */
  publishShared(): number {
    if (this.sharedMaps.size === 0) return 0;
    const m = this.memory();
    return m === undefined ? 0 : this.sharedMaps.publish(new Uint8Array(m.buffer));
  }

  /** The process gets the CPU: its MAP_SHARED file mappings take in what others wrote back. */
  refreshShared(): void {
    if (this.sharedMaps.size === 0) return;
    const m = this.memory();
    if (m !== undefined) this.sharedMaps.refresh(new Uint8Array(m.buffer));
  }

  /** Attaches `ds` at the lowest free range of an area, growing the memory by a new area if none fits. */
  private attachAnywhere(size: number, ds: number, offset: number, readOnly: boolean): number {
    for (const a of this.areas) {
      if (a.end - a.start < size) continue;
      const at = this.kernel.attach(this.task,
        { search: true, lo: a.start, hi: a.end, align: PAGE_SIZE, size, ds, offset, readOnly });
      if (at >= 0) return at;
      if (at !== -KErr.NoSpace) return errnoOfKernel(at);
    }
    const r = this.grow(size);
    if (r < 0) return r;
    const last = this.areas[this.areas.length - 1]!;
    const at = this.kernel.attach(this.task,
      { search: true, lo: last.start, hi: last.end, align: PAGE_SIZE, size, ds, offset, readOnly });
    return at < 0 ? errnoOfKernel(at) : at;
  }

  /**
   * Grows the memory by at least `bytes` for a new mmap area (joined to the last area when that
   * ends at the end of memory). The heap is accounted first, so what sbrk took stays the heap's.
   */
  private grow(bytes: number): number {
    const m = this.memory()!;
    const old = this.size(m);
    if (this.accounted !== old) {
      this.account();
      if (this.accounted !== old) return -Errno.ENOMEM;
    }
    const pages = Math.ceil(bytes / WASM_PAGE);
    const end = old + pages * WASM_PAGE;
    // A prepared program's memory ends a page short of 4 GiB: its save area's top stays a 32-bit address.
    if (end + this.reservedTop > (this.reservedTop > 0 ? SPACE_END - WASM_PAGE : SPACE_END) || end - this.linkedStack > this.limit) return -Errno.ENOMEM;
    if (this.headroom !== undefined && pages * WASM_PAGE > this.headroom()) return -Errno.ENOMEM;
    try {
      m.grow(pages);
    } catch {
      return -Errno.ENOMEM; // beyond the module's maximum or what the host can give
    }
    // What was reserved is the program's now: zero, as fresh memory is.
    new Uint8Array(m.buffer).fill(0, old, Math.min(end, old + this.reservedTop));
    const last = this.areas[this.areas.length - 1];
    if (last !== undefined && last.end === old) last.end = end;
    else this.areas.push({ start: old, end });
    this.accounted = end;
    return 0;
  }

  /**
   * munmap: detaches whatever is mapped in [addr, addr+size) inside the mmap areas, after writing
   * shared file mappings back. The image and heap stay (a wasm program cannot lose them).
   */
  unmap(addr: number, size: number): void {
    const end = addr + size;
    for (const a of this.areas) {
      const lo = Math.max(addr, a.start);
      const hi = Math.min(end, a.end);
      if (lo >= hi) continue;
      this.writeBack(lo, hi);
      this.sharedMaps.forget(lo, hi);
      this.kernel.detach(this.task, lo, hi - lo);
      this.prot.clear(lo, hi);
    }
    this.releaseDataspaces(false);
  }

  /** True when every byte of [addr, end) lies in some region (heap, image or mapping). */
  mapped(addr: number, end: number): boolean {
    this.account();
    for (let a = addr; a < end;) {
      const r = this.kernel.lookupRegion(this.task, a);
      if (r === undefined) return false;
      a = r.start + r.size;
    }
    return true;
  }

  /** mprotect: records `prot` for a mapped range; -EACCES adding PROT_WRITE to a read-only shared file mapping. */
  protect(addr: number, size: number, prot: number, write: boolean): number {
    const end = addr + size;
    if (!this.mapped(addr, end)) return -Errno.ENOMEM;
    if (write) {
      let denied = false;
      this.forEachRegion(addr, end, (r) => {
        const b = this.backings.get(r.ds);
        if (b?.kind === 'file' && b.shared && !b.writable) denied = true;
      });
      if (denied) return -Errno.EACCES;
    }
    this.prot.set(addr, end, prot);
    return 0;
  }

  /** msync: writes the shared file mappings in a mapped range back to their files. */
  sync(addr: number, size: number): number {
    const end = addr + size;
    if (!this.mapped(addr, end)) return -Errno.ENOMEM;
    return this.writeBack(addr, end);
  }

  /**
   * madvise(MADV_DONTNEED): the range reads afresh, as Linux gives it: anonymous memory (heap
   * included) as zeros, private file and ROM mappings from their file, shared ones keep their
   * contents (written back first).
   */
  discard(addr: number, size: number): number {
    const end = addr + size;
    if (!this.mapped(addr, end)) return -Errno.ENOMEM;
    const u8 = new Uint8Array(this.memory()!.buffer);
    let err = 0;
    this.forEachRegion(addr, end, (r, from, to) => {
      const b = this.backings.get(r.ds);
      const dst = u8.subarray(from, to);
      if (b?.kind === 'shared') return; // shared memory keeps its contents
      if (b?.kind === 'rom') {
        dst.fill(0);
        b.ds.read(r.offset + (from - r.start), dst);
      } else if (b?.kind === 'file') {
        if (b.shared) {
          const w = this.writeBack(from, to);
          if (w < 0) err = w;
          return;
        }
        dst.fill(0);
        const rr = readFully(b.desc, dst, b.fileOffset + r.offset + (from - r.start));
        if (rr < 0) err = rr;
      } else {
        dst.fill(0); // anonymous memory, the heap included
      }
    });
    return err;
  }

  /** Writes the MAP_SHARED file mappings in [addr, end) back (never past the file's end); 0 or -errno. */
  private writeBack(addr: number, end: number): number {
    if (this.sharedCount === 0) return 0;
    // Mappings kept coherent send only what this process changed (shared_mappings.ts): their
    // other bytes may be older than what other processes wrote since.
    const published = this.publishShared();
    const u8 = new Uint8Array(this.memory()!.buffer);
    let err = 0;
    this.forEachRegion(addr, end, (r, from, to) => {
      const b = this.backings.get(r.ds);
      if (b?.kind !== 'file' || !b.shared) return;
      if (this.sharedMaps.has(r.ds)) return;
      const file = b.desc.file;
      const st = file.stat();
      if (typeof st === 'number') { err = st; return; }
      const pos = b.fileOffset + r.offset + (from - r.start);
      const n = Math.min(to - from, Number(st.size) - pos);
      if (n <= 0) return;
      for (let done = 0; done < n;) {
        const w = file.pwrite(u8.subarray(from + done, from + n), pos + done);
        if (w <= 0) { err = w < 0 ? w : -Errno.EIO; return; }
        done += w;
      }
    }, true);
    return err || published;
  }

  /**
   * Calls `fn` for each region overlapping [addr, end) with the overlap [from, to). With `holes`
   * the range may contain unmapped pages, which are stepped over page by page.
   */
  private forEachRegion(addr: number, end: number, fn: (r: RegionInfo, from: number, to: number) => void,
                        holes = false): void {
    for (let a = addr; a < end;) {
      const r = this.kernel.lookupRegion(this.task, a);
      if (r === undefined) {
        if (!holes) return;
        a = (Math.floor(a / PAGE_SIZE) + 1) * PAGE_SIZE;
        continue;
      }
      const to = Math.min(end, r.start + r.size);
      fn(r, a, to);
      a = to;
    }
  }

  /** Is [addr, end) inside the mmap areas? */
  private inAreas(addr: number, end: number): boolean {
    let a = addr;
    for (const r of this.areas) {
      if (r.end <= a) continue;
      if (r.start > a) return false;
      a = r.end;
      if (a >= end) return true;
    }
    return a >= end;
  }

  /**
   * Gives back the dataspaces whose last region went away: the root task frees anonymous ones, a
   * file mapping lets go of its file. `direct` at teardown, when the thread can no longer call.
   */
  private releaseDataspaces(direct: boolean): void {
    for (const id of this.kernel.takeReleasedDataspaces()) {
      if (this.kernel.dataspaceRefs(id) > 0) continue; // attached again since
      const b = this.backings.get(id);
      this.backings.delete(id);
      if (b?.kind === 'file') {
        if (b.shared) this.sharedCount--;
        this.sharedMaps.remove(id);
        b.desc.release();
      }
      // Boot modules live as long as the machine; shared dataspaces as long as their owner keeps them.
      if (b?.kind === 'rom' || b?.kind === 'shared') continue;
      if (direct) this.rootDirect.free(id); else this.root.free(id);
    }
  }

  /** Process exit: shared mappings go back to their files, every region is detached, dataspaces freed. */
  /** exec: the old program's memory is released; the next account() starts over with the new one. */
  reset(): void {
    this.release();
    this.accounted = 0;
    this.memoryObject = undefined;
  }

  /** fork, in the child: the parent's MAP_SHARED mappings stay shared with it (see SharedMappings.inherit). */
  inheritShared(parent: AddressSpace): void {
    const m = this.memory();
    if (m !== undefined && parent.sharedMaps.size > 0) this.sharedMaps.inherit(parent.sharedMaps, new Uint8Array(m.buffer));
  }

  release(): void {
    // What this process changed in its shared mappings goes out first (inherited ones have no
    // area here to be written back from).
    this.publishShared();
    // Coherent mappings send only their changes (a process killed while others wrote must not
    // undo their writes).
    for (const a of this.areas) {
      this.writeBack(a.start, a.end);
      this.kernel.detach(this.task, a.start, a.end - a.start);
    }
    for (const h of this.heap) this.kernel.detach(this.task, h.start, h.size);
    this.areas.length = 0;
    this.heap.length = 0;
    this.prot.reset();
    this.releaseDataspaces(true);
    // ROM dataspaces still mapped by other processes were not released: drop their records.
    for (const b of this.backings.values()) if (b.kind === 'file') b.desc.release();
    this.sharedMaps.clear();
    this.backings.clear();
    this.sharedCount = 0;
  }
}

/** Reads a file into `dst` from `pos` until it is full or the file ends; bytes read or -errno. */
export function readFully(desc: Description, dst: Uint8Array, pos: number): number {
  let n = 0;
  while (n < dst.length) {
    const r = desc.file.pread(dst.subarray(n), pos + n);
    if (r < 0) return r;
    if (r === 0) break;
    n += r;
  }
  return n;
}
