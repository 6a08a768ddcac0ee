import type { WasiState } from './wasi_state.js';
export declare const sockCalls: {
    /**
     * accept: the next connection of a listening socket (flags: NONBLOCK for the new descriptor);
     * waits unless the listener is nonblocking. A socket that does not listen is EINVAL (Linux),
     * a datagram socket EOPNOTSUPP.
     */
    sock_accept(s: WasiState, fd: number, flags: number, resultPtr: number): number;
    /**
     * recv: RECV_PEEK, and RECV_WAITALL (a stream waits until the buffers are full or no more can
     * come). Blocks unless the descriptor is O_NONBLOCK.
     */
    sock_recv(s: WasiState, fd: number, riData: number, riDataLen: number, riFlags: number, roDatalenPtr: number, roFlagsPtr: number): number;
    /** send: si_flags has no flags defined (anything else is EINVAL); EPIPE raises SIGPIPE. */
    sock_send(s: WasiState, fd: number, siData: number, siDataLen: number, siFlags: number, soDatalenPtr: number): number;
    /** shutdown: RD, WR or both; -EINVAL for no or other flags. */
    sock_shutdown(s: WasiState, fd: number, how: number): number;
};
