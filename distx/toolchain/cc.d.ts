/** The package root: this file lives at src/toolchain/cc.ts and, bundled, at dist/toolchain/cc.js. */
export declare const PACKAGE_ROOT: string;
export interface CcOptions {
    cwd?: string;
    /** Loading the toolchain (seconds on a first run) reports here; the task ends once it is loaded. */
    onToolchainLoad?: (label: string, startedAt: number) => {
        end(outcome?: string): void;
    };
    stderr?: (text: string) => void;
    stdout?: (text: string) => void;
}
export interface CcResult {
    status: number;
    /** Host paths written. */
    outputs: string[];
}
/**
 * The message for a file of this package that should be there and is not (`relative` to the
 * package root): it names the package and what to do, for an installed package and a checkout.
 */
export declare function missingArtefact(relative: string, buildScript: string): string;
/** Bump when what cc adds to a link changes, so that cached compiles are redone (compile_cache.ts). */
export declare const CC_LINK_VERSION = 5;
export declare function cc(args: string[], options?: CcOptions): Promise<CcResult>;
