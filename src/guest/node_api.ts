// The parts of the Node API that follow Node's own conventions: signals by name (as
// child_process.kill takes them), the guest file system as promises that reject with node:fs-style
// errors (`code` ENOENT..., `syscall`, `path`), and the embedder's own imports for a program.
import { Buffer } from 'node:buffer';
import { posix as posixPath } from 'node:path';
import { Errno, errnoName } from '../errno.js';
import { FileType, type DirEntry, type Stat, type Vfs } from '../vfs/types.js';
import type { ImportTable } from './program.js';

// ---- signals by name ----

export { signalName, signalNumber, type SignalName } from './signals.js';

// ---- embedder imports ----

/** Functions the embedder adds to a program's imports, by module and name (synchronous). */
export type EmbedderImports = Record<string, Record<string, (...args: any[]) => unknown>>;

/** The import names l4wasm provides, plus the embedder's. */
export function providedWith(provided: Record<string, ReadonlySet<string>>, extra: EmbedderImports | undefined): Record<string, ReadonlySet<string>> {
  if (extra === undefined) return provided;
  const out: Record<string, ReadonlySet<string>> = { ...provided };
  for (const [mod, fns] of Object.entries(extra)) out[mod] = new Set([...(provided[mod] ?? []), ...Object.keys(fns)]);
  return out;
}

/** Adds (or replaces) the embedder's functions in a program's import table. */
export function withEmbedderImports(imports: ImportTable, extra: EmbedderImports): ImportTable {
  const out: ImportTable = { ...imports };
  for (const [mod, fns] of Object.entries(extra)) out[mod] = { ...(imports[mod] ?? {}), ...fns } as ImportTable[string];
  return out;
}

/** Checks the shape of SpawnOptions.imports; throws a TypeError naming what is wrong. */
export function checkEmbedderImports(imports: unknown): void {
  if (imports === undefined) return;
  if (imports === null || typeof imports !== 'object' || Array.isArray(imports)) {
    throw new TypeError('spawn: imports must be an object of modules ({ env: { name: function } })');
  }
  for (const [mod, fns] of Object.entries(imports)) {
    if (fns === null || typeof fns !== 'object') throw new TypeError(`spawn: imports.${mod} must be an object of functions`);
    for (const [name, fn] of Object.entries(fns as object)) {
      if (typeof fn !== 'function') throw new TypeError(`spawn: imports.${mod}.${name} must be a function`);
    }
  }
}

// ---- the guest file system as promises ----

/** What node:fs says for each code, so that messages read the same. */
const DESCRIPTIONS: Partial<Record<string, string>> = {
  ENOENT: 'no such file or directory', EEXIST: 'file already exists', ENOTDIR: 'not a directory',
  EISDIR: 'illegal operation on a directory', ENOTEMPTY: 'directory not empty', EACCES: 'permission denied',
  EPERM: 'operation not permitted', EROFS: 'read-only file system', EXDEV: 'cross-device link not permitted',
  EINVAL: 'invalid argument', ELOOP: 'too many symbolic links encountered', ENAMETOOLONG: 'name too long',
  EBUSY: 'resource busy or locked', ENOSPC: 'no space left on device', EBADF: 'bad file descriptor',
  ENFILE: 'file table overflow', EMFILE: 'too many open files', ENOTCAPABLE: 'not permitted in this mount',
};

/** An error as node:fs makes them: `ENOENT: no such file or directory, open '/x'` with code, syscall, path. */
export interface GuestFsError extends Error {
  code: string;
  syscall: string;
  path: string;
  /** The WASI errno (negative), as the guest would see it. */
  errno: number;
}

export function fsError(errno: number, syscall: string, path: string): GuestFsError {
  const code = errnoName(errno);
  const e = new Error(`${code}: ${DESCRIPTIONS[code] ?? code.toLowerCase()}, ${syscall} '${path}'`) as GuestFsError;
  e.code = code;
  e.syscall = syscall;
  e.path = path;
  e.errno = -Math.abs(errno);
  return e;
}

/** A guest file's metadata, shaped like node:fs's Stats (numbers in bytes and ms). */
export class GuestStats {
  readonly dev: number;
  readonly ino: number;
  readonly nlink: number;
  readonly size: number;
  /** Type bits and permissions, as st_mode (S_IFREG | 0o644 ...). */
  readonly mode: number;
  readonly atimeMs: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly atimeNs: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;

