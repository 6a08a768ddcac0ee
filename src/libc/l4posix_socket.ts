// l4posix, socket family (sysroot/src/socket.c): socketpair(AF_UNIX) and what wasi-libc's recv,
// send and getsockopt cannot carry (MSG_DONTWAIT, MSG_NOSIGNAL, MSG_TRUNC, the options Linux
// has), on any AF_UNIX socket (vfs/unix_socket.ts; named ones are made in l4posix_unix.ts);
// wasi_sock.ts serves WASI's sock_* calls on them with the same receive and send below. Constants are wasi-libc's (its <sys/socket.h> and
// sysroot/include/sys/socket.h), not Linux's.
import { Errno } from '../errno.js';
import { FdFlags, IOVEC_SIZE, type GuestMemory } from './abi.js';
import type { SyscallContext } from './context.js';
import { rightsFor, type FdEntry } from './fdtable.js';
import type { L4posixContext } from './l4posix.js';
import { posixState } from './posix_state.js';
import { waitOn } from './socket_wait.js';
import { checkIovecs } from './wasi_fd.js';
import { SocketEnd, SOCKET_BUFFER } from '../vfs/socket_pair.js';
import { UnixDatagramSocket, UnixSocket, UnixStreamSocket, type Credentials } from '../vfs/unix_socket.js';
import { writeAddress } from './unix_address.js';
import { writeName } from './inet_address.js';
import { FileType } from '../vfs/types.js';

/** wasi-libc's address families (AF_UNIX is 3 there) and socket types (WASI's filetypes). */
export const enum SockDomain { INET = 1, INET6 = 2, UNIX = 3 }
export const SOCK_DGRAM = 5, SOCK_STREAM = 6;
export const SOCK_NONBLOCK = 0x4000, SOCK_CLOEXEC = 0x2000;

/** recv/send flags: wasi-libc's MSG_PEEK and MSG_WAITALL, Linux's values for the rest. */
export const enum MsgFlag { PEEK = 0x1, WAITALL = 0x2, TRUNC = 0x20, DONTWAIT = 0x40, NOSIGNAL = 0x4000 }

/** wasi-libc's SOL_SOCKET and the SO_* options (SO_TYPE is wasi-libc's; the rest Linux's, RCVTIMEO/SNDTIMEO with 64-bit time). */
const SOL_SOCKET = 0x7fffffff;
const enum SockOpt {
  REUSEADDR = 2, TYPE = 3, ERROR = 4, SNDBUF = 7, RCVBUF = 8, KEEPALIVE = 9, LINGER = 13, PASSCRED = 16, PEERCRED = 17,
  ACCEPTCONN = 30, PROTOCOL = 38, DOMAIN = 39, RCVTIMEO = 66, SNDTIMEO = 67,
}

/** The caller's pid and effective ids, as a socket records them (SO_PEERCRED). */
export function credentialsOf(c: L4posixContext): Credentials {
  return { pid: c.identity.pid, uid: c.identity.euid, gid: c.identity.egid };
}

/** The socket behind `fd`: -EBADF when not open, -ENOTSOCK for any other file. */
export function socketOf(ctx: SyscallContext, fd: number): { e: FdEntry; sock: SocketEnd } | number {
  const e = ctx.fds.get(fd);
  if (e === undefined) return -Errno.EBADF;
  return e.file instanceof SocketEnd ? { e, sock: e.file } : -Errno.ENOTSOCK;
}

/** More than any socket buffer holds: what one send or receive moves at most (plus one, so a larger datagram is still seen as larger). */
const CALL_MAX = SOCKET_BUFFER + 1;

/** The (ptr, len) pairs of checked iovecs. */
function iovecs(mem: GuestMemory, iovs: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    out.push([mem.view.getUint32(iovs + i * IOVEC_SIZE, true), mem.view.getUint32(iovs + i * IOVEC_SIZE + 4, true)]);
  }
  return out;
}

/**
 * The bytes of checked iovecs (`total` in all), gathered: at most a call's worth (CALL_MAX), so
 * iovecs that name the same memory many times (up to 2 GiB in all) cannot make the host
 * allocate that much; a larger datagram is still seen as larger (EMSGSIZE).
 */
