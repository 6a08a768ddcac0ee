export interface RunEntry {
    runCommand(argv: string[]): Promise<number>;
    finish(status: number): number;
}
/** What the bundle's import.meta.url is (esbuild's define for the CommonJS bundle). */
export declare const BUNDLE_URL_NAME = "__l4wasm_url";
/** The run entry from the bundle at `file`. */
export declare function loadRunBundle(file: string): {
    entry: RunEntry;
    saveCache(): void;
};
