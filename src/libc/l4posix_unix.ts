// l4posix, named AF_UNIX sockets (sysroot/src/socket_unix.c): socket, bind, listen, accept,
// connect, getpeername, and sendmsg/recvmsg with addresses and SCM_RIGHTS. The sockets are
// vfs/unix_socket.ts; a path name is a socket node in the VFS (tmpfs keeps them; a host mount
// refuses with EOPNOTSUPP, so l4wasm never makes a file on the host), an abstract name (Linux:
// sun_path[0] == 0) lives in the machine's table. libl4posix passes a path name both as the raw
// address (for getsockname) and split into (dirfd, path) as every path call is.
// AF_INET and AF_INET6 sockets are the same sockets on the machine's loopback network
// (inet_address.ts): a port is a name in the machine's table of ports, TCP's and UDP's apart.
import { Errno } from '../errno.js';
import { FdFlags, type GuestMemory } from './abi.js';
import { fileCreation, type SyscallContext } from './context.js';
import { rightsFor, type Description, type FdEntry } from './fdtable.js';
import type { L4posixContext } from './l4posix.js';
import { pathAt } from './l4posix_fs.js';
import { abstractKey, addressBytes, readAddress, SOCKADDR_UN_MAX, SUN_PATH, type Address } from './unix_address.js';
import {
  destination, encodeInet, ephemeralPort, inetAs, isLocal, loopback, portKey, readInet, writeName, type InetFamily,
} from './inet_address.js';
import { credentialsOf, gather, MsgFlag, receiveBuffer, scatter, socketOf, SockDomain, SOCK_CLOEXEC, SOCK_DGRAM, SOCK_NONBLOCK, SOCK_STREAM } from './l4posix_socket.js';
import { posixState } from './posix_state.js';
import { waitOn } from './socket_wait.js';
import { checkIovecs } from './wasi_fd.js';
import type { SocketEnd } from '../vfs/socket_pair.js';
import { FileType } from '../vfs/types.js';
import { UnixDatagramSocket, UnixSocket, UnixStreamSocket, type Attachment } from '../vfs/unix_socket.js';

/** wasi-libc's SOL_SOCKET; SCM_RIGHTS; Linux's MSG_CTRUNC and MSG_CMSG_CLOEXEC; SCM_MAX_FD. */
const SOL_SOCKET = 0x7fffffff;
const SCM_RIGHTS = 1;
const MSG_CTRUNC = 0x8;
const MSG_CMSG_CLOEXEC = 0x40000000;
const SCM_MAX_FD = 253;
/** IPPROTO_TCP, IPPROTO_UDP; the largest UDP payload (IPv4). */
export const IPPROTO_TCP = 6, IPPROTO_UDP = 17;
const UDP_MAX = 65507;
/** struct cmsghdr (wasm32): cmsg_len, cmsg_level, cmsg_type; the data follows at 12. */
const CMSG_HDR = 12;
/** struct msghdr (wasm32): name 0, namelen 4, iov 8, iovlen 12, control 16, controllen 20, flags 24. */
const MSGHDR_SIZE = 28;

/** The socket bound to `a`: -ENOENT for a missing path, -ECONNREFUSED where no socket is bound. */
function lookup(c: L4posixContext, a: Address, dirfd: number, pathPtr: number, pathLen: number): UnixSocket | number {
  if (a.kind === 'unnamed') return -Errno.EINVAL;
  let ep: object | number | undefined;
  if (a.kind === 'abstract') {
    ep = c.vfs.abstractSockets.get(abstractKey(a.bytes)) ?? -Errno.ECONNREFUSED;
  } else {
    const p = pathAt(c, dirfd, pathPtr, pathLen);
    if (typeof p === 'number') return p;
    ep = c.vfs.boundSocket(p);
  }
  if (typeof ep === 'number') return ep;
  return ep instanceof UnixSocket ? ep : -Errno.ECONNREFUSED;
}

/** Linux's autobind: the first free abstract name of five hex digits. */
let nextAuto = 0;
function autobindName(table: Map<string, object>): Uint8Array | number {
  for (let i = 0; i < 0x100000; i++) {
    const n = (nextAuto + i) & 0xfffff;
    const bytes = new Uint8Array([0, ...Array.from(n.toString(16).padStart(5, '0'), (ch) => ch.charCodeAt(0))]);
    if (!table.has(abstractKey(bytes))) { nextAuto = n + 1; return bytes; }
  }
  return -Errno.EADDRINUSE;
}

