import { type CommandDef } from './args.js';
export declare const FWQ_SOURCE: string;
export declare const MPI_FWQ_SOURCE: string;
type Log = (text: string) => void;
/** One FWQ run's statistics, as examples/fwq.c prints them (times in µs). */
export interface FwqStats {
    iterations: number;
    warmup: number;
    workUs: number;
    loops: number;
    minUs: number;
    medianUs: number;
    p99Us: number;
    p999Us: number;
    maxUs: number;
    meanUs: number;
    /** (mean - median) / median, in percent. */
    meanExtraPct: number;
    above1_1x: number;
    above2x: number;
    /** Every iteration's time (ns), when fwq ran with -s. */
    samplesNs?: number[];
}
/** Parses fwq's output; throws naming the line that is missing. */
export declare function parseFwqOutput(text: string): FwqStats;
/** What mpi-fwq prints (times in seconds). */
export interface MpiFwqStats {
    ranks: number;
    iterations: number;
    workUs: number;
    startupS: number;
    completionS: number;
    idealS: number;
    extraPct: number;
}
export declare function parseMpiFwqOutput(text: string): MpiFwqStats;
export interface FwqOptions {
    quick: boolean;
    /** Directory for fwq.json and fwq.svg. */
    out: string;
    /** Measured iterations per variant (default 40000, --quick 2000). */
    iterations?: number;
    /** Keep every sample in fwq.json (it is large); the SVG always has them. */
    samples?: boolean;
    log?: Log;
    help?: boolean;
}
export interface MpiFwqOptions {
    quick: boolean;
    out: string;
    /** Rank counts (default 1, 2, 4). */
    ranks?: number[];
    /** Iterations of work + barrier (default 500, --quick 40). */
    iterations?: number;
    /** Work per iteration in µs (default 1000, --quick 200). */
    workUs?: number;
    log?: Log;
    help?: boolean;
}
export declare const BENCH_FWQ_COMMAND: CommandDef;
export declare const BENCH_MPI_FWQ_COMMAND: CommandDef;
export declare function parseFwqArgs(argv: readonly string[]): FwqOptions | string;
export declare function parseMpiFwqArgs(argv: readonly string[]): MpiFwqOptions | string;
/** The host's C compiler, tried in this order; the binary (cached by content hash) or why not. */
export declare function buildNative(source: string, log: Log): {
    bin: string;
    compiler: string;
} | {
    why: string;
};
export declare const FWQ_VARIANTS: readonly [{
    readonly key: "multiplexed";
    readonly label: "multiplexed, alone";
    readonly color: "#1f77b4";
}, {
    readonly key: "multiplexed-neighbour";
    readonly label: "multiplexed + neighbour";
    readonly color: "#d62728";
}, {
    readonly key: "decoupled-neighbour";
    readonly label: "decoupled + neighbour";
    readonly color: "#2ca02c";
}, {
    readonly key: "isolated-neighbour";
    readonly label: "decoupled + neighbour, own core (--isolate)";
    readonly color: "#bcbd22";
}, {
    readonly key: "native";
    readonly label: "native";
    readonly color: "#4d4d4d";
}, {
    readonly key: "node-wasi";
    readonly label: "node:wasi, alone (the same module, bare)";
    readonly color: "#9467bd";
}, {
    readonly key: "decoupled";
    readonly label: "decoupled, alone (node:wasi's loop count)";
    readonly color: "#17becf";
}];
export type FwqVariantKey = (typeof FWQ_VARIANTS)[number]['key'];
export type FwqVariantResult = {
    stats: FwqStats;
    wallS: number;
    outliers: [number, number][];
} | {
    na: string;
};
export interface FwqResult {
    date: string;
    machine: {
        cpuModel: string;
        cores: number;
        node: string;
        platform: string;
        arch: string;
        /** 1-minute load average when the run started and when it ended. */
        loadAverage: [number, number];
    };
    quick: boolean;
    iterations: number;
    workUs: number;
    native: string;
    results: Record<FwqVariantKey, FwqVariantResult>;
    goals: FwqGoals;
    notes: string[];
}
export interface FwqGoals {
    /** Decoupled beside the neighbour: mean extra over the median (%); goal ≤ 1. */
    decoupledMeanExtraPct?: number;
    decoupledMeanExtraWithin1Pct?: boolean;
    /** Decoupled p99/median over native's p99/median; goal ≤ 1.1. */
    decoupledP99VsNative?: number;
    decoupledP99Within1_1xOfNative?: boolean;
    /** Multiplexed beside the neighbour over decoupled beside it, mean extra; goal ≥ 10. */
    multiplexedVsDecoupledMeanExtra?: number;
    decoupled10xQuieterThanMultiplexed?: boolean;
    /** The same two for the decoupled program on a core of its own (isolateCores). */
    isolatedMeanExtraPct?: number;
    isolatedMeanExtraWithin1Pct?: boolean;
    isolatedP99VsNative?: number;
    isolatedP99Within1_1xOfNative?: boolean;
    /** The same compute loop decoupled over bare under node:wasi, median per iteration; goal ≤ 1.05. */
    decoupledVsNodeWasi?: number;
    decoupledWithin1_05xOfNodeWasi?: boolean;
}
export declare function benchFwq(o: FwqOptions): Promise<FwqResult>;
export declare function fwqGoals(results: Partial<Record<FwqVariantKey, FwqVariantResult>>): FwqGoals;
export declare function formatFwqTable(r: FwqResult): string;
/**
 * The noise plot: one panel per variant, iteration on x, its time on a log y axis shared by all
 * panels; each pixel column is a line from the least to the greatest time of the iterations it
 * covers (so every spike shows), the median a dashed line.
 */
export declare function formatFwqSvg(r: FwqResult): string;
export declare function benchFwqCommand(argv: string[]): Promise<number>;
export declare const MPI_MODES: readonly [{
    readonly key: "multiplexed";
    readonly label: "multiplexed ranks";
    readonly color: "#d62728";
}, {
    readonly key: "decoupled";
    readonly label: "decoupled ranks";
    readonly color: "#2ca02c";
}, {
    readonly key: "native";
    readonly label: "native processes";
    readonly color: "#4d4d4d";
}];
export type MpiModeKey = (typeof MPI_MODES)[number]['key'];
export type MpiCell = MpiFwqStats | {
    na: string;
};
export interface MpiFwqResult {
    date: string;
    machine: FwqResult['machine'];
    quick: boolean;
    iterations: number;
    workUs: number;
    ranks: number[];
    native: string;
    /** Per mode, per rank count (as a string key). */
    results: Record<MpiModeKey, Record<string, MpiCell>>;
    notes: string[];
}
export declare function benchMpiFwq(o: MpiFwqOptions): Promise<MpiFwqResult>;
export declare function formatMpiFwqTable(r: MpiFwqResult): string;
/** Time to completion against rank count, one line per mode, the ideal dashed. */
export declare function formatMpiFwqSvg(r: MpiFwqResult): string;
export declare function benchMpiFwqCommand(argv: string[]): Promise<number>;
export {};
