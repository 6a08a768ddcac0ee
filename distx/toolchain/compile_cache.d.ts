import { cacheDir } from './cache_dir.js';
export { cacheDir };
/** Where compileCached reports a compile: a line of text, or a progress reporter (progress.ts). */
/** A step of work a caller shows (the CLI's progress line): ended, with an outcome, once done. */
export interface CompileTask {
    end(outcome?: string): void;
}
export type CompileLog = ((text: string) => void) | {
    start(label: string): CompileTask;
};
/**
 * The wasm path for `source` compiled with `args` (default -O2), compiling only on a cache miss;
 * a compile is reported to `log`.
 */
export declare function compileCached(source: string, args?: string[], log?: CompileLog): Promise<string>;
export declare class CompileError extends Error {
    readonly source: string;
    readonly status: number;
    readonly diagnostics: string;
    constructor(source: string, status: number, diagnostics: string);
}
