// hostfs: a host directory mounted into the guest tree, read-only or read-write, with no way out.
// Only validated components (no '', '.', '..', '/', NUL) are joined to the root; host symlinks
// are never followed here: lstat and readlink hand them to the mount tree, which resolves their
// targets in the GUEST tree. Opens add O_NOFOLLOW and, on Linux, check where the descriptor
// really points, so a host-side race cannot smuggle a file from outside the root in.
import * as nodefs from 'node:fs';
import { Errno } from '../libc/errno.js';
import { FileType, type DirEntry, type OpenFile, type OpenFlags, type Stat, type TimeSpec } from './types.js';
import { BaseFileSystem } from './filesystem.js';
import { DirectoryFile, PositionedFile } from './file.js';
import { errnoFromError } from './errno_map.js';
import { fileTypeFromMode, statFromBigInt } from './stat.js';

const {
  O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK,
} = nodefs.constants;

/** Largest single host read or write (node:fs lengths are int32). */
const MAX_IO = 1 << 30;

/** Where Linux shows the path behind a descriptor; absent elsewhere (the check is then skipped). */
const PROC_FD = nodefs.existsSync('/proc/self/fd') ? '/proc/self/fd/' : undefined;

export interface HostFsOptions {
  readOnly?: boolean;
}

/** A TimeSpec as node:fs wants it (seconds), `currentNs` standing in for "leave alone". */
function toSeconds(t: TimeSpec, currentNs: bigint): number {
  const ns = t === undefined ? currentNs : t === 'now' ? BigInt(Date.now()) * 1_000_000n : t;
  // Split before converting: the ns count needs 61 bits, more than a double keeps exactly.
  return Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9;
}

export class HostFs extends BaseFileSystem {
  readonly name = 'hostfs';
  override readonly readOnly: boolean;
  /** The host directory, symlinks resolved once at mount time. */
  readonly root: string;

  /** Mounts `hostDir`; a missing or non-directory path is a configuration error (thrown). */
  constructor(hostDir: string, options: HostFsOptions = {}) {
    super();
    this.readOnly = options.readOnly === true;
    let root: string;
    try {
      root = nodefs.realpathSync(hostDir);
    } catch (e) {
      throw new Error(`hostfs: cannot mount host directory '${hostDir}' (${(e as { code?: string }).code ?? e}): create it or fix the directory given to --dir`);
    }
    if (!nodefs.statSync(root).isDirectory()) {
      throw new Error(`hostfs: '${hostDir}' is not a directory: --dir takes a directory`);
    }
    this.root = root;
  }

  /** The host path for guest components, or -EINVAL for a component that could name anything else. */
  private hostPath(path: readonly string[]): string | number {
    let p = this.root === '/' ? '' : this.root;
    for (const name of path) {
      if (name === '' || name === '.' || name === '..' || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
        return -Errno.EINVAL;
      }
      p += '/' + name;
    }
    return p === '' ? '/' : p;
  }

  /** True when a descriptor's real host path lies inside the root. */
  private inside(fd: number): boolean {
    if (PROC_FD === undefined) return true;
    const real = nodefs.readlinkSync(PROC_FD + fd);
    return real === this.root || this.root === '/' || real.startsWith(this.root + '/');
  }

