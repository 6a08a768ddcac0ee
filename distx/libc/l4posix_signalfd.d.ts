import type { FdTable } from './fdtable.js';
import type { L4posixContext } from './l4posix.js';
import type { SignalBackend } from './l4posix_signal.js';
/** fork: the child's signalfd descriptors read the child's pending signals (Linux: a signalfd reads its reader's). */
export declare function signalfdsForChild(fds: FdTable, signals: SignalBackend): void;
export declare const signalfdCalls: {
    /**
     * signalfd(fd, mask, flags): fd -1 makes a new descriptor for the set, else the signalfd `fd`
     * reads the new set from now on. EINVAL for unknown flags, EFAULT for an unreadable set, EBADF
     * for a closed descriptor and EINVAL for one that is no signalfd.
     */
    signalfd(c: L4posixContext, fd: number, maskPtr: number, flags: number): number;
};
