import { SUSPEND } from "./context.js";
import { lockKey } from "../vfs/record_locks.js";
const coherenceStats = { turns: 0, writes: 0, reads: 0, bytes: 0, ms: 0 };
class SharedFile {
  constructor(key) {
    this.key = key;
  }
  key;
  version = 0;
  refs = 0;
}
class SharedFiles {
  files = /* @__PURE__ */ new Map();
  acquire(key) {
    let f = this.files.get(key);
    if (f === void 0) {
      f = new SharedFile(key);
      this.files.set(key, f);
    }
    f.refs++;
    return f;
  }
  release(f) {
    if (--f.refs === 0) this.files.delete(f.key);
  }
}
const machines = /* @__PURE__ */ new WeakMap();
function sharedFilesOf(vfs) {
  let s = machines.get(vfs);
  if (s === void 0) {
    s = new SharedFiles();
    machines.set(vfs, s);
  }
  return s;
}
function coherenceOf(files, file) {
  return {
    file,
    release: () => files.release(file),
    again: () => coherenceOf(files, files.acquire(file.key))
  };
}
function coherenceFor(vfs, desc) {
  const key = lockKey(desc.file);
  if (key === void 0) return void 0;
  const files = sharedFilesOf(vfs);
  return coherenceOf(files, files.acquire(key));
}
function writeChanges(m, now, n) {
  const a32 = new Uint32Array(now.buffer, now.byteOffset, n >>> 2);
  const b32 = new Uint32Array(m.snapshot.buffer, m.snapshot.byteOffset, n >>> 2);
  let runStart = -1;
  const flush = (end) => {
    for (let done = runStart; done < end; ) {
      const w = m.desc.file.pwrite(now.subarray(done, end), m.fileOffset + done);
      if (w <= 0) return w < 0 ? w : -5;
      done += w;
    }
    runStart = -1;
    return 0;
  };
  const byte = (i) => {
    if (now[i] !== m.snapshot[i]) {
      if (runStart < 0) runStart = i;
      return 0;
    }
    return runStart >= 0 ? flush(i) : 0;
  };
  for (let w = 0; w < a32.length; w++) {
    if (a32[w] === b32[w]) {
      if (runStart >= 0) {
        const r = flush(w * 4);
        if (r < 0) return r;
      }
      continue;
    }
    for (let i = w * 4; i < w * 4 + 4; i++) {
      const r = byte(i);
      if (r < 0) return r;
    }
  }
  for (let i = a32.length * 4; i < n; i++) {
    const r = byte(i);
    if (r < 0) return r;
  }
  return runStart >= 0 ? flush(n) : 0;
}
class SharedMappings {
  maps = /* @__PURE__ */ new Map();
  get size() {
    return this.maps.size;
  }
  has(ds) {
    return this.maps.has(ds);
  }
  /** A new mapping (dataspace `ds`) whose contents `memory` holds now, as read from the file. */
  add(ds, at, size, desc, fileOffset, coherence, memory) {
    this.maps.set(ds, {
      at,
      size,
      desc,
      fileOffset,
      coherence,
      snapshot: memory.slice(at, at + size),
      seen: coherence.file.version
    });
  }
  /**
   * fork, in the child: its copies of the parent's mappings (memory as copied) join their files'
   * coherence, as Linux's child shares the parent's MAP_SHARED pages. The parent's changes not yet
   * written back are in the copy but not the child's to send: the parent sends them.
   */
  inherit(from, memory) {
    for (const m of from.maps.values()) {
      m.desc.retain();
      this.maps.set(--this.nextInherited, {
        at: m.at,
        size: m.size,
        desc: m.desc,
        fileOffset: m.fileOffset,
        coherence: m.coherence.again(),
        snapshot: memory.slice(m.at, m.at + m.size),
        seen: m.seen,
        inherited: true
      });
    }
  }
  /** Keys of inherited mappings: below every dataspace number. */
  nextInherited = 0;
  /**
   * The shared object `len` bytes at `addr` show, as the key other processes' mappings of it have
   * (dev:ino) and the offset in it; undefined when no mapping here holds them all.
   */
  locate(addr, len) {
    for (const m of this.maps.values()) {
      if (addr >= m.at && addr + len <= m.at + m.size) return { key: m.coherence.file.key, offset: m.fileOffset + (addr - m.at) };
    }
    return void 0;
  }
  /** The mapping's dataspace went away (munmap, exit). */
  remove(ds) {
    const m = this.maps.get(ds);
    if (m === void 0) return;
    this.maps.delete(ds);
    m.coherence.release();
    if (m.inherited === true) m.desc.release();
  }
  /**
   * munmap of [lo, hi): a mapping it cuts into is no longer kept coherent (what is left of it
   * meets the file again at msync, munmap and exit), so a new mapping in the hole is never
   * taken for it.
   */
  forget(lo, hi) {
    for (const [ds, m] of this.maps) {
      if (m.at < hi && lo < m.at + m.size) this.remove(ds);
    }
  }
  /** Every mapping goes (exit, exec). */
  clear() {
    for (const ds of [...this.maps.keys()]) this.remove(ds);
  }
  /**
   * The process leaves the CPU: each mapping that differs from its snapshot is written to the file
   * (within the file's size, as msync does) and the file's version goes up. 0 or the first -errno.
   */
  publish(memory) {
    const t0 = performance.now();
    let err = 0;
    for (const m of this.maps.values()) {
      const now = memory.subarray(m.at, m.at + m.size);
      if (Buffer.compare(now, m.snapshot) === 0) continue;
      coherenceStats.writes++;
      coherenceStats.bytes += m.size;
      const st = m.desc.file.stat();
      if (typeof st === "number") {
        err ||= st;
        continue;
      }
      const n = Math.min(m.size, Number(st.size) - m.fileOffset);
      const w = writeChanges(m, now, Math.max(0, n));
      if (w < 0) err ||= w;
      m.snapshot.set(now);
      const current = m.seen === m.coherence.file.version;
      m.coherence.file.version++;
      if (current) m.seen = m.coherence.file.version;
    }
    coherenceStats.turns++;
    coherenceStats.ms += performance.now() - t0;
    return err;
  }
  /** The process gets the CPU: mappings of files written back by others since are read again. */
  refresh(memory) {
    const t0 = performance.now();
    for (const m of this.maps.values()) {
      if (m.seen === m.coherence.file.version) continue;
      coherenceStats.reads++;
      coherenceStats.bytes += m.size;
      const dst = memory.subarray(m.at, m.at + m.size);
      let n = 0;
      while (n < dst.length) {
        const r = m.desc.file.pread(dst.subarray(n), m.fileOffset + n);
        if (r <= 0) break;
        n += r;
      }
      m.snapshot.set(dst);
      m.seen = m.coherence.file.version;
    }
    coherenceStats.ms += performance.now() - t0;
  }
}
function syncAtCalls(imports, space) {
  const out = {};
  for (const [mod, fns] of Object.entries(imports)) {
    const wrapped = {};
    for (const [name, fn] of Object.entries(fns)) {
      wrapped[name] = (...a) => {
        if (!space.hasShared) return fn(...a);
        space.publishShared();
        const r = fn(...a);
        if (r !== SUSPEND) space.refreshShared();
        return r;
      };
    }
    out[mod] = wrapped;
  }
  return out;
}
export {
  SharedFile,
  SharedMappings,
  coherenceFor,
  coherenceStats,
  syncAtCalls
};
