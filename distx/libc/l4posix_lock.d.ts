import type { FdEntry } from './fdtable.js';
import type { L4posixContext } from './l4posix.js';
/** fcntl commands of record locks (Linux's numbers; off_t is 64-bit in wasi-libc). */
export declare const enum LockCmd {
    GETLK = 5,
    SETLK = 6,
    SETLKW = 7
}
/**
 * F_GETLK / F_SETLK / F_SETLKW on `e` with the struct flock at `ptr`: 0 or -errno (EFAULT,
 * EINVAL for a bad type, whence or range, EBADF for a read lock on a descriptor not open for
 * reading or a write lock on one not open for writing, EAGAIN when F_SETLK meets another
 * process's lock). F_GETLK writes back the first conflicting lock (with its owner's pid) or F_UNLCK.
 */
export declare function recordLock(c: L4posixContext, e: FdEntry, cmd: LockCmd, ptr: number): number;
/**
 * What a decoupled program's worker needs to take `fd`'s record locks on its own core: the file
 * (the descriptor still names it while this is the same object), its lock key, the lock types its
 * rights allow. Closes drop the process's locks from now on, whoever took them.
 */
export declare function lockableFile(c: L4posixContext, fd: number): {
    file: FdEntry['file'];
    key: string;
    read: boolean;
    write: boolean;
} | undefined;