  constructor(private readonly st: Stat) {
    this.dev = Number(st.dev);
    this.ino = Number(st.ino);
    this.nlink = Number(st.nlink);
    this.size = Number(st.size);
    this.mode = (TYPE_BITS[st.type] ?? 0) | (st.mode & 0o7777);
    this.atimeNs = st.atimeNs;
    this.mtimeNs = st.mtimeNs;
    this.ctimeNs = st.ctimeNs;
    this.atimeMs = Number(st.atimeNs / 1000n) / 1000;
    this.mtimeMs = Number(st.mtimeNs / 1000n) / 1000;
    this.ctimeMs = Number(st.ctimeNs / 1000n) / 1000;
  }

  get mtime(): Date { return new Date(this.mtimeMs); }
  isFile(): boolean { return this.st.type === FileType.RegularFile; }
  isDirectory(): boolean { return this.st.type === FileType.Directory; }
  isSymbolicLink(): boolean { return this.st.type === FileType.SymbolicLink; }
  isCharacterDevice(): boolean { return this.st.type === FileType.CharacterDevice; }
  isFIFO(): boolean { return this.st.type === FileType.Fifo; }
}

const TYPE_BITS: Partial<Record<FileType, number>> = {
  [FileType.RegularFile]: 0o100000, [FileType.Directory]: 0o040000, [FileType.SymbolicLink]: 0o120000,
  [FileType.CharacterDevice]: 0o020000, [FileType.BlockDevice]: 0o060000, [FileType.Fifo]: 0o010000,
  [FileType.SocketStream]: 0o140000, [FileType.SocketDgram]: 0o140000,
};

/** A directory entry, shaped like node:fs's Dirent. */
export class GuestDirent {
  constructor(readonly name: string, private readonly type: FileType, readonly parentPath: string) {}
  isFile(): boolean { return this.type === FileType.RegularFile; }
  isDirectory(): boolean { return this.type === FileType.Directory; }
  isSymbolicLink(): boolean { return this.type === FileType.SymbolicLink; }
}

type Encoding = 'utf8' | 'utf-8' | 'latin1' | 'ascii' | 'base64' | 'hex';

/**
 * The machine's file tree for the embedder, in node:fs/promises style: absolute guest paths,
 * promises, errors with `code`. What a program sees is the same tree (writes are visible to it at
 * once, and its writes to the embedder).
 */
export class MachineFs {
  constructor(private readonly vfs: Vfs) {}

  /** The whole file; a string with an encoding. */
  readFile(path: string): Promise<Buffer>;
  readFile(path: string, encoding: Encoding | { encoding: Encoding }): Promise<string>;
  async readFile(path: string, encoding?: Encoding | { encoding: Encoding }): Promise<Buffer | string> {
    const f = this.vfs.open(path, { read: true, write: false });
    if (typeof f === 'number') throw fsError(f, 'open', path);
    try {
      const chunks: Buffer[] = [];
      for (;;) {
        const buf = Buffer.alloc(65536);
        const n = f.read(buf);
        if (n === -Errno.EAGAIN) throw fsError(n, 'read', path); // a device with nothing to read now
        if (n < 0) throw fsError(n, 'read', path);
        if (n === 0) break;
        chunks.push(buf.subarray(0, n));
      }
      const data = Buffer.concat(chunks);
      const enc = typeof encoding === 'object' ? encoding.encoding : encoding;
      return enc === undefined ? data : data.toString(enc);
    } finally {
      f.close();
    }
  }

