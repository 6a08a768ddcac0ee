// The mount tree (L4Re Mount_tree, Genode Dir_file_system): guest paths in, back-end calls out.
// Resolution walks one component at a time on the back end that owns the prefix (lstat per
// prefix, readlink and splice for symlinks), so a back end only ever sees component arrays
// relative to its own root and no path leaves the guest tree.
import { Errno } from '../errno.js';
import {
  AccessMode, FileType, type Credentials, type DirEntry, type FileSystem, type FsUsage, TMPFS_MAGIC, type OpenFile, type OpenFlags, type Stat,
  type TimeSpec, type Vfs,
} from './types.js';
import { Cursor, type TrieNode } from './cursor.js';
import { MountedDir, VirtualDir } from './mount_dir.js';
import { RoFs } from './rofs.js';
import { isAbsolute, isDotName, nameTooLong, pathTooLong, pushComponents, PATH_MAX, SYMLOOP_MAX } from './path.js';
import { makeStat, nextDeviceId } from './stat.js';
import { nextWalk } from './walk_epoch.js';

/** The type in an lstat answer (or its -errno). */
function typeOfStat(s: Stat | number): number {
  return typeof s === 'number' ? s : s.type;
}

export class MountTree implements Vfs {
  private readonly root: TrieNode;
  /** Device of the directories the tree synthesizes on the way to mount points. */
  private readonly dev = nextDeviceId();
  private nextIno = 1n;
  /** True while '/' is the empty placeholder, which a later mount('/') replaces. */
  private placeholderRoot: boolean;
  // Two reusable cursors: calls never nest (back ends do not call the tree), rename needs two.
  private readonly a: Cursor;
  private readonly b: Cursor;

  /**
   * Advanced (in shared memory) by every mount and unmount: another core that answers lookups of
   * a mount's root by itself (guest/dir_lending.ts) checks it before each one, and forwards the
   * call once the tree has changed.
   */
  readonly generation = new Int32Array(new SharedArrayBuffer(4));

  constructor(rootFs?: FileSystem) {
    this.root = this.newNode('', undefined);
    this.placeholderRoot = rootFs === undefined;
    this.root.mount = { path: '/', fs: rootFs ?? new RoFs(), node: this.root };
    this.a = new Cursor(this.root);
    this.b = new Cursor(this.root);
  }

  // ---- mounts ----

  /** mount: attaches `fs` at a lexically normalized absolute path; EBUSY if one is there. */
  mount(guestPath: string, fs: FileSystem): number {
    const names = this.lexical(guestPath);
    if (typeof names === 'number') return names;
    let node = this.root;
    for (const name of names) {
      let next = node.children.get(name);
      if (next === undefined) {
        next = this.newNode(name, node);
        node.children.set(name, next);
      }
      node = next;
    }
    if (node.mount !== undefined && !(node === this.root && this.placeholderRoot)) return -Errno.EBUSY;
    if (node === this.root) this.placeholderRoot = false;
    node.mount = { path: '/' + names.join('/'), fs, node };
    Atomics.add(this.generation, 0, 1);
    return 0;
  }

  /** umount: EINVAL if nothing is mounted there, EBUSY for '/' or with mounts below. */
  unmount(guestPath: string): number {
    const names = this.lexical(guestPath);
    if (typeof names === 'number') return names;
    let node: TrieNode | undefined = this.root;
    for (const name of names) node = node?.children.get(name);
    if (node?.mount === undefined) return -Errno.EINVAL;
    if (node === this.root || this.hasMountBelow(node)) return -Errno.EBUSY;
    node.mount = undefined;
    Atomics.add(this.generation, 0, 1);
    // Drop trie nodes that no longer lead to a mount.
    while (node !== this.root && node.mount === undefined && node.children.size === 0) {
      node.parent!.children.delete(node.name);
      node = node.parent!;
    }
    return 0;
  }

