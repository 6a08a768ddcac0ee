import { Errno } from "../errno.js";
import { MsgFlag, socketOf, socketReceive, socketSend } from "./l4posix_socket.js";
import { acceptOn } from "./l4posix_unix.js";
import { waitOn } from "./socket_wait.js";
import { FdFlags, IOVEC_SIZE } from "./abi.js";
import { FileType } from "../vfs/types.js";
const RIFLAGS = 3;
const RO_DATA_TRUNCATED = 1;
const SD_RD = 1, SD_WR = 2;
const sockCalls = {
  /**
   * accept: the next connection of a listening socket (flags: NONBLOCK for the new descriptor);
   * waits unless the listener is nonblocking. A socket that does not listen is EINVAL (Linux),
   * a datagram socket EOPNOTSUPP.
   */
  sock_accept(s, fd, flags, resultPtr) {
    resultPtr >>>= 0;
    s.mem.refresh();
    const r = socketOf(s.ctx, fd);
    if (typeof r === "number") return r;
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
  sock_recv(s, fd, riData, riDataLen, riFlags, roDatalenPtr, roFlagsPtr) {
    riData >>>= 0;
    riDataLen >>>= 0;
    roDatalenPtr >>>= 0;
    roFlagsPtr >>>= 0;
    s.mem.refresh();
    const sock = socketOf(s.ctx, fd);
    if (typeof sock === "number") return sock;
    if ((riFlags & ~RIFLAGS) !== 0) return -Errno.EINVAL;
    if (!s.mem.ok(roDatalenPtr, 4) || !s.mem.ok(roFlagsPtr, 2)) return -Errno.EFAULT;
    if ((riFlags & MsgFlag.WAITALL) !== 0 && sock.sock.type === FileType.SocketStream) {
      const want = Math.min(wanted(s, riData, riDataLen), sock.sock.receiveBuffer);
      if (sock.sock.available() < want && !sock.sock.receiveShut && sock.sock.error === 0 && (sock.e.desc.flags & FdFlags.NONBLOCK) === 0) {
        return waitOn(s.ctx, sock.sock, "read");
      }
    }
    const r = socketReceive(s.ctx, s.mem, sock.e, sock.sock, riData, riDataLen, riFlags & MsgFlag.PEEK);
    if (typeof r === "number") return r;
    s.mem.view.setUint32(roDatalenPtr, r.copied, true);
    s.mem.view.setUint16(roFlagsPtr, r.truncated ? RO_DATA_TRUNCATED : 0, true);
    return 0;
  },
  /** send: si_flags has no flags defined (anything else is EINVAL); EPIPE raises SIGPIPE. */
  sock_send(s, fd, siData, siDataLen, siFlags, soDatalenPtr) {
    siData >>>= 0;
    siDataLen >>>= 0;
    soDatalenPtr >>>= 0;
    s.mem.refresh();
    const sock = socketOf(s.ctx, fd);
    if (typeof sock === "number") return sock;
    if (siFlags !== 0) return -Errno.EINVAL;
    if (!s.mem.ok(soDatalenPtr, 4)) return -Errno.EFAULT;
    const r = socketSend(s.ctx, s.mem, sock.e, sock.sock, siData, siDataLen, 0);
    if (r < 0) return r;
    s.mem.view.setUint32(soDatalenPtr, r, true);
    return 0;
  },
  /** shutdown: RD, WR or both; -EINVAL for no or other flags. */
  sock_shutdown(s, fd, how) {
    const sock = socketOf(s.ctx, fd);
    if (typeof sock === "number") return sock;
    if (how === 0 || (how & ~(SD_RD | SD_WR)) !== 0) return -Errno.EINVAL;
    sock.sock.shutdown((how & SD_RD) !== 0, (how & SD_WR) !== 0);
    return 0;
  }
};
function wanted(s, iovs, n) {
  if (!s.mem.ok(iovs, n * IOVEC_SIZE)) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) total += s.mem.view.getUint32(iovs + i * IOVEC_SIZE + 4, true);
  return total;
}
export {
  sockCalls
};
