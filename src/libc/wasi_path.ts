// wasi_snapshot_preview1, path family: path_* calls. A path is taken relative to a directory
// descriptor (joined to its guest path) or, when absolute, from the guest root; the mount tree
// resolves it. A plain wasip1 program (personality 'wasi') gets WASI's rule instead: its paths
// stay beneath the descriptor's directory — absolute paths, '..' above it and absolute symlink
// targets are EPERM (as the wasi-testsuite expects: an attempt to escape, not a missing right),
// and path_symlink refuses absolute targets (EPERM).
import { Errno } from '../errno.js';
import {
  FdFlags, Filestat, LookupFlags, OFlags, READ_RIGHTS, Rights, WRITE_RIGHTS, GuestMemory, rightsFromAbi,
} from './abi.js';
import { rightsFor, type FdEntry } from './fdtable.js';
import { timesFromAbi } from './wasi_fd.js';
import { createMode, SUSPEND } from './context.js';
import type { WasiState } from './wasi_state.js';
import { devStdioIndex } from '../vfs/devfs.js';
import { SYMLOOP_MAX } from '../vfs/path.js';
import { FileType, type OpenFile } from '../vfs/types.js';
import { PipeReadEnd, PipeWriteEnd } from '../vfs/pipe.js';

/** True when the process follows WASI's sandbox rule for paths (a plain wasip1 program). */
function sandboxed(s: WasiState): boolean {
  return s.ctx.personality === 'wasi';
}

/**
 * Runs a VFS call whose path arguments are relative to the directories `dirs` (in the order of
 * the call's path arguments): confined beneath them for a sandboxed program. The mount tree
 * answers a step out of the confinement with ENOTCAPABLE; WASI calls it EPERM.
 */
function within<T>(s: WasiState, dirs: readonly FdEntry[], fn: () => T): T {
  const vfs = s.ctx.vfs;
  if (!sandboxed(s) || vfs.confined === undefined) return fn();
  const r = vfs.confined(dirs.map((d) => d.desc.path), fn);
  return (r === -Errno.ENOTCAPABLE ? -Errno.EPERM : r) as T;
}

/**
 * path_symlink/path_link onto "name/" where name is a file: ENOTDIR for a plain wasip1 program
 * (the wasi-testsuite's path_symlink_trailing_slashes accepts ENOTDIR or ENOENT only); Linux, and
 * so a POSIX program, says EEXIST.
 */
function fileWithSlash(s: WasiState, dir: FdEntry, path: string, r: number): number {
  if (r !== -Errno.EEXIST || !sandboxed(s) || !path.endsWith('/')) return r;
  const st = within(s, [dir], () => s.ctx.vfs.stat(path.replace(/\/+$/, ''), false));
  return typeof st !== 'number' && st.type !== FileType.Directory && st.type !== FileType.SymbolicLink ? -Errno.ENOTDIR : r;
}

/** The absolute guest path a path argument names, or -errno. */
function resolve(s: WasiState, dir: FdEntry, ptr: number, len: number): string | number {
  const p = s.mem.path(ptr >>> 0, len >>> 0);
  if (typeof p === 'number') return p;
  if (p === '') return -Errno.ENOENT;
  if (p.charCodeAt(0) === 0x2f /* '/' */) return sandboxed(s) ? -Errno.EPERM : p;
  const base = dir.desc.path!;
  return base === '/' ? '/' + p : base + '/' + p;
}

/** The directory descriptor `fd` with `rights`, and the absolute path it and a path argument name. */
function dirPath(s: WasiState, fd: number, rights: number, ptr: number, len: number): { dir: FdEntry; path: string } | number {
  const dir = s.fds.getDir(fd, rights);
  if (typeof dir === 'number') return dir;
  const path = resolve(s, dir, ptr, len);
  return typeof path === 'number' ? path : { dir, path };
}

