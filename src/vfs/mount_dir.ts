// Directories as the mount tree shows them: a back end's directory whose listing gains the mount
// points below it (a mount shadows an entry of the same name), and a directory that exists only
// because a mount lies below it (e.g. /mnt for a mount at /mnt/data on a root that lacks /mnt).
import type { DirEntry, FileType, OpenFile, Stat, TimeSpec, Whence } from './types.js';
import { DirectoryFile } from './file.js';

/** Lists the mount points (and directories leading to them) inside one directory. */
export type MountEntries = () => DirEntry[];

function merge(own: DirEntry[], mounts: DirEntry[]): DirEntry[] {
  const shadowed = new Set<string>();
  for (const e of mounts) shadowed.add(e.name);
  const out = own.filter((e) => !shadowed.has(e.name));
  for (const e of mounts) out.push(e);
  return out;
}

/** A back end's directory with the mount points below it added to its listing. */
export class MountedDir implements OpenFile {
  constructor(private readonly inner: OpenFile, private readonly entries: MountEntries) {}

  get type(): FileType { return this.inner.type; }
  get isTerminal(): boolean { return this.inner.isTerminal; }
  read(buf: Uint8Array): number { return this.inner.read(buf); }
  write(buf: Uint8Array): number { return this.inner.write(buf); }
  pread(buf: Uint8Array, position: number): number { return this.inner.pread(buf, position); }
  pwrite(buf: Uint8Array, position: number): number { return this.inner.pwrite(buf, position); }
  seek(offset: number, whence: Whence): number { return this.inner.seek(offset, whence); }
  stat(): Stat | number { return this.inner.stat(); }
  setSize(size: number): number { return this.inner.setSize(size); }
  setTimes(atime: TimeSpec, mtime: TimeSpec): number { return this.inner.setTimes(atime, mtime); }
  chmod(mode: number): number { return this.inner.chmod(mode); }
  sync(): number { return this.inner.sync(); }
  allocate(offset: number, len: number): number { return this.inner.allocate(offset, len); }
  /** getdents: the back end's entries, those shadowed by mount points replaced by them. */
  readdir(): DirEntry[] | number {
    const own = this.inner.readdir();
    return typeof own === 'number' ? own : merge(own, this.entries());
  }
  readable(): boolean { return this.inner.readable(); }
  writable(): boolean { return this.inner.writable(); }
  subscribe(wake: () => void): () => void { return this.inner.subscribe(wake); }
  available(): number { return this.inner.available(); }
  close(): void { this.inner.close(); }
}

/** A directory with no back-end node: it holds only mount points (or the way to them). */
export class VirtualDir extends DirectoryFile {
  constructor(private readonly meta: () => Stat, private readonly entries: MountEntries) { super(); }
  override stat(): Stat { return this.meta(); }
  override readdir(): DirEntry[] { return this.entries(); }
}
