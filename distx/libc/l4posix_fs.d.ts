import type { L4posixContext } from './l4posix.js';
/** The absolute guest path a (dirfd, path) argument names, or -errno. */
export declare function pathAt(c: L4posixContext, dirfd: number, ptr: number, len: number): string | number;
export declare const fileModeCalls: {
    /** umask(mask): sets the process's file-creation mask (mask & 0777) and returns the old one. */
    umask(c: L4posixContext, mask: number): number;
    /**
     * The permission bits the next file or directory this process creates asks for (open's and
     * mkdir's mode argument, which WASI's path_open and path_create_directory cannot carry); the
     * umask is applied when it is used. -1 withdraws it. Always 0.
     */
    create_mode(c: L4posixContext, mode: number): number;
    /** fchmod(fd, mode): -EBADF, -EROFS on read-only file systems. */
    fchmod(c: L4posixContext, fd: number, mode: number): number;
    /**
     * fchmodat(dirfd, path, mode, flags): chmod follows a final symlink; with AT_SYMLINK_NOFOLLOW a
     * symlink is -EOPNOTSUPP (Linux cannot change a link's mode). Other flags -EINVAL.
     */
    fchmodat(c: L4posixContext, dirfd: number, ptr: number, len: number, mode: number, flags: number): number;
    /**
     * fstat(fd, buf): the node's filestat (WASI's layout) into buf and its permission bits as the
     * result (st_mode & 07777); any open descriptor, whatever its rights. -EBADF, -EFAULT.
     */
    fstat(c: L4posixContext, fd: number, buf: number): number;
    /**
     * fstatat(dirfd, path, flags, buf): stat (lstat with AT_SYMLINK_NOFOLLOW) into buf, the
     * permission bits as the result. -EINVAL for other flags.
     */
    statat(c: L4posixContext, dirfd: number, ptr: number, len: number, flags: number, buf: number): number;
    /**
     * faccessat(dirfd, path, amode, flags): F_OK, or R_OK|W_OK|X_OK checked against the mode bits
     * for the process's uid and gid (see Vfs.access). -EINVAL for other bits or flags.
     */
    faccessat(c: L4posixContext, dirfd: number, ptr: number, len: number, amode: number, flags: number): number;
    /** mkfifoat(dirfd, path, mode): a named pipe, its mode less the umask; -EEXIST, -EPERM where the file system has none. */
    mkfifoat(c: L4posixContext, dirfd: number, ptr: number, len: number, mode: number): number;
    /**
     * realpath(dirfd, path, buf, size): the canonical guest path (symlinks, '.' and '..' resolved)
     * with a NUL into buf; its length, -ERANGE when it does not fit, -EFAULT.
     */
    realpath(c: L4posixContext, dirfd: number, ptr: number, len: number, buf: number, size: number): number;
};
