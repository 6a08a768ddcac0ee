// l4posix, file-mode family (sysroot/src/mode.c, open.c, access.c, cwd_path.c): what WASI has no
// call for — umask, the mode a create asks for, chmod, the permission bits stat reports, access
// checks and the canonical path chdir records. A path comes as (dirfd, relative path) the way
// wasi-libc splits it (a preopen and the rest), or as an absolute guest path.
import { Errno } from '../errno.js';
import { Filestat, GuestMemory } from './abi.js';
import type { L4posixContext } from './l4posix.js';
import { posixState } from './posix_state.js';
import { fileCreation } from './context.js';
import { FileType, type FsUsage } from '../vfs/types.js';

/** wasi-libc's AT_SYMLINK_NOFOLLOW (its AT_EACCESS is 0: access checks the real ids, which equal the effective ones). */
const AT_SYMLINK_NOFOLLOW = 0x1;

/** The absolute guest path a (dirfd, path) argument names, or -errno. */
export function pathAt(c: L4posixContext, dirfd: number, ptr: number, len: number): string | number {
  const mem = posixState(c).mem;
  mem.refresh();
  const p = mem.path(ptr >>> 0, len >>> 0);
  if (typeof p === 'number') return p;
  if (p === '') return -Errno.ENOENT;
  if (p.charCodeAt(0) === 0x2f /* '/' */) return p;
  const dir = c.fds.getDir(dirfd, 0);
  if (typeof dir === 'number') return dir;
  const base = dir.desc.path!;
  return base === '/' ? '/' + p : base + '/' + p;
}

/** The stat buffer as l4posix writes it (also on a decoupled program's core, guest/decoupled_worker.ts). */
const writeStat = Filestat.writePosix;

/** The words of statfs's answer (sysroot/src/statfs.c reads them in this order). */
const STATFS_WORDS = 9;
const ST_RDONLY = 1;

function writeStatfs(view: DataView, at: number, u: FsUsage, readOnly: boolean): void {
  const words = [u.type, u.bsize, u.blocks, u.bfree, u.bavail, u.files, u.ffree, u.namemax, readOnly ? ST_RDONLY : 0];
  words.forEach((w, i) => view.setBigUint64(at + i * 8, BigInt(Math.max(0, Math.floor(w))), true));
}

/** Linux's f_type for what no mount holds: pipefs, sockfs, anon_inodefs. */
function pseudoFsMagic(type: FileType): number {
  return type === FileType.Fifo ? 0x50495045 : type === FileType.SocketStream || type === FileType.SocketDgram ? 0x534f434b : 0x09041934;
}

