// devfs: the one-node devices (Genode Single_file_system style) under /dev: null, zero, full,
// random/urandom, tty (the machine console) and the names stdin/stdout/stderr, which the syscall
// layer maps to the process's own descriptors (see devStdioIndex) before the tree is asked.
import { randomFillSync } from 'node:crypto';
import { Errno } from '../errno.js';
import { FileType, type DirEntry, type OpenFile, type OpenFlags, type Stat, type TimeSpec } from './types.js';
import { BaseFileSystem } from './filesystem.js';
import { BaseFile, DirectoryFile } from './file.js';
import { ConsoleTerminal, type ConsoleFiles } from './console.js';
import { makeStat, nowNs } from './stat.js';

/** The descriptor a /dev path stands for: /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N. */
export function devStdioIndex(path: string): number | undefined {
  switch (path) {
    case '/dev/stdin': return 0;
    case '/dev/stdout': return 1;
    case '/dev/stderr': return 2;
  }
  if (!path.startsWith('/dev/fd/')) return undefined;
  const digits = path.length - 8;
  // Canonical decimal only ("07" is not a descriptor name), at most 9 digits (fits an int32).
  if (digits < 1 || digits > 9 || (digits > 1 && path.charCodeAt(8) === 48)) return undefined;
  let n = 0;
  for (let i = 8; i < path.length; i++) {
    const d = path.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return n;
}

export interface DevFsOptions {
  /** The machine console behind /dev/tty (without it there is no /dev/tty). */
  console?: ConsoleFiles;
}

/** What a device node does when opened. */
type Opener = (flags: OpenFlags) => OpenFile | number;

interface DevNode { readonly ino: bigint; readonly open: Opener }

/** Devices answer like character devices: lseek is a no-op, times are not stored. */
abstract class DeviceFile extends BaseFile {
  readonly type = FileType.CharacterDevice;
  constructor(private readonly meta: Stat) { super(); }
  override stat(): Stat { return this.meta; }
  override seek(): number { return 0; }
  override setTimes(_atime: TimeSpec, _mtime: TimeSpec): number { return 0; }
}

/** /dev/null: reads end at once, writes vanish. */
class NullDevice extends DeviceFile {
  override read(_buf: Uint8Array): number { return 0; }
  override pread(_buf: Uint8Array, _position: number): number { return 0; }
  override write(buf: Uint8Array): number { return buf.length; }
  override pwrite(buf: Uint8Array, _position: number): number { return buf.length; }
  override available(): number { return 0; }
}

/** /dev/zero: endless zero bytes, writes vanish. */
class ZeroDevice extends DeviceFile {
  override read(buf: Uint8Array): number { buf.fill(0); return buf.length; }
  override pread(buf: Uint8Array, _position: number): number { return this.read(buf); }
  override write(buf: Uint8Array): number { return buf.length; }
  override pwrite(buf: Uint8Array, _position: number): number { return buf.length; }
}

/** /dev/random, /dev/urandom: the host's CSPRNG (never blocks); writes are accepted and ignored. */
class RandomDevice extends DeviceFile {
  override read(buf: Uint8Array): number {
    const n = Math.min(buf.length, 1 << 30);
    randomFillSync(buf, 0, n);
    return n;
  }
  override pread(buf: Uint8Array, _position: number): number { return this.read(buf); }
  override write(buf: Uint8Array): number { return buf.length; }
  override pwrite(buf: Uint8Array, _position: number): number { return buf.length; }
}

/** /dev/full: endless zero bytes to read; every write fails, the device being full (ENOSPC). */
class FullDevice extends ZeroDevice {
  override write(_buf: Uint8Array): number { return -Errno.ENOSPC; }
  override pwrite(_buf: Uint8Array, _position: number): number { return -Errno.ENOSPC; }
}

export class DevFs extends BaseFileSystem {
  readonly name = 'devfs';
  override readonly readOnly = false;
  private readonly nodes = new Map<string, DevNode>();
  private readonly timeNs = nowNs();

  constructor(options: DevFsOptions = {}) {
    super();
    this.add('null', (s) => () => new NullDevice(s));
    this.add('zero', (s) => () => new ZeroDevice(s));
    this.add('random', (s) => () => new RandomDevice(s));
    this.add('urandom', (s) => () => new RandomDevice(s));
    const con = options.console;
    if (con !== undefined) this.add('tty', () => () => new ConsoleTerminal(con.input, con.output));
    // The syscall layer opens these as the process's fds 0/1/2; reaching devfs means it did not.
    for (const name of ['stdin', 'stdout', 'stderr']) this.add(name, () => () => -Errno.ENXIO);
    this.add('full', (s) => () => new FullDevice(s));
  }

  private add(name: string, make: (meta: Stat) => Opener): void {
    const ino = BigInt(this.nodes.size + 2);
    this.nodes.set(name, { ino, open: make(this.deviceStat(ino)) });
  }

  private deviceStat(ino: bigint): Stat {
    return { ...makeStat(FileType.CharacterDevice, this.dev, ino, 0n, this.timeNs), mode: 0o666 };
  }

  private rootStat(): Stat {
    return makeStat(FileType.Directory, this.dev, 1n, 0n, this.timeNs);
  }

  /** The node named by `path`, 'root' for the directory, or -errno. */
  private find(path: readonly string[]): DevNode | 'root' | number {
    if (path.length === 0) return 'root';
    const node = this.nodes.get(path[0]!);
    if (node === undefined) return -Errno.ENOENT;
    return path.length === 1 ? node : -Errno.ENOTDIR;
  }

  lstat(path: readonly string[]): Stat | number {
    const node = this.find(path);
    if (typeof node === 'number') return node;
    return node === 'root' ? this.rootStat() : this.deviceStat(node.ino);
  }

  override typeOf(path: readonly string[]): FileType | number {
    const node = this.find(path);
    if (typeof node === 'number') return node;
    return node === 'root' ? FileType.Directory : FileType.CharacterDevice;
  }

  /** open: a fresh description of the device; no new nodes can be created (EROFS). */
  open(path: readonly string[], flags: OpenFlags): OpenFile | number {
    const node = this.find(path);
    if (typeof node === 'number') return node === -Errno.ENOENT && flags.create ? -Errno.EROFS : node;
    if (node === 'root') {
      if (flags.write || flags.truncate) return -Errno.EISDIR;
      return new DevDir(this.rootStat(), this.entries());
    }
    if (flags.directory) return -Errno.ENOTDIR;
    return node.open(flags);
  }

  /** utimensat on a device: accepted (touch /dev/null works), nothing stored. */
  override setTimes(path: readonly string[], _atime: TimeSpec, _mtime: TimeSpec): number {
    const node = this.find(path);
    return typeof node === 'number' ? node : 0;
  }

  private entries(): DirEntry[] {
    const out: DirEntry[] = [];
    for (const [name, node] of this.nodes) out.push({ name, type: FileType.CharacterDevice, ino: node.ino });
    return out;
  }
}

class DevDir extends DirectoryFile {
  constructor(private readonly meta: Stat, private readonly list: DirEntry[]) { super(); }
  override stat(): Stat { return this.meta; }
  override readdir(): DirEntry[] { return this.list.slice(); }
}
