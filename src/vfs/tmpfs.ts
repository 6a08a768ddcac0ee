// tmpfs: a read-write in-memory file system on a memfs Volume. The namespace calls add the POSIX
// checks memfs leaves out (unlink of a directory, rename over directories, renaming a symlink
// itself). Lookups (lstat per path component) walk memfs's inode tree directly: its path API costs
// ~2 µs per call (path.resolve, Stats objects) and ~7 µs for a missing name (an Error is built).
// Open files hold memfs's inode, not a memfs descriptor: memfs's open asks the host for its uid
// and gid twice per call (~1 µs), and its descriptor calls only look the inode up again.
// Permission bits and exact nanosecond times are kept beside memfs's inodes (memfs checks modes
// against the host's uid and stores times as Dates): memfs's own bits stay permissive, so a mode
// the guest sets never makes memfs refuse an operation the guest's root may do.
import { Volume, fs as memfsDefault } from 'memfs';
import { Errno } from '../errno.js';
import { FileType, type DirEntry, type FsUsage, TMPFS_MAGIC, type OpenFile, type OpenFlags, type Stat, type TimeSpec } from './types.js';
import { BaseFileSystem } from './filesystem.js';
import { DirectoryFile, PositionedFile } from './file.js';
import { errnoFromError } from './errno_map.js';
import { DIRECTORY_SIZE, fileTypeFromMode, msToNs } from './stat.js';
import { FifoBothEnds, Pipe } from './pipe.js';
import { deferContent, type ContentNode } from './deferred_content.js';

/** The FIFO and socket type bits of st_mode. */
const S_IFIFO = 0o010000;
const S_IFSOCK = 0o140000;

/** memfs's link (directory entry) and inode types, reached through Volume._core (typed public by memfs). */
type MemLink = Volume['_core']['root'];
type MemNode = ReturnType<MemLink['getNode']>;

const { O_WRONLY, O_CREAT, O_NOFOLLOW } = memfsDefault.constants;

/** statfs's block size of a tmpfs. */
const PAGE = 4096;

/** Largest single read or write handed to memfs (its lengths are int32). */
const MAX_IO = 1 << 30;

export interface TmpFsOptions {
  /** Largest file size in bytes (writes and truncation beyond it fail with EFBIG). Default 1 GiB. */
  maxFileSize?: number;
  /** The bytes its files may hold, shared with the machine's other tmpfs mounts (ENOSPC beyond). Default: no bound. */
  budget?: TmpFsBudget;
}

/**
 * The bytes a machine's tmpfs mounts hold together (file sizes, as memfs allocates them) and
 * their bound: file data lives in the host's memory, so without one a program filling /tmp took
 * the host's (Linux bounds a tmpfs at half the RAM).
 */
export interface TmpFsBudget {
  limit: number;
  used: number;
}

/** memfs failures as -errno; a failed allocation is a full file system, not a host crash. */
function fail(err: unknown): number {
  if (err instanceof RangeError && (err as { code?: string }).code === undefined) return -Errno.ENOSPC;
  return errnoFromError(err);
}

function toPath(path: readonly string[]): string {
  return '/' + path.join('/');
}

/** memfs takes seconds and stores Dates (ms): the half-millisecond keeps float error from rounding down. */
function toSeconds(t: TimeSpec, currentMs: number): number {
  if (t === undefined) return (currentMs + 0.5) / 1000;
  if (t === 'now') return (Date.now() + 0.5) / 1000;
  // memfs reads negative times as "now": times before 1970 are clamped to the epoch.
  const ms = t < 0n ? 0 : Number(t / 1_000_000n);
  return (ms + 0.5) / 1000;
}

/** Times set to exact nanoseconds: [the Date's ms memfs holds, the ns]; stale once memfs's time moves. */
interface ExactTimes { a?: [number, bigint]; m?: [number, bigint] }

export class TmpFs extends BaseFileSystem {
  readonly name = 'tmpfs';
  override readonly readOnly = false;
  readonly opensNoFollow = true;
  readonly maxFileSize: number;
  /** The guest's permission bits per inode (hard links share them); memfs's node.mode for the others. */
  private readonly perms = new WeakMap<object, number>();
  private readonly exact = new WeakMap<object, ExactTimes>();
  private readonly budget: TmpFsBudget | undefined;
  /** The bytes charged to the budget per inode, and the open files per inode (its bytes go back once it has neither a name nor an open file). */
  private readonly charged = new WeakMap<object, number>();
  private readonly opens = new WeakMap<object, number>();

