// fcntl's record locks: F_GETLK, F_SETLK, F_SETLKW on a struct flock, and flock's whole-file locks,
// for the descriptor family (l4posix_fd.ts). The locks themselves are the machine's
// (src/vfs/record_locks.ts): a record lock is owned by the calling process, a flock lock by the
// open file description (dup'ed and inherited descriptors share it), in a table of their own, as
// Linux keeps the two apart. F_SETLKW and a blocking flock suspend the process until the locks on
// the file change.
import { Rights } from './abi.js';
import { Errno } from '../errno.js';
import type { Description, FdEntry } from './fdtable.js';
import type { L4posixContext } from './l4posix.js';
import { posixState } from './posix_state.js';
import { LockType, lockKey, recordLocksOf, type RecordLocks } from '../vfs/record_locks.js';
import { Whence } from '../vfs/types.js';

/** fcntl commands of record locks (Linux's numbers; off_t is 64-bit in wasi-libc). */
export const enum LockCmd { GETLK = 5, SETLK = 6, SETLKW = 7 }

/**
 * struct flock as wasi-libc lays it out on wasm32:
 *   0 short l_type | 2 short l_whence | 8 off_t l_start | 16 off_t l_len | 24 pid_t l_pid  (32 bytes)
 */
const FLOCK_SIZE = 32;

/** Closing any descriptor of a file drops the process's locks on it (POSIX); set up once per table. */
function watchCloses(c: L4posixContext, locks: RecordLocks): void {
  const fds = c.fds;
  if (fds.onClose !== undefined) return;
  const owner = c.identity.pid;
  fds.onClose = (file) => {
    if (!locks.holdsAny(owner)) return;
    const key = lockKey(file);
    if (key !== undefined) locks.releaseFile(key, owner);
  };
}

/**
 * F_GETLK / F_SETLK / F_SETLKW on `e` with the struct flock at `ptr`: 0 or -errno (EFAULT,
 * EINVAL for a bad type, whence or range, EBADF for a read lock on a descriptor not open for
 * reading or a write lock on one not open for writing, EAGAIN when F_SETLK meets another
 * process's lock). F_GETLK writes back the first conflicting lock (with its owner's pid) or F_UNLCK.
 */
export function recordLock(c: L4posixContext, e: FdEntry, cmd: LockCmd, ptr: number): number {
  const mem = posixState(c).mem;
  mem.refresh();
  if (!mem.ok(ptr, FLOCK_SIZE)) return -Errno.EFAULT;
  const view = mem.view;
  const type = view.getInt16(ptr, true);
  const whence = view.getInt16(ptr + 2, true);
  const lStart = Number(view.getBigInt64(ptr + 8, true));
  const lLen = Number(view.getBigInt64(ptr + 16, true));
  if (type !== LockType.Read && type !== LockType.Write && type !== LockType.Unlock) return -Errno.EINVAL;
  if (cmd === LockCmd.GETLK && type === LockType.Unlock) return -Errno.EINVAL;

  // The range: l_start from the beginning, the offset or the end; l_len 0 is "to the end,
  // however far it grows", a negative l_len reaches back from l_start.
  let base: number;
  switch (whence) {
    case Whence.Set: base = 0; break;
    case Whence.Cur: base = e.file.seek(0, Whence.Cur); break;
    case Whence.End: {
      const st = e.file.stat();
      base = typeof st === 'number' ? st : Number(st.size);
      break;
    }
    default: return -Errno.EINVAL;
  }
  if (base < 0) return base;
  let start = base + lStart;
  let end = lLen === 0 ? Infinity : start + lLen;
  if (lLen < 0) { end = start; start += lLen; }
  if (start < 0 || !Number.isSafeInteger(start) || (end !== Infinity && !Number.isSafeInteger(end))) return -Errno.EINVAL;

  const key = lockKey(e.file);
  if (key === undefined) return -Errno.EBADF;
  const locks = recordLocksOf(c.vfs);
  const owner = c.identity.pid;

  if (cmd === LockCmd.GETLK) {
    const l = locks.test(key, owner, type, start, end);
    if (l === undefined) {
      view.setInt16(ptr, LockType.Unlock, true);
      return 0;
    }
    view.setInt16(ptr, l.type, true);
    view.setInt16(ptr + 2, Whence.Set, true);
    view.setBigInt64(ptr + 8, BigInt(l.start), true);
    view.setBigInt64(ptr + 16, l.end === Infinity ? 0n : BigInt(l.end - l.start), true);
    view.setInt32(ptr + 24, l.owner, true);
    return 0;
  }

  if (type === LockType.Read && (e.rightsBase & Rights.FD_READ) === 0) return -Errno.EBADF;
  if (type === LockType.Write && (e.rightsBase & Rights.FD_WRITE) === 0) return -Errno.EBADF;
  if (locks.set(key, owner, type, start, end)) {
    if (type !== LockType.Unlock) watchCloses(c, locks);
    return 0;
  }
  if (cmd === LockCmd.SETLK) return -Errno.EAGAIN;
  // F_SETLKW: wait for the locks on this file to change, then the call runs again from the start.
  return c.wait({ sources: [{ subscribe: (wake: () => void) => locks.subscribe(key, wake) }] });
}

