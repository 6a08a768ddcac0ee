// The descriptor table of a process: small integers -> open file descriptions plus per-descriptor
// rights. Rights are checked here, once, when a call looks its descriptor up.
import { Errno } from '../errno.js';
import {
  DIR_RIGHTS, FILE_RIGHTS, READ_RIGHTS, Rights, WRITE_RIGHTS,
} from './abi.js';
import { FileType, type DirEntry, type OpenFile, type Vfs } from '../vfs/types.js';

/**
 * An open file description: what dup'ed descriptors share (the file with its offset, the status
 * flags, the directory listing that readdir cookies index). The file is closed with the last reference.
 */
export class Description {
  /** Descriptors (in any table) referring to this description. */
  refs = 0;
  /** readdir: the listing the cookies of the current pass refer to (taken again at cookie 0). */
  listing: DirEntry[] | undefined;
  /** A preopened directory's place in the order the preopens were announced (0 first), kept by its copies. */
  announced: number | undefined;

  constructor(
    readonly file: OpenFile,
    /** Status flags (FdFlags: append, dsync, nonblock, rsync, sync). */
    public flags: number,
    /** Canonical guest path of a directory: relative paths given with this descriptor are joined to it. */
    readonly path?: string,
    /** The canonical guest path it was opened by, a file's too (what /proc/PID/fd shows). */
    readonly name: string | undefined = path,
  ) {}

  /** Another holder besides descriptors (a file mapping keeps its file open after close). */
  retain(): void { this.refs++; }

  /** Run when the last reference goes, before the file is closed (flock's locks are the description's). */
  onLastRelease: (() => void) | undefined;

  /** Drops a reference; the file is closed with the last one. */
  release(): void {
    if (--this.refs !== 0) return;
    this.onLastRelease?.();
    this.file.close();
  }
}

/** One slot of the table. */
export class FdEntry {
  constructor(
    readonly desc: Description,
    /** Rights (Rights bits) of this descriptor, and the rights descriptors opened through it may get. */
    public rightsBase: number,
    public rightsInheriting: number,
    /** Close on exec (FD_CLOEXEC): per descriptor, not shared by dup. */
    public cloexec = false,
    /** The name a preopened directory is announced under (fd_prestat_*). */
    readonly preopen?: string,
  ) {}

  get file(): OpenFile { return this.desc.file; }
}

/** A preopened directory: its absolute guest path and the name fd_prestat_dir_name gives for it. */
export interface Preopen {
  path: string;
  name: string;
}

export interface InsertOptions {
  rightsBase: number;
  rightsInheriting?: number;
  flags?: number;
  /** Guest path, for directories. */
  path?: string;
  /** The guest path a file was opened by (default: `path`). */
  name?: string;
  preopen?: string;
  cloexec?: boolean;
}

/**
 * The rights a descriptor for `file` gets when opened for reading and/or writing: directories get
 * the path rights, streams lose SEEK/TELL (a terminal without them is what wasi-libc's isatty
 * checks), a descriptor not open for writing loses WRITE_RIGHTS and one not open for reading
 * loses READ_RIGHTS.
 */
export function rightsFor(file: OpenFile, read: boolean, write: boolean): number {
  if (file.type === FileType.Directory) return DIR_RIGHTS;
  let r = FILE_RIGHTS;
  if (file.isTerminal || file.type === FileType.Fifo || file.type === FileType.SocketStream ||
      file.type === FileType.SocketDgram) {
    r &= ~(Rights.FD_SEEK | Rights.FD_TELL);
  }
  if (!read) r &= ~READ_RIGHTS;
  if (!write) r &= ~WRITE_RIGHTS;
  return r;
}

/** Inheriting rights of a directory: what it grants to what is opened through it. */
export const DIR_INHERITING = DIR_RIGHTS | FILE_RIGHTS;

export class FdTable {
  private readonly slots: (FdEntry | undefined)[] = [];
  /** No free slot below this index (a hint for lowest-free allocation). */
  private lowestFree = 0;
  /** Told of each descriptor closed (record locks go with any close of their file); not cloned. */
  onClose?: (file: OpenFile) => void;

