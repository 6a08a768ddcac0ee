import type { L4posixContext } from './l4posix.js';
export declare const timerfdCalls: {
    /** timerfd_create(clock, flags): the new descriptor; -EINVAL for other clocks and unknown flags. */
    timerfd_create(c: L4posixContext, clock: number, flags: number): number;
    /**
     * timerfd_settime(fd, flags, new, old): EFAULT for an unreadable new value, EINVAL for unknown
     * flags or a bad time, then EBADF/EINVAL for the descriptor; an absolute time becomes relative
     * to the timer's clock now (a time already past expires at once).
     */
    timerfd_settime(c: L4posixContext, fd: number, flags: number, newPtr: number, oldPtr: number): number;
    /** timerfd_gettime(fd, cur): the time left (0: disarmed) and the period. */
    timerfd_gettime(c: L4posixContext, fd: number, curPtr: number): number;
};