  /**
   * The file system mounted at exactly `dir` (canonical and absolute, as the mount's own path) when
   * no other mount lies below it: every path `dir/name` then names `name` in that file system's
   * root, whatever the tree's other file systems hold (mount points are found by name alone).
   */
  leafMountAt(dir: string): FileSystem | undefined {
    let node: TrieNode | undefined = this.root;
    if (dir !== '/') {
      for (const name of dir.slice(1).split('/')) {
        node = node.children.get(name);
        if (node === undefined) return undefined;
      }
    }
    if (node.mount === undefined || node.children.size > 0 || (node === this.root && this.placeholderRoot)) return undefined;
    return node.mount.path === dir ? node.mount.fs : undefined;
  }

  mounts(): { path: string; fs: FileSystem }[] {
    const out: { path: string; fs: FileSystem }[] = [];
    const visit = (node: TrieNode): void => {
      if (node.mount !== undefined && !(node === this.root && this.placeholderRoot)) {
        out.push({ path: node.mount.path, fs: node.mount.fs });
      }
      for (const child of node.children.values()) visit(child);
    };
    visit(this.root);
    return out.sort((x, y) => y.path.length - x.path.length);
  }

  // ---- operations ----

  /** open: follows the final symlink unless !followLast (then ELOOP); O_CREAT through a dangling link creates its target. */
  open(path: string, flags: OpenFlags, followLast = true): OpenFile | number {
    if (flags.create && flags.directory) return -Errno.EINVAL;
    const c = this.a;
    const r = this.begin(c, path);
    if (r < 0) return r;
    for (;;) {
      const name = this.walkParent(c);
      if (typeof name === 'number') return name;
      if (isDotName(name)) {
        if (name === '..' && !c.upWithin()) return -Errno.ENOTCAPABLE;
        if (flags.create && flags.exclusive) return -Errno.EEXIST;
        return this.openAt(c, FileType.Directory, flags);
      }
      if (!flags.create && c.fs.opensNoFollow === true && !c.mustDir && c.child(name) === undefined && !nameTooLong(name)) {
        // The back end's open answers what a lookup would (a symlink is -ELOOP): one call fewer.
        // (A creating open looks first: hostfs's create-or-open order follows that lookup.)
        const f = c.fs.open(c.relWith(name), flags);
        // A symlink, or (with O_DIRECTORY, which Linux checks first) maybe one: resolve it below.
        if (f !== -Errno.ELOOP && f !== -Errno.ENOTDIR) {
          if (typeof f !== 'number') c.down(name);
          return f;
        }
      }
      const t = this.lookup(c, name);
      if (t === -Errno.ENOENT) {
        if (!flags.create) return t;
        if (c.mustDir) return -Errno.EISDIR;
        const f = c.fs.open(c.relWith(name), flags);
        if (typeof f !== 'number') c.down(name); // openedPath() names the new file
        return f;
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
  stat(path: string, followLast = true): Stat | number {
    const c = this.a;
    const t = this.resolve(c, path, followLast, true);
    if (t < 0) return t;
    return c.stat ?? this.statAt(c);
  }

  /** statfs/statvfs: the usage of the file system `path` is on (symlinks followed), and whether it is read-only. */
  statfs(path: string): { usage: FsUsage; readOnly: boolean } | number {
    const c = this.a;
    const t = this.resolve(c, path, true);
    if (t < 0) return t;
    return usageOf(c.fs);
  }

  /** fstatfs: the usage of the mounted file system whose nodes have device number `dev`; undefined for none (pipes, sockets). */
  statfsOfDevice(dev: bigint): { usage: FsUsage; readOnly: boolean } | number | undefined {
    const m = this.mounts().find((x) => x.fs.dev === dev);
    return m === undefined ? undefined : usageOf(m.fs);
  }

  /** mkdir: EEXIST for any existing name, mount points included. */
  mkdir(path: string, mode = 0o777): number {
    const c = this.a;
    const name = this.resolveParent(c, path);
    if (typeof name === 'number') return name;
    if (isDotName(name) || c.child(name) !== undefined) return -Errno.EEXIST;
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    return c.fs.mkdir(c.relWith(name), mode);
  }

  /** mkfifo: a named pipe where the back end has them (tmpfs), else EPERM (EROFS read-only). */
  mkfifo(path: string, mode: number): number {
    const c = this.a;
    const name = this.resolveParent(c, path);
    if (typeof name === 'number') return name;
    if (isDotName(name) || c.child(name) !== undefined) return -Errno.EEXIST;
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    if (c.fs.mkfifo !== undefined) return c.fs.mkfifo(c.relWith(name), mode);
    const t = this.typeIn(c.fs, c.relWith(name));
    return t >= 0 ? -Errno.EEXIST : c.fs.readOnly ? -Errno.EROFS : -Errno.EPERM;
  }

  /** bind(AF_UNIX): a socket node where the back end keeps them (tmpfs); EOPNOTSUPP elsewhere (EROFS read-only). */
  bindSocket(path: string, mode: number, endpoint: object): number {
    const c = this.a;
    const name = this.resolveParent(c, path);
    if (typeof name === 'number') return name;
    if (isDotName(name) || c.child(name) !== undefined) return -Errno.EEXIST;
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    if (c.mustDir) return -Errno.ENOENT;
    const t = this.typeIn(c.fs, c.relWith(name));
    if (t >= 0) return -Errno.EEXIST;
    if (c.fs.bindSocket !== undefined) return c.fs.bindSocket(c.relWith(name), mode, endpoint);
    return c.fs.readOnly ? -Errno.EROFS : -Errno.ENOTSUP;
  }

  /** connect(AF_UNIX): the endpoint at `path`; ECONNREFUSED for anything but a bound socket node. */
  boundSocket(path: string): object | number {
    const c = this.a;
    const t = this.resolve(c, path, true);
    if (t < 0) return t;
    if (t !== FileType.SocketStream || c.fs.boundSocket === undefined) return -Errno.ECONNREFUSED;
    const ep = c.fs.boundSocket(c.rel());
    return typeof ep === 'number' ? ep : ep ?? -Errno.ECONNREFUSED;
  }

  readonly abstractSockets = new Map<string, object>();
  readonly inetPorts = new Map<string, object>();

  /** rmdir: '.' is EINVAL, '..' ENOTEMPTY, '/' and mount points EBUSY. */
  rmdir(path: string): number {
    const c = this.a;
    const name = this.resolveParent(c, path);
    if (typeof name === 'number') return name;
    if (name === '.') return -Errno.EINVAL;
    if (name === '..') return -Errno.ENOTEMPTY;
    if (name === '' || c.child(name) !== undefined) return -Errno.EBUSY;
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    return c.fs.rmdir(c.relWith(name));
  }

  /** unlink: directories (mount points) are EISDIR; a trailing-slash name fails (EISDIR or ENOTDIR). */
  unlink(path: string): number {
    const c = this.a;
    const name = this.resolveParent(c, path);
    if (typeof name === 'number') return name;
    if (isDotName(name) || c.child(name) !== undefined) return -Errno.EISDIR;
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    if (c.mustDir) {
      // "name/": nothing to unlink either way. As Linux, the name itself decides, not followed:
      // missing ENOENT, a directory EISDIR, anything else (a symbolic link too) ENOTDIR.
      const t = this.lookup(c, name);
      return t < 0 ? t : t === FileType.Directory ? -Errno.EISDIR : -Errno.ENOTDIR;
    }
    return c.fs.unlink(c.relWith(name));
  }

  /** rename: EXDEV across mounts, EBUSY for mount points and '/', EINVAL into itself. */
  rename(from: string, to: string): number {
    const ca = this.a, cb = this.b;
    const na = this.resolveParent(ca, from);
    if (typeof na === 'number') return na;
    const nb = this.resolveParent(cb, to);
    if (typeof nb === 'number') return nb;
    if (isDotName(na) || isDotName(nb) || ca.child(na) !== undefined || cb.child(nb) !== undefined) {
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
  symlink(target: string, path: string): number {
    if (target.length === 0) return -Errno.ENOENT;
    if (target.indexOf('\0') >= 0) return -Errno.EINVAL;
    if (pathTooLong(target)) return -Errno.ENAMETOOLONG;
    const c = this.a;
    const name = this.resolveParent(c, path);
    if (typeof name === 'number') return name;
    const e = this.createAt(c, name);
    return e < 0 ? e : c.fs.symlink(target, c.relWith(name));
  }

  /** readlink: EINVAL when the final component is not a symlink. */
  readlink(path: string): string | number {
    const c = this.a;
    const t = this.resolve(c, path, false);
    if (t < 0) return t;
    if (t !== FileType.SymbolicLink) return -Errno.EINVAL;
    return c.fs.readlink(c.rel());
  }

  /** link: hard links to directories are EPERM, across mounts EXDEV. */
  link(from: string, to: string, followFrom = false): number {
    const ca = this.a, cb = this.b;
    const t = this.resolve(ca, from, followFrom);
    if (t < 0) return t;
    if (t === FileType.Directory) return -Errno.EPERM;
    const name = this.resolveParent(cb, to);
    if (typeof name === 'number') return name;
    const e = this.createAt(cb, name);
    if (e < 0) return e;
    if (ca.mount !== cb.mount) return -Errno.EXDEV;
    return ca.fs.link(ca.rel(), cb.relWith(name));
  }

  /** utimensat. */
  setTimes(path: string, followLast: boolean, atime: TimeSpec, mtime: TimeSpec): number {
    const c = this.a;
    const t = this.resolve(c, path, followLast);
    if (t < 0) return t;
    if (this.isVirtual(c)) return -Errno.EROFS;
    return c.fs.setTimes(c.rel(), atime, mtime);
  }

  /** chmod/fchmodat: the node's permission bits; a symlink itself (not followed) is EOPNOTSUPP, as on Linux. */
  chmod(path: string, mode: number, followLast: boolean): number {
    const c = this.a;
    const t = this.resolve(c, path, followLast);
    if (t < 0) return t;
    if (t === FileType.SymbolicLink) return -Errno.ENOTSUP;
    if (this.isVirtual(c)) return -Errno.EROFS;
    return c.fs.chmod?.(c.rel(), mode & 0o7777) ?? -Errno.EROFS;
  }

  /**
   * access/faccessat. W_OK on a read-only mount is EROFS (for files, directories and symlinks, as
   * Linux). A back end with its own check (hostfs) answers; otherwise the mode bits decide: uid 0
   * may read and write anything and execute what has any x bit (directories: search always);
   * another uid is taken as the owner of every node (the guest has one user per machine).
   */
  access(path: string, amode: number, followLast: boolean, who: Credentials): number {
    const c = this.a;
    const t = this.resolve(c, path, followLast, true);
    if (t < 0) return t;
    if (amode === 0) return 0;
    if ((amode & AccessMode.W) !== 0 && c.fs.readOnly &&
        (t === FileType.RegularFile || t === FileType.Directory || t === FileType.SymbolicLink)) {
      return -Errno.EROFS;
    }
    const virtual = this.isVirtual(c);
    if (c.fs.access !== undefined && !virtual) return c.fs.access(c.rel(), amode);
    const st = c.stat ?? this.statAt(c);
    if (typeof st === 'number') return st;
    return modeAllows(st.mode, st.type, amode, who) ? 0 : -Errno.EACCES;
  }

  /**
   * Runs `fn` with the walks of its first and second path (cursor a, cursor b) confined beneath
   * `floors[0]` and `floors[1]` (guest paths of directories; undefined: not confined): '..' above
   * the floor and absolute symlink targets are ENOTCAPABLE there (WASI's rule for paths relative
   * to a directory descriptor).
   */
  confined<T>(floors: readonly (string | undefined)[], fn: () => T): T {
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
  private depthOf(path: string | undefined): number {
    if (path === undefined) return -1;
    const names = this.lexical(path);
    return typeof names === 'number' ? -1 : names.length;
  }

  /** realpath: the canonical guest path. */
  realpath(path: string): string | number {
    const c = this.a;
    const t = this.resolve(c, path, true);
    return t < 0 ? t : c.guestPath();
  }

  followedLink(): boolean {
    return this.a.hops > 0;
  }

  openedPath(): string {
    return this.a.guestPath();
  }

  // ---- resolution ----

  /** Starts a walk of `path` at the guest root (relative paths too: the syscall layer made them absolute). */
  private begin(c: Cursor, path: string): number {
    if (path.length === 0) return -Errno.ENOENT;
    if (pathTooLong(path)) return -Errno.ENAMETOOLONG;
    if (path.indexOf('\0') >= 0) return -Errno.EINVAL;
    nextWalk();
    c.reset();
    c.mustDir = pushComponents(c.pending, path);
    return 0;
  }

  /**
   * Walks every pending component but the last, entering directories and splicing symlinks.
   * Returns the last component ('' when the path was '/'), which the caller handles.
   */
  private walkParent(c: Cursor): string | number {
    const pending = c.pending;
    while (pending.length > 1) {
      const name = pending.pop()!;
      if (name === '.') continue;
      if (name === '..') {
        if (!c.upWithin()) return -Errno.ENOTCAPABLE;
        continue;
      }
      const t = this.lookup(c, name);
      if (t === FileType.Directory) { c.down(name); continue; }
      if (t === FileType.SymbolicLink) {
        const f = this.followLink(c, name);
        if (f < 0) return f;
        continue;
      }
      return t < 0 ? t : -Errno.ENOTDIR;
    }
    return pending.length > 0 ? pending.pop()! : '';
  }

  /** Walks to the directory holding the last component and returns that component. */
  private resolveParent(c: Cursor, path: string): string | number {
    const r = this.begin(c, path);
    if (r < 0) return r;
    const name = this.walkParent(c);
    // A confined walk may not name the directory above its floor either ("dir/.." at the floor).
    if (name === '..' && c.floor >= 0 && c.names.length <= c.floor) return -Errno.ENOTCAPABLE;
    return name;
  }

  /**
   * Walks the whole path; the cursor ends on the node, whose type is returned. With `wantStat`
   * the final node is looked up with a full lstat, left in c.stat (not for mount points).
   */
  private resolve(c: Cursor, path: string, followLast: boolean, wantStat = false): number {
    const r = this.begin(c, path);
    if (r < 0) return r;
    for (;;) {
      const name = this.walkParent(c);
      if (typeof name === 'number') return name;
      if (isDotName(name)) {
        if (name === '..' && !c.upWithin()) return -Errno.ENOTCAPABLE;
        c.stat = undefined;
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
  private lookup(c: Cursor, name: string): number {
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    if (c.child(name) !== undefined) return FileType.Directory;
    return this.typeIn(c.fs, c.relWith(name));
  }

  /** lookup() with the full lstat kept in c.stat (undefined for mount points and the way to them). */
  private lookupStat(c: Cursor, name: string): number {
    c.stat = undefined;
    if (nameTooLong(name)) return -Errno.ENAMETOOLONG;
    if (c.child(name) !== undefined) return FileType.Directory;
    const s = c.fs.lstat(c.relWith(name));
    if (typeof s === 'number') return s;
    c.stat = s;
    return s.type;
  }

  private typeIn(fs: FileSystem, rel: readonly string[]): number {
    return fs.typeOf !== undefined ? fs.typeOf(rel) : typeOfStat(fs.lstat(rel));
  }

  /** Splices the target of symlink `name` (in the cursor's directory) onto the pending components. */
  private followLink(c: Cursor, name: string): number {
    if (++c.hops > SYMLOOP_MAX) return -Errno.ELOOP;
    const target = c.fs.readlink(c.relWith(name));
    if (typeof target === 'number') return target;
    if (target.length === 0) return -Errno.ENOENT;
    if (target.length >= PATH_MAX) return -Errno.ENAMETOOLONG;
    // The link was the last component if nothing is pending: then its target's trailing slash counts.
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
  private createAt(c: Cursor, name: string): number {
    if (isDotName(name)) return -Errno.EEXIST;
    const t = this.lookup(c, name);
    if (t >= 0) return -Errno.EEXIST;
    if (t !== -Errno.ENOENT) return t;
    // "new/" would have to be a directory: only mkdir creates one.
    return c.mustDir ? -Errno.ENOENT : 0;
  }

  // ---- the node under the cursor ----

  /** A directory that exists only because a mount lies below it (the back end lacks it). */
  private isVirtual(c: Cursor): boolean {
    const node = c.node;
    return node !== undefined && node.mount === undefined && this.typeIn(c.fs, c.rel()) !== FileType.Directory;
  }

  private statAt(c: Cursor): Stat | number {
    return this.isVirtual(c) ? this.virtualStat(c.node!) : c.fs.lstat(c.rel());
  }

  private openAt(c: Cursor, t: number, flags: OpenFlags): OpenFile | number {
    if (t !== FileType.Directory) {
      if (flags.directory) return -Errno.ENOTDIR;
      return c.fs.open(c.rel(), flags);
    }
    if (flags.write || flags.truncate || flags.create) return -Errno.EISDIR;
    const node = c.node;
    if (node === undefined || node.children.size === 0) return c.fs.open(c.rel(), flags);
    const entries = (): DirEntry[] => this.mountEntries(node);
    if (this.isVirtual(c)) return new VirtualDir(() => this.virtualStat(node), entries);
    const inner = c.fs.open(c.rel(), flags);
    return typeof inner === 'number' ? inner : new MountedDir(inner, entries);
  }

  /** Listing entries for the mount points (and directories leading to them) inside `node`. */
  private mountEntries(node: TrieNode): DirEntry[] {
    const out: DirEntry[] = [];
    for (const [name, child] of node.children) {
      let ino = child.ino;
      if (child.mount !== undefined) {
        const s = child.mount.fs.lstat([]);
        if (typeof s !== 'number') ino = s.ino;
      }
      out.push({ name, type: FileType.Directory, ino });
    }
    return out;
  }

  private virtualStat(node: TrieNode): Stat {
    return { ...makeStat(FileType.Directory, this.dev, node.ino), mode: 0o555 };
  }

  // ---- mount trie ----

  private newNode(name: string, parent: TrieNode | undefined): TrieNode {
    return { name, parent, children: new Map(), mount: undefined, ino: this.nextIno++ };
  }

  private hasMountBelow(node: TrieNode): boolean {
    for (const child of node.children.values()) {
      if (child.mount !== undefined || this.hasMountBelow(child)) return true;
    }
    return false;
  }

  /** Components of an absolute mount path, '.' and '..' applied lexically. */
  private lexical(path: string): string[] | number {
    if (!isAbsolute(path) || path.indexOf('\0') >= 0) return -Errno.EINVAL;
    const stack: string[] = [];
    pushComponents(stack, path);
    const names: string[] = [];
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (name === '..') names.pop();
      else if (name !== '.') names.push(name);
    }
    return names;
  }
}

/** The access(2) decision from permission bits (see MountTree.access). */
export function modeAllows(mode: number, type: FileType, amode: number, who: Credentials): boolean {
  if (who.uid === 0) {
    if ((amode & AccessMode.X) === 0) return true;
    return type === FileType.Directory || (mode & 0o111) !== 0;
  }
  const bits = (mode >> 6) & 7;
  return (bits & amode) === amode;
}

/** True when `a` is `b` or one of its ancestors (component-wise). */
function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A file system's statfs answer; one without figures of its own (devfs, rofs) has 0 blocks, as Linux's /dev and /proc. */
function usageOf(fs: FileSystem): { usage: FsUsage; readOnly: boolean } | number {
  const usage = fs.statfs?.() ?? { type: TMPFS_MAGIC, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, namemax: 255 };
  return typeof usage === 'number' ? usage : { usage, readOnly: fs.readOnly };
}
