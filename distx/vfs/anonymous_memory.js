import { Errno } from "../errno.js";
import { PositionedFile } from "./file.js";
import { makeStat, nextDeviceId } from "./stat.js";
import { FileType } from "./types.js";
class AnonymousMemory extends PositionedFile {
  bytes;
  meta;
  constructor(size) {
    super();
    this.bytes = new Uint8Array(size);
    this.meta = { ...makeStat(FileType.RegularFile, nextDeviceId(), 1n, BigInt(size)), mode: 384 };
  }
  pread(buf, position) {
    if (position < 0) return -Errno.EINVAL;
    if (position >= this.bytes.length) return 0;
    const n = Math.min(buf.length, this.bytes.length - position);
    buf.set(this.bytes.subarray(position, position + n));
    return n;
  }
  /** Writes inside the object; it never grows (a mapping's size is fixed). */
  pwrite(buf, position) {
    if (position < 0) return -Errno.EINVAL;
    if (position >= this.bytes.length) return buf.length === 0 ? 0 : -Errno.EFBIG;
    const n = Math.min(buf.length, this.bytes.length - position);
    this.bytes.set(buf.subarray(0, n), position);
    return n;
  }
  size() {
    return this.bytes.length;
  }
  stat() {
    return this.meta;
  }
}
export {
  AnonymousMemory
};