/**
 * Gives an internet socket port `port` (0: an ephemeral one) of the machine's loopback network at
 * `ip`: its name from now on, given back when it closes. -EADDRINUSE for a port another socket has.
 */
function claimPort(c: L4posixContext, sock: UnixSocket, ip: Uint8Array, port: number): number {
  const stream = sock.type === FileType.SocketStream;
  const table = c.vfs.inetPorts;
  const p = port === 0 ? ephemeralPort(table, stream) : port;
  if (p < 0) return p;
  const key = portKey(stream, p);
  if (table.has(key)) return -Errno.EADDRINUSE;
  table.set(key, sock);
  sock.name = encodeInet(sock.family as InetFamily, ip, p);
  sock.onClose = () => { if (table.get(key) === sock) table.delete(key); };
  return 0;
}

/** An unbound internet socket's implicit name (Linux's autobind at connect and sendto): loopback, an ephemeral port. */
function autobindInet(c: L4posixContext, sock: UnixSocket): number {
  return sock.name !== undefined ? 0 : claimPort(c, sock, loopback(sock.family as InetFamily), 0);
}

/** The internet socket bound to `a`'s port (undefined: none); -ENETUNREACH for an address not of this host. */
function inetTarget(c: L4posixContext, sock: UnixSocket, mem: GuestMemory, ptr: number, len: number):
  { target: object | undefined; dest: Uint8Array; port: number } | number {
  const family = sock.family as InetFamily;
  const a = readInet(mem, ptr, len, family);
  if (typeof a === 'number') return a;
  if (!isLocal(a.ip)) return -Errno.ENETUNREACH;
  return { target: c.vfs.inetPorts.get(portKey(sock.type === FileType.SocketStream, a.port)), dest: destination(a.ip, family), port: a.port };
}

/**
 * connect of an internet socket: a stream connects to the listener of the port (-ECONNREFUSED when
 * none listens), each side seeing the addresses in its own family; a datagram socket takes the
 * address as its peer, whoever is bound there (UDP: a port nobody has is found out by the first
 * datagram sent, ECONNREFUSED at the next call). Unbound, it is bound first.
 */
function connectInet(c: L4posixContext, e: FdEntry, sock: UnixSocket, mem: GuestMemory, addr: number, addrLen: number): number {
  const t = inetTarget(c, sock, mem, addr, addrLen);
  if (typeof t === 'number') return t;
  const outcome = sock instanceof UnixStreamSocket ? sock.takeConnectOutcome() : undefined;
  if (outcome !== undefined) return outcome;
  if (sock instanceof UnixStreamSocket && sock.connected) return -Errno.EISCONN;
  if (sock instanceof UnixStreamSocket && sock.listening) return -Errno.EINVAL;
  const b = autobindInet(c, sock);
  if (b < 0) return b;
  if (sock instanceof UnixDatagramSocket) {
    const ports = c.vfs.inetPorts, key = portKey(false, t.port);
    return sock.connectAddress(encodeInet(sock.family as InetFamily, t.dest, t.port), () => {
      const s = ports.get(key);
      return s instanceof UnixDatagramSocket ? s : undefined;
    });
  }
  const listener = t.target;
  const stream = sock as UnixStreamSocket;
  const nonblocking = (e.desc.flags & FdFlags.NONBLOCK) !== 0;
  // Nonblocking, TCP's handshake has not happened when connect returns: EINPROGRESS, the outcome later.
  const answer = (r: number) => {
    if (!nonblocking || (r !== 0 && r !== -Errno.ECONNREFUSED)) return r;
    stream.connectInProgress(r);
    return -Errno.EINPROGRESS;
  };
  if (!(listener instanceof UnixStreamSocket) || !listener.listening) return answer(-Errno.ECONNREFUSED);
  const lf = listener.family as InetFamily;
  stream.cred = credentialsOf(c);
  const r = stream.connect(listener, {
    server: encodeInet(lf, t.dest, t.port), serverPeer: inetAs(stream.name!, lf), peer: encodeInet(sock.family as InetFamily, t.dest, t.port),
  });
  if (r === -Errno.EAGAIN && !nonblocking) {
    return waitOn(c, undefined, 'write', [{ subscribe: (wake) => listener.subscribeListener(wake) }], stream);
  }
  return answer(r);
}

