import type { L4posixContext } from './l4posix.js';
export declare const epollCalls: {
    /**
     * epoll_ctl(epfd, op, fd, event), checked in Linux's order: EFAULT for an unreadable event,
     * EBADF for either descriptor, EPERM for a file that is always ready (regular files,
     * directories), EINVAL for the instance itself, a non-epoll epfd, a bad op or EPOLLEXCLUSIVE
     * misused, ELOOP for an instance that would watch itself; then EEXIST or ENOENT.
     */
    epoll_ctl(c: L4posixContext, epfd: number, op: number, fd: number, evPtr: number): number;
    /**
     * epoll_pwait(epfd, events, maxevents, timeout ms (-1: none), sigmask): the number of events
     * written, 0 at the timeout, or -errno (EINVAL for maxevents, EFAULT for the array, EBADF,
     * EINVAL for a non-epoll descriptor; EINTR when a signal is to be handled).
     */
    epoll_wait(c: L4posixContext, epfd: number, outPtr: number, max: number, timeoutMs: number, maskPtr: number): number;
};
