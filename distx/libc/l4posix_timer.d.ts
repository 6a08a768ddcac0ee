import type { L4posixContext } from './l4posix.js';
export declare const timerCalls: {
    /** timer_create(clock, sevp, timerid): sevp 0 is SIGEV_SIGNAL with SIGALRM and the id as value. */
    timer_create(c: L4posixContext, clock: number, sevPtr: number, idPtr: number): number;
    /**
     * timer_settime(timerid, flags, new, old): TIMER_ABSTIME's value becomes relative to the timer's
     * clock now. Checked in Linux's order: the new value (EINVAL for NULL, EFAULT, EINVAL), the timer
     * (EINVAL); an unwritable old value is EFAULT once the timer is set.
     */
    timer_settime(c: L4posixContext, id: number, flags: number, newPtr: number, oldPtr: number): number;
    /** timer_gettime(timerid, cur): the time left (0: disarmed) and the period. */
    timer_gettime(c: L4posixContext, id: number, curPtr: number): number;
    timer_getoverrun(c: L4posixContext, id: number): number;
    timer_delete(c: L4posixContext, id: number): number;
};