/** A descriptor passed with SCM_RIGHTS: its description (held while in flight) and its rights. */
interface Passed { desc: Description; rightsBase: number; rightsInheriting: number }

/** SCM_RIGHTS in flight: the descriptions stay open until received or dropped. */
class PassedRights implements Attachment {
  constructor(readonly passed: Passed[]) {}
  release(): void { for (const p of this.passed.splice(0)) p.desc.release(); }
}

/**
 * The ancillary data of a sendmsg: SCM_RIGHTS' descriptors (retained), undefined for none;
 * -EINVAL for a malformed header, another level or type, too many descriptors; -EBADF.
 */
function readControl(c: L4posixContext, mem: GuestMemory, ptr: number, len: number): PassedRights | undefined | number {
  if (ptr === 0 || len === 0) return undefined;
  if (!mem.ok(ptr, len)) return -Errno.EFAULT;
  const entries: FdEntry[] = [];
  for (let off = 0; off + CMSG_HDR <= len;) {
    const cl = mem.view.getUint32(ptr + off, true);
    if (cl < CMSG_HDR || off + cl > len) return -Errno.EINVAL;
    if (mem.view.getInt32(ptr + off + 4, true) !== SOL_SOCKET || mem.view.getInt32(ptr + off + 8, true) !== SCM_RIGHTS) {
      return -Errno.EINVAL;
    }
    for (let p = off + CMSG_HDR; p + 4 <= off + cl; p += 4) {
      const e = c.fds.get(mem.view.getInt32(ptr + p, true));
      if (e === undefined) return -Errno.EBADF;
      if (entries.push(e) > SCM_MAX_FD) return -Errno.EINVAL;
    }
    off += Math.ceil(cl / 4) * 4;
  }
  if (entries.length === 0) return undefined;
  for (const e of entries) e.desc.retain();
  return new PassedRights(entries.map((e) => ({ desc: e.desc, rightsBase: e.rightsBase, rightsInheriting: e.rightsInheriting })));
}

/**
 * Received descriptors into the process's table and an SCM_RIGHTS message into the control
 * buffer: as many as fit (Linux), the rest closed with MSG_CTRUNC. Returns the controllen to
 * report and whether it was cut short.
 */
function writeControl(c: L4posixContext, mem: GuestMemory, ptr: number, len: number, rights: PassedRights, cloexec: boolean): [number, boolean] {
  const room = ptr !== 0 && len >= CMSG_HDR ? Math.floor((len - CMSG_HDR) / 4) : 0;
  const fds: number[] = [];
  let truncated = false;
  for (const p of rights.passed.splice(0)) {
    const fd = fds.length < room ? c.fds.adopt(p.desc, p.rightsBase, p.rightsInheriting, cloexec) : -Errno.EMFILE;
    if (fd >= 0) fds.push(fd); else truncated = true;
    // The table holds it now (or it is dropped): the in-flight reference goes.
    p.desc.release();
  }
  if (fds.length === 0) return [0, truncated];
  mem.view.setUint32(ptr, CMSG_HDR + 4 * fds.length, true);
  mem.view.setInt32(ptr + 4, SOL_SOCKET, true);
  mem.view.setInt32(ptr + 8, SCM_RIGHTS, true);
  fds.forEach((fd, i) => mem.view.setInt32(ptr + CMSG_HDR + 4 * i, fd, true));
  return [CMSG_HDR + 4 * fds.length, truncated];
}

/** O_NONBLOCK on the description, or MSG_DONTWAIT. */
function nonblockingCall(e: FdEntry, flags: number): boolean {
  return (e.desc.flags & FdFlags.NONBLOCK) !== 0 || (flags & MsgFlag.DONTWAIT) !== 0;
}

/**
 * accept on a listening socket (accept4 and WASI's sock_accept): the new descriptor, -EAGAIN
 * for a nonblocking listener, SUSPEND while a blocking one waits, -EINVAL when not listening,
 * -EOPNOTSUPP for a datagram socket. `connection` receives the accepted socket.
 */
