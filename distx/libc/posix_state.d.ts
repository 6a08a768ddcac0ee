import { GuestMemory } from './abi.js';
import type { L4posixContext } from './l4posix.js';
import { Termios, Winsize } from './posix_abi.js';
/** RLIMIT_NOFILE's hard limit: how far setrlimit may move the descriptor table's size. */
export declare const NOFILE_HARD = 4096;
export interface Limit {
    cur: bigint;
    max: bigint;
}
export declare class PosixState {
    readonly mem: GuestMemory;
    /** Resource limits by RLIMIT_*; NOFILE's soft limit is the descriptor table's size itself. */
    readonly limits: Limit[];
    /** RLIMIT_STACK is set from the program's stack size, which its libl4posix reports. */
    stackKnown: boolean;
    /** The process's terminal settings (one controlling terminal per process). */
    readonly termios: Termios;
    readonly winsize: Winsize;
    constructor(ctx: L4posixContext);
}
/** The process's state if one of its calls made it already (limits the program may have changed). */
export declare function existingPosixState(ctx: L4posixContext): PosixState | undefined;
export declare function posixState(ctx: L4posixContext): PosixState;
