import { type SyscallContext } from './context.js';
import { type FdEntry } from './fdtable.js';
import type { L4posixContext } from './l4posix.js';
import type { SocketEnd } from '../vfs/socket_pair.js';
import { UnixStreamSocket } from '../vfs/unix_socket.js';
/**
 * accept on a listening socket (accept4 and WASI's sock_accept): the new descriptor, -EAGAIN
 * for a nonblocking listener, SUSPEND while a blocking one waits, -EINVAL when not listening,
 * -EOPNOTSUPP for a datagram socket. `connection` receives the accepted socket.
 */
export declare function acceptOn(ctx: SyscallContext, e: FdEntry, sock: SocketEnd, nonblock: boolean, cloexec: boolean, connection?: (s: UnixStreamSocket) => void): number;
export declare const unixSocketCalls: {
    /**
     * socket(domain, type, protocol): an unconnected AF_UNIX socket, SOCK_STREAM or SOCK_DGRAM,
     * with SOCK_NONBLOCK and SOCK_CLOEXEC. AF_INET/AF_INET6 -EOPNOTSUPP (no network here), other
     * families -EAFNOSUPPORT, other types -EPROTONOSUPPORT, a protocol other than 0
     * -EPROTONOSUPPORT; -EMFILE.
     */
    socket(c: L4posixContext, domain: number, type: number, protocol: number): number;
    /**
     * bind(fd, addr, addr_len, dirfd, path, path_len): names the socket. A path makes a socket node
     * (mode 0777 less the umask): -EADDRINUSE when the name exists, -ENOENT for a missing
     * directory, -EOPNOTSUPP on a host mount, -EROFS read-only. An abstract name: -EADDRINUSE when
     * taken. Just the family (addr_len 2): an abstract name of five hex digits (Linux's autobind).
     * -EINVAL for a bound socket or a bad address, -EFAULT.
     */
    bind(c: L4posixContext, fd: number, addr: number, addrLen: number, dirfd: number, pathPtr: number, pathLen: number): number;
    /** listen(fd, backlog): a bound stream socket starts accepting; -EINVAL unbound or connected, -EOPNOTSUPP for datagrams. */
    listen(c: L4posixContext, fd: number, backlog: number): number;
    /**
     * accept4(fd, addr, addr_len, flags): the next connection (SOCK_NONBLOCK, SOCK_CLOEXEC on the
     * new descriptor), its peer's address at addr (addr 0: not wanted). Waits unless the listener is
     * O_NONBLOCK (-EAGAIN). -EINVAL not listening or for other flags, -EOPNOTSUPP for datagrams.
     */
    accept(c: L4posixContext, fd: number, addr: number, lenPtr: number, flags: number): number;
    /**
     * connect(fd, addr, addr_len, dirfd, path, path_len). A stream socket connects to a listener
     * (queued for its accept; waits while the backlog is full unless O_NONBLOCK: -EAGAIN): -ENOENT
     * for a missing path, -ECONNREFUSED when nothing listens there, -EPROTOTYPE for a datagram
     * socket, -EISCONN. A datagram socket takes the peer for send and recv; AF_UNSPEC dissolves it.
     */
    connect(c: L4posixContext, fd: number, addr: number, addrLen: number, dirfd: number, pathPtr: number, pathLen: number): number;
    /** getpeername(fd, addr, len): the peer's address; -ENOTCONN unconnected. A socket pair's peer is unnamed. */
    peername(c: L4posixContext, fd: number, addr: number, lenPtr: number): number;
    /**
     * sendmsg(fd, msg, flags, dirfd, path, path_len): the iovecs as one message; msg_name the
     * destination of a datagram (a stream: -EISCONN connected, else -EOPNOTSUPP); SCM_RIGHTS
     * descriptors in msg_control (their descriptions stay open until received). MSG_DONTWAIT,
     * MSG_NOSIGNAL. Bytes sent; -ENOTCONN, -ECONNREFUSED, -EPIPE (SIGPIPE), -EMSGSIZE, -EAGAIN, ...
     */
    sendmsg(c: L4posixContext, fd: number, msg: number, flags: number, dirfd: number, pathPtr: number, pathLen: number): number;
    /**
     * recvmsg(fd, msg, flags): into msg_iov; msg_name gets the sender's address (msg_namelen its
     * length, 0 for an unnamed sender), msg_control the descriptors that came (SCM_RIGHTS;
     * MSG_CMSG_CLOEXEC), msg_flags MSG_TRUNC / MSG_CTRUNC. MSG_PEEK, MSG_DONTWAIT, MSG_TRUNC.
     * Bytes received (a datagram's whole length with MSG_TRUNC); -EAGAIN, -EINVAL unconnected stream.
     */
    recvmsg(c: L4posixContext, fd: number, msg: number, flags: number): number;
};
