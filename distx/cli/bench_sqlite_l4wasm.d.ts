/**
 * One run on l4wasm in a child process; its progress lines go to `log`, its output through
 * HOST-DIR/l4wasm.out. `writeBehind: false`: MachineOptions.writeBehind off.
 */
export declare function onL4wasm(wasm: string, hostDir: string, dir: '/tmp' | '/data', decouple: boolean, log: (s: string) => void, writeBehind?: boolean): Promise<{
    ms: number;
    out: string;
    localCalls: number;
}>;