export const fileModeCalls = {
  /** umask(mask): sets the process's file-creation mask (mask & 0777) and returns the old one. */
  umask(c: L4posixContext, mask: number): number {
    const f = fileCreation(c);
    const old = f.umask;
    f.umask = mask & 0o777;
    return old;
  },

  /**
   * The permission bits the next file or directory this process creates asks for (open's and
   * mkdir's mode argument, which WASI's path_open and path_create_directory cannot carry); the
   * umask is applied when it is used. -1 withdraws it. Always 0.
   */
  create_mode(c: L4posixContext, mode: number): number {
    fileCreation(c).nextMode = mode < 0 ? undefined : mode & 0o7777;
    return 0;
  },

  /** fchmod(fd, mode): -EBADF, -EROFS on read-only file systems. */
  fchmod(c: L4posixContext, fd: number, mode: number): number {
    const e = c.fds.get(fd);
    if (e === undefined) return -Errno.EBADF;
    return e.file.chmod(mode & 0o7777);
  },

  /**
   * fchmodat(dirfd, path, mode, flags): chmod follows a final symlink; with AT_SYMLINK_NOFOLLOW a
   * symlink is -EOPNOTSUPP (Linux cannot change a link's mode). Other flags -EINVAL.
   */
  fchmodat(c: L4posixContext, dirfd: number, ptr: number, len: number, mode: number, flags: number): number {
    if ((flags & ~AT_SYMLINK_NOFOLLOW) !== 0) return -Errno.EINVAL;
    const p = pathAt(c, dirfd, ptr, len);
    if (typeof p === 'number') return p;
    return c.vfs.chmod(p, mode & 0o7777, (flags & AT_SYMLINK_NOFOLLOW) === 0);
  },

  /**
   * fstat(fd, buf): the node's filestat (WASI's layout) into buf and its permission bits as the
   * result (st_mode & 07777); any open descriptor, whatever its rights. -EBADF, -EFAULT.
   */
  fstat(c: L4posixContext, fd: number, buf: number): number {
    buf >>>= 0;
    const e = c.fds.get(fd);
    if (e === undefined) return -Errno.EBADF;
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(buf, Filestat.SIZE)) return -Errno.EFAULT;
    const st = e.file.stat();
    if (typeof st === 'number') return st;
    writeStat(mem.view, buf, st);
    return st.mode & 0o7777;
  },

  /**
   * fstatat(dirfd, path, flags, buf): stat (lstat with AT_SYMLINK_NOFOLLOW) into buf, the
   * permission bits as the result. -EINVAL for other flags.
   */
  statat(c: L4posixContext, dirfd: number, ptr: number, len: number, flags: number, buf: number): number {
    buf >>>= 0;
    if ((flags & ~AT_SYMLINK_NOFOLLOW) !== 0) return -Errno.EINVAL;
    const p = pathAt(c, dirfd, ptr, len);
    if (typeof p === 'number') return p;
    const mem = posixState(c).mem;
    if (!mem.ok(buf, Filestat.SIZE)) return -Errno.EFAULT;
    const st = c.vfs.stat(p, (flags & AT_SYMLINK_NOFOLLOW) === 0);
    if (typeof st === 'number') return st;
    writeStat(mem.view, buf, st);
    return st.mode & 0o7777;
  },

  /**
   * faccessat(dirfd, path, amode, flags): F_OK, or R_OK|W_OK|X_OK checked against the mode bits
   * for the process's uid and gid (see Vfs.access). -EINVAL for other bits or flags.
   */
  faccessat(c: L4posixContext, dirfd: number, ptr: number, len: number, amode: number, flags: number): number {
    if ((amode & ~7) !== 0 || (flags & ~AT_SYMLINK_NOFOLLOW) !== 0) return -Errno.EINVAL;
    const p = pathAt(c, dirfd, ptr, len);
    if (typeof p === 'number') return p;
    return c.vfs.access(p, amode, (flags & AT_SYMLINK_NOFOLLOW) === 0, { uid: c.identity.uid, gid: c.identity.gid });
  },

  /** mkfifoat(dirfd, path, mode): a named pipe, its mode less the umask; -EEXIST, -EPERM where the file system has none. */
  mkfifoat(c: L4posixContext, dirfd: number, ptr: number, len: number, mode: number): number {
    const p = pathAt(c, dirfd, ptr, len);
    if (typeof p === 'number') return p;
    return c.vfs.mkfifo(p, mode & ~fileCreation(c).umask & 0o7777);
  },

  /**
   * statfs(dirfd, path, buf): the usage of the file system `path` is on, as STATFS_WORDS u64s
   * (type, bsize, blocks, bfree, bavail, files, ffree, namemax, flags: ST_RDONLY). -EFAULT.
   */
  statfs(c: L4posixContext, dirfd: number, ptr: number, len: number, buf: number): number {
    buf >>>= 0;
    const p = pathAt(c, dirfd, ptr, len);
    if (typeof p === 'number') return p;
    const mem = posixState(c).mem;
    if (!mem.ok(buf, STATFS_WORDS * 8)) return -Errno.EFAULT;
    const r = c.vfs.statfs?.(p) ?? -Errno.ENOSYS;
    if (typeof r === 'number') return r;
    writeStatfs(mem.view, buf, r.usage, r.readOnly);
    return 0;
  },

  /**
   * fstatfs(fd, buf): as statfs, for the file system of an open file; a pipe, socket or other
   * object of no mount answers as Linux's pseudo file systems (pipefs, sockfs, anon_inodefs).
   */
  fstatfs(c: L4posixContext, fd: number, buf: number): number {
    buf >>>= 0;
    const e = c.fds.get(fd);
    if (e === undefined) return -Errno.EBADF;
    const mem = posixState(c).mem;
    mem.refresh();
    if (!mem.ok(buf, STATFS_WORDS * 8)) return -Errno.EFAULT;
    const st = e.file.stat();
    if (typeof st === 'number') return st;
    const r = c.vfs.statfsOfDevice?.(st.dev) ?? {
      usage: { type: pseudoFsMagic(st.type), bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, namemax: 255 },
      readOnly: false,
    };
    if (typeof r === 'number') return r;
    writeStatfs(mem.view, buf, r.usage, r.readOnly);
    return 0;
  },

  /**
   * chdir(path): the program's working directory is now `path` (canonical, absolute), which its
   * libc keeps itself: told only so that the process can show it (/proc/PID/cwd). -EINVAL for a
   * relative path, -EFAULT.
   */
  chdir(c: L4posixContext, ptr: number, len: number): number {
    const mem = posixState(c).mem;
    mem.refresh();
    const p = mem.path(ptr >>> 0, len >>> 0);
    if (typeof p === 'number') return p;
    if (p.charCodeAt(0) !== 0x2f /* '/' */) return -Errno.EINVAL;
    c.workingDirectory?.(p);
    return 0;
  },

  /**
   * realpath(dirfd, path, buf, size): the canonical guest path (symlinks, '.' and '..' resolved)
   * with a NUL into buf; its length, -ERANGE when it does not fit, -EFAULT.
   */
  realpath(c: L4posixContext, dirfd: number, ptr: number, len: number, buf: number, size: number): number {
    buf >>>= 0; size >>>= 0;
    const p = pathAt(c, dirfd, ptr, len);
    if (typeof p === 'number') return p;
    const real = c.vfs.realpath(p);
    if (typeof real === 'number') return real;
    const mem = posixState(c).mem;
    const bytes = GuestMemory.encode(real);
    if (bytes.length + 1 > size) return -Errno.ERANGE;
    if (!mem.ok(buf, bytes.length + 1)) return -Errno.EFAULT;
    mem.u8.set(bytes, buf);
    mem.u8[buf + bytes.length] = 0;
    return bytes.length;
  },
};
