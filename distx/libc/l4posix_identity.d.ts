import type { L4posixContext } from './l4posix.js';
export declare const identityCalls: {
    getpid: (c: L4posixContext) => number;
    getppid: (c: L4posixContext) => number;
    getuid: (c: L4posixContext, effective: number) => number;
    getgid: (c: L4posixContext, effective: number) => number;
};
