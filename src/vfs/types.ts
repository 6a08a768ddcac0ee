// The contract between the mount tree, its file-system back ends and the syscall layer.
// Every operation returns a value or a negative Errno; expected failures never throw.
import type { Dataspace } from '../l4re/dataspace.js';

/** WASI filetype numbering, used throughout so no conversion is needed at the ABI edge. */
export const enum FileType {
  Unknown = 0, BlockDevice = 1, CharacterDevice = 2, Directory = 3, RegularFile = 4,
  SocketDgram = 5, SocketStream = 6, SymbolicLink = 7, Fifo = 8 /* reported as Unknown at the WASI edge */,
}

/** Node metadata. Times are nanoseconds since the Unix epoch. */
export interface Stat {
  dev: bigint;
  ino: bigint;
  type: FileType;
  nlink: bigint;
  size: bigint;
  atimeNs: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  /** Permission bits (0o777 etc.); back ends without them report 0o755 dirs / 0o644 files. */
  mode: number;
}

export interface DirEntry {
  name: string;
  type: FileType;
  ino: bigint;
}

/** Flags for open, independent of any ABI. */
export interface OpenFlags {
  read: boolean;
  write: boolean;
  append?: boolean;
  create?: boolean;
  exclusive?: boolean;
  truncate?: boolean;
  directory?: boolean;   // O_DIRECTORY: fail with ENOTDIR unless a directory
  nonblock?: boolean;
  /** Permission bits for a created file. */
  mode?: number;
}

/** Which timestamps setTimes changes; undefined leaves a time alone, 'now' sets the current time. */
export type TimeSpec = bigint | 'now' | undefined;

export const enum Whence { Set = 0, Cur = 1, End = 2 }

/**
 * An open file description (shared by dup'ed descriptors). The base class in file.ts answers
 * EINVAL/ESPIPE/ENOTDIR/EROFS by default; back ends override what they support.
 */
export interface OpenFile {
  readonly type: FileType;
  /** read/readv: bytes read (0 = end of file) or -errno; -EAGAIN when nothing is available yet. */
  read(buf: Uint8Array): number;
  /** write/writev: bytes written or -errno; -EAGAIN when it would block. */
  write(buf: Uint8Array): number;
  /** pread: bytes read at an absolute position, the offset unchanged. */
  pread(buf: Uint8Array, position: number): number;
  /** pwrite: bytes written at an absolute position. */
  pwrite(buf: Uint8Array, position: number): number;
  /** lseek: the new offset or -errno (-ESPIPE for streams). */
  seek(offset: number, whence: Whence): number;
  /** fstat */
  stat(): Stat | number;
  /** ftruncate */
  setSize(size: number): number;
  /** futimens */
  setTimes(atime: TimeSpec, mtime: TimeSpec): number;
  /** fchmod: sets the permission bits (0o7777) of the open node; 0 or -errno (-EROFS on read-only file systems). */
  chmod(mode: number): number;
  /** fsync/fdatasync */
  sync(): number;
  /** posix_fallocate: make sure [offset, offset+len) is allocated (extends the file). */
  allocate(offset: number, len: number): number;
  /** getdents: the whole listing, without '.' and '..' (the syscall layer adds them). */
  readdir(): DirEntry[] | number;
  /** poll: true when read would not block. */
  readable(): boolean;
  /** poll: true when write would not block. */
  writable(): boolean;
  /** poll: the other end is gone (a pipe's read end without writers, write end without readers). */
  hungUp?(): boolean;
  /**
   * Calls `wake` once when the readiness of this file may have changed (data arrived, space
   * freed, peer closed). Returns a function that cancels the subscription.
   */
  subscribe(wake: () => void): () => void;
  /**
   * When the file becomes ready by itself, with no event to wake a subscriber (a timerfd's next
   * expiration): a monotonic time (ns) a waiter wakes at to look again.
   */
  readyAtNs?(): bigint | undefined;
  /** ioctl FIONREAD: bytes available without blocking, or -errno. */
  available(): number;
  /** isatty */
  readonly isTerminal: boolean;
  /** What /proc/PID/fd shows for an object with no path (Linux's "anon_inode:[eventfd]"); absent: its type's. */
  readonly procName?: string;
  /** mmap: the read-only dataspace holding the file's contents (ROM files), attached instead of a copy. */
  dataspace?(): Dataspace;
  /** mmap of a shared-memory device (/dev/l4shm): the writable dataspace that MAP_SHARED attaches. */
  sharedDataspace?(): Dataspace;
  /**
   * A process mapped the shared dataspace: the device publishes the window before it signals the
   * other side and refreshes it after a notification (see src/libc/l4_port.ts). Returns the remover.
   */
  addWindow?(w: { publish(): void; refresh(): void }): () => void;
  /** Called when the last descriptor referring to this description is closed. */
  close(): void;
}

