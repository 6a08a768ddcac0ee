// hostfs: a host directory mounted into the guest tree, read-only or read-write, with no way out.
// Only validated components (no '', '.', '..', '/', NUL) reach the host, and host symlinks are
// never followed here: lstat and readlink hand them to the mount tree, which resolves their
// targets in the GUEST tree.
//
// No component is resolved twice (Linux). The mount tree checks a path one component at a time;
// if hostfs then handed the host the joined path, another actor (a host process, a second machine
// sharing the directory) could swap a directory on it for a symlink in between and the host
// kernel would follow it out of the root. So every host call names its object as
// `/proc/<pid>/fd/<D>/<name>`: the kernel resolves that through the open directory D and looks up
// the single component <name> in it. D is reached from the root's descriptor one component at a
// time: each step looks the name up in the previous directory (lstat: it must be a directory, a
// symlink there is refused with EACCES) and takes a descriptor of exactly that inode, opened
// O_PATH|O_DIRECTORY|O_NOFOLLOW relative to the previous step or kept from an earlier walk (a kept
// descriptor pins its inode, so equal (dev, ino) is the same directory on any file system whose
// inode numbers are unique). The mount tree's own lookups are those steps: the directory a lookup
// found is where the next call of the same walk works, so a walk makes as many host calls as with
// joined paths once its directories are kept (rename and link walk their second path again).
// Calls that would follow a final symlink use the forms that don't (lstat, lutimes, O_NOFOLLOW;
// mkdir, rmdir, unlink, rename, link and symlink never follow it). As with openat(), a directory
// that a host process moves out of the root while a call works in it is still that directory.
// Without /proc/<pid>/fd (macOS, the BSDs, Linux without /proc) host calls take the joined path,
// checked component by component by the mount tree but open to that race.
import * as nodefs from 'node:fs';
import { Errno } from '../errno.js';
import { FileType, Whence, type DirEntry, type FsUsage, type OpenFile, type OpenFlags, type Stat, type TimeSpec } from './types.js';
import { BaseFileSystem } from './filesystem.js';
import { DirectoryFile, PositionedFile } from './file.js';
import { hostIoBarrier } from './host_io_barrier.js';
import { errnoFromError } from './errno_map.js';
import { fileTypeFromMode, statFromBigInt } from './stat.js';
import { currentWalk } from './walk_epoch.js';
import { nodeSetsExactly, touchTimes } from './host_times.js';
import { openHostPath } from './host_open.js';

const {
  O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK, O_APPEND,
} = nodefs.constants;

/** Linux's O_PATH (the same value on x86, arm, ppc, s390, riscv): a descriptor that only names a node. */
const O_PATH = 0o10000000;
/** How a directory on the way is held: by name only, never through a symlink. */
const DIR_FLAGS = O_PATH | O_DIRECTORY | O_NOFOLLOW;

/** Largest single host read or write (node:fs lengths are int32). */
const MAX_IO = 1 << 30;
/** Directory descriptors kept per mount for later walks. */
const POOL_MAX = 32;
/** Calls that may work in the directory of one walk before it is walked again (direct callers). */
const REUSE_MAX = 8;

const NO_THROW = { throwIfNoEntry: false } as const;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const NO_THROW_BIG = { bigint: true, throwIfNoEntry: false } as const;

let fdDirProbed = false;
let fdDirCache: string | undefined;

/**
 * Where this process's descriptors can be used as directories: '/proc/<pid>/fd/' (shorter for
 * the kernel to resolve than /proc/self) or '/proc/self/fd/'; undefined when neither works.
 */
