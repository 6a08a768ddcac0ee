import { Errno } from "../errno.js";
import { FdFlags, IOVEC_SIZE } from "./abi.js";
import { rightsFor } from "./fdtable.js";
import { posixState } from "./posix_state.js";
import { waitOn } from "./socket_wait.js";
import { checkIovecs } from "./wasi_fd.js";
import { SocketEnd, SOCKET_BUFFER } from "../vfs/socket_pair.js";
import { UnixDatagramSocket, UnixSocket, UnixStreamSocket } from "../vfs/unix_socket.js";
import { writeAddress } from "./unix_address.js";
import { FileType } from "../vfs/types.js";
var SockDomain = /* @__PURE__ */ ((SockDomain2) => {
  SockDomain2[SockDomain2["INET"] = 1] = "INET";
  SockDomain2[SockDomain2["INET6"] = 2] = "INET6";
  SockDomain2[SockDomain2["UNIX"] = 3] = "UNIX";
  return SockDomain2;
})(SockDomain || {});
const SOCK_DGRAM = 5, SOCK_STREAM = 6;
const SOCK_NONBLOCK = 16384, SOCK_CLOEXEC = 8192;
var MsgFlag = /* @__PURE__ */ ((MsgFlag2) => {
  MsgFlag2[MsgFlag2["PEEK"] = 1] = "PEEK";
  MsgFlag2[MsgFlag2["WAITALL"] = 2] = "WAITALL";
  MsgFlag2[MsgFlag2["TRUNC"] = 32] = "TRUNC";
  MsgFlag2[MsgFlag2["DONTWAIT"] = 64] = "DONTWAIT";
  MsgFlag2[MsgFlag2["NOSIGNAL"] = 16384] = "NOSIGNAL";
  return MsgFlag2;
})(MsgFlag || {});
const SOL_SOCKET = 2147483647;
var SockOpt = /* @__PURE__ */ ((SockOpt2) => {
  SockOpt2[SockOpt2["REUSEADDR"] = 2] = "REUSEADDR";
  SockOpt2[SockOpt2["TYPE"] = 3] = "TYPE";
  SockOpt2[SockOpt2["ERROR"] = 4] = "ERROR";
  SockOpt2[SockOpt2["SNDBUF"] = 7] = "SNDBUF";
  SockOpt2[SockOpt2["RCVBUF"] = 8] = "RCVBUF";
  SockOpt2[SockOpt2["KEEPALIVE"] = 9] = "KEEPALIVE";
  SockOpt2[SockOpt2["LINGER"] = 13] = "LINGER";
  SockOpt2[SockOpt2["PASSCRED"] = 16] = "PASSCRED";
  SockOpt2[SockOpt2["PEERCRED"] = 17] = "PEERCRED";
  SockOpt2[SockOpt2["ACCEPTCONN"] = 30] = "ACCEPTCONN";
  SockOpt2[SockOpt2["PROTOCOL"] = 38] = "PROTOCOL";
  SockOpt2[SockOpt2["DOMAIN"] = 39] = "DOMAIN";
  SockOpt2[SockOpt2["RCVTIMEO"] = 66] = "RCVTIMEO";
  SockOpt2[SockOpt2["SNDTIMEO"] = 67] = "SNDTIMEO";
  return SockOpt2;
})(SockOpt || {});
function credentialsOf(c) {
  return { pid: c.identity.pid, uid: c.identity.euid, gid: c.identity.egid };
}
function socketOf(ctx, fd) {
  const e = ctx.fds.get(fd);
  if (e === void 0) return -Errno.EBADF;
  return e.file instanceof SocketEnd ? { e, sock: e.file } : -Errno.ENOTSOCK;
}
const CALL_MAX = SOCKET_BUFFER + 1;
function iovecs(mem, iovs, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push([mem.view.getUint32(iovs + i * IOVEC_SIZE, true), mem.view.getUint32(iovs + i * IOVEC_SIZE + 4, true)]);
  }
  return out;
}
function gather(mem, iovs, n, total) {
  const buf = new Uint8Array(Math.min(total, CALL_MAX));
  let done = 0;
  for (const [p, l] of iovecs(mem, iovs, n)) {
    if (done === buf.length) break;
    const k = Math.min(l, buf.length - done);
    buf.set(mem.u8.subarray(p, p + k), done);
    done += k;
  }
  return buf;
}
function receiveBuffer(total) {
  return new Uint8Array(Math.min(total, CALL_MAX));
}
function scatter(mem, iovs, n, buf, count) {
  let done = 0;
  for (const [p, l] of iovecs(mem, iovs, n)) {
    if (done >= count) break;
    const k = Math.min(l, count - done);
    mem.u8.set(buf.subarray(done, done + k), p);
    done += k;
  }
}
function socketReceive(ctx, mem, e, sock, iovs, n, flags) {
  const total = checkIovecs(mem, iovs, n);
  if (total < 0) return total;
  const nonblocking = (e.desc.flags & FdFlags.NONBLOCK) !== 0 || (flags & 64 /* DONTWAIT */) !== 0;
  const buf = receiveBuffer(total);
  const r = sock.receive(buf, (flags & 1 /* PEEK */) !== 0, nonblocking);
  if (r === -Errno.EAGAIN && !nonblocking) return waitOn(ctx, sock, "read");
  if (typeof r === "number") return r;
  scatter(mem, iovs, n, buf, r.copied);
  return { copied: r.copied, length: r.length, truncated: r.length > r.copied };
}
function socketSend(ctx, mem, e, sock, iovs, n, flags) {
  const total = checkIovecs(mem, iovs, n);
  if (total < 0) return total;
  const buf = gather(mem, iovs, n, total);
  const nonblocking = (e.desc.flags & FdFlags.NONBLOCK) !== 0 || (flags & 64 /* DONTWAIT */) !== 0;
  const r = sock.send(buf, nonblocking);
  if (r === -Errno.EAGAIN && !nonblocking) return waitOn(ctx, sock, "write");
  if (r === -Errno.EPIPE && (flags & 16384 /* NOSIGNAL */) === 0) ctx.brokenPipe?.();
  return r;
}
function peerCredentials(sock) {
  const p = sock instanceof UnixSocket ? sock.peerCred : void 0;
  return p === void 0 ? [0, -1, -1] : [p.pid, p.uid, p.gid];
}
const TIMEVAL_SIZE = 16;
function timevalWords(ns) {
  const us = (ns ?? 0n) / 1000n;
  const sec = us / 1000000n, usec = us % 1000000n;
  return [Number(BigInt.asIntN(32, sec)), Number(BigInt.asIntN(32, sec >> 32n)), Number(usec), 0];
}
function setSocketTimeout(mem, sock, name, ptr, len) {
  if (len >>> 0 < TIMEVAL_SIZE) return -Errno.EINVAL;
  if (!mem.ok(ptr, TIMEVAL_SIZE)) return -Errno.EFAULT;
  const sec = mem.view.getBigInt64(ptr, true), usec = mem.view.getBigInt64(ptr + 8, true);
  if (usec < 0n || usec >= 1000000n) return -Errno.EDOM;
  const ns = sec === 0n && usec === 0n ? void 0 : sec < 0n ? 0n : sec * 1000000000n + usec * 1000n;
  if (name === 66 /* RCVTIMEO */) sock.receiveTimeoutNs = ns;
  else sock.sendTimeoutNs = ns;
  return 0;
}
const lingers = /* @__PURE__ */ new WeakMap();
function setLinger(mem, sock, ptr, len) {
  if (len >>> 0 < 8) return -Errno.EINVAL;
  if (!mem.ok(ptr, 8)) return -Errno.EFAULT;
  const on = mem.view.getInt32(ptr, true), time = mem.view.getInt32(ptr + 4, true);
  lingers.set(sock, on !== 0 ? [1, time] : [0, lingers.get(sock)?.[1] ?? 0]);
  return 0;
}
const flagOptions = /* @__PURE__ */ new WeakMap();
function optionValue(sock, name) {
  switch (name) {
    case 3 /* TYPE */:
      return sock.type === FileType.SocketStream ? SOCK_STREAM : SOCK_DGRAM;
    case 4 /* ERROR */:
      return sock.error;
    case 7 /* SNDBUF */:
      return sock.sendBuffer;
    case 8 /* RCVBUF */:
      return sock.receiveBuffer;
    case 39 /* DOMAIN */:
      return 3 /* UNIX */;
    case 38 /* PROTOCOL */:
      return 0;
    case 30 /* ACCEPTCONN */:
      return sock instanceof UnixSocket && sock.listening ? 1 : 0;
    case 16 /* PASSCRED */:
      return sock.passCred ? 1 : 0;
    case 2 /* REUSEADDR */:
    case 9 /* KEEPALIVE */:
      return flagOptions.get(sock)?.get(name) ?? 0;
    default:
      return void 0;
  }
}
const socketCalls = {
  /**
   * socketpair(domain, type, protocol, sv): two connected AF_UNIX sockets (SOCK_STREAM or
   * SOCK_DGRAM, with SOCK_NONBLOCK and SOCK_CLOEXEC) at the two lowest free descriptors.
   * AF_INET/AF_INET6 are -EOPNOTSUPP and other families -EAFNOSUPPORT (Linux), other types
   * -EPROTONOSUPPORT (Linux: ESOCKTNOSUPPORT, which WASI lacks), a protocol other than 0
   * -EPROTONOSUPPORT, unknown flags -EINVAL; -EFAULT, -EMFILE.
   */
  socketpair(c, domain, type, protocol, svPtr) {
    svPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (domain === 1 /* INET */ || domain === 2 /* INET6 */) return -Errno.ENOTSUP;
    if (domain !== 3 /* UNIX */) return -Errno.EAFNOSUPPORT;
    if (kind !== SOCK_STREAM && kind !== SOCK_DGRAM) return kind < 0 || kind > 65535 ? -Errno.EINVAL : -Errno.EPROTONOSUPPORT;
    if (protocol !== 0) return -Errno.EPROTONOSUPPORT;
    if (!mem.ok(svPtr, 8)) return -Errno.EFAULT;
    const cloexec = (type & SOCK_CLOEXEC) !== 0;
    const flags = (type & SOCK_NONBLOCK) !== 0 ? FdFlags.NONBLOCK : 0;
    const [a, b] = kind === SOCK_STREAM ? UnixStreamSocket.pairOf(credentialsOf(c)) : UnixDatagramSocket.pairOf(credentialsOf(c));
    const afd = c.fds.insert(a, { rightsBase: rightsFor(a, true, true), flags, cloexec });
    if (afd < 0) {
      a.close();
      b.close();
      return afd;
    }
    const bfd = c.fds.insert(b, { rightsBase: rightsFor(b, true, true), flags, cloexec });
    if (bfd < 0) {
      c.fds.close(afd);
      b.close();
      return bfd;
    }
    mem.view.setInt32(svPtr, afd, true);
    mem.view.setInt32(svPtr + 4, bfd, true);
    return 0;
  },
  /**
   * recv/recvfrom/recvmsg(fd, iovs, n, flags, msg_flags): MSG_PEEK, MSG_DONTWAIT, MSG_TRUNC (a
   * datagram's whole length is the result). The bytes received (or that length); *msg_flags gets
   * MSG_TRUNC for a datagram cut short (msg_flags 0: not wanted). -EBADF, -ENOTSOCK, -EFAULT, -EAGAIN.
   */
  recv(c, fd, iovs, n, flags, msgFlagsPtr) {
    iovs >>>= 0;
    n >>>= 0;
    msgFlagsPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === "number") return s;
    if (msgFlagsPtr !== 0 && !mem.ok(msgFlagsPtr, 4)) return -Errno.EFAULT;
    const r = socketReceive(c, mem, s.e, s.sock, iovs, n, flags);
    if (typeof r === "number") return r;
    if (msgFlagsPtr !== 0) mem.view.setInt32(msgFlagsPtr, r.truncated ? 32 /* TRUNC */ : 0, true);
    return (flags & 32 /* TRUNC */) !== 0 && s.sock.type === FileType.SocketDgram ? r.length : r.copied;
  },
  /** send/sendto/sendmsg(fd, iovs, n, flags): MSG_DONTWAIT, MSG_NOSIGNAL. Bytes sent; -EPIPE, -EMSGSIZE, ... */
  send(c, fd, iovs, n, flags) {
    iovs >>>= 0;
    n >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === "number") return s;
    return socketSend(c, mem, s.e, s.sock, iovs, n, flags);
  },
  /**
   * getsockopt(fd, SOL_SOCKET, name, value, len): the option's value into `value`, cut to *len
   * bytes, and *len set to what was written (Linux). SO_TYPE, SO_ERROR (the pending error,
   * cleared), SO_SNDBUF, SO_RCVBUF, SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN, SO_PASSCRED,
   * SO_REUSEADDR, SO_KEEPALIVE (ints), SO_PEERCRED (struct ucred), SO_LINGER (struct linger),
   * SO_RCVTIMEO, SO_SNDTIMEO (struct timeval); other options and levels -ENOPROTOOPT; -EINVAL for a negative *len, -EFAULT.
   */
  getsockopt(c, fd, level, name, valuePtr, lenPtr) {
    valuePtr >>>= 0;
    lenPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === "number") return s;
    if (level !== SOL_SOCKET) return -Errno.ENOPROTOOPT;
    const v = name === 17 /* PEERCRED */ ? peerCredentials(s.sock) : name === 66 /* RCVTIMEO */ ? timevalWords(s.sock.receiveTimeoutNs) : name === 67 /* SNDTIMEO */ ? timevalWords(s.sock.sendTimeoutNs) : name === 13 /* LINGER */ ? lingers.get(s.sock) ?? [0, 0] : optionValue(s.sock, name);
    if (v === void 0) return -Errno.ENOPROTOOPT;
    if (!mem.ok(lenPtr, 4)) return -Errno.EFAULT;
    const len = mem.view.getInt32(lenPtr, true);
    if (len < 0) return -Errno.EINVAL;
    const words = typeof v === "number" ? [v] : v;
    const n = Math.min(len, 4 * words.length);
    if (!mem.ok(valuePtr, n)) return -Errno.EFAULT;
    const bytes = new Uint8Array(4 * words.length);
    words.forEach((w, i) => new DataView(bytes.buffer).setInt32(4 * i, w, true));
    mem.u8.set(bytes.subarray(0, n), valuePtr);
    mem.view.setInt32(lenPtr, n, true);
    if (name === 4 /* ERROR */) s.sock.takeError();
    return 0;
  },
  /**
   * getsockname(fd, addr, len): the bound name (AF_UNIX and the path with its NUL, or the abstract
   * name), or just AF_UNIX for an unnamed socket: at most *len bytes of it written, *len set to
   * its whole length (Linux). -EBADF, -ENOTSOCK, -EINVAL for a negative *len, -EFAULT.
   */
  sockname(c, fd, addrPtr, lenPtr) {
    addrPtr >>>= 0;
    lenPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === "number") return s;
    return writeAddress(mem, addrPtr, lenPtr, s.sock instanceof UnixSocket ? s.sock.name : void 0);
  },
  /**
   * setsockopt(fd, SOL_SOCKET, name, value, len): the int at `value` (-EINVAL when len is shorter,
   * -EFAULT). SO_SNDBUF and SO_RCVBUF (recorded doubled, within Linux's bounds, as getsockopt then
   * reports), SO_PASSCRED, SO_REUSEADDR and SO_KEEPALIVE (kept, as Linux keeps them); other options
   * and levels -ENOPROTOOPT.
   */
  setsockopt(c, fd, level, name, valuePtr, len) {
    valuePtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === "number") return s;
    if (level !== SOL_SOCKET) return -Errno.ENOPROTOOPT;
    if (name === 66 /* RCVTIMEO */ || name === 67 /* SNDTIMEO */) return setSocketTimeout(mem, s.sock, name, valuePtr, len);
    if (name === 13 /* LINGER */) return setLinger(mem, s.sock, valuePtr, len);
    if (len >>> 0 < 4) return -Errno.EINVAL;
    if (!mem.ok(valuePtr, 4)) return -Errno.EFAULT;
    const value = mem.view.getInt32(valuePtr, true);
    const v = Math.min(Math.max(value, 0), SOCKET_BUFFER) * 2;
    switch (name) {
      case 7 /* SNDBUF */:
        s.sock.sendBuffer = Math.max(v, 4608);
        return 0;
      case 8 /* RCVBUF */:
        s.sock.receiveBuffer = Math.max(v, 2304);
        return 0;
      case 16 /* PASSCRED */:
        s.sock.passCred = value !== 0;
        return 0;
      case 2 /* REUSEADDR */:
      case 9 /* KEEPALIVE */: {
        const m = flagOptions.get(s.sock) ?? /* @__PURE__ */ new Map();
        m.set(name, value !== 0 ? 1 : 0);
        flagOptions.set(s.sock, m);
        return 0;
      }
      default:
        return -Errno.ENOPROTOOPT;
    }
  }
};
export {
  MsgFlag,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCK_NONBLOCK,
  SOCK_STREAM,
  SockDomain,
  credentialsOf,
  gather,
  receiveBuffer,
  scatter,
  socketCalls,
  socketOf,
  socketReceive,
  socketSend
};