  constructor(readonly vol: Volume = new Volume(), options: TmpFsOptions = {}) {
    super();
    if (!(vol._core?.root?.children instanceof Map) || !Array.isArray(vol._core.releasedInos)) {
      throw new Error('tmpfs: this memfs version has no inode tree at Volume._core (root, releasedInos); install the memfs version in package-lock.json');
    }
    this.maxFileSize = options.maxFileSize ?? 2 ** 30;
    this.budget = options.budget;
    // memfs gives an unlinked inode's number to the next new file, even while the old one is
    // still open here (it does not know this tmpfs's open files). A live file's (dev, ino) must
    // name it alone (record locks, shared mappings, stat): numbers only count up, as Linux's
    // tmpfs does.
    Object.defineProperty(vol._core.releasedInos, 'push', { value: () => 0 });
  }

  /** statfs: the machine's tmpfs budget in pages, what is left of it; no bound: 0 blocks (Linux's size=0). */
  statfs(): FsUsage {
    const b = this.budget;
    const blocks = b === undefined ? 0 : Math.floor(b.limit / PAGE);
    const free = b === undefined ? 0 : Math.max(0, Math.floor((b.limit - b.used) / PAGE));
    return { type: TMPFS_MAGIC, bsize: PAGE, blocks, bfree: free, bavail: free, files: 0, ffree: 0, namemax: 255 };
  }

  /** The size `node` may grow to within the budget (Infinity without one). */
  room(node: object): number {
    const b = this.budget;
    return b === undefined ? Infinity : b.limit - b.used + (this.charged.get(node) ?? 0);
  }

  /** Charges `node` for `size` bytes (after it grew, or before a truncation to it); -ENOSPC past the budget. */
  charge(node: object, size: number): number {
    const b = this.budget;
    if (b === undefined) return 0;
    const had = this.charged.get(node) ?? 0;
    if (size > had && b.used + size - had > b.limit) return -Errno.ENOSPC;
    b.used += size - had;
    this.charged.set(node, size);
    return 0;
  }

  /** An open file of `node` was made, or closed: an inode without names gives its bytes back at its last close. */
  opened(node: MemNode, delta: 1 | -1): void {
    const n = (this.opens.get(node) ?? 0) + delta;
    this.opens.set(node, n);
    if (n === 0) this.releaseIfGone(node);
  }

  private releaseIfGone(node: MemNode): void {
    if (node.nlink > 0 || (this.opens.get(node) ?? 0) > 0) return;
    const had = this.charged.get(node);
    if (had === undefined || this.budget === undefined) return;
    this.budget.used -= had;
    this.charged.delete(node);
  }

  /** The inode at `path`, without following a final symlink (the tree resolved the others). */
  private find(path: readonly string[]): MemNode | number {
    const link = this.findLink(path);
    return typeof link === 'number' ? link : link.getNode();
  }

  /** The directory entry (memfs Link) at `path`. */
  private findLink(path: readonly string[]): MemLink | number {
    let link: MemLink = this.vol._core.root;
    for (let i = 0; i < path.length; i++) {
      if (fileTypeFromMode(link.getNode().mode) !== FileType.Directory) return -Errno.ENOTDIR;
      const name = path[i]!;
      // memfs keeps '.' and '..' as children; the mount tree never sends them.
      if (name === '.' || name === '..') return -Errno.EINVAL;
      const next = link.children.get(name);
      if (next === undefined) return -Errno.ENOENT;
      link = next;
    }
    return link;
  }

  /** lstat: memfs metadata (ms-precision times), this tmpfs's device number. */
  lstat(path: readonly string[]): Stat | number {
    const node = this.find(path);
    return typeof node === 'number' ? node : this.nodeStat(node);
  }