export function gather(mem: GuestMemory, iovs: number, n: number, total: number): Uint8Array {
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

/** A receive buffer for iovecs of `total` bytes: no more than one call moves (see gather). */
export function receiveBuffer(total: number): Uint8Array {
  return new Uint8Array(Math.min(total, CALL_MAX));
}

/** The first `count` bytes of `buf`, scattered into checked iovecs. */
export function scatter(mem: GuestMemory, iovs: number, n: number, buf: Uint8Array, count: number): void {
  let done = 0;
  for (const [p, l] of iovecs(mem, iovs, n)) {
    if (done >= count) break;
    const k = Math.min(l, count - done);
    mem.u8.set(buf.subarray(done, done + k), p);
    done += k;
  }
}

export interface ReceiveResult { copied: number; length: number; truncated: boolean }

/**
 * recv/recvmsg/sock_recv into iovecs: the bytes copied and a datagram's whole length, -errno, or
 * SUSPEND while a blocking call waits for data. Checks the iovecs (-EFAULT, -EINVAL).
 */
export function socketReceive(
  ctx: SyscallContext, mem: GuestMemory, e: FdEntry, sock: SocketEnd, iovs: number, n: number, flags: number,
): ReceiveResult | number {
  const total = checkIovecs(mem, iovs, n);
  if (total < 0) return total;
  const nonblocking = (e.desc.flags & FdFlags.NONBLOCK) !== 0 || (flags & MsgFlag.DONTWAIT) !== 0;
  const buf = receiveBuffer(total);
  const r = sock.receive(buf, (flags & MsgFlag.PEEK) !== 0, nonblocking);
  if (r === -Errno.EAGAIN && !nonblocking) return waitOn(ctx, sock, 'read');
  if (typeof r === 'number') return r;
  scatter(mem, iovs, n, buf, r.copied);
  return { copied: r.copied, length: r.length, truncated: r.length > r.copied };
}

/**
 * send/sendmsg/sock_send from iovecs (a datagram is their bytes together): bytes taken, -errno, or
 * SUSPEND while a blocking call waits for room. EPIPE raises SIGPIPE unless MSG_NOSIGNAL.
 */
export function socketSend(
  ctx: SyscallContext, mem: GuestMemory, e: FdEntry, sock: SocketEnd, iovs: number, n: number, flags: number,
): number {
  const total = checkIovecs(mem, iovs, n);
  if (total < 0) return total;
  const buf = gather(mem, iovs, n, total);
  const nonblocking = (e.desc.flags & FdFlags.NONBLOCK) !== 0 || (flags & MsgFlag.DONTWAIT) !== 0;
  const r = sock.send(buf, nonblocking);
  if (r === -Errno.EAGAIN && !nonblocking) return waitOn(ctx, sock, 'write');
  if (r === -Errno.EPIPE && (flags & MsgFlag.NOSIGNAL) === 0) ctx.brokenPipe?.();
  return r;
}

/**
 * SO_PEERCRED: struct ucred { pid, uid, gid } of the peer when it connected (a connected stream
 * or a socket pair); pid 0 and ids -1 otherwise, as Linux.
 */
function peerCredentials(sock: SocketEnd): number[] {
  const p = sock instanceof UnixSocket ? sock.peerCred : undefined;
  return p === undefined ? [0, -1, -1] : [p.pid, p.uid, p.gid];
}

/** struct timeval (wasm32: int64 tv_sec, int64 tv_usec). */
const TIMEVAL_SIZE = 16;

/** A timeout as struct timeval's four little-endian words ({0, 0}: none). */
function timevalWords(ns: bigint | undefined): number[] {
  const us = (ns ?? 0n) / 1000n;
  const sec = us / 1_000_000n, usec = us % 1_000_000n;
  return [Number(BigInt.asIntN(32, sec)), Number(BigInt.asIntN(32, sec >> 32n)), Number(usec), 0];
}

/**
 * SO_RCVTIMEO / SO_SNDTIMEO from a struct timeval: {0, 0} waits for ever, a negative time fails
 * at once; -EINVAL for a shorter len, -EDOM for tv_usec outside [0, 1000000) (Linux), -EFAULT.
 */
function setSocketTimeout(mem: GuestMemory, sock: SocketEnd, name: number, ptr: number, len: number): number {
  if (len >>> 0 < TIMEVAL_SIZE) return -Errno.EINVAL;
  if (!mem.ok(ptr, TIMEVAL_SIZE)) return -Errno.EFAULT;
  const sec = mem.view.getBigInt64(ptr, true), usec = mem.view.getBigInt64(ptr + 8, true);
  if (usec < 0n || usec >= 1_000_000n) return -Errno.EDOM;
  const ns = sec === 0n && usec === 0n ? undefined : sec < 0n ? 0n : sec * 1_000_000_000n + usec * 1000n;
  if (name === SockOpt.RCVTIMEO) sock.receiveTimeoutNs = ns; else sock.sendTimeoutNs = ns;
  return 0;
}

/** SO_LINGER's struct linger { l_onoff, l_linger } as set: a close never waits here (nothing is lost by closing a local socket). */
const lingers = new WeakMap<SocketEnd, [number, number]>();

/** SO_LINGER: l_onoff on records l_linger; off keeps the old time (Linux). -EINVAL for a len under 8, -EFAULT. */
function setLinger(mem: GuestMemory, sock: SocketEnd, ptr: number, len: number): number {
  if (len >>> 0 < 8) return -Errno.EINVAL;
  if (!mem.ok(ptr, 8)) return -Errno.EFAULT;
  const on = mem.view.getInt32(ptr, true), time = mem.view.getInt32(ptr + 4, true);
  lingers.set(sock, on !== 0 ? [1, time] : [0, lingers.get(sock)?.[1] ?? 0]);
  return 0;
}

/** SO_REUSEADDR and SO_KEEPALIVE: kept as set (Linux keeps them on AF_UNIX sockets, where they change nothing). */
const flagOptions = new WeakMap<SocketEnd, Map<number, number>>();

/**
 * The options of an internet socket's protocol levels, by level and name, with Linux's defaults:
 * kept as set and read back (the loopback network has no segments to delay, no hops to count).
 * IPPROTO_TCP: TCP_NODELAY, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT; IPPROTO_IP: IP_TOS, IP_TTL;
 * IPPROTO_IPV6: IPV6_UNICAST_HOPS, IPV6_V6ONLY.
 */
const PROTOCOL_OPTIONS = new Map<number, Map<number, number>>([
  [6, new Map([[1, 0], [4, 7200], [5, 75], [6, 9]])],
  [0, new Map([[1, 0], [2, 64]])],
  [41, new Map([[16, 64], [26, 0]])],
]);
const protocolOptions = new WeakMap<SocketEnd, Map<number, number>>();

/** An internet socket's protocol-level option (undefined: not one of PROTOCOL_OPTIONS for this socket). */
function protocolOption(sock: SocketEnd, level: number, name: number): number | undefined {
  const family = sock instanceof UnixSocket ? sock.family : 'unix';
  const dflt = PROTOCOL_OPTIONS.get(level)?.get(name);
  if (family === 'unix' || dflt === undefined || (level === 6 && sock.type !== FileType.SocketStream) || (level === 41 && family !== 'inet6')) return undefined;
  return protocolOptions.get(sock)?.get(level * 256 + name) ?? dflt;
}

/** A SOL_SOCKET option's value (SO_ERROR without clearing it), or undefined for an unknown option. */
function optionValue(sock: SocketEnd, name: number): number | undefined {
  switch (name) {
    case SockOpt.TYPE: return sock.type === FileType.SocketStream ? SOCK_STREAM : SOCK_DGRAM;
    case SockOpt.ERROR: return sock.error;
    case SockOpt.SNDBUF: return sock.sendBuffer;
    case SockOpt.RCVBUF: return sock.receiveBuffer;
    case SockOpt.DOMAIN: {
      const f = sock instanceof UnixSocket ? sock.family : 'unix';
      return f === 'inet' ? SockDomain.INET : f === 'inet6' ? SockDomain.INET6 : SockDomain.UNIX;
    }
    case SockOpt.PROTOCOL: return sock instanceof UnixSocket && sock.family !== 'unix' ? (sock.type === FileType.SocketStream ? 6 : 17) : 0;
    case SockOpt.ACCEPTCONN: return sock instanceof UnixSocket && sock.listening ? 1 : 0;
    case SockOpt.PASSCRED: return sock.passCred ? 1 : 0;
    case SockOpt.REUSEADDR: case SockOpt.KEEPALIVE: return flagOptions.get(sock)?.get(name) ?? 0;
    default: return undefined;
  }
}

export const socketCalls = {
  /**
   * socketpair(domain, type, protocol, sv): two connected AF_UNIX sockets (SOCK_STREAM or
   * SOCK_DGRAM, with SOCK_NONBLOCK and SOCK_CLOEXEC) at the two lowest free descriptors.
   * AF_INET/AF_INET6 are -EOPNOTSUPP and other families -EAFNOSUPPORT (Linux), other types
   * -EPROTONOSUPPORT (Linux: ESOCKTNOSUPPORT, which WASI lacks), a protocol other than 0
   * -EPROTONOSUPPORT, unknown flags -EINVAL; -EFAULT, -EMFILE.
   */
  socketpair(c: L4posixContext, domain: number, type: number, protocol: number, svPtr: number): number {
    svPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (domain === SockDomain.INET || domain === SockDomain.INET6) return -Errno.ENOTSUP;
    if (domain !== SockDomain.UNIX) return -Errno.EAFNOSUPPORT;
    if (kind !== SOCK_STREAM && kind !== SOCK_DGRAM) return kind < 0 || kind > 0xffff ? -Errno.EINVAL : -Errno.EPROTONOSUPPORT;
    if (protocol !== 0) return -Errno.EPROTONOSUPPORT;
    if (!mem.ok(svPtr, 8)) return -Errno.EFAULT;
    const cloexec = (type & SOCK_CLOEXEC) !== 0;
    const flags = (type & SOCK_NONBLOCK) !== 0 ? FdFlags.NONBLOCK : 0;
    const [a, b] = kind === SOCK_STREAM ? UnixStreamSocket.pairOf(credentialsOf(c)) : UnixDatagramSocket.pairOf(credentialsOf(c));
    const afd = c.fds.insert(a, { rightsBase: rightsFor(a, true, true), flags, cloexec });
    if (afd < 0) { a.close(); b.close(); return afd; }
    const bfd = c.fds.insert(b, { rightsBase: rightsFor(b, true, true), flags, cloexec });
    if (bfd < 0) { c.fds.close(afd); b.close(); return bfd; }
    mem.view.setInt32(svPtr, afd, true);
    mem.view.setInt32(svPtr + 4, bfd, true);
    return 0;
  },

  /**
   * recv/recvfrom/recvmsg(fd, iovs, n, flags, msg_flags): MSG_PEEK, MSG_DONTWAIT, MSG_TRUNC (a
   * datagram's whole length is the result). The bytes received (or that length); *msg_flags gets
   * MSG_TRUNC for a datagram cut short (msg_flags 0: not wanted). -EBADF, -ENOTSOCK, -EFAULT, -EAGAIN.
   */
  recv(c: L4posixContext, fd: number, iovs: number, n: number, flags: number, msgFlagsPtr: number): number {
    iovs >>>= 0; n >>>= 0; msgFlagsPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === 'number') return s;
    if (msgFlagsPtr !== 0 && !mem.ok(msgFlagsPtr, 4)) return -Errno.EFAULT;
    const r = socketReceive(c, mem, s.e, s.sock, iovs, n, flags);
    if (typeof r === 'number') return r;
    if (msgFlagsPtr !== 0) mem.view.setInt32(msgFlagsPtr, r.truncated ? MsgFlag.TRUNC : 0, true);
    return (flags & MsgFlag.TRUNC) !== 0 && s.sock.type === FileType.SocketDgram ? r.length : r.copied;
  },

  /** send/sendto/sendmsg(fd, iovs, n, flags): MSG_DONTWAIT, MSG_NOSIGNAL. Bytes sent; -EPIPE, -EMSGSIZE, ... */
  send(c: L4posixContext, fd: number, iovs: number, n: number, flags: number): number {
    iovs >>>= 0; n >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === 'number') return s;
    return socketSend(c, mem, s.e, s.sock, iovs, n, flags);
  },

  /**
   * getsockopt(fd, SOL_SOCKET, name, value, len): the option's value into `value`, cut to *len
   * bytes, and *len set to what was written (Linux). SO_TYPE, SO_ERROR (the pending error,
   * cleared), SO_SNDBUF, SO_RCVBUF, SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN, SO_PASSCRED,
   * SO_REUSEADDR, SO_KEEPALIVE (ints), SO_PEERCRED (struct ucred), SO_LINGER (struct linger),
   * SO_RCVTIMEO, SO_SNDTIMEO (struct timeval); other options and levels -ENOPROTOOPT; -EINVAL for a negative *len, -EFAULT.
   */
  getsockopt(c: L4posixContext, fd: number, level: number, name: number, valuePtr: number, lenPtr: number): number {
    valuePtr >>>= 0; lenPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === 'number') return s;
    if (level !== SOL_SOCKET && protocolOption(s.sock, level, name) === undefined) return -Errno.ENOPROTOOPT;
    const v = level !== SOL_SOCKET ? protocolOption(s.sock, level, name)
      : name === SockOpt.PEERCRED ? peerCredentials(s.sock)
      : name === SockOpt.RCVTIMEO ? timevalWords(s.sock.receiveTimeoutNs)
      : name === SockOpt.SNDTIMEO ? timevalWords(s.sock.sendTimeoutNs)
      : name === SockOpt.LINGER ? lingers.get(s.sock) ?? [0, 0]
      : optionValue(s.sock, name);
    if (v === undefined) return -Errno.ENOPROTOOPT;
    if (!mem.ok(lenPtr, 4)) return -Errno.EFAULT;
    const len = mem.view.getInt32(lenPtr, true);
    if (len < 0) return -Errno.EINVAL;
    const words = typeof v === 'number' ? [v] : v;
    const n = Math.min(len, 4 * words.length);
    if (!mem.ok(valuePtr, n)) return -Errno.EFAULT;
    const bytes = new Uint8Array(4 * words.length);
    words.forEach((w, i) => new DataView(bytes.buffer).setInt32(4 * i, w, true));
    mem.u8.set(bytes.subarray(0, n), valuePtr);
    mem.view.setInt32(lenPtr, n, true);
    if (name === SockOpt.ERROR) s.sock.takeError();
    return 0;
  },

  /**
   * getsockname(fd, addr, len): the bound name (AF_UNIX and the path with its NUL, or the abstract
   * name), or just AF_UNIX for an unnamed socket: at most *len bytes of it written, *len set to
   * its whole length (Linux). -EBADF, -ENOTSOCK, -EINVAL for a negative *len, -EFAULT.
   */
  sockname(c: L4posixContext, fd: number, addrPtr: number, lenPtr: number): number {
    addrPtr >>>= 0; lenPtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === 'number') return s;
    return s.sock instanceof UnixSocket ? writeName(mem, addrPtr, lenPtr, s.sock.family, s.sock.name) : writeAddress(mem, addrPtr, lenPtr, undefined);
  },

  /**
   * setsockopt(fd, SOL_SOCKET, name, value, len): the int at `value` (-EINVAL when len is shorter,
   * -EFAULT). SO_SNDBUF and SO_RCVBUF (recorded doubled, within Linux's bounds, as getsockopt then
   * reports), SO_PASSCRED, SO_REUSEADDR and SO_KEEPALIVE (kept, as Linux keeps them); other options
   * and levels -ENOPROTOOPT.
   */
  setsockopt(c: L4posixContext, fd: number, level: number, name: number, valuePtr: number, len: number): number {
    valuePtr >>>= 0;
    const mem = posixState(c).mem;
    mem.refresh();
    const s = socketOf(c, fd);
    if (typeof s === 'number') return s;
    if (level !== SOL_SOCKET) {
      if (protocolOption(s.sock, level, name) === undefined) return -Errno.ENOPROTOOPT;
      if (len >>> 0 < 4) return -Errno.EINVAL;
      if (!mem.ok(valuePtr, 4)) return -Errno.EFAULT;
      const m = protocolOptions.get(s.sock) ?? new Map<number, number>();
      const value = mem.view.getInt32(valuePtr, true);
      // Flags read back as 0 or 1 (Linux); the counts and times as set.
      m.set(level * 256 + name, (level === 6 && name === 1) || (level === 41 && name === 26) ? (value !== 0 ? 1 : 0) : value);
      protocolOptions.set(s.sock, m);
      return 0;
    }
    if (name === SockOpt.RCVTIMEO || name === SockOpt.SNDTIMEO) return setSocketTimeout(mem, s.sock, name, valuePtr, len);
    if (name === SockOpt.LINGER) return setLinger(mem, s.sock, valuePtr, len);
    if (len >>> 0 < 4) return -Errno.EINVAL;
    if (!mem.ok(valuePtr, 4)) return -Errno.EFAULT;
    const value = mem.view.getInt32(valuePtr, true);
    const v = Math.min(Math.max(value, 0), SOCKET_BUFFER) * 2;
    switch (name) {
      case SockOpt.SNDBUF: s.sock.sendBuffer = Math.max(v, 4608); return 0;
      case SockOpt.RCVBUF: s.sock.receiveBuffer = Math.max(v, 2304); return 0;
      case SockOpt.PASSCRED: s.sock.passCred = value !== 0; return 0;
      case SockOpt.REUSEADDR: case SockOpt.KEEPALIVE: {
        const m = flagOptions.get(s.sock) ?? new Map<number, number>();
        m.set(name, value !== 0 ? 1 : 0);
        flagOptions.set(s.sock, m);
        return 0;
      }
      default: return -Errno.ENOPROTOOPT;
    }
  },
};