export function acceptOn(
  ctx: SyscallContext, e: FdEntry, sock: SocketEnd, nonblock: boolean, cloexec: boolean,
  connection?: (s: UnixStreamSocket) => void,
): number {
  if (sock.type !== FileType.SocketStream) return -Errno.ENOTSUP;
  if (!(sock instanceof UnixStreamSocket)) return -Errno.EINVAL;
  const s = sock.accept();
  if (s === -Errno.EAGAIN && (e.desc.flags & FdFlags.NONBLOCK) === 0) return waitOn(ctx, sock, 'read');
  if (typeof s === 'number') return s;
  const fd = ctx.fds.insert(s, { rightsBase: rightsFor(s, true, true), flags: nonblock ? FdFlags.NONBLOCK : 0, cloexec });
  if (fd < 0) { s.close(); return fd; }
  connection?.(s);
  return fd;
}

export const unixSocketCalls = {
  /**
   * socket(domain, type, protocol): an unconnected socket, SOCK_STREAM or SOCK_DGRAM, with
   * SOCK_NONBLOCK and SOCK_CLOEXEC: AF_UNIX, or AF_INET / AF_INET6 on the machine's loopback
   * network (protocol 0, or IPPROTO_TCP for a stream, IPPROTO_UDP for datagrams). Other families
   * -EAFNOSUPPORT, other types and protocols -EPROTONOSUPPORT; -EMFILE.
   */
  socket(c: L4posixContext, domain: number, type: number, protocol: number): number {
    const kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    const inet = domain === SockDomain.INET || domain === SockDomain.INET6;
    if (!inet && domain !== SockDomain.UNIX) return -Errno.EAFNOSUPPORT;
    if (kind !== SOCK_STREAM && kind !== SOCK_DGRAM) return kind < 0 || kind > 0xffff ? -Errno.EINVAL : -Errno.EPROTONOSUPPORT;
    if (protocol !== 0 && !(inet && protocol === (kind === SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP))) return -Errno.EPROTONOSUPPORT;
    const s = kind === SOCK_STREAM ? new UnixStreamSocket() : new UnixDatagramSocket();
    if (inet) s.family = domain === SockDomain.INET ? 'inet' : 'inet6';
    s.cred = credentialsOf(c);
    const fd = c.fds.insert(s, {
      rightsBase: rightsFor(s, true, true), flags: (type & SOCK_NONBLOCK) !== 0 ? FdFlags.NONBLOCK : 0,
      cloexec: (type & SOCK_CLOEXEC) !== 0,
    });
    if (fd < 0) s.close();
    return fd;
  },

  /**
   * bind(fd, addr, addr_len, dirfd, path, path_len): names the socket. A path makes a socket node
   * (mode 0777 less the umask): -EADDRINUSE when the name exists, -ENOENT for a missing
   * directory, -EOPNOTSUPP on a host mount, -EROFS read-only. An abstract name: -EADDRINUSE when
   * taken. Just the family (addr_len 2): an abstract name of five hex digits (Linux's autobind).
   * -EINVAL for a bound socket or a bad address, -EFAULT.
   */
  bind(c: L4posixContext, fd: number, addr: number, addrLen: number, dirfd: number, pathPtr: number, pathLen: number): number {
    addr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === 'number') return s;
    if (s.sock instanceof UnixSocket && s.sock.family !== 'unix') {
      const a = readInet(mem, addr, addrLen, s.sock.family);
      if (typeof a === 'number') return a;
      if (s.sock.name !== undefined) return -Errno.EINVAL;
      if (!isLocal(a.ip)) return -Errno.EADDRNOTAVAIL;
      return claimPort(c, s.sock, a.ip, a.port);
    }
    const a = readAddress(mem, addr, addrLen);
    if (typeof a === 'number') return a;
    const sock = s.sock;
    if (!(sock instanceof UnixSocket) || sock.name !== undefined) return -Errno.EINVAL;
    const table = c.vfs.abstractSockets;
    if (a.kind === 'path') {
      const p = pathAt(c, dirfd, pathPtr, pathLen);
      if (typeof p === 'number') return p;
      const r = c.vfs.bindSocket(p, 0o777 & ~fileCreation(c).umask, sock);
      if (r < 0) return r === -Errno.EEXIST ? -Errno.EADDRINUSE : r;
      sock.name = a.bytes;
      return 0;
    }
    const name = a.kind === 'abstract' ? a.bytes : autobindName(table);
    if (typeof name === 'number') return name;
    const key = abstractKey(name);
    if (table.has(key)) return -Errno.EADDRINUSE;
    table.set(key, sock);
    sock.name = name;
    sock.onClose = () => { if (table.get(key) === sock) table.delete(key); };
    return 0;
  },

  /** listen(fd, backlog): a bound stream socket starts accepting; -EINVAL unbound or connected, -EOPNOTSUPP for datagrams. */
  listen(c: L4posixContext, fd: number, backlog: number): number {
    const s = socketOf(c, fd);
    if (typeof s === 'number') return s;
    if (!(s.sock instanceof UnixStreamSocket)) return s.sock.type === FileType.SocketStream ? -Errno.EINVAL : -Errno.ENOTSUP;
    // An unbound internet socket listens on an ephemeral port of every address (Linux).
    if (s.sock.family !== 'unix' && s.sock.name === undefined && !s.sock.connected) {
      const b = claimPort(c, s.sock, new Uint8Array(s.sock.family === 'inet' ? 4 : 16), 0);
      if (b < 0) return b;
    }
    const r = s.sock.listen(backlog);
    // Who listens is what a connecting client's SO_PEERCRED shows (Linux).
    if (r === 0) s.sock.cred = credentialsOf(c);
    return r;
  },

  /**
   * accept4(fd, addr, addr_len, flags): the next connection (SOCK_NONBLOCK, SOCK_CLOEXEC on the
   * new descriptor), its peer's address at addr (addr 0: not wanted). Waits unless the listener is
   * O_NONBLOCK (-EAGAIN). -EINVAL not listening or for other flags, -EOPNOTSUPP for datagrams.
   */
  accept(c: L4posixContext, fd: number, addr: number, lenPtr: number, flags: number): number {
    addr >>>= 0; lenPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === 'number') return s;
    if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) !== 0) return -Errno.EINVAL;
    if (addr !== 0 && (!mem.ok(lenPtr, 4) || mem.view.getInt32(lenPtr, true) < 0)) return mem.ok(lenPtr, 4) ? -Errno.EINVAL : -Errno.EFAULT;
    let peer: Uint8Array | undefined;
    const family = s.sock instanceof UnixSocket ? s.sock.family : 'unix';
    const nfd = acceptOn(c, s.e, s.sock, (flags & SOCK_NONBLOCK) !== 0, (flags & SOCK_CLOEXEC) !== 0, (a) => {
      const n = a.peerName();
      peer = typeof n === 'number' ? undefined : n;
    });
    if (nfd < 0 || addr === 0) return nfd;
    const r = writeName(mem, addr, lenPtr, family, peer);
    if (r < 0) { c.fds.close(nfd); return r; }
    return nfd;
  },

  /**
   * connect(fd, addr, addr_len, dirfd, path, path_len). A stream socket connects to a listener
   * (queued for its accept; waits while the backlog is full unless O_NONBLOCK: -EAGAIN): -ENOENT
   * for a missing path, -ECONNREFUSED when nothing listens there, -EPROTOTYPE for a datagram
   * socket, -EISCONN. A datagram socket takes the peer for send and recv; AF_UNSPEC dissolves it.
   */
  connect(c: L4posixContext, fd: number, addr: number, addrLen: number, dirfd: number, pathPtr: number, pathLen: number): number {
    addr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === 'number') return s;
    const sock = s.sock;
    if (!(sock instanceof UnixSocket)) return -Errno.EISCONN;
    if (sock instanceof UnixDatagramSocket && addrLen >= SUN_PATH && mem.ok(addr, 2) && mem.view.getUint16(addr, true) === 0) {
      return sock.connect(undefined);
    }
    if (sock.family !== 'unix') return connectInet(c, s.e, sock, mem, addr, addrLen);
    const a = readAddress(mem, addr, addrLen);
    if (typeof a === 'number') return a;
    if (sock instanceof UnixStreamSocket && sock.connected) return -Errno.EISCONN;
    const target = lookup(c, a, dirfd, pathPtr, pathLen);
    if (typeof target === 'number') return target;
    if (target.type !== sock.type) return -Errno.EPROTOTYPE;
    if (sock instanceof UnixDatagramSocket) return sock.connect(target as UnixDatagramSocket);
    const listener = target as UnixStreamSocket;
    sock.cred = credentialsOf(c);
    const r = (sock as UnixStreamSocket).connect(listener);
    if (r === -Errno.EAGAIN && (s.e.desc.flags & FdFlags.NONBLOCK) === 0) {
      return waitOn(c, undefined, 'write', [{ subscribe: (wake) => listener.subscribeListener(wake) }], sock);
    }
    return r;
  },

  /** getpeername(fd, addr, len): the peer's address; -ENOTCONN unconnected. A socket pair's peer is unnamed. */
  peername(c: L4posixContext, fd: number, addr: number, lenPtr: number): number {
    addr >>>= 0; lenPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === 'number') return s;
    const n = s.sock instanceof UnixSocket ? s.sock.peerName() : undefined;
    if (typeof n === 'number') return n;
    return writeName(mem, addr, lenPtr, s.sock instanceof UnixSocket ? s.sock.family : 'unix', n);
  },

  /**
   * sendmsg(fd, msg, flags, dirfd, path, path_len): the iovecs as one message; msg_name the
   * destination of a datagram (a stream: -EISCONN connected, else -EOPNOTSUPP); SCM_RIGHTS
   * descriptors in msg_control (their descriptions stay open until received). MSG_DONTWAIT,
   * MSG_NOSIGNAL. Bytes sent; -ENOTCONN, -ECONNREFUSED, -EPIPE (SIGPIPE), -EMSGSIZE, -EAGAIN, ...
   */
  sendmsg(c: L4posixContext, fd: number, msg: number, flags: number, dirfd: number, pathPtr: number, pathLen: number): number {
    msg >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === 'number') return s;
    if (!mem.ok(msg, MSGHDR_SIZE)) return -Errno.EFAULT;
    const v = mem.view;
    const namePtr = v.getUint32(msg, true), nameLen = v.getUint32(msg + 4, true);
    const iov = v.getUint32(msg + 8, true), iovLen = v.getInt32(msg + 12, true);
    const ctl = v.getUint32(msg + 16, true), ctlLen = v.getUint32(msg + 20, true);
    if (iovLen < 0 || iovLen > 1024) return -Errno.EMSGSIZE;
    const sock = s.sock;
    let dest: UnixDatagramSocket | undefined;
    if (namePtr !== 0 && nameLen !== 0) {
      if (sock.type === FileType.SocketStream) return sock.peer !== undefined ? -Errno.EISCONN : -Errno.ENOTSUP;
      if (!(sock instanceof UnixDatagramSocket)) return -Errno.EISCONN;
      if (sock.family !== 'unix') {
        const t = inetTarget(c, sock, mem, namePtr, nameLen);
        if (typeof t === 'number') return t;
        const b = autobindInet(c, sock);
        if (b < 0) return b;
        // A datagram to a port no socket has is lost, as UDP's is.
        if (!(t.target instanceof UnixDatagramSocket)) {
          const total = checkIovecs(mem, iov, iovLen);
          return total < 0 || total <= UDP_MAX ? total : -Errno.EMSGSIZE;
        }
        dest = t.target;
      } else {
        const a = readAddress(mem, namePtr, nameLen);
        if (typeof a === 'number') return a;
        const t = lookup(c, a, dirfd, pathPtr, pathLen);
        if (typeof t === 'number') return t;
        if (!(t instanceof UnixDatagramSocket)) return -Errno.EPROTOTYPE;
        dest = t;
      }
    }
    const total = checkIovecs(mem, iov, iovLen);
    if (total < 0) return total;
    const rights = readControl(c, mem, ctl, ctlLen);
    if (typeof rights === 'number') return rights;
    const buf = gather(mem, iov, iovLen, total);
    const nonblocking = nonblockingCall(s.e, flags);
    let r: number;
    if (sock instanceof UnixStreamSocket) {
      r = sock.sendMessage(buf, nonblocking, rights);
      if (r === -Errno.EAGAIN && !nonblocking) return waitOn(c, sock, 'write');
    } else if (sock instanceof UnixDatagramSocket) {
      r = sock.sendMessage(buf, dest, rights);
      const to = dest ?? sock.target;
      if (r === -Errno.EAGAIN && !nonblocking && to !== undefined) {
        return waitOn(c, undefined, 'write', [{ subscribe: (wake) => to.writeWaiters.add(wake) }], sock);
      }
    } else {
      // Any other socket end carries no ancillary data.
      if (rights !== undefined) { rights.release(); return -Errno.ENOTSUP; }
      r = sock.send(buf, nonblocking);
      if (r === -Errno.EAGAIN && !nonblocking) return waitOn(c, sock, 'write');
    }
    if (r === -Errno.EPIPE && (flags & MsgFlag.NOSIGNAL) === 0) c.brokenPipe?.();
    return r;
  },

  /**
   * recvmsg(fd, msg, flags): into msg_iov; msg_name gets the sender's address (msg_namelen its
   * length, 0 for an unnamed sender), msg_control the descriptors that came (SCM_RIGHTS;
   * MSG_CMSG_CLOEXEC), msg_flags MSG_TRUNC / MSG_CTRUNC. MSG_PEEK, MSG_DONTWAIT, MSG_TRUNC.
   * Bytes received (a datagram's whole length with MSG_TRUNC); -EAGAIN, -EINVAL unconnected stream.
   */
  recvmsg(c: L4posixContext, fd: number, msg: number, flags: number): number {
    msg >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === 'number') return s;
    if (!mem.ok(msg, MSGHDR_SIZE)) return -Errno.EFAULT;
    const v = mem.view;
    const namePtr = v.getUint32(msg, true), nameLen = v.getInt32(msg + 4, true);
    const iov = v.getUint32(msg + 8, true), iovLen = v.getInt32(msg + 12, true);
    const ctl = v.getUint32(msg + 16, true), ctlLen = v.getUint32(msg + 20, true);
    if (iovLen < 0 || iovLen > 1024) return -Errno.EMSGSIZE;
    const total = checkIovecs(mem, iov, iovLen);
    if (total < 0) return total;
    // Where the name and descriptors go is checked before anything is taken (nothing may be lost).
    if ((namePtr !== 0 && !mem.ok(namePtr, Math.min(Math.max(nameLen, 0), SOCKADDR_UN_MAX))) || (ctl !== 0 && !mem.ok(ctl, ctlLen))) {
      return -Errno.EFAULT;
    }
    const nonblocking = nonblockingCall(s.e, flags);
    const sock = s.sock;
    const buf = receiveBuffer(total);
    const peek = (flags & MsgFlag.PEEK) !== 0;
    const r = sock instanceof UnixSocket ? sock.receiveMessage(buf, peek, nonblocking) : sock.receive(buf, peek, nonblocking);
    if (r === -Errno.EAGAIN && !nonblocking) return waitOn(c, sock, 'read');
    if (typeof r === 'number') return r;
    scatter(mem, iov, iovLen, buf, r.copied);
    let outFlags = r.length > r.copied ? MsgFlag.TRUNC : 0;
    // The sender's name: a datagram's own, a stream's peer (Linux copies the sending socket's address).
    const from = 'from' in r ? r.from as Uint8Array | undefined
      : sock instanceof UnixStreamSocket ? (() => { const n = sock.peerName(); return typeof n === 'number' ? undefined : n; })()
      : undefined;
    if (namePtr !== 0) {
      const family = sock instanceof UnixSocket ? sock.family : 'unix';
      const full = from === undefined ? new Uint8Array(0) : family === 'unix' ? addressBytes(from) : inetAs(from, family);
      const n = Math.min(Math.max(nameLen, 0), full.length);
      mem.u8.set(full.subarray(0, n), namePtr);
      v.setInt32(msg + 4, full.length, true);
    }
    const attachment = 'attachment' in r ? r.attachment as Attachment | undefined : undefined;
    let controlLen = 0;
    if (attachment instanceof PassedRights) {
      const [n, cut] = writeControl(c, mem, ctl, ctlLen, attachment, (flags & MSG_CMSG_CLOEXEC) !== 0);
      controlLen = n;
      if (cut) outFlags |= MSG_CTRUNC;
    } else {
      attachment?.release();
    }
    v.setUint32(msg + 20, controlLen, true);
    v.setInt32(msg + 24, outFlags, true);
    return (flags & MsgFlag.TRUNC) !== 0 && sock.type === FileType.SocketDgram ? r.length : r.copied;
  },
};
