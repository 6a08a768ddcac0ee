import type { L4posixContext } from './l4posix.js';
export declare const tcpgrpCalls: {
    /** tcgetpgrp(fd): the foreground group of the terminal at fd; -EBADF, -ENOTTY. */
    tcgetpgrp(c: L4posixContext, fd: number): number;
    /**
     * tcsetpgrp(fd, pgrp): makes pgrp, a group of the caller's session, the terminal's foreground
     * group; -EBADF, -ENOTTY, -EINVAL (negative), -EPERM (no such group in the session).
     */
    tcsetpgrp(c: L4posixContext, fd: number, pgrp: number): number;
};
