// The object behind a MAP_SHARED|MAP_ANONYMOUS mapping: bytes that belong to no file system, of
// the mapping's size, with an identity of their own. The mapping is kept coherent through it as
// a shared file mapping is through its file, so a child forked after the mmap shares the memory
// with its parent (shared_mappings.ts).
import { Errno } from '../errno.js';
import { PositionedFile } from './file.js';
import { makeStat, nextDeviceId } from './stat.js';
import { FileType, type Stat } from './types.js';

export class AnonymousMemory extends PositionedFile {
  private readonly bytes: Uint8Array;
  private readonly meta: Stat;

  constructor(size: number) {
    super();
    this.bytes = new Uint8Array(size);
    // A device of its own: (dev, ino) names this object and nothing else.
    this.meta = { ...makeStat(FileType.RegularFile, nextDeviceId(), 1n, BigInt(size)), mode: 0o600 };
  }

  override pread(buf: Uint8Array, position: number): number {
    if (position < 0) return -Errno.EINVAL;
    if (position >= this.bytes.length) return 0;
    const n = Math.min(buf.length, this.bytes.length - position);
    buf.set(this.bytes.subarray(position, position + n));
    return n;
  }

  /** Writes inside the object; it never grows (a mapping's size is fixed). */
  override pwrite(buf: Uint8Array, position: number): number {
    if (position < 0) return -Errno.EINVAL;
    if (position >= this.bytes.length) return buf.length === 0 ? 0 : -Errno.EFBIG;
    const n = Math.min(buf.length, this.bytes.length - position);
    this.bytes.set(buf.subarray(0, n), position);
    return n;
  }

  size(): number { return this.bytes.length; }
  override stat(): Stat { return this.meta; }
}
