import { type CommandDef } from './args.js';
export declare const BENCH_PREPARE_COMMAND: CommandDef;
export interface PrepareRow {
    name: string;
    invocation: string;
    moduleBytes: number;
    codeBytes: number;
    /** The transform alone, in a fresh process, empty cache. */
    prepare: {
        outcome: 'done' | 'over time' | 'over memory' | 'failed';
        ms: number;
        peakBytes: number;
        maxRssBytes: number;
        error?: string;
    };
    nodeWasiMs: number;
    firstRunMs: number;
    /**
     * How the first run ran: prepared and multiplexed; decoupled (a fallback line said so); or
     * decoupled while a background process prepared it for the cached runs.
     */
    firstRunMode: 'multiplexed' | 'decoupled' | 'background';
    cachedMs: number;
    /**
     * Where the median cached run's time went: when each phase of its start ended (ms since its
     * Node process started; L4WASM_PHASES, src/guest/start_phases.ts), then its exit and shutdown.
     */
    cachedPhases?: Record<string, number>;
    sameOutput: boolean;
}
export interface Fit {
    perMB: number;
    fixed: number;
}
export interface PrepareResult {
    date: string;
    machine: {
        cpuModel: string;
        cores: number;
        node: string;
        loadAverage: [number, number];
    };
    prepareTimeLimitS: number;
    runs: number;
    rows: PrepareRow[];
    /** Linear fits over the preparations that finished: a fixed cost plus a cost per MB. */
    perMB: {
        note: string;
        msByModuleMB?: Fit;
        mbByModuleMB?: Fit;
        msByCodeMB?: Fit;
        mbByCodeMB?: Fit;
    };
}
export declare function benchPrepare(o: {
    runs: number;
    limitMs: number;
    only?: string[];
    out: string;
    log: (t: string) => void;
}): Promise<PrepareResult>;
export declare function formatPrepareTable(r: PrepareResult): string;
/** Two panels: preparation time and peak memory against code size (log-log), and start times per program. */
export declare function formatPrepareSvg(r: PrepareResult): string;
export declare function benchPrepareCommand(argv: string[]): Promise<number>;