/**
 * A file system back end. Paths are relative to the back end's root, already split into
 * components: no '', '.', '..' ever reaches a back end, and symlinks are resolved by the
 * mount tree (lstat + readlink per component), so a back end never sees a path leave it.
 */
/** statfs's f_type of a tmpfs (Linux's TMPFS_MAGIC): also what the machine's own trees (/dev) report. */
export const TMPFS_MAGIC = 0x01021994;

/**
 * What statfs and statvfs report of a file system, as Linux's struct statfs has it: sizes in
 * blocks of `bsize` bytes, inode counts (0 where the file system keeps no count: an unbounded
 * tmpfs reports 0 blocks, as Linux's with size=0 does).
 */
export interface FsUsage {
  /** f_type: the file system's magic number (TMPFS_MAGIC; a host mount's is the host file system's). */
  type: number;
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  namemax: number;
}

export interface FileSystem {
  readonly name: string;      // 'tmpfs', 'rofs', 'hostfs', 'devfs'
  readonly readOnly: boolean;
  /** Its device number (Stat.dev of its nodes): fstatfs finds an open file's file system by it. */
  readonly dev?: bigint;
  /** statfs: its size and use; absent: sizes of 0 (a file system with no blocks of its own, as /dev's). */
  statfs?(): FsUsage | number;
  /**
   * Its open never follows a final symlink (-ELOOP for one, also when creating) and checks the
   * node's type itself (ENOTDIR for O_DIRECTORY, EISDIR for a directory opened to write): the
   * mount tree may then open the last component without looking it up first.
   */
  readonly opensNoFollow?: boolean;
  /**
   * How another thread of this process may look a name up in the root as lstat() does: the host
   * path prefix for it and the device number reported (hostfs.ts); absent or undefined: it may not.
   */
  lendableRoot?(): { hostDir: string; dev: bigint } | undefined;
  /**
   * Takes over host descriptor `fd`, which another thread of this process opened in the root
   * lendableRoot names (a regular file there, or the root itself when `directory`), as an open file
   * of this file system; `read`/`write`: how it was opened (hostfs.ts).
   */
  adoptHostFile?(fd: number, directory: boolean, read: boolean, write: boolean): OpenFile;
  /**
   * The machine-wide count of open host files this file system's opens are counted in
   * (host_files.ts HostFileBudget.shared), which another thread takes a place in before it opens
   * a file for adoptHostFile; absent: its opens are not counted.
   */
  readonly hostFileBudget?: SharedArrayBuffer;
  /** Gives back what the file system holds of the host (hostfs: its descriptors), once unmounted for good. */
  close?(): void;
  /** lstat: metadata without following a final symlink. */
  lstat(path: readonly string[]): Stat | number;
  /**
   * Optional fast lstat for path walks: only the node's type (no final symlink followed), or
   * -errno. The mount tree asks this for every intermediate component when it is present.
   */
  typeOf?(path: readonly string[]): FileType | number;
  /** open: an open file description (the final component is not a symlink: the tree resolved it). */
  open(path: readonly string[], flags: OpenFlags): OpenFile | number;
  mkdir(path: readonly string[], mode: number): number;
  /** mkfifo: a named pipe (back ends without them: absent, the tree answers EPERM). */
  mkfifo?(path: readonly string[], mode: number): number;
  /**
   * bind(AF_UNIX): a socket node that connects to it find `endpoint` at (back ends without them:
   * absent, the tree answers EOPNOTSUPP; a host mount never gets a file l4wasm made up).
   */
  bindSocket?(path: readonly string[], mode: number, endpoint: object): number;
  /** connect(AF_UNIX): the endpoint bound at a socket node (undefined: none is), or -errno. */
  boundSocket?(path: readonly string[]): object | undefined | number;
  rmdir(path: readonly string[]): number;
  unlink(path: readonly string[]): number;
  /** rename within this back end (the mount tree answers EXDEV across mounts). */
  rename(from: readonly string[], to: readonly string[]): number;
  symlink(target: string, path: readonly string[]): number;
  readlink(path: readonly string[]): string | number;
  link(from: readonly string[], to: readonly string[]): number;
  setTimes(path: readonly string[], atime: TimeSpec, mtime: TimeSpec): number;
  /** chmod of the node at `path` (never a symlink: the tree refuses those); 0 or -errno. Without it: EROFS. */
  chmod?(path: readonly string[], mode: number): number;
  /**
   * Optional access(2) answered by the back end itself (hostfs asks the host); without it the
   * mount tree checks the mode bits. `amode` is a mask of AccessMode bits, never 0.
   */
  access?(path: readonly string[], amode: number): number;
}