/** realpath of `p` whose last component is not followed if it is a symlink. */
function realpathNoFollow(s: WasiState, p: string): string | number {
  const i = p.lastIndexOf('/');
  const last = p.slice(i + 1);
  if (last === '' || last === '.' || last === '..') return s.ctx.vfs.realpath(p);
  const parent = s.ctx.vfs.realpath(i === 0 ? '/' : p.slice(0, i));
  if (typeof parent === 'number') return parent;
  return (parent === '/' ? '' : parent) + '/' + last;
}

/** `p` without empty and '.' components (kept as is when it has '..': only resolution knows those). */
function lexical(p: string): string {
  const parts = p.split('/').filter((c) => c !== '' && c !== '.');
  return parts.includes('..') ? p : '/' + parts.join('/');
}

/**
 * The descriptor an absolute path names when it is /dev/stdin, /dev/stdout, /dev/stderr or
 * /dev/fd/N, directly or through symlinks (followed for the last component only if `follow`).
 * /dev/fd/N has no node in devfs, so a path whose directory does not resolve is taken lexically.
 */
function stdioIndex(s: WasiState, p: string, follow: boolean): number | undefined {
  let cur = p;
  for (let hops = 0; hops <= SYMLOOP_MAX; hops++) {
    const real = realpathNoFollow(s, cur);
    const n = devStdioIndex(typeof real === 'string' ? real : lexical(cur));
    if (n !== undefined || !follow || typeof real === 'number') return n;
    const target = s.ctx.vfs.readlink(real);
    if (typeof target === 'number') return undefined;
    cur = target.charCodeAt(0) === 0x2f ? target : real.slice(0, real.lastIndexOf('/') + 1) + target;
  }
  return undefined;
}

/** The descriptor N of a path that is /proc/PID/fd/N of the calling process (PID: what /proc/self names). */
function procFdIndex(s: WasiState, p: string): number | undefined {
  const real = realpathNoFollow(s, p);
  if (typeof real === 'number') return undefined;
  const m = /^\/proc\/([1-9][0-9]*)\/fd\/(0|[1-9][0-9]{0,8})$/.exec(real);
  if (m === null || s.ctx.vfs.readlink('/proc/self') !== m[1]) return undefined;
  return Number(m[2]);
}

/**
 * path_open of /dev/stdin, /dev/stdout, /dev/stderr or /dev/fd/N: a new descriptor sharing the
 * open file of descriptor N (like Linux's /proc/self/fd), at most with N's rights.
 */
function openStdio(s: WasiState, n: number, oflags: number, read: boolean, write: boolean, req: number,
  resultPtr: number): number {
  const src = s.fds.get(n);
  if (src === undefined) return -Errno.ENOENT;
  if ((oflags & (OFlags.CREAT | OFlags.EXCL)) === (OFlags.CREAT | OFlags.EXCL)) return -Errno.EEXIST;
  if ((oflags & OFlags.DIRECTORY) !== 0 && src.desc.path === undefined) return -Errno.ENOTDIR;
  if ((write && (src.rightsBase & Rights.FD_WRITE) === 0) || (read && (src.rightsBase & Rights.FD_READ) === 0)) {
    return -Errno.EACCES;
  }
  const fd = s.fds.share(src, src.rightsBase & req, 0);
  if (fd < 0) return fd;
  s.mem.view.setUint32(resultPtr, fd, true);
  return 0;
}

