import type { L4posixContext } from './l4posix.js';
export declare const decoupleCalls: {
    decouple(c: L4posixContext): number;
    recouple(c: L4posixContext): number;
};
