import { KErr } from "../kernel/kernel.js";
import { errnoOfKernel } from "../kernel/kernel_errno.js";
import { Errno } from "../errno.js";
import { SharedMappings } from "./shared_mappings.js";
const PAGE_SIZE = 4096;
const WASM_PAGE = 65536;
const SPACE_END = 2 ** 32;
var Placement = /* @__PURE__ */ ((Placement2) => {
  Placement2[Placement2["Anywhere"] = 0] = "Anywhere";
  Placement2[Placement2["Fixed"] = 1] = "Fixed";
  Placement2[Placement2["NoReplace"] = 2] = "NoReplace";
  return Placement2;
})(Placement || {});
class RangeMap {
  ranges = [];
  /** The value at `addr`, or undefined. */
  get(addr) {
    for (const r of this.ranges) if (addr >= r.start && addr < r.end) return r.value;
    return void 0;
  }
  set(start, end, value) {
    this.clear(start, end);
    const i = this.ranges.findIndex((r) => r.start >= end);
    this.ranges.splice(i < 0 ? this.ranges.length : i, 0, { start, end, value });
  }
  clear(start, end) {
    const out = [];
    for (const r of this.ranges) {
      if (r.end <= start || r.start >= end) {
        out.push(r);
        continue;
      }
      if (r.start < start) out.push({ start: r.start, end: start, value: r.value });
      if (r.end > end) out.push({ start: end, end: r.end, value: r.value });
    }
    this.ranges = out;
  }
  reset() {
    this.ranges = [];
  }
}
class AddressSpace {
  constructor(kernel, task, root, rootDirect, memorySource) {
    this.kernel = kernel;
    this.task = task;
    this.root = root;
    this.rootDirect = rootDirect;
    this.memorySource = memorySource;
  }
  kernel;
  task;
  root;
  rootDirect;
  memorySource;
  /** RLIMIT_AS: mmap does not grow memory beyond this many bytes (sbrk's memory.grow cannot be stopped). */
  get limit() {
    return this.asLimit;
  }
  set limit(bytes) {
    this.asLimit = bytes;
    this.onLimit?.();
  }
  asLimit = SPACE_END;
  /** Told when RLIMIT_AS changes (the process passes it on to the program's memory.grow). */
  onLimit;
  /**
   * Bytes the memory may still grow by beyond what RLIMIT_AS allows: what the machine's memory
   * limit leaves (the process supplies it; unlimited when absent).
   */
  headroom;
  /** Regions of the image and heap: [start, size, dataspace]. */
  heap = [];
  /** Memory below this is accounted: heap regions or mmap areas. */
  accounted = 0;
  /** The mmap areas, sorted and disjoint. */
  areas = [];
  /** What each dataspace attached here holds. */
  backings = /* @__PURE__ */ new Map();
  /** Dataspaces of MAP_SHARED file mappings (their ranges are written back). */
  sharedCount = 0;
  prot = new RangeMap();
  /** MAP_SHARED file mappings kept coherent with the other processes' (shared_mappings.ts). */
  sharedMaps = new SharedMappings();
  /** The memory, kept for teardown (the program instance is gone by then). */
  memoryObject;
  /**
   * Bytes at the top of memory that belong to the runtime, not the program (asyncify's save
   * area of a prepared program): the program's memory ends below them, and a grow hands the
   * program what was reserved and reserves the new top (src/guest/instrument.ts).
   */
  reservedTop = 0;
  /** The end of the program's memory. */
  size(m) {
    return m.buffer.byteLength - this.reservedTop;
  }
  memory() {
    const m = this.memorySource();
    if (m !== void 0) this.memoryObject = m;
    return this.memoryObject;
  }
  // ---- the heap: memory.grow by the program itself ----
  /**
   * Attaches whatever the program's memory grew by since the last look, as one anonymous dataspace
   * from the root task. memory.grow is an instruction, not a call: the process looks whenever the
   * program enters a blocking call, and every mmap-family call looks first.
   */
  account() {
    const m = this.memory();
    if (m === void 0) return;
    const size = this.size(m);
    if (size <= this.accounted) return;
    const grow = size - this.accounted;
    const ds = this.root.allocate(grow);
    if (ds < 0) return;
    const at = this.kernel.attach(this.task, { addr: this.accounted, size: grow, ds });
    if (at < 0) {
      this.root.free(ds);
      return;
    }
    this.heap.push({ start: this.accounted, size: grow, ds });
    this.backings.set(ds, { kind: "heap" });
    this.accounted = size;
  }
  /** The regions of the image and heap (what the program grew itself). */
  heapRegions() {
    return this.heap;
  }
  /** The mmap areas. */
  mmapAreas() {
    return this.areas;
  }
  /** The protection recorded for `addr` (mmap, mprotect); undefined for unmapped or heap memory never mprotected. */
  protection(addr) {
    return this.prot.get(addr);
  }
  // ---- mmap ----
  /** Maps `req`; returns the address, or -errno. `fill` writes a file's contents into the zeroed range. */
  map(req, fill) {
    const m = this.memory();
    if (m === void 0) return -Errno.ENOMEM;
    this.account();
    let memSize = this.size(m);
    if (this.accounted !== memSize) return -Errno.ENOMEM;
    const fresh = memSize;
    const end = req.addr + req.size;
    const named = req.placement !== 0 /* Anywhere */;
    if (named) {
      if (end > SPACE_END) return -Errno.ENOMEM;
      if (req.addr < memSize && !this.inAreas(req.addr, Math.min(end, memSize))) {
        return req.placement === 2 /* NoReplace */ ? -Errno.EEXIST : -Errno.EINVAL;
      }
      if (end > memSize) {
        const r = this.grow(end - memSize);
        if (r < 0) return r;
        memSize = this.size(m);
      }
    }
    const hinted = !named && req.addr !== 0 && req.addr % PAGE_SIZE === 0 && end <= memSize && this.inAreas(req.addr, end);
    const b = req.backing;
    const own = b.kind === "rom" || b.kind === "shared";
    const ds = own ? b.ds.id : this.root.allocate(req.size);
    if (ds < 0) return ds === -Errno.EAGAIN ? ds : -Errno.ENOMEM;
    const readOnly = b.kind === "rom";
    const offset = own ? req.offset ?? 0 : 0;
    let at = -1;
    if (named || hinted) {
      if (req.placement === 1 /* Fixed */) this.unmap(req.addr, req.size);
      at = this.kernel.attach(this.task, { addr: req.addr, size: req.size, ds, offset, readOnly });
      if (at < 0 && named) at = errnoOfKernel(at);
    }
    if (at < 0 && !named) at = this.attachAnywhere(req.size, ds, offset, readOnly);
    if (at < 0) {
      if (!own) this.root.free(ds);
      return at;
    }
    if (b.kind === "file") {
      b.desc.retain();
      if (b.shared) this.sharedCount++;
    }
    this.backings.set(ds, b);
    const u8 = new Uint8Array(m.buffer);
    if (at < fresh) u8.fill(0, at, Math.min(at + req.size, fresh));
    if (fill !== void 0) {
      const r = fill(u8.subarray(at, at + req.size));
      if (r < 0) {
        this.unmap(at, req.size);
        return r;
      }
    }
    this.prot.set(at, at + req.size, req.prot);
    if (b.kind === "file" && b.shared && b.coherence !== void 0) {
      this.sharedMaps.add(ds, at, req.size, b.desc, b.fileOffset, b.coherence, new Uint8Array(m.buffer));
    }
    return at;
  }
  /** True when the process has MAP_SHARED file mappings kept coherent. */
  get hasShared() {
    return this.sharedMaps.size > 0;
  }
  /** Where [addr, addr + len) lies in a MAP_SHARED object shared with other processes (semaphores meet there). */
  sharedLocation(addr, len) {
    return this.sharedMaps.size === 0 ? void 0 : this.sharedMaps.locate(addr, len);
  }
  /** The process leaves the CPU: its changes to MAP_SHARED file mappings go to the files. */
  publishShared() {
    if (this.sharedMaps.size === 0) return 0;
    const m = this.memory();
    return m === void 0 ? 0 : this.sharedMaps.publish(new Uint8Array(m.buffer));
  }
  /** The process gets the CPU: its MAP_SHARED file mappings take in what others wrote back. */
  refreshShared() {
    if (this.sharedMaps.size === 0) return;
    const m = this.memory();
    if (m !== void 0) this.sharedMaps.refresh(new Uint8Array(m.buffer));
  }
  /** Attaches `ds` at the lowest free range of an area, growing the memory by a new area if none fits. */
  attachAnywhere(size, ds, offset, readOnly) {
    for (const a of this.areas) {
      if (a.end - a.start < size) continue;
      const at2 = this.kernel.attach(
        this.task,
        { search: true, lo: a.start, hi: a.end, align: PAGE_SIZE, size, ds, offset, readOnly }
      );
      if (at2 >= 0) return at2;
      if (at2 !== -KErr.NoSpace) return errnoOfKernel(at2);
    }
    const r = this.grow(size);
    if (r < 0) return r;
    const last = this.areas[this.areas.length - 1];
    const at = this.kernel.attach(
      this.task,
      { search: true, lo: last.start, hi: last.end, align: PAGE_SIZE, size, ds, offset, readOnly }
    );
    return at < 0 ? errnoOfKernel(at) : at;
  }
  /**
   * Grows the memory by at least `bytes` for a new mmap area (joined to the last area when that
   * ends at the end of memory). The heap is accounted first, so what sbrk took stays the heap's.
   */
  grow(bytes) {
    const m = this.memory();
    const old = this.size(m);
    if (this.accounted !== old) {
      this.account();
      if (this.accounted !== old) return -Errno.ENOMEM;
    }
    const pages = Math.ceil(bytes / WASM_PAGE);
    const end = old + pages * WASM_PAGE;
    if (end > Math.min(this.limit, SPACE_END)) return -Errno.ENOMEM;
    if (this.headroom !== void 0 && pages * WASM_PAGE > this.headroom()) return -Errno.ENOMEM;
    try {
      m.grow(pages);
    } catch {
      return -Errno.ENOMEM;
    }
    new Uint8Array(m.buffer).fill(0, old, Math.min(end, old + this.reservedTop));
    const last = this.areas[this.areas.length - 1];
    if (last !== void 0 && last.end === old) last.end = end;
    else this.areas.push({ start: old, end });
    this.accounted = end;
    return 0;
  }
  /**
   * munmap: detaches whatever is mapped in [addr, addr+size) inside the mmap areas, after writing
   * shared file mappings back. The image and heap stay (a wasm program cannot lose them).
   */
  unmap(addr, size) {
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
  mapped(addr, end) {
    this.account();
    for (let a = addr; a < end; ) {
      const r = this.kernel.lookupRegion(this.task, a);
      if (r === void 0) return false;
      a = r.start + r.size;
    }
    return true;
  }
  /** mprotect: records `prot` for a mapped range; -EACCES adding PROT_WRITE to a read-only shared file mapping. */
  protect(addr, size, prot, write) {
    const end = addr + size;
    if (!this.mapped(addr, end)) return -Errno.ENOMEM;
    if (write) {
      let denied = false;
      this.forEachRegion(addr, end, (r) => {
        const b = this.backings.get(r.ds);
        if (b?.kind === "file" && b.shared && !b.writable) denied = true;
      });
      if (denied) return -Errno.EACCES;
    }
    this.prot.set(addr, end, prot);
    return 0;
  }
  /** msync: writes the shared file mappings in a mapped range back to their files. */
  sync(addr, size) {
    const end = addr + size;
    if (!this.mapped(addr, end)) return -Errno.ENOMEM;
    return this.writeBack(addr, end);
  }
  /**
   * madvise(MADV_DONTNEED): the range reads afresh, as Linux gives it: anonymous memory (heap
   * included) as zeros, private file and ROM mappings from their file, shared ones keep their
   * contents (written back first).
   */
  discard(addr, size) {
    const end = addr + size;
    if (!this.mapped(addr, end)) return -Errno.ENOMEM;
    const u8 = new Uint8Array(this.memory().buffer);
    let err = 0;
    this.forEachRegion(addr, end, (r, from, to) => {
      const b = this.backings.get(r.ds);
      const dst = u8.subarray(from, to);
      if (b?.kind === "shared") return;
      if (b?.kind === "rom") {
        dst.fill(0);
        b.ds.read(r.offset + (from - r.start), dst);
      } else if (b?.kind === "file") {
        if (b.shared) {
          const w = this.writeBack(from, to);
          if (w < 0) err = w;
          return;
        }
        dst.fill(0);
        const rr = readFully(b.desc, dst, b.fileOffset + r.offset + (from - r.start));
        if (rr < 0) err = rr;
      } else {
        dst.fill(0);
      }
    });
    return err;
  }
  /** Writes the MAP_SHARED file mappings in [addr, end) back (never past the file's end); 0 or -errno. */
  writeBack(addr, end) {
    if (this.sharedCount === 0) return 0;
    const published = this.publishShared();
    const u8 = new Uint8Array(this.memory().buffer);
    let err = 0;
    this.forEachRegion(addr, end, (r, from, to) => {
      const b = this.backings.get(r.ds);
      if (b?.kind !== "file" || !b.shared) return;
      if (this.sharedMaps.has(r.ds)) return;
      const file = b.desc.file;
      const st = file.stat();
      if (typeof st === "number") {
        err = st;
        return;
      }
      const pos = b.fileOffset + r.offset + (from - r.start);
      const n = Math.min(to - from, Number(st.size) - pos);
      if (n <= 0) return;
      for (let done = 0; done < n; ) {
        const w = file.pwrite(u8.subarray(from + done, from + n), pos + done);
        if (w <= 0) {
          err = w < 0 ? w : -Errno.EIO;
          return;
        }
        done += w;
      }
    }, true);
    return err || published;
  }
  /**
   * Calls `fn` for each region overlapping [addr, end) with the overlap [from, to). With `holes`
   * the range may contain unmapped pages, which are stepped over page by page.
   */
  forEachRegion(addr, end, fn, holes = false) {
    for (let a = addr; a < end; ) {
      const r = this.kernel.lookupRegion(this.task, a);
      if (r === void 0) {
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
  inAreas(addr, end) {
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
  releaseDataspaces(direct) {
    for (const id of this.kernel.takeReleasedDataspaces()) {
      if (this.kernel.dataspaceRefs(id) > 0) continue;
      const b = this.backings.get(id);
      this.backings.delete(id);
      if (b?.kind === "file") {
        if (b.shared) this.sharedCount--;
        this.sharedMaps.remove(id);
        b.desc.release();
      }
      if (b?.kind === "rom" || b?.kind === "shared") continue;
      if (direct) this.rootDirect.free(id);
      else this.root.free(id);
    }
  }
  /** Process exit: shared mappings go back to their files, every region is detached, dataspaces freed. */
  /** exec: the old program's memory is released; the next account() starts over with the new one. */
  reset() {
    this.release();
    this.accounted = 0;
    this.memoryObject = void 0;
  }
  /** fork, in the child: the parent's MAP_SHARED mappings stay shared with it (see SharedMappings.inherit). */
  inheritShared(parent) {
    const m = this.memory();
    if (m !== void 0 && parent.sharedMaps.size > 0) this.sharedMaps.inherit(parent.sharedMaps, new Uint8Array(m.buffer));
  }
  release() {
    this.publishShared();
    for (const a of this.areas) {
      this.writeBack(a.start, a.end);
      this.kernel.detach(this.task, a.start, a.end - a.start);
    }
    for (const h of this.heap) this.kernel.detach(this.task, h.start, h.size);
    this.areas.length = 0;
    this.heap.length = 0;
    this.prot.reset();
    this.releaseDataspaces(true);
    for (const b of this.backings.values()) if (b.kind === "file") b.desc.release();
    this.sharedMaps.clear();
    this.backings.clear();
    this.sharedCount = 0;
  }
}
function readFully(desc, dst, pos) {
  let n = 0;
  while (n < dst.length) {
    const r = desc.file.pread(dst.subarray(n), pos + n);
    if (r < 0) return r;
    if (r === 0) break;
    n += r;
  }
  return n;
}
export {
  AddressSpace,
  PAGE_SIZE,
  Placement,
  SPACE_END,
  WASM_PAGE,
  readFully
};