/**
 * What a decoupled program's worker needs to take `fd`'s record locks on its own core: the file
 * (the descriptor still names it while this is the same object), its lock key, the lock types its
 * rights allow. Closes drop the process's locks from now on, whoever took them.
 */
export function lockableFile(c: L4posixContext, fd: number): { file: FdEntry['file']; key: string; read: boolean; write: boolean } | undefined {
  const e = c.fds.getFile(fd, 0);
  if (typeof e === 'number') return undefined;
  const key = lockKey(e.file);
  if (key === undefined) return undefined;
  watchCloses(c, recordLocksOf(c.vfs));
  return { file: e.file, key, read: (e.rightsBase & Rights.FD_READ) !== 0, write: (e.rightsBase & Rights.FD_WRITE) !== 0 };
}

/** flock's operations (<sys/file.h>). */
const enum FlockOp { SH = 1, EX = 2, NB = 4, UN = 8 }

/** The owner a description's flock locks are held by: negative, apart from every process id. */
const flockOwners = new WeakMap<Description, number>();
let lastFlockOwner = 0;

/**
 * flock: LOCK_SH, LOCK_EX (with LOCK_NB: -EWOULDBLOCK instead of waiting) or LOCK_UN on the whole
 * file, for the open file description: any access mode will do, a conversion replaces the lock,
 * and the lock goes with the description's last descriptor (or LOCK_UN). -EINVAL for another op.
 */
export function fileLock(c: L4posixContext, e: FdEntry, op: number): number {
  let type: LockType;
  switch (op & ~FlockOp.NB) {
    case FlockOp.SH: type = LockType.Read; break;
    case FlockOp.EX: type = LockType.Write; break;
    case FlockOp.UN: type = LockType.Unlock; break;
    default: return -Errno.EINVAL;
  }
  const fileKey = lockKey(e.file);
  if (fileKey === undefined) return -Errno.EBADF;
  const key = `flock:${fileKey}`;
  const locks = recordLocksOf(c.vfs);
  const desc = e.desc;
  let owner = flockOwners.get(desc);
  if (owner === undefined) {
    if (type === LockType.Unlock) return 0;
    owner = --lastFlockOwner;
    flockOwners.set(desc, owner);
    const previous = desc.onLastRelease;
    desc.onLastRelease = () => { previous?.(); locks.releaseFile(key, owner!); };
  }
  if (locks.set(key, owner, type, 0, Infinity)) return 0;
  if ((op & FlockOp.NB) !== 0) return -Errno.EAGAIN;
  return c.wait({ sources: [{ subscribe: (wake: () => void) => locks.subscribe(key, wake) }] });
}