  /** Moves at every change of which entry a descriptor holds (a decoupled program's worker republishes its preopens then). */
  private changes = 0;

  constructor(
    /** RLIMIT_NOFILE: descriptors are numbered below this; EMFILE beyond (setrlimit moves it). */
    public maxFds = 1024,
  ) {}

  get version(): number { return this.changes; }

  /** The preopened directories, by descriptor: what fd_prestat_get and fd_prestat_dir_name answer. */
  preopens(): { fd: number; name: string }[] {
    const out: { fd: number; name: string }[] = [];
    for (let fd = 0; fd < this.slots.length; fd++) {
      const name = this.slots[fd]?.preopen;
      if (name !== undefined) out.push({ fd, name });
    }
    return out;
  }

  /** The entry of `fd`, or undefined when it is not open. */
  get(fd: number): FdEntry | undefined {
    return this.slots[fd];
  }

  /**
   * The entry of `fd` when it holds every right in `rights`; else -EBADF or -ENOTCAPABLE. As on
   * Linux, a descriptor not open for reading (writing) that is asked to read (write) is EBADF,
   * and so is a directory asked for what only files do (seek, tell, allocate: the
   * wasi-testsuite's directory_seek); a right dropped with fd_fdstat_set_rights is ENOTCAPABLE.
   */
  getFile(fd: number, rights: number): FdEntry | number {
    const e = this.slots[fd];
    if (e === undefined) return -Errno.EBADF;
    const missing = rights & ~e.rightsBase;
    if (missing === 0) return e;
    if ((missing & (Rights.FD_READ | Rights.FD_WRITE)) !== 0) return -Errno.EBADF;
    if (e.desc.path !== undefined && (missing & ~DIR_RIGHTS) !== 0) return -Errno.EBADF;
    return -Errno.ENOTCAPABLE;
  }

  /** Like getFile, for a descriptor that must be a directory (-ENOTDIR otherwise). */
  getDir(fd: number, rights: number): FdEntry | number {
    const e = this.slots[fd];
    if (e === undefined) return -Errno.EBADF;
    if (e.desc.path === undefined) return -Errno.ENOTDIR;
    if ((e.rightsBase & rights) !== rights) return -Errno.ENOTCAPABLE;
    return e;
  }

