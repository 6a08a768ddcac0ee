import { type Cell, type Cells, type RunSetup } from './bench_runners.js';
/** The runtimes a child can run: l4wasm's local path (as `l4wasm run` sets it up) and the anchors. */
export declare const CHILD_RUNTIMES: readonly ["l4wasm", "node-wasi", "wasi-shim", "wasm-util"];
export type ChildRuntime = (typeof CHILD_RUNTIMES)[number];
/** This module's built file: next to this one, or in dist/ when running from src/ (tests). */
export declare function childEntry(): string;
/** A cell as the program's own line, so the parent parses a child like any program. */
export declare function cellLine(op: string, cell: Cell): string;
/** How a child ended: its cells, and the signal that killed it if one did. */
export interface ChildRun {
    cells: Cells;
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
}
/** Runs `runtime` on the program in a child process (under `wrapper`, e.g. strace, if given). */
export declare function runChild(runtime: ChildRuntime, wasm: string, setup: RunSetup, wrapper?: readonly string[]): Promise<ChildRun>;
/** Why node:wasi's processes die after memory growth, as the report says it. */
export declare const NODE_WASI_GROW: string;
/** `passes` runs of one operation, each in a child process of its own: the cells, and how children died. */
export declare function childPasses(runtime: ChildRuntime, wasm: string, op: string, passes: number, setup: Pick<RunSetup, 'quick' | 'onCell'>, log: (t: string) => void): Promise<{
    got: Cell[];
    deaths: string[];
}>;
