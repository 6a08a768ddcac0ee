import * as nodefs from "node:fs";
import { Errno } from "../errno.js";
import { FileType, Whence } from "./types.js";
import { BaseFileSystem } from "./filesystem.js";
import { DirectoryFile, PositionedFile } from "./file.js";
import { hostIoBarrier } from "./host_io_barrier.js";
import { errnoFromError } from "./errno_map.js";
import { fileTypeFromMode, statFromBigInt } from "./stat.js";
import { currentWalk } from "./walk_epoch.js";
import { nodeSetsExactly, touchTimes } from "./host_times.js";
import { openHostPath } from "./host_open.js";
const {
  O_RDONLY,
  O_WRONLY,
  O_RDWR,
  O_CREAT,
  O_EXCL,
  O_TRUNC,
  O_DIRECTORY,
  O_NOFOLLOW,
  O_NONBLOCK,
  O_APPEND
} = nodefs.constants;
const O_PATH = 2097152;
const DIR_FLAGS = O_PATH | O_DIRECTORY | O_NOFOLLOW;
const MAX_IO = 1 << 30;
const POOL_MAX = 32;
const REUSE_MAX = 8;
const NO_THROW = { throwIfNoEntry: false };
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const NO_THROW_BIG = { bigint: true, throwIfNoEntry: false };
let fdDirProbed = false;
let fdDirCache;
function hostFdDir() {
  if (fdDirProbed) return fdDirCache;
  fdDirProbed = true;
  if (process.platform !== "linux") return void 0;
  let fd;
  try {
    fd = nodefs.openSync("/", DIR_FLAGS);
  } catch {
    return void 0;
  }
  try {
    const own = nodefs.fstatSync(fd, { bigint: true });
    const candidates = ["/proc/self/fd/"];
    try {
      if (nodefs.readlinkSync("/proc/self") === String(process.pid)) candidates.unshift(`/proc/${process.pid}/fd/`);
    } catch {
    }
    for (const dir of candidates) {
      try {
        const s = nodefs.statSync(`${dir}${fd}/.`, { bigint: true });
        if (s.dev === own.dev && s.ino === own.ino) return fdDirCache = dir;
      } catch {
      }
    }
    return void 0;
  } finally {
    nodefs.closeSync(fd);
  }
}
function samePrefix(a, b, len) {
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) return false;
  return true;
}
const released = new FinalizationRegistry((held) => {
  for (const k of held.pool.values()) closeQuietly(k.fd);
  if (held.root >= 0) closeQuietly(held.root);
});
function closeQuietly(fd) {
  try {
    nodefs.closeSync(fd);
  } catch {
  }
}
function toSeconds(t, currentNs) {
  const ns = t === void 0 ? currentNs : t === "now" ? BigInt(Date.now()) * 1000000n : t;
  return Number(ns / 1000000000n) + Number(ns % 1000000000n) / 1e9;
}
class HostFs extends BaseFileSystem {
  name = "hostfs";
  readOnly;
  opensNoFollow = true;
  /** The host directory, symlinks resolved once at mount time. */
  root;
  /** '/proc/<pid>/fd/' where the host resolves paths through open directories, else undefined. */
  fdDir;
  /** The root's descriptor (O_PATH), -1 without fdDir. */
  rootFd;
  /** The root's device (number and bigint), for DirKeys. */
  rootDev = 0;
  rootDevBig = 0n;
  /** Kept directory descriptors (O_PATH) by identity, oldest first. */
  pool = /* @__PURE__ */ new Map();
  // The walk state: the directory the last call worked in (its first dirLen components of
  // dirNames, its descriptor) and, when that call was a lookup that found a directory, that
  // directory's name and identity.
  dirNames = [];
  dirLen = 0;
  dirFd = -1;
  dirWalk = 0;
  dirUses = 0;
  subName = void 0;
  subKey = void 0;
  // What the last lookup of the walk saw at a host path: whether a creating open of that path
  // should first try to create or to open (only the order of the attempts, never the outcome).
  seenPath = "";
  seenWalk = 0;
  seenExists = false;
  /** Mounts `hostDir`; a missing or non-directory path is a configuration error (thrown). */
  constructor(hostDir, options = {}) {
    super();
    this.readOnly = options.readOnly === true;
    let root;
    try {
      root = nodefs.realpathSync(hostDir);
    } catch (e) {
      throw new Error(`hostfs: cannot mount host directory '${hostDir}' (${e.code ?? e}): create it, or mount an existing directory`);
    }
    if (!nodefs.statSync(root).isDirectory()) {
      throw new Error(`hostfs: '${hostDir}' is not a directory: only a directory can be mounted`);
    }
    this.root = root;
    this.fdDir = hostFdDir();
    let rootFd = -1;
    if (this.fdDir !== void 0) {
      try {
        rootFd = nodefs.openSync(root, DIR_FLAGS);
        const s = nodefs.fstatSync(rootFd, { bigint: true });
        this.rootDevBig = s.dev;
        this.rootDev = Number(s.dev);
      } catch (e) {
        if (rootFd >= 0) closeQuietly(rootFd);
        throw new Error(`hostfs: cannot open host directory '${hostDir}' (${e.code ?? e}): check its permissions`);
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
  close() {
    released.unregister(this);
    for (const k of this.pool.values()) closeQuietly(k.fd);
    this.pool.clear();
    this.dirFd = -1;
    this.subName = void 0;
    if (this.rootFd >= 0) closeQuietly(this.rootFd);
    this.rootFd = -1;
    this.fdDir = void 0;
  }
  // ---- naming host objects ----
  /**
   * The host path of the last component of `path` (at least one component), or -errno for a
   * component that could name anything else. On Linux: `<fdDir><parent descriptor>/<name>`.
   */
  at(path) {
    const n = path.length;
    for (let i = 0; i < n; i++) {
      const name = path[i];
      if (name === "" || name === "." || name === ".." || name.indexOf("/") >= 0 || name.indexOf("\0") >= 0) {
        return -Errno.EINVAL;
      }
    }
    if (this.fdDir === void 0) return (this.root === "/" ? "/" : this.root + "/") + path.join("/");
    const fd = this.parentFd(path, n - 1);
    return fd < 0 ? fd : this.fdDir + fd + "/" + path[n - 1];
  }
  /**
   * A descriptor of the directory named by the first `len` components: the walk state's own, the
   * directory the previous lookup found, or a walk from the root. The state is trusted only
   * within one mount-tree walk and for a few calls (a caller that skipped the lookups re-walks).
   */
  parentFd(path, len) {
    if (len === 0) return this.atRoot();
    const names = this.dirNames;
    if (this.dirFd >= 0 && this.dirWalk === currentWalk() && this.dirUses < REUSE_MAX) {
      const have = this.dirLen;
      if (have === len && samePrefix(names, path, len)) {
        this.dirUses++;
        this.subName = void 0;
        return this.dirFd;
      }
      const sub = this.subName;
      if (sub !== void 0 && have === len - 1 && path[have] === sub && samePrefix(names, path, have)) {
        this.subName = void 0;
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
  atRoot() {
    this.dirLen = 0;
    this.dirFd = this.rootFd;
    this.dirWalk = currentWalk();
    this.dirUses = 1;
    this.subName = void 0;
    return this.rootFd;
  }
  /** Walks from the root to the first `len` components, a lookup and a descriptor per step. */
  walk(path, len) {
    const names = this.dirNames;
    this.subName = void 0;
    this.dirFd = -1;
    let fd = this.rootFd;
    for (let i = 0; i < len; i++) {
      const name = path[i];
      let s;
      try {
        s = nodefs.lstatSync(this.fdDir + fd + "/" + name, NO_THROW);
      } catch (e) {
        return errnoFromError(e);
      }
      if (s === void 0) return -Errno.ENOENT;
      if (!s.isDirectory()) return s.isSymbolicLink() ? -Errno.EACCES : -Errno.ENOTDIR;
      fd = this.enter(fd, name, this.keyOf(s));
      if (fd < 0) return fd;
    }
    for (let i = 0; i < len; i++) names[i] = path[i];
    this.dirLen = len;
    this.dirFd = fd;
    this.dirWalk = currentWalk();
    this.dirUses = 1;
    return fd;
  }
  /** The DirKey of a directory found by a number-valued lstat (undefined: the inode number lost precision). */
  keyOf(s) {
    if (!Number.isSafeInteger(s.ino)) return void 0;
    return s.dev === this.rootDev ? s.ino : s.dev + ":" + s.ino;
  }
  /** The DirKey of a directory found by a bigint-valued lstat or fstat. */
  keyOfBig(s) {
    return s.dev === this.rootDevBig && s.ino <= MAX_SAFE ? Number(s.ino) : s.dev + ":" + s.ino;
  }
  /**
   * A descriptor of directory `name` inside the directory `parent`, whose lookup reported `key`:
   * a kept one with that identity, else one opened relative to `parent` and kept.
   */
  enter(parent, name, key) {
    const pool = this.pool;
    if (key !== void 0) {
      const kept2 = pool.get(key);
      if (kept2 !== void 0) {
        kept2.used = true;
        return kept2.fd;
      }
    }
    let fd;
    try {
      fd = nodefs.openSync(this.fdDir + parent + "/" + name, DIR_FLAGS);
    } catch (e) {
      return errnoFromError(e);
    }
    let real;
    try {
      real = this.keyOfBig(nodefs.fstatSync(fd, { bigint: true }));
    } catch (e) {
      nodefs.closeSync(fd);
      return errnoFromError(e);
    }
    const kept = pool.get(real);
    if (kept !== void 0) {
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
  trim() {
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
  found(path, key) {
    if (this.fdDir === void 0) return;
    this.subName = path[path.length - 1];
    this.subKey = key;
  }
  seen(hostPath, exists) {
    this.seenPath = hostPath;
    this.seenWalk = currentWalk();
    this.seenExists = exists;
  }
  /** True when this walk's lookup of `hostPath` found something there. */
  sawExisting(hostPath) {
    return this.seenExists && this.seenWalk === currentWalk() && this.seenPath === hostPath;
  }
  /** After a rename or rmdir the walk state may name a moved directory: walk again next time. */
  forget() {
    this.dirFd = -1;
    this.subName = void 0;
  }
  /**
   * How another thread of this process looks up a name in the root as lstat() here does: the
   * host path prefix `${hostDir}${name}` (through the root's descriptor, which lives as long as
   * this mount object: a single component looked up in exactly that directory), and the device
   * number stat reports. Undefined without /proc/<pid>/fd (joined paths are not race-free).
   */
  lendableRoot() {
    return this.fdDir !== void 0 && this.rootFd >= 0 ? { hostDir: `${this.fdDir}${this.rootFd}/`, dev: this.dev } : void 0;
  }
  // ---- lookups ----
  /** lstat: host metadata with this mount's device number; symlinks are reported, not followed. */
  lstat(path) {
    this.trim();
    hostIoBarrier();
    if (path.length === 0) return this.rootStat();
    const hp = this.at(path);
    if (typeof hp === "number") return hp;
    try {
      const s = nodefs.lstatSync(hp, NO_THROW_BIG);
      this.seen(hp, s !== void 0);
      if (s === void 0) return -Errno.ENOENT;
      if (s.isDirectory()) this.found(path, this.keyOfBig(s));
      return statFromBigInt(s, this.dev);
    } catch (e) {
      return errnoFromError(e);
    }
  }
  typeOf(path) {
    this.trim();
    if (path.length === 0) {
      if (this.fdDir !== void 0) return FileType.Directory;
      const r = this.rootStat();
      return typeof r === "number" ? r : r.type;
    }
    const hp = this.at(path);
    if (typeof hp === "number") return hp;
    try {
      const s = nodefs.lstatSync(hp, NO_THROW);
      this.seen(hp, s !== void 0);
      if (s === void 0) return -Errno.ENOENT;
      const t = fileTypeFromMode(s.mode);
      if (t === FileType.Directory) this.found(path, this.keyOf(s));
      return t;
    } catch (e) {
      return errnoFromError(e);
    }
  }
  rootStat() {
    try {
      const s = this.rootFd >= 0 ? nodefs.fstatSync(this.rootFd, { bigint: true }) : nodefs.lstatSync(this.root, { bigint: true });
      return statFromBigInt(s, this.dev);
    } catch (e) {
      return errnoFromError(e);
    }
  }
  /** The type at a host path already named by at(), without touching the walk state. */
  typeAt(hp) {
    try {
      const s = nodefs.lstatSync(hp, NO_THROW);
      return s === void 0 ? -Errno.ENOENT : fileTypeFromMode(s.mode);
    } catch (e) {
      return errnoFromError(e);
    }
  }
  // ---- open ----
  /** open: regular files and directories only (a host FIFO or device is ENXIO); EROFS on a read-only mount. */
  open(path, flags) {
    this.trim();
    hostIoBarrier();
    const isRoot = path.length === 0;
    const hp = isRoot ? this.rootFd >= 0 ? this.fdDir + this.rootFd : this.root : this.at(path);
    if (typeof hp === "number") return hp;
    if (this.readOnly && (flags.write || flags.truncate || flags.create)) {
      const t = isRoot ? FileType.Directory : this.typeAt(hp);
      if (t === FileType.Directory) return -Errno.EISDIR;
      if (flags.write || flags.truncate || t === -Errno.ENOENT) return -Errno.EROFS;
      if (t < 0) return t;
      if (flags.exclusive) return -Errno.EEXIST;
    }
    let num = flags.write ? flags.read ? O_RDWR : O_WRONLY : O_RDONLY;
    num |= O_NONBLOCK;
    if (!(isRoot && this.rootFd >= 0)) num |= O_NOFOLLOW;
    if (flags.create && !this.readOnly) num |= O_CREAT;
    if (flags.exclusive && !this.readOnly) num |= O_EXCL;
    if (flags.truncate) num |= O_TRUNC;
    if (flags.directory) num |= O_DIRECTORY;
    const mode = (flags.mode ?? 438) & 4095;
    const opened = openHostPath(hp, num, mode, this.sawExisting(hp));
    if (typeof opened === "number") return opened;
    const read = (num & O_WRONLY) === 0, write = (num & (O_WRONLY | O_RDWR)) !== 0;
    return opened.type === FileType.Directory ? new HostDir(this, opened.fd, this.fdDir !== void 0 ? this.fdDir + opened.fd : hp) : new HostFile(this, opened.fd, flags.append === true, read, write);
  }
  /**
   * The open file of host descriptor `fd`, which another thread of this process opened with
   * openHostPath in this mount's root (lendableRoot): a regular file there, or the root itself
   * (`directory`). `read`/`write`: how the descriptor was opened. It is the file's from now on.
   */
  adoptHostFile(fd, directory, read, write) {
    return directory ? new HostDir(this, fd, this.fdDir !== void 0 ? this.fdDir + fd : this.root) : new HostFile(this, fd, false, read, write);
  }
  // ---- changes ----
  /**
   * Runs a host namespace call on the host path of `path`; `atRoot` answers for the mount root
   * itself (which no call here may replace or remove).
   */
  change(path, atRoot, call) {
    this.trim();
    hostIoBarrier();
    if (path.length === 0) return atRoot;
    const hp = this.at(path);
    if (typeof hp === "number") return hp;
    try {
      call(hp);
      return 0;
    } catch (e) {
      return errnoFromError(e);
    }
  }
  /** Two-path calls (rename, link): each parent reached on its own; the first stays open meanwhile. */
  change2(from, to, call) {
    this.trim();
    hostIoBarrier();
    const a = this.at(from);
    if (typeof a === "number") return a;
    const b = this.at(to);
    if (typeof b === "number") return b;
    try {
      call(a, b);
      return 0;
    } catch (e) {
      return errnoFromError(e);
    }
  }
  mkdir(path, mode) {
    if (this.readOnly) return super.mkdir(path, mode);
    const want = mode & 4095;
    const r = this.change(path, -Errno.EEXIST, (p) => nodefs.mkdirSync(p, want));
    if (r < 0) return r;
    const hp = this.at(path);
    if (typeof hp === "string") {
      try {
        const s = nodefs.lstatSync(hp, NO_THROW);
        if (s !== void 0 && s.isDirectory() && (s.mode & 4095) === want) return 0;
      } catch {
      }
    }
    return this.onNode(path, (p) => nodefs.chmodSync(p, want));
  }
  rmdir(path) {
    if (this.readOnly) return super.rmdir(path);
    const r = this.change(path, -Errno.EBUSY, (p) => nodefs.rmdirSync(p));
    this.forget();
    return r;
  }
  unlink(path) {
    if (this.readOnly) return super.unlink(path);
    return this.change(path, -Errno.EISDIR, (p) => nodefs.unlinkSync(p));
  }
  rename(from, to) {
    if (this.readOnly) return super.rename(from, to);
    if (from.length === 0 || to.length === 0) return -Errno.EBUSY;
    const r = this.change2(from, to, (a, b) => nodefs.renameSync(a, b));
    this.forget();
    return r;
  }
  /** symlink: the target is stored verbatim; the guest tree interprets it, the host never follows it for us. */
  symlink(target, path) {
    if (this.readOnly) return super.symlink(target, path);
    return this.change(path, -Errno.EEXIST, (p) => nodefs.symlinkSync(target, p));
  }
  readlink(path) {
    this.trim();
    if (path.length === 0) return -Errno.EINVAL;
    const hp = this.at(path);
    if (typeof hp === "number") return hp;
    try {
      return nodefs.readlinkSync(hp);
    } catch (e) {
      return errnoFromError(e);
    }
  }
  /** link: link(2) does not follow a symlink given as the source. */
  link(from, to) {
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
  onNode(path, call) {
    this.trim();
    hostIoBarrier();
    if (this.fdDir === void 0) {
      const hp2 = path.length === 0 ? this.root : this.at(path);
      if (typeof hp2 === "number") return hp2;
      try {
        call(hp2);
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
    if (typeof hp === "number") return hp;
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
  chmod(path, mode) {
    if (this.readOnly) return this.present(path);
    return this.onNode(path, (p) => nodefs.chmodSync(p, mode & 4095));
  }
  /** access: the host's answer for this process (its uid, the host file's mode and owner, ACLs). */
  access(path, amode) {
    return this.onNode(path, (p) => nodefs.accessSync(p, amode & 7));
  }
  /** utimensat without following: lutimes, a time left alone re-applied from lstat. */
  setTimes(path, atime, mtime) {
    hostIoBarrier();
    if (this.readOnly) return super.setTimes(path, atime, mtime);
    this.trim();
    let hp;
    let follow = false;
    if (path.length > 0) {
      hp = this.at(path);
    } else if (this.rootFd >= 0) {
      hp = this.fdDir + this.rootFd;
      follow = true;
    } else {
      hp = this.root;
    }
    if (typeof hp === "number") return hp;
    if (!nodeSetsExactly(atime, mtime) && !hp.startsWith("/proc/self/") && touchTimes(hp, !follow, atime, mtime) === 0) return 0;
    try {
      let atimeNs = 0n, mtimeNs = 0n;
      if (atime === void 0 || mtime === void 0) {
        const s = follow ? nodefs.fstatSync(this.rootFd, { bigint: true }) : nodefs.lstatSync(hp, NO_THROW_BIG);
        if (s === void 0) return -Errno.ENOENT;
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
function fdChmod(fs, fd, mode) {
  if (fs.readOnly) return -Errno.EROFS;
  hostIoBarrier();
  try {
    nodefs.fchmodSync(fd, mode & 4095);
    return 0;
  } catch (e) {
    return errnoFromError(e);
  }
}
function lendableHostFile(file) {
  return (file instanceof HostFile || file instanceof HostDir) && !file.isClosed ? file : void 0;
}
function closeHostFile(fd) {
  hostIoBarrier();
  let unlinked = false;
  try {
    unlinked = nodefs.fstatSync(fd).nlink === 0;
  } catch {
  }
  if (!unlinked) {
    nodefs.closeSync(fd);
    return;
  }
  pendingCloses++;
  nodefs.close(fd, () => {
    if (--pendingCloses === 0) for (const done of closesSettled.splice(0)) done();
  });
}
let pendingCloses = 0;
const closesSettled = [];
function hostClosesSettled() {
  return pendingCloses === 0 ? Promise.resolve() : new Promise((resolve) => closesSettled.push(resolve));
}
class HostFile extends PositionedFile {
  constructor(fs, fd, append, hostReadable, hostWritable) {
    super(append);
    this.fs = fs;
    this.fd = fd;
    this.hostReadable = hostReadable;
    this.hostWritable = hostWritable;
  }
  fs;
  fd;
  hostReadable;
  hostWritable;
  closed = false;
  pins = 0;
  /**
   * O_APPEND writes go through a second host descriptor of the file with O_APPEND (opened at the
   * first, through /proc/self/fd), so the host kernel puts them at the end atomically, also
   * against host processes appending to the file, as Linux appends. -1: not opened yet. The
   * main descriptor stays without O_APPEND: pwrite and shared mappings write where they say.
   */
  appendFd = -1;
  /** The offset is the append descriptor's position (the end of the last append), not read yet. */
  offsetAtAppend = false;
  get hostFd() {
    return this.fd;
  }
  get dev() {
    return this.fs.dev;
  }
  inode = -1;
  get ino() {
    return this.inode >= 0 ? this.inode : this.inode = inodeOf(this.fd);
  }
  get isClosed() {
    return this.closed;
  }
  pin() {
    this.pins++;
  }
  unpin() {
    if (--this.pins === 0 && this.closed) closeHostFile(this.fd);
  }
  /** write: in append mode at the host file's end, atomically (see appendFd). */
  write(buf) {
    if (!this.append) return super.write(buf);
    hostIoBarrier();
    const fdDir = hostFdDir();
    if (fdDir === void 0) return super.write(buf);
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
  settleOffset() {
    if (!this.offsetAtAppend) return;
    this.offsetAtAppend = false;
    try {
      const info = nodefs.readFileSync(`${hostFdDir().slice(0, -3)}fdinfo/${this.appendFd}`, "latin1");
      const pos = /^pos:\s*(\d+)/m.exec(info);
      if (pos !== null) {
        this.offset = Number(pos[1]);
        return;
      }
    } catch {
    }
    const end = this.size();
    if (end >= 0) this.offset = end;
  }
  read(buf) {
    this.settleOffset();
    return super.read(buf);
  }
  seek(offset, whence) {
    if (whence === Whence.End) this.offsetAtAppend = false;
    else this.settleOffset();
    return super.seek(offset, whence);
  }
  available() {
    this.settleOffset();
    return super.available();
  }
  pread(buf, position) {
    if (position < 0) return -Errno.EINVAL;
    hostIoBarrier();
    try {
      return nodefs.readSync(this.fd, buf, 0, Math.min(buf.length, MAX_IO), position);
    } catch (e) {
      return errnoFromError(e);
    }
  }
  pwrite(buf, position) {
    if (position < 0) return -Errno.EINVAL;
    hostIoBarrier();
    try {
      return nodefs.writeSync(this.fd, buf, 0, Math.min(buf.length, MAX_IO), position);
    } catch (e) {
      return errnoFromError(e);
    }
  }
  size() {
    hostIoBarrier();
    try {
      return nodefs.fstatSync(this.fd).size;
    } catch (e) {
      return errnoFromError(e);
    }
  }
  stat() {
    return fdStat(this.fs, this.fd);
  }
  setSize(size) {
    if (size < 0 || !Number.isSafeInteger(size)) return -Errno.EINVAL;
    hostIoBarrier();
    try {
      nodefs.ftruncateSync(this.fd, size);
      return 0;
    } catch (e) {
      return errnoFromError(e);
    }
  }
  setTimes(atime, mtime) {
    return fdSetTimes(this.fs, this.fd, atime, mtime);
  }
  chmod(mode) {
    return fdChmod(this.fs, this.fd, mode);
  }
  /** fsync: the host's. */
  sync() {
    return hostFsync(this.fd);
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    if (this.pins === 0) closeHostFile(this.fd);
    if (this.appendFd >= 0) closeHostFile(this.appendFd);
  }
}
function inodeOf(fd) {
  try {
    return nodefs.fstatSync(fd).ino;
  } catch {
    return 0;
  }
}
function hostFsync(fd) {
  hostIoBarrier();
  try {
    nodefs.fsyncSync(fd);
    return 0;
  } catch (e) {
    return errnoFromError(e);
  }
}
class HostDir extends DirectoryFile {
  /** `listPath` names the directory for listing: `<fdDir><fd>` on Linux (wherever it has moved), else its host path. */
  constructor(fs, fd, listPath) {
    super();
    this.fs = fs;
    this.fd = fd;
    this.listPath = listPath;
  }
  fs;
  fd;
  listPath;
  closed = false;
  pins = 0;
  hostReadable = false;
  hostWritable = false;
  get hostFd() {
    return this.fd;
  }
  get dev() {
    return this.fs.dev;
  }
  inode = -1;
  get ino() {
    return this.inode >= 0 ? this.inode : this.inode = inodeOf(this.fd);
  }
  get isClosed() {
    return this.closed;
  }
  pin() {
    this.pins++;
  }
  unpin() {
    if (--this.pins === 0 && this.closed) nodefs.closeSync(this.fd);
  }
  stat() {
    return fdStat(this.fs, this.fd);
  }
  /** fsync/fdatasync of a directory: the host's, so that names created or removed in it are durable (SQLite syncs its journal's directory). */
  sync() {
    return hostFsync(this.fd);
  }
  /** getdents: names with type and inode from lstat (entries removed meanwhile are skipped). */
  readdir() {
    const dir = this.listPath;
    try {
      const out = [];
      for (const name of nodefs.readdirSync(dir)) {
        const p = dir + "/" + name;
        const s = nodefs.lstatSync(p, NO_THROW);
        if (s === void 0) continue;
        if (Number.isSafeInteger(s.ino)) {
          out.push({ name, type: fileTypeFromMode(s.mode), ino: BigInt(s.ino) });
        } else {
          const b = nodefs.lstatSync(p, NO_THROW_BIG);
          if (b !== void 0) out.push({ name, type: fileTypeFromMode(Number(b.mode)), ino: b.ino });
        }
      }
      return out;
    } catch (e) {
      return errnoFromError(e);
    }
  }
  setTimes(atime, mtime) {
    return fdSetTimes(this.fs, this.fd, atime, mtime);
  }
  chmod(mode) {
    return fdChmod(this.fs, this.fd, mode);
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    if (this.pins === 0) nodefs.closeSync(this.fd);
  }
}
function fdStat(fs, fd) {
  hostIoBarrier();
  try {
    return statFromBigInt(nodefs.fstatSync(fd, { bigint: true }), fs.dev);
  } catch (e) {
    return errnoFromError(e);
  }
}
function fdSetTimes(fs, fd, atime, mtime) {
  if (fs.readOnly) return -Errno.EROFS;
  hostIoBarrier();
  const fdDir = hostFdDir();
  if (!nodeSetsExactly(atime, mtime) && fdDir !== void 0 && !fdDir.startsWith("/proc/self/") && touchTimes(fdDir + fd, false, atime, mtime) === 0) return 0;
  try {
    const s = nodefs.fstatSync(fd, { bigint: true });
    nodefs.futimesSync(fd, toSeconds(atime, s.atimeNs), toSeconds(mtime, s.mtimeNs));
    return 0;
  } catch (e) {
    return errnoFromError(e);
  }
}
export {
  HostFs,
  hostClosesSettled,
  lendableHostFile
};
