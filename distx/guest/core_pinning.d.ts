export declare class CorePinning {
    private readonly run;
    /** Isolated threads and their cores. */
    private readonly cores;
    /** Why pinning is not possible here, once found out. */
    private unavailable;
    /** The cores this process may use (its affinity when pinning began); the first is the vCPU's. */
    private readonly allowed;
    constructor(allowed?: number[] | number, run?: typeof runTaskset);
    /**
     * Gives thread `tid` (a Linux thread id in this process) a core of its own: never core 0, which
     * the vCPU keeps. Returns the core, or why not (every core but the vCPU's is taken, or the host
     * cannot pin).
     */
    isolate(tid: number): number | string;
    /** Thread `tid` ended or left its core: the others may use it again. */
    release(tid: number): void;
    /** The cores not isolated (besides `extra`), as taskset's list. */
    private others;
}
declare function runTaskset(args: string[]): void;
export {};
