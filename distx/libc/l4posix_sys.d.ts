import type { L4posixContext } from './l4posix.js';
export declare const DEFAULT_HOSTNAME = "l4wasm";
export declare const sysCalls: {
    /** uname: sysname "l4wasm", the machine's host name, the package version, machine "wasm32". */
    uname(c: L4posixContext, ptr: number): number;
    /** getrlimit(resource, rlimit, stack size): -EINVAL for an unknown resource, -EFAULT. */
    getrlimit(c: L4posixContext, resource: number, ptr: number, stackSize: number): number;
    /**
     * setrlimit(resource, rlimit, stack size): -EINVAL for an unknown resource or soft > hard, -EPERM
     * for raising the hard limit (no process here holds CAP_SYS_RESOURCE). RLIMIT_NOFILE sizes the
     * descriptor table, RLIMIT_AS bounds how far memory.grow (malloc) and mmap grow memory, RLIMIT_CPU
     * is checked as the program gives up the CPU (SIGXCPU, then SIGKILL); the rest are recorded.
     */
    setrlimit(c: L4posixContext, resource: number, ptr: number, stackSize: number): number;
    /** sysconf for what the machine decides (libl4posix answers the fixed values itself); -EINVAL otherwise. */
    sysconf(c: L4posixContext, name: number): number;
    /**
     * clock_settime(CLOCK_REALTIME, sec, nsec): moves the machine's real-time clock (the monotonic
     * clock never jumps). -EINVAL for another clock or a bad time, -EPERM unless effectively root.
     */
    clock_settime(c: L4posixContext, clock: number, sec: bigint, nsec: number): number;
};
