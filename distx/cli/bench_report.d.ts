import type { Cell, Cells } from './bench_runners.js';
/** The operations, in the program's order, with the labels people read. */
export declare const OPS: readonly {
    key: string;
    label: string;
}[];
/** Operations measured in one pass per process (reps 1): memory only grows. */
export declare const ONE_PASS_OPS: readonly string[];
/** The columns: each runtime or path, in the order shown. */
export declare const COLUMNS: readonly [{
    readonly key: "native";
    readonly label: "native";
    readonly color: "#4d4d4d";
}, {
    readonly key: "floor";
    readonly label: "bare wasm→JS";
    readonly color: "#b3b3b3";
}, {
    readonly key: "local";
    readonly label: "l4wasm local";
    readonly color: "#1f77b4";
}, {
    readonly key: "server";
    readonly label: "l4wasm server";
    readonly color: "#6baed6";
}, {
    readonly key: "traced";
    readonly label: "l4wasm traced";
    readonly color: "#9ecae1";
}, {
    readonly key: "forwarded";
    readonly label: "l4wasm forwarded";
    readonly color: "#2ca02c";
}, {
    readonly key: "node-wasi";
    readonly label: "node:wasi";
    readonly color: "#d62728";
}, {
    readonly key: "wasi-shim";
    readonly label: "browser_wasi_shim";
    readonly color: "#ff9896";
}, {
    readonly key: "wasm-util";
    readonly label: "wasm-util";
    readonly color: "#ff7f0e";
}];
export type ColumnKey = (typeof COLUMNS)[number]['key'];
/** Every figure of a run. */
export interface BenchResult {
    date: string;
    machine: {
        cpuModel: string;
        cores: number;
        node: string;
        platform: string;
        arch: string;
        memoryGiB: number;
        /** 1-minute load average when the run started and when it ended (other work skews the figures). */
        loadAverage: [number, number];
    };
    quick: boolean;
    /** Which optional parts of the program were built for wasm (and why not). */
    build: Record<string, string>;
    units: 'ns/op';
    ops: readonly {
        key: string;
        label: string;
    }[];
    /** Per column, per operation. */
    results: Partial<Record<ColumnKey | 'local-untraced', Cells>>;
    goals: Goals;
    /** What each runtime's tmpfs, hostfs and ROM rows stand on (MOUNTS of bench_runners). */
    mounts?: Record<string, {
        tmpfs: string;
        hostfs: string;
        rom: string;
    }>;
    /** Further notes on how a column was measured, by column. */
    columnNotes?: Partial<Record<ColumnKey, string>>;
    /** Tracing off: the local path as `l4wasm run` sets it up, against a machine that never traces. */
    tracing?: TracingCost;
}
export interface Goals {
    /** l4wasm local / bare wasm->JS call, for the calls answered in the caller's backend. */
    localVsEmptyCall: Record<string, number>;
    localWithin1_5xOfEmptyCall: boolean;
    /** l4wasm local / node:wasi, for each operation both have. */
    localVsNodeWasi: Record<string, number>;
    localFasterThanNodeWasiEverywhere: boolean;
    /** A forwarded call that does nothing (bench_nop from a decoupled program), ns; goal ≤ 1 µs. */
    forwardedEmptyCallNs?: number;
    forwardedWithin1Us?: boolean;
    /** Issue 15's goals for the local path, each met, missed, or unknown when a figure is missing. */
    issue15: GoalCheck[];
}
/** One goal: l4wasm local's median against a fixed limit or another column's median. */
export interface GoalCheck {
    op: string;
    /** 'ns' for a fixed limit, else the column compared with. */
    against: 'ns' | ColumnKey;
    limit?: number;
    value?: number;
    met?: boolean;
}
export interface TracingCost {
    /** local (trace off) / local-untraced per operation. */
    offRatio: Record<string, number>;
    /** traced / local per operation. */
    onRatio: Record<string, number>;
}
export declare function median(cell: Cell | undefined): number | undefined;
export declare function computeGoals(results: BenchResult['results']): Goals;
export declare function computeTracing(results: BenchResult['results']): TracingCost | undefined;
/** ns as a short figure: 4.1, 52.3, 812, 2,410, 13,200. */
export declare function formatNs(ns: number): string;
/** The terminal table; n/a cells carry a footnote number naming what the runtime lacks. */
export declare function formatTable(r: BenchResult): string;
/** The goals and the cost of tracing, as sentences under the table. */
export declare function formatFindings(r: BenchResult): string;
/** A grouped bar chart, one group per operation, one bar per column, on a log scale with min–max whiskers. */
export declare function formatSvg(r: BenchResult): string;