  /** lstat: host metadata with this mount's device number; symlinks are reported, not followed. */
  lstat(path: readonly string[]): Stat | number {
    const hp = this.hostPath(path);
    if (typeof hp === 'number') return hp;
    try {
      const s = nodefs.lstatSync(hp, { bigint: true, throwIfNoEntry: false });
      return s === undefined ? -Errno.ENOENT : statFromBigInt(s, this.dev);
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override typeOf(path: readonly string[]): FileType | number {
    const hp = this.hostPath(path);
    if (typeof hp === 'number') return hp;
    try {
      const s = nodefs.lstatSync(hp, { throwIfNoEntry: false });
      return s === undefined ? -Errno.ENOENT : fileTypeFromMode(s.mode);
    } catch (e) {
      return errnoFromError(e);
    }
  }

  /** open: regular files and directories only (a host FIFO or device is ENXIO); EROFS on a read-only mount. */
  open(path: readonly string[], flags: OpenFlags): OpenFile | number {
    const hp = this.hostPath(path);
    if (typeof hp === 'number') return hp;
    if (this.readOnly && (flags.write || flags.truncate || flags.create)) {
      const t = this.typeOf(path);
      if (t === FileType.Directory) return -Errno.EISDIR;
      if (flags.write || flags.truncate || t === -Errno.ENOENT) return -Errno.EROFS;
      if (t < 0) return t;
      if (flags.exclusive) return -Errno.EEXIST;
    }
    let num = flags.write ? (flags.read ? O_RDWR : O_WRONLY) : O_RDONLY;
    // O_NONBLOCK: opening a FIFO that a host process swapped in must not stall the whole machine.
    num |= O_NOFOLLOW | O_NONBLOCK;
    if (flags.create && !this.readOnly) num |= O_CREAT;
    if (flags.exclusive && !this.readOnly) num |= O_EXCL;
    if (flags.truncate) num |= O_TRUNC;
    if (flags.directory) num |= O_DIRECTORY;
    let fd: number;
    try {
      fd = nodefs.openSync(hp, num, (flags.mode ?? 0o666) & 0o7777);
    } catch (e) {
      return errnoFromError(e);
    }
    try {
      if (!this.inside(fd)) {
        nodefs.closeSync(fd);
        return -Errno.EACCES;
      }
      const type = fileTypeFromMode(nodefs.fstatSync(fd).mode);
      if (type === FileType.Directory) return new HostDir(this, fd, hp);
      if (type === FileType.RegularFile) return new HostFile(this, fd, flags.append === true);
      nodefs.closeSync(fd);
      return -Errno.ENXIO;
    } catch (e) {
      nodefs.closeSync(fd);
      return errnoFromError(e);
    }
  }

  /** Runs a host namespace call on validated paths; read-only mounts answer like the base class. */
  private change(paths: readonly (readonly string[])[], call: (...hostPaths: string[]) => void): number {
    const hps: string[] = [];
    for (const path of paths) {
      const hp = this.hostPath(path);
      if (typeof hp === 'number') return hp;
      hps.push(hp);
    }
    try {
      call(...hps);
      return 0;
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override mkdir(path: readonly string[], mode: number): number {
    if (this.readOnly) return super.mkdir(path, mode);
    return this.change([path], (p) => nodefs.mkdirSync(p, mode & 0o7777));
  }

  override rmdir(path: readonly string[]): number {
    if (this.readOnly) return super.rmdir(path);
    if (path.length === 0) return -Errno.EBUSY;
    return this.change([path], (p) => nodefs.rmdirSync(p));
  }

  override unlink(path: readonly string[]): number {
    if (this.readOnly) return super.unlink(path);
    return this.change([path], (p) => nodefs.unlinkSync(p));
  }

  override rename(from: readonly string[], to: readonly string[]): number {
    if (this.readOnly) return super.rename(from, to);
    if (from.length === 0 || to.length === 0) return -Errno.EBUSY;
    return this.change([from, to], (a, b) => nodefs.renameSync(a!, b!));
  }

  /** symlink: the target is stored verbatim; the guest tree interprets it, the host never follows it for us. */
  override symlink(target: string, path: readonly string[]): number {
    if (this.readOnly) return super.symlink(target, path);
    return this.change([path], (p) => nodefs.symlinkSync(target, p));
  }

  override readlink(path: readonly string[]): string | number {
    const hp = this.hostPath(path);
    if (typeof hp === 'number') return hp;
    try {
      return nodefs.readlinkSync(hp);
    } catch (e) {
      return errnoFromError(e);
    }
  }

  /** link: link(2) does not follow a symlink given as the source. */
  override link(from: readonly string[], to: readonly string[]): number {
    if (this.readOnly) return super.link(from, to);
    return this.change([from, to], (a, b) => nodefs.linkSync(a!, b!));
  }

  /** utimensat without following: lutimes, unchanged times re-applied from lstat. */
  override setTimes(path: readonly string[], atime: TimeSpec, mtime: TimeSpec): number {
    if (this.readOnly) return super.setTimes(path, atime, mtime);
    const s = this.lstat(path);
    if (typeof s === 'number') return s;
    return this.change([path], (p) => nodefs.lutimesSync(p, toSeconds(atime, s.atimeNs), toSeconds(mtime, s.mtimeNs)));
  }
}

/** An open host file: positioned reads and writes on a host descriptor. */
class HostFile extends PositionedFile {
  private closed = false;

  constructor(private readonly fs: HostFs, private readonly fd: number, append: boolean) { super(append); }

  override pread(buf: Uint8Array, position: number): number {
    if (position < 0) return -Errno.EINVAL;
    try {
      return nodefs.readSync(this.fd, buf, 0, Math.min(buf.length, MAX_IO), position);
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override pwrite(buf: Uint8Array, position: number): number {
    if (position < 0) return -Errno.EINVAL;
    try {
      return nodefs.writeSync(this.fd, buf, 0, Math.min(buf.length, MAX_IO), position);
    } catch (e) {
      return errnoFromError(e);
    }
  }

  size(): number {
    try {
      return nodefs.fstatSync(this.fd).size;
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override stat(): Stat | number { return fdStat(this.fs, this.fd); }

  override setSize(size: number): number {
    if (size < 0 || !Number.isSafeInteger(size)) return -Errno.EINVAL;
    try {
      nodefs.ftruncateSync(this.fd, size);
      return 0;
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override setTimes(atime: TimeSpec, mtime: TimeSpec): number { return fdSetTimes(this.fs, this.fd, atime, mtime); }

  /** fsync: the host's. */
  override sync(): number {
    try {
      nodefs.fsyncSync(this.fd);
      return 0;
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override close(): void {
    if (this.closed) return;
    this.closed = true;
    nodefs.closeSync(this.fd);
  }
}

/** An open host directory, listed through its descriptor so a rename does not lose it. */
class HostDir extends DirectoryFile {
  private closed = false;

  constructor(private readonly fs: HostFs, private readonly fd: number, private readonly hostPath: string) { super(); }

  override stat(): Stat | number { return fdStat(this.fs, this.fd); }

  /** getdents: names with type and inode from lstat (entries removed meanwhile are skipped). */
  override readdir(): DirEntry[] | number {
    // /proc/self/fd/N reaches the very directory that was opened, wherever it is now.
    const dir = PROC_FD !== undefined ? PROC_FD + this.fd : this.hostPath;
    try {
      const out: DirEntry[] = [];
      for (const name of nodefs.readdirSync(dir)) {
        const s = nodefs.lstatSync(dir + '/' + name, { bigint: true, throwIfNoEntry: false });
        if (s !== undefined) out.push({ name, type: fileTypeFromMode(Number(s.mode)), ino: s.ino });
      }
      return out;
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override setTimes(atime: TimeSpec, mtime: TimeSpec): number { return fdSetTimes(this.fs, this.fd, atime, mtime); }

  override close(): void {
    if (this.closed) return;
    this.closed = true;
    nodefs.closeSync(this.fd);
  }
}

function fdStat(fs: HostFs, fd: number): Stat | number {
  try {
    return statFromBigInt(nodefs.fstatSync(fd, { bigint: true }), fs.dev);
  } catch (e) {
    return errnoFromError(e);
  }
}

/** futimens; a read-only mount refuses it even though the host would allow it to the owner. */
function fdSetTimes(fs: HostFs, fd: number, atime: TimeSpec, mtime: TimeSpec): number {
  if (fs.readOnly) return -Errno.EROFS;
  try {
    const s = nodefs.fstatSync(fd, { bigint: true });
    nodefs.futimesSync(fd, toSeconds(atime, s.atimeNs), toSeconds(mtime, s.mtimeNs));
    return 0;
  } catch (e) {
    return errnoFromError(e);
  }
}
