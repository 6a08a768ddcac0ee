import type { L4posixContext } from './l4posix.js';
import type { OpenFile } from '../vfs/types.js';
/** wasi-libc's <__header_poll.h>: POLLIN is POLLRDNORM, POLLOUT is POLLWRNORM. */
export declare const enum Poll {
    IN = 1,
    OUT = 2,
    PRI = 512,
    ERR = 4096,
    HUP = 8192,
    NVAL = 16384
}
/**
 * What poll reports for `file` asked for `events` (wasi-libc's bits) through a descriptor with
 * `rightsBase`: POLLIN, POLLOUT as ready, POLLHUP/POLLERR as Linux's pipes report a gone peer.
 */
export declare function pollEvents(file: OpenFile, rightsBase: number, events: number): number;
export declare const ppollCalls: {
    /** ppoll(fds, nfds, timeout, sigmask): the number of descriptors with events, 0 at the timeout, or -errno. */
    ppoll(c: L4posixContext, fdsPtr: number, nfds: number, timeoutPtr: number, maskPtr: number): number;
};
