import { closeSync, constants } from "node:fs";
import { DIR_RIGHTS, FILE_RIGHTS, OFlags, READ_RIGHTS, Rights, WRITE_RIGHTS, rightsFromAbi } from "../libc/abi.js";
import { giveHostFile, takeHostFile } from "../vfs/host_files.js";
import { openHostPath } from "../vfs/host_open.js";
import { FileType } from "../vfs/types.js";
import { LentFor } from "./dir_lending.js";
import {
  DEFER_INTS,
  DEFER_SLOT,
  FDSTAT_FDS,
  LENT_DEV_SLOT,
  LENT_INO_SLOT,
  LENT_SLOT,
  LentAccess,
  MAX_DEFERRED,
  MAX_OPENS,
  OPEN_INTS,
  OPEN_SLOT,
  Op,
  OpenedAs,
  Slot,
  fdstatAt,
  fdstatWord,
  lentEntry
} from "./decouple_channel.js";
const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK } = constants;
const OPEN_FDS = 64;
function openRecordOf(i32, fd) {
  for (let r = 0; r < MAX_OPENS; r++) if (i32[OPEN_SLOT + r * OPEN_INTS] === fd + 1) return OPEN_SLOT + r * OPEN_INTS;
  return -1;
}
function readOpenRecord(i32, at) {
  return { fd: i32[at] - 1, hostFd: i32[at + 1], dirfd: i32[at + 2], as: i32[at + 3], entry: i32[at + 4] };
}
function pendingOpenRecords(i32) {
  const out = [];
  for (let r = 0; r < MAX_OPENS; r++) {
    const at = OPEN_SLOT + r * OPEN_INTS;
    if (i32[at] !== 0) out.push(readOpenRecord(i32, at));
  }
  return out;
}
function setFdFree(i32, fd, free) {
  if (fd >>> 0 >= OPEN_FDS) return;
  const slot = Slot.FreeFds + (fd >> 5), bit = 1 << (fd & 31);
  i32[slot] = free ? i32[slot] | bit : i32[slot] & ~bit;
}
function lowestFreeFd(i32) {
  for (let w = 0; w < 2; w++) {
    const bits = i32[Slot.FreeFds + w];
    if (bits !== 0) return w * 32 + (31 - Math.clz32(bits & -bits));
  }
  return -1;
}
class WorkerOpens {
  constructor(c) {
    this.c = c;
  }
  c;
  // ---- the deferred-call queue ----
  queued() {
    return this.c.i32[DEFER_SLOT];
  }
  push(index, args) {
    const i32 = this.c.i32, n = i32[DEFER_SLOT];
    const at = DEFER_SLOT + 1 + n * DEFER_INTS;
    i32[at] = index;
    for (let k = 0; k < DEFER_INTS - 1; k++) i32[at + 1 + k] = args[k] ?? 0;
    i32[DEFER_SLOT] = n + 1;
  }
  /** Removes the queued calls `drop` picks (by position and entry start), keeping the others' order. */
  removeQueued(drop) {
    const i32 = this.c.i32, n = i32[DEFER_SLOT];
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
  queuedModeAt() {
    const i32 = this.c.i32, n = i32[DEFER_SLOT];
    for (let k = 0; k < n; k++) if (i32[DEFER_SLOT + 1 + k * DEFER_INTS] === this.c.createModeIndex) return DEFER_SLOT + 1 + k * DEFER_INTS;
    return -1;
  }
  /** The mode the next creating open takes (-1: none): the queued one, else the vCPU's. */
  pendingMode() {
    const at = this.queuedModeAt();
    return at >= 0 ? this.c.i32[at + 1] : this.c.i32[Slot.NextMode];
  }
  /**
   * create_mode(mode), deferred: the vCPU will hold `mode` (masked; -1: none) once it has made the
   * queue. False (forward it) when the queue is full.
   */
  deferMode(mode) {
    const index = this.c.createModeIndex;
    const m = mode < 0 ? -1 : mode & 4095;
    if (index === void 0) return m === this.c.i32[Slot.NextMode];
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
  open(forward) {
    return ((dirfd, dirflags, path, len, oflags, base, inheriting, fdflags, resultPtr) => {
      const again = () => forward(dirfd, dirflags, path, len, oflags, base, inheriting, fdflags, resultPtr);
      const c = this.c, i32 = c.i32;
      const p = path >>> 0, n = len >>> 0, out = resultPtr >>> 0;
      if (n === 0 || fdflags !== 0 || (oflags & ~OFlags.ALL) !== 0 || Atomics.load(i32, Slot.Pending) !== 0 || c.createModeIndex === void 0 && i32[Slot.NextMode] !== -1 || !c.inMemory(Math.max(p + n, out + 4)) || c.bytes()[p] === 47) {
        return again();
      }
      if (this.queued() > MAX_DEFERRED - 2) return again();
      const fd = lowestFreeFd(i32);
      const rec = openRecordOf(i32, -1);
      if (fd < 0 || rec < 0) return again();
      const d = c.lentDirOf(dirfd, p, n);
      if (d === void 0 || (d.lentFor & LentFor.Open) === 0) return again();
      const bytes = c.bytes(), plen = d.prefix.length;
      const root = n === plen + 1 && bytes[p + plen] === 46;
      const name = root ? void 0 : c.lentName(d, p, n);
      if (!root && name === void 0) return again();
      const at = fdstatAt(i32, dirfd);
      if (at < 0 || Atomics.load(i32, at) === 0) return again();
      const dirBase = i32[at + 1], dirInheriting = i32[at + 2];
      const create = (oflags & OFlags.CREAT) !== 0, truncate = (oflags & OFlags.TRUNC) !== 0;
      if ((dirBase & Rights.PATH_OPEN) === 0 || create && (dirBase & Rights.PATH_CREATE_FILE) === 0 || truncate && (dirBase & Rights.PATH_FILESTAT_SET_SIZE) === 0) return again();
      const req = rightsFromAbi(base);
      const write = (req & WRITE_RIGHTS) !== 0;
      const read = (req & READ_RIGHTS) !== 0 || !write;
      if ((req & (READ_RIGHTS | WRITE_RIGHTS) & ~dirInheriting) !== 0) return again();
      if ((write || create || truncate) && (root || (d.lentFor & LentFor.OpenToWrite) === 0)) return again();
      const pending = this.pendingMode();
      const mode = (pending < 0 ? 438 : pending) & ~i32[Slot.Umask] & 4095;
      let num = (write ? read ? O_RDWR : O_WRONLY : O_RDONLY) | O_NONBLOCK;
      if (!root) num |= O_NOFOLLOW;
      if (create) num |= O_CREAT;
      if ((oflags & OFlags.EXCL) !== 0) num |= O_EXCL;
      if (truncate) num |= O_TRUNC;
      if ((oflags & OFlags.DIRECTORY) !== 0) num |= O_DIRECTORY;
      if (!c.enterLocalIo()) return again();
      let done = false;
      try {
        done = this.openHere(fd, rec, d, root ? d.hostDir.slice(0, -1) : d.hostDir + name, num, mode, root, read, write, dirfd, dirInheriting);
      } finally {
        c.leaveLocalIo();
      }
      if (!done) return again();
      this.deferMode(-1);
      c.view().setUint32(out, fd, true);
      i32[Slot.LocalIo]++;
      return 0;
    });
  }
  /** The host open, under way as local work; false: nothing changed (the call is forwarded). */
  openHere(fd, rec, d, hostPath, num, mode, root, read, write, dirfd, dirInheriting) {
    const c = this.c, i32 = c.i32;
    if (!takeHostFile(c.hostFiles)) return false;
    const opened = openHostPath(hostPath, num, mode, false);
    if (typeof opened === "number") {
      giveHostFile(c.hostFiles);
      return false;
    }
    const directory = opened.type === FileType.Directory;
    if (directory && !root) {
      closeSync(opened.fd);
      giveHostFile(c.hostFiles);
      return false;
    }
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
  publishLocal(fd, hostFd, directory, read, write, dirInheriting, dev) {
    const i32 = this.c.i32;
    const rights = (directory ? DIR_RIGHTS : FILE_RIGHTS & ~(read ? 0 : READ_RIGHTS) & ~(write ? 0 : WRITE_RIGHTS)) & dirInheriting;
    const has = (r) => (rights & r) === r;
    const access = (!directory && read && has(Rights.FD_READ | Rights.FD_SEEK) ? LentAccess.Read : 0) | (!directory && write && has(Rights.FD_WRITE | Rights.FD_SEEK) ? LentAccess.Write : 0) | (has(Rights.FD_SYNC) ? LentAccess.Sync : 0) | (has(Rights.FD_DATASYNC) ? LentAccess.DataSync : 0) | LentAccess.Stat;
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
  close(fd) {
    const c = this.c, i32 = c.i32;
    if (fd >>> 0 >= OPEN_FDS) return void 0;
    const rec = openRecordOf(i32, fd);
    if (rec < 0 || !c.enterLocalIo()) return void 0;
    try {
      const hostFd = i32[rec + 1];
      let from = Infinity;
      this.removeQueued((k, at) => {
        if (i32[at] === Op.Adopt && i32[at + 1] === rec) {
          from = k;
          return true;
        }
        return k > from && i32[at + 1] === fd && i32[at] !== c.createModeIndex;
      });
      Atomics.store(i32, rec, 0);
      Atomics.store(i32, LENT_SLOT + fd, 0);
      if (fd < FDSTAT_FDS) Atomics.store(i32, fdstatAt(i32, fd), 0);
      setFdFree(i32, fd, true);
      try {
        closeSync(hostFd);
      } catch {
      }
      giveHostFile(c.hostFiles);
    } finally {
      c.leaveLocalIo();
    }
    i32[Slot.LocalIo]++;
    return 0;
  }
}
export {
  OPEN_FDS,
  WorkerOpens,
  openRecordOf,
  pendingOpenRecords,
  readOpenRecord,
  setFdFree
};
