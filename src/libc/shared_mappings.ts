// Coherence of MAP_SHARED file mappings among the processes of one machine (SQLite's WAL index,
// the -shm file, is the user that needs it). Each process has its own linear memory, so a shared
// mapping is a copy of the file's bytes; the file is the one place they meet. Processes that run
// multiplexed take turns on the vCPU and never run at the same time, so the copies stay exact if
//  - when a process leaves the CPU (it suspends, is preempted or exits) the bytes it changed in
//    its mappings are written to the file, only those, and the file's version goes up;
//  - when a process gets the CPU, the mappings of files whose version moved since it last saw
//    them are read again.
// What a process changes is found by comparing each mapping with a snapshot of what it last wrote
// or read, so a turn that changed nothing costs a memcmp per mapping and no file I/O.
// A decoupled program runs beside the vCPU, so there are no turns: its mappings are written back
// when it enters a call and read again when the call returns (syncAtCalls). That is release
// consistency: what a program changes between two calls (say, under a lock it takes and drops by
// fcntl) is seen by the others after its next call, which is what SQLite's WAL index needs.
// Sending only changed bytes matters there: a decoupled process's copy may be older than what
// another wrote meanwhile, and its unchanged bytes must not undo that.
// A forked child's copies of its parent's mappings join the same coherence (anonymous shared
// memory has an object of its own for that, vfs/anonymous_memory.ts).
// Within a multiplexed process, its calls that read or write a file's bytes do the same
// (FILE_DATA_CALLS): what it stores into a mapping, its read() of the file sees. A write() or
// truncate through a descriptor moves the file's version (fileWritten), so every mapping of it,
// the writer's own too, reads it again.
// Limits: a decoupled program does not see others' changes while it computes between calls;
// write()s to a mapped range by another process that has it mapped are overwritten where that
// process's mapping changes next.
import type { Vfs } from '../vfs/types.js';
import { SUSPEND } from './context.js';
import { lockKey } from '../vfs/record_locks.js';
import type { Description } from './fdtable.js';

/** What coherence cost, for `npm run bench:sqlite`: turns of processes with shared mappings, file I/O. */
export const coherenceStats = { turns: 0, writes: 0, reads: 0, bytes: 0, ms: 0 };

/** A file mapped MAP_SHARED somewhere in the machine: how often its mapped bytes were written back. */
export class SharedFile {
  version = 0;
  refs = 0;
  constructor(readonly key: string) {}
}

/** The machine's shared files, by identity (device and inode). */
class SharedFiles {
  private readonly files = new Map<string, SharedFile>();

  acquire(key: string): SharedFile {
    let f = this.files.get(key);
    if (f === undefined) { f = new SharedFile(key); this.files.set(key, f); }
    f.refs++;
    return f;
  }

  release(f: SharedFile): void {
    if (--f.refs === 0) this.files.delete(f.key);
  }

  count(key: string): number { return this.files.get(key)?.refs ?? 0; }

  get size(): number { return this.files.size; }

  get(key: string): SharedFile | undefined { return this.files.get(key); }
}

const machines = new WeakMap<Vfs, SharedFiles>();

/** How many MAP_SHARED mappings of the file with lock key `key` the machine's processes hold (shmctl's shm_nattch). */
export function sharedMappingCount(vfs: Vfs, key: string): number {
  return machines.get(vfs)?.count(key) ?? 0;
}

function sharedFilesOf(vfs: Vfs): SharedFiles {
  let s = machines.get(vfs);
  if (s === undefined) { s = new SharedFiles(); machines.set(vfs, s); }
  return s;
}

/** What a shared file mapping carries so that its process can keep it coherent. */
export interface Coherence {
  readonly file: SharedFile;
  release(): void;
  /** Another holder of the same file's coherence (a forked child's copy of the mapping). */
  again(): Coherence;
}

function coherenceOf(files: SharedFiles, file: SharedFile): Coherence {
  return {
    file,
    release: () => files.release(file),
    again: () => coherenceOf(files, files.acquire(file.key)),
  };
}

/**
 * A write() or truncate of `file` through a descriptor: every mapping of it (the writer's own
 * included) reads it again before its process runs on, as Linux's mappings show such a write at
 * once. Nothing to do while the machine maps no file shared.
 */
export function fileWritten(vfs: Vfs, file: Description['file']): void {
  const files = machines.get(vfs);
  if (files === undefined || files.size === 0) return;
  const key = lockKey(file);
  const f = key === undefined ? undefined : files.get(key);
  if (f !== undefined) f.version++;
}

