import { Errno } from "../errno.js";
import { ObjType, Rights } from "../kernel/kernel.js";
var L4Err = /* @__PURE__ */ ((L4Err2) => {
  L4Err2[L4Err2["PERM"] = 1] = "PERM";
  L4Err2[L4Err2["NOENT"] = 2] = "NOENT";
  L4Err2[L4Err2["NOMEM"] = 12] = "NOMEM";
  L4Err2[L4Err2["FAULT"] = 14] = "FAULT";
  L4Err2[L4Err2["BUSY"] = 16] = "BUSY";
  L4Err2[L4Err2["EXIST"] = 17] = "EXIST";
  L4Err2[L4Err2["NODEV"] = 19] = "NODEV";
  L4Err2[L4Err2["INVAL"] = 22] = "INVAL";
  L4Err2[L4Err2["RANGE"] = 34] = "RANGE";
  L4Err2[L4Err2["NOSYS"] = 38] = "NOSYS";
  return L4Err2;
})(L4Err || {});
function l4ErrOfErrno(e) {
  switch (-e) {
    case Errno.EEXIST:
      return -17;
    case Errno.EINVAL:
      return -22;
    case Errno.EBUSY:
      return -16;
    case Errno.ENOENT:
      return -2;
    case Errno.EPERM:
      return -1;
    case Errno.EFAULT:
      return -14;
    default:
      return -12;
  }
}
const DS_HANDLE_BASE = 65536;
const FIRST_NAMED_SLOT = 32;
class L4Port {
  constructor(kernel, cpu, task, thread, grant, source, space, threadRootCap, logCap = -1) {
    this.kernel = kernel;
    this.cpu = cpu;
    this.task = task;
    this.thread = thread;
    this.grant = grant;
    this.source = source;
    this.space = space;
    this.threadRootCap = threadRootCap;
    this.logCap = logCap;
  }
  kernel;
  cpu;
  task;
  thread;
  grant;
  source;
  space;
  threadRootCap;
  logCap;
  caps = /* @__PURE__ */ new Map();
  dataspaces = [];
  /** The dataspaces this program allocated (l4re_ma_alloc): given back when it ends. */
  owned = /* @__PURE__ */ new Set();
  windows = [];
  selfSlot = -1;
  /** Told when the program binds a gate or IRQ to its thread (it serves from then on). */
  onBind;
  /** The capability (or dataspace handle) named `name`, mapped on first use: >= 0 or -L4Err.NOENT. */
  capGet(name) {
    const known = this.caps.get(name);
    if (known !== void 0) return known;
    const g = this.grant(name);
    if (g === void 0) return -2;
    let handle;
    if (g.object.kind === "dataspace") {
      handle = this.addDataspace(g.object.ds);
    } else {
      const k = this.kernel;
      const slot = k.findFreeCap(this.task, FIRST_NAMED_SLOT);
      if (slot < 0) return -12;
      const r = k.map(k.rootTask, g.object.ref.cap, this.task, slot, g.rights);
      if (r < 0) return -12;
      handle = slot;
    }
    this.caps.set(name, handle);
    return handle;
  }
  /** The program's capability to its own thread (l4re_env()->main_thread). */
  selfCap() {
    if (this.selfSlot >= 0) return this.selfSlot;
    const k = this.kernel;
    const slot = k.findFreeCap(this.task, FIRST_NAMED_SLOT);
    if (slot < 0) return -12;
    if (k.map(k.rootTask, this.threadRootCap, this.task, slot, Rights.All) < 0) return -12;
    this.selfSlot = slot;
    return slot;
  }
  /** Is `cap` the program's capability to its own thread? */
  isSelf(cap) {
    return cap >= 0 && cap < DS_HANDLE_BASE && (this.kernel.capInfo(this.task, cap) & 255) === ObjType.Thread && this.kernel.lookup(this.task, cap) === this.thread;
  }
  addDataspace(ds) {
    let i = this.dataspaces.indexOf(ds);
    if (i < 0) {
      i = this.dataspaces.length;
      this.dataspaces.push(ds);
    }
    return DS_HANDLE_BASE + i;
  }
  dataspace(handle) {
    return handle >= DS_HANDLE_BASE ? this.dataspaces[handle - DS_HANDLE_BASE] : void 0;
  }
  allocate(size) {
    const ds = this.source.allocate(size);
    if (typeof ds === "number") return l4ErrOfErrno(ds);
    this.owned.add(ds);
    return this.addDataspace(ds);
  }
  /** l4re_ma_free: the handle goes; the memory once nobody attaches it. 0 or -L4Err. */
  free(handle) {
    const ds = this.dataspace(handle);
    if (ds === void 0) return -22;
    if (this.windows.some((w) => w.ds === ds)) return -16;
    const r = this.source.free(ds);
    if (r < 0 && r !== -Errno.EBUSY) return l4ErrOfErrno(r);
    this.dataspaces[handle - DS_HANDLE_BASE] = void 0;
    this.owned.delete(ds);
    return 0;
  }
  /**
   * The program ended (its regions are detached): the dataspaces it allocated go back, unless
   * another program still attaches one.
   */
  release() {
    this.windows.length = 0;
    for (const ds of this.owned) this.source.free(ds);
    this.owned.clear();
  }
  /** Attaches a window and fills it from the dataspace: the address or -L4Err. */
  attach(ds, addr, size, offset) {
    const at = this.space.attach(ds, addr, size, offset);
    if (at < 0) return l4ErrOfErrno(at);
    const shadow = ds.bytes.slice(offset, offset + size);
    this.windows.push({ addr: at, size, ds, offset, shadow });
    return at;
  }
  /** Detaches the window at `addr` (publishing it first): 0 or -L4Err.NOENT. */
  detach(mem, addr) {
    const i = this.windows.findIndex((w2) => w2.addr === addr);
    if (i < 0) return -2;
    const w = this.windows[i];
    this.publish(mem, w);
    this.windows.splice(i, 1);
    this.space.detach(w.addr, w.size);
    return 0;
  }
  /**
   * A window mapped by other means (mmap of /dev/l4shm): kept in sync at the L4 calls like the
   * others, and by whoever holds the returned functions (the device, at its read and write).
   */
  trackWindow(memory, ds, addr, size, offset) {
    const w = { addr, size, ds, offset, shadow: ds.bytes.slice(offset, offset + size) };
    this.windows.push(w);
    return {
      publish: () => {
        if (this.alive(w)) this.publish(new Uint8Array(memory().buffer), w);
      },
      // Publish first: what the program wrote since must not be overwritten.
      refresh: () => {
        if (!this.alive(w)) return;
        const mem = new Uint8Array(memory().buffer);
        this.publish(mem, w);
        this.refresh(mem, w);
      }
    };
  }
  /** Publishes what the program changed in its windows since the last call. */
  syncOut(mem) {
    for (const w of [...this.windows]) if (this.alive(w)) this.publish(mem, w);
  }
  /** Shows the program what the dataspaces hold now. */
  syncIn(mem) {
    for (const w of [...this.windows]) if (this.alive(w)) this.refresh(mem, w);
  }
  /** Is the window still attached (munmap may have taken it)? Forgets it when not. */
  alive(w) {
    const r = this.kernel.lookupRegion(this.task, w.addr);
    if (r !== void 0 && r.ds === w.ds.id && r.start <= w.addr && w.addr + w.size <= r.start + r.size) return true;
    const i = this.windows.indexOf(w);
    if (i >= 0) this.windows.splice(i, 1);
    return false;
  }
  /**
   * Copies in what the other side published since: only chunks where the dataspace differs from
   * the shadow (the window equals the shadow here: it was published just before).
   */
  refresh(mem, w) {
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
  publish(mem, w) {
    if (w.addr + w.size > mem.length) return;
    const now = bufferOf(mem, w.addr, w.size);
    const shadow = bufferOf(w.shadow, 0, w.size);
    if (now.equals(shadow)) return;
    const dst = w.ds.bytes;
    const a = new Int32Array(now.buffer, now.byteOffset, w.size >> 2);
    const b = new Int32Array(shadow.buffer, shadow.byteOffset, w.size >> 2);
    forEachDifferentChunk(now, shadow, 0, w.size, (off, end) => {
      for (let i = off >> 2; i < end >> 2; i++) {
        if (a[i] === b[i]) continue;
        for (let j = i * 4; j < i * 4 + 4; j++) {
          const v = now[j];
          if (v !== shadow[j]) {
            dst[w.offset + j] = v;
            shadow[j] = v;
          }
        }
      }
    });
  }
}
const CHUNK = 1024;
function forEachDifferentChunk(a, b, off, end, fn) {
  if (a.compare(b, off, end, off, end) === 0) return;
  if (end - off <= CHUNK) {
    fn(off, end);
    return;
  }
  const mid = off + Math.ceil((end - off) / 2 / 4) * 4;
  forEachDifferentChunk(a, b, off, mid, fn);
  forEachDifferentChunk(a, b, mid, end, fn);
}
function bufferOf(bytes, off, len) {
  return Buffer.from(bytes.buffer, bytes.byteOffset + off, len);
}
export {
  DS_HANDLE_BASE,
  L4Err,
  L4Port,
  l4ErrOfErrno
};
