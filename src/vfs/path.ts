// Guest path parsing for the mount tree: cheap component splitting (no regexes, no split) onto a
// stack of pending components, and the POSIX length limits.

/** PATH_MAX: a path (with its NUL) must fit in 4096 bytes. */
export const PATH_MAX = 4096;
/** NAME_MAX: one component is at most 255 bytes. */
export const NAME_MAX = 255;
/** SYMLOOP_MAX as Linux has it: at most 40 symlinks per resolution. */
export const SYMLOOP_MAX = 40;

const SLASH = 47;

/**
 * Pushes the components of `path` onto `stack` last-first, so popping yields them in order.
 * Empty components (repeated slashes) are dropped; '.' and '..' are kept for the walker.
 * Returns true when the path ends in a slash (the last component must be a directory).
 */
export function pushComponents(stack: string[], path: string): boolean {
  let end = path.length;
  const trailing = end > 0 && path.charCodeAt(end - 1) === SLASH;
  while (end > 0) {
    const slash = path.lastIndexOf('/', end - 1);
    if (slash < end - 1) stack.push(path.slice(slash + 1, end));
    if (slash < 0) break;
    end = slash;
  }
  return trailing;
}

export function isAbsolute(path: string): boolean {
  return path.charCodeAt(0) === SLASH;
}

/** True when a component exceeds NAME_MAX bytes (UTF-8). */
export function nameTooLong(name: string): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so short names need no encoding.
  return name.length > NAME_MAX / 3 && Buffer.byteLength(name) > NAME_MAX;
}

/** True when a whole path exceeds PATH_MAX bytes (UTF-8, NUL included). */
export function pathTooLong(path: string): boolean {
  return path.length >= PATH_MAX / 3 && Buffer.byteLength(path) >= PATH_MAX;
}

/** True for the names that refer to a directory itself: '' (the root), '.', '..'. */
export function isDotName(name: string): boolean {
  return name === '' || name === '.' || name === '..';
}