  /** Creates or replaces a file with `data` (a string is written as UTF-8). */
  async writeFile(path: string, data: string | Uint8Array, options: { mode?: number; flag?: 'w' | 'a' | 'wx' } = {}): Promise<void> {
    const flag = options.flag ?? 'w';
    const f = this.vfs.open(path, {
      read: false, write: true, create: true, truncate: flag === 'w', append: flag === 'a', exclusive: flag === 'wx',
      mode: options.mode ?? 0o644,
    });
    if (typeof f === 'number') throw fsError(f, 'open', path);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let done = 0; done < bytes.length;) {
        const n = f.write(bytes.subarray(done));
        if (n <= 0) throw fsError(n === 0 ? -Errno.EIO : n, 'write', path);
        done += n;
      }
    } finally {
      f.close();
    }
  }

  /** Appends to a file (created if missing). */
  appendFile(path: string, data: string | Uint8Array): Promise<void> {
    return this.writeFile(path, data, { flag: 'a' });
  }

  /** The names in a directory (without . and ..); Dirent-like entries with withFileTypes. */
  readdir(path: string): Promise<string[]>;
  readdir(path: string, options: { withFileTypes: true }): Promise<GuestDirent[]>;
  async readdir(path: string, options?: { withFileTypes?: boolean }): Promise<string[] | GuestDirent[]> {
    const f = this.vfs.open(path, { read: true, write: false, directory: true });
    if (typeof f === 'number') throw fsError(f, 'scandir', path);
    let entries: DirEntry[] | number;
    try { entries = f.readdir(); } finally { f.close(); }
    if (typeof entries === 'number') throw fsError(entries, 'scandir', path);
    const list = entries.filter((e) => e.name !== '.' && e.name !== '..');
    return options?.withFileTypes ? list.map((e) => new GuestDirent(e.name, e.type, path)) : list.map((e) => e.name);
  }

  /** Metadata, following symlinks. */
  async stat(path: string): Promise<GuestStats> { return this.statWith(path, true, 'stat'); }
  /** Metadata of a symlink itself. */
  async lstat(path: string): Promise<GuestStats> { return this.statWith(path, false, 'lstat'); }

  private statWith(path: string, follow: boolean, syscall: string): GuestStats {
    const st = this.vfs.stat(path, follow);
    if (typeof st === 'number') throw fsError(st, syscall, path);
    return new GuestStats(st);
  }

  /** Creates a directory; with `recursive`, its parents too and no error if it exists. */
  async mkdir(path: string, options: { recursive?: boolean; mode?: number } = {}): Promise<void> {
    const mode = options.mode ?? 0o777;
    if (!options.recursive) {
      const r = this.vfs.mkdir(path, mode);
      if (r < 0) throw fsError(r, 'mkdir', path);
      return;
    }
    const parts = posixPath.normalize(path).split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const p = '/' + parts.slice(0, i).join('/');
      const r = this.vfs.mkdir(p, mode);
      if (r === -Errno.EEXIST) {
        const st = this.vfs.stat(p, true);
        if (typeof st !== 'number' && st.type === FileType.Directory) continue;
      }
      if (r < 0) throw fsError(r, 'mkdir', p);
    }
  }

  async unlink(path: string): Promise<void> {
    const r = this.vfs.unlink(path);
    if (r < 0) throw fsError(r, 'unlink', path);
  }

  async rmdir(path: string): Promise<void> {
    const r = this.vfs.rmdir(path);
    if (r < 0) throw fsError(r, 'rmdir', path);
  }

  /** Removes a file or (with `recursive`) a directory tree; `force`: no error if missing. */
  async rm(path: string, options: { recursive?: boolean; force?: boolean } = {}): Promise<void> {
    const st = this.vfs.stat(path, false);
    if (typeof st === 'number') {
      if (st === -Errno.ENOENT && options.force) return;
      throw fsError(st, 'rm', path);
    }
    if (st.type !== FileType.Directory) return this.unlink(path);
    if (!options.recursive) throw fsError(-Errno.EISDIR, 'rm', path);
    for (const name of await this.readdir(path)) await this.rm(posixPath.join(path, name), options);
    return this.rmdir(path);
  }

  async rename(from: string, to: string): Promise<void> {
    const r = this.vfs.rename(from, to);
    if (r < 0) throw fsError(r, 'rename', from);
  }

  /** Sets the permission bits (0o7777) of `path`, following a symlink; a program needs an x bit to be exec'ed or spawned by path. */
  async chmod(path: string, mode: number): Promise<void> {
    const r = this.vfs.chmod(path, mode & 0o7777, true);
    if (r < 0) throw fsError(r, 'chmod', path);
  }

  async symlink(target: string, path: string): Promise<void> {
    const r = this.vfs.symlink(target, path);
    if (r < 0) throw fsError(r, 'symlink', path);
  }

  async readlink(path: string): Promise<string> {
    const r = this.vfs.readlink(path);
    if (typeof r === 'number') throw fsError(r, 'readlink', path);
    return r;
  }

  /** Whether a path exists (a convenience node:fs/promises lacks). */
  async exists(path: string): Promise<boolean> {
    return typeof this.vfs.stat(path, true) !== 'number';
  }
}
