/** Runs the benchmark, prints the table to stdout and writes `outDir`/kernel.json; returns its path. */
export declare function benchKernel(outDir: string, options?: {
    quick?: boolean;
}): Promise<string>;
