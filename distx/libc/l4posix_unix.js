import { Errno } from "../errno.js";
import { FdFlags } from "./abi.js";
import { fileCreation } from "./context.js";
import { rightsFor } from "./fdtable.js";
import { pathAt } from "./l4posix_fs.js";
import { abstractKey, addressBytes, readAddress, SOCKADDR_UN_MAX, SUN_PATH, writeAddress } from "./unix_address.js";
import { credentialsOf, gather, MsgFlag, receiveBuffer, scatter, socketOf, SockDomain, SOCK_CLOEXEC, SOCK_DGRAM, SOCK_NONBLOCK, SOCK_STREAM } from "./l4posix_socket.js";
import { posixState } from "./posix_state.js";
import { waitOn } from "./socket_wait.js";
import { checkIovecs } from "./wasi_fd.js";
import { FileType } from "../vfs/types.js";
import { UnixDatagramSocket, UnixSocket, UnixStreamSocket } from "../vfs/unix_socket.js";
const SOL_SOCKET = 2147483647;
const SCM_RIGHTS = 1;
const MSG_CTRUNC = 8;
const MSG_CMSG_CLOEXEC = 1073741824;
const SCM_MAX_FD = 253;
const CMSG_HDR = 12;
const MSGHDR_SIZE = 28;
function lookup(c, a, dirfd, pathPtr, pathLen) {
  if (a.kind === "unnamed") return -Errno.EINVAL;
  let ep;
  if (a.kind === "abstract") {
    ep = c.vfs.abstractSockets.get(abstractKey(a.bytes)) ?? -Errno.ECONNREFUSED;
  } else {
    const p = pathAt(c, dirfd, pathPtr, pathLen);
    if (typeof p === "number") return p;
    ep = c.vfs.boundSocket(p);
  }
  if (typeof ep === "number") return ep;
  return ep instanceof UnixSocket ? ep : -Errno.ECONNREFUSED;
}
let nextAuto = 0;
function autobindName(table) {
  for (let i = 0; i < 1048576; i++) {
    const n = nextAuto + i & 1048575;
    const bytes = new Uint8Array([0, ...Array.from(n.toString(16).padStart(5, "0"), (ch) => ch.charCodeAt(0))]);
    if (!table.has(abstractKey(bytes))) {
      nextAuto = n + 1;
      return bytes;
    }
  }
  return -Errno.EADDRINUSE;
}
class PassedRights {
  constructor(passed) {
    this.passed = passed;
  }
  passed;
  release() {
    for (const p of this.passed.splice(0)) p.desc.release();
  }
}
function readControl(c, mem, ptr, len) {
  if (ptr === 0 || len === 0) return void 0;
  if (!mem.ok(ptr, len)) return -Errno.EFAULT;
  const entries = [];
  for (let off = 0; off + CMSG_HDR <= len; ) {
    const cl = mem.view.getUint32(ptr + off, true);
    if (cl < CMSG_HDR || off + cl > len) return -Errno.EINVAL;
    if (mem.view.getInt32(ptr + off + 4, true) !== SOL_SOCKET || mem.view.getInt32(ptr + off + 8, true) !== SCM_RIGHTS) {
      return -Errno.EINVAL;
    }
    for (let p = off + CMSG_HDR; p + 4 <= off + cl; p += 4) {
      const e = c.fds.get(mem.view.getInt32(ptr + p, true));
      if (e === void 0) return -Errno.EBADF;
      if (entries.push(e) > SCM_MAX_FD) return -Errno.EINVAL;
    }
    off += Math.ceil(cl / 4) * 4;
  }
  if (entries.length === 0) return void 0;
  for (const e of entries) e.desc.retain();
  return new PassedRights(entries.map((e) => ({ desc: e.desc, rightsBase: e.rightsBase, rightsInheriting: e.rightsInheriting })));
}
function writeControl(c, mem, ptr, len, rights, cloexec) {
  const room = ptr !== 0 && len >= CMSG_HDR ? Math.floor((len - CMSG_HDR) / 4) : 0;
  const fds = [];
  let truncated = false;
  for (const p of rights.passed.splice(0)) {
    const fd = fds.length < room ? c.fds.adopt(p.desc, p.rightsBase, p.rightsInheriting, cloexec) : -Errno.EMFILE;
    if (fd >= 0) fds.push(fd);
    else truncated = true;
    p.desc.release();
  }
  if (fds.length === 0) return [0, truncated];
  mem.view.setUint32(ptr, CMSG_HDR + 4 * fds.length, true);
  mem.view.setInt32(ptr + 4, SOL_SOCKET, true);
  mem.view.setInt32(ptr + 8, SCM_RIGHTS, true);
  fds.forEach((fd, i) => mem.view.setInt32(ptr + CMSG_HDR + 4 * i, fd, true));
  return [CMSG_HDR + 4 * fds.length, truncated];
}
function nonblockingCall(e, flags) {
  return (e.desc.flags & FdFlags.NONBLOCK) !== 0 || (flags & MsgFlag.DONTWAIT) !== 0;
}
function acceptOn(ctx, e, sock, nonblock, cloexec, connection) {
  if (sock.type !== FileType.SocketStream) return -Errno.ENOTSUP;
  if (!(sock instanceof UnixStreamSocket)) return -Errno.EINVAL;
  const s = sock.accept();
  if (s === -Errno.EAGAIN && (e.desc.flags & FdFlags.NONBLOCK) === 0) return waitOn(ctx, sock, "read");
  if (typeof s === "number") return s;
  const fd = ctx.fds.insert(s, { rightsBase: rightsFor(s, true, true), flags: nonblock ? FdFlags.NONBLOCK : 0, cloexec });
  if (fd < 0) {
    s.close();
    return fd;
  }
  connection?.(s);
  return fd;
}
const unixSocketCalls = {
  /**
   * socket(domain, type, protocol): an unconnected AF_UNIX socket, SOCK_STREAM or SOCK_DGRAM,
   * with SOCK_NONBLOCK and SOCK_CLOEXEC. AF_INET/AF_INET6 -EOPNOTSUPP (no network here), other
   * families -EAFNOSUPPORT, other types -EPROTONOSUPPORT, a protocol other than 0
   * -EPROTONOSUPPORT; -EMFILE.
   */
  socket(c, domain, type, protocol) {
    const kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (domain === SockDomain.INET || domain === SockDomain.INET6) return -Errno.ENOTSUP;
    if (domain !== SockDomain.UNIX) return -Errno.EAFNOSUPPORT;
    if (kind !== SOCK_STREAM && kind !== SOCK_DGRAM) return kind < 0 || kind > 65535 ? -Errno.EINVAL : -Errno.EPROTONOSUPPORT;
    if (protocol !== 0) return -Errno.EPROTONOSUPPORT;
    const s = kind === SOCK_STREAM ? new UnixStreamSocket() : new UnixDatagramSocket();
    s.cred = credentialsOf(c);
    const fd = c.fds.insert(s, {
      rightsBase: rightsFor(s, true, true),
      flags: (type & SOCK_NONBLOCK) !== 0 ? FdFlags.NONBLOCK : 0,
      cloexec: (type & SOCK_CLOEXEC) !== 0
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
  bind(c, fd, addr, addrLen, dirfd, pathPtr, pathLen) {
    addr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === "number") return s;
    const a = readAddress(mem, addr, addrLen);
    if (typeof a === "number") return a;
    const sock = s.sock;
    if (!(sock instanceof UnixSocket) || sock.name !== void 0) return -Errno.EINVAL;
    const table = c.vfs.abstractSockets;
    if (a.kind === "path") {
      const p = pathAt(c, dirfd, pathPtr, pathLen);
      if (typeof p === "number") return p;
      const r = c.vfs.bindSocket(p, 511 & ~fileCreation(c).umask, sock);
      if (r < 0) return r === -Errno.EEXIST ? -Errno.EADDRINUSE : r;
      sock.name = a.bytes;
      return 0;
    }
    const name = a.kind === "abstract" ? a.bytes : autobindName(table);
    if (typeof name === "number") return name;
    const key = abstractKey(name);
    if (table.has(key)) return -Errno.EADDRINUSE;
    table.set(key, sock);
    sock.name = name;
    sock.onClose = () => {
      if (table.get(key) === sock) table.delete(key);
    };
    return 0;
  },
  /** listen(fd, backlog): a bound stream socket starts accepting; -EINVAL unbound or connected, -EOPNOTSUPP for datagrams. */
  listen(c, fd, backlog) {
    const s = socketOf(c, fd);
    if (typeof s === "number") return s;
    if (!(s.sock instanceof UnixStreamSocket)) return s.sock.type === FileType.SocketStream ? -Errno.EINVAL : -Errno.ENOTSUP;
    const r = s.sock.listen(backlog);
    if (r === 0) s.sock.cred = credentialsOf(c);
    return r;
  },
  /**
   * accept4(fd, addr, addr_len, flags): the next connection (SOCK_NONBLOCK, SOCK_CLOEXEC on the
   * new descriptor), its peer's address at addr (addr 0: not wanted). Waits unless the listener is
   * O_NONBLOCK (-EAGAIN). -EINVAL not listening or for other flags, -EOPNOTSUPP for datagrams.
   */
  accept(c, fd, addr, lenPtr, flags) {
    addr >>>= 0;
    lenPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === "number") return s;
    if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) !== 0) return -Errno.EINVAL;
    if (addr !== 0 && (!mem.ok(lenPtr, 4) || mem.view.getInt32(lenPtr, true) < 0)) return mem.ok(lenPtr, 4) ? -Errno.EINVAL : -Errno.EFAULT;
    let peer;
    const nfd = acceptOn(c, s.e, s.sock, (flags & SOCK_NONBLOCK) !== 0, (flags & SOCK_CLOEXEC) !== 0, (a) => {
      const n = a.peerName();
      peer = typeof n === "number" ? void 0 : n;
    });
    if (nfd < 0 || addr === 0) return nfd;
    const r = writeAddress(mem, addr, lenPtr, peer);
    if (r < 0) {
      c.fds.close(nfd);
      return r;
    }
    return nfd;
  },
  /**
   * connect(fd, addr, addr_len, dirfd, path, path_len). A stream socket connects to a listener
   * (queued for its accept; waits while the backlog is full unless O_NONBLOCK: -EAGAIN): -ENOENT
   * for a missing path, -ECONNREFUSED when nothing listens there, -EPROTOTYPE for a datagram
   * socket, -EISCONN. A datagram socket takes the peer for send and recv; AF_UNSPEC dissolves it.
   */
  connect(c, fd, addr, addrLen, dirfd, pathPtr, pathLen) {
    addr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === "number") return s;
    const sock = s.sock;
    if (!(sock instanceof UnixSocket)) return -Errno.EISCONN;
    if (sock instanceof UnixDatagramSocket && addrLen >= SUN_PATH && mem.ok(addr, 2) && mem.view.getUint16(addr, true) === 0) {
      return sock.connect(void 0);
    }
    const a = readAddress(mem, addr, addrLen);
    if (typeof a === "number") return a;
    if (sock instanceof UnixStreamSocket && sock.connected) return -Errno.EISCONN;
    const target = lookup(c, a, dirfd, pathPtr, pathLen);
    if (typeof target === "number") return target;
    if (target.type !== sock.type) return -Errno.EPROTOTYPE;
    if (sock instanceof UnixDatagramSocket) return sock.connect(target);
    const listener = target;
    sock.cred = credentialsOf(c);
    const r = sock.connect(listener);
    if (r === -Errno.EAGAIN && (s.e.desc.flags & FdFlags.NONBLOCK) === 0) {
      return waitOn(c, void 0, "write", [{ subscribe: (wake) => listener.subscribeListener(wake) }], sock);
    }
    return r;
  },
  /** getpeername(fd, addr, len): the peer's address; -ENOTCONN unconnected. A socket pair's peer is unnamed. */
  peername(c, fd, addr, lenPtr) {
    addr >>>= 0;
    lenPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === "number") return s;
    const n = s.sock instanceof UnixSocket ? s.sock.peerName() : void 0;
    if (typeof n === "number") return n;
    return writeAddress(mem, addr, lenPtr, n);
  },
  /**
   * sendmsg(fd, msg, flags, dirfd, path, path_len): the iovecs as one message; msg_name the
   * destination of a datagram (a stream: -EISCONN connected, else -EOPNOTSUPP); SCM_RIGHTS
   * descriptors in msg_control (their descriptions stay open until received). MSG_DONTWAIT,
   * MSG_NOSIGNAL. Bytes sent; -ENOTCONN, -ECONNREFUSED, -EPIPE (SIGPIPE), -EMSGSIZE, -EAGAIN, ...
   */
  sendmsg(c, fd, msg, flags, dirfd, pathPtr, pathLen) {
    msg >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === "number") return s;
    if (!mem.ok(msg, MSGHDR_SIZE)) return -Errno.EFAULT;
    const v = mem.view;
    const namePtr = v.getUint32(msg, true), nameLen = v.getUint32(msg + 4, true);
    const iov = v.getUint32(msg + 8, true), iovLen = v.getInt32(msg + 12, true);
    const ctl = v.getUint32(msg + 16, true), ctlLen = v.getUint32(msg + 20, true);
    if (iovLen < 0 || iovLen > 1024) return -Errno.EMSGSIZE;
    const sock = s.sock;
    let dest;
    if (namePtr !== 0 && nameLen !== 0) {
      if (sock.type === FileType.SocketStream) return sock.peer !== void 0 ? -Errno.EISCONN : -Errno.ENOTSUP;
      if (!(sock instanceof UnixDatagramSocket)) return -Errno.EISCONN;
      const a = readAddress(mem, namePtr, nameLen);
      if (typeof a === "number") return a;
      const t = lookup(c, a, dirfd, pathPtr, pathLen);
      if (typeof t === "number") return t;
      if (!(t instanceof UnixDatagramSocket)) return -Errno.EPROTOTYPE;
      dest = t;
    }
    const total = checkIovecs(mem, iov, iovLen);
    if (total < 0) return total;
    const rights = readControl(c, mem, ctl, ctlLen);
    if (typeof rights === "number") return rights;
    const buf = gather(mem, iov, iovLen, total);
    const nonblocking = nonblockingCall(s.e, flags);
    let r;
    if (sock instanceof UnixStreamSocket) {
      r = sock.sendMessage(buf, nonblocking, rights);
      if (r === -Errno.EAGAIN && !nonblocking) return waitOn(c, sock, "write");
    } else if (sock instanceof UnixDatagramSocket) {
      r = sock.sendMessage(buf, dest, rights);
      const to = dest ?? sock.target;
      if (r === -Errno.EAGAIN && !nonblocking && to !== void 0) {
        return waitOn(c, void 0, "write", [{ subscribe: (wake) => to.writeWaiters.add(wake) }], sock);
      }
    } else {
      if (rights !== void 0) {
        rights.release();
        return -Errno.ENOTSUP;
      }
      r = sock.send(buf, nonblocking);
      if (r === -Errno.EAGAIN && !nonblocking) return waitOn(c, sock, "write");
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
  recvmsg(c, fd, msg, flags) {
    msg >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === "number") return s;
    if (!mem.ok(msg, MSGHDR_SIZE)) return -Errno.EFAULT;
    const v = mem.view;
    const namePtr = v.getUint32(msg, true), nameLen = v.getInt32(msg + 4, true);
    const iov = v.getUint32(msg + 8, true), iovLen = v.getInt32(msg + 12, true);
    const ctl = v.getUint32(msg + 16, true), ctlLen = v.getUint32(msg + 20, true);
    if (iovLen < 0 || iovLen > 1024) return -Errno.EMSGSIZE;
    const total = checkIovecs(mem, iov, iovLen);
    if (total < 0) return total;
    if (namePtr !== 0 && !mem.ok(namePtr, Math.min(Math.max(nameLen, 0), SOCKADDR_UN_MAX)) || ctl !== 0 && !mem.ok(ctl, ctlLen)) {
      return -Errno.EFAULT;
    }
    const nonblocking = nonblockingCall(s.e, flags);
    const sock = s.sock;
    const buf = receiveBuffer(total);
    const peek = (flags & MsgFlag.PEEK) !== 0;
    const r = sock instanceof UnixSocket ? sock.receiveMessage(buf, peek, nonblocking) : sock.receive(buf, peek, nonblocking);
    if (r === -Errno.EAGAIN && !nonblocking) return waitOn(c, sock, "read");
    if (typeof r === "number") return r;
    scatter(mem, iov, iovLen, buf, r.copied);
    let outFlags = r.length > r.copied ? MsgFlag.TRUNC : 0;
    const from = "from" in r ? r.from : sock instanceof UnixStreamSocket ? (() => {
      const n = sock.peerName();
      return typeof n === "number" ? void 0 : n;
    })() : void 0;
    if (namePtr !== 0) {
      const full = from === void 0 ? new Uint8Array(0) : addressBytes(from);
      const n = Math.min(Math.max(nameLen, 0), full.length);
      mem.u8.set(full.subarray(0, n), namePtr);
      v.setInt32(msg + 4, full.length, true);
    }
    const attachment = "attachment" in r ? r.attachment : void 0;
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
  }
};
export {
  acceptOn,
  unixSocketCalls
};