/** The coherence record of a new MAP_SHARED mapping of `desc`'s file, or undefined (no identity). */
export function coherenceFor(vfs: Vfs, desc: Description): Coherence | undefined {
  const key = lockKey(desc.file);
  if (key === undefined) return undefined;
  const files = sharedFilesOf(vfs);
  return coherenceOf(files, files.acquire(key));
}

/**
 * Writes the bytes of `now` that differ from the mapping's snapshot to the file (within the
 * first `n` bytes, the part inside the file), one pwrite per run of changed bytes; 0 or -errno.
 * Compared a word at a time, then byte by byte inside a word that differs.
 */
function writeChanges(m: Mapping, now: Uint8Array, n: number): number {
  const a32 = new Uint32Array(now.buffer, now.byteOffset, n >>> 2);
  const b32 = new Uint32Array(m.snapshot.buffer, m.snapshot.byteOffset, n >>> 2);
  let runStart = -1;
  const flush = (end: number): number => {
    for (let done = runStart; done < end;) {
      const w = m.desc.file.pwrite(now.subarray(done, end), m.fileOffset + done);
      if (w <= 0) return w < 0 ? w : -5 /* EIO */;
      done += w;
    }
    runStart = -1;
    return 0;
  };
  const byte = (i: number): number => {
    if (now[i] !== m.snapshot[i]) { if (runStart < 0) runStart = i; return 0; }
    return runStart >= 0 ? flush(i) : 0;
  };
  for (let w = 0; w < a32.length; w++) {
    if (a32[w] === b32[w]) {
      if (runStart >= 0) { const r = flush(w * 4); if (r < 0) return r; }
      continue;
    }
    for (let i = w * 4; i < w * 4 + 4; i++) { const r = byte(i); if (r < 0) return r; }
  }
  for (let i = a32.length * 4; i < n; i++) { const r = byte(i); if (r < 0) return r; }
  return runStart >= 0 ? flush(n) : 0;
}

/** One mapping of a process: [at, at + size) shows the file from `fileOffset`. */
interface Mapping {
  readonly at: number;
  readonly size: number;
  readonly desc: Description;
  readonly fileOffset: number;
  readonly coherence: Coherence;
  /** The bytes last written to or read from the file. */
  readonly snapshot: Uint8Array;
  /** The file's version those bytes belong to. */
  seen: number;
  /** Inherited at fork: the mapping holds its description itself (no dataspace of its own does). */
  readonly inherited?: boolean;
}

/** The shared file mappings of one process (its AddressSpace owns this). */
export class SharedMappings {
  private readonly maps = new Map<number, Mapping>();

  get size(): number { return this.maps.size; }

  has(ds: number): boolean { return this.maps.has(ds); }

  /** A new mapping (dataspace `ds`) whose contents `memory` holds now, as read from the file. */
  add(ds: number, at: number, size: number, desc: Description, fileOffset: number, coherence: Coherence, memory: Uint8Array): void {
    this.maps.set(ds, {
      at, size, desc, fileOffset, coherence, snapshot: memory.slice(at, at + size), seen: coherence.file.version,
    });
  }

  /**
   * fork, in the child: its copies of the parent's mappings (memory as copied) join their files'
   * coherence, as Linux's child shares the parent's MAP_SHARED pages. The parent's changes not yet
   * written back are in the copy but not the child's to send: the parent sends them.
   */
  inherit(from: SharedMappings, memory: Uint8Array): void {
    for (const m of from.maps.values()) {
      m.desc.retain();
      this.maps.set(--this.nextInherited, {
        at: m.at, size: m.size, desc: m.desc, fileOffset: m.fileOffset, coherence: m.coherence.again(),
        snapshot: memory.slice(m.at, m.at + m.size), seen: m.seen, inherited: true,
      });
    }
  }
  /** Keys of inherited mappings: below every dataspace number. */
  private nextInherited = 0;

  /**
   * The shared object `len` bytes at `addr` show, as the key other processes' mappings of it have
   * (dev:ino) and the offset in it; undefined when no mapping here holds them all.
   */
  locate(addr: number, len: number): { key: string; offset: number } | undefined {
    for (const m of this.maps.values()) {
      if (addr >= m.at && addr + len <= m.at + m.size) return { key: m.coherence.file.key, offset: m.fileOffset + (addr - m.at) };
    }
    return undefined;
  }