  /** The stat of an inode (also once its last name is gone). */
  nodeStat(node: MemNode): Stat {
    const type = fileTypeFromMode(node.mode);
    // POSIX: a symlink's size is the length of its target (memfs says 0), its mode 0777; a
    // directory has Linux's (ext4's) one block, not memfs's 0.
    const link = type === FileType.SymbolicLink;
    const size = link ? BigInt(Buffer.byteLength(node.symlink)) : type === FileType.Directory ? DIRECTORY_SIZE : BigInt(node.getSize());
    return this.withMeta(node, {
      dev: this.dev,
      ino: BigInt(node.ino),
      type,
      nlink: BigInt(node.nlink),
      size,
      atimeNs: 0n, mtimeNs: 0n,
      ctimeNs: msToNs(node.ctime.getTime()),
      mode: 0,
    });
  }

  /** `st` with the guest's mode and the node's times (exact where they were set so). */
  withMeta(node: MemNode, st: Stat): Stat {
    const ex = this.exact.get(node);
    const a = node.atime.getTime(), m = node.mtime.getTime();
    st.atimeNs = ex?.a !== undefined && ex.a[0] === a ? ex.a[1] : msToNs(a);
    st.mtimeNs = ex?.m !== undefined && ex.m[0] === m ? ex.m[1] : msToNs(m);
    st.mode = st.type === FileType.SymbolicLink ? 0o777 : this.perms.get(node) ?? node.mode & 0o7777;
    return st;
  }

  /** Sets the guest's permission bits of `node` (chmod, and creation with the umask applied). */
  setPerm(node: MemNode, mode: number, touch: boolean): void {
    this.perms.set(node, mode & 0o7777);
    if (touch) node.ctime = new Date();
  }

  /** Records the exact nanoseconds of times just set on `node` (memfs keeps milliseconds). */
  keepExact(node: MemNode, atime: TimeSpec, mtime: TimeSpec): void {
    const ex = this.exact.get(node) ?? {};
    if (atime !== undefined) ex.a = typeof atime === 'bigint' ? [node.atime.getTime(), atime < 0n ? 0n : atime] : undefined;
    if (mtime !== undefined) ex.m = typeof mtime === 'bigint' ? [node.mtime.getTime(), mtime < 0n ? 0n : mtime] : undefined;
    this.exact.set(node, ex);
  }

  /** utimensat/futimens on an inode: memfs keeps ms (and moves ctime), the exact ns are kept beside. */
  setNodeTimes(node: MemNode, atime: TimeSpec, mtime: TimeSpec): void {
    node.atime = new Date(toSeconds(atime, node.atime.getTime()) * 1000);
    node.mtime = new Date(toSeconds(mtime, node.mtime.getTime()) * 1000);
    this.keepExact(node, atime, mtime);
  }

  override typeOf(path: readonly string[]): FileType | number {
    const node = this.find(path);
    return typeof node === 'number' ? node : fileTypeFromMode(node.mode);
  }

  /**
   * Makes the empty regular file at `path` `size` bytes long, its content supplied by `load` the
   * first time it is read or changed (deferred_content.ts). Returns 0 or -errno.
   */
  deferContent(path: readonly string[], size: number, load: () => Uint8Array): number {
    const node = this.find(path);
    if (typeof node === 'number') return node;
    if (fileTypeFromMode(node.mode) !== FileType.RegularFile || node.getSize() !== 0) return -Errno.EINVAL;
    if (size > this.maxFileSize) return -Errno.EFBIG;
    const r = this.charge(node, size);
    if (r < 0) return r;
    deferContent(node as unknown as ContentNode, size, load);
    return 0;
  }