  /** Open descriptors in ascending order. */
  fds(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.slots.length; i++) if (this.slots[i] !== undefined) out.push(i);
    return out;
  }

  /** Puts a new description for `file` at the lowest free descriptor; returns it or -EMFILE. */
  insert(file: OpenFile, opts: InsertOptions): number {
    const fd = this.free(0);
    if (fd < 0) return fd;
    const desc = new Description(file, opts.flags ?? 0, opts.path, opts.name ?? opts.path);
    this.place(fd, new FdEntry(desc, opts.rightsBase, opts.rightsInheriting ?? 0, opts.cloexec ?? false, opts.preopen));
    return fd;
  }

  /**
   * Puts a new description for `file` at descriptor `fd`, which must be free and below the limit
   * (a decoupled program's worker chose it as insert would have: open_lending.ts); false if not.
   */
  insertAt(fd: number, file: OpenFile, opts: InsertOptions): boolean {
    if (fd < 0 || fd >= this.maxFds || this.slots[fd] !== undefined) return false;
    const desc = new Description(file, opts.flags ?? 0, opts.path, opts.name ?? opts.path);
    this.place(fd, new FdEntry(desc, opts.rightsBase, opts.rightsInheriting ?? 0, opts.cloexec ?? false, opts.preopen));
    return true;
  }

  /** Bit i: descriptor `from` + i is free and below the limit (i < 32). */
  freeBits(from: number): number {
    let bits = 0;
    for (let i = 0; i < 32; i++) if (from + i < this.maxFds && this.slots[from + i] === undefined) bits |= 1 << i;
    return bits;
  }

  /** dup / fcntl(F_DUPFD): a new descriptor >= minFd sharing the description; returns it or -errno. */
  dup(fd: number, minFd = 0, cloexec = false): number {
    const e = this.slots[fd];
    if (e === undefined) return -Errno.EBADF;
    if (minFd < 0 || minFd >= this.maxFds) return -Errno.EINVAL;
    const nfd = this.free(minFd);
    if (nfd < 0) return nfd;
    // A copy of a preopened directory is announced under the same name: a libl4posix program moves
    // its preopens to the top of the table (F_DUPFD) so that its own descriptors start at 3, as on
    // Linux, and a program it execs finds them there (sysroot/src/preopen_move.c).
    this.place(nfd, new FdEntry(e.desc, e.rightsBase, e.rightsInheriting, cloexec, e.preopen));
    return nfd;
  }

  /**
   * A descriptor sharing `e`'s description with the given rights, at the lowest free number
   * (path_open of /dev/fd/N); returns it or -EMFILE.
   */
  share(e: FdEntry, rightsBase: number, rightsInheriting: number): number {
    const nfd = this.free(0);
    if (nfd < 0) return nfd;
    this.place(nfd, new FdEntry(e.desc, rightsBase, rightsInheriting));
    return nfd;
  }

  /** SCM_RIGHTS: a descriptor for a description another process sent, at the lowest free number; it or -EMFILE. */
  adopt(desc: Description, rightsBase: number, rightsInheriting: number, cloexec: boolean): number {
    const nfd = this.free(0);
    if (nfd < 0) return nfd;
    this.place(nfd, new FdEntry(desc, rightsBase, rightsInheriting, cloexec));
    return nfd;
  }

  /** dup2: `to` becomes a copy of `from` (closing what `to` was); returns `to` or -errno. */
  dup2(from: number, to: number, cloexec = false): number {
    const e = this.slots[from];
    if (e === undefined) return -Errno.EBADF;
    if (to < 0 || to >= this.maxFds) return -Errno.EBADF;
    if (from === to) return to;
    this.release(to);
    this.place(to, new FdEntry(e.desc, e.rightsBase, e.rightsInheriting, cloexec));
    return to;
  }

  /** fd_renumber: `from` moves to `to`, which must be open and is closed first; 0 or -EBADF. */
  renumber(from: number, to: number): number {
    const e = this.slots[from];
    if (e === undefined || this.slots[to] === undefined) return -Errno.EBADF;
    if (from === to) return 0;
    this.release(to);
    this.slots[to] = e;
    this.slots[from] = undefined;
    this.changes++;
    if (from < this.lowestFree) this.lowestFree = from;
    return 0;
  }

  /** close: 0 or -EBADF. The file is closed when its last descriptor goes. */
  close(fd: number): number {
    if (this.slots[fd] === undefined) return -Errno.EBADF;
    this.release(fd);
    return 0;
  }

  /** Closes every descriptor (process exit). */
  closeAll(): void {
    for (let i = 0; i < this.slots.length; i++) if (this.slots[i] !== undefined) this.release(i);
  }

  /** Closes the descriptors marked close-on-exec. */
  closeOnExec(): void {
    for (let i = 0; i < this.slots.length; i++) if (this.slots[i]?.cloexec) this.release(i);
  }

  /** fork: a table with the same descriptors sharing the same descriptions. */
  clone(): FdTable {
    const t = new FdTable(this.maxFds);
    for (let i = 0; i < this.slots.length; i++) {
      const e = this.slots[i];
      if (e !== undefined) t.place(i, new FdEntry(e.desc, e.rightsBase, e.rightsInheriting, e.cloexec, e.preopen));
    }
    return t;
  }

  /**
   * fork's per-process objects: each description whose file `renew` replaces becomes a new
   * description of the new file (flags kept; dup'ed descriptors keep sharing one).
   */
  renewFiles(renew: (file: OpenFile) => OpenFile | undefined): void {
    const renewed = new Map<Description, Description>();
    for (let i = 0; i < this.slots.length; i++) {
      const e = this.slots[i];
      if (e === undefined) continue;
      let desc = renewed.get(e.desc);
      if (desc === undefined) {
        const file = renew(e.desc.file);
        if (file === undefined) continue;
        desc = new Description(file, e.desc.flags, e.desc.path, e.desc.name);
        desc.announced = e.desc.announced;
        renewed.set(e.desc, desc);
      }
      this.release(i);
      this.place(i, new FdEntry(desc, e.rightsBase, e.rightsInheriting, e.cloexec, e.preopen));
    }
  }

  /** Descriptors 0, 1, 2: standard input (read), output and error (write). */
  setupStdio(stdin: OpenFile, stdout: OpenFile, stderr: OpenFile): void {
    const files = [stdin, stdout, stderr];
    for (let fd = 0; fd < 3; fd++) {
      this.release(fd);
      const f = files[fd]!;
      const e = new FdEntry(new Description(f, 0), rightsFor(f, fd === 0, fd !== 0), 0);
      this.place(fd, e);
    }
  }

  /**
   * Preopens: "/" (unless `root` is false) and then each of `paths` (absolute guest paths, e.g.
   * the mount points a program was given, or a path with the name it is announced under), at the
   * next descriptors (3, 4, ...). Returns 0 or the first -errno.
   */
  addPreopens(vfs: Vfs, paths: readonly (string | Preopen)[] = [], root = true): number {
    const announced = new Set<string>();
    let order = 0;
    for (const entry of root ? ['/', ...paths] : paths) {
      const p = typeof entry === 'string' ? entry : entry.path;
      const name = typeof entry === 'string' ? entry : entry.name;
      // A host directory mounted at '/' is the root preopen already.
      if (announced.has(`${p}\0${name}`)) continue;
      announced.add(`${p}\0${name}`);
      const f = vfs.open(p, { read: true, write: false, directory: true });
      if (typeof f === 'number') return f;
      const real = vfs.realpath(p);
      const fd = this.insert(f, {
        rightsBase: DIR_RIGHTS, rightsInheriting: DIR_INHERITING,
        path: typeof real === 'string' ? real : p, preopen: name,
      });
      if (fd < 0) {
        f.close();
        return fd;
      }
      this.slots[fd]!.desc.announced = order++;
    }
    return 0;
  }

  /**
   * Before a plain wasip1 program (one not linked with libl4posix) starts in this table (exec, spawn):
   * its wasi-libc looks for the preopened directories from descriptor 3 upwards and stops at the
   * first that is not one, so the preopens a libl4posix program moved to the top of the table
   * (sysroot/src/preopen_move.c) and every other preopen past that run move down into the lowest
   * free descriptors from 3, in the order they were announced, where a new process has them. Each
   * directory moves once (a dup of one already in the run stays); every other descriptor stays.
   */
  lowerPreopens(): void {
    const seen = new Set<Description>();
    let fd = 3;
    for (; this.slots[fd]?.preopen !== undefined; fd++) seen.add(this.slots[fd]!.desc);
    const rest: { fd: number; e: FdEntry }[] = [];
    for (; fd < this.slots.length; fd++) {
      const e = this.slots[fd];
      if (e?.preopen === undefined || seen.has(e.desc)) continue;
      seen.add(e.desc);
      rest.push({ fd, e });
    }
    const order = (e: FdEntry) => e.desc.announced ?? Number.MAX_SAFE_INTEGER;
    rest.sort((a, b) => order(a.e) - order(b.e) || a.fd - b.fd);
    for (const { fd: from, e } of rest) {
      const to = this.free(3);
      if (to < 0 || to >= from) continue;
      this.slots[from] = undefined;
      this.slots[to] = e;
      this.changes++;
      if (from < this.lowestFree) this.lowestFree = from;
    }
  }

  /** Lowest free descriptor >= min, or -EMFILE. */
  private free(min: number): number {
    let fd = Math.max(min, this.lowestFree);
    while (fd < this.slots.length && this.slots[fd] !== undefined) fd++;
    if (fd >= this.maxFds) return -Errno.EMFILE;
    if (min <= this.lowestFree) this.lowestFree = fd;
    return fd;
  }

  private place(fd: number, e: FdEntry): void {
    while (this.slots.length < fd) this.slots.push(undefined);
    this.slots[fd] = e;
    this.changes++;
    e.desc.refs++;
  }

  private release(fd: number): void {
    const e = this.slots[fd];
    if (e === undefined) return;
    this.slots[fd] = undefined;
    this.changes++;
    if (fd < this.lowestFree) this.lowestFree = fd;
    this.onClose?.(e.desc.file);
    e.desc.release();
  }
}
