// Base classes for open file descriptions (L4Re Be_file / Be_file_pos): BaseFile answers every
// operation with the error POSIX gives for an object that lacks it; PositionedFile builds
// read/write/lseek from pread/pwrite and a size; DirectoryFile is the base of directory listings.
import { Errno } from '../errno.js';
import { FileType, Whence, type DirEntry, type OpenFile, type Stat, type TimeSpec } from './types.js';
import { makeStat } from './stat.js';

const noCancel = (): void => {};

export abstract class BaseFile implements OpenFile {
  abstract readonly type: FileType;
  get isTerminal(): boolean { return false; }

  /** read: -EINVAL for objects that cannot be read. */
  read(_buf: Uint8Array): number { return -Errno.EINVAL; }
  /** write: -EINVAL for objects that cannot be written. */
  write(_buf: Uint8Array): number { return -Errno.EINVAL; }
  /** pread: streams have no positions. */
  pread(_buf: Uint8Array, _position: number): number { return -Errno.ESPIPE; }
  /** pwrite: streams have no positions. */
  pwrite(_buf: Uint8Array, _position: number): number { return -Errno.ESPIPE; }
  /** lseek: streams have no offset. */
  seek(_offset: number, _whence: Whence): number { return -Errno.ESPIPE; }
  /** fstat: a metadata-less node of this type; back ends with real metadata override. */
  stat(): Stat | number { return makeStat(this.type, 0n, 0n); }
  /** ftruncate: only regular files have a size to change. */
  setSize(_size: number): number { return -Errno.EINVAL; }
  /** futimens: nowhere to store times. */
  setTimes(_atime: TimeSpec, _mtime: TimeSpec): number { return -Errno.EROFS; }
  /** fchmod: nowhere to store a mode. */
  chmod(_mode: number): number { return -Errno.EROFS; }
  /** fsync: nothing to flush is an error for POSIX streams (pipes, sockets). */
  sync(): number { return -Errno.EINVAL; }
  /** posix_fallocate: only regular files can be extended. */
  allocate(_offset: number, _len: number): number { return -Errno.EINVAL; }
  /** getdents: not a directory. */
  readdir(): DirEntry[] | number { return -Errno.ENOTDIR; }
  readable(): boolean { return true; }
  writable(): boolean { return true; }
  /** Objects whose readiness never changes never wake anyone. */
  subscribe(_wake: () => void): () => void { return noCancel; }
  /** FIONREAD: unsupported unless overridden. */
  available(): number { return -Errno.ENOTTY; }
  close(): void {}
}

/**
 * A file with an offset: read/write/seek from pread/pwrite/size. The offset lives in the open
 * file description, so dup'ed descriptors share it; append mode moves it to the end before each
 * write. Regular files never block, so O_NONBLOCK changes nothing here.
 */
export abstract class PositionedFile extends BaseFile {
  readonly type: FileType = FileType.RegularFile;
  protected offset = 0;

  constructor(protected readonly append = false) { super(); }

  abstract override pread(buf: Uint8Array, position: number): number;
  abstract override pwrite(buf: Uint8Array, position: number): number;
  /** The current size in bytes, or -errno. */
  abstract size(): number;

  /** read: bytes from the shared offset, advancing it. */
  override read(buf: Uint8Array): number {
    const n = this.pread(buf, this.offset);
    if (n > 0) this.offset += n;
    return n;
  }

  /** write: at the offset, or at the end in append mode; advances the offset. */
  override write(buf: Uint8Array): number {
    if (this.append) {
      const end = this.size();
      if (end < 0) return end;
      this.offset = end;
    }
    const n = this.pwrite(buf, this.offset);
    if (n > 0) this.offset += n;
    return n;
  }

  /** lseek: the new offset; seeking past the end is allowed, before the start is EINVAL. */
  override seek(offset: number, whence: Whence): number {
    let base: number;
    switch (whence) {
      case Whence.Set: base = 0; break;
      case Whence.Cur: base = this.offset; break;
      case Whence.End: base = this.size(); if (base < 0) return base; break;
      default: return -Errno.EINVAL;
    }
    const next = base + offset;
    if (!Number.isSafeInteger(next) || next < 0) return -Errno.EINVAL;
    this.offset = next;
    return next;
  }

  /** posix_fallocate: extends the file (zero-filled) to cover [offset, offset+len). */
  override allocate(offset: number, len: number): number {
    if (offset < 0 || len <= 0) return -Errno.EINVAL;
    const size = this.size();
    if (size < 0) return size;
    return offset + len > size ? this.setSize(offset + len) : 0;
  }

  /** FIONREAD: bytes between the offset and the end. */
  override available(): number {
    const size = this.size();
    return size < 0 ? size : Math.max(0, size - this.offset);
  }

  /** Regular files flush nothing by default (in-memory back ends). */
  override sync(): number { return 0; }
}

/** An open directory: reads are EISDIR, the listing comes from readdir. */
export abstract class DirectoryFile extends BaseFile {
  readonly type: FileType = FileType.Directory;

  abstract override readdir(): DirEntry[] | number;
  override read(_buf: Uint8Array): number { return -Errno.EISDIR; }
  override write(_buf: Uint8Array): number { return -Errno.EISDIR; }
  override pread(_buf: Uint8Array, _position: number): number { return -Errno.EISDIR; }
  override pwrite(_buf: Uint8Array, _position: number): number { return -Errno.EISDIR; }
  override setSize(_size: number): number { return -Errno.EISDIR; }
  override allocate(_offset: number, _len: number): number { return -Errno.EISDIR; }
  /** lseek: only rewinding (the syscall layer keeps readdir cookies itself). */
  override seek(offset: number, whence: Whence): number {
    return offset === 0 && whence !== Whence.End ? 0 : -Errno.EINVAL;
  }
  override sync(): number { return 0; }
}