  /** open/openat: the inode behind a TmpFile or TmpDir; O_CREAT/O_EXCL/O_TRUNC as POSIX. */
  open(path: readonly string[], flags: OpenFlags): OpenFile | number {
    const link = this.findLink(path);
    const t = typeof link === 'number' ? link : fileTypeFromMode(link.getNode().mode);
    if (t === -Errno.ENOENT) {
      if (!flags.create) return t;
    } else if (t < 0) {
      return t;
    } else if (flags.create && flags.exclusive) {
      return -Errno.EEXIST;
    }
    if (typeof link !== 'number') {
      if (t === FileType.Directory) {
        if (flags.write || flags.truncate || flags.create) return -Errno.EISDIR;
        return new TmpDir(this, link);
      }
      if (t === FileType.SymbolicLink) return -Errno.ELOOP;
      if (flags.directory) return -Errno.ENOTDIR;
      // Linux: a socket's name cannot be opened (connect is the way in).
      if (t === FileType.SocketStream) return -Errno.ENXIO;
      const node = link.getNode();
      if (t === FileType.Fifo) {
        // Linux: O_RDWR never waits; a non-blocking writer with no reader is ENXIO. Whether a
        // blocking open waits for its peer is the caller's (the pipe counts the opens).
        const pipe = this.fifo(node);
        if (flags.read && flags.write) return new FifoBothEnds(pipe);
        if (flags.write) return flags.nonblock && !pipe.hasReaders ? -Errno.ENXIO : pipe.openWriter();
        return pipe.openReader();
      }
      // Linux truncates whatever the access mode; the times move even when it was empty (POSIX).
      if (flags.truncate) {
        node.truncate(0);
        this.charge(node, 0);
      }
      return new TmpFile(this, node, flags.append === true);
    }
    if (flags.directory) return -Errno.ENOTDIR;
    const mode = (flags.mode ?? 0o666) & 0o7777;
    try {
      // memfs makes the name and the inode; the creating open may write even when `mode` forbids
      // writing (POSIX): memfs's own bits stay permissive, the guest's are kept beside them.
      const fd = this.vol.openSync(toPath(path), O_WRONLY | O_CREAT | O_NOFOLLOW, 0o666);
      const node = this.vol._core.getFileByFd(fd)?.node;
      this.vol.closeSync(fd);
      if (node === undefined) return -Errno.EIO;
      this.setPerm(node, mode, false);
      return new TmpFile(this, node, flags.append === true);
    } catch (e) {
      return fail(e);
    }
  }

  /** mkfifo: a node of FIFO type; opening it joins the pipe the node has. */
  mkfifo(path: readonly string[], mode: number): number {
    const node = this.makeSpecial(path, S_IFIFO | 0o666, mode);
    return typeof node === 'number' ? node : 0;
  }

  /**
   * bind(AF_UNIX): a node of socket type whose connects reach `endpoint` (kept beside the inode,
   * so a rename keeps it and unlink drops it); -EEXIST for a taken name.
   */
  bindSocket(path: readonly string[], mode: number, endpoint: object): number {
    const node = this.makeSpecial(path, S_IFSOCK | 0o777, mode);
    if (typeof node === 'number') return node;
    this.sockets.set(node, endpoint);
    return 0;
  }

  /** A new node of a special type (FIFO, socket) with `mode`'s permissions; -EEXIST for a taken name. */
  private makeSpecial(path: readonly string[], typeAndMode: number, mode: number) {
    if (this.typeOf(path) >= 0) return -Errno.EEXIST;
    try {
      this.vol.writeFileSync(toPath(path), '', { flag: 'wx' });
    } catch (e) {
      return fail(e);
    }
    const node = this.find(path);
    if (typeof node === 'number') return node;
    node.mode = typeAndMode;
    this.setPerm(node, mode, false);
    return node;
  }

  /** connect(AF_UNIX): the endpoint bound at a socket node, or undefined (a node no socket is bound to). */
  boundSocket(path: readonly string[]): object | undefined | number {
    const node = this.find(path);
    if (typeof node === 'number') return node;
    return this.sockets.get(node);
  }
  private readonly sockets = new WeakMap<object, object>();

  /** The pipe behind a FIFO node: one per node, for every open of it. */
  private fifo(node: MemNode): Pipe {
    let p = this.fifos.get(node);
    if (p === undefined) {
      p = new Pipe(() => this.nodeStat(node));
      this.fifos.set(node, p);
    }
    return p;
  }
  private readonly fifos = new WeakMap<object, Pipe>();

  /** mkdir. */
  override mkdir(path: readonly string[], mode: number): number {
    try {
      this.vol.mkdirSync(toPath(path), { mode: 0o777 });
      const node = this.find(path);
      if (typeof node !== 'number') this.setPerm(node, mode, false);
      return 0;
    } catch (e) {
      return fail(e);
    }
  }

