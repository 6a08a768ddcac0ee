// Lent opens: a decoupled program's path_open of a plain name in a lent host mount root (or of the
// root itself) made on its own core, and the close of such a file before the vCPU has seen it.
// SQLite opens its journal and the journal's directory at every commit and closes both again;
// forwarded, each open cost two wake-ups and the vCPU's path walk (~0.5 ms on this VM).
//
// The worker opens the host file exactly as hostfs does (host_open.ts), through the root's
// descriptor (dir_lending.ts: the same lexical fact that lets it stat and unlink there), after it
// took the file's place in the machine's host-file budget. It gives the program the descriptor
// the vCPU's table would have given — the lowest free one: the vCPU publishes which of the first
// 64 are free at each reply (Slot.FreeFds), and the worker keeps that up to date with its own
// opens and closes — and records the file (OPEN_SLOT) and queues an Op.Adopt call (DEFER_SLOT).
// At the worker's next forwarded call, before anything else, the vCPU takes the host descriptor
// over as the mount's open file at that descriptor (FileSystem.adoptHostFile, FdTable.insertAt),
// in the order of the queue: nothing but the program's own calls changes its descriptor table, and
// each of them is forwarded or queued. A file closed before that is closed here, and its record
// and queued calls are dropped: the vCPU never sees it. A program that ends meanwhile has its
// recorded host descriptors closed by the vCPU.
//
// The mode of a creating open (create_mode, deferred) is modelled here: the vCPU publishes the
// pending mode and the umask at each reply; the queue holds at most one create_mode call, the
// mode the vCPU will have once it has made the queued calls; an open made here consumes it.
// Anything else is forwarded: an error, a symlink (O_NOFOLLOW fails), flags other than
// creat/excl/trunc/directory, a descriptor above 63, signals waiting, a full queue or budget.
import { closeSync, constants } from 'node:fs';
import { DIR_RIGHTS, FILE_RIGHTS, OFlags, READ_RIGHTS, Rights, WRITE_RIGHTS, rightsFromAbi } from '../libc/abi.js';
import { giveHostFile, takeHostFile } from '../vfs/host_files.js';
import { openHostPath } from '../vfs/host_open.js';
import { FileType } from '../vfs/types.js';
import { LentFor, type LentDir } from './dir_lending.js';
import {
  DEFER_INTS, DEFER_SLOT, FDSTAT_FDS, LENT_DEV_SLOT, LENT_INO_SLOT, LENT_SLOT, LentAccess, MAX_DEFERRED, MAX_OPENS, OPEN_INTS, OPEN_SLOT,
  Op, OpenedAs, Slot, fdstatAt, fdstatWord, lentEntry,
} from './decouple_channel.js';

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK } = constants;

/** Descriptors the worker may give out itself: those Slot.FreeFds covers. */
export const OPEN_FDS = 64;

/** One recorded file: where its record starts, or -1. */
export function openRecordOf(i32: Int32Array, fd: number): number {
  for (let r = 0; r < MAX_OPENS; r++) if (i32[OPEN_SLOT + r * OPEN_INTS] === fd + 1) return OPEN_SLOT + r * OPEN_INTS;
  return -1;
}

/** The vCPU's view of a record: the file to adopt. */
export interface OpenRecord { fd: number; hostFd: number; dirfd: number; as: number; entry: number }

export function readOpenRecord(i32: Int32Array, at: number): OpenRecord {
  return { fd: i32[at]! - 1, hostFd: i32[at + 1]!, dirfd: i32[at + 2]!, as: i32[at + 3]!, entry: i32[at + 4]! };
}

/** Records still waiting for adoption (the program ended first): the vCPU closes their host descriptors. */
export function pendingOpenRecords(i32: Int32Array): OpenRecord[] {
  const out: OpenRecord[] = [];
  for (let r = 0; r < MAX_OPENS; r++) {
    const at = OPEN_SLOT + r * OPEN_INTS;
    if (i32[at] !== 0) out.push(readOpenRecord(i32, at));
  }
  return out;
}

/** Marks `fd` free (true) or taken in Slot.FreeFds. */
export function setFdFree(i32: Int32Array, fd: number, free: boolean): void {
  if (fd >>> 0 >= OPEN_FDS) return;
  const slot = Slot.FreeFds + (fd >> 5), bit = 1 << (fd & 31);
  i32[slot] = free ? i32[slot]! | bit : i32[slot]! & ~bit;
}

