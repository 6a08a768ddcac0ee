// Ro_fs: the boot modules (ROM dataspaces) as a read-only file system. Module names may contain
// '/', which makes subdirectories. An open file is a Ro_file: reads copy out of the dataspace.
import { Errno } from '../errno.js';
import type { Dataspace } from '../l4re/dataspace.js';
import { FileType, type DirEntry, type OpenFile, type OpenFlags, type Stat } from './types.js';
import { BaseFileSystem } from './filesystem.js';
import { DirectoryFile, PositionedFile } from './file.js';
import { DIRECTORY_SIZE, makeStat, nowNs } from './stat.js';

interface RoDir { readonly dir: true; readonly ino: bigint; readonly children: Map<string, RoNode> }
interface RoLeaf { readonly dir: false; readonly ino: bigint; readonly ds: Dataspace }
type RoNode = RoDir | RoLeaf;

export class RoFs extends BaseFileSystem {
  readonly name = 'rofs';
  override readonly readOnly = true;
  private readonly root: RoDir = { dir: true, ino: 1n, children: new Map() };
  private nextIno = 2n;
  /** Boot modules do not change: every node carries the time the file system was built. */
  private readonly timeNs = nowNs();

  /** From named dataspaces, or from dataspaces named by their own `name`. */
  constructor(roms: ReadonlyMap<string, Dataspace> | Iterable<Dataspace> = []) {
    super();
    if (roms instanceof Map) {
      for (const [name, ds] of roms as ReadonlyMap<string, Dataspace>) this.add(name, ds);
    } else {
      for (const ds of roms as Iterable<Dataspace>) this.add(ds.name, ds);
    }
  }

  /** Places one module; a bad name is a configuration error of the host, reported by throwing. */
  private add(name: string, ds: Dataspace): void {
    const parts = name.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length === 0 || parts.includes('..') || name.includes('\0')) {
      throw new Error(`rofs: invalid boot module name '${name}' (use a relative path without '..')`);
    }
    let dir = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      let next = dir.children.get(parts[i]!);
      if (next === undefined) {
        next = { dir: true, ino: this.nextIno++, children: new Map() };
        dir.children.set(parts[i]!, next);
      } else if (!next.dir) {
        throw new Error(`rofs: boot module '${name}' needs '${parts[i]}' to be a directory, but it is a module`);
      }
      dir = next;
    }
    const last = parts[parts.length - 1]!;
    if (dir.children.has(last)) throw new Error(`rofs: boot module name '${name}' is given twice`);
    dir.children.set(last, { dir: false, ino: this.nextIno++, ds });
  }

  private find(path: readonly string[]): RoNode | number {
    let node: RoNode = this.root;
    for (let i = 0; i < path.length; i++) {
      if (!node.dir) return -Errno.ENOTDIR;
      const next: RoNode | undefined = node.children.get(path[i]!);
      if (next === undefined) return -Errno.ENOENT;
      node = next;
    }
    return node;
  }

  /** Modules are read-only and executable (r-xr-xr-x): programs are started from them, as L4Re starts them from its ROM. */
  statOf(node: RoNode): Stat {
    return node.dir
      ? makeStat(FileType.Directory, this.dev, node.ino, DIRECTORY_SIZE, this.timeNs)
      : { ...makeStat(FileType.RegularFile, this.dev, node.ino, BigInt(node.ds.size), this.timeNs), mode: 0o555 };
  }

  /** lstat/stat: modules are regular files, name prefixes directories. */
  lstat(path: readonly string[]): Stat | number {
    const node = this.find(path);
    return typeof node === 'number' ? node : this.statOf(node);
  }

  override typeOf(path: readonly string[]): FileType | number {
    const node = this.find(path);
    return typeof node === 'number' ? node : node.dir ? FileType.Directory : FileType.RegularFile;
  }

  /** open: a Ro_file or a directory listing; anything that would write is EROFS. */
  open(path: readonly string[], flags: OpenFlags): OpenFile | number {
    const node = this.find(path);
    if (typeof node === 'number') return node === -Errno.ENOENT && flags.create ? -Errno.EROFS : node;
    if (flags.write || flags.truncate) return node.dir ? -Errno.EISDIR : -Errno.EROFS;
    if (node.dir) return new RoDirFile(this, node);
    if (flags.directory) return -Errno.ENOTDIR;
    return new RoFile(this, node);
  }
}

/** Ro_file: an open boot module; reads copy from its read-only dataspace. */
class RoFile extends PositionedFile {
  constructor(private readonly fs: RoFs, private readonly node: RoLeaf) { super(false); }
  /** read/pread: Dataspace.read copies straight into the caller's buffer. */
  override pread(buf: Uint8Array, position: number): number {
    if (position < 0) return -Errno.EINVAL;
    return this.node.ds.read(position, buf);
  }
  /** write/pwrite: the file was opened read-only (opening for write is EROFS). */
  override pwrite(_buf: Uint8Array, _position: number): number { return -Errno.EBADF; }
  size(): number { return this.node.ds.size; }
  /** mmap: the boot module's dataspace itself. */
  dataspace(): Dataspace { return this.node.ds; }
  override stat(): Stat { return this.fs.statOf(this.node); }
  override setSize(_size: number): number { return -Errno.EROFS; }
}

class RoDirFile extends DirectoryFile {
  constructor(private readonly fs: RoFs, private readonly node: RoDir) { super(); }
  override stat(): Stat { return this.fs.statOf(this.node); }
  override readdir(): DirEntry[] {
    const out: DirEntry[] = [];
    for (const [name, child] of this.node.children) {
      out.push({ name, type: child.dir ? FileType.Directory : FileType.RegularFile, ino: child.ino });
    }
    return out;
  }
}
