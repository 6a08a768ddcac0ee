import { Errno } from "../errno.js";
import { nextDeviceId } from "./stat.js";
class BaseFileSystem {
  readOnly = true;
  /** This back end's device number (Stat.dev). */
  dev = nextDeviceId();
  /** The type of a node without its full metadata: what a path walk asks per component. */
  typeOf(path) {
    const s = this.lstat(path);
    return typeof s === "number" ? s : s.type;
  }
  /** mkdir: EEXIST when the name is taken (POSIX checks that first), else EROFS. */
  mkdir(path, _mode) {
    return this.taken(path);
  }
  /** rmdir: ENOENT for a missing name, else EROFS. */
  rmdir(path) {
    return this.present(path);
  }
  /** unlink: ENOENT for a missing name, else EROFS. */
  unlink(path) {
    return this.present(path);
  }
  /** rename: ENOENT for a missing source, else EROFS. */
  rename(from, _to) {
    return this.present(from);
  }
  /** symlink: EEXIST when the name is taken, else EROFS. */
  symlink(_target, path) {
    return this.taken(path);
  }
  /** readlink: EINVAL for an existing node that is not a symlink. */
  readlink(path) {
    const t = this.typeOf(path);
    return t < 0 ? t : -Errno.EINVAL;
  }
  /** link: ENOENT for a missing source, EEXIST for a taken name, else EROFS. */
  link(from, to) {
    const t = this.typeOf(from);
    return t < 0 ? t : this.taken(to);
  }
  /** utimensat: ENOENT for a missing name, else EROFS. */
  setTimes(path, _atime, _mtime) {
    return this.present(path);
  }
  /** chmod: ENOENT for a missing name, else EROFS. */
  chmod(path, _mode) {
    return this.present(path);
  }
  taken(path) {
    return this.typeOf(path) >= 0 ? -Errno.EEXIST : -Errno.EROFS;
  }
  present(path) {
    const t = this.typeOf(path);
    return t < 0 ? t : -Errno.EROFS;
  }
}
export {
  BaseFileSystem
};