/** path_open once the path is known: the file opened and placed in the table (see path_open). */
function openAt(s: WasiState, dir: FdEntry, p: string, oflags: number, fdflags: number, req: number, read: boolean,
  write: boolean, follow: boolean, mode: number, resultPtr: number): number {
  const vfs = s.ctx.vfs;
  // The standard streams and /dev/fd/N name descriptors of this process, not nodes, wherever /dev
  // is: a path that names no 'dev' can reach them only through a symlink, which the open shows.
  const named = p.includes('dev');
  if (named) {
    const n = stdioIndex(s, p, follow);
    if (n !== undefined) return openStdio(s, n, oflags, (req & Rights.FD_READ) !== 0, write, req, resultPtr);
  }
  const file = vfs.open(p, {
    read, write,
    create: (oflags & OFlags.CREAT) !== 0,
    exclusive: (oflags & OFlags.EXCL) !== 0,
    truncate: (oflags & OFlags.TRUNC) !== 0,
    directory: (oflags & OFlags.DIRECTORY) !== 0,
    nonblock: (fdflags & FdFlags.NONBLOCK) !== 0,
    mode,
  }, follow);
  if (!named && vfs.followedLink()) {
    const n = stdioIndex(s, p, follow);
    if (n !== undefined) {
      if (typeof file !== 'number') file.close();
      return openStdio(s, n, oflags, (req & Rights.FD_READ) !== 0, write, req, resultPtr);
    }
  }
  // /proc/self/fd/N of a pipe, socket or other object with no path (its link names none): the
  // descriptor's open file, as /dev/fd/N gives it (a file with a path is opened anew through its link).
  if (file === -Errno.ENOENT && follow && p.includes('proc')) {
    const n = procFdIndex(s, p);
    if (n !== undefined) return openStdio(s, n, oflags, (req & Rights.FD_READ) !== 0, write, req, resultPtr);
  }
  if (typeof file === 'number') return file;
  const isDir = file.type === FileType.Directory;
  const refuse = (oflags & OFlags.DIRECTORY) !== 0 && !isDir ? -Errno.ENOTDIR : isDir && write ? -Errno.EISDIR : 0;
  if (refuse !== 0) {
    file.close();
    return refuse;
  }
  const dirPathReal = isDir ? vfs.openedPath() : undefined;
  const fifo = fifoPeer(file);
  // Rights: everything the directory passes on that applies to the file's type and access mode.
  // The rights asked for choose the access mode (read, write) only: the wasi-testsuite opens a
  // file asking for FD_READ|FD_WRITE and then stats, truncates and seeks it, and opens
  // subdirectories asking for a few rights and then links, renames and reads links in them
  // (wasmtime and wasi-common answer all of it). Rights dropped with fd_fdstat_set_rights stay
  // dropped, for the descriptor and everything opened through it.
  const nfd = s.fds.insert(file, {
    rightsBase: rightsFor(file, read, write) & dir.rightsInheriting,
    rightsInheriting: isDir ? dir.rightsInheriting : 0,
    flags: fdflags,
    path: dirPathReal,
    name: dirPathReal ?? vfs.openedPath(),
  });
  if (nfd < 0) {
    file.close();
    return nfd;
  }
  // A FIFO opened only to read (write) waits for a writer (reader), unless O_NONBLOCK.
  if (fifo !== undefined && !fifo.present() && (fdflags & FdFlags.NONBLOCK) === 0) {
    return awaitFifoPeer(s, nfd, fifo.opens(), resultPtr);
  }
  s.mem.view.setUint32(resultPtr, nfd, true);
  return 0;
}

/** The other end of a FIFO opened for one direction: is it there, and how often was it opened. */
function fifoPeer(file: OpenFile): { present(): boolean; opens(): number } | undefined {
  if (file instanceof PipeReadEnd) return { present: () => file.pipe.hasWriters, opens: () => file.pipe.writerOpens };
  if (file instanceof PipeWriteEnd) return { present: () => file.pipe.hasReaders, opens: () => file.pipe.readerOpens };
  return undefined;
}

/**
 * A FIFO's open waiting for its peer (restart.ts 'fifo-open'): done once the other end was opened
 * since (even if it has closed again: it may have written and gone), else it waits; a signal
 * ends the wait with EINTR and the descriptor is closed.
 */
function awaitFifoPeer(s: WasiState, fd: number, peerOpens: number, resultPtr: number): number {
  const e = s.fds.get(fd);
  const peer = e === undefined ? undefined : fifoPeer(e.desc.file);
  if (peer === undefined) return -Errno.EBADF;
  if (peer.present() || peer.opens() !== peerOpens) {
    s.ctx.restart = undefined;
    s.mem.view.setUint32(resultPtr, fd, true);
    return 0;
  }
  s.ctx.restart = { kind: 'fifo-open', fd, peerOpens };
  const r = s.ctx.wait({ files: [{ file: e!.desc.file, events: e!.desc.file instanceof PipeReadEnd ? 'read' : 'write' }] });
  if (r !== SUSPEND) {
    s.ctx.restart = undefined;
    s.fds.close(fd);
  }
  return r;
}