/** access(2) mode bits (R_OK, W_OK, X_OK: the same values in every libc). */
export const enum AccessMode { X = 1, W = 2, R = 4 }

/** Who asks access(2): the ids it is checked against. */
export interface Credentials { uid: number; gid: number }

/**
 * The mount tree as the syscall layer sees it: absolute guest paths in, back-end calls out.
 * Resolution handles '.', '..', repeated slashes and symlinks (at most 40 hops: ELOOP) and never
 * leaves the guest's tree: '..' at '/' stays at '/', an absolute symlink target restarts at the
 * guest root. Operations spanning two mounts answer EXDEV.
 */
export interface Vfs {
  mount(guestPath: string, fs: FileSystem): number;
  unmount(guestPath: string): number;
  /** statfs/statvfs of the file system `path` is on (MountTree.statfs); absent: ENOSYS. */
  statfs?(path: string): { usage: FsUsage; readOnly: boolean } | number;
  /** fstatfs: the mounted file system of device `dev`, undefined for none (MountTree.statfsOfDevice). */
  statfsOfDevice?(dev: bigint): { usage: FsUsage; readOnly: boolean } | number | undefined;
  /** The mounts, longest path first: for `mount`-like listings and WASI preopens. */
  mounts(): { path: string; fs: FileSystem }[];
  /** The file system mounted at exactly `dir` with no mount below it (MountTree.leafMountAt); absent: never lent. */
  leafMountAt?(dir: string): FileSystem | undefined;
  /** Advanced by every mount and unmount, in shared memory (MountTree.generation). */
  readonly generation?: Int32Array;
  open(path: string, flags: OpenFlags, followLast?: boolean): OpenFile | number;
  stat(path: string, followLast?: boolean): Stat | number;
  mkdir(path: string, mode?: number): number;
  /** mkfifo: EEXIST for a taken name, EPERM where the file system has no FIFOs. */
  mkfifo(path: string, mode: number): number;
  /**
   * bind(AF_UNIX) to a path: a socket node for `endpoint`. -EEXIST for a taken name, -EOPNOTSUPP
   * where the file system keeps no sockets (host mounts), -EROFS on a read-only one.
   */
  bindSocket(path: string, mode: number, endpoint: object): number;
  /**
   * connect/sendto(AF_UNIX) to a path (symlinks followed): the endpoint bound there; -ENOENT,
   * -ECONNREFUSED for a node that is no socket or that no socket of this machine is bound to.
   */
  boundSocket(path: string): object | number;
  /** Linux's abstract socket names (sun_path[0] == 0): one namespace per machine, keyed by the name's bytes. */
  readonly abstractSockets: Map<string, object>;
  /** The machine's loopback network: the internet socket bound to each port, keyed "tcp:PORT" / "udp:PORT". */
  readonly inetPorts: Map<string, object>;
  rmdir(path: string): number;
  unlink(path: string): number;
  rename(from: string, to: string): number;
  symlink(target: string, path: string): number;
  readlink(path: string): string | number;
  link(from: string, to: string, followFrom?: boolean): number;
  setTimes(path: string, followLast: boolean, atime: TimeSpec, mtime: TimeSpec): number;
  /** chmod (followLast) / fchmodat(AT_SYMLINK_NOFOLLOW): a final symlink itself is -EOPNOTSUPP, as on Linux. */
  chmod(path: string, mode: number, followLast: boolean): number;
  /** access/faccessat: 0 when `who` may access the node in every way `amode` asks, else -EACCES (-EROFS for W_OK on a read-only mount). */
  access(path: string, amode: number, followLast: boolean, who: Credentials): number;
  /** The canonical absolute guest path of `path` (symlinks resolved), or -errno. */
  realpath(path: string): string | number;
  /** True when the last open/stat followed a symlink (the path it was given is not where it went). */
  followedLink(): boolean;
  /** After a successful open: the canonical guest path of what it opened. */
  openedPath(): string;
  /**
   * Optional: runs `fn` with the walks of its first and second path argument confined beneath the
   * directories `floors` names (WASI's sandbox rule): '..' above one, or an absolute symlink
   * target, is ENOTCAPABLE.
   */
  confined?<T>(floors: readonly (string | undefined)[], fn: () => T): T;
}
