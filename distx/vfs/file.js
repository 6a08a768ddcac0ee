import { Errno } from "../errno.js";
import { FileType, Whence } from "./types.js";
import { makeStat } from "./stat.js";
const noCancel = () => {
};
class BaseFile {
  get isTerminal() {
    return false;
  }
  /** read: -EINVAL for objects that cannot be read. */
  read(_buf) {
    return -Errno.EINVAL;
  }
  /** write: -EINVAL for objects that cannot be written. */
  write(_buf) {
    return -Errno.EINVAL;
  }
  /** pread: streams have no positions. */
  pread(_buf, _position) {
    return -Errno.ESPIPE;
  }
  /** pwrite: streams have no positions. */
  pwrite(_buf, _position) {
    return -Errno.ESPIPE;
  }
  /** lseek: streams have no offset. */
  seek(_offset, _whence) {
    return -Errno.ESPIPE;
  }
  /** fstat: a metadata-less node of this type; back ends with real metadata override. */
  stat() {
    return makeStat(this.type, 0n, 0n);
  }
  /** ftruncate: only regular files have a size to change. */
  setSize(_size) {
    return -Errno.EINVAL;
  }
  /** futimens: nowhere to store times. */
  setTimes(_atime, _mtime) {
    return -Errno.EROFS;
  }
  /** fchmod: nowhere to store a mode. */
  chmod(_mode) {
    return -Errno.EROFS;
  }
  /** fsync: nothing to flush is an error for POSIX streams (pipes, sockets). */
  sync() {
    return -Errno.EINVAL;
  }
  /** posix_fallocate: only regular files can be extended. */
  allocate(_offset, _len) {
    return -Errno.EINVAL;
  }
  /** getdents: not a directory. */
  readdir() {
    return -Errno.ENOTDIR;
  }
  readable() {
    return true;
  }
  writable() {
    return true;
  }
  /** Objects whose readiness never changes never wake anyone. */
  subscribe(_wake) {
    return noCancel;
  }
  /** FIONREAD: unsupported unless overridden. */
  available() {
    return -Errno.ENOTTY;
  }
  close() {
  }
}
class PositionedFile extends BaseFile {
  constructor(append = false) {
    super();
    this.append = append;
  }
  append;
  type = FileType.RegularFile;
  offset = 0;
  /** read: bytes from the shared offset, advancing it. */
  read(buf) {
    const n = this.pread(buf, this.offset);
    if (n > 0) this.offset += n;
    return n;
  }
  /** write: at the offset, or at the end in append mode; advances the offset. */
  write(buf) {
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
  seek(offset, whence) {
    let base;
    switch (whence) {
      case Whence.Set:
        base = 0;
        break;
      case Whence.Cur:
        base = this.offset;
        break;
      case Whence.End:
        base = this.size();
        if (base < 0) return base;
        break;
      default:
        return -Errno.EINVAL;
    }
    const next = base + offset;
    if (!Number.isSafeInteger(next) || next < 0) return -Errno.EINVAL;
    this.offset = next;
    return next;
  }
  /** posix_fallocate: extends the file (zero-filled) to cover [offset, offset+len). */
  allocate(offset, len) {
    if (offset < 0 || len <= 0) return -Errno.EINVAL;
    const size = this.size();
    if (size < 0) return size;
    return offset + len > size ? this.setSize(offset + len) : 0;
  }
  /** FIONREAD: bytes between the offset and the end. */
  available() {
    const size = this.size();
    return size < 0 ? size : Math.max(0, size - this.offset);
  }
  /** Regular files flush nothing by default (in-memory back ends). */
  sync() {
    return 0;
  }
}
class DirectoryFile extends BaseFile {
  type = FileType.Directory;
  read(_buf) {
    return -Errno.EISDIR;
  }
  write(_buf) {
    return -Errno.EISDIR;
  }
  pread(_buf, _position) {
    return -Errno.EISDIR;
  }
  pwrite(_buf, _position) {
    return -Errno.EISDIR;
  }
  setSize(_size) {
    return -Errno.EISDIR;
  }
  allocate(_offset, _len) {
    return -Errno.EISDIR;
  }
  /** lseek: only rewinding (the syscall layer keeps readdir cookies itself). */
  seek(offset, whence) {
    return offset === 0 && whence !== Whence.End ? 0 : -Errno.EINVAL;
  }
  sync() {
    return 0;
  }
}
export {
  BaseFile,
  DirectoryFile,
  PositionedFile
};
