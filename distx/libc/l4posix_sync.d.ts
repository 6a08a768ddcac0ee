import type { L4posixContext } from './l4posix.js';
export declare const syncCalls: {
    sync(c: L4posixContext): number;
};
