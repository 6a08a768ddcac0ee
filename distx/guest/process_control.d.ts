import type { PendingLoad } from '../libc/restart.js';
import type { FdTable } from '../libc/fdtable.js';
import { type ProcBackend, type SpawnRequest } from '../libc/l4posix_proc.js';
import { type Credentials, type Vfs } from '../vfs/types.js';
import type { ProgramImage } from './program.js';
import type { ProcessTable, WaitidResult } from './process_table.js';
import { type Process } from './process.js';
/** A program image being prepared (read, asyncified): settles once. */
export interface PendingImage extends PendingLoad {
    readonly promise: Promise<unknown>;
    /** Set once settled. */
    image?: ProgramImage;
    /** Set once settled with a failure (not a WebAssembly command: ENOEXEC). */
    failed?: boolean;
}
/** What exec replaces the program with. */
export interface ExecProgram {
    image: ProgramImage;
    args: string[];
    env: string[];
}
/** A child to create: everything it inherits, already decided. */
export interface ChildSpec {
    image: ProgramImage;
    args: string[];
    env: string[];
    fds: FdTable;
    cwd: string;
    pgid: number | undefined;
    newSession: boolean;
    sigmask: [number, number];
    ignored: number[];
}
/** What the process calls need of the machine (machine.ts). */
export interface ControlHost {
    readonly table: ProcessTable<Process>;
    /** The image of a program's bytes (cached by content). */
    prepareImage(bytes: Uint8Array, name: string): PendingImage;
    /** Creates and starts the child (its pid from the table); returns its pid or -errno. */
    startChild(parent: Process, spec: ChildSpec): number;
    /** Creates and starts a copy of `parent`, which has unwound at fork; its pid or -errno. */
    forkChild(parent: Process): number;
}
/**
 * The bytes of the regular file at `path` that `who` may execute, or -errno: EACCES for a
 * directory or special file, and for a file without execute permission for `who` (as access(X_OK)
 * answers it: root needs one x bit; POSIX and Linux: EACCES).
 */
export declare function readProgram(vfs: Vfs, path: string, who: Credentials): Uint8Array | number;
/**
 * The program posix_spawn (search undefined) or posix_spawnp runs: its path and bytes, or -errno.
 * spawnp tries each PATH directory in turn, as execvp does: ENOENT moves on, EACCES is remembered.
 */
export declare function findProgram(vfs: Vfs, cwd: string, path: string, search: string | undefined, who: Credentials): {
    path: string;
    bytes: Uint8Array;
} | number;
export declare class ProcessControl implements ProcBackend {
    private readonly self;
    private readonly host;
    constructor(self: Process, host: ControlHost);
    spawn(req: SpawnRequest): number;
    fork(): number;
    exec(req: SpawnRequest): number;
    fexec(fd: number, req: SpawnRequest): number;
    /**
     * The program of a spawn or exec (of the file open as `fd`, for fexecve): its image, -errno,
     * or SUSPEND while it is prepared.
     */
    private image;
    /** The program open as descriptor `fd`: its bytes and the path it was opened by (else /dev/fd/N, as Linux names it). */
    private openProgram;
    private startChild;
    waitpid(pid: number, options: number): {
        pid: number;
        status: number;
    } | number;
    waitid(idtype: number, id: number, options: number): WaitidResult | number;
    setpgid(pid: number, pgid: number): number;
    getpgid(pid: number): number;
    setsid(): number;
    getsid(pid: number): number;
}
