// /dev/l4shm: the guest side of the proxy driver (src/l4re/proxy.ts), one device per proxy.
// A process opens /dev/l4shm/NAME and
//   mmap(MAP_SHARED)  attaches the shared dataspace the L4 task attached too;
//   write()           rings the task (its request IRQ) and returns the byte count; the bytes are
//                     not stored: the data travels in the shared window;
//   read()            waits until the task notifies, then returns 4 bytes: the number of
//                     notifications since this descriptor last read (EAGAIN with O_NONBLOCK);
//   poll()            readable once a notification is waiting, writable always.
// Once the serving task has ended, read and write fail with EPIPE (a blocked read wakes).
import { Errno } from '../errno.js';
import type { Proxy } from '../l4re/proxy.js';
import type { Dataspace } from '../l4re/dataspace.js';
import { FileType, type DirEntry, type OpenFile, type OpenFlags, type Stat } from './types.js';
import { BaseFileSystem } from './filesystem.js';
import { BaseFile, DirectoryFile } from './file.js';
import { makeStat, nowNs } from './stat.js';

/** The proxies the devices stand for (the machine's L4 namespace). */
export interface ProxySource {
  getProxy(name: string): Proxy | undefined;
  proxyNames(): string[];
}

interface Window { publish(): void; refresh(): void }

class ProxyFile extends BaseFile {
  readonly type = FileType.CharacterDevice;
  private seen: number;
  private readonly windows = new Set<Window>();

  constructor(private readonly proxy: Proxy, private readonly meta: Stat) {
    super();
    this.seen = proxy.notifications;
    proxy.opened();
  }

  override stat(): Stat { return this.meta; }
  override seek(): number { return 0; }

  private get pending(): number { return this.proxy.notifications - this.seen; }

  /** read: 4 bytes, the notifications since the last read; -EAGAIN when none, -EPIPE once the task is gone. */
  override read(buf: Uint8Array): number {
    if (this.proxy.serverGone) return -Errno.EPIPE;
    const n = this.pending;
    if (n === 0) return -Errno.EAGAIN;
    if (buf.length < 4) return -Errno.EINVAL;
    this.seen = this.proxy.notifications;
    for (const w of this.windows) w.refresh();
    new DataView(buf.buffer, buf.byteOffset, 4).setUint32(0, n, true);
    return 4;
  }

  /** write: publishes the mapped windows and rings the task; the byte count, or -EPIPE. */
  override write(buf: Uint8Array): number {
    for (const w of this.windows) w.publish();
    const r = this.proxy.ring();
    return r < 0 ? r : buf.length;
  }

  override readable(): boolean { return this.proxy.serverGone || this.pending > 0; }
  override writable(): boolean { return true; }
  override subscribe(wake: () => void): () => void { return this.proxy.subscribe(wake); }
  override available(): number { return this.pending > 0 ? 4 : 0; }
  sharedDataspace(): Dataspace { return this.proxy.ds; }

  addWindow(w: Window): () => void {
    this.windows.add(w);
    return () => { this.windows.delete(w); };
  }

  override close(): void {
    this.windows.clear();
    this.proxy.closed();
  }
}

export class L4ShmFs extends BaseFileSystem {
  readonly name = 'l4shm';
  private readonly timeNs = nowNs();
  private readonly inos = new Map<string, bigint>();

  constructor(private readonly source: ProxySource) { super(); }

  private ino(name: string): bigint {
    let i = this.inos.get(name);
    if (i === undefined) this.inos.set(name, (i = BigInt(this.inos.size + 2)));
    return i;
  }

  private deviceStat(name: string): Stat {
    return { ...makeStat(FileType.CharacterDevice, this.dev, this.ino(name), 0n, this.timeNs), mode: 0o666 };
  }

  lstat(path: readonly string[]): Stat | number {
    if (path.length === 0) return makeStat(FileType.Directory, this.dev, 1n, 0n, this.timeNs);
    if (path.length > 1) return this.source.getProxy(path[0]!) ? -Errno.ENOTDIR : -Errno.ENOENT;
    return this.source.getProxy(path[0]!) ? this.deviceStat(path[0]!) : -Errno.ENOENT;
  }

  /** open: a fresh descriptor of the proxy's device; nothing can be created (EROFS). */
  open(path: readonly string[], flags: OpenFlags): OpenFile | number {
    if (path.length === 0) {
      if (flags.write || flags.truncate) return -Errno.EISDIR;
      return new ShmDir(makeStat(FileType.Directory, this.dev, 1n, 0n, this.timeNs), this.entries());
    }
    const p = path.length === 1 ? this.source.getProxy(path[0]!) : undefined;
    if (p === undefined) return flags.create ? -Errno.EROFS : -Errno.ENOENT;
    if (flags.directory) return -Errno.ENOTDIR;
    return new ProxyFile(p, this.deviceStat(path[0]!));
  }

  private entries(): DirEntry[] {
    return this.source.proxyNames().map((name) => ({ name, type: FileType.CharacterDevice, ino: this.ino(name) }));
  }
}

class ShmDir extends DirectoryFile {
  constructor(private readonly meta: Stat, private readonly list: DirEntry[]) { super(); }
  override stat(): Stat { return this.meta; }
  override readdir(): DirEntry[] { return this.list.slice(); }
}
