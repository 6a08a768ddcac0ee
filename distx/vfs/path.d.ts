/** PATH_MAX: a path (with its NUL) must fit in 4096 bytes. */
export declare const PATH_MAX = 4096;
/** NAME_MAX: one component is at most 255 bytes. */
export declare const NAME_MAX = 255;
/** SYMLOOP_MAX as Linux has it: at most 40 symlinks per resolution. */
export declare const SYMLOOP_MAX = 40;
/**
 * Pushes the components of `path` onto `stack` last-first, so popping yields them in order.
 * Empty components (repeated slashes) are dropped; '.' and '..' are kept for the walker.
 * Returns true when the path ends in a slash (the last component must be a directory).
 */
export declare function pushComponents(stack: string[], path: string): boolean;
export declare function isAbsolute(path: string): boolean;
/** True when a component exceeds NAME_MAX bytes (UTF-8). */
export declare function nameTooLong(name: string): boolean;
/** True when a whole path exceeds PATH_MAX bytes (UTF-8, NUL included). */
export declare function pathTooLong(path: string): boolean;
/** True for the names that refer to a directory itself: '' (the root), '.', '..'. */
export declare function isDotName(name: string): boolean;
