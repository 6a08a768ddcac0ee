import { Rights } from "./abi.js";
import { Errno } from "../errno.js";
import { posixState } from "./posix_state.js";
import { LockType, lockKey, recordLocksOf } from "../vfs/record_locks.js";
import { Whence } from "../vfs/types.js";
var LockCmd = /* @__PURE__ */ ((LockCmd2) => {
  LockCmd2[LockCmd2["GETLK"] = 5] = "GETLK";
  LockCmd2[LockCmd2["SETLK"] = 6] = "SETLK";
  LockCmd2[LockCmd2["SETLKW"] = 7] = "SETLKW";
  return LockCmd2;
})(LockCmd || {});
const FLOCK_SIZE = 32;
function watchCloses(c, locks) {
  const fds = c.fds;
  if (fds.onClose !== void 0) return;
  const owner = c.identity.pid;
  fds.onClose = (file) => {
    if (!locks.holdsAny(owner)) return;
    const key = lockKey(file);
    if (key !== void 0) locks.releaseFile(key, owner);
  };
}
function recordLock(c, e, cmd, ptr) {
  const mem = posixState(c).mem;
  mem.refresh();
  if (!mem.ok(ptr, FLOCK_SIZE)) return -Errno.EFAULT;
  const view = mem.view;
  const type = view.getInt16(ptr, true);
  const whence = view.getInt16(ptr + 2, true);
  const lStart = Number(view.getBigInt64(ptr + 8, true));
  const lLen = Number(view.getBigInt64(ptr + 16, true));
  if (type !== LockType.Read && type !== LockType.Write && type !== LockType.Unlock) return -Errno.EINVAL;
  if (cmd === 5 /* GETLK */ && type === LockType.Unlock) return -Errno.EINVAL;
  let base;
  switch (whence) {
    case Whence.Set:
      base = 0;
      break;
    case Whence.Cur:
      base = e.file.seek(0, Whence.Cur);
      break;
    case Whence.End: {
      const st = e.file.stat();
      base = typeof st === "number" ? st : Number(st.size);
      break;
    }
    default:
      return -Errno.EINVAL;
  }
  if (base < 0) return base;
  let start = base + lStart;
  let end = lLen === 0 ? Infinity : start + lLen;
  if (lLen < 0) {
    end = start;
    start += lLen;
  }
  if (start < 0 || !Number.isSafeInteger(start) || end !== Infinity && !Number.isSafeInteger(end)) return -Errno.EINVAL;
  const key = lockKey(e.file);
  if (key === void 0) return -Errno.EBADF;
  const locks = recordLocksOf(c.vfs);
  const owner = c.identity.pid;
  if (cmd === 5 /* GETLK */) {
    const l = locks.test(key, owner, type, start, end);
    if (l === void 0) {
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
  if (cmd === 6 /* SETLK */) return -Errno.EAGAIN;
  return c.wait({ sources: [{ subscribe: (wake) => locks.subscribe(key, wake) }] });
}
function lockableFile(c, fd) {
  const e = c.fds.getFile(fd, 0);
  if (typeof e === "number") return void 0;
  const key = lockKey(e.file);
  if (key === void 0) return void 0;
  watchCloses(c, recordLocksOf(c.vfs));
  return { file: e.file, key, read: (e.rightsBase & Rights.FD_READ) !== 0, write: (e.rightsBase & Rights.FD_WRITE) !== 0 };
}
export {
  LockCmd,
  lockableFile,
  recordLock
};
