import type { ExitStatus } from './process.js';
/** The pid orphans report as their parent (Linux's init). */
export declare const INIT_PID = 1;
export declare const DEFAULT_PROCESS_LIMIT = 256;
/** waitpid options (Linux values, as <sys/wait.h> defines them). */
export declare const enum WaitFlags {
    NOHANG = 1,
    UNTRACED = 2,
    CONTINUED = 8
}
/** waitid's options (Linux values): WNOHANG is WaitFlags.NOHANG. */
export declare const enum WaitidFlags {
    STOPPED = 2,
    EXITED = 4,
    CONTINUED = 8,
    NOWAIT = 16777216
}
/** What waitid reports of a child: the siginfo's si_pid, si_uid, si_code (CLD_*) and si_status. */
export interface WaitidResult {
    pid: number;
    uid: number;
    code: number;
    status: number;
}
/** What the table needs of a process. */
export interface TableEntry {
    readonly pid: number;
    readonly identity: {
        ppid: number;
        pgid: number;
        sid: number;
        readonly uid: number;
    };
    /** The exit status once the process ended (a zombie until reaped). */
    readonly exitStatus: ExitStatus | undefined;
    /** The stop signal not yet reported to waitpid(WUNTRACED), 0 when none. */
    stopSignal: number;
    /** Continued after a stop, not yet reported to waitpid(WCONTINUED). */
    continued?: boolean;
    /** Stopped by a stop signal (until SIGCONT). */
    readonly stopped?: boolean;
    readonly signals: {
        send(sig: number, info: {
            code: number;
            pid: number;
            uid: number;
            addr: number;
            value: number;
        }): number;
        readonly state: {
            action(sig: number): {
                kind: number;
                flags: number;
            };
        };
        /** prctl(PR_SET_PDEATHSIG): the signal the process gets when its parent ends (0: none). */
        readonly parentDeathSignal: number;
    };
}
/** The Linux wait status word of an ended process. */
export declare function waitStatus(s: ExitStatus): number;
export declare class ProcessTable<P extends TableEntry> {
    readonly limit: number;
    private readonly all;
    private readonly parents;
    private readonly children;
    /** Woken when a child of the process ends or stops. */
    private readonly childEvents;
    private nextPid;
    private live;
    /** Pids handed out whose process is not in the table yet (loading): they count against the limit. */
    private reserved;
    constructor(limit?: number);
    /** Every process in the table, zombies included (kill finds them; signals to them are dropped). */
    get map(): ReadonlyMap<number, P>;
    get liveCount(): number;
    /** Live processes and those still being created: what the limit bounds. */
    get usedCount(): number;
    /**
     * A pid for a new process, or -EAGAIN at the limit. The place is taken from now on: add() fills
     * it, cancel() gives it back (the process could not be created).
     */
    allocate(): number;
    /** The process of an allocated pid will not exist after all. */
    cancel(_pid: number): void;
    /** Enters a new process under its allocated pid; `parent` undefined for the machine's own children. */
    add(p: P, parent?: P): void;
    parentOf(p: P): P | undefined;
    /** The process ended: its children go to init, it becomes a zombie of its parent (or is reaped). */
    exited(p: P): void;
    /**
     * A child stopped by signal `sig` (default action of a stop signal) or continued (`sig` SIGCONT):
     * waitpid(WUNTRACED, WCONTINUED) and waitid report it, and the parent gets SIGCHLD with
     * CLD_STOPPED or CLD_CONTINUED unless its SIGCHLD action has SA_NOCLDSTOP, as on Linux.
     */
    stopped(p: P, sig: number): void;
    /**
     * POSIX's orphaned process group: no live member of `p`'s group has a parent in the same session
     * but in another group (the machine, init, is in none). A stop signal from the terminal would stop
     * such a group for good, so Linux discards SIGTSTP, SIGTTIN and SIGTTOU to it.
     */
    orphanedGroup(p: P): boolean;
    /**
     * POSIX (Linux's kill_orphaned_pgrp): a process group that `p`'s exit leaves orphaned — `p` was
     * its link to the session, as a member whose parent is outside the group, or as the parent of
     * members — and that has a stopped member gets SIGHUP, then SIGCONT: nobody could continue it.
     */
    private hangUpOrphaned;
    private reap;
    /**
     * waitpid(pid, options) for `self`: { pid, status } of a child that ended (reaped) or stopped;
     * 0 with WNOHANG when none has yet; -ECHILD when no child matches; undefined when the caller waits.
     */
    wait(self: P, pid: number, options: number): {
        pid: number;
        status: number;
    } | number | undefined;
    /**
     * waitid(idtype, id, options) for `self`: the child that ended (reaped unless WNOWAIT) or
     * stopped (WSTOPPED); 0 with WNOHANG when none has yet; -ECHILD when no child matches;
     * undefined when the caller waits. `match` says which children idtype and id name.
     */
    waitid(self: P, match: (c: P) => boolean, options: number): WaitidResult | number | undefined;
    /** Subscribes to the events of `self`'s children (a child ended or stopped). */
    subscribeChildren(self: P, wake: () => void): () => void;
    /** setpgid(pid, pgid) asked by `self`: 0 or -errno (ESRCH, EPERM, EINVAL). */
    setpgid(self: P, pid: number, pgid: number): number;
    /** setsid(): the new session's id, or -EPERM for a process group leader. */
    setsid(self: P): number;
    /** getpgid / getsid of `pid` (0: self): the id, or -ESRCH. */
    lookup(self: P, pid: number): P | undefined;
    /** The live members of process group `pgid`. */
    group(pgid: number): P[];
    private groupExists;
}