  /** rmdir: ENOTDIR for non-directories, ENOTEMPTY when it has entries. */
  override rmdir(path: readonly string[]): number {
    if (path.length === 0) return -Errno.EBUSY;
    try {
      this.vol.rmdirSync(toPath(path));
      return 0;
    } catch (e) {
      return fail(e);
    }
  }

  /** unlink: EISDIR for directories (memfs would say EPERM). */
  override unlink(path: readonly string[]): number {
    const t = this.typeOf(path);
    if (t < 0) return t;
    if (t === FileType.Directory) return -Errno.EISDIR;
    const node = this.find(path);
    try {
      this.vol.unlinkSync(toPath(path));
      if (typeof node !== 'number') this.releaseIfGone(node);
      return 0;
    } catch (e) {
      return fail(e);
    }
  }

  /**
   * rename: replaces an existing target as POSIX does (a directory only by an empty directory),
   * is a no-op between links to the same inode and EINVAL into the source's own subtree.
   */
  override rename(from: readonly string[], to: readonly string[]): number {
    if (from.length === 0 || to.length === 0) return -Errno.EBUSY;
    const fromPath = toPath(from), toPathStr = toPath(to);
    const src = this.find(from);
    if (typeof src === 'number') return src;
    const srcType = fileTypeFromMode(src.mode);
    if (from.length < to.length && from.every((name, i) => name === to[i])) return -Errno.EINVAL;
    const parent = this.typeOf(to.slice(0, -1));
    if (parent < 0) return parent;
    if (parent !== FileType.Directory) return -Errno.ENOTDIR;
    const dst = this.find(to);
    try {
      if (typeof dst !== 'number') {
        if (dst.ino === src.ino) return 0;
        const dstType = fileTypeFromMode(dst.mode);
        if (srcType === FileType.Directory) {
          if (dstType !== FileType.Directory) return -Errno.ENOTDIR;
          if (this.vol.readdirSync(toPathStr).length > 0) return -Errno.ENOTEMPTY;
          this.vol.rmdirSync(toPathStr);
        } else {
          if (dstType === FileType.Directory) return -Errno.EISDIR;
          this.vol.unlinkSync(toPathStr);
          this.releaseIfGone(dst);
        }
      } else if (dst !== -Errno.ENOENT) {
        return dst;
      }
      if (srcType === FileType.SymbolicLink) {
        // memfs's rename would move the link's target: move the link by recreating it.
        const target = this.vol.readlinkSync(fromPath) as string;
        this.vol.unlinkSync(fromPath);
        this.vol.symlinkSync(target, toPathStr);
      } else {
        this.vol.renameSync(fromPath, toPathStr);
      }
      return 0;
    } catch (e) {
      return fail(e);
    }
  }

  /** symlink: the target is stored verbatim. */
  override symlink(target: string, path: readonly string[]): number {
    try {
      this.vol.symlinkSync(target, toPath(path));
      return 0;
    } catch (e) {
      return fail(e);
    }
  }

  /** readlink: EINVAL for anything but a symlink. */
  override readlink(path: readonly string[]): string | number {
    try {
      return this.vol.readlinkSync(toPath(path)) as string;
    } catch (e) {
      return fail(e);
    }
  }

  /** link: a second name for a non-directory (the same inode, nlink+1). */
  override link(from: readonly string[], to: readonly string[]): number {
    const t = this.typeOf(from);
    if (t < 0) return t;
    if (t === FileType.Directory) return -Errno.EPERM;
    try {
      this.vol.linkSync(toPath(from), toPath(to));
      return 0;
    } catch (e) {
      return fail(e);
    }
  }

  /** chmod: the node's permission bits (the mount tree never sends a symlink); ctime moves. */
  override chmod(path: readonly string[], mode: number): number {
    const node = this.find(path);
    if (typeof node === 'number') return node;
    this.setPerm(node, mode, true);
    return 0;
  }

  /** utimensat without following a final symlink; exact nanoseconds are kept. */
  override setTimes(path: readonly string[], atime: TimeSpec, mtime: TimeSpec): number {
    const node = this.find(path);
    if (typeof node === 'number') return node;
    this.setNodeTimes(node, atime, mtime);
    return 0;
  }
}

/** An open tmpfs file: memfs's inode, read and written at explicit positions. */
class TmpFile extends PositionedFile {
  private closed = false;