function lowestFreeFd(i32: Int32Array): number {
  for (let w = 0; w < 2; w++) {
    const bits = i32[Slot.FreeFds + w]!;
    if (bits !== 0) return w * 32 + (31 - Math.clz32(bits & -bits));
  }
  return -1;
}

/** What the worker's side needs of decoupled_worker.ts. */
export interface OpenLendingContext {
  i32: Int32Array;
  i64: BigInt64Array;
  f64: Float64Array;
  /** The memory's bytes and view as of the last inMemory(). */
  bytes(): Uint8Array;
  view(): DataView;
  /** Whether [0, end) is in memory (refreshing the views after a grow). */
  inMemory(end: number): boolean;
  enterLocalIo(): boolean;
  leaveLocalIo(): void;
  lentDirOf(dirfd: number, p: number, n: number): LentDir | undefined;
  lentName(d: LentDir, p: number, n: number): string | undefined;
  /** The program's import index of l4posix.create_mode (the queued mode's call); undefined: it has none (plain WASI). */
  createModeIndex: number | undefined;
  /** The machine's host-file budget (HostFileBudget.shared). */
  hostFiles: SharedArrayBuffer;
}

type Forward = (...a: (number | bigint)[]) => number | bigint | undefined;

export class WorkerOpens {
  constructor(private readonly c: OpenLendingContext) {}

  // ---- the deferred-call queue ----

  private queued(): number { return this.c.i32[DEFER_SLOT]!; }

  private push(index: number, args: number[]): void {
    const i32 = this.c.i32, n = i32[DEFER_SLOT]!;
    const at = DEFER_SLOT + 1 + n * DEFER_INTS;
    i32[at] = index;
    for (let k = 0; k < DEFER_INTS - 1; k++) i32[at + 1 + k] = args[k] ?? 0;
    i32[DEFER_SLOT] = n + 1;
  }

