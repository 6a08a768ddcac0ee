import type { FileSystem, FileType, OpenFile, OpenFlags, Stat, TimeSpec } from './types.js';
export declare abstract class BaseFileSystem implements FileSystem {
    abstract readonly name: string;
    readonly readOnly: boolean;
    /** This back end's device number (Stat.dev). */
    readonly dev: bigint;
    abstract lstat(path: readonly string[]): Stat | number;
    abstract open(path: readonly string[], flags: OpenFlags): OpenFile | number;
    /** The type of a node without its full metadata: what a path walk asks per component. */
    typeOf(path: readonly string[]): FileType | number;
    /** mkdir: EEXIST when the name is taken (POSIX checks that first), else EROFS. */
    mkdir(path: readonly string[], _mode: number): number;
    /** rmdir: ENOENT for a missing name, else EROFS. */
    rmdir(path: readonly string[]): number;
    /** unlink: ENOENT for a missing name, else EROFS. */
    unlink(path: readonly string[]): number;
    /** rename: ENOENT for a missing source, else EROFS. */
    rename(from: readonly string[], _to: readonly string[]): number;
    /** symlink: EEXIST when the name is taken, else EROFS. */
    symlink(_target: string, path: readonly string[]): number;
    /** readlink: EINVAL for an existing node that is not a symlink. */
    readlink(path: readonly string[]): string | number;
    /** link: ENOENT for a missing source, EEXIST for a taken name, else EROFS. */
    link(from: readonly string[], to: readonly string[]): number;
    /** utimensat: ENOENT for a missing name, else EROFS. */
    setTimes(path: readonly string[], _atime: TimeSpec, _mtime: TimeSpec): number;
    /** chmod: ENOENT for a missing name, else EROFS. */
    chmod(path: readonly string[], _mode: number): number;
    private taken;
    protected present(path: readonly string[]): number;
}
