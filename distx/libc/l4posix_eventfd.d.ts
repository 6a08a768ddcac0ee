import type { L4posixContext } from './l4posix.js';
export declare const eventfdCalls: {
    /** eventfd: the new descriptor; -EINVAL for unknown flags, -EMFILE when the table is full. */
    eventfd(c: L4posixContext, initval: number, flags: number): number;
};