  /** The mapping's dataspace went away (munmap, exit). */
  remove(ds: number): void {
    const m = this.maps.get(ds);
    if (m === undefined) return;
    this.maps.delete(ds);
    m.coherence.release();
    if (m.inherited === true) m.desc.release();
  }

  /**
   * munmap of [lo, hi): a mapping it cuts into is no longer kept coherent (what is left of it
   * meets the file again at msync, munmap and exit), so a new mapping in the hole is never
   * taken for it.
   */
  forget(lo: number, hi: number): void {
    for (const [ds, m] of this.maps) {
      if (m.at < hi && lo < m.at + m.size) this.remove(ds);
    }
  }

  /** Every mapping goes (exit, exec). */
  clear(): void {
    for (const ds of [...this.maps.keys()]) this.remove(ds);
  }

  /**
   * The process leaves the CPU: each mapping that differs from its snapshot is written to the file
   * (within the file's size, as msync does) and the file's version goes up. 0 or the first -errno.
   */
  publish(memory: Uint8Array): number {
    const t0 = performance.now();
    let err = 0;
    for (const m of this.maps.values()) {
      const now = memory.subarray(m.at, m.at + m.size);
      if (Buffer.compare(now, m.snapshot) === 0) continue;
      coherenceStats.writes++;
      coherenceStats.bytes += m.size;
      const st = m.desc.file.stat();
      if (typeof st === 'number') { err ||= st; continue; }
      const n = Math.min(m.size, Number(st.size) - m.fileOffset);
      // Only the bytes this process changed go back: a decoupled process may have written others
      // since this one last read the file, and its unchanged (older) bytes must not undo them.
      const w = writeChanges(m, now, Math.max(0, n));
      if (w < 0) err ||= w;
      m.snapshot.set(now);
      // Seen only if nobody else wrote since this process last read: otherwise it reads again.
      const current = m.seen === m.coherence.file.version;
      m.coherence.file.version++;
      if (current) m.seen = m.coherence.file.version;
    }
    coherenceStats.turns++;
    coherenceStats.ms += performance.now() - t0;
    return err;
  }

  /** The process gets the CPU: mappings of files written back by others since are read again. */
  refresh(memory: Uint8Array): void {
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
      // Past the file's end a mapping keeps what it had (Linux would fault there).
      m.snapshot.set(dst);
      m.seen = m.coherence.file.version;
    }
    coherenceStats.ms += performance.now() - t0;
  }
}

/**
 * The calls that read or write a file's bytes (sendfile and copy_file_range are made of them):
 * a multiplexed process's own mappings of the file are written back before each and read again
 * after it, so its read() sees what it stored into a mapping, and a mapping what it write()s, at
 * once, as Linux's one page cache has it.
 */
export const FILE_DATA_CALLS: ReadonlySet<string> = new Set([
  'wasi_snapshot_preview1.fd_read', 'wasi_snapshot_preview1.fd_pread', 'wasi_snapshot_preview1.fd_write',
  'wasi_snapshot_preview1.fd_pwrite', 'wasi_snapshot_preview1.fd_filestat_set_size',
  'wasi_snapshot_preview1.fd_sync', 'wasi_snapshot_preview1.fd_datasync',
]);

/**
 * The imports (of a decoupled program: all; else those in `only`), each writing the program's
 * shared mappings back before the call and reading others' changes after it (nothing to do, and
 * almost no cost, without mappings).
 */
export function syncAtCalls<T extends Record<string, Record<string, (...a: any[]) => any>>>(
  imports: T, space: { publishShared(): number; refreshShared(): void; readonly hasShared: boolean },
  only?: ReadonlySet<string>,
): T {
  const out: Record<string, Record<string, (...a: any[]) => any>> = {};
  for (const [mod, fns] of Object.entries(imports)) {
    const wrapped: Record<string, (...a: any[]) => any> = {};
    for (const [name, fn] of Object.entries(fns)) {
      if (only !== undefined && !only.has(`${mod}.${name}`)) {
        wrapped[name] = fn;
        continue;
      }
      wrapped[name] = (...a: any[]) => {
        if (!space.hasShared) return fn(...a);
        space.publishShared();
        const r = fn(...a);
        if (r !== SUSPEND) space.refreshShared();
        return r;
      };
    }
    out[mod] = wrapped;
  }
  return out as T;
}
