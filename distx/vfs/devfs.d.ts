import { FileType, type OpenFile, type OpenFlags, type Stat, type TimeSpec } from './types.js';
import { BaseFileSystem } from './filesystem.js';
import { type ConsoleFiles } from './console.js';
/** The descriptor a /dev path stands for: /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N. */
export declare function devStdioIndex(path: string): number | undefined;
export interface DevFsOptions {
    /** The machine console behind /dev/tty (without it there is no /dev/tty). */
    console?: ConsoleFiles;
}
export declare class DevFs extends BaseFileSystem {
    readonly name = "devfs";
    readonly readOnly = false;
    private readonly nodes;
    private readonly timeNs;
    constructor(options?: DevFsOptions);
    private add;
    private deviceStat;
    private rootStat;
    /** The node named by `path`, 'root' for the directory, or -errno. */
    private find;
    lstat(path: readonly string[]): Stat | number;
    typeOf(path: readonly string[]): FileType | number;
    /** open: a fresh description of the device; no new nodes can be created (EROFS). */
    open(path: readonly string[], flags: OpenFlags): OpenFile | number;
    /** utimensat on a device: accepted (touch /dev/null works), nothing stored. */
    setTimes(path: readonly string[], _atime: TimeSpec, _mtime: TimeSpec): number;
    private entries;
}
