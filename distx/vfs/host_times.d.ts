import type { TimeSpec } from './types.js';
/** True when Node's utimes sets both times as asked (none left alone, none below a microsecond). */
export declare function nodeSetsExactly(atime: TimeSpec, mtime: TimeSpec): boolean;
/**
 * Sets the times of the host file `path` (a symlink itself with `noFollow`) through touch(1):
 * 0, or undefined when that did not work (no touch, or it failed: the caller's own way then
 * sets the times, or reports why it cannot).
 */
export declare function touchTimes(path: string, noFollow: boolean, atime: TimeSpec, mtime: TimeSpec): number | undefined;
