import type { L4posixContext } from './l4posix.js';
/** SEM_VALUE_MAX of wasi-libc's <limits.h> (and glibc's). */
export declare const SEM_VALUE_MAX = 2147483647;
/** sem_wait's flags (sysroot/src/sem.c). */
export declare const enum SemWait {
    TRY = 1,
    TIMED = 2
}
export declare const semCalls: {
    /**
     * sem_init(sem, pshared, value): the count in sem's memory and, where sem lies in a shared
     * object, in the shared record (a new semaphore: waiters of an old one there are woken to look
     * again). -EINVAL for a value above SEM_VALUE_MAX, -EFAULT.
     */
    sem_init(c: L4posixContext, addr: number, pshared: number, value: number): number;
    /** sem_post: the count goes up and waiters look again; -EOVERFLOW at SEM_VALUE_MAX, -EFAULT. */
    sem_post(c: L4posixContext, addr: number): number;
    /**
     * sem_wait, sem_trywait (TRY: -EAGAIN at 0) and sem_timedwait (TIMED: `deadline` in ns of
     * CLOCK_REALTIME; -ETIMEDOUT once it has passed): takes one from the count, or waits until a
     * post, the deadline or a signal (-EINTR). -EFAULT.
     */
    sem_wait(c: L4posixContext, addr: number, flags: number, deadline: bigint): number;
    /**
     * sem_getvalue: the count; -EFAULT. A negative count is no semaphore sem_init made (junk
     * memory): -EINVAL, since the result's sign says whether it is an errno.
     */
    sem_getvalue(c: L4posixContext, addr: number): number;
    /** sem_destroy: a shared semaphore's record goes (a later use starts again from memory); -EFAULT. */
    sem_destroy(c: L4posixContext, addr: number): number;
};