  constructor(private readonly fs: TmpFs, private readonly node: MemNode, append: boolean) {
    super(append);
    fs.opened(node, 1);
  }

  /**
   * read/pread: a copy out of the inode's buffer. memfs's own read stamps atime with a new Date
   * and wraps the buffer per call, which is most of a 4 KiB read's cost; reads here stamp atime as
   * Linux's default relatime mount does: only when it is not newer than the last modification or
   * change, so one Date per change rather than per read (relatime's day-old rule is left out).
   */
  override pread(buf: Uint8Array, position: number): number {
    if (this.closed) return -Errno.EBADF;
    if (position < 0) return -Errno.EINVAL;
    const node = this.node;
    const size = node.getSize();
    if (position >= size) return 0;
    const n = Math.min(buf.length, size - position, MAX_IO);
    buf.set(node.buf.subarray(position, position + n));
    const a = node.atime.getTime();
    if (a <= node.mtime.getTime() || a <= node.ctime.getTime()) node.atime = new Date();
    return n;
  }

  /** write/pwrite: into the inode's buffer (memfs grows it); EFBIG past the size limit (a partial write up to it). */
  override pwrite(buf: Uint8Array, position: number): number {
    if (this.closed) return -Errno.EBADF;
    if (position < 0) return -Errno.EINVAL;
    const room = this.fs.maxFileSize - position;
    if (buf.length > 0 && room <= 0) return -Errno.EFBIG;
    let n = Math.min(buf.length, room, MAX_IO);
    // Growth is charged to the machine's tmpfs budget: what fits is written, then ENOSPC (Linux).
    const size = this.node.getSize();
    if (position + n > size) {
      n = Math.max(0, Math.min(n, this.fs.room(this.node) - position));
      if (n === 0 && buf.length > 0) return -Errno.ENOSPC;
    }
    try {
      const written = this.node.write(Buffer.from(buf.buffer, buf.byteOffset, n), 0, n, position);
      this.fs.charge(this.node, this.node.getSize());
      return written;
    } catch (e) {
      return fail(e);
    }
  }

  size(): number {
    return this.node.getSize();
  }

  /** fstat: the inode, even after its last name is unlinked. */
  override stat(): Stat | number {
    return this.fs.nodeStat(this.node);
  }

  /** fchmod. */
  override chmod(mode: number): number {
    this.fs.setPerm(this.node, mode, true);
    return 0;
  }

  /** ftruncate. */
  override setSize(size: number): number {
    if (size < 0 || !Number.isSafeInteger(size)) return -Errno.EINVAL;
    if (size > this.fs.maxFileSize) return -Errno.EFBIG;
    if (size > this.node.getSize() && size > this.fs.room(this.node)) return -Errno.ENOSPC;
    try {
      this.node.truncate(size);
      this.fs.charge(this.node, this.node.getSize());
      return 0;
    } catch (e) {
      return fail(e);
    }
  }

  /** futimens. */
  override setTimes(atime: TimeSpec, mtime: TimeSpec): number {
    this.fs.setNodeTimes(this.node, atime, mtime);
    return 0;
  }

  override close(): void {
    if (this.closed) return;
    this.closed = true;
    this.fs.opened(this.node, -1);
  }
}

/** An open tmpfs directory: its memfs link (the listing follows the directory through renames). */
class TmpDir extends DirectoryFile {
  constructor(private readonly fs: TmpFs, private readonly link: MemLink) { super(); }

  override stat(): Stat | number {
    return this.fs.nodeStat(this.link.getNode());
  }

  /** fchmod. */
  override chmod(mode: number): number {
    this.fs.setPerm(this.link.getNode(), mode, true);
    return 0;
  }

  /** getdents: every entry with its type and inode number. */
  override readdir(): DirEntry[] {
    const out: DirEntry[] = [];
    for (const [name, child] of this.link.children) {
      if (child === undefined || name === '.' || name === '..') continue;
      const node = child.getNode();
      out.push({ name, type: fileTypeFromMode(node.mode), ino: BigInt(node.ino) });
    }
    return out;
  }

  override setTimes(atime: TimeSpec, mtime: TimeSpec): number {
    this.fs.setNodeTimes(this.link.getNode(), atime, mtime);
    return 0;
  }
}