function hostFdDir(): string | undefined {
  if (fdDirProbed) return fdDirCache;
  fdDirProbed = true;
  if (process.platform !== 'linux') return undefined;
  let fd: number;
  try {
    fd = nodefs.openSync('/', DIR_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const own = nodefs.fstatSync(fd, { bigint: true });
    const candidates = ['/proc/self/fd/'];
    try {
      // /proc of another pid namespace would name some other process.
      if (nodefs.readlinkSync('/proc/self') === String(process.pid)) candidates.unshift(`/proc/${process.pid}/fd/`);
    } catch { /* no /proc/self */ }
    for (const dir of candidates) {
      try {
        const s = nodefs.statSync(`${dir}${fd}/.`, { bigint: true });
        if (s.dev === own.dev && s.ino === own.ino) return (fdDirCache = dir);
      } catch { /* try the next */ }
    }
    return undefined;
  } finally {
    nodefs.closeSync(fd);
  }
}

/**
 * The identity of a kept directory: its inode number when it lies on the root's device (a number
 * key: cheap to hash), else "dev:ino".
 */
type DirKey = number | string;

/** A kept directory descriptor; `used` gives it a second chance when the pool is trimmed. */
interface Kept {
  fd: number;
  used: boolean;
}

/** True when the first `len` components of `a` and `b` agree. */
function samePrefix(a: readonly string[], b: readonly string[], len: number): boolean {
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Descriptors of a mount that is no longer referenced are closed when it is collected. */
const released = new FinalizationRegistry<{ root: number; pool: Map<DirKey, Kept> }>((held) => {
  for (const k of held.pool.values()) closeQuietly(k.fd);
  if (held.root >= 0) closeQuietly(held.root);
});

function closeQuietly(fd: number): void {
  try {
    nodefs.closeSync(fd);
  } catch { /* already gone */ }
}

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
  readonly opensNoFollow = true;
  /** The host directory, symlinks resolved once at mount time. */
  readonly root: string;
  /** '/proc/<pid>/fd/' where the host resolves paths through open directories, else undefined. */
  private fdDir: string | undefined;
  /** The root's descriptor (O_PATH), -1 without fdDir. */
  private rootFd: number;
  /** The root's device (number and bigint), for DirKeys. */
  private readonly rootDev: number = 0;
  private readonly rootDevBig: bigint = 0n;
  /** Kept directory descriptors (O_PATH) by identity, oldest first. */
  private readonly pool = new Map<DirKey, Kept>();

  // The walk state: the directory the last call worked in (its first dirLen components of
  // dirNames, its descriptor) and, when that call was a lookup that found a directory, that
  // directory's name and identity.
  private readonly dirNames: string[] = [];
  private dirLen = 0;
  private dirFd = -1;
  private dirWalk = 0;
  private dirUses = 0;
  private subName: string | undefined = undefined;
  private subKey: DirKey | undefined = undefined;
  // What the last lookup of the walk saw at a host path: whether a creating open of that path
  // should first try to create or to open (only the order of the attempts, never the outcome).
  private seenPath = '';
  private seenWalk = 0;
  private seenExists = false;

  /** statfs: the host file system's own figures (statfs(2) of the mounted directory). */
  statfs(): FsUsage | number {
    try {
      const s = nodefs.statfsSync(this.root);
      return { type: s.type, bsize: s.bsize, blocks: s.blocks, bfree: s.bfree, bavail: s.bavail, files: s.files, ffree: s.ffree, namemax: 255 };
    } catch (e) {
      return errnoFromError(e);
    }
  }

  /** Mounts `hostDir`; a missing or non-directory path is a configuration error (thrown). */
  constructor(hostDir: string, options: HostFsOptions = {}) {
    super();
    this.readOnly = options.readOnly === true;
    let root: string;
    try {
      root = nodefs.realpathSync(hostDir);
    } catch (e) {
      throw new Error(`hostfs: cannot mount host directory '${hostDir}' (${(e as { code?: string }).code ?? e}): create it, or mount an existing directory`);
    }
    if (!nodefs.statSync(root).isDirectory()) {
      throw new Error(`hostfs: '${hostDir}' is not a directory: only a directory can be mounted`);
    }
    this.root = root;
    this.fdDir = hostFdDir();
    let rootFd = -1;
    if (this.fdDir !== undefined) {
      try {
        rootFd = nodefs.openSync(root, DIR_FLAGS);
        const s = nodefs.fstatSync(rootFd, { bigint: true });
        this.rootDevBig = s.dev;
        this.rootDev = Number(s.dev);
      } catch (e) {
        if (rootFd >= 0) closeQuietly(rootFd);
        throw new Error(`hostfs: cannot open host directory '${hostDir}' (${(e as { code?: string }).code ?? e}): check its permissions`);
      }
    }
    this.rootFd = rootFd;
    released.register(this, { root: rootFd, pool: this.pool }, this);
  }

  /**
   * Closes the mount's host descriptors (its root's and the kept directories'): the machine that
   * mounted it has shut down, and an embedder booting machines in a loop must not run out of
   * descriptors or keep the directory busy. The tree has unmounted it first; a caller that kept
   * the object still gets answers, through joined paths, never through a number the host may
   * since have given to another file.
   */
  close(): void {
    released.unregister(this);
    for (const k of this.pool.values()) closeQuietly(k.fd);
    this.pool.clear();
    this.dirFd = -1;
    this.subName = undefined;
    if (this.rootFd >= 0) closeQuietly(this.rootFd);
    this.rootFd = -1;
    this.fdDir = undefined;
  }

  // ---- naming host objects ----

  /**
   * The host path of the last component of `path` (at least one component), or -errno for a
   * component that could name anything else. On Linux: `<fdDir><parent descriptor>/<name>`.
   */
  private at(path: readonly string[]): string | number {
    const n = path.length;
    for (let i = 0; i < n; i++) {
      const name = path[i]!;
      if (name === '' || name === '.' || name === '..' || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
        return -Errno.EINVAL;
      }
    }
    if (this.fdDir === undefined) return (this.root === '/' ? '/' : this.root + '/') + path.join('/');
    const fd = this.parentFd(path, n - 1);
    return fd < 0 ? fd : this.fdDir + fd + '/' + path[n - 1]!;
  }

  /**
   * A descriptor of the directory named by the first `len` components: the walk state's own, the
   * directory the previous lookup found, or a walk from the root. The state is trusted only
   * within one mount-tree walk and for a few calls (a caller that skipped the lookups re-walks).
   */
  private parentFd(path: readonly string[], len: number): number {
    if (len === 0) return this.atRoot();
    const names = this.dirNames;
    if (this.dirFd >= 0 && this.dirWalk === currentWalk() && this.dirUses < REUSE_MAX) {
      const have = this.dirLen;
      if (have === len && samePrefix(names, path, len)) {
        this.dirUses++;
        this.subName = undefined;
        return this.dirFd;
      }
      const sub = this.subName;
      if (sub !== undefined && have === len - 1 && path[have] === sub && samePrefix(names, path, have)) {
        this.subName = undefined;
        const fd = this.enter(this.dirFd, sub, this.subKey);
        if (fd < 0) return fd;
        names[have] = sub;
        this.dirLen = len;
        this.dirFd = fd;
        this.dirUses = 1;
        return fd;
      }
    }
    return this.walk(path, len);
  }

  /** The root as the walk state (the start of every walk: no host call). */
  private atRoot(): number {
    this.dirLen = 0;
    this.dirFd = this.rootFd;
    this.dirWalk = currentWalk();
    this.dirUses = 1;
    this.subName = undefined;
    return this.rootFd;
  }

  /** Walks from the root to the first `len` components, a lookup and a descriptor per step. */
  private walk(path: readonly string[], len: number): number {
    const names = this.dirNames;
    this.subName = undefined;
    this.dirFd = -1;
    let fd = this.rootFd;
    for (let i = 0; i < len; i++) {
      const name = path[i]!;
      let s: nodefs.Stats | undefined;
      try {
        s = nodefs.lstatSync(this.fdDir! + fd + '/' + name, NO_THROW);
      } catch (e) {
        return errnoFromError(e);
      }
      if (s === undefined) return -Errno.ENOENT;
      // The tree found a directory here: a symlink now means the path was swapped under us.
      if (!s.isDirectory()) return s.isSymbolicLink() ? -Errno.EACCES : -Errno.ENOTDIR;
      fd = this.enter(fd, name, this.keyOf(s));
      if (fd < 0) return fd;
    }
    for (let i = 0; i < len; i++) names[i] = path[i]!;
    this.dirLen = len;
    this.dirFd = fd;
    this.dirWalk = currentWalk();
    this.dirUses = 1;
    return fd;
  }

  /** The DirKey of a directory found by a number-valued lstat (undefined: the inode number lost precision). */
  private keyOf(s: nodefs.Stats): DirKey | undefined {
    if (!Number.isSafeInteger(s.ino)) return undefined;
    return s.dev === this.rootDev ? s.ino : s.dev + ':' + s.ino;
  }

  /** The DirKey of a directory found by a bigint-valued lstat or fstat. */
  private keyOfBig(s: nodefs.BigIntStats): DirKey {
    return s.dev === this.rootDevBig && s.ino <= MAX_SAFE ? Number(s.ino) : s.dev + ':' + s.ino;
  }

  /**
   * A descriptor of directory `name` inside the directory `parent`, whose lookup reported `key`:
   * a kept one with that identity, else one opened relative to `parent` and kept.
   */
  private enter(parent: number, name: string, key: DirKey | undefined): number {
    const pool = this.pool;
    if (key !== undefined) {
      const kept = pool.get(key);
      if (kept !== undefined) {
        kept.used = true;
        return kept.fd;
      }
    }
    let fd: number;
    try {
      fd = nodefs.openSync(this.fdDir! + parent + '/' + name, DIR_FLAGS);
    } catch (e) {
      return errnoFromError(e);
    }
    let real: DirKey;
    try {
      real = this.keyOfBig(nodefs.fstatSync(fd, { bigint: true }));
    } catch (e) {
      nodefs.closeSync(fd);
      return errnoFromError(e);
    }
    const kept = pool.get(real);
    if (kept !== undefined) {
      // Replaced between the lookup and the open by a directory kept from before.
      nodefs.closeSync(fd);
      kept.used = true;
      return kept.fd;
    }
    pool.set(real, { fd, used: false });
    return fd;
  }

  /**
   * Closes kept descriptors beyond POOL_MAX, oldest first, giving the ones used since the last
   * trim a second chance. Runs at the start of a call only, so a descriptor obtained during a
   * call (rename's source directory) stays open through it; the walk state's is never closed.
   */
  private trim(): void {
    const pool = this.pool;
    if (pool.size <= POOL_MAX) return;
    for (const [key, kept] of pool) {
      if (pool.size <= POOL_MAX) break;
      if (kept.fd === this.dirFd) continue;
      pool.delete(key);
      if (kept.used) {
        kept.used = false;
        pool.set(key, kept);
      } else {
        nodefs.closeSync(kept.fd);
      }
    }
  }

  /** After a lookup of `path` found a directory: the next call of the walk may work inside it. */
  private found(path: readonly string[], key: DirKey | undefined): void {
    if (this.fdDir === undefined) return;
    this.subName = path[path.length - 1];
    this.subKey = key;
  }

  private seen(hostPath: string, exists: boolean): void {
    this.seenPath = hostPath;
    this.seenWalk = currentWalk();
    this.seenExists = exists;
  }

  /** True when this walk's lookup of `hostPath` found something there. */
  private sawExisting(hostPath: string): boolean {
    return this.seenExists && this.seenWalk === currentWalk() && this.seenPath === hostPath;
  }

  /** After a rename or rmdir the walk state may name a moved directory: walk again next time. */
  private forget(): void {
    this.dirFd = -1;
    this.subName = undefined;
  }

  /**
   * How another thread of this process looks up a name in the root as lstat() here does: the
   * host path prefix `${hostDir}${name}` (through the root's descriptor, which lives as long as
   * this mount object: a single component looked up in exactly that directory), and the device
   * number stat reports. Undefined without /proc/<pid>/fd (joined paths are not race-free).
   */
  lendableRoot(): { hostDir: string; dev: bigint } | undefined {
    return this.fdDir !== undefined && this.rootFd >= 0 ? { hostDir: `${this.fdDir}${this.rootFd}/`, dev: this.dev } : undefined;
  }

  // ---- lookups ----

  /** lstat: host metadata with this mount's device number; symlinks are reported, not followed. */
  lstat(path: readonly string[]): Stat | number {
    this.trim();
    hostIoBarrier();
    if (path.length === 0) return this.rootStat();
    const hp = this.at(path);
    if (typeof hp === 'number') return hp;
    try {
      const s = nodefs.lstatSync(hp, NO_THROW_BIG);
      this.seen(hp, s !== undefined);
      if (s === undefined) return -Errno.ENOENT;
      if (s.isDirectory()) this.found(path, this.keyOfBig(s));
      return statFromBigInt(s, this.dev);
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override typeOf(path: readonly string[]): FileType | number {
    this.trim();
    if (path.length === 0) {
      if (this.fdDir !== undefined) return FileType.Directory; // the root's descriptor is one
      const r = this.rootStat();
      return typeof r === 'number' ? r : r.type;
    }
    const hp = this.at(path);
    if (typeof hp === 'number') return hp;
    try {
      const s = nodefs.lstatSync(hp, NO_THROW);
      this.seen(hp, s !== undefined);
      if (s === undefined) return -Errno.ENOENT;
      const t = fileTypeFromMode(s.mode);
      if (t === FileType.Directory) this.found(path, this.keyOf(s));
      return t;
    } catch (e) {
      return errnoFromError(e);
    }
  }

  private rootStat(): Stat | number {
    try {
      const s = this.rootFd >= 0 ? nodefs.fstatSync(this.rootFd, { bigint: true }) : nodefs.lstatSync(this.root, { bigint: true });
      return statFromBigInt(s, this.dev);
    } catch (e) {
      return errnoFromError(e);
    }
  }

  /** The type at a host path already named by at(), without touching the walk state. */
  private typeAt(hp: string): number {
    try {
      const s = nodefs.lstatSync(hp, NO_THROW);
      return s === undefined ? -Errno.ENOENT : fileTypeFromMode(s.mode);
    } catch (e) {
      return errnoFromError(e);
    }
  }

  // ---- open ----

  /** open: regular files and directories only (a host FIFO or device is ENXIO); EROFS on a read-only mount. */
  open(path: readonly string[], flags: OpenFlags): OpenFile | number {
    this.trim();
    hostIoBarrier();
    const isRoot = path.length === 0;
    // The root: reopened through its own descriptor (a magic link, so no O_NOFOLLOW there).
    const hp = isRoot ? (this.rootFd >= 0 ? this.fdDir! + this.rootFd : this.root) : this.at(path);
    if (typeof hp === 'number') return hp;
    if (this.readOnly && (flags.write || flags.truncate || flags.create)) {
      const t = isRoot ? FileType.Directory : this.typeAt(hp);
      if (t === FileType.Directory) return -Errno.EISDIR;
      if (flags.write || flags.truncate || t === -Errno.ENOENT) return -Errno.EROFS;
      if (t < 0) return t;
      if (flags.exclusive) return -Errno.EEXIST;
    }
    let num = flags.write ? (flags.read ? O_RDWR : O_WRONLY) : O_RDONLY;
    // O_NONBLOCK: opening a FIFO that a host process swapped in must not stall the whole machine.
    num |= O_NONBLOCK;
    if (!(isRoot && this.rootFd >= 0)) num |= O_NOFOLLOW;
    if (flags.create && !this.readOnly) num |= O_CREAT;
    if (flags.exclusive && !this.readOnly) num |= O_EXCL;
    if (flags.truncate) num |= O_TRUNC;
    if (flags.directory) num |= O_DIRECTORY;
    const mode = (flags.mode ?? 0o666) & 0o7777;
    const opened = openHostPath(hp, num, mode, this.sawExisting(hp));
    if (typeof opened === 'number') return opened;
    const read = (num & O_WRONLY) === 0, write = (num & (O_WRONLY | O_RDWR)) !== 0;
    return opened.type === FileType.Directory ? new HostDir(this, opened.fd, this.fdDir !== undefined ? this.fdDir + opened.fd : hp)
      : new HostFile(this, opened.fd, flags.append === true, read, write);
  }

  /**
   * The open file of host descriptor `fd`, which another thread of this process opened with
   * openHostPath in this mount's root (lendableRoot): a regular file there, or the root itself
   * (`directory`). `read`/`write`: how the descriptor was opened. It is the file's from now on.
   */
  adoptHostFile(fd: number, directory: boolean, read: boolean, write: boolean): OpenFile {
    return directory ? new HostDir(this, fd, this.fdDir !== undefined ? this.fdDir + fd : this.root) : new HostFile(this, fd, false, read, write);
  }

  // ---- changes ----

  /**
   * Runs a host namespace call on the host path of `path`; `atRoot` answers for the mount root
   * itself (which no call here may replace or remove).
   */
  private change(path: readonly string[], atRoot: number, call: (hostPath: string) => void): number {
    this.trim();
    hostIoBarrier();
    if (path.length === 0) return atRoot;
    const hp = this.at(path);
    if (typeof hp === 'number') return hp;
    try {
      call(hp);
      return 0;
    } catch (e) {
      return errnoFromError(e);
    }
  }

  /** Two-path calls (rename, link): each parent reached on its own; the first stays open meanwhile. */
  private change2(from: readonly string[], to: readonly string[], call: (a: string, b: string) => void): number {
    this.trim();
    hostIoBarrier();
    const a = this.at(from);
    if (typeof a === 'number') return a;
    const b = this.at(to);
    if (typeof b === 'number') return b;
    try {
      call(a, b);
      return 0;
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override mkdir(path: readonly string[], mode: number): number {
    if (this.readOnly) return super.mkdir(path, mode);
    const want = mode & 0o7777;
    const r = this.change(path, -Errno.EEXIST, (p) => nodefs.mkdirSync(p, want));
    if (r < 0) return r;
    // The guest's umask is already in `mode`; the host process's own must not clear more. Only
    // when it did does the chmod follow (four host calls through a descriptor, the check one).
    const hp = this.at(path);
    if (typeof hp === 'string') {
      try {
        const s = nodefs.lstatSync(hp, NO_THROW);
        if (s !== undefined && s.isDirectory() && (s.mode & 0o7777) === want) return 0;
      } catch { /* chmod below answers */ }
    }
    return this.onNode(path, (p) => nodefs.chmodSync(p, want));
  }

  override rmdir(path: readonly string[]): number {
    if (this.readOnly) return super.rmdir(path);
    const r = this.change(path, -Errno.EBUSY, (p) => nodefs.rmdirSync(p));
    this.forget();
    return r;
  }

  override unlink(path: readonly string[]): number {
    if (this.readOnly) return super.unlink(path);
    return this.change(path, -Errno.EISDIR, (p) => nodefs.unlinkSync(p));
  }

  override rename(from: readonly string[], to: readonly string[]): number {
    if (this.readOnly) return super.rename(from, to);
    if (from.length === 0 || to.length === 0) return -Errno.EBUSY;
    const r = this.change2(from, to, (a, b) => nodefs.renameSync(a, b));
    this.forget();
    return r;
  }

  /** symlink: the target is stored verbatim; the guest tree interprets it, the host never follows it for us. */
  override symlink(target: string, path: readonly string[]): number {
    if (this.readOnly) return super.symlink(target, path);
    return this.change(path, -Errno.EEXIST, (p) => nodefs.symlinkSync(target, p));
  }

  override readlink(path: readonly string[]): string | number {
    this.trim();
    if (path.length === 0) return -Errno.EINVAL;
    const hp = this.at(path);
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
    if (from.length === 0) return -Errno.EPERM;
    if (to.length === 0) return -Errno.EEXIST;
    return this.change2(from, to, (a, b) => nodefs.linkSync(a, b));
  }

  /**
   * Runs `call` on a path that names exactly the node at `path` and no other: on Linux the magic
   * link of an O_PATH|O_NOFOLLOW descriptor of it (a symlink swapped in meanwhile is refused with
   * ELOOP, never followed), else the joined host path. For calls that would follow a final symlink
   * (chmod, access).
   */
  private onNode(path: readonly string[], call: (hostPath: string) => void): number {
    this.trim();
    hostIoBarrier();
    if (this.fdDir === undefined) {
      const hp = path.length === 0 ? this.root : this.at(path);
      if (typeof hp === 'number') return hp;
      try {
        call(hp);
        return 0;
      } catch (e) {
        return errnoFromError(e);
      }
    }
    if (path.length === 0) {
      try {
        call(this.fdDir + this.rootFd);
        return 0;
      } catch (e) {
        return errnoFromError(e);
      }
    }
    const hp = this.at(path);
    if (typeof hp === 'number') return hp;
    let fd = -1;
    try {
      fd = nodefs.openSync(hp, O_PATH | O_NOFOLLOW);
      if (nodefs.fstatSync(fd).isSymbolicLink()) return -Errno.ELOOP;
      call(this.fdDir + fd);
      return 0;
    } catch (e) {
      return errnoFromError(e);
    } finally {
      if (fd >= 0) closeQuietly(fd);
    }
  }

  /** chmod: the node itself, never a host symlink; EROFS on a read-only mount. */
  override chmod(path: readonly string[], mode: number): number {
    if (this.readOnly) return this.present(path);
    return this.onNode(path, (p) => nodefs.chmodSync(p, mode & 0o7777));
  }

  /** access: the host's answer for this process (its uid, the host file's mode and owner, ACLs). */
  access(path: readonly string[], amode: number): number {
    return this.onNode(path, (p) => nodefs.accessSync(p, amode & 7));
  }

  /** utimensat without following: lutimes, a time left alone re-applied from lstat. */
  override setTimes(path: readonly string[], atime: TimeSpec, mtime: TimeSpec): number {
    hostIoBarrier();
    if (this.readOnly) return super.setTimes(path, atime, mtime);
    this.trim();
    let hp: string | number;
    let follow = false;
    if (path.length > 0) {
      hp = this.at(path);
    } else if (this.rootFd >= 0) {
      // The root's descriptor is O_PATH (futimes refuses it): follow its magic link instead.
      hp = this.fdDir! + this.rootFd;
      follow = true;
    } else {
      hp = this.root;
    }
    if (typeof hp === 'number') return hp;
    // Nanoseconds, or a time left alone: touch(1) sets them exactly (host_times.ts).
    if (!nodeSetsExactly(atime, mtime) && !hp.startsWith('/proc/self/') && touchTimes(hp, !follow, atime, mtime) === 0) return 0;
    try {
      // Only a time left alone needs the current one.
      let atimeNs = 0n, mtimeNs = 0n;
      if (atime === undefined || mtime === undefined) {
        const s = follow ? nodefs.fstatSync(this.rootFd, { bigint: true }) : nodefs.lstatSync(hp, NO_THROW_BIG);
        if (s === undefined) return -Errno.ENOENT;
        atimeNs = s.atimeNs;
        mtimeNs = s.mtimeNs;
      }
      const a = toSeconds(atime, atimeNs), m = toSeconds(mtime, mtimeNs);
      if (follow) nodefs.utimesSync(hp, a, m);
      else nodefs.lutimesSync(hp, a, m);
      return 0;
    } catch (e) {
      return errnoFromError(e);
    }
  }
}

/** fchmod on a host descriptor; a read-only mount refuses it. */
function fdChmod(fs: HostFs, fd: number, mode: number): number {
  if (fs.readOnly) return -Errno.EROFS;
  hostIoBarrier();
  try {
    nodefs.fchmodSync(fd, mode & 0o7777);
    return 0;
  } catch (e) {
    return errnoFromError(e);
  }
}

/**
 * A host file's descriptor lent out for positioned reads and writes made outside the VFS (a
 * decoupled program's own core, guest/decoupled.ts). While pinned, the descriptor stays open even
 * past close(), so its number cannot come to name another file under the borrower.
 */
export interface LentHostFile extends Pick<OpenFile, 'seek'> {
  readonly hostFd: number;
  /** Whether the descriptor is open for reading and for writing on the host. */
  readonly hostReadable: boolean;
  readonly hostWritable: boolean;
  /** The device number stat() reports for the file (its mount's). */
  readonly dev: bigint;
  /** The host's inode number (as a Number: one beyond 2^53 may stand for several). */
  readonly ino: number;
  pin(): void;
  /** The last unpin of a closed file closes its descriptor. */
  unpin(): void;
}

/**
 * `file` as a lendable host file: an open regular file of a host mount, or a directory (neither
 * readable nor writable through it: fsync and fstat); else undefined.
 */
export function lendableHostFile(file: OpenFile): LentHostFile | undefined {
  return (file instanceof HostFile || file instanceof HostDir) && !file.isClosed ? file : undefined;
}

/**
 * Closes a host file's descriptor. The last close of a file whose last link is gone frees its
 * blocks, which takes the host a millisecond (SQLite closes its journal after unlinking it, at
 * every commit): that one runs on libuv's thread pool, since nobody waits for a close (the number
 * stays taken until then, so it cannot come to name another file early; an error has no one to
 * report to). Any other close is made at once.
 */
function closeHostFile(fd: number): void {
  hostIoBarrier();
  let unlinked = false;
  try {
    unlinked = nodefs.fstatSync(fd).nlink === 0;
  } catch { /* closed below all the same */ }
  if (!unlinked) {
    nodefs.closeSync(fd);
    return;
  }
  pendingCloses++;
  nodefs.close(fd, () => {
    if (--pendingCloses === 0) for (const done of closesSettled.splice(0)) done();
  });
}

/** Closes still running on the thread pool, and who waits for them all to end. */
let pendingCloses = 0;
const closesSettled: (() => void)[] = [];

/** Resolves once every host descriptor a closed file left to the thread pool is closed (a machine's shutdown waits for it). */
export function hostClosesSettled(): Promise<void> {
  return pendingCloses === 0 ? Promise.resolve() : new Promise((resolve) => closesSettled.push(resolve));
}

/** An open host file: positioned reads and writes on a host descriptor. */
class HostFile extends PositionedFile implements LentHostFile {
  private closed = false;
  private pins = 0;
  /**
   * O_APPEND writes go through a second host descriptor of the file with O_APPEND (opened at the
   * first, through /proc/self/fd), so the host kernel puts them at the end atomically, also
   * against host processes appending to the file, as Linux appends. -1: not opened yet. The
   * main descriptor stays without O_APPEND: pwrite and shared mappings write where they say.
   */
  private appendFd = -1;
  /** The offset is the append descriptor's position (the end of the last append), not read yet. */
  private offsetAtAppend = false;

  constructor(private readonly fs: HostFs, private readonly fd: number, append: boolean,
    readonly hostReadable: boolean, readonly hostWritable: boolean) { super(append); }

  get hostFd(): number { return this.fd; }

  get dev(): bigint { return this.fs.dev; }

  private inode = -1;

  get ino(): number { return this.inode >= 0 ? this.inode : (this.inode = inodeOf(this.fd)); }

  get isClosed(): boolean { return this.closed; }

  pin(): void { this.pins++; }

  unpin(): void {
    if (--this.pins === 0 && this.closed) closeHostFile(this.fd);
  }

  /** write: in append mode at the host file's end, atomically (see appendFd). */
  override write(buf: Uint8Array): number {
    if (!this.append) return super.write(buf);
    hostIoBarrier();
    const fdDir = hostFdDir();
    if (fdDir === undefined) return super.write(buf); // no /proc: at the end as fstat saw it
    try {
      if (this.appendFd < 0) this.appendFd = nodefs.openSync(`${fdDir}${this.fd}`, O_WRONLY | O_APPEND);
      const n = nodefs.writeSync(this.appendFd, buf, 0, Math.min(buf.length, MAX_IO));
      this.offsetAtAppend = true;
      return n;
    } catch (e) {
      return errnoFromError(e);
    }
  }

  /** The offset after appends: the append descriptor's position, which /proc/self/fdinfo shows. */
  private settleOffset(): void {
    if (!this.offsetAtAppend) return;
    this.offsetAtAppend = false;
    try {
      const info = nodefs.readFileSync(`${hostFdDir()!.slice(0, -3)}fdinfo/${this.appendFd}`, 'latin1');
      const pos = /^pos:\s*(\d+)/m.exec(info);
      if (pos !== null) { this.offset = Number(pos[1]); return; }
    } catch { /* below */ }
    const end = this.size();
    if (end >= 0) this.offset = end;
  }

  override read(buf: Uint8Array): number {
    this.settleOffset();
    return super.read(buf);
  }

  override seek(offset: number, whence: Whence): number {
    if (whence === Whence.End) this.offsetAtAppend = false; // the old offset does not matter
    else this.settleOffset();
    return super.seek(offset, whence);
  }

  override available(): number {
    this.settleOffset();
    return super.available();
  }

  override pread(buf: Uint8Array, position: number): number {
    if (position < 0) return -Errno.EINVAL;
    hostIoBarrier();
    try {
      return nodefs.readSync(this.fd, buf, 0, Math.min(buf.length, MAX_IO), position);
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override pwrite(buf: Uint8Array, position: number): number {
    if (position < 0) return -Errno.EINVAL;
    hostIoBarrier();
    try {
      return nodefs.writeSync(this.fd, buf, 0, Math.min(buf.length, MAX_IO), position);
    } catch (e) {
      return errnoFromError(e);
    }
  }

  size(): number {
    hostIoBarrier();
    try {
      return nodefs.fstatSync(this.fd).size;
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override stat(): Stat | number { return fdStat(this.fs, this.fd); }

  override setSize(size: number): number {
    if (size < 0 || !Number.isSafeInteger(size)) return -Errno.EINVAL;
    hostIoBarrier();
    try {
      nodefs.ftruncateSync(this.fd, size);
      return 0;
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override setTimes(atime: TimeSpec, mtime: TimeSpec): number { return fdSetTimes(this.fs, this.fd, atime, mtime); }

  override chmod(mode: number): number { return fdChmod(this.fs, this.fd, mode); }

  /** fsync: the host's. */
  override sync(): number { return hostFsync(this.fd); }

  override close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pins === 0) closeHostFile(this.fd);
    if (this.appendFd >= 0) closeHostFile(this.appendFd);
  }
}

/** The host's inode number of descriptor `fd` (0 if fstat fails: a write-behind key, never a lookup). */
function inodeOf(fd: number): number {
  try {
    return nodefs.fstatSync(fd).ino;
  } catch {
    return 0;
  }
}

/** fsync(2) of a host descriptor: 0 or -errno. */
function hostFsync(fd: number): number {
  hostIoBarrier();
  try {
    nodefs.fsyncSync(fd);
    return 0;
  } catch (e) {
    return errnoFromError(e);
  }
}

/** An open host directory, listed through its descriptor so a rename does not lose it. */
class HostDir extends DirectoryFile implements LentHostFile {
  private closed = false;
  private pins = 0;
  readonly hostReadable = false;
  readonly hostWritable = false;

  /** `listPath` names the directory for listing: `<fdDir><fd>` on Linux (wherever it has moved), else its host path. */
  constructor(private readonly fs: HostFs, private readonly fd: number, private readonly listPath: string) { super(); }

  get hostFd(): number { return this.fd; }

  get dev(): bigint { return this.fs.dev; }

  private inode = -1;

  get ino(): number { return this.inode >= 0 ? this.inode : (this.inode = inodeOf(this.fd)); }

  get isClosed(): boolean { return this.closed; }

  pin(): void { this.pins++; }

  unpin(): void {
    if (--this.pins === 0 && this.closed) nodefs.closeSync(this.fd);
  }

  override stat(): Stat | number { return fdStat(this.fs, this.fd); }

  /** fsync/fdatasync of a directory: the host's, so that names created or removed in it are durable (SQLite syncs its journal's directory). */
  override sync(): number { return hostFsync(this.fd); }

  /** getdents: names with type and inode from lstat (entries removed meanwhile are skipped). */
  override readdir(): DirEntry[] | number {
    const dir = this.listPath;
    try {
      const out: DirEntry[] = [];
      for (const name of nodefs.readdirSync(dir)) {
        const p = dir + '/' + name;
        // Number-valued stats are cheaper; an inode number beyond 2^53 is read again exactly.
        const s = nodefs.lstatSync(p, NO_THROW);
        if (s === undefined) continue;
        if (Number.isSafeInteger(s.ino)) {
          out.push({ name, type: fileTypeFromMode(s.mode), ino: BigInt(s.ino) });
        } else {
          const b = nodefs.lstatSync(p, NO_THROW_BIG);
          if (b !== undefined) out.push({ name, type: fileTypeFromMode(Number(b.mode)), ino: b.ino });
        }
      }
      return out;
    } catch (e) {
      return errnoFromError(e);
    }
  }

  override setTimes(atime: TimeSpec, mtime: TimeSpec): number { return fdSetTimes(this.fs, this.fd, atime, mtime); }

  override chmod(mode: number): number { return fdChmod(this.fs, this.fd, mode); }

  override close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pins === 0) nodefs.closeSync(this.fd);
  }
}

function fdStat(fs: HostFs, fd: number): Stat | number {
  hostIoBarrier();
  try {
    return statFromBigInt(nodefs.fstatSync(fd, { bigint: true }), fs.dev);
  } catch (e) {
    return errnoFromError(e);
  }
}

/** futimens; a read-only mount refuses it even though the host would allow it to the owner. */
function fdSetTimes(fs: HostFs, fd: number, atime: TimeSpec, mtime: TimeSpec): number {
  if (fs.readOnly) return -Errno.EROFS;
  hostIoBarrier();
  // Nanoseconds, or a time left alone: touch(1) sets them exactly through the descriptor's /proc link.
  const fdDir = hostFdDir();
  if (!nodeSetsExactly(atime, mtime) && fdDir !== undefined && !fdDir.startsWith('/proc/self/') &&
    touchTimes(fdDir + fd, false, atime, mtime) === 0) return 0;
  try {
    const s = nodefs.fstatSync(fd, { bigint: true });
    nodefs.futimesSync(fd, toSeconds(atime, s.atimeNs), toSeconds(mtime, s.mtimeNs));
    return 0;
  } catch (e) {
    return errnoFromError(e);
  }
}