  /** Removes the queued calls `drop` picks (by position and entry start), keeping the others' order. */
  private removeQueued(drop: (k: number, at: number) => boolean): void {
    const i32 = this.c.i32, n = i32[DEFER_SLOT]!;
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const at = DEFER_SLOT + 1 + k * DEFER_INTS;
      if (drop(k, at)) continue;
      if (kept !== k) i32.copyWithin(DEFER_SLOT + 1 + kept * DEFER_INTS, at, at + DEFER_INTS);
      kept++;
    }
    i32[DEFER_SLOT] = kept;
  }

  /** The queued create_mode call's position, or -1. */
  private queuedModeAt(): number {
    const i32 = this.c.i32, n = i32[DEFER_SLOT]!;
    for (let k = 0; k < n; k++) if (i32[DEFER_SLOT + 1 + k * DEFER_INTS] === this.c.createModeIndex) return DEFER_SLOT + 1 + k * DEFER_INTS;
    return -1;
  }

  /** The mode the next creating open takes (-1: none): the queued one, else the vCPU's. */
  private pendingMode(): number {
    const at = this.queuedModeAt();
    return at >= 0 ? this.c.i32[at + 1]! : this.c.i32[Slot.NextMode]!;
  }

  /**
   * create_mode(mode), deferred: the vCPU will hold `mode` (masked; -1: none) once it has made the
   * queue. False (forward it) when the queue is full.
   */
  deferMode(mode: number): boolean {
    const index = this.c.createModeIndex;
    const m = mode < 0 ? -1 : mode & 0o7777;
    // A program without create_mode (plain WASI) never has a mode pending.
    if (index === undefined) return m === this.c.i32[Slot.NextMode];
    const at = this.queuedModeAt();
    if (at >= 0) {
      this.removeQueued((_, e) => e === at);
    } else if (this.queued() >= MAX_DEFERRED) {
      return false;
    }
    if (m !== this.c.i32[Slot.NextMode]) this.push(index, [m]);
    return true;
  }

  // ---- path_open ----

  /**
   * path_open of `Pname` (or `P.`, the root) on a directory lent for opens: made here when it
   * succeeds as the vCPU's would; else forwarded.
   */
  open(forward: Forward): Forward {
    return ((dirfd: number, dirflags: number, path: number, len: number, oflags: number, base: bigint, inheriting: bigint,
      fdflags: number, resultPtr: number): number | bigint | undefined => {
      const again = () => forward(dirfd, dirflags, path, len, oflags, base, inheriting, fdflags, resultPtr);
      const c = this.c, i32 = c.i32;
      const p = path >>> 0, n = len >>> 0, out = resultPtr >>> 0;
      if (n === 0 || fdflags !== 0 || (oflags & ~OFlags.ALL) !== 0 || Atomics.load(i32, Slot.Pending) !== 0 ||
          (c.createModeIndex === undefined && i32[Slot.NextMode] !== -1) || !c.inMemory(Math.max(p + n, out + 4)) || c.bytes()[p] === 0x2f) {
        return again();
      }
      // Room for the adoption and the mode's call; a descriptor to give; a record.
      if (this.queued() > MAX_DEFERRED - 2) return again();
      const fd = lowestFreeFd(i32);
      const rec = openRecordOf(i32, -1);
      if (fd < 0 || rec < 0) return again();
      const d = c.lentDirOf(dirfd, p, n);
      if (d === undefined || (d.lentFor & LentFor.Open) === 0) return again();
      const bytes = c.bytes(), plen = d.prefix.length;
      const root = n === plen + 1 && bytes[p + plen] === 0x2e;
      const name = root ? undefined : c.lentName(d, p, n);
      if (!root && name === undefined) return again();
      // The directory's rights, as the vCPU keeps its fd_fdstat_get answer.
      const at = fdstatAt(i32, dirfd);
      if (at < 0 || Atomics.load(i32, at) === 0) return again();
      const dirBase = i32[at + 1]!, dirInheriting = i32[at + 2]!;
      const create = (oflags & OFlags.CREAT) !== 0, truncate = (oflags & OFlags.TRUNC) !== 0;
      if ((dirBase & Rights.PATH_OPEN) === 0 || (create && (dirBase & Rights.PATH_CREATE_FILE) === 0) ||
          (truncate && (dirBase & Rights.PATH_FILESTAT_SET_SIZE) === 0)) return again();
      const req = rightsFromAbi(base);
      const write = (req & WRITE_RIGHTS) !== 0;
      const read = (req & READ_RIGHTS) !== 0 || !write;
      if ((req & (READ_RIGHTS | WRITE_RIGHTS) & ~dirInheriting) !== 0) return again();
      if ((write || create || truncate) && (root || (d.lentFor & LentFor.OpenToWrite) === 0)) return again();
      const pending = this.pendingMode();
      const mode = ((pending < 0 ? 0o666 : pending) & ~i32[Slot.Umask]!) & 0o7777;
      let num = (write ? (read ? O_RDWR : O_WRONLY) : O_RDONLY) | O_NONBLOCK;
      if (!root) num |= O_NOFOLLOW;
      if (create) num |= O_CREAT;
      if ((oflags & OFlags.EXCL) !== 0) num |= O_EXCL;
      if (truncate) num |= O_TRUNC;
      if ((oflags & OFlags.DIRECTORY) !== 0) num |= O_DIRECTORY;
      if (!c.enterLocalIo()) return again();
      let done = false;
      try {
        done = this.openHere(fd, rec, d, root ? d.hostDir.slice(0, -1) : d.hostDir + name!, num, mode, root, read, write, dirfd, dirInheriting);
      } finally {
        c.leaveLocalIo();
      }
      if (!done) return again();
      // The open took the mode, as the vCPU's would.
      this.deferMode(-1);
      c.view().setUint32(out, fd, true);
      i32[Slot.LocalIo]!++;
      return 0;
    }) as Forward;
  }

  /** The host open, under way as local work; false: nothing changed (the call is forwarded). */
  private openHere(fd: number, rec: number, d: LentDir, hostPath: string, num: number, mode: number, root: boolean,
    read: boolean, write: boolean, dirfd: number, dirInheriting: number): boolean {
    const c = this.c, i32 = c.i32;
    if (!takeHostFile(c.hostFiles)) return false;
    const opened = openHostPath(hostPath, num, mode, false);
    if (typeof opened === 'number') {
      giveHostFile(c.hostFiles);
      return false;
    }
    const directory = opened.type === FileType.Directory;
    // A directory other than the root needs its guest path in the table: the vCPU opens that.
    if (directory && !root) {
      closeSync(opened.fd);
      giveHostFile(c.hostFiles);
      return false;
    }
    // The record is marked in use last: a worker terminated meanwhile leaves no half-written one
    // whose stale host descriptor the vCPU would close.
    i32[rec + 1] = opened.fd;
    i32[rec + 2] = dirfd;
    i32[rec + 3] = (directory ? OpenedAs.Directory : 0) | (read ? OpenedAs.Read : 0) | (write ? OpenedAs.Write : 0);
    i32[rec + 4] = d.entry;
    Atomics.store(i32, rec, fd + 1);
    this.push(Op.Adopt, [rec]);
    setFdFree(i32, fd, false);
    this.c.f64[LENT_INO_SLOT + fd] = opened.ino;
    this.publishLocal(fd, opened.fd, directory, read, write, dirInheriting, d.dev);
    return true;
  }

  /** What this core answers for the new descriptor until the vCPU has adopted it: I/O, sync, fstat, fd_fdstat_get. */
  private publishLocal(fd: number, hostFd: number, directory: boolean, read: boolean, write: boolean, dirInheriting: number, dev: bigint): void {
    const i32 = this.c.i32;
    // fdtable.ts rightsFor, of a host file or directory: what the vCPU's entry will hold.
    const rights = (directory ? DIR_RIGHTS : FILE_RIGHTS & ~(read ? 0 : READ_RIGHTS) & ~(write ? 0 : WRITE_RIGHTS)) & dirInheriting;
    const has = (r: number) => (rights & r) === r;
    // As process.ts lendableFile: a directory's host descriptor is neither readable nor writable there.
    const access = (!directory && read && has(Rights.FD_READ | Rights.FD_SEEK) ? LentAccess.Read : 0) |
      (!directory && write && has(Rights.FD_WRITE | Rights.FD_SEEK) ? LentAccess.Write : 0) |
      (has(Rights.FD_SYNC) ? LentAccess.Sync : 0) | (has(Rights.FD_DATASYNC) ? LentAccess.DataSync : 0) | LentAccess.Stat;
    this.c.i64[LENT_DEV_SLOT + fd] = dev;
    Atomics.store(i32, LENT_SLOT + fd, lentEntry(hostFd, access));
    if (fd < FDSTAT_FDS) {
      const at = fdstatAt(i32, fd);
      i32[at + 1] = rights;
      i32[at + 2] = directory ? dirInheriting : 0;
      i32[at + 3] = 1;
      Atomics.store(i32, at, fdstatWord(directory ? FileType.Directory : FileType.RegularFile, 0));
    }
  }

  /**
   * fd_close of a file opened here that the vCPU has not adopted yet: closed here, its record and
   * queued calls dropped (0); undefined for any other descriptor.
   */
  close(fd: number): number | undefined {
    const c = this.c, i32 = c.i32;
    if (fd >>> 0 >= OPEN_FDS) return undefined;
    const rec = openRecordOf(i32, fd);
    if (rec < 0 || !c.enterLocalIo()) return undefined;
    try {
      const hostFd = i32[rec + 1]!;
      // Queued calls on it from its adoption on (fcntl F_SETFD) go with it.
      let from = Infinity;
      this.removeQueued((k, at) => {
        if (i32[at] === Op.Adopt && i32[at + 1] === rec) {
          from = k;
          return true;
        }
        return k > from && i32[at + 1] === fd && i32[at] !== c.createModeIndex;
      });
      // Out of the record before the close (a worker terminated between them leaks the descriptor
      // rather than have the vCPU close a number the host may have given to another file).
      Atomics.store(i32, rec, 0);
      Atomics.store(i32, LENT_SLOT + fd, 0);
      if (fd < FDSTAT_FDS) Atomics.store(i32, fdstatAt(i32, fd), 0);
      setFdFree(i32, fd, true);
      // At once, as node:wasi closes (SQLite closes its journal before it unlinks it, so this is
      // quick): a close left to the thread pool could still be queued when the worker is terminated.
      try { closeSync(hostFd); } catch { /* gone: nothing held */ }
      giveHostFile(c.hostFiles);
    } finally {
      c.leaveLocalIo();
    }
    i32[Slot.LocalIo]!++;
    return 0;
  }
}
