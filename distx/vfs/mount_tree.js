import { Errno } from "../errno.js";
import {
  AccessMode,
  FileType
} from "./types.js";
import { Cursor } from "./cursor.js";
import { MountedDir, VirtualDir } from "./mount_dir.js";
import { RoFs } from "./rofs.js";
import { isAbsolute, isDotName, nameTooLong, pathTooLong, pushComponents, PATH_MAX, SYMLOOP_MAX } from "./path.js";
import { makeStat, nextDeviceId } from "./stat.js";
import { nextWalk } from "./walk_epoch.js";
function typeOfStat(s) {
  return typeof s === "number" ? s : s.type;
}
class MountTree {
  root;
  /** Device of the directories the tree synthesizes on the way to mount points. */
  dev = nextDeviceId();
  nextIno = 1n;
  /** True while '/' is the empty placeholder, which a later mount('/') replaces. */
  placeholderRoot;
  // Two reusable cursors: calls never nest (back ends do not call the tree), rename needs two.
  a;
  b;
  /**
   * Advanced (in shared memory) by every mount and unmount: another core that answers lookups of
   * a mount's root by itself (guest/dir_lending.ts) checks it before each one, and forwards the
   * call once the tree has changed.
   */
  generation = new Int32Array(new SharedArrayBuffer(4));
  constructor(rootFs) {
    this.root = this.newNode("", void 0);
    this.placeholderRoot = rootFs === void 0;
    this.root.mount = { path: "/", fs: rootFs ?? new RoFs(), node: this.root };
    this.a = new Cursor(this.root);
    this.b = new Cursor(this.root);
  }
  // ---- mounts ----
  /** mount: attaches `fs` at a lexically normalized absolute path; EBUSY if one is there. */
  mount(guestPath, fs) {
    const names = this.lexical(guestPath);
    if (typeof names === "number") return names;
    let node = this.root;
    for (const name of names) {
      let next = node.children.get(name);
      if (next === void 0) {
        next = this.newNode(name, node);
        node.children.set(name, next);
      }
      node = next;
    }
    if (node.mount !== void 0 && !(node === this.root && this.placeholderRoot)) return -Errno.EBUSY;
    if (node === this.root) this.placeholderRoot = false;
    node.mount = { path: "/" + names.join("/"), fs, node };
    Atomics.add(this.generation, 0, 1);
    return 0;
  }
  /** umount: EINVAL if nothing is mounted there, EBUSY for '/' or with mounts below. */
  unmount(guestPath) {
    const names = this.lexical(guestPath);
    if (typeof names === "number") return names;
    let node = this.root;
    for (const name of names) node = node?.children.get(name);
    if (node?.mount === void 0) return -Errno.EINVAL;
    if (node === this.root || this.hasMountBelow(node)) return -Errno.EBUSY;
    node.mount = void 0;
    Atomics.add(this.generation, 0, 1);
    while (node !== this.root && node.mount === void 0 && node.children.size === 0) {
      node.parent.children.delete(node.name);
      node = node.parent;
    }
    return 0;
  }
  /**
   * The file system mounted at exactly `dir` (canonical and absolute, as the mount's own path) when
   * no other mount lies below it: every path `dir/name` then names `name` in that file system's
   * root, whatever the tree's other file systems hold (mount points are found by name alone).
   */
  leafMountAt(dir) {
    let node = this.root;
    if (dir !== "/") {
      for (const name of dir.slice(1).split("/")) {
        node = node.children.get(name);
        if (node === void 0) return void 0;
      }
    }
    if (node.mount === void 0 || node.children.size > 0 || node === this.root && this.placeholderRoot) return void 0;
    return node.mount.path === dir ? node.mount.fs : void 0;
  }
  mounts() {
    const out = [];
    const visit = (node) => {
      if (node.mount !== void 0 && !(node === this.root && this.placeholderRoot)) {
        out.push({ path: node.mount.path, fs: node.mount.fs });
      }
      for (const child of node.children.values()) visit(child);
    };
    visit(this.root);
    return out.sort((x, y) => y.path.length - x.path.length);
  }
  // ---- operations ----
  /** open: follows the final symlink unless !followLast (then ELOOP); O_CREAT through a dangling link creates its target. */
  open(path, flags, followLast = true) {
    if (flags.create && flags.directory) return -Errno.EINVAL;
    const c = this.a;
    const r = this.begin(c, path);
    if (r < 0) return r;
    for (; ; ) {
      const name = this.walkParent(c);
      if (typeof name === "number") return name;
      if (isDotName(name)) {
        if (name === ".." && !c.upWithin()) return -Errno.ENOTCAPABLE;
        if (flags.create && flags.exclusive) return -Errno.EEXIST;
        return this.openAt(c, FileType.Directory, flags);
      }
      if (!flags.create && c.fs.opensNoFollow === true && !c.mustDir && c.child(name) === void 0 && !nameTooLong(name)) {
        const f = c.fs.open(c.relWith(name), flags);
        if (f !== -Errno.ELOOP && f !== -Errno.ENOTDIR) {
          if (typeof f !== "number") c.down(name);
          return f;
        }
      }
      const t = this.lookup(c, name);
      if (t === -Errno.ENOENT) {
        if (!flags.create) return t;
        if (c.mustDir) return -Errno.EISDIR;
        return c.fs.open(c.relWith(name), flags);
      }
      if (t < 0) return t;
      if (flags.create && flags.exclusive) return -Errno.EEXIST;
      if (t === FileType.SymbolicLink) {
        if (!followLast && !c.mustDir) return -Errno.ELOOP;
        const f = this.followLink(c, name);
        if (f < 0) return f;
        continue;
      }
      if (c.mustDir && t !== FileType.Directory) return -Errno.ENOTDIR;
      c.down(name);
      return this.openAt(c, t, flags);
    }
  }
  /** stat/lstat. */
  stat(path, followLast = true) {
    const c = this.a;
    const t = this.resolve(c, path, followLast, true);
    if (t < 0) return t;
    return c.stat ?? this.statAt(c);
  }
  /** mkdir: EEXIST for any existing name, mount points included. */
  mkdir(path, mode = 511) {
    const c = this.a;
    const name = this.resolveParent(c, path);
    if (typeof name === "number") return name;
    if (isDotName(name) || c.child(name) !== void 0) return -Errno.EEXIST;
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    return c.fs.mkdir(c.relWith(name), mode);
  }
  /** mkfifo: a named pipe where the back end has them (tmpfs), else EPERM (EROFS read-only). */
  mkfifo(path, mode) {
    const c = this.a;
    const name = this.resolveParent(c, path);
    if (typeof name === "number") return name;
    if (isDotName(name) || c.child(name) !== void 0) return -Errno.EEXIST;
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    if (c.fs.mkfifo !== void 0) return c.fs.mkfifo(c.relWith(name), mode);
    const t = this.typeIn(c.fs, c.relWith(name));
    return t >= 0 ? -Errno.EEXIST : c.fs.readOnly ? -Errno.EROFS : -Errno.EPERM;
  }
  /** bind(AF_UNIX): a socket node where the back end keeps them (tmpfs); EOPNOTSUPP elsewhere (EROFS read-only). */
  bindSocket(path, mode, endpoint) {
    const c = this.a;
    const name = this.resolveParent(c, path);
    if (typeof name === "number") return name;
    if (isDotName(name) || c.child(name) !== void 0) return -Errno.EEXIST;
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    if (c.mustDir) return -Errno.ENOENT;
    const t = this.typeIn(c.fs, c.relWith(name));
    if (t >= 0) return -Errno.EEXIST;
    if (c.fs.bindSocket !== void 0) return c.fs.bindSocket(c.relWith(name), mode, endpoint);
    return c.fs.readOnly ? -Errno.EROFS : -Errno.ENOTSUP;
  }
  /** connect(AF_UNIX): the endpoint at `path`; ECONNREFUSED for anything but a bound socket node. */
  boundSocket(path) {
    const c = this.a;
    const t = this.resolve(c, path, true);
    if (t < 0) return t;
    if (t !== FileType.SocketStream || c.fs.boundSocket === void 0) return -Errno.ECONNREFUSED;
    const ep = c.fs.boundSocket(c.rel());
    return typeof ep === "number" ? ep : ep ?? -Errno.ECONNREFUSED;
  }
  abstractSockets = /* @__PURE__ */ new Map();
  /** rmdir: '.' is EINVAL, '..' ENOTEMPTY, '/' and mount points EBUSY. */
  rmdir(path) {
    const c = this.a;
    const name = this.resolveParent(c, path);
    if (typeof name === "number") return name;
    if (name === ".") return -Errno.EINVAL;
    if (name === "..") return -Errno.ENOTEMPTY;
    if (name === "" || c.child(name) !== void 0) return -Errno.EBUSY;
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    return c.fs.rmdir(c.relWith(name));
  }
  /** unlink: directories (mount points, trailing-slash names) are EISDIR. */
  unlink(path) {
    const c = this.a;
    const name = this.resolveParent(c, path);
    if (typeof name === "number") return name;
    if (isDotName(name) || c.child(name) !== void 0) return -Errno.EISDIR;
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    if (c.mustDir) {
      const t = this.resolve(c, path, true);
      return t < 0 ? t : t === FileType.Directory ? -Errno.EISDIR : -Errno.ENOTDIR;
    }
    return c.fs.unlink(c.relWith(name));
  }
  /** rename: EXDEV across mounts, EBUSY for mount points and '/', EINVAL into itself. */
  rename(from, to) {
    const ca = this.a, cb = this.b;
    const na = this.resolveParent(ca, from);
    if (typeof na === "number") return na;
    const nb = this.resolveParent(cb, to);
    if (typeof nb === "number") return nb;
    if (isDotName(na) || isDotName(nb) || ca.child(na) !== void 0 || cb.child(nb) !== void 0) {
      return -Errno.EBUSY;
    }
    if (nameTooLong(na) || nameTooLong(nb)) return -Errno.ENAMETOOLONG;
    const src = ca.relWith(na);
    const t = this.typeIn(ca.fs, src);
    if (t < 0) return t;
    if (ca.mount !== cb.mount) return -Errno.EXDEV;
    if ((ca.mustDir || cb.mustDir) && t !== FileType.Directory) return -Errno.ENOTDIR;
    const dst = cb.relWith(nb);
    if (isPrefix(src, dst)) return src.length === dst.length ? 0 : -Errno.EINVAL;
    return ca.fs.rename(src, dst);
  }
  /** symlink: the target is stored as given; it is resolved (in the guest tree) when used. */
  symlink(target, path) {
    if (target.length === 0) return -Errno.ENOENT;
    if (target.indexOf("\0") >= 0) return -Errno.EINVAL;
    if (pathTooLong(target)) return -Errno.ENAMETOOLONG;
    const c = this.a;
    const name = this.resolveParent(c, path);
    if (typeof name === "number") return name;
    const e = this.createAt(c, name);
    return e < 0 ? e : c.fs.symlink(target, c.relWith(name));
  }
  /** readlink: EINVAL when the final component is not a symlink. */
  readlink(path) {
    const c = this.a;
    const t = this.resolve(c, path, false);
    if (t < 0) return t;
    if (t !== FileType.SymbolicLink) return -Errno.EINVAL;
    return c.fs.readlink(c.rel());
  }
  /** link: hard links to directories are EPERM, across mounts EXDEV. */
  link(from, to, followFrom = false) {
    const ca = this.a, cb = this.b;
    const t = this.resolve(ca, from, followFrom);
    if (t < 0) return t;
    if (t === FileType.Directory) return -Errno.EPERM;
    const name = this.resolveParent(cb, to);
    if (typeof name === "number") return name;
    const e = this.createAt(cb, name);
    if (e < 0) return e;
    if (ca.mount !== cb.mount) return -Errno.EXDEV;
    return ca.fs.link(ca.rel(), cb.relWith(name));
  }
  /** utimensat. */
  setTimes(path, followLast, atime, mtime) {
    const c = this.a;
    const t = this.resolve(c, path, followLast);
    if (t < 0) return t;
    if (this.isVirtual(c)) return -Errno.EROFS;
    return c.fs.setTimes(c.rel(), atime, mtime);
  }
  /** chmod/fchmodat: the node's permission bits; a symlink itself (not followed) is EOPNOTSUPP, as on Linux. */
  chmod(path, mode, followLast) {
    const c = this.a;
    const t = this.resolve(c, path, followLast);
    if (t < 0) return t;
    if (t === FileType.SymbolicLink) return -Errno.ENOTSUP;
    if (this.isVirtual(c)) return -Errno.EROFS;
    return c.fs.chmod?.(c.rel(), mode & 4095) ?? -Errno.EROFS;
  }
  /**
   * access/faccessat. W_OK on a read-only mount is EROFS (for files, directories and symlinks, as
   * Linux). A back end with its own check (hostfs) answers; otherwise the mode bits decide: uid 0
   * may read and write anything and execute what has any x bit (directories: search always);
   * another uid is taken as the owner of every node (the guest has one user per machine).
   */
  access(path, amode, followLast, who) {
    const c = this.a;
    const t = this.resolve(c, path, followLast, true);
    if (t < 0) return t;
    if (amode === 0) return 0;
    if ((amode & AccessMode.W) !== 0 && c.fs.readOnly && (t === FileType.RegularFile || t === FileType.Directory || t === FileType.SymbolicLink)) {
      return -Errno.EROFS;
    }
    const virtual = this.isVirtual(c);
    if (c.fs.access !== void 0 && !virtual) return c.fs.access(c.rel(), amode);
    const st = c.stat ?? this.statAt(c);
    if (typeof st === "number") return st;
    return modeAllows(st.mode, st.type, amode, who) ? 0 : -Errno.EACCES;
  }
  /**
   * Runs `fn` with the walks of its first and second path (cursor a, cursor b) confined beneath
   * `floors[0]` and `floors[1]` (guest paths of directories; undefined: not confined): '..' above
   * the floor and absolute symlink targets are ENOTCAPABLE there (WASI's rule for paths relative
   * to a directory descriptor).
   */
  confined(floors, fn) {
    const fa = this.depthOf(floors[0]), fb = this.depthOf(floors[1]);
    const pa = this.a.floor, pb = this.b.floor;
    this.a.floor = fa;
    this.b.floor = fb;
    try {
      return fn();
    } finally {
      this.a.floor = pa;
      this.b.floor = pb;
    }
  }
  /** The number of components of a lexically normalized guest path; -1 for none. */
  depthOf(path) {
    if (path === void 0) return -1;
    const names = this.lexical(path);
    return typeof names === "number" ? -1 : names.length;
  }
  /** realpath: the canonical guest path. */
  realpath(path) {
    const c = this.a;
    const t = this.resolve(c, path, true);
    return t < 0 ? t : c.guestPath();
  }
  followedLink() {
    return this.a.hops > 0;
  }
  openedPath() {
    return this.a.guestPath();
  }
  // ---- resolution ----
  /** Starts a walk of `path` at the guest root (relative paths too: the syscall layer made them absolute). */
  begin(c, path) {
    if (path.length === 0) return -Errno.ENOENT;
    if (pathTooLong(path)) return -Errno.ENAMETOOLONG;
    if (path.indexOf("\0") >= 0) return -Errno.EINVAL;
    nextWalk();
    c.reset();
    c.mustDir = pushComponents(c.pending, path);
    return 0;
  }
  /**
   * Walks every pending component but the last, entering directories and splicing symlinks.
   * Returns the last component ('' when the path was '/'), which the caller handles.
   */
  walkParent(c) {
    const pending = c.pending;
    while (pending.length > 1) {
      const name = pending.pop();
      if (name === ".") continue;
      if (name === "..") {
        if (!c.upWithin()) return -Errno.ENOTCAPABLE;
        continue;
      }
      const t = this.lookup(c, name);
      if (t === FileType.Directory) {
        c.down(name);
        continue;
      }
      if (t === FileType.SymbolicLink) {
        const f = this.followLink(c, name);
        if (f < 0) return f;
        continue;
      }
      return t < 0 ? t : -Errno.ENOTDIR;
    }
    return pending.length > 0 ? pending.pop() : "";
  }
  /** Walks to the directory holding the last component and returns that component. */
  resolveParent(c, path) {
    const r = this.begin(c, path);
    if (r < 0) return r;
    const name = this.walkParent(c);
    if (name === ".." && c.floor >= 0 && c.names.length <= c.floor) return -Errno.ENOTCAPABLE;
    return name;
  }
  /**
   * Walks the whole path; the cursor ends on the node, whose type is returned. With `wantStat`
   * the final node is looked up with a full lstat, left in c.stat (not for mount points).
   */
  resolve(c, path, followLast, wantStat = false) {
    const r = this.begin(c, path);
    if (r < 0) return r;
    for (; ; ) {
      const name = this.walkParent(c);
      if (typeof name === "number") return name;
      if (isDotName(name)) {
        if (name === ".." && !c.upWithin()) return -Errno.ENOTCAPABLE;
        c.stat = void 0;
        return FileType.Directory;
      }
      const t = wantStat ? this.lookupStat(c, name) : this.lookup(c, name);
      if (t < 0) return t;
      if (t === FileType.SymbolicLink && (followLast || c.mustDir)) {
        const f = this.followLink(c, name);
        if (f < 0) return f;
        continue;
      }
      if (c.mustDir && t !== FileType.Directory) return -Errno.ENOTDIR;
      c.down(name);
      return t;
    }
  }
  /** The type of `name` in the cursor's directory: mount points (and the way to them) are directories. */
  lookup(c, name) {
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    if (c.child(name) !== void 0) return FileType.Directory;
    return this.typeIn(c.fs, c.relWith(name));
  }
  /** lookup() with the full lstat kept in c.stat (undefined for mount points and the way to them). */
  lookupStat(c, name) {
    c.stat = void 0;
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    if (c.child(name) !== void 0) return FileType.Directory;
    const s = c.fs.lstat(c.relWith(name));
    if (typeof s === "number") return s;
    c.stat = s;
    return s.type;
  }
  typeIn(fs, rel) {
    return fs.typeOf !== void 0 ? fs.typeOf(rel) : typeOfStat(fs.lstat(rel));
  }
  /** Splices the target of symlink `name` (in the cursor's directory) onto the pending components. */
  followLink(c, name) {
    if (++c.hops > SYMLOOP_MAX) return -Errno.ELOOP;
    const target = c.fs.readlink(c.relWith(name));
    if (typeof target === "number") return target;
    if (target.length === 0) return -Errno.ENOENT;
    if (target.length >= PATH_MAX) return -Errno.ENAMETOOLONG;
    const wasLast = c.pending.length === 0;
    if (isAbsolute(target)) {
      if (c.floor >= 0) return -Errno.ENOTCAPABLE;
      c.toRoot();
    }
    const trailing = pushComponents(c.pending, target);
    if (wasLast && trailing) c.mustDir = true;
    return 0;
  }
  /** The checks before creating `name` in the cursor's directory (symlink, link): 0 or -errno. */
  createAt(c, name) {
    if (isDotName(name)) return -Errno.EEXIST;
    const t = this.lookup(c, name);
    if (t >= 0) return -Errno.EEXIST;
    if (t !== -Errno.ENOENT) return t;
    return c.mustDir ? -Errno.ENOENT : 0;
  }
  // ---- the node under the cursor ----
  /** A directory that exists only because a mount lies below it (the back end lacks it). */
  isVirtual(c) {
    const node = c.node;
    return node !== void 0 && node.mount === void 0 && this.typeIn(c.fs, c.rel()) !== FileType.Directory;
  }
  statAt(c) {
    return this.isVirtual(c) ? this.virtualStat(c.node) : c.fs.lstat(c.rel());
  }
  openAt(c, t, flags) {
    if (t !== FileType.Directory) {
      if (flags.directory) return -Errno.ENOTDIR;
      return c.fs.open(c.rel(), flags);
    }
    if (flags.write || flags.truncate || flags.create) return -Errno.EISDIR;
    const node = c.node;
    if (node === void 0 || node.children.size === 0) return c.fs.open(c.rel(), flags);
    const entries = () => this.mountEntries(node);
    if (this.isVirtual(c)) return new VirtualDir(() => this.virtualStat(node), entries);
    const inner = c.fs.open(c.rel(), flags);
    return typeof inner === "number" ? inner : new MountedDir(inner, entries);
  }
  /** Listing entries for the mount points (and directories leading to them) inside `node`. */
  mountEntries(node) {
    const out = [];
    for (const [name, child] of node.children) {
      let ino = child.ino;
      if (child.mount !== void 0) {
        const s = child.mount.fs.lstat([]);
        if (typeof s !== "number") ino = s.ino;
      }
      out.push({ name, type: FileType.Directory, ino });
    }
    return out;
  }
  virtualStat(node) {
    return { ...makeStat(FileType.Directory, this.dev, node.ino), mode: 365 };
  }
  // ---- mount trie ----
  newNode(name, parent) {
    return { name, parent, children: /* @__PURE__ */ new Map(), mount: void 0, ino: this.nextIno++ };
  }
  hasMountBelow(node) {
    for (const child of node.children.values()) {
      if (child.mount !== void 0 || this.hasMountBelow(child)) return true;
    }
    return false;
  }
  /** Components of an absolute mount path, '.' and '..' applied lexically. */
  lexical(path) {
    if (!isAbsolute(path) || path.indexOf("\0") >= 0) return -Errno.EINVAL;
    const stack = [];
    pushComponents(stack, path);
    const names = [];
    while (stack.length > 0) {
      const name = stack.pop();
      if (name === "..") names.pop();
      else if (name !== ".") names.push(name);
    }
    return names;
  }
}
function modeAllows(mode, type, amode, who) {
  if (who.uid === 0) {
    if ((amode & AccessMode.X) === 0) return true;
    return type === FileType.Directory || (mode & 73) !== 0;
  }
  const bits = mode >> 6 & 7;
  return (bits & amode) === amode;
}
function isPrefix(a, b) {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
export {
  MountTree,
  modeAllows
};
