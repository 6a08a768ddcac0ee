// wasi_snapshot_preview1, socket family: sock_recv, sock_send and sock_shutdown on the sockets of a
// socket pair or made by socket() (l4posix_socket.ts, vfs/unix_socket.ts);
// sock_accept on a listening AF_UNIX socket (l4posix_unix.ts). A descriptor that is not open is EBADF, any other file ENOTSOCK (as POSIX's accept, recv,
// send and shutdown answer on a file, and as the WASI test suite expects of sock_shutdown).
import { Errno } from '../errno.js';
import type { WasiState } from './wasi_state.js';
import { MsgFlag, socketOf, socketReceive, socketSend } from './l4posix_socket.js';
import { acceptOn } from './l4posix_unix.js';
import { waitOn } from './socket_wait.js';
import { FdFlags, IOVEC_SIZE } from './abi.js';
import { FileType } from '../vfs/types.js';

/** WASI's riflags (RECV_PEEK, RECV_WAITALL) and roflags (RECV_DATA_TRUNCATED); sdflags RD, WR. */
const RIFLAGS = 0x3;
const RO_DATA_TRUNCATED = 0x1;
const SD_RD = 0x1, SD_WR = 0x2;

export const sockCalls = {
  /**
   * accept: the next connection of a listening socket (flags: NONBLOCK for the new descriptor);
   * waits unless the listener is nonblocking. A socket that does not listen is EINVAL (Linux),
   * a datagram socket EOPNOTSUPP.
   */
  sock_accept(s: WasiState, fd: number, flags: number, resultPtr: number): number {
    resultPtr >>>= 0;
    s.mem.refresh();
    const r = socketOf(s.ctx, fd);
    if (typeof r === 'number') return r;
    if ((flags & ~FdFlags.NONBLOCK) !== 0) return -Errno.EINVAL;
    if (!s.mem.ok(resultPtr, 4)) return -Errno.EFAULT;
    const nfd = acceptOn(s.ctx, r.e, r.sock, (flags & FdFlags.NONBLOCK) !== 0, false);
    if (nfd < 0) return nfd;
    s.mem.view.setUint32(resultPtr, nfd, true);
    return 0;
  },

  /**
   * recv: RECV_PEEK, and RECV_WAITALL (a stream waits until the buffers are full or no more can
   * come). Blocks unless the descriptor is O_NONBLOCK.
   */
  sock_recv(s: WasiState, fd: number, riData: number, riDataLen: number, riFlags: number,
    roDatalenPtr: number, roFlagsPtr: number): number {
    riData >>>= 0; riDataLen >>>= 0; roDatalenPtr >>>= 0; roFlagsPtr >>>= 0;
    s.mem.refresh();
    const sock = socketOf(s.ctx, fd);
    if (typeof sock === 'number') return sock;
    if ((riFlags & ~RIFLAGS) !== 0) return -Errno.EINVAL;
    if (!s.mem.ok(roDatalenPtr, 4) || !s.mem.ok(roFlagsPtr, 2)) return -Errno.EFAULT;
    // WAITALL: wait (without taking anything) until the whole request is there or nothing more can come.
    if ((riFlags & MsgFlag.WAITALL) !== 0 && sock.sock.type === FileType.SocketStream) {
      const want = Math.min(wanted(s, riData, riDataLen), sock.sock.receiveBuffer);
      if (sock.sock.available() < want && !sock.sock.receiveShut && sock.sock.error === 0 &&
          (sock.e.desc.flags & FdFlags.NONBLOCK) === 0) {
        return waitOn(s.ctx, sock.sock, 'read');
      }
    }
    const r = socketReceive(s.ctx, s.mem, sock.e, sock.sock, riData, riDataLen, riFlags & MsgFlag.PEEK);
    if (typeof r === 'number') return r;
    s.mem.view.setUint32(roDatalenPtr, r.copied, true);
    s.mem.view.setUint16(roFlagsPtr, r.truncated ? RO_DATA_TRUNCATED : 0, true);
    return 0;
  },

  /** send: si_flags has no flags defined (anything else is EINVAL); EPIPE raises SIGPIPE. */
  sock_send(s: WasiState, fd: number, siData: number, siDataLen: number, siFlags: number,
    soDatalenPtr: number): number {
    siData >>>= 0; siDataLen >>>= 0; soDatalenPtr >>>= 0;
    s.mem.refresh();
    const sock = socketOf(s.ctx, fd);
    if (typeof sock === 'number') return sock;
    if (siFlags !== 0) return -Errno.EINVAL;
    if (!s.mem.ok(soDatalenPtr, 4)) return -Errno.EFAULT;
    const r = socketSend(s.ctx, s.mem, sock.e, sock.sock, siData, siDataLen, 0);
    if (r < 0) return r;
    s.mem.view.setUint32(soDatalenPtr, r, true);
    return 0;
  },

  /** shutdown: RD, WR or both; -EINVAL for no or other flags. */
  sock_shutdown(s: WasiState, fd: number, how: number): number {
    const sock = socketOf(s.ctx, fd);
    if (typeof sock === 'number') return sock;
    if (how === 0 || (how & ~(SD_RD | SD_WR)) !== 0) return -Errno.EINVAL;
    sock.sock.shutdown((how & SD_RD) !== 0, (how & SD_WR) !== 0);
    return 0;
  },
};

/** The total length of checked-later iovecs (0 when they are out of memory: the receive says EFAULT). */
function wanted(s: WasiState, iovs: number, n: number): number {
  if (!s.mem.ok(iovs, n * IOVEC_SIZE)) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) total += s.mem.view.getUint32(iovs + i * IOVEC_SIZE + 4, true);
  return total;
}
