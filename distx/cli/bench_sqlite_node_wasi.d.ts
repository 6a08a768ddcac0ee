/** One run under node:wasi in a child process: the host directory preopened at /data, output to a host file. */
export declare function onNodeWasi(wasm: string, hostDir: string): Promise<{
    ms: number;
    out: string;
}>;
