/** Runs the comparison `runs` times; writes `outDir`/preempt.json (default: ./bench). */
export declare function benchPreempt(runs?: number, outDir?: string): Promise<Record<string, unknown>>;
