import type { L4posixContext } from './l4posix.js';
/** One file action of posix_spawn, as the C side passes it: three words. */
export interface SpawnAction {
    /** 1 close(fd), 2 dup2(fd, newfd) (opens are done by the parent and become dup2s). */
    kind: number;
    fd: number;
    newfd: number;
}
export declare const enum SpawnActionKind {
    Close = 1,
    Dup2 = 2
}
/** posix_spawnattr flags (musl's values). */
export declare const enum SpawnFlags {
    RESETIDS = 1,
    SETPGROUP = 2,
    SETSIGDEF = 4,
    SETSIGMASK = 8,
    SETSID = 128
}
export interface SpawnRequest {
    path: string;
    /** PATH to search when `path` has no slash (posix_spawnp); undefined for posix_spawn. */
    search?: string;
    argv: string[];
    envp: string[];
    actions: SpawnAction[];
    flags: number;
    pgroup: number;
    sigmask: [number, number];
    sigdefault: [number, number];
    /** The parent's working directory (wasi-libc keeps it in the program). */
    cwd: string;
}
/** What a process offers the process calls. */
export interface ProcBackend {
    /** The new child's pid, -errno, or SUSPEND (the program is being loaded). */
    spawn(req: SpawnRequest): number;
    /** fork: the child's pid, 0 in the child, -errno, or SUSPEND (the caller unwinds to be copied). */
    fork(): number;
    /** execve: throws ProcessExec once the program is ready; else -errno or SUSPEND. */
    exec(req: SpawnRequest): number;
    /** fexecve: exec of the program open as descriptor `fd` (the request's path is unused). */
    fexec(fd: number, req: SpawnRequest): number;
    /** waitpid: { pid, status }, 0 (WNOHANG, none yet), -errno, or SUSPEND. */
    waitpid(pid: number, options: number): {
        pid: number;
        status: number;
    } | number;
    /** waitid on the children that idtype/id name: { pid, uid, code, status }, 0 (WNOHANG), -errno, or SUSPEND. */
    waitid(idtype: number, id: number, options: number): {
        pid: number;
        uid: number;
        code: number;
        status: number;
    } | number;
    setpgid(pid: number, pgid: number): number;
    getpgid(pid: number): number;
    setsid(): number;
    getsid(pid: number): number;
}
export declare const procCalls: {
    /** posix_spawn(req, pidp): 0 and the child's pid in *pidp, or -errno. */
    spawn(c: L4posixContext, reqPtr: number, pidPtr: number): number;
    /** fork() and vfork(), which is fork here. */
    fork(c: L4posixContext): number;
    /** execve(req): does not return when it succeeds. */
    exec(c: L4posixContext, reqPtr: number): number;
    /** fexecve(fd, req): exec of the file open as `fd`; does not return when it succeeds. */
    fexec(c: L4posixContext, fd: number, reqPtr: number): number;
    /** waitpid(pid, status, options): the child's pid (status at `statusPtr`), 0, or -errno. */
    waitpid(c: L4posixContext, pid: number, statusPtr: number, options: number): number;
    setpgid(c: L4posixContext, pid: number, pgid: number): number;
    getpgid(c: L4posixContext, pid: number): number;
    setsid(c: L4posixContext): number;
    getsid(c: L4posixContext, pid: number): number;
};
