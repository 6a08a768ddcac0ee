// Base class of file-system back ends: a back end implements lstat and open and overrides the
// changes it supports; everything else answers as a read-only file system would.
import { Errno } from '../errno.js';
import type { FileSystem, FileType, OpenFile, OpenFlags, Stat, TimeSpec } from './types.js';
import { nextDeviceId } from './stat.js';

export abstract class BaseFileSystem implements FileSystem {
  abstract readonly name: string;
  readonly readOnly: boolean = true;
  /** This back end's device number (Stat.dev). */
  readonly dev: bigint = nextDeviceId();

  abstract lstat(path: readonly string[]): Stat | number;
  abstract open(path: readonly string[], flags: OpenFlags): OpenFile | number;

  /** The type of a node without its full metadata: what a path walk asks per component. */
  typeOf(path: readonly string[]): FileType | number {
    const s = this.lstat(path);
    return typeof s === 'number' ? s : s.type;
  }

  /** mkdir: EEXIST when the name is taken (POSIX checks that first), else EROFS. */
  mkdir(path: readonly string[], _mode: number): number { return this.taken(path); }
  /** rmdir: ENOENT for a missing name, else EROFS. */
  rmdir(path: readonly string[]): number { return this.present(path); }
  /** unlink: ENOENT for a missing name, else EROFS. */
  unlink(path: readonly string[]): number { return this.present(path); }
  /** rename: ENOENT for a missing source, else EROFS. */
  rename(from: readonly string[], _to: readonly string[]): number { return this.present(from); }
  /** symlink: EEXIST when the name is taken, else EROFS. */
  symlink(_target: string, path: readonly string[]): number { return this.taken(path); }
  /** readlink: EINVAL for an existing node that is not a symlink. */
  readlink(path: readonly string[]): string | number {
    const t = this.typeOf(path);
    return t < 0 ? t : -Errno.EINVAL;
  }
  /** link: ENOENT for a missing source, EEXIST for a taken name, else EROFS. */
  link(from: readonly string[], to: readonly string[]): number {
    const t = this.typeOf(from);
    return t < 0 ? t : this.taken(to);
  }
  /** utimensat: ENOENT for a missing name, else EROFS. */
  setTimes(path: readonly string[], _atime: TimeSpec, _mtime: TimeSpec): number { return this.present(path); }
  /** chmod: ENOENT for a missing name, else EROFS. */
  chmod(path: readonly string[], _mode: number): number { return this.present(path); }

  private taken(path: readonly string[]): number {
    return this.typeOf(path) >= 0 ? -Errno.EEXIST : -Errno.EROFS;
  }

  protected present(path: readonly string[]): number {
    const t = this.typeOf(path);
    return t < 0 ? t : -Errno.EROFS;
  }
}
