import { Errno } from "../errno.js";
import { Filestat, GuestMemory } from "./abi.js";
import { posixState } from "./posix_state.js";
import { fileCreation } from "./context.js";
const AT_SYMLINK_NOFOLLOW = 1;
function pathAt(c, dirfd, ptr, len) {
  const mem = posixState(c).mem;
  mem.refresh();
  const p = mem.path(ptr >>> 0, len >>> 0);
  if (typeof p === "number") return p;
  if (p === "") return -Errno.ENOENT;
  if (p.charCodeAt(0) === 47) return p;
  const dir = c.fds.getDir(dirfd, 0);
  if (typeof dir === "number") return dir;
  const base = dir.desc.path;
  return base === "/" ? "/" + p : base + "/" + p;
}
const writeStat = Filestat.writePosix;
const fileModeCalls = {
  /** umask(mask): sets the process's file-creation mask (mask & 0777) and returns the old one. */
  umask(c, mask) {
    const f = fileCreation(c);
    const old = f.umask;
    f.umask = mask & 511;
    return old;
  },
  /**
   * The permission bits the next file or directory this process creates asks for (open's and
   * mkdir's mode argument, which WASI's path_open and path_create_directory cannot carry); the
   * umask is applied when it is used. -1 withdraws it. Always 0.
   */
  create_mode(c, mode) {
    fileCreation(c).nextMode = mode < 0 ? void 0 : mode & 4095;
    return 0;
  },
  /** fchmod(fd, mode): -EBADF, -EROFS on read-only file systems. */
  fchmod(c, fd, mode) {
    const e = c.fds.get(fd);
    if (e === void 0) return -Errno.EBADF;
    return e.file.chmod(mode & 4095);
  },
  /**
   * fchmodat(dirfd, path, mode, flags): chmod follows a final symlink; with AT_SYMLINK_NOFOLLOW a
   * symlink is -EOPNOTSUPP (Linux cannot change a link's mode). Other flags -EINVAL.
   */
  fchmodat(c, dirfd, ptr, len, mode, flags) {
    if ((flags & ~AT_SYMLINK_NOFOLLOW) !== 0) return -Errno.EINVAL;
    const p = pathAt(c, dirfd, ptr, len);
    if (typeof p === "number") return p;
    return c.vfs.chmod(p, mode & 4095, (flags & AT_SYMLINK_NOFOLLOW) === 0);
  },
  /**
   * fstat(fd, buf): the node's filestat (WASI's layout) into buf and its permission bits as the
   * result (st_mode & 07777); any open descriptor, whatever its rights. -EBADF, -EFAULT.
   */
  fstat(c, fd, buf) {
    buf >>>= 0;
    const e = c.fds.get(fd);
    if (e === void 0) return -Errno.EBADF;
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(buf, Filestat.SIZE)) return -Errno.EFAULT;
    const st = e.file.stat();
    if (typeof st === "number") return st;
    writeStat(mem.view, buf, st);
    return st.mode & 4095;
  },
  /**
   * fstatat(dirfd, path, flags, buf): stat (lstat with AT_SYMLINK_NOFOLLOW) into buf, the
   * permission bits as the result. -EINVAL for other flags.
   */
  statat(c, dirfd, ptr, len, flags, buf) {
    buf >>>= 0;
    if ((flags & ~AT_SYMLINK_NOFOLLOW) !== 0) return -Errno.EINVAL;
    const p = pathAt(c, dirfd, ptr, len);
    if (typeof p === "number") return p;
    const mem = posixState(c).mem;
    if (!mem.ok(buf, Filestat.SIZE)) return -Errno.EFAULT;
    const st = c.vfs.stat(p, (flags & AT_SYMLINK_NOFOLLOW) === 0);
    if (typeof st === "number") return st;
    writeStat(mem.view, buf, st);
    return st.mode & 4095;
  },
  /**
   * faccessat(dirfd, path, amode, flags): F_OK, or R_OK|W_OK|X_OK checked against the mode bits
   * for the process's uid and gid (see Vfs.access). -EINVAL for other bits or flags.
   */
  faccessat(c, dirfd, ptr, len, amode, flags) {
    if ((amode & ~7) !== 0 || (flags & ~AT_SYMLINK_NOFOLLOW) !== 0) return -Errno.EINVAL;
    const p = pathAt(c, dirfd, ptr, len);
    if (typeof p === "number") return p;
    return c.vfs.access(p, amode, (flags & AT_SYMLINK_NOFOLLOW) === 0, { uid: c.identity.uid, gid: c.identity.gid });
  },
  /** mkfifoat(dirfd, path, mode): a named pipe, its mode less the umask; -EEXIST, -EPERM where the file system has none. */
  mkfifoat(c, dirfd, ptr, len, mode) {
    const p = pathAt(c, dirfd, ptr, len);
    if (typeof p === "number") return p;
    return c.vfs.mkfifo(p, mode & ~fileCreation(c).umask & 4095);
  },
  /**
   * realpath(dirfd, path, buf, size): the canonical guest path (symlinks, '.' and '..' resolved)
   * with a NUL into buf; its length, -ERANGE when it does not fit, -EFAULT.
   */
  realpath(c, dirfd, ptr, len, buf, size) {
    buf >>>= 0;
    size >>>= 0;
    const p = pathAt(c, dirfd, ptr, len);
    if (typeof p === "number") return p;
    const real = c.vfs.realpath(p);
    if (typeof real === "number") return real;
    const mem = posixState(c).mem;
    const bytes = GuestMemory.encode(real);
    if (bytes.length + 1 > size) return -Errno.ERANGE;
    if (!mem.ok(buf, bytes.length + 1)) return -Errno.EFAULT;
    mem.u8.set(bytes, buf);
    mem.u8[buf + bytes.length] = 0;
    return bytes.length;
  }
};
export {
  fileModeCalls,
  pathAt
};