export const pathCalls = {
  path_create_directory(s: WasiState, fd: number, path: number, len: number): number {
    s.mem.refresh();
    // Linux's mkdir keeps the sticky bit of the mode, not set-user/group-ID.
    const mode = createMode(s.ctx, 0o777) & 0o1777;
    const p = dirPath(s, fd, Rights.PATH_CREATE_DIRECTORY, path, len);
    if (typeof p === 'number') return p;
    return within(s, [p.dir], () => s.ctx.vfs.mkdir(p.path, mode));
  },

  path_filestat_get(s: WasiState, fd: number, flags: number, path: number, len: number, buf: number): number {
    buf >>>= 0;
    s.mem.refresh();
    const p = dirPath(s, fd, Rights.PATH_FILESTAT_GET, path, len);
    if (typeof p === 'number') return p;
    if (!s.mem.ok(buf, Filestat.SIZE)) return -Errno.EFAULT;
    const st = within(s, [p.dir], () => s.ctx.vfs.stat(p.path, (flags & LookupFlags.SYMLINK_FOLLOW) !== 0));
    if (typeof st === 'number') return st;
    Filestat.write(s.mem.view, buf, st);
    return 0;
  },

  path_filestat_set_times(s: WasiState, fd: number, flags: number, path: number, len: number,
    atim: bigint, mtim: bigint, fst: number): number {
    s.mem.refresh();
    const p = dirPath(s, fd, Rights.PATH_FILESTAT_SET_TIMES, path, len);
    if (typeof p === 'number') return p;
    const t = timesFromAbi(atim, mtim, fst);
    if (typeof t === 'number') return t;
    return within(s, [p.dir], () => s.ctx.vfs.setTimes(p.path, (flags & LookupFlags.SYMLINK_FOLLOW) !== 0, t.atime, t.mtime));
  },

  path_link(s: WasiState, oldFd: number, oldFlags: number, oldPath: number, oldLen: number,
    newFd: number, newPath: number, newLen: number): number {
    s.mem.refresh();
    const from = dirPath(s, oldFd, Rights.PATH_LINK_SOURCE, oldPath, oldLen);
    if (typeof from === 'number') return from;
    const to = dirPath(s, newFd, Rights.PATH_LINK_TARGET, newPath, newLen);
    if (typeof to === 'number') return to;
    const r = within(s, [from.dir, to.dir], () => s.ctx.vfs.link(from.path, to.path, (oldFlags & LookupFlags.SYMLINK_FOLLOW) !== 0));
    return fileWithSlash(s, to.dir, to.path, r);
  },

  path_open(s: WasiState, fd: number, dirflags: number, path: number, len: number, oflags: number,
    base: bigint, _inheriting: bigint, fdflags: number, resultPtr: number): number {
    resultPtr >>>= 0;
    s.mem.refresh();
    const r = s.ctx.restart;
    if (r?.kind === 'fifo-open') return awaitFifoPeer(s, r.fd, r.peerOpens, resultPtr);
    // The mode a creating open asks for is consumed by every open, whatever becomes of it.
    const mode = createMode(s.ctx, 0o666);
    const dir = s.fds.getDir(fd, Rights.PATH_OPEN);
    if (typeof dir === 'number') return dir;
    const p = resolve(s, dir, path, len);
    if (typeof p === 'number') return p;
    if (!s.mem.ok(resultPtr, 4)) return -Errno.EFAULT;
    oflags &= 0xffff;
    fdflags &= 0xffff;
    if ((oflags & ~OFlags.ALL) !== 0 || (fdflags & ~FdFlags.ALL) !== 0) return -Errno.EINVAL;
    if ((oflags & OFlags.CREAT) !== 0 && (dir.rightsBase & Rights.PATH_CREATE_FILE) === 0) return -Errno.ENOTCAPABLE;
    // Truncating through a path needs PATH_FILESTAT_SET_SIZE; without it the open is not
    // permitted (EPERM, what the wasi-testsuite's truncation_rights expects).
    if ((oflags & OFlags.TRUNC) !== 0 && (dir.rightsBase & Rights.PATH_FILESTAT_SET_SIZE) === 0) return -Errno.EPERM;
    // The access mode follows from the rights asked for (as wasi-libc's openat computes them).
    const req = rightsFromAbi(base);
    const write = (req & WRITE_RIGHTS) !== 0 || (fdflags & FdFlags.APPEND) !== 0;
    const read = (req & READ_RIGHTS) !== 0 || !write;
    if ((req & (READ_RIGHTS | WRITE_RIGHTS) & ~dir.rightsInheriting) !== 0) return -Errno.ENOTCAPABLE;
    const follow = (dirflags & LookupFlags.SYMLINK_FOLLOW) !== 0;
    return within(s, [dir], () => openAt(s, dir, p, oflags, fdflags, req, read, write, follow, mode, resultPtr));
  },

  path_readlink(s: WasiState, fd: number, path: number, len: number, buf: number, bufLen: number,
    bufusedPtr: number): number {
    buf >>>= 0; bufLen >>>= 0; bufusedPtr >>>= 0;
    s.mem.refresh();
    const p = dirPath(s, fd, Rights.PATH_READLINK, path, len);
    if (typeof p === 'number') return p;
    if (!s.mem.ok(buf, bufLen) || !s.mem.ok(bufusedPtr, 4)) return -Errno.EFAULT;
    const target = within(s, [p.dir], () => s.ctx.vfs.readlink(p.path));
    if (typeof target === 'number') return target;
    // Like readlink(2): as much of the target as fits, no NUL.
    const bytes = GuestMemory.encode(target);
    const n = Math.min(bytes.length, bufLen);
    s.mem.u8.set(bytes.subarray(0, n), buf);
    s.mem.view.setUint32(bufusedPtr, n, true);
    return 0;
  },

  path_remove_directory(s: WasiState, fd: number, path: number, len: number): number {
    s.mem.refresh();
    const p = dirPath(s, fd, Rights.PATH_REMOVE_DIRECTORY, path, len);
    if (typeof p === 'number') return p;
    return within(s, [p.dir], () => s.ctx.vfs.rmdir(p.path));
  },

  path_rename(s: WasiState, fd: number, oldPath: number, oldLen: number, newFd: number, newPath: number,
    newLen: number): number {
    s.mem.refresh();
    const from = dirPath(s, fd, Rights.PATH_RENAME_SOURCE, oldPath, oldLen);
    if (typeof from === 'number') return from;
    const to = dirPath(s, newFd, Rights.PATH_RENAME_TARGET, newPath, newLen);
    if (typeof to === 'number') return to;
    return within(s, [from.dir, to.dir], () => s.ctx.vfs.rename(from.path, to.path));
  },

  path_symlink(s: WasiState, oldPath: number, oldLen: number, fd: number, newPath: number, newLen: number): number {
    s.mem.refresh();
    const p = dirPath(s, fd, Rights.PATH_SYMLINK, newPath, newLen);
    if (typeof p === 'number') return p;
    // The target is stored as given: it is resolved when the link is followed.
    const target = s.mem.path(oldPath >>> 0, oldLen >>> 0);
    if (typeof target === 'number') return target;
    if (target === '') return -Errno.ENOENT;
    // WASI: a link must not point out of its directory's tree; an absolute target always does.
    if (sandboxed(s) && target.charCodeAt(0) === 0x2f /* '/' */) return -Errno.EPERM;
    return fileWithSlash(s, p.dir, p.path, within(s, [p.dir], () => s.ctx.vfs.symlink(target, p.path)));
  },

  path_unlink_file(s: WasiState, fd: number, path: number, len: number): number {
    s.mem.refresh();
    const p = dirPath(s, fd, Rights.PATH_UNLINK_FILE, path, len);
    if (typeof p === 'number') return p;
    return within(s, [p.dir], () => s.ctx.vfs.unlink(p.path));
  },
};
