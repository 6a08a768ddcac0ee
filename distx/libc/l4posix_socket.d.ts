import { type GuestMemory } from './abi.js';
import type { SyscallContext } from './context.js';
import { type FdEntry } from './fdtable.js';
import type { L4posixContext } from './l4posix.js';
import { SocketEnd } from '../vfs/socket_pair.js';
import { type Credentials } from '../vfs/unix_socket.js';
/** wasi-libc's address families (AF_UNIX is 3 there) and socket types (WASI's filetypes). */
export declare const enum SockDomain {
    INET = 1,
    INET6 = 2,
    UNIX = 3
}
export declare const SOCK_DGRAM = 5, SOCK_STREAM = 6;
export declare const SOCK_NONBLOCK = 16384, SOCK_CLOEXEC = 8192;
/** recv/send flags: wasi-libc's MSG_PEEK and MSG_WAITALL, Linux's values for the rest. */
export declare const enum MsgFlag {
    PEEK = 1,
    WAITALL = 2,
    TRUNC = 32,
    DONTWAIT = 64,
    NOSIGNAL = 16384
}
/** The caller's pid and effective ids, as a socket records them (SO_PEERCRED). */
export declare function credentialsOf(c: L4posixContext): Credentials;
/** The socket behind `fd`: -EBADF when not open, -ENOTSOCK for any other file. */
export declare function socketOf(ctx: SyscallContext, fd: number): {
    e: FdEntry;
    sock: SocketEnd;
} | number;
/**
 * The bytes of checked iovecs (`total` in all), gathered: at most a call's worth (CALL_MAX), so
 * iovecs that name the same memory many times (up to 2 GiB in all) cannot make the host
 * allocate that much; a larger datagram is still seen as larger (EMSGSIZE).
 */
export declare function gather(mem: GuestMemory, iovs: number, n: number, total: number): Uint8Array;
/** A receive buffer for iovecs of `total` bytes: no more than one call moves (see gather). */
export declare function receiveBuffer(total: number): Uint8Array;
/** The first `count` bytes of `buf`, scattered into checked iovecs. */
export declare function scatter(mem: GuestMemory, iovs: number, n: number, buf: Uint8Array, count: number): void;
export interface ReceiveResult {
    copied: number;
    length: number;
    truncated: boolean;
}
/**
 * recv/recvmsg/sock_recv into iovecs: the bytes copied and a datagram's whole length, -errno, or
 * SUSPEND while a blocking call waits for data. Checks the iovecs (-EFAULT, -EINVAL).
 */
export declare function socketReceive(ctx: SyscallContext, mem: GuestMemory, e: FdEntry, sock: SocketEnd, iovs: number, n: number, flags: number): ReceiveResult | number;
/**
 * send/sendmsg/sock_send from iovecs (a datagram is their bytes together): bytes taken, -errno, or
 * SUSPEND while a blocking call waits for room. EPIPE raises SIGPIPE unless MSG_NOSIGNAL.
 */
export declare function socketSend(ctx: SyscallContext, mem: GuestMemory, e: FdEntry, sock: SocketEnd, iovs: number, n: number, flags: number): number;
export declare const socketCalls: {
    /**
     * socketpair(domain, type, protocol, sv): two connected AF_UNIX sockets (SOCK_STREAM or
     * SOCK_DGRAM, with SOCK_NONBLOCK and SOCK_CLOEXEC) at the two lowest free descriptors.
     * AF_INET/AF_INET6 are -EOPNOTSUPP and other families -EAFNOSUPPORT (Linux), other types
     * -EPROTONOSUPPORT (Linux: ESOCKTNOSUPPORT, which WASI lacks), a protocol other than 0
     * -EPROTONOSUPPORT, unknown flags -EINVAL; -EFAULT, -EMFILE.
     */
    socketpair(c: L4posixContext, domain: number, type: number, protocol: number, svPtr: number): number;
    /**
     * recv/recvfrom/recvmsg(fd, iovs, n, flags, msg_flags): MSG_PEEK, MSG_DONTWAIT, MSG_TRUNC (a
     * datagram's whole length is the result). The bytes received (or that length); *msg_flags gets
     * MSG_TRUNC for a datagram cut short (msg_flags 0: not wanted). -EBADF, -ENOTSOCK, -EFAULT, -EAGAIN.
     */
    recv(c: L4posixContext, fd: number, iovs: number, n: number, flags: number, msgFlagsPtr: number): number;
    /** send/sendto/sendmsg(fd, iovs, n, flags): MSG_DONTWAIT, MSG_NOSIGNAL. Bytes sent; -EPIPE, -EMSGSIZE, ... */
    send(c: L4posixContext, fd: number, iovs: number, n: number, flags: number): number;
    /**
     * getsockopt(fd, SOL_SOCKET, name, value, len): the option's value into `value`, cut to *len
     * bytes, and *len set to what was written (Linux). SO_TYPE, SO_ERROR (the pending error,
     * cleared), SO_SNDBUF, SO_RCVBUF, SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN, SO_PASSCRED,
     * SO_REUSEADDR, SO_KEEPALIVE (ints), SO_PEERCRED (struct ucred), SO_LINGER (struct linger),
     * SO_RCVTIMEO, SO_SNDTIMEO (struct timeval); other options and levels -ENOPROTOOPT; -EINVAL for a negative *len, -EFAULT.
     */
    getsockopt(c: L4posixContext, fd: number, level: number, name: number, valuePtr: number, lenPtr: number): number;
    /**
     * getsockname(fd, addr, len): the bound name (AF_UNIX and the path with its NUL, or the abstract
     * name), or just AF_UNIX for an unnamed socket: at most *len bytes of it written, *len set to
     * its whole length (Linux). -EBADF, -ENOTSOCK, -EINVAL for a negative *len, -EFAULT.
     */
    sockname(c: L4posixContext, fd: number, addrPtr: number, lenPtr: number): number;
    /**
     * setsockopt(fd, SOL_SOCKET, name, value, len): the int at `value` (-EINVAL when len is shorter,
     * -EFAULT). SO_SNDBUF and SO_RCVBUF (recorded doubled, within Linux's bounds, as getsockopt then
     * reports), SO_PASSCRED, SO_REUSEADDR and SO_KEEPALIVE (kept, as Linux keeps them); other options
     * and levels -ENOPROTOOPT.
     */
    setsockopt(c: L4posixContext, fd: number, level: number, name: number, valuePtr: number, len: number): number;
};
