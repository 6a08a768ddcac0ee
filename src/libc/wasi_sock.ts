// wasi_snapshot_preview1, socket family: no descriptor here is a socket yet, so every call answers
// EBADF for a descriptor that is not open and ENOTSOCK otherwise (as POSIX's accept, recv, send and
// shutdown do on a file, and as the WASI test suite expects of sock_shutdown).
import { Errno } from '../errno.js';
import type { WasiState } from './wasi_state.js';

function notSocket(s: WasiState, fd: number): number {
  return s.fds.get(fd) === undefined ? -Errno.EBADF : -Errno.ENOTSOCK;
}

export const sockCalls = {
  sock_accept(s: WasiState, fd: number, _flags: number, _resultPtr: number): number {
    return notSocket(s, fd);
  },
  sock_recv(s: WasiState, fd: number, _riData: number, _riDataLen: number, _riFlags: number,
    _roDatalenPtr: number, _roFlagsPtr: number): number {
    return notSocket(s, fd);
  },
  sock_send(s: WasiState, fd: number, _siData: number, _siDataLen: number, _siFlags: number,
    _soDatalenPtr: number): number {
    return notSocket(s, fd);
  },
  sock_shutdown(s: WasiState, fd: number, _how: number): number {
    return notSocket(s, fd);
  },
};
